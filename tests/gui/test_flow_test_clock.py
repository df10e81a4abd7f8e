"""The app's flow test at a time scale: the simulated gun and the simulated balance share one clock, the
test counts its time on it, so the journal records the flow the gun delivered, never a false verdict.

The gun runs on a stepped clock (it moves only while the flow test waits, once the host has heard the
gun): how long a loaded machine takes to answer adds no simulated time, so the figures do not depend on
the machine's load. The time scale the app sets on it is recorded and read back all the same."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import close_window
from PySide6.QtCore import Qt
from pytest_mock import MockerFixture
from pytestqt.qtbot import QtBot

from gui.device_bridge import LinkState
from gui.main_window import MainWindow
from gui.settings import AppSettings
from gui.widgets.connection_panel import ConnectionTarget, TargetKind
from mesogun.journal import SqliteJournal
from mesogun.journal.calibration_records import CalibrationKind
from mesogun.simulation import SimulatedGunHandle, start_simulated_gun

WAIT_MS = 60_000


@pytest.fixture
def window(qtbot: QtBot, app_settings: AppSettings, sim_name: str, tmp_path: Path) -> Iterator[MainWindow]:
    def factory() -> SimulatedGunHandle:
        from simulators import registry
        from simulators.clock import SteppedClock
        from simulators.gun import SimulatedGun

        # A gun that delivers exactly its nominal volume, so the true verdict is a pass with no error
        # (registered first; start_simulated_gun finds it by name).
        journal = tmp_path / "gun-journal.bin"
        # A watchdog of 5 s instead of 0.5 s: what is checked here is the flow test's
        # clock, and a host starved of CPU for half a second by a loaded machine must not stop the gun.
        gun = SimulatedGun(journal, clock=SteppedClock(), true_volume_factor=1.0, watchdog_ms=5_000)
        registry.register_gun(sim_name, gun)
        return start_simulated_gun(sim_name, journal_path=journal)

    win = MainWindow(app_settings, simulator_factory=factory, journal_path=tmp_path / "journal.sqlite")
    win.resize(1440, 900)
    win.show()
    qtbot.waitExposed(win)
    yield win
    close_window(qtbot, win)


def test_a_flow_test_at_60_times_real_time_records_the_flow_the_gun_delivered(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, sim_name: str, mocker: MockerFixture
) -> None:
    from simulators.registry import get_gun

    panel = window.connection_panel
    panel.select_target(ConnectionTarget(TargetKind.SIMULATOR))
    qtbot.mouseClick(panel.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.bridge.state is LinkState.CONNECTED, timeout=WAIT_MS)
    gun = window.simulator_host.gun
    assert gun is not None and gun.clock_scale == 1.0
    set_scale = mocker.spy(get_gun(sim_name).clock, "set_scale")

    window.show_page(window.technician_page)
    flow = window.technician_page.flow_tab
    window.technician_page.tabs.setCurrentWidget(flow)
    qtbot.waitUntil(flow.scale_spin.isEnabled, timeout=WAIT_MS)  # offered for the simulated gun
    flow.technician_edit.setText("C. Roux")
    flow.syringe_edit.setText("BD Plastipak 10 ml")
    flow.declare_check.setChecked(True)
    flow.flow_spin.setValue(5.0)
    flow.duration_spin.setValue(4.0)  # 8 samples of 30 s
    flow.analysis_spin.setValue(1.0)
    flow.scale_spin.setValue(60.0)
    flow.start_button.click()
    qtbot.waitUntil(lambda: flow.result is not None, timeout=WAIT_MS)

    result = flow.result
    assert result is not None and result.analysis is not None
    assert result.passed, result.reason
    assert abs(result.analysis.overall_error_pct) < 2.0  # the gun's true flow, not the clocks' mismatch
    with SqliteJournal(tmp_path / "journal.sqlite") as journal:
        (record,) = journal.calibrations()
    assert record.kind is CalibrationKind.FLOW and record.passed
    assert record.figures.flow is not None and abs(record.figures.flow.overall_error_pct) < 2.0
    qtbot.waitUntil(lambda: gun.clock_scale == 1.0, timeout=WAIT_MS)  # the gun back in real time
    assert [c.args for c in set_scale.call_args_list] == [(60.0,), (1.0,)]  # at the test's scale meanwhile


def test_the_time_scale_is_offered_for_the_simulated_gun_only(qtbot: QtBot, window: MainWindow) -> None:
    flow = window.technician_page.flow_tab
    assert not flow.scale_spin.isEnabled() and flow.scale_spin.value() == 1.0  # no gun yet

"""The technician page as a technician uses it, offscreen, against the simulated gun over pyserial."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from ui_texts import untranslated

from firmware_protocol import DeviceState, Mode
from gui.device_bridge import DeviceBridge, LinkState
from gui.pages.technician_page import TechnicianPage
from gui.widgets.calibration_warning import calibration_warning_text
from mesogun.device_info import CalibrationFactors
from mesogun.diagnostics_calibration import CalibrationState, check_calibration
from mesogun.injector import Injector
from mesogun.simulation import SimulatedGunHandle, start_simulated_gun

WAIT_MS = 30_000
ACCESS_CODE = "1234"  # the simulated gun's technician access code


@pytest.fixture
def gun(sim_name: str, tmp_path: Path) -> Iterator[SimulatedGunHandle]:
    handle = start_simulated_gun(sim_name, clock_scale=20.0, journal_path=tmp_path / "gun-journal")
    yield handle
    handle.close()


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[DeviceBridge]:
    instance = DeviceBridge()
    yield instance
    instance.shutdown()


@pytest.fixture
def page(qtbot: QtBot, bridge: DeviceBridge, tmp_path: Path) -> Iterator[TechnicianPage]:
    widget = TechnicianPage(bridge, tmp_path / "journal.sqlite")
    qtbot.addWidget(widget)
    widget.resize(1440, 900)
    widget.show()
    yield widget
    widget.shutdown()


def _connect(qtbot: QtBot, bridge: DeviceBridge, gun: SimulatedGunHandle) -> None:
    with qtbot.waitSignal(bridge.connected, timeout=WAIT_MS):
        bridge.connect_device(url=gun.url)
    assert bridge.state is LinkState.CONNECTED


def _on_gun(qtbot: QtBot, bridge: DeviceBridge, action: Callable[[Injector], Any]) -> Any:
    """Run ``action`` on the bridge's worker thread and wait for its result."""
    results: list[Any] = []
    errors: list[BaseException] = []
    bridge.call("test", action, results.append, errors.append)
    qtbot.waitUntil(lambda: bool(results or errors), timeout=WAIT_MS)
    if errors:
        raise errors[0]
    return results[0]


def _fire(injector: Injector, count: int) -> None:
    injector.load_syringe(10, 10_000)
    injector.configure(Mode.SINGLE, 1.5, 20.0, 500.0)
    injector.arm()
    injector.fire(count)
    deadline = time.monotonic() + 20.0
    while injector.status().state is not DeviceState.ARMED and time.monotonic() < deadline:
        time.sleep(0.02)
    injector.disarm()


def test_diagnostics_tab_shows_the_serial_and_a_self_test_verdict(
    qtbot: QtBot, page: TechnicianPage, bridge: DeviceBridge, gun: SimulatedGunHandle
) -> None:
    diagnostics = page.diagnostics
    _connect(qtbot, bridge, gun)
    qtbot.waitUntil(lambda: diagnostics.serial_value() == gun.serial_number, timeout=WAIT_MS)
    assert not diagnostics.self_test_verdict.text().startswith("Self-test")
    diagnostics.self_test_button.click()
    qtbot.waitUntil(lambda: "Self-test passed" in diagnostics.self_test_verdict.text(), timeout=WAIT_MS)
    gun.set_occlusion(True)
    diagnostics.self_test_button.click()
    qtbot.waitUntil(lambda: "Self-test failed" in diagnostics.self_test_verdict.text(), timeout=WAIT_MS)
    assert "Occlusion" in diagnostics.self_test_verdict.text()


def test_the_event_log_lists_the_shots_and_the_link_statistics_refresh(
    qtbot: QtBot, page: TechnicianPage, bridge: DeviceBridge, gun: SimulatedGunHandle
) -> None:
    diagnostics = page.diagnostics
    _connect(qtbot, bridge, gun)
    _on_gun(qtbot, bridge, lambda injector: _fire(injector, 3))
    diagnostics.read_log_button.click()
    qtbot.waitUntil(lambda: diagnostics.log_kinds().count("Shot") == 3, timeout=WAIT_MS)
    assert diagnostics.log_table.item(0, 2).text() == "State"  # newest first: disarmed after the shots
    qtbot.waitUntil(lambda: diagnostics.shot_counter_value() == "3", timeout=WAIT_MS)
    frames_before = int(diagnostics.link_value("frames"))
    _on_gun(qtbot, bridge, lambda injector: [injector.status() for _ in range(5)])
    qtbot.waitUntil(lambda: int(diagnostics.link_value("frames")) >= frames_before + 5, timeout=WAIT_MS)


def test_an_alarm_shows_in_the_alarm_history(
    qtbot: QtBot, page: TechnicianPage, bridge: DeviceBridge, gun: SimulatedGunHandle
) -> None:
    diagnostics = page.diagnostics
    _connect(qtbot, bridge, gun)
    gun.set_battery(5)
    qtbot.waitUntil(lambda: _on_gun(qtbot, bridge, lambda i: bool(i.status().alarms)), timeout=WAIT_MS)
    diagnostics.read_log_button.click()
    qtbot.waitUntil(lambda: diagnostics.alarm_counts.rowCount() >= 1, timeout=WAIT_MS)
    counts = diagnostics.alarm_counts
    alarms = [counts.item(row, 0).text() for row in range(counts.rowCount())]
    assert "Battery low: connect the charger" in alarms


def test_technician_mode_is_explicit_and_left_when_the_page_is_left(
    qtbot: QtBot, page: TechnicianPage, bridge: DeviceBridge, gun: SimulatedGunHandle
) -> None:
    bar = page.mode_bar
    _connect(qtbot, bridge, gun)
    qtbot.waitUntil(lambda: bar.badge.text() == "Technician mode off", timeout=WAIT_MS)
    bar.code_edit.setText("999")
    bar.enter_button.click()
    qtbot.waitUntil(lambda: "refused" in bar.message.text(), timeout=WAIT_MS)
    assert not bar.technician_mode
    bar.code_edit.setText(ACCESS_CODE)
    bar.enter_button.click()
    qtbot.waitUntil(lambda: bar.technician_mode, timeout=WAIT_MS)
    assert bar.badge.text().startswith("Technician mode ON")
    assert _on_gun(qtbot, bridge, lambda injector: injector.status().technician_mode)
    page.hide()
    qtbot.waitUntil(
        lambda: not _on_gun(qtbot, bridge, lambda injector: injector.status().technician_mode),
        timeout=WAIT_MS,
    )


def test_the_calibration_warning_names_a_missing_or_expired_calibration(
    qtbot: QtBot, page: TechnicianPage, bridge: DeviceBridge, gun: SimulatedGunHandle
) -> None:
    banner = page.calibration_banner
    _connect(qtbot, bridge, gun)
    qtbot.waitUntil(lambda: banner.warning is not None, timeout=WAIT_MS)
    assert banner.isVisible() and "never been calibrated" in banner.label.text()
    assert banner.check_result is not None and banner.check_result.state is CalibrationState.MISSING
    now = _on_gun(qtbot, bridge, lambda injector: injector.status().device_time)
    expired = CalibrationFactors(3, 10.6, 0.0, 1.0, now - timedelta(days=366), now - timedelta(days=1))
    text = calibration_warning_text(check_calibration(expired, now))
    assert text is not None and "expired on" in text
    valid = CalibrationFactors(3, 10.6, 0.0, 1.0, now, now + timedelta(days=365))
    assert calibration_warning_text(check_calibration(valid, now)) is None
    bridge.disconnect_device()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=WAIT_MS)


def test_french_diagnostics_has_no_untranslated_text(
    qtbot: QtBot, french: None, bridge: DeviceBridge, gun: SimulatedGunHandle, tmp_path: Path
) -> None:
    page = TechnicianPage(bridge, tmp_path / "journal.sqlite")
    qtbot.addWidget(page)
    page.resize(1440, 900)
    page.show()
    try:
        _connect(qtbot, bridge, gun)
        _on_gun(qtbot, bridge, lambda injector: _fire(injector, 2))
        page.diagnostics.read_log_button.click()
        qtbot.waitUntil(lambda: page.diagnostics.log_kinds().count("Injection") == 2, timeout=WAIT_MS)
        page.diagnostics.self_test_button.click()
        qtbot.waitUntil(lambda: page.diagnostics.last_self_test is not None, timeout=WAIT_MS)
        model = bridge.info.model if bridge.info is not None else ""
        # The model name is the gun's own text (from its handshake), shown as the gun reports it.
        leftovers = [(where, text) for where, text in untranslated(page) if text != model]
        assert leftovers == []
    finally:
        page.shutdown()

"""The main window with a simulated gun: connect, see telemetry, pull the trigger, see the shot, STOP,
alarms, and the window's memory and close confirmation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import press_on_next_box
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from ui_texts import untranslated

from firmware_protocol import AlarmCode
from gui.device_bridge import LinkState
from gui.main_window import MainWindow
from gui.settings import AppSettings
from gui.widgets.alarm_banner import BannerLevel
from gui.widgets.connection_panel import ConnectionTarget, TargetKind
from mesogun.simulation import SimulatedGunHandle, start_simulated_gun

TIMEOUT_MS = 20_000


@pytest.fixture
def window(qtbot: QtBot, app_settings: AppSettings, sim_name: str, tmp_path: Path) -> Iterator[MainWindow]:
    def factory() -> SimulatedGunHandle:
        return start_simulated_gun(sim_name, clock_scale=20.0, journal_path=tmp_path / "gun-journal")

    win = MainWindow(app_settings, simulator_factory=factory)
    # Not handed to qtbot: its own teardown would close the window with no one to answer the
    # confirmation box. The window is closed here instead.
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.isVisible():
        if win.bridge.is_connected or win.session.active:
            # Only then is a question asked: a press left waiting would answer a later test's box.
            _answer_next_box(QMessageBox.StandardButton.Close)
        win.close()
    win.deleteLater()


def _answer_next_box(button: QMessageBox.StandardButton) -> None:
    """Press ``button`` on the next modal message box (the close confirmation)."""
    press_on_next_box(button)


def _connect_simulated(qtbot: QtBot, win: MainWindow) -> None:
    panel = win.connection_panel
    panel.select_target(ConnectionTarget(TargetKind.SIMULATOR))
    qtbot.mouseClick(panel.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.bridge.state is LinkState.CONNECTED, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: panel.serial_value.text() == "SIM-0001", timeout=TIMEOUT_MS)


def _arm_with_a_full_syringe(qtbot: QtBot, win: MainWindow) -> None:
    controls = win.connection_page.delivery
    qtbot.mouseClick(controls.load_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "µl" in win.connection_panel.syringe_value.text(), timeout=TIMEOUT_MS)
    qtbot.mouseClick(controls.arm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.connection_panel.device_state_value.text() == "Armed", timeout=TIMEOUT_MS)


def test_connect_pull_the_trigger_and_see_the_shot(qtbot: QtBot, window: MainWindow) -> None:
    page = window.connection_page
    assert not page.simulator.trigger_button.isEnabled()  # nothing to pull before a simulated gun runs
    _connect_simulated(qtbot, window)
    assert window.connection_panel.state_value.text() == "Connected"
    assert page.simulator.trigger_button.isEnabled()
    qtbot.waitUntil(lambda: len(page.plot.ring) > 0, timeout=TIMEOUT_MS)  # live telemetry flows
    _arm_with_a_full_syringe(qtbot, window)

    assert page.shots.shot_count == 0
    qtbot.mouseClick(page.simulator.trigger_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.shots.shot_count == 1, timeout=TIMEOUT_MS)
    assert page.shots.table.rowCount() == 1
    assert page.shots.summary.text().startswith("Shots: 1 — delivered:")
    assert page.shots.delivered_ul > 0

    qtbot.mouseClick(page.simulator.trigger_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.shots.shot_count == 2, timeout=TIMEOUT_MS)


def test_escape_stops_an_armed_gun(qtbot: QtBot, window: MainWindow) -> None:
    _connect_simulated(qtbot, window)
    _arm_with_a_full_syringe(qtbot, window)
    qtbot.keyClick(window.connection_page, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.connection_panel.device_state_value.text() == "Idle", timeout=TIMEOUT_MS)
    assert window.connection_page.delivery.arm_button.isEnabled()


def test_an_occlusion_shows_a_high_priority_banner_until_cleared(qtbot: QtBot, window: MainWindow) -> None:
    _connect_simulated(qtbot, window)
    _arm_with_a_full_syringe(qtbot, window)
    simulator = window.connection_page.simulator
    qtbot.mouseClick(simulator.occlusion_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(simulator.trigger_button, Qt.MouseButton.LeftButton)
    banner = window.alarm_banner
    qtbot.waitUntil(lambda: AlarmCode.OCCLUSION in banner.active_codes(), timeout=TIMEOUT_MS)
    assert banner.level_of(AlarmCode.OCCLUSION) is BannerLevel.HIGH
    assert banner.isVisible()

    qtbot.mouseClick(simulator.occlusion_button, Qt.MouseButton.LeftButton)  # the line is clear again
    # The simulated gun's controls run on their own worker: acknowledge once the line is really clear.
    qtbot.waitUntil(lambda: simulator.worker.pending == 0, timeout=TIMEOUT_MS)
    button = banner.acknowledge_button(AlarmCode.OCCLUSION)
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: AlarmCode.OCCLUSION not in banner.active_codes(), timeout=TIMEOUT_MS)


def test_a_low_battery_shows_one_alarm(qtbot: QtBot, window: MainWindow) -> None:
    _connect_simulated(qtbot, window)
    simulator = window.connection_page.simulator
    qtbot.mouseClick(simulator.battery_button, Qt.MouseButton.LeftButton)  # 8 %: below 30 % and 10 %
    banner = window.alarm_banner
    qtbot.waitUntil(lambda: AlarmCode.BATTERY_LOW in banner.active_codes(), timeout=TIMEOUT_MS)
    # The gun reports its alarms in order on one line: a warning raised with it would be shown already.
    assert banner.active_codes() == [AlarmCode.BATTERY_LOW]
    assert banner.level_of(AlarmCode.BATTERY_LOW) is BannerLevel.MEDIUM


def test_closing_while_connected_asks_first(qtbot: QtBot, window: MainWindow) -> None:
    _connect_simulated(qtbot, window)
    _answer_next_box(QMessageBox.StandardButton.Cancel)
    window.close()
    assert window.isVisible() and window.bridge.is_connected

    _answer_next_box(QMessageBox.StandardButton.Close)
    window.close()
    assert not window.isVisible()


def test_geometry_is_remembered(qtbot: QtBot, app_settings: AppSettings) -> None:
    first = MainWindow(app_settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(1111, 777)
    qtbot.waitUntil(lambda: first.width() == 1111, timeout=TIMEOUT_MS)
    first.close()  # not connected: closes without asking

    second = MainWindow(app_settings)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (1111, 777)
    second.close()


def test_connected_window_is_all_french(qtbot: QtBot, french: None, window: MainWindow) -> None:
    _connect_simulated(qtbot, window)
    qtbot.waitUntil(lambda: window.connection_panel.battery_value.text() != "—", timeout=TIMEOUT_MS)
    assert untranslated(window) == []


def test_holding_the_trigger_gives_a_nappage_burst(qtbot: QtBot, window: MainWindow) -> None:
    _connect_simulated(qtbot, window)
    controls = window.connection_page.delivery
    controls.mode_combo.setCurrentIndex(controls.mode_combo.findText("Nappage (burst)"))
    controls.rate_spin.setValue(9.0)
    _arm_with_a_full_syringe(qtbot, window)
    page = window.connection_page
    qtbot.mousePress(page.simulator.trigger_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.shots.shot_count >= 3, timeout=TIMEOUT_MS)  # shots while held
    qtbot.mouseRelease(page.simulator.trigger_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.connection_panel.device_state_value.text() == "Armed", timeout=TIMEOUT_MS)

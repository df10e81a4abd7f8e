"""Closing the window mid-session asks; pausing and closing leaves the gun disarmed and the session
open in the journal, and the next start offers to resume it where the journal says; it then completes
without any shot given twice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import SESSION_CLOCK_SCALE, SESSION_WAIT_MS, SessionDriver, close_window, press_on_next_box
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from firmware_protocol import DeviceState
from gui.main_window import MainWindow
from gui.settings import AppSettings
from mesogun.journal import SessionStatus, SqliteJournal
from mesogun.journal.host_remarks import HostRemark
from mesogun.session import PointStatus, SessionState
from mesogun.simulation import start_simulated_gun
from mesogun.vocabulary import remark_code


@pytest.fixture
def second_window(
    qtbot: QtBot, app_settings: AppSettings, sim_name: str, tmp_path: Path
) -> Iterator[list[MainWindow]]:
    """Windows opened later on the same journal and gun memory (the application started again)."""
    windows: list[MainWindow] = []
    yield windows
    for window in windows:
        close_window(qtbot, window)


def _open_again(app_settings: AppSettings, sim_name: str, tmp_path: Path) -> MainWindow:
    def factory() -> Any:
        return start_simulated_gun(
            sim_name, clock_scale=SESSION_CLOCK_SCALE, journal_path=tmp_path / "gun-journal.bin"
        )

    window = MainWindow(app_settings, simulator_factory=factory, journal_path=tmp_path / "journal.sqlite")
    window.resize(1440, 900)
    window.show()
    return window


def test_close_mid_session_then_resume_at_the_next_start(
    driver: SessionDriver,
    second_window: list[MainWindow],
    app_settings: AppSettings,
    sim_name: str,
    tmp_path: Path,
) -> None:
    driver.connect()
    driver.setup.choose_builtin("mesostress")
    driver.fill_setup()
    driver.start()
    for index in range(3):
        driver.wait_armed_at(index)
        driver.pull_trigger()
    driver.wait_armed_at(3)
    session_id = driver.snapshot.session_id
    gun = driver.gun
    first_shots = driver.true_event_numbers()

    window = driver.window
    press_on_next_box(QMessageBox.StandardButton.Cancel)
    window.close()
    assert window.isVisible() and window.session.active  # Cancel: nothing changed
    assert driver.snapshot.state is SessionState.RUNNING

    press_on_next_box(QMessageBox.StandardButton.Close)  # "Pause and close"
    window.close()
    driver.qtbot.waitUntil(lambda: not window.isVisible(), timeout=SESSION_WAIT_MS)
    assert gun.state is DeviceState.IDLE  # paused (disarmed between shots) before the link closed
    with SqliteJournal(driver.journal_path) as journal:
        assert journal.session(session_id).status is SessionStatus.OPEN

    again = _open_again(app_settings, sim_name, tmp_path)
    second_window.append(again)
    resumed = SessionDriver(driver.qtbot, again, sim_name, driver.journal_path)
    box = again.session_area.setup_page.open_sessions
    driver.qtbot.waitUntil(lambda: box.isVisible(), timeout=SESSION_WAIT_MS)
    assert [s.session_id for s in box.sessions] == [session_id]
    assert box.table.item(0, 3).text() == "point 4/10: C7 (HT7) — Shenmen, right"
    assert not box.resume_button.isEnabled()  # no gun yet
    resumed.connect()
    assert box.resume_button.isEnabled()
    driver.qtbot.mouseClick(box.resume_button, Qt.MouseButton.LeftButton)

    waiting = resumed.wait_for(lambda s: s.state is SessionState.PAUSED and s.current_index == 3)
    assert [p.status for p in waiting.points[:3]] == [PointStatus.DONE] * 3
    run = resumed.run
    assert again.session_area.currentWidget() is run
    # The gun was switched off and on: it holds no syringe, so the session asks for one first.
    driver.qtbot.mouseClick(run.controls.resume_button, Qt.MouseButton.LeftButton)
    driver.qtbot.waitUntil(lambda: run.error.isVisible(), timeout=SESSION_WAIT_MS)
    assert "no filled syringe" in run.error.text()
    driver.qtbot.mouseClick(run.controls.syringe_button, Qt.MouseButton.LeftButton)
    dialog = run.syringe_dialog
    assert dialog is not None
    for index in range(len(dialog.lots.rows)):
        dialog.lots.fill(index, f"L{index + 1}-2302", date(2031, 12, 31))
    driver.qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    resumed.qtbot.waitUntil(lambda: "syringe changed" in resumed.snapshot.message, timeout=SESSION_WAIT_MS)
    driver.qtbot.mouseClick(run.controls.resume_button, Qt.MouseButton.LeftButton)
    for index in range(3, 10):
        resumed.wait_armed_at(index)
        resumed.pull_trigger()
    final = resumed.wait_for(lambda s: s.state is SessionState.COMPLETED)

    with SqliteJournal(driver.journal_path) as journal:
        doses = journal.doses(final.session_id or "")
        record = journal.session(final.session_id or "")
    assert record.status is SessionStatus.COMPLETED
    assert [d.point_index for d in doses] == list(range(10))
    assert [d.event_number for d in doses] == first_shots + resumed.true_event_numbers()


def test_ending_the_session_on_close_closes_it_in_the_journal(driver: SessionDriver) -> None:
    driver.connect()
    driver.setup.choose_builtin("mesostress")
    driver.fill_setup()
    driver.start()
    driver.pull_trigger()
    driver.wait_armed_at(1)
    session_id = driver.snapshot.session_id
    gun = driver.gun

    def press_end() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press_end)
            return
        end = next(b for b in box.buttons() if b.text() == "End the session and close")
        end.click()

    QTimer.singleShot(0, press_end)
    window = driver.window
    window.close()
    driver.qtbot.waitUntil(lambda: not window.isVisible(), timeout=SESSION_WAIT_MS)
    assert gun.state is DeviceState.IDLE
    with SqliteJournal(driver.journal_path) as journal:
        record = journal.session(session_id or "")
    assert record.status is SessionStatus.ABORTED
    assert remark_code(record.abort_reason) is HostRemark.EARLY_END

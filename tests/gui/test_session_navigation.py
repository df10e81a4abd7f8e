"""Moving between the screens: Ctrl+1…4, the session shown first; the technician and bench screens
closed while a session runs; from the history, a past session opens read-only in the summary."""

from __future__ import annotations

from conftest import SESSION_WAIT_MS, SessionDriver
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mesogun.session import SessionState

CTRL = Qt.KeyboardModifier.ControlModifier


def _press(driver: SessionDriver, key: Qt.Key) -> None:
    window = driver.window
    window.activateWindow()
    driver.qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=SESSION_WAIT_MS)
    driver.qtbot.keyClick(window, key, CTRL)


def test_screens_by_keyboard_and_a_past_session_from_the_history(driver: SessionDriver) -> None:
    window = driver.window
    assert window.current_page() is window.session_area  # the session workflow comes first
    assert window.nav_actions["session"].isChecked()
    for key, page in (
        (Qt.Key.Key_2, window.history_page),
        (Qt.Key.Key_3, window.technician_page),
        (Qt.Key.Key_4, window.connection_page),
        (Qt.Key.Key_1, window.session_area),
    ):
        _press(driver, key)
        assert window.current_page() is page
    assert "Ctrl+2" in window.nav_actions["history"].toolTip()

    driver.connect()
    driver.setup.choose_builtin("mesostress")
    driver.fill_setup()
    driver.start()
    # The technician's procedures and the bench command the gun: closed during a session.
    assert not window.nav_actions["technician"].isEnabled()
    assert not window.nav_actions["bench"].isEnabled()
    _press(driver, Qt.Key.Key_4)
    assert window.current_page() is window.session_area
    _press(driver, Qt.Key.Key_2)  # the history stays open to read
    assert window.current_page() is window.history_page
    _press(driver, Qt.Key.Key_1)

    driver.key(Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier)  # points left: asks why
    run = driver.run
    driver.qtbot.waitUntil(lambda: run.reason_dialog is not None and run.reason_dialog.isVisible())
    assert run.reason_dialog is not None
    run.reason_dialog.set_reason("Patient's request")
    run.reason_dialog.accept()
    ended = driver.wait_for(lambda s: s.state is SessionState.STOPPED)
    summary = window.summary_page
    driver.qtbot.waitUntil(lambda: window.current_page() is summary, timeout=SESSION_WAIT_MS)
    assert window.nav_actions["bench"].isEnabled()

    _press(driver, Qt.Key.Key_2)
    history = window.history_page
    driver.qtbot.waitUntil(
        lambda: ended.session_id in [s.session_id for s in history.shown_sessions], timeout=SESSION_WAIT_MS
    )
    assert history.table.select(ended.session_id or "")
    driver.qtbot.mouseClick(history.open_button, Qt.MouseButton.LeftButton)
    driver.qtbot.waitUntil(lambda: window.current_page() is summary, timeout=SESSION_WAIT_MS)
    assert summary.read_only
    driver.qtbot.mouseClick(summary.back_button, Qt.MouseButton.LeftButton)
    assert window.current_page() is history

"""STOP reaches the gun whatever is on screen: F12, Esc and the dialog's own STOP button, with each
dialog of a session open over an armed gun (invariant 8). The gun's own state says it stopped.

A new dialog that can be open while the gun is armed gets one line in ``DIALOGS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from conftest import SESSION_WAIT_MS, SessionDriver
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from firmware_protocol import DeviceState
from gui.session_texts import point_title
from gui.settings_dialog import SettingsDialog
from gui.stop_everywhere import stop_buttons
from gui.widgets.plan_editor import PlanEditorDialog
from gui.widgets.session_dialogs import (
    OverrideDialog,
    PartialPointDialog,
    ReasonDialog,
    ShortcutsDialog,
    SyringeChangeDialog,
    TooSoonDialog,
)

#: Polls of the gun's state before a STOP is declared lost (a bound against a hung test, not a timing).
POLL_MS = 20
POLLS = SESSION_WAIT_MS // POLL_MS


def _soft_limit_confirmation(driver: SessionDriver) -> None:
    # Opened as the page opens it for a point outside the usual range, over the armed first point.
    point = driver.window.session.plan.points()[0]
    # Not the page's own (it closes that one once no confirmation is awaited); the page keeps it alive.
    OverrideDialog(point_title(point), ["depth 8.0 mm > 6.0 mm"], driver.run).open()


def _too_soon_question(driver: SessionDriver) -> None:
    # Opened as the session area opens it for a session too soon in its course (here over an armed gun).
    dialog = TooSoonDialog("The previous session was 2.0 h ago.", driver.run)
    dialog.open()


def _plan_editor(driver: SessionDriver) -> None:
    # The plan editor over the armed gun (the setup page opens it; the run page keeps it alive here).
    plan = driver.window.session.plan
    assert plan is not None
    PlanEditorDialog(plan, driver.run).open()


def _partial_point_choice(driver: SessionDriver) -> None:
    # Opened as the page opens it for a point a cut shot left short, over the armed first point.
    point = driver.window.session.plan.points()[0]
    run = driver.run
    run.partial_dialog = PartialPointDialog(
        point_title(point),
        delivered_ul=34.0,
        target_ul=50.0,
        remainder_ul=16.0,
        remainder_shot_ul=16.0,
        whole_shots=0,
        can_complete=True,
        parent=run,
    )
    run.partial_dialog.open()


@dataclass(frozen=True)
class DialogCase:
    """A dialog of the session, the class it is, and how the practitioner opens it."""

    name: str
    kind: type[QWidget]
    open: Callable[[SessionDriver], object]


DIALOGS = [
    DialogCase("skip reason", ReasonDialog, lambda d: d.run.ask_skip()),
    DialogCase("abort reason", ReasonDialog, lambda d: d.run.ask_abort()),
    DialogCase("end with points left", ReasonDialog, lambda d: d.run.ask_end()),
    DialogCase("syringe change", SyringeChangeDialog, lambda d: d.run.ask_syringe()),
    DialogCase("soft-limit confirmation", OverrideDialog, _soft_limit_confirmation),
    DialogCase("session too soon", TooSoonDialog, _too_soon_question),
    DialogCase("plan editor", PlanEditorDialog, _plan_editor),
    DialogCase("point left short by a cut shot", PartialPointDialog, _partial_point_choice),
    DialogCase("keyboard shortcuts", ShortcutsDialog, lambda d: d.run.show_shortcuts()),
    DialogCase("settings", SettingsDialog, lambda d: d.window.open_settings()),
    DialogCase("close during the session", QMessageBox, lambda d: d.window.close()),
    DialogCase("disconnect during the session", QMessageBox, lambda d: d.window.disconnect_from_gun()),
]


def _press_f12(dialog: QWidget) -> None:
    QTest.keyClick(dialog, Qt.Key.Key_F12)


def _press_escape(dialog: QWidget) -> None:
    QTest.keyClick(dialog, Qt.Key.Key_Escape)


def _click_its_stop_button(dialog: QWidget) -> None:
    buttons = stop_buttons(dialog)
    assert buttons, f"{type(dialog).__name__} has no STOP button"
    buttons[0].click()


WAYS: dict[str, Callable[[QWidget], None]] = {
    "F12": _press_f12,
    "Esc": _press_escape,
    "its STOP button": _click_its_stop_button,
}


def _open_dialog(kind: type[QWidget]) -> QWidget | None:
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return shown[-1] if shown else None


def _stop_with_dialog_open(
    driver: SessionDriver, case: DialogCase, press: Callable[[QWidget], None]
) -> dict[str, object]:
    """Open the dialog, STOP through it, wait for the gun to be idle, close the dialog; what was seen.

    Runs inside the event loop (a dialog opened with ``exec()`` blocks until it is closed).
    """
    seen: dict[str, object] = {}
    polls = iter(range(POLLS))

    def close(dialog: QWidget) -> None:
        if dialog.isVisible() and isinstance(dialog, QDialog):
            dialog.reject()
        seen["done"] = True

    def watch(dialog: QWidget) -> None:
        if driver.gun.state is DeviceState.IDLE or next(polls, None) is None:
            seen["gun"] = driver.gun.state
            seen["still_open"] = dialog.isVisible()
            close(dialog)
        else:
            QTimer.singleShot(POLL_MS, lambda: watch(dialog))

    def act() -> None:
        dialog = _open_dialog(case.kind)
        if dialog is None:
            if next(polls, None) is None:
                seen["done"] = True
                return
            QTimer.singleShot(POLL_MS, act)
            return
        seen["armed_before"] = driver.gun.state is DeviceState.ARMED
        press(dialog)
        watch(dialog)

    QTimer.singleShot(0, act)
    case.open(driver)
    driver.qtbot.waitUntil(lambda: "done" in seen, timeout=2 * SESSION_WAIT_MS)
    return seen


@pytest.mark.parametrize("case", DIALOGS, ids=[case.name for case in DIALOGS])
def test_stop_reaches_the_gun_from_each_session_dialog(driver: SessionDriver, case: DialogCase) -> None:
    driver.connect()
    driver.setup.choose_builtin("mesostress")
    driver.fill_setup()
    driver.start()

    for way, press in WAYS.items():
        seen = _stop_with_dialog_open(driver, case, press)
        assert seen.get("armed_before") is True, f"{case.name}: not opened over an armed gun"
        assert seen.get("gun") is DeviceState.IDLE, f"{case.name}, {way}: the gun is still {seen.get('gun')}"
        if way != "its STOP button":
            # The key stops the gun; it does not answer the question.
            assert seen.get("still_open") is True, f"{case.name}, {way}: the key closed the dialog"
        driver.wait_for(lambda s: not s.armed)
        driver.window.session.resume()
        driver.wait_armed_at(0)
    assert driver.gun.truth.shots == []

"""The session screens in French: setup, running session, alarm, dialogs; no visible text left in
English (key names are the keyboard's, not words)."""

from __future__ import annotations

from datetime import date, timedelta

from conftest import SESSION_WAIT_MS, SessionDriver
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from ui_texts import untranslated

from firmware_protocol import AlarmCode
from mesogun.session import SessionState


def _interface_leftovers(root: QWidget, keys: frozenset[str] = frozenset()) -> list[str]:
    return [f"{where}: {text}" for where, text in untranslated(root) if text not in keys]


def test_the_session_screens_are_all_french(french: None, driver: SessionDriver) -> None:
    window, setup = driver.window, driver.setup
    assert _interface_leftovers(window) == []  # nothing connected yet
    driver.connect()
    setup.choose_builtin("mesostress")
    driver.fill_setup(expiry=date.today() - timedelta(days=3))
    driver.qtbot.mouseClick(setup.screening.rows["allergie"].yes, Qt.MouseButton.LeftButton)
    driver.qtbot.mouseClick(setup.screening.rows["diabete"].yes, Qt.MouseButton.LeftButton)
    assert setup.lots.rows[0].status.isVisible()
    assert setup.missing.text().startswith("Pour démarrer\u00a0:")
    assert _interface_leftovers(window) == []

    for index in range(len(setup.lots.rows)):
        setup.lots.fill(index, f"L{index + 1}-2401", date.today() + timedelta(days=200))
    driver.qtbot.mouseClick(setup.screening.rows["allergie"].no, Qt.MouseButton.LeftButton)
    driver.qtbot.keyClicks(setup.screening.rows["diabete"].reason, "HbA1c 7,2 %")
    driver.start()
    driver.pull_trigger()
    driver.wait_armed_at(1)
    run = driver.run
    assert run.state_badge.text() == "En cours"
    assert run.card.instruction.text() == "Armé\u00a0: appuyez sur la gâchette du pistolet (ou Espace)."
    assert _interface_leftovers(window) == []

    driver.gun.set_occlusion(True)
    driver.pull_trigger()
    driver.wait_for(lambda s: s.state is SessionState.ALARM)
    driver.qtbot.waitUntil(
        lambda: AlarmCode.OCCLUSION in window.alarm_banner.active_codes(), timeout=SESSION_WAIT_MS
    )
    assert run.state_badge.text() == "Alarme"
    assert _interface_leftovers(window) == []
    driver.gun.set_occlusion(False)
    driver.key(Qt.Key.Key_A)  # acknowledge from the keyboard
    driver.wait_armed_at(1)

    driver.key(Qt.Key.Key_S)
    skip = run.reason_dialog
    assert skip is not None and skip.isVisible()
    assert _interface_leftovers(skip) == []
    skip.reject()

    driver.key(Qt.Key.Key_F1)
    shortcuts = run.help_dialog
    assert shortcuts is not None and shortcuts.isVisible()
    keys = frozenset(keys for keys, _ in run.controls.shortcut_table())
    assert "Espace" in keys and "Ctrl+Maj+E" in keys
    assert _interface_leftovers(shortcuts, keys) == []
    shortcuts.reject()

    driver.key(Qt.Key.Key_P)
    driver.wait_for(lambda s: s.state is SessionState.PAUSED)
    assert (
        run.card.instruction.text()
        == "En pause\u00a0: le pistolet est désarmé. Reprendre (P) pour continuer."
    )
    driver.key(Qt.Key.Key_C)
    syringe = run.syringe_dialog
    assert syringe is not None and syringe.isVisible()
    assert _interface_leftovers(syringe) == []
    syringe.reject()
    assert _interface_leftovers(window) == []


def test_a_refused_command_is_said_in_french_on_screen_and_in_the_status_bar(
    french: None, driver: SessionDriver
) -> None:
    window = driver.window
    driver.connect()
    driver.setup.choose_builtin("mesostress")
    driver.fill_setup()
    driver.start()
    driver.pull_trigger()
    driver.wait_armed_at(1)
    run = driver.run
    # The first point is done; nothing has been delivered on the second yet: leaving it partial is
    # refused by the session.
    with driver.qtbot.waitSignal(window.session.command_failed, timeout=SESSION_WAIT_MS):
        window.session.next_point("douleur")
    expected = "rien n’a encore été injecté au point 2\u00a0: sautez-le avec un motif"
    assert run.error.text() == f"Non effectué\u00a0: {expected}"
    assert window.statusBar().currentMessage() == expected
    assert _interface_leftovers(window) == []

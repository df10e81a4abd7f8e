"""A whole session in French, on the simulated gun, shows no English and no raw code on any screen it
reaches: the running session through an alarm, a skipped point and an early end, its summary with an
adverse event added, the history and the patient's view. Every text a user can read is collected:
labels, buttons, titles, tooltips, every cell and header of every table (through its model, scrolled
out of view or not) and the status bar."""

from __future__ import annotations

from conftest import SESSION_WAIT_MS, SessionDriver
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from ui_texts import english_or_codes, screen_texts

from firmware_protocol import AlarmCode
from mesogun.session import SessionState

PRACTITIONER = "Dr Claire Martin"
#: What the practitioner typed: their own words, shown as they were written.
SKIP_REASON = "douleur au point"
END_REASON = "fatigue de la patiente"
ADVERSE_EVENT = "malaise vagal"
ACTION_TAKEN = "allongée, surveillance"


def _answer(driver: SessionDriver, reason: str) -> None:
    run = driver.run
    driver.qtbot.waitUntil(
        lambda: run.reason_dialog is not None and run.reason_dialog.isVisible(), timeout=SESSION_WAIT_MS
    )
    dialog = run.reason_dialog
    assert dialog is not None
    assert english_or_codes(dialog) == []
    dialog.set_reason(reason)
    driver.qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)


def test_a_whole_french_session_shows_no_english_nor_code(french: None, driver: SessionDriver) -> None:
    window = driver.window
    typed = frozenset({PRACTITIONER, SKIP_REASON, END_REASON, ADVERSE_EVENT, ACTION_TAKEN, "mesostress"})
    leftovers: list[str] = []
    walked: list[str] = []

    def look(stage: str, root: QWidget = window) -> None:
        walked.append(stage)
        texts = screen_texts(root)
        assert len(texts) > 20, f"{stage}: the walk found almost nothing to read"
        leftovers.extend(f"{stage} — {problem}" for problem in english_or_codes(root, typed))

    driver.connect()
    driver.setup.choose_builtin("mesostress")
    driver.fill_setup()
    look("setup")
    driver.start()
    driver.pull_trigger()
    run = driver.run
    driver.wait_armed_at(1)
    look("running")

    # An alarm: the gun's occlusion on the second point, seen, then acknowledged.
    driver.gun.set_occlusion(True)
    driver.pull_trigger()
    driver.wait_for(lambda s: s.state is SessionState.ALARM)
    driver.qtbot.waitUntil(
        lambda: AlarmCode.OCCLUSION in window.alarm_banner.active_codes(), timeout=SESSION_WAIT_MS
    )
    look("alarm")
    driver.gun.set_occlusion(False)
    driver.key(Qt.Key.Key_A)
    driver.wait_for(lambda s: s.state is SessionState.RUNNING and s.armed)
    look("alarm acknowledged")

    # A point skipped with the practitioner's reason.
    skipped_at = driver.snapshot.current_index
    driver.key(Qt.Key.Key_S)
    _answer(driver, SKIP_REASON)
    driver.wait_for(lambda s: s.current_index != skipped_at and s.armed)
    look("point skipped")

    # The session ended early, with its reason.
    driver.qtbot.mouseClick(run.controls.stop_button, Qt.MouseButton.LeftButton)
    _answer(driver, END_REASON)
    driver.wait_for(lambda s: s.state is SessionState.STOPPED)

    summary = window.summary_page
    driver.qtbot.waitUntil(lambda: summary.record is not None, timeout=SESSION_WAIT_MS)
    driver.qtbot.waitUntil(lambda: window.current_page() is summary, timeout=SESSION_WAIT_MS)
    look("summary")

    # An adverse event recorded on the summary.
    notes = summary.notes
    notes.author_edit.setText(PRACTITIONER)
    notes.event_edit.setText(ADVERSE_EVENT)
    notes.severity_combo.setCurrentIndex(1)
    notes.action_edit.setText(ACTION_TAKEN)
    with driver.qtbot.waitSignal(summary.loaded, timeout=SESSION_WAIT_MS):
        notes.event_button.click()
    assert any(ADVERSE_EVENT in text for _, text in screen_texts(summary))
    look("summary with an adverse event")

    # The history, the session selected in it.
    history = window.history_page
    with driver.qtbot.waitSignal(history.refreshed, timeout=SESSION_WAIT_MS):
        window.show_page(history)
    history.table.table.selectRow(0)
    look("history")

    # The patient's view, opened from the history.
    patient = window.patient_page
    with driver.qtbot.waitSignal(patient.loaded, timeout=SESSION_WAIT_MS):
        history.patient_button.click()
    driver.qtbot.waitUntil(lambda: window.current_page() is patient, timeout=SESSION_WAIT_MS)
    look("patient")

    assert walked == [
        "setup",
        "running",
        "alarm",
        "alarm acknowledged",
        "point skipped",
        "summary",
        "summary with an adverse event",
        "history",
        "patient",
    ]
    assert leftovers == [], "\n".join(leftovers)

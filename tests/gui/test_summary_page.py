"""The session summary screen on a real journal file: figures, doses, additions, exports, French."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from history_builders import (
    SERIAL,
    Filled,
    fill,
    nappage_session,
    needs_pdftotext,
    pdf_pages,
    pdf_text,
    volume_entry,
)
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from pytest_mock import MockerFixture
from pytestqt.qtbot import QtBot
from ui_texts import untranslated, visible_texts

from gui.formatting import number
from gui.pages.summary_page import SessionSummaryPage
from mesogun.calibration.status import journal_findings
from mesogun.journal import AdverseSeverity, SqliteJournal, host_remarks
from mesogun.journal.outcome_scores import ScoreCode

LOAD_TIMEOUT_MS = 20_000
WRITE_TIMEOUT_MS = 30_000
DOSE_ROW = re.compile(r"^\s*(\d+)\s+(?:\S+\s+)?\d\d:\d\d:\d\d\s+\d+\s", re.MULTILINE)


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite3"


@pytest.fixture
def filled(journal_path: Path) -> Iterator[Filled]:
    with SqliteJournal(journal_path) as journal:
        yield fill(journal)


@pytest.fixture
def page(qtbot: QtBot, journal_path: Path) -> Iterator[SessionSummaryPage]:
    summary = SessionSummaryPage(journal_path)
    qtbot.addWidget(summary)
    summary.resize(1400, 900)
    summary.show()
    yield summary
    summary.shutdown()


def _show(qtbot: QtBot, page: SessionSummaryPage, session_id: str, *, read_only: bool = False) -> None:
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.show_session(session_id, read_only=read_only)


def _texts(page: SessionSummaryPage) -> set[str]:
    return {text for _, text in visible_texts(page)}


def test_the_summary_shows_totals_points_overrides_and_every_dose(
    qtbot: QtBot, page: SessionSummaryPage, filled: Filled
) -> None:
    _show(qtbot, page, filled.first[:8])

    texts = _texts(page)
    assert "Patient MST-0042 — " in page.subtitle.text() and page.subtitle.text().endswith("Completed")
    assert {"121.5 µl", "800.0 µl", "done: 0, partial: 3, skipped: 0, not done: 7"} <= texts
    assert (
        "Override on point 2: depth (mm) 6.50 (limit 6.00) — épaisseur cutanée, by Dr Claire Martin" in texts
    )
    products = page.products
    rows = {(products.item(r, 1).text(), products.item(r, 3).text()) for r in range(products.rowCount())}
    assert rows == {("PRC-2411", "61.1"), ("PXM-0917", "20.4"), ("PRC-2502", "40.0")}
    assert page.doses.row_count == 4
    assert [page.doses.cell_text(1, c) for c in (0, 2, 7, 8, 9)] == [
        "2",
        "2",
        "31.5",
        "Partial (Occlusion / over-pressure: check the needle and the line)",
        "épaisseur cutanée",
    ]
    assert page.plot.planned_ul[:3] == [100.0, 100.0, 50.0]
    assert page.plot.delivered_ul[:4] == [50.0, 31.5, 40.0, 0.0]
    assert "séance bien tolérée" in " ".join(texts)


def test_the_summary_gives_mg_of_active_substance_and_the_next_session_due(
    qtbot: QtBot, page: SessionSummaryPage, filled: Filled, journal_path: Path
) -> None:
    # Doses by substance (invariant 9); seed 001: « 1 séance par semaine pendant 3 à 4 semaines ».
    _show(qtbot, page, filled.first)

    products = page.products
    assert products.horizontalHeaderItem(4).text() == "Active substance (mg)"
    rows = {(products.item(r, 1).text(), products.item(r, 4).text()) for r in range(products.rowCount())}
    assert rows == {("PRC-2411", "1.22"), ("PXM-0917", "0.41"), ("PRC-2502", "0.80")}
    with SqliteJournal(journal_path) as journal:
        started = journal.session(filled.first).started_at
    due = (started + timedelta(days=7)).astimezone().strftime("%Y-%m-%d")  # the English way
    assert f"Next session due from {due}" in _texts(page)


def test_an_aborted_session_shows_its_reason_and_adverse_event(
    qtbot: QtBot, page: SessionSummaryPage, filled: Filled
) -> None:
    _show(qtbot, page, filled.second, read_only=True)

    assert page.subtitle.text().endswith("Aborted: malaise vagal")
    assert page.title.text() == "Past session"
    assert any(text.startswith("Adverse event, ") and "malaise vagal" in text for text in _texts(page))
    assert "unknown (the plan is not available)" in _texts(page)  # no planned volume is invented


def test_navigation_buttons_depend_on_where_the_summary_is_shown(
    qtbot: QtBot, page: SessionSummaryPage, filled: Filled
) -> None:
    _show(qtbot, page, filled.first, read_only=False)
    assert page.new_button.isVisible()
    with qtbot.waitSignal(page.new_session_requested, timeout=1000):
        page.new_button.click()

    _show(qtbot, page, filled.first, read_only=True)
    assert not page.new_button.isVisible()
    with qtbot.waitSignal(page.closed, timeout=1000):
        page.back_button.click()


def test_a_note_and_an_adverse_event_are_added_to_a_past_session(
    qtbot: QtBot, page: SessionSummaryPage, filled: Filled, journal_path: Path
) -> None:
    _show(qtbot, page, filled.first, read_only=True)
    notes = page.notes
    assert notes.author_edit.text() == "Dr Claire Martin"

    notes.note_edit.setPlainText("Rappel : revoir dans une semaine")
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        notes.note_button.click()
    notes.event_edit.setText("hématome au point MC6 droit")
    notes.severity_combo.setCurrentIndex(1)  # mild
    notes.action_edit.setText("glace, surveillance")
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        notes.event_button.click()

    with SqliteJournal(journal_path) as journal:
        record = journal.session(filled.first)
    assert [note.text for note in record.notes] == ["séance bien tolérée", "Rappel : revoir dans une semaine"]
    assert record.notes[-1].author == "Dr Claire Martin"
    event = record.adverse_events[-1]
    assert (event.description, event.severity, event.action_taken) == (
        "hématome au point MC6 droit",
        AdverseSeverity.MILD,
        "glace, surveillance",
    )
    shown = " ".join(_texts(page))
    assert "Rappel : revoir dans une semaine" in shown and "hématome au point MC6 droit (Mild)" in shown
    assert notes.note_edit.toPlainText() == "" and notes.feedback.text() == "Adverse event recorded."


def test_an_empty_note_or_a_missing_name_is_refused_before_anything_is_written(
    qtbot: QtBot, page: SessionSummaryPage, filled: Filled, journal_path: Path
) -> None:
    _show(qtbot, page, filled.first)
    page.notes.note_button.click()
    assert page.notes.feedback.text() == "Write the note first."
    page.notes.author_edit.clear()
    page.notes.note_edit.setPlainText("une note")
    page.notes.note_button.click()
    assert page.notes.feedback.text() == "Give your name: it is recorded with the addition."
    page.notes.event_button.click()

    with SqliteJournal(journal_path) as journal:
        assert len(journal.session(filled.first).notes) == 1  # only the one written by the session


@needs_pdftotext
def test_the_pdf_button_writes_the_report_with_every_dose(
    qtbot: QtBot, page: SessionSummaryPage, filled: Filled, tmp_path: Path, mocker: MockerFixture
) -> None:
    _show(qtbot, page, filled.first)
    target = tmp_path / "rapport"  # the extension is added
    dialog = mocker.patch(
        "gui.widgets.session_exports.QFileDialog.getSaveFileName", return_value=(str(target), "")
    )

    with qtbot.waitSignal(page.exports.written, timeout=WRITE_TIMEOUT_MS) as written:
        page.exports.pdf_button.click()

    assert written.args == ["pdf", str(tmp_path / "rapport.pdf")]
    suggested = dialog.call_args.args[2]
    assert Path(suggested).name.startswith(f"mesogun-MST-0042-20250304-{filled.first[:8]}")
    pages = pdf_pages(tmp_path / "rapport.pdf")
    assert sorted(int(n) for n in DOSE_ROW.findall("\n".join(pages))) == [1, 2, 3, 4]
    text = pdf_text(tmp_path / "rapport.pdf")
    assert "Session report" in text and "PRC-2502" in text and "121.5 µl" in text
    assert page.exports.status.text() == f"Written: {tmp_path / 'rapport.pdf'}"


@needs_pdftotext
def test_the_after_care_button_writes_the_patients_sheet(
    qtbot: QtBot, page: SessionSummaryPage, filled: Filled, tmp_path: Path, mocker: MockerFixture
) -> None:
    _show(qtbot, page, filled.first)
    dialog = mocker.patch(
        "gui.widgets.session_exports.QFileDialog.getSaveFileName",
        return_value=(str(tmp_path / "conseils"), ""),
    )

    with qtbot.waitSignal(page.exports.written, timeout=WRITE_TIMEOUT_MS) as written:
        page.exports.aftercare_button.click()

    assert written.args == ["aftercare", str(tmp_path / "conseils.pdf")]
    assert Path(dialog.call_args.args[2]).name.endswith("-aftercare.pdf")
    pages = pdf_pages(tmp_path / "conseils.pdf")
    assert len(pages) == 1 and "After your mesotherapy session" in pages[0]


@pytest.mark.parametrize("export_format", ["csv", "csv-fr", "json", "fhir"])
def test_the_export_buttons_write_the_session(
    qtbot: QtBot,
    page: SessionSummaryPage,
    filled: Filled,
    tmp_path: Path,
    mocker: MockerFixture,
    export_format: str,
) -> None:
    _show(qtbot, page, filled.first)
    extension = {"fhir": "json", "csv-fr": "csv"}.get(export_format, export_format)
    target = tmp_path / f"export.{extension}"
    mocker.patch("gui.widgets.session_exports.QFileDialog.getSaveFileName", return_value=(str(target), ""))
    buttons = {
        "csv": page.exports.csv_button,
        "csv-fr": page.exports.csv_fr_button,
        "json": page.exports.json_button,
        "fhir": page.exports.fhir_button,
    }

    with qtbot.waitSignal(page.exports.written, timeout=WRITE_TIMEOUT_MS):
        buttons[export_format].click()

    text = target.read_text(encoding="utf-8")
    if export_format == "csv":
        assert len(text.splitlines()) == 5  # header + 4 doses
    elif export_format == "csv-fr":
        assert text.startswith("\ufeffSéance;Patient;")
        assert len(text.splitlines()) == 7  # header + one row per dose and product (two cocktail doses)
    elif export_format == "json":
        assert len(json.loads(text)["sessions"][0]["doses"]) == 4
    else:
        bundle = json.loads(text)
        kinds = [entry["resource"]["resourceType"] for entry in bundle["entry"]]
        assert kinds.count("MedicationAdministration") == 4


def test_a_cancelled_file_dialog_writes_nothing(
    qtbot: QtBot, page: SessionSummaryPage, filled: Filled, mocker: MockerFixture
) -> None:
    _show(qtbot, page, filled.first)
    mocker.patch("gui.widgets.session_exports.QFileDialog.getSaveFileName", return_value=("", ""))
    page.exports.pdf_button.click()
    assert page.exports.status.text() == "" and page.exports.pdf_button.isEnabled()


def test_a_long_nappage_session_shows_every_dose(
    qtbot: QtBot, page: SessionSummaryPage, journal_path: Path
) -> None:
    with SqliteJournal(journal_path) as journal:
        session_id = nappage_session(journal, shots=400)
    _show(qtbot, page, session_id)
    assert page.doses.row_count == 400
    assert f"{number(8000.0, 1)} µl" in _texts(page)  # as the interface language writes it
    assert page.plot.delivered_ul == [8000.0]


def test_an_unknown_session_is_said_plainly(qtbot: QtBot, page: SessionSummaryPage, filled: Filled) -> None:
    page.show_session("ffffffff", read_only=True)
    qtbot.waitUntil(lambda: "could not be read" in page.message.text(), timeout=LOAD_TIMEOUT_MS)
    assert "ffffffff" in page.message.text()


def _untranslated_words(page: SessionSummaryPage) -> list[tuple[str, str]]:
    """Visible texts left in English, leaving out the record's own words (what the practitioner typed)."""
    record = page.record
    assert record is not None
    typed = {record.practitioner, record.indication}
    return [(where, text) for where, text in untranslated(page) if text not in typed]


def test_the_summary_is_all_french(french: None, qtbot: QtBot, journal_path: Path, filled: Filled) -> None:
    summary = SessionSummaryPage(journal_path)
    qtbot.addWidget(summary)
    summary.resize(1400, 900)
    summary.show()
    try:
        _show(qtbot, summary, filled.first)
        texts = visible_texts(summary)
        assert len(texts) > 60  # the walk reaches the groups, the tables, the plot and the buttons
        assert _untranslated_words(summary) == []
        assert {"Bilan de la séance", "Compte rendu PDF…", "121,5\u00a0µl"} <= {text for _, text in texts}
        assert summary.doses.cell_text(1, 8).startswith("Partielle")
        _show(qtbot, summary, filled.second, read_only=True)
        assert _untranslated_words(summary) == []
    finally:
        summary.shutdown()


def test_the_calibration_is_said_by_kind_date_and_validity_never_by_the_guns_id(
    french: None, qtbot: QtBot, page: SessionSummaryPage, journal_path: Path, filled: Filled
) -> None:
    # A volume calibration passed three days before the session (at noon UTC: the same day in every
    # time zone), valid a year; this journal holds no depth calibration of the gun.
    with SqliteJournal(journal_path) as journal:
        journal.record_calibration(
            volume_entry(
                serial=SERIAL, finished_at=datetime(2025, 3, 1, 12, 0, tzinfo=UTC), validity_days=365
            )
        )
        # One finished after the session is not what the session ran on.
        journal.record_calibration(
            volume_entry(serial=SERIAL, finished_at=datetime(2025, 4, 1, 12, 0, tzinfo=UTC), validity_days=30)
        )
    _show(qtbot, page, filled.first)
    shown = _texts(page)
    assert (
        "volume\u00a0: 01/03/2025, valable jusqu’au 01/03/2026\u00a0; profondeur\u00a0: aucun dans ce journal"
        in shown
    )
    assert not any("CAL-7" in text for text in shown)  # the gun's calibration id as recorded


def test_scores_entered_on_the_summary_are_recorded_with_their_codes(
    qtbot: QtBot, page: SessionSummaryPage, filled: Filled, journal_path: Path
) -> None:
    _show(qtbot, page, filled.first, read_only=True)
    spins = page.scores.spins
    spins[ScoreCode.PAIN_NRS_BEFORE].setValue(7)
    spins[ScoreCode.PAIN_NRS_AFTER].setValue(2)
    spins[ScoreCode.HAM_A].setValue(31)
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.scores.record_button.click()

    with SqliteJournal(journal_path) as journal:
        record = journal.session(filled.first)
    assert [(s.code.value, s.value, s.entered_by) for s in record.scores] == [
        ("pain_nrs_before", 7, "Dr Claire Martin"),
        ("pain_nrs_after", 2, "Dr Claire Martin"),
        ("ham_a", 31, "Dr Claire Martin"),
    ]
    shown = " ".join(_texts(page))
    assert "HAM-A anxiety (0–56): 31 (Dr Claire Martin)" in shown
    assert all(spin.score() is None for spin in spins.values())
    assert page.scores.feedback.text() == "Scores recorded."


def test_a_score_left_blank_is_not_recorded_and_the_wheel_changes_nothing(
    qtbot: QtBot, page: SessionSummaryPage, filled: Filled, journal_path: Path
) -> None:
    _show(qtbot, page, filled.first, read_only=True)
    ham_a = page.scores.spins[ScoreCode.HAM_A]
    assert ham_a.text() == "—" and ham_a.score() is None
    ham_a.setFocus()
    wheel = QWheelEvent(
        QPointF(5, 5),
        QPointF(5, 5),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(ham_a, wheel)
    assert ham_a.score() is None

    page.scores.record_button.click()
    assert page.scores.feedback.text() == "Enter at least one score first."
    with SqliteJournal(journal_path) as journal:
        assert journal.session(filled.first).scores == ()


def test_the_summary_says_who_acknowledged_each_alarm_and_how(
    qtbot: QtBot, page: SessionSummaryPage, journal_path: Path
) -> None:
    from firmware_protocol import AlarmCode

    with SqliteJournal(journal_path) as journal:
        session_id = journal.open_session(
            patient_pseudonym="MST-0042",
            practitioner="Dr Claire Martin",
            indication="anxiété légère",
            limits_version="limits-2025.1",
        )
        journal.record_alarm(
            session_id, AlarmCode.OCCLUSION, detail="gun event 4", operator="Dr Claire Martin"
        )
        journal.record_alarm(
            session_id, AlarmCode.OCCLUSION, raised=False, detail="operator", operator="IDE Paul"
        )
        journal.record_alarm(session_id, AlarmCode.WATCHDOG, detail="host_away", operator="Dr Claire Martin")
        journal.record_alarm(
            session_id, AlarmCode.WATCHDOG, raised=False, detail="unattended", operator="Dr Claire Martin"
        )
        journal.close_session(session_id, "completed")
    _show(qtbot, page, session_id)
    texts = " | ".join(sorted(_texts(page)))
    assert "alarm acknowledged by IDE Paul: " in texts
    assert "alarm acknowledged by an unattended run started by Dr Claire Martin: " in texts


def test_the_summary_gives_the_choice_for_each_point_a_cut_shot_left_short(
    qtbot: QtBot, page: SessionSummaryPage, journal_path: Path
) -> None:
    from mesogun.journal import PartialChoice

    with SqliteJournal(journal_path) as journal:
        session_id = journal.open_session(
            patient_pseudonym="MST-0042",
            practitioner="Dr Claire Martin",
            indication="anxiété légère",
            limits_version="limits-2025.1",
        )
        journal.record_point_decision(
            session_id,
            0,
            PartialChoice.COMPLETE,
            target_ul=50.0,
            delivered_ul=34.0,
            remainder_ul=16.0,
            remainder_shot_ul=16.0,
            operator="Dr Claire Martin",
        )
        journal.record_point_decision(
            session_id,
            3,
            PartialChoice.SKIP,
            target_ul=100.0,
            delivered_ul=12.5,
            remainder_ul=87.5,
            reason="painful point",
            operator="IDE Paul",
        )
        journal.close_session(session_id, "completed")
    _show(qtbot, page, session_id)
    texts = _texts(page)
    assert (
        "Point 1 cut short at 34.0 of 50.0 µl: completed with 16.0 µl (chosen by Dr Claire Martin)" in texts
    )
    assert "Point 4 cut short at 12.5 of 100.0 µl: skipped, painful point (IDE Paul)" in texts


# What the session writes of its own accord: as this version stores it (codes and parameters), and as
# versions before codes wrote it (English sentences, still in older journals).
_STORED = {
    "warnings": [f.remark for f in journal_findings([], "SIM-0001", datetime.now(UTC))],
    "left": host_remarks.left_point(1, 31.5, target_ul=50.0),
    "repeated": host_remarks.repeated_point(
        1, region="MC6 (PC6) Neiguan", laterality="left", zone=None, shots=1, volume_ul=50.0
    ),
    "end": host_remarks.early_end("Dr Claire Martin", points_done=0, points_total=6),
}
_OLD_SENTENCES = {
    "warnings": [
        "this journal holds no passed volume calibration of gun SIM-0001",
        "this journal holds no passed depth calibration of gun SIM-0001",
    ],
    "left": "ended by the practitioner at 1 shot(s), 31.5 µl (target 50 µl)",
    "repeated": "point 1 (MC6 (PC6) Neiguan, left) repeated: its target is delivered again on top of "
    "1 shot(s), 50 µl",
    "end": "stopped by Dr Claire Martin (clean early end) after 0 of 6 points",
}


@pytest.mark.parametrize("written", [_STORED, _OLD_SENTENCES], ids=["codes", "old-sentences"])
def test_what_the_session_wrote_of_its_own_accord_reads_in_french(
    french: None, qtbot: QtBot, journal_path: Path, written: dict[str, Any]
) -> None:
    with SqliteJournal(journal_path) as journal:
        session_id = journal.open_session(
            patient_pseudonym="MST-0042",
            practitioner="Dr Claire Martin",
            indication="anxiété légère",
            limits_version="limits-2025.1",
            device_serial="SIM-0001",
        )
        for message in written["warnings"]:
            journal.record_calibration_warning(
                "SIM-0001", message, acknowledged_by="Dr Claire Martin", session_id=session_id
            )
        journal.record_skip(session_id, 0, written["left"], "Dr Claire Martin")
        journal.add_note(session_id, written["repeated"], "Dr Claire Martin")
        journal.close_session(session_id, "aborted", written["end"])
        assert journal.verify().ok
    summary = SessionSummaryPage(journal_path)
    qtbot.addWidget(summary)
    try:
        _show(qtbot, summary, session_id, read_only=True)
        shown = " ".join(text for _, text in visible_texts(summary)).replace("\u00a0", " ")
        assert "fin anticipée par Dr Claire Martin, sans incident, après 0 point sur 6" in shown
        assert "point quitté par le praticien après 1 injection, 31,5 µl (objectif : 50 µl)" in shown
        assert "ce journal ne contient aucun étalonnage réussi (volume) du pistolet SIM-0001" in shown
        assert "point 1 (MC6 (PC6) Neiguan gauche) refait : son objectif est injecté à nouveau" in shown
        assert not any(word in shown for word in ("stopped by", "ended by", "this journal holds", "repeated"))
        assert '"remark"' not in shown
    finally:
        summary.shutdown()

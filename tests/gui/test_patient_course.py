"""A course of Mésostress in the app, in French: three earlier weekly sessions in the journal, today's
session run on the simulated gun, its scores entered on the summary, the patient view's chart showing
the HAM-A falling over the four sessions, and the after-care sheet printed for the patient."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import SESSION_WAIT_MS, SessionDriver
from PySide6.QtCore import Qt
from pytest_mock import MockerFixture

_PATIENT_TESTS = Path(__file__).resolve().parents[1] / "mesogun" / "patients"
if str(_PATIENT_TESTS) not in sys.path:
    sys.path.append(str(_PATIENT_TESTS))
_EXPORT_TESTS = Path(__file__).resolve().parents[1] / "mesogun" / "exports"
if str(_EXPORT_TESTS) not in sys.path:
    sys.path.append(str(_EXPORT_TESTS))

from course_builders import mesostress_course  # noqa: E402
from pdf_reading import needs_pdftotext, pdf_pages  # noqa: E402

from mesogun.journal import SqliteJournal  # noqa: E402
from mesogun.journal.outcome_scores import ScoreCode  # noqa: E402
from mesogun.session import SessionState  # noqa: E402

EARLIER_HAM_A = (31, 27, 22)


@needs_pdftotext
def test_a_course_of_mesostress_shows_the_scores_improving_and_prints_the_sheet_in_french(
    french: None, driver: SessionDriver, tmp_path: Path, mocker: MockerFixture
) -> None:
    # Three weekly sessions, the last two weeks ago (the course's next one is due after a week).
    first = datetime.now(UTC) - timedelta(weeks=4)
    with SqliteJournal(driver.journal_path) as journal:
        mesostress_course(journal, start=first, ham_a=EARLIER_HAM_A, device_serial="MG-ANCIEN")

    driver.connect()
    driver.setup.choose_builtin("mesostress")
    driver.fill_setup()
    driver.start()
    for index in range(10):
        driver.wait_armed_at(index)
        driver.pull_trigger()
    final = driver.wait_for(lambda s: s.state is SessionState.COMPLETED)
    window = driver.window
    summary = window.summary_page
    driver.qtbot.waitUntil(
        lambda: summary.record is not None and summary.record.session_id == final.session_id,
        timeout=SESSION_WAIT_MS,
    )

    # Today's scores, entered on the summary.
    spins = summary.scores.spins
    spins[ScoreCode.PAIN_NRS_BEFORE].setValue(2)
    spins[ScoreCode.PAIN_NRS_AFTER].setValue(1)
    spins[ScoreCode.HAM_A].setValue(16)
    with driver.qtbot.waitSignal(summary.loaded, timeout=SESSION_WAIT_MS):
        driver.qtbot.mouseClick(summary.scores.record_button, Qt.MouseButton.LeftButton)
    assert summary.scores.feedback.text() == "Scores enregistrés."

    # The patient view: four sessions of one course, the HAM-A falling on the chart.
    patient = window.patient_page
    with driver.qtbot.waitSignal(patient.loaded, timeout=SESSION_WAIT_MS):
        driver.qtbot.mouseClick(summary.patient_button, Qt.MouseButton.LeftButton)
    assert window.current_page() is patient
    ham_a = [value for _, value in patient.chart.series[ScoreCode.HAM_A]]
    assert ham_a == [*EARLIER_HAM_A, 16]
    assert ham_a == sorted(ham_a, reverse=True)
    assert patient.sessions.item(3, 1).text() == "1, séance 4 (phase initiale)"
    assert patient.subtitle.text().startswith("4 séances en 1 cure\u00a0; ")

    # Back to the summary, and the after-care sheet for the patient, in French.
    driver.qtbot.mouseClick(patient.back_button, Qt.MouseButton.LeftButton)
    assert window.current_page() is summary
    sheet = tmp_path / "conseils.pdf"
    mocker.patch("gui.widgets.session_exports.QFileDialog.getSaveFileName", return_value=(str(sheet), ""))
    with driver.qtbot.waitSignal(summary.exports.written, timeout=SESSION_WAIT_MS):
        driver.qtbot.mouseClick(summary.exports.aftercare_button, Qt.MouseButton.LeftButton)
    (page,) = pdf_pages(sheet)
    assert "Conseils après votre séance de mésothérapie" in page
    assert "Ne touchez pas et ne frottez pas les zones traitées." in page
    assert "MC6 (PC6) Neiguan gauche" in page

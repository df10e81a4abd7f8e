"""The patient view on a real journal file: a Mésostress course, its scores on a chart, in French too."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from ui_texts import untranslated, visible_texts

_PATIENT_TESTS = Path(__file__).resolve().parents[1] / "mesogun" / "patients"
if str(_PATIENT_TESTS) not in sys.path:
    sys.path.append(str(_PATIENT_TESTS))

from course_builders import HAM_A, PATIENT, Course, mesostress_course  # noqa: E402

from gui.pages.history_page import HistoryPage  # noqa: E402
from gui.pages.patient_page import PatientPage  # noqa: E402
from mesogun.journal import SqliteJournal  # noqa: E402
from mesogun.journal.outcome_scores import ScoreCode  # noqa: E402

LOAD_TIMEOUT_MS = 20_000


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite3"


@pytest.fixture
def course(journal_path: Path) -> Course:
    with SqliteJournal(journal_path) as journal:
        return mesostress_course(journal)


@pytest.fixture
def page(qtbot: QtBot, journal_path: Path) -> Iterator[PatientPage]:
    patient = PatientPage(journal_path)
    qtbot.addWidget(patient)
    patient.resize(1300, 900)
    patient.show()
    yield patient
    patient.shutdown()


def _show(qtbot: QtBot, page: PatientPage, pseudonym: str = PATIENT) -> None:
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.show_patient(pseudonym)


def test_the_chart_draws_each_scale_over_the_sessions(
    qtbot: QtBot, page: PatientPage, course: Course
) -> None:
    _show(qtbot, page)

    chart = page.chart
    assert chart.series[ScoreCode.HAM_A] == list(enumerate(HAM_A, start=1))
    assert [value for _, value in chart.series[ScoreCode.PAIN_NRS_AFTER]] == [4, 3, 2, 2, 1]
    assert all(widget.isVisible() for widget in chart.plots)
    assert not chart.empty_label.isVisible()
    # What is drawn is what the series says (the curve's own data, not a copy).
    curve = chart._curves[ScoreCode.HAM_A]
    assert list(curve.yData) == list(HAM_A)


def test_the_sessions_table_places_each_session_in_its_course(
    qtbot: QtBot, page: PatientPage, course: Course
) -> None:
    _show(qtbot, page)

    table = page.sessions
    assert table.rowCount() == 5
    assert table.item(0, 1).text() == "1, session 1 (initial phase)"
    assert table.item(4, 1).text() == "1, session 5 (maintenance)"
    assert [table.item(row, 2).text() for row in range(5)] == ["—", "7", "7", "7", "7"]
    assert [table.item(row, 9).text() for row in range(5)] == [str(v) for v in HAM_A]
    assert page.subtitle.text() == "5 sessions in 1 course; 1 adverse event"
    texts = {text for _, text in visible_texts(page)}
    assert any("petit hématome MC6 gauche (Mild); action: compresse froide" in text for text in texts)
    products = page.products
    headers = [products.horizontalHeaderItem(c).text() for c in range(products.columnCount())]
    assert headers == ["Session", "Procaïne 1 %", "Sulfate de magnésium 15 %"]
    assert products.item(0, 1).text() == "150.0"
    substances = page.substances
    headers = [substances.horizontalHeaderItem(c).text() for c in range(substances.columnCount())]
    assert headers == ["Session", "Procaine", "Magnesium sulfate"]
    # 150 µl of procaine 1 % (10 mg/ml) and of magnesium sulfate 15 % (150 mg/ml) per session.
    assert [substances.item(4, c).text() for c in (1, 2)] == ["1.50", "22.50"]


def test_a_double_click_opens_the_session(qtbot: QtBot, page: PatientPage, course: Course) -> None:
    _show(qtbot, page)
    item = page.sessions.item(2, 0)
    page.sessions.setCurrentItem(item)
    assert page.open_button.isEnabled()
    with qtbot.waitSignal(page.session_opened, timeout=1000) as opened:
        page.open_button.click()
    assert opened.args == [course.session_ids[2]]


def test_a_patient_without_scores_says_so_instead_of_an_empty_chart(
    qtbot: QtBot, page: PatientPage, journal_path: Path
) -> None:
    with SqliteJournal(journal_path) as journal:
        session_id = mesostress_course(journal, ham_a=(30,)).session_ids[0]
    # Another pseudonym with no score at all.
    with SqliteJournal(journal_path) as journal:
        record = journal.session(session_id)
    assert record.scores  # the course's own session is scored
    _show(qtbot, page, "LMB-0007")
    assert page.chart.empty_label.isVisible()
    assert not any(widget.isVisible() for widget in page.chart.plots)
    assert page.message.text() == "No session of this patient in the journal."


def test_the_history_opens_the_patient_view_of_the_selected_session(
    qtbot: QtBot, journal_path: Path, course: Course
) -> None:
    history = HistoryPage(journal_path)
    qtbot.addWidget(history)
    history.show()
    try:
        with qtbot.waitSignal(history.refreshed, timeout=LOAD_TIMEOUT_MS):
            history.refresh()
        assert not history.patient_button.isEnabled()
        history.table.table.selectRow(0)
        with qtbot.waitSignal(history.patient_opened, timeout=1000) as opened:
            history.patient_button.click()
        assert opened.args == [PATIENT]
    finally:
        history.shutdown()


def test_the_patient_view_is_all_french(
    french: None, qtbot: QtBot, journal_path: Path, course: Course
) -> None:
    patient = PatientPage(journal_path)
    qtbot.addWidget(patient)
    patient.resize(1300, 900)
    patient.show()
    try:
        _show(qtbot, patient)
        # The record's own words and the catalogue's names are data, not interface text.
        typed = {"petit hématome MC6 gauche", "compresse froide", "Dr Claire Martin", "Procaïne"}
        typed |= {"Sulfate de magnésium"}
        left = [(where, text) for where, text in untranslated(patient) if not any(t in text for t in typed)]
        assert left == []
        assert patient.sessions.item(4, 1).text() == "1, séance 5 (entretien)"
        # One course and one adverse event are singular in French, five sessions plural.
        assert patient.subtitle.text() == "5 séances en 1 cure\u00a0; 1 événement indésirable"
        assert patient.courses.text().startswith("Cure 1 — ")
        assert ": 5 séances du " in patient.courses.text()
        assert patient.products.item(0, 1).text() == "150,0"
        assert patient.substances.horizontalHeaderItem(2).text() == "Sulfate de magnésium"
        assert patient.substances.item(0, 2).text() == "22,50"
    finally:
        patient.shutdown()

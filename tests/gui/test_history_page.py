"""The history screen on a real journal file: search, open, reprint, the integrity verdict, French."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from history_builders import Filled, fill, needs_pdftotext, pdf_pages, tamper_first_dose
from PySide6.QtCore import QDate, Qt
from pytest_mock import MockerFixture
from pytestqt.qtbot import QtBot
from ui_texts import untranslated, visible_texts

from gui.pages.history_page import HistoryPage
from mesogun.journal import SqliteJournal

TIMEOUT_MS = 20_000
DOSE_ROW = re.compile(r"^\s*(\d+)\s+(?:\S+\s+)?\d\d:\d\d:\d\d\s+\d+\s", re.MULTILINE)


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite3"


@pytest.fixture
def filled(journal_path: Path) -> Iterator[Filled]:
    with SqliteJournal(journal_path) as journal:
        yield fill(journal)


def _page(qtbot: QtBot, journal_path: Path) -> HistoryPage:
    page = HistoryPage(journal_path)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    return page


@pytest.fixture
def page(qtbot: QtBot, journal_path: Path, filled: Filled) -> Iterator[HistoryPage]:
    history = _page(qtbot, journal_path)
    with qtbot.waitSignal(history.refreshed, timeout=TIMEOUT_MS):
        history.refresh()
    yield history
    history.shutdown()


def _patients(page: HistoryPage) -> list[str]:
    return [summary.patient_pseudonym for summary in page.shown_sessions]


def test_the_sessions_are_listed_newest_first(page: HistoryPage) -> None:
    assert _patients(page) == ["LMB-0007", "MST-0042"]
    model = page.table.model
    assert [model.index(0, c).data() for c in (1, 3, 5, 6, 7)] == [
        "LMB-0007",
        "epicondylite",
        "Aborted",
        "1",
        "50.0",
    ]
    assert page.count_label.text() == "2 sessions shown of 2"
    assert not page.open_button.isEnabled() and not page.exports.pdf_button.isEnabled()


def test_the_search_filters_by_patient_plan_and_status(page: HistoryPage) -> None:
    page.patient_edit.setText("mst")  # part of the pseudonym, any case
    assert _patients(page) == ["MST-0042"]
    page.patient_edit.clear()

    page.plan_combo.setCurrentIndex(page.plan_combo.findData("epicondylite"))
    assert _patients(page) == ["LMB-0007"]
    page.plan_combo.setCurrentIndex(0)

    page.status_combo.setCurrentIndex(page.status_combo.findData("completed"))
    assert _patients(page) == ["MST-0042"]
    assert page.count_label.text() == "1 session shown of 2"
    page.status_combo.setCurrentIndex(page.status_combo.findData("open"))
    assert _patients(page) == []


def test_the_search_filters_by_date_range(qtbot: QtBot, page: HistoryPage) -> None:
    page.since_edit.setDate(QDate(2025, 3, 10))
    with qtbot.waitSignal(page.refreshed, timeout=TIMEOUT_MS):
        page.since_check.setChecked(True)
    assert _patients(page) == ["LMB-0007"]  # started on 11 March; the other on 4 March

    page.since_edit.setDate(QDate(2025, 3, 1))
    page.until_edit.setDate(QDate(2025, 3, 5))
    with qtbot.waitSignal(page.refreshed, timeout=TIMEOUT_MS):
        page.until_check.setChecked(True)
    assert _patients(page) == ["MST-0042"]


def test_opening_a_session_emits_its_id(qtbot: QtBot, page: HistoryPage, filled: Filled) -> None:
    assert page.table.select(filled.first)
    assert page.open_button.isEnabled()
    with qtbot.waitSignal(page.session_opened, timeout=1000) as opened:
        page.open_button.click()
    assert opened.args == [filled.first]

    table = page.table.table
    model = page.table.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "LMB-0007")
    with qtbot.waitSignal(page.session_opened, timeout=1000) as opened:
        centre = table.visualRect(model.index(row, 0)).center()
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert opened.args == [filled.second]


def test_an_intact_journal_is_said_intact_with_its_row_count(qtbot: QtBot, page: HistoryPage) -> None:
    with qtbot.waitSignal(page.verified, timeout=TIMEOUT_MS) as verified:
        page.verify_button.click()
    assert verified.args == [True]
    assert page.verdict.text() == "Journal intact: 23 rows checked, none altered (head: row 23)."


def test_a_tampered_journal_is_said_broken_at_its_row_and_table(
    qtbot: QtBot, page: HistoryPage, journal_path: Path
) -> None:
    seq = tamper_first_dose(journal_path)
    with qtbot.waitSignal(page.verified, timeout=TIMEOUT_MS) as verified:
        page.verify_button.click()
    assert verified.args == [False]
    assert page.verdict.text() == (
        f"Journal ALTERED: the chain breaks at row {seq} of the table “doses”: a row was edited or moved. "
        f"{seq - 1} earlier rows intact."
    )


@needs_pdftotext
def test_a_past_session_is_reprinted_from_the_history(
    qtbot: QtBot, page: HistoryPage, filled: Filled, tmp_path: Path, mocker: MockerFixture
) -> None:
    page.table.select(filled.first)
    target = tmp_path / "reprint.pdf"
    mocker.patch("gui.widgets.session_exports.QFileDialog.getSaveFileName", return_value=(str(target), ""))

    with qtbot.waitSignal(page.exports.written, timeout=TIMEOUT_MS):
        page.exports.pdf_button.click()

    assert sorted(int(n) for n in DOSE_ROW.findall("\n".join(pdf_pages(target)))) == [1, 2, 3, 4]


def test_without_a_journal_the_page_says_so_and_creates_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    missing = tmp_path / "none" / "journal.sqlite3"
    page = _page(qtbot, missing)
    try:
        with qtbot.waitSignal(page.refreshed, timeout=TIMEOUT_MS):
            page.refresh()
        assert page.count_label.text() == "No journal yet: it is created by the first session."
        with qtbot.waitSignal(page.verified, timeout=TIMEOUT_MS):
            page.verify_button.click()
        assert page.verdict.text() == "No journal yet: it is created by the first session."
        assert not missing.exists()
    finally:
        page.shutdown()


def test_the_history_is_all_french(french: None, qtbot: QtBot, journal_path: Path, filled: Filled) -> None:
    page = _page(qtbot, journal_path)
    try:
        with qtbot.waitSignal(page.refreshed, timeout=TIMEOUT_MS):
            page.refresh()
        page.table.select(filled.first)
        tamper_first_dose(journal_path)
        with qtbot.waitSignal(page.verified, timeout=TIMEOUT_MS):
            page.verify_button.click()
        texts = visible_texts(page)
        assert len(texts) > 30
        typed = {"Dr Claire Martin", "anxiété légère", "épicondylite", "mesostress", "epicondylite"}
        assert [(where, text) for where, text in untranslated(page) if text not in typed] == []
        shown = {text for _, text in texts}
        assert {"Séances passées", "Contrôler l’intégrité du journal", "Interrompue", "Terminée"} <= shown
        assert page.verdict.text().startswith("Journal ALTÉRÉ\u00a0: la chaîne est rompue à la ligne ")
        assert "de la table « doses »\u00a0: une ligne a été modifiée ou déplacée." in page.verdict.text()
    finally:
        page.shutdown()


def test_the_count_of_sessions_shown_agrees_in_french(
    french: None, qtbot: QtBot, journal_path: Path, filled: Filled
) -> None:
    page = _page(qtbot, journal_path)
    try:
        with qtbot.waitSignal(page.refreshed, timeout=TIMEOUT_MS):
            page.refresh()
        assert page.count_label.text() == "2 séances affichées sur 2"
        page.patient_edit.setText("mst")
        assert page.count_label.text() == "1 séance affichée sur 2"
        page.patient_edit.setText("nobody")
        assert page.count_label.text() == "0 séance affichée sur 2"  # French counts 0 as singular
    finally:
        page.shutdown()


def test_an_empty_journal_file_is_said_empty_never_intact(qtbot: QtBot, journal_path: Path) -> None:
    journal_path.touch()
    page = _page(qtbot, journal_path)
    try:
        with qtbot.waitSignal(page.verified, timeout=TIMEOUT_MS) as verified:
            page.verify_button.click()
        assert verified.args == [False]
        assert page.verdict.text().startswith("Journal EMPTY: the file holds no journal")
        assert journal_path.stat().st_size == 0
    finally:
        page.shutdown()


def test_a_damaged_journal_is_said_damaged_never_intact(
    qtbot: QtBot, journal_path: Path, filled: Filled
) -> None:
    connection = sqlite3.connect(journal_path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (root,) = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'doses'").fetchone()
    connection.close()
    with journal_path.open("r+b") as stream:
        page_size = int.from_bytes(stream.read(18)[16:18], "big")
        stream.seek((root - 1) * page_size)
        stream.write(bytes(page_size))
    page = _page(qtbot, journal_path)
    try:
        with qtbot.waitSignal(page.verified, timeout=TIMEOUT_MS) as verified:
            page.verify_button.click()
        assert verified.args == [False]
        assert page.verdict.text().startswith("Journal DAMAGED: part of the file cannot be read")
        assert "Rows read before the damage: doses 0." in page.verdict.text()
    finally:
        page.shutdown()

"""The journal's errors on French screens: a real journal made unusable (read-only, of a newer
schema, locked by another program), the words shown by the summary, the history, at start-up and
while the gun delivers, and no English among them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SESSION_WAIT_MS, SessionDriver
from history_builders import Filled, fill, read_only
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytest_mock import MockerFixture
from pytestqt.qtbot import QtBot
from ui_texts import english_words

from gui.app import run_app
from gui.pages.history_page import HistoryPage
from gui.pages.patient_page import PatientPage
from gui.pages.summary_page import SessionSummaryPage
from mesogun.journal import SqliteJournal
from mesogun.journal.outcome_scores import ScoreCode
from mesogun.journal.schema import CURRENT_VERSION

TIMEOUT_MS = 20_000
NBSP = "\u00a0"


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite3"


@pytest.fixture
def filled(journal_path: Path) -> Filled:
    # Closed once filled: while a connection holds the file, SQLite writes to its WAL beside it.
    with SqliteJournal(journal_path) as journal:
        return fill(journal)


def newer_journal(path: Path) -> Path:
    """A real journal whose schema version this program does not know yet (written by a newer one)."""
    SqliteJournal(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    return path


def english_outside(text: str, path: Path) -> list[str]:
    """The English words of ``text``, leaving out the journal's path (its folders may have any name)."""
    return english_words(text.replace(str(path), ""))


@pytest.fixture
def summary(french: None, qtbot: QtBot, journal_path: Path, filled: Filled) -> Iterator[SessionSummaryPage]:
    page = SessionSummaryPage(journal_path)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        page.show_session(filled.first, read_only=True)
    yield page
    page.shutdown()


def test_a_note_on_a_read_only_journal_is_refused_in_french(
    qtbot: QtBot, summary: SessionSummaryPage, journal_path: Path, filled: Filled
) -> None:
    notes = summary.notes
    notes.note_edit.setPlainText("Rappel : revoir dans une semaine")
    with read_only(journal_path):
        notes.note_button.click()
        qtbot.waitUntil(lambda: notes.feedback.text().startswith("Non enregistré"), timeout=TIMEOUT_MS)
    shown = notes.feedback.text()
    assert shown == (
        f"Non enregistré{NBSP}: le journal {journal_path} ne peut pas être modifié (fichier ou dossier "
        f"en lecture seule){NBSP}: rendez-le accessible en écriture"
    )
    assert english_outside(shown, journal_path) == []
    with SqliteJournal(journal_path) as journal:
        assert [note.text for note in journal.session(filled.first).notes] == ["séance bien tolérée"]


def test_scores_on_a_read_only_journal_are_refused_in_french(
    qtbot: QtBot, summary: SessionSummaryPage, journal_path: Path, filled: Filled
) -> None:
    summary.scores.spins[ScoreCode.HAM_A].setValue(31)
    with read_only(journal_path):
        summary.scores.record_button.click()
        feedback = summary.scores.feedback
        qtbot.waitUntil(lambda: feedback.text().startswith("Non enregistré"), timeout=TIMEOUT_MS)
    shown = feedback.text()
    assert "ne peut pas être modifié (fichier ou dossier en lecture seule)" in shown
    assert english_outside(shown, journal_path) == []
    with SqliteJournal(journal_path) as journal:
        assert journal.session(filled.first).scores == ()


def test_the_history_of_a_newer_journal_says_so_in_french(
    french: None, qtbot: QtBot, journal_path: Path
) -> None:
    newer_journal(journal_path)
    page = HistoryPage(journal_path)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    try:
        page.refresh()
        qtbot.waitUntil(lambda: "n’a pas pu être lu" in page.count_label.text(), timeout=TIMEOUT_MS)
        shown = page.count_label.text()
        assert shown == (
            f"Le journal n’a pas pu être lu{NBSP}: {journal_path} est au schéma {CURRENT_VERSION + 1}, "
            f"plus récent que celui que ce mesogun connaît ({CURRENT_VERSION}){NBSP}: mettez mesogun "
            "à jour avant de l’ouvrir"
        )
        assert english_outside(shown, journal_path) == []
    finally:
        page.shutdown()


def test_the_app_started_on_a_newer_journal_says_why_in_french_and_stops(
    french: None, journal_path: Path, mocker: MockerFixture
) -> None:
    newer_journal(journal_path)
    critical = mocker.patch.object(QMessageBox, "critical")
    assert run_app(["--journal", str(journal_path), "--lang", "fr"]) == 2
    critical.assert_called_once()
    _parent, title, text = critical.call_args.args
    assert title == "Le journal des doses ne peut pas être ouvert"
    assert f"est au schéma {CURRENT_VERSION + 1}" in text
    assert "mettez mesogun à jour avant de l’ouvrir" in text
    assert english_outside(f"{title} {text}", journal_path) == []


def test_a_shot_the_locked_journal_cannot_take_is_said_in_french_and_journaled_once_free(
    french: None, driver: SessionDriver
) -> None:
    window, qtbot = driver.window, driver.qtbot
    driver.connect()
    window.show_page(window.connection_page)
    controls = window.connection_page.delivery
    qtbot.mouseClick(controls.load_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "µl" in window.connection_panel.syringe_value.text(), timeout=SESSION_WAIT_MS)
    qtbot.mouseClick(controls.arm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controls.disarm_button.isEnabled(), timeout=SESSION_WAIT_MS)
    # Another program holds the journal's write lock while the gun delivers a shot.
    other = sqlite3.connect(driver.journal_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        driver.pull_trigger()
        qtbot.waitUntil(
            lambda: "Non écrit dans le journal" in window.statusBar().currentMessage(),
            timeout=SESSION_WAIT_MS + 15_000,  # the journal waits for the lock before giving up
        )
    finally:
        other.execute("ROLLBACK")
        other.close()
    shown = window.statusBar().currentMessage()
    assert shown == (
        f"Non écrit dans le journal{NBSP}: le journal {driver.journal_path} est verrouillé par un autre "
        f"programme{NBSP}: fermez-le, puis réessayez (le pistolet garde ses derniers événements et les "
        "renverra)"
    )
    assert english_outside(shown, driver.journal_path) == []
    shots = driver.true_event_numbers()
    assert len(shots) == 1  # delivered, and not lost: the gun sends it again until the journal takes it
    with SqliteJournal(driver.journal_path) as journal:
        qtbot.waitUntil(
            lambda: journal.last_event_number("SIM-0001") >= shots[0], timeout=SESSION_WAIT_MS + 15_000
        )


def test_the_patient_and_the_session_of_a_newer_journal_say_so_in_french(
    french: None, qtbot: QtBot, journal_path: Path
) -> None:
    newer_journal(journal_path)
    patient, summary = PatientPage(journal_path), SessionSummaryPage(journal_path)
    for page in (patient, summary):
        qtbot.addWidget(page)
        page.show()
    try:
        patient.show_patient("MST-0042")
        summary.show_session("abcd1234", read_only=True)
        for label, start in (
            (patient.message, "Les séances du patient n’ont pas pu être lues"),
            (summary.message, "La séance n’a pas pu être lue"),
        ):
            qtbot.waitUntil(
                lambda label=label, start=start: label.text().startswith(start), timeout=TIMEOUT_MS
            )
            shown = label.text()
            assert shown.endswith(
                f"{journal_path} est au schéma {CURRENT_VERSION + 1}, plus récent que celui que ce mesogun "
                f"connaît ({CURRENT_VERSION}){NBSP}: mettez mesogun à jour avant de l’ouvrir"
            )
            assert english_outside(shown, journal_path) == []
    finally:
        patient.shutdown()
        summary.shutdown()


def test_an_export_from_a_journal_a_newer_mesogun_took_over_says_so_in_french(
    qtbot: QtBot, summary: SessionSummaryPage, journal_path: Path, tmp_path: Path, mocker: MockerFixture
) -> None:
    # The summary was read; then a newer mesogun (on another desk of a shared folder) migrated the file.
    with sqlite3.connect(journal_path) as connection:
        connection.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    target = tmp_path / "séance.csv"
    mocker.patch("gui.widgets.session_exports.QFileDialog.getSaveFileName", return_value=(str(target), ""))
    with qtbot.waitSignal(summary.exports.failed, timeout=TIMEOUT_MS) as failed:
        summary.exports.csv_button.click()
    shown = failed.args[0]
    assert shown.startswith(f"Impossible d’écrire {target}{NBSP}: {journal_path} est au schéma")
    assert shown.endswith(f"{NBSP}: mettez mesogun à jour avant de l’ouvrir")
    assert english_outside(shown.replace(str(target), ""), journal_path) == []
    assert not target.exists()


def test_a_damaged_journal_is_said_in_french_with_sqlites_words_kept_aside(
    french: None, qtbot: QtBot, journal_path: Path, filled: Filled
) -> None:
    with sqlite3.connect(journal_path) as connection:
        (root,) = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'doses'").fetchone()
    connection.close()
    with journal_path.open("r+b") as stream:  # the doses' first page zeroed, as a torn write leaves it
        page_size = int.from_bytes(stream.read(18)[16:18], "big")
        stream.seek((root - 1) * page_size)
        stream.write(bytes(page_size))
    page = HistoryPage(journal_path)
    qtbot.addWidget(page)
    page.show()
    try:
        with qtbot.waitSignal(page.verified, timeout=TIMEOUT_MS):
            page.verify_button.click()
        shown = page.verdict.text()
        assert shown == (
            f"Journal ENDOMMAGÉ{NBSP}: une partie du fichier est illisible. Lignes lues avant la "
            f"zone endommagée{NBSP}: doses 0."
        )
        assert english_outside(shown, journal_path) == []
        assert page.verdict.toolTip().startswith(f"Message de SQLite{NBSP}: ")
    finally:
        page.shutdown()

"""The journal's errors said in French or English: a real unusable journal file, its error by code
and parameters, and the words ``mesogun`` prints for it."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from journal_builders import SERIAL, configure, open_session, read_only, shot

from mesogun.cli import main
from mesogun.journal import (
    InvalidRecordError,
    JournalError,
    JournalFileError,
    JournalProblem,
    SessionClosedError,
    SessionNotFoundError,
    SqliteJournal,
)
from mesogun.journal.errors import RecordRule
from mesogun.journal.schema import CURRENT_VERSION
from mesogun.vocabulary import error_text
from mesogun.vocabulary.journal_words import JOURNAL_WORDS
from mesogun.vocabulary.record_words import RECORD_RULE_WORDS

#: English words that are never French (shared with the screens' and the PDF report's tests).
ENGLISH_WORDS = frozenset(
    line.strip().lower()
    for line in (Path(__file__).resolve().parents[2] / "english_words.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


def english_in(text: str, path: Path) -> list[str]:
    """The English words of ``text`` outside the journal's path (a folder may have any name)."""
    words = re.findall(r"[A-Za-zÀ-ÿ’']+", text.replace(str(path), ""))
    return sorted({word for word in words if word.lower() in ENGLISH_WORDS})


def newer_journal(path: Path) -> Path:
    """A real journal whose schema version is one this program does not know yet."""
    SqliteJournal(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    return path


def test_every_journal_problem_has_words_in_both_languages() -> None:
    assert set(JOURNAL_WORDS) == {problem.name for problem in JournalProblem}
    for french, english in JOURNAL_WORDS.values():
        assert french and english and french != english
        # Its parameters and the commands it names are not words.
        assert not english_in(re.sub(r"\{\w+\}|«[^»]*»", "", french), Path("/")), french


def test_every_rule_of_a_record_has_words_in_both_languages() -> None:
    assert set(RECORD_RULE_WORDS) == {rule.name for rule in RecordRule}
    for french, english in RECORD_RULE_WORDS.values():
        assert french and english and french != english
        assert not english_in(re.sub(r"\{\w+\}", "", french), Path("/")), french


def test_a_score_out_of_its_scale_is_refused_in_french(journal: SqliteJournal) -> None:
    session_id = open_session(journal)
    with pytest.raises(InvalidRecordError) as caught:
        journal.record_score(session_id, "ham_a", 99, entered_by="Dr Martin")
    assert caught.value.record_rule is RecordRule.IN_RANGE
    french = error_text(caught.value, "fr")
    assert french == "score HAM-A (anxiété) = 99 refusé\u00a0: de 0 à 56"
    assert "from 0 to 56" in str(caught.value)  # the log keeps English
    with pytest.raises(InvalidRecordError) as unknown:
        journal.record_score(session_id, "hamilton", 3, entered_by="Dr Martin")
    assert "une valeur parmi douleur avant, douleur après, HAM-A (anxiété)" in error_text(unknown.value, "fr")


def test_run_refuses_a_name_as_pseudonym_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [
        "run",
        "mesostress",
        "--simulator",
        "--patient",
        "Jean Dupont",
        "--journal",
        str(tmp_path / "journal.sqlite3"),
        "--lang",
        "fr",
        *("--lot", "Procaïne=PR-1:2031-01-31", "--lot", "Sulfate de magnésium=MG-1:2031-01-31"),
        *("--lot", "Thiamine (vitamine B1)=B1-1:2031-01-31"),
    ]
    assert main(argv) != 0
    err = capsys.readouterr().err
    assert "pseudonyme du patient = «\u00a0Jean Dupont\u00a0» refusé" in err
    assert "ne saisissez jamais le nom du patient" in err
    assert not english_in(err.replace("mesogun run", ""), tmp_path)


def test_a_newer_journal_is_refused_with_its_versions_in_french(journal_file: Path) -> None:
    with pytest.raises(JournalFileError) as caught:
        SqliteJournal(newer_journal(journal_file))
    error = caught.value
    assert error.journal_problem is JournalProblem.NEWER_SCHEMA
    assert error.parameters == {
        "path": str(journal_file),
        "found": CURRENT_VERSION + 1,
        "known": CURRENT_VERSION,
    }
    french = error_text(error, "fr")
    assert "mettez mesogun à jour" in french and f"schéma {CURRENT_VERSION + 1}" in french
    assert "newer than this mesogun knows" in str(error)  # the log keeps English
    assert "update mesogun" in error_text(error, "en")


def test_a_file_that_is_not_sqlite_is_said_damaged_in_french(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"not a database at all, just some text that is long enough" * 20)
    with pytest.raises(JournalFileError) as caught:
        SqliteJournal(path)
    assert caught.value.journal_problem is JournalProblem.DAMAGED
    assert "n’est pas un journal mesogun, ou il est endommagé" in error_text(caught.value, "fr")


def test_a_journal_in_a_read_only_directory_is_said_in_french(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only(folder), pytest.raises(JournalFileError) as caught:
        SqliteJournal(folder / "journal.sqlite3")
    assert caught.value.journal_problem is JournalProblem.CANNOT_CREATE
    french = error_text(caught.value, "fr")
    assert "impossible de créer le fichier du journal" in french
    assert not english_in(french, folder / "journal.sqlite3")


def test_a_journal_whose_folder_is_a_file_cannot_be_created_said_in_french(tmp_path: Path) -> None:
    (tmp_path / "clinic").write_text("a file where the journal's folder should be", encoding="utf-8")
    with pytest.raises(JournalFileError) as caught:
        SqliteJournal(tmp_path / "clinic" / "journal.sqlite3")
    assert caught.value.journal_problem is JournalProblem.CANNOT_CREATE
    assert "impossible de créer le fichier du journal" in error_text(caught.value, "fr")


def test_sessions_export_says_a_newer_journal_in_the_language_asked(
    journal_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newer_journal(journal_file)
    argv = ["sessions", "export", "abc", "--format", "pdf", "-o", str(tmp_path / "r.pdf")]
    assert main([*argv, "--lang", "fr", "--journal", str(journal_file)]) != 0
    assert "mettez mesogun à jour avant de l’ouvrir" in capsys.readouterr().err
    assert main([*argv, "--lang", "en", "--journal", str(journal_file)]) != 0
    assert "update mesogun before opening it" in capsys.readouterr().err


def test_run_says_a_journal_that_is_not_sqlite_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"not a database at all, just some text that is long enough" * 20)
    argv = [
        "run",
        "mesostress",
        "--simulator",
        "--patient",
        "PAT-0042",
        "--journal",
        str(path),
        "--lang",
        "fr",
        *("--lot", "Procaïne=PR-1:2031-01-31", "--lot", "Sulfate de magnésium=MG-1:2031-01-31"),
        *("--lot", "Thiamine (vitamine B1)=B1-1:2031-01-31"),
    ]
    assert main(argv) != 0
    err = capsys.readouterr().err
    assert "n’est pas un journal mesogun, ou il est endommagé" in err
    assert "choisissez le bon fichier avec --journal" in err


def test_a_note_on_a_read_only_journal_is_refused_in_french(journal_file: Path) -> None:
    with SqliteJournal(journal_file) as journal:
        session_id = open_session(journal)
    with read_only(journal_file), SqliteJournal(journal_file) as journal:
        with pytest.raises(JournalFileError) as caught:
            journal.add_note(session_id, "Légère rougeur au point 3", "Dr Martin")
        assert journal.session(session_id).notes == ()  # and the file still reads
    error = caught.value
    assert error.journal_problem is JournalProblem.READ_ONLY
    french = error_text(error, "fr")
    assert "ne peut pas être modifié (fichier ou dossier en lecture seule)" in french
    assert not english_in(french, journal_file)
    assert "readonly" in str(error)  # SQLite's own words stay in the log's message


def test_a_full_disk_mid_dose_is_said_in_french_and_the_dose_is_kept_once_there_is_room(
    journal: SqliteJournal,
) -> None:
    session_id = open_session(journal)
    configure(journal, session_id, point_index=0, config_id=5)
    connection = journal._db.connection  # the file's own limit: SQLite's "disk is full", for real
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(JournalFileError) as caught:
        for event_number in range(1, 200):
            journal.store(SERIAL, shot(event_number, 5, volume_ul=50.0))
    refused = event_number
    error = caught.value
    assert error.journal_problem is JournalProblem.DISK_FULL
    french = error_text(error, "fr")
    assert "est plein\u00a0: libérez de la place, puis réessayez" in french
    assert not english_in(french, journal._db.path)
    # Room again: the gun sends the shot it was not acknowledged for; the journal takes it once.
    connection.execute("PRAGMA max_page_count = 1073741823")
    journal.store(SERIAL, shot(refused, 5, volume_ul=50.0))
    journal.store(SERIAL, shot(refused, 5, volume_ul=50.0))
    assert journal.delivered_per_point(session_id) == {0: (refused, 50.0 * refused)}
    assert journal.last_event_number(SERIAL) == refused
    assert journal.verify().ok


def test_a_closed_session_refuses_a_skip_in_french(journal: SqliteJournal) -> None:
    session_id = open_session(journal)
    journal.close_session(session_id, "completed")
    with pytest.raises(SessionClosedError) as caught:
        journal.record_skip(session_id, 0, "patient parti", "Dr Martin")
    french = error_text(caught.value, "fr")
    assert f"la séance {session_id} est close" in french
    assert not english_in(french, Path("/"))


def test_a_short_or_shared_session_id_is_said_in_french(journal: SqliteJournal) -> None:
    first = open_session(journal)
    with pytest.raises(SessionNotFoundError) as short:
        journal.resolve_session_id(first[:3])
    assert short.value.journal_problem is JournalProblem.SESSION_ID_TOO_SHORT
    assert "donnez au moins 4 caractères" in error_text(short.value, "fr")
    assert "give at least 4 characters" in str(short.value)
    ambiguous = SessionNotFoundError(first[:4], JournalProblem.SESSION_ID_AMBIGUOUS)  # ids are random
    assert f"plusieurs séances commencent par {first[:4]}" in error_text(ambiguous, "fr")
    with pytest.raises(SessionNotFoundError) as missing:
        journal.resolve_session_id("zzzz-no-such")
    assert "aucune séance zzzz-no-such dans le journal" in error_text(missing.value, "fr")


def test_a_journal_in_a_folder_that_cannot_be_written_is_said_in_french(journal_file: Path) -> None:
    SqliteJournal(journal_file).close()
    with read_only(journal_file.parent), pytest.raises(JournalError) as caught:
        SqliteJournal(journal_file)
    error = caught.value
    # SQLite cannot make the file's WAL beside it: the journal cannot be opened (and is not "damaged").
    assert error.journal_problem in (JournalProblem.CANNOT_OPEN, JournalProblem.READ_ONLY)
    french = error_text(error, "fr")
    assert not english_in(french, journal_file)

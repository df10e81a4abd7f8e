"""The journal file: where it is, who may read it, how it is synced, how its schema moves forward."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from journal_builders import SERIAL, configure, open_session, shot

from mesogun.journal import (
    CURRENT_VERSION,
    DATA_DIR_ENV,
    AdverseSeverity,
    JournalFileError,
    SqliteJournal,
    default_journal_path,
)
from mesogun.journal.schema import MIGRATIONS


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_journal_is_private_to_its_owner(journal_file: Path) -> None:
    with SqliteJournal(journal_file) as journal:
        session_id = open_session(journal)
        configure(journal, session_id, point_index=0, config_id=5)
        journal.store(SERIAL, shot(1, 5))
        companions = [Path(f"{journal_file}-wal"), Path(f"{journal_file}-shm")]
        assert all(path.exists() for path in companions)
        assert [_mode(path) for path in companions] == [0o600, 0o600]
    assert _mode(journal_file) == 0o600
    assert _mode(journal_file.parent) == 0o700


def test_the_default_file_is_in_the_data_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "clinic"))
    assert default_journal_path() == tmp_path / "clinic" / "journal.sqlite3"
    with SqliteJournal() as journal:
        open_session(journal)
        assert journal.path == tmp_path / "clinic" / "journal.sqlite3"
    assert (tmp_path / "clinic" / "journal.sqlite3").exists()


def test_the_journal_is_in_wal_mode(journal: SqliteJournal, journal_file: Path) -> None:
    with sqlite3.connect(journal_file) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_every_returned_store_survives_the_process_being_killed(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with SqliteJournal(path) as journal:
        session_id = open_session(journal)
        configure(journal, session_id, point_index=0, config_id=5)
    writer = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from journal_builders import SERIAL, shot
        from mesogun.journal import SqliteJournal
        journal = SqliteJournal({str(path)!r})
        number = 0
        while True:
            number += 1
            journal.store(SERIAL, shot(number, 5))
            print(number, flush=True)
        """
    )
    process = subprocess.Popen([sys.executable, "-c", writer], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    acknowledged = 0
    for line in process.stdout:
        acknowledged = int(line)
        if acknowledged >= 40:
            break
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    process.stdout.close()

    with SqliteJournal(path) as journal:
        shots, _ = journal.delivered_per_point(session_id)[0]
        numbers = [dose.event_number for dose in journal.doses(session_id)]
        assert journal.verify().ok
    # Everything the writer reported stored is there, in order, without a gap.
    assert shots >= acknowledged
    assert numbers == list(range(1, shots + 1))


def test_migrations_are_numbered_in_order() -> None:
    assert [migration.version for migration in MIGRATIONS] == list(range(1, CURRENT_VERSION + 1))


def test_a_version_1_journal_is_migrated_and_keeps_its_chain(journal_file: Path) -> None:
    with SqliteJournal(journal_file, schema_version=1) as old:
        assert old.schema_version == 1
        session_id = open_session(old)
        configure(old, session_id, point_index=0, config_id=5)
        old.store(SERIAL, shot(1, 5))
        old.add_note(session_id, "written by the first layout", "Dr Martin")
        with pytest.raises(Exception, match="severity"):
            old.add_adverse_event(session_id, "bruise", reported_by="Dr M", severity=AdverseSeverity.MILD)

    with SqliteJournal(journal_file) as journal:
        assert journal.schema_version == CURRENT_VERSION
        assert journal.verify().ok
        journal.add_adverse_event(session_id, "bruise", reported_by="Dr M", severity=AdverseSeverity.MILD)
        journal.record_calibration_warning(SERIAL, "calibration expired", acknowledged_by="Dr M")
        record = journal.session(session_id)
        report = journal.verify()

    assert [n.text for n in record.notes] == ["written by the first layout"]
    assert record.delivered_ul == 50.0
    assert record.adverse_events[0].severity is AdverseSeverity.MILD
    assert report.ok and report.rows_checked == 7


def test_a_journal_from_a_newer_version_is_refused(journal_file: Path) -> None:
    SqliteJournal(journal_file).close()
    with sqlite3.connect(journal_file) as connection:
        connection.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    with pytest.raises(JournalFileError, match="newer"):
        SqliteJournal(journal_file)


def test_a_file_that_is_not_a_journal_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"not a database at all, just some text that is long enough" * 20)
    with pytest.raises(JournalFileError, match="not a mesogun journal"):
        SqliteJournal(path)


def test_another_programs_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "agenda.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE appointments (day TEXT)")
    with pytest.raises(JournalFileError, match="another program"):
        SqliteJournal(path)
    with sqlite3.connect(path) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert tables == ["appointments"]

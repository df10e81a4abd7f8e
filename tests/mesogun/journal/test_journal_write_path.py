"""The dose write path keeps the chain head and a configuration's point in memory, and checkpoints the
WAL when the journal is idle: none of it may attribute a dose wrongly or break the chain, whoever else
writes to the file."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from journal_builders import SERIAL, SteppingClock, configure, open_session, shot

from mesogun.journal import SqliteJournal


def test_a_point_configured_by_another_connection_takes_the_next_shots(
    journal: SqliteJournal, journal_file: Path, clock: SteppingClock
) -> None:
    first = open_session(journal)
    configure(journal, first, point_index=0, config_id=7)
    journal.store(SERIAL, shot(1, 7))  # reads, and keeps, "configuration 7 is point 0 of the first"
    with SqliteJournal(journal_file, clock=clock) as other:
        other.close_session(first, "completed")
        second = open_session(other, patient="MST-0043")
        configure(other, second, point_index=3, config_id=7)  # the gun numbers configurations anew
    journal.store(SERIAL, shot(2, 7))

    assert [dose.event_number for dose in journal.doses(first)] == [1]
    assert [(dose.event_number, dose.point_index) for dose in journal.doses(second)] == [(2, 3)]
    assert journal.verify().ok


def test_writers_on_two_connections_form_one_chain(
    journal: SqliteJournal, journal_file: Path, clock: SteppingClock
) -> None:
    session_id = open_session(journal)
    configure(journal, session_id, point_index=0, config_id=1)
    with SqliteJournal(journal_file, clock=clock) as other:
        for number in range(1, 21):
            writer = journal if number % 3 else other
            writer.store(SERIAL, shot(number, 1))
            writer.add_note(session_id, f"note {number}", "Dr Claire Martin")
        report = other.verify()
    assert report.ok, report.first_broken
    assert len(journal.doses(session_id)) == 20


def test_a_session_closed_in_this_connection_takes_no_more_doses(journal: SqliteJournal) -> None:
    session_id = open_session(journal)
    configure(journal, session_id, point_index=0, config_id=5)
    journal.store(SERIAL, shot(1, 5))
    journal.close_session(session_id, "completed")
    journal.store(SERIAL, shot(2, 5))  # a bench shot after the session: a device event only
    assert [dose.event_number for dose in journal.doses(session_id)] == [1]


def test_the_wal_is_checkpointed_once_the_journal_is_idle(journal: SqliteJournal, journal_file: Path) -> None:
    session_id = open_session(journal)
    configure(journal, session_id, point_index=0, config_id=1)
    size_before = journal_file.stat().st_size
    for number in range(1, 81):  # a few hundred WAL pages: below SQLite's own checkpoint threshold
        journal.store(SERIAL, shot(number, 1))
    # The rows reach the database file itself only through a checkpoint, which the journal runs
    # shortly after the last commit, not inside one.
    deadline = time.monotonic() + 20.0
    while journal_file.stat().st_size == size_before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert journal_file.stat().st_size > size_before
    assert len(journal.doses(session_id)) == 80


def test_a_session_closes_with_its_totals(journal: SqliteJournal, journal_file: Path) -> None:
    session_id = open_session(journal)
    configure(journal, session_id, point_index=0, config_id=1)
    for number in range(1, 4):
        journal.store(SERIAL, shot(number, 1, volume_ul=50.0, delivered_ul=49.5))
    journal.close_session(session_id, "completed")
    with sqlite3.connect(journal_file) as connection:
        recorded = connection.execute(
            "SELECT dose_count, delivered_ul FROM sessions_closed WHERE session_id = ?", (session_id,)
        ).fetchone()
    assert recorded == (3, 148.5)
    (listed,) = journal.sessions()
    assert (listed.dose_count, listed.delivered_ul) == (3, 148.5)
    assert journal.verify().ok


def test_sessions_closed_before_totals_were_recorded_are_summed(
    journal_file: Path, clock: SteppingClock
) -> None:
    with SqliteJournal(journal_file, clock=clock, schema_version=4) as old:
        session_id = open_session(old)
        configure(old, session_id, point_index=0, config_id=1)
        old.store(SERIAL, shot(1, 1, delivered_ul=40.0))
        old.close_session(session_id, "completed")
    with SqliteJournal(journal_file, clock=clock) as journal:
        (listed,) = journal.sessions()
        assert (listed.dose_count, listed.delivered_ul) == (1, 40.0)
        assert journal.verify().ok

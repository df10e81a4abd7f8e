"""verify() finds an edit, a deletion, an insertion or a reordering made to the file with bare sqlite3."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from journal_builders import SERIAL, configure, open_session, shot

from mesogun.journal import SqliteJournal, VerifyReport
from mesogun.journal.chain import row_hash


@pytest.fixture
def filled(journal_file: Path) -> Path:
    """A closed journal file: a session, a configured point, five doses, two notes, a close."""
    with SqliteJournal(journal_file) as journal:
        session_id = open_session(journal)
        configure(journal, session_id, point_index=0, config_id=5)
        for number in range(1, 6):
            journal.store(SERIAL, shot(number, 5))
        journal.add_note(session_id, "first note", "Dr Martin")
        journal.add_note(session_id, "second note", "Dr Martin")
        journal.close_session(session_id, "completed")
    return journal_file


def _tamper(path: Path, *statements: str, parameters: tuple[Any, ...] = ()) -> None:
    """Drop the append-only triggers and run ``statements``, as someone with the file in hand could."""
    connection = sqlite3.connect(path)
    try:
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            connection.execute(f"DROP TRIGGER {name}")
        for statement in statements:
            connection.execute(statement, parameters if "?" in statement else ())
        connection.commit()
    finally:
        connection.close()


def _row(path: Path, table: str, seq: int) -> dict[str, Any]:
    connection = sqlite3.connect(path)
    try:
        cursor = connection.execute(f"SELECT * FROM {table} WHERE seq = ?", (seq,))
        names = [d[0] for d in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))
    finally:
        connection.close()


def _seqs(path: Path, table: str) -> list[int]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute(f"SELECT seq FROM {table} ORDER BY seq")]
    finally:
        connection.close()


def _verify(path: Path) -> VerifyReport:
    with SqliteJournal(path) as journal:
        return journal.verify()


def test_an_untouched_journal_verifies(filled: Path) -> None:
    report = _verify(filled)
    assert report.ok and report.first_broken is None
    # 1 session + 1 point + 5 × (event + dose) + 2 notes + 1 close
    assert report.rows_checked == report.head_seq == 15
    assert report.warnings == ()


def test_an_edited_dose_is_found(filled: Path) -> None:
    target = _seqs(filled, "doses")[2]
    _tamper(filled, f"UPDATE doses SET delivered_volume_ul = 5.0 WHERE seq = {target}")

    report = _verify(filled)

    assert not report.ok and report.first_broken is not None
    assert (report.first_broken.table, report.first_broken.seq) == ("doses", target)
    assert "edited" in report.first_broken.reason
    assert report.rows_checked == target - 1
    assert any("trigger missing" in warning for warning in report.warnings)


def test_an_edit_with_its_hash_recomputed_breaks_the_next_link(filled: Path) -> None:
    target = _seqs(filled, "notes")[0]
    row = _row(filled, "notes", target)
    row["text"] = "a different note"
    _tamper(
        filled,
        "UPDATE notes SET text = ?, row_hash = ? WHERE seq = ?",
        parameters=(row["text"], row_hash("notes", row), target),
    )

    report = _verify(filled)

    assert report.first_broken is not None
    assert report.first_broken.seq == target + 1
    assert "prev_hash" in report.first_broken.reason


def test_a_deleted_dose_is_found(filled: Path) -> None:
    target = _seqs(filled, "doses")[1]
    _tamper(filled, f"DELETE FROM doses WHERE seq = {target}")

    report = _verify(filled)

    assert report.first_broken is not None
    assert report.first_broken.seq == target + 1
    assert f"position {target} is missing" in report.first_broken.reason


def test_rows_deleted_from_the_end_are_found(filled: Path) -> None:
    _tamper(filled, "DELETE FROM sessions_closed", "DELETE FROM notes")

    report = _verify(filled)

    assert report.first_broken is not None
    assert report.first_broken.table == "chain_head"
    assert "deleted from the end" in report.first_broken.reason


def test_reordered_rows_are_found(filled: Path) -> None:
    first, second = _seqs(filled, "notes")
    _tamper(
        filled,
        f"UPDATE notes SET seq = -1 WHERE seq = {first}",
        f"UPDATE notes SET seq = {first} WHERE seq = {second}",
        f"UPDATE notes SET seq = {second} WHERE seq = -1",
    )

    report = _verify(filled)

    assert report.first_broken is not None
    assert (report.first_broken.table, report.first_broken.seq) == ("notes", first)


def test_a_row_inserted_in_the_middle_is_found(filled: Path) -> None:
    forged_seq = _seqs(filled, "doses")[0]
    original = _row(filled, "notes", _seqs(filled, "notes")[0])
    forged = {**original, "seq": forged_seq, "text": "backdated note"}
    columns = ", ".join(forged)
    placeholders = ", ".join("?" for _ in forged)
    _tamper(
        filled, f"INSERT INTO notes ({columns}) VALUES ({placeholders})", parameters=tuple(forged.values())
    )

    report = _verify(filled)

    assert report.first_broken is not None
    assert report.first_broken.seq == forged_seq


def test_a_well_forged_row_appended_at_the_end_is_found(filled: Path) -> None:
    last = _row(filled, "sessions_closed", _seqs(filled, "sessions_closed")[0])
    note = _row(filled, "notes", _seqs(filled, "notes")[-1])
    forged = {**note, "seq": last["seq"] + 1, "prev_hash": last["row_hash"], "text": "added later"}
    forged["row_hash"] = row_hash("notes", forged)
    columns = ", ".join(forged)
    placeholders = ", ".join("?" for _ in forged)
    _tamper(
        filled, f"INSERT INTO notes ({columns}) VALUES ({placeholders})", parameters=tuple(forged.values())
    )

    report = _verify(filled)

    assert report.first_broken is not None
    assert report.first_broken.table == "chain_head"
    assert "outside the journal" in report.first_broken.reason

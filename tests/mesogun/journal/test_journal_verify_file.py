"""`log verify` names a damaged or empty journal, says what it can still read, and never writes.

A zeroed page used to end in a traceback, and a 0-byte file was reported "intact, 0 rows checked"
after verify had written a fresh schema into it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from journal_builders import SERIAL, configure, open_session, shot

from mesogun.cli import main
from mesogun.journal import SqliteJournal
from mesogun.journal.file_verify import FileState, verify_journal_file

SHOTS = 300


@pytest.fixture
def filled(journal_file: Path) -> Path:
    """A journal with one session of many doses, every row checkpointed into the main file."""
    with SqliteJournal(journal_file) as journal:
        session_id = open_session(journal)
        configure(journal, session_id, point_index=0, config_id=5)
        for number in range(1, SHOTS + 1):
            journal.store(SERIAL, shot(number, 5))
        journal.close_session(session_id, "completed")
    connection = sqlite3.connect(journal_file)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return journal_file


def _zero_page(path: Path, page_number: int) -> None:
    with path.open("r+b") as stream:
        page_size = int.from_bytes(stream.read(18)[16:18], "big")
        stream.seek((page_number - 1) * page_size)
        stream.write(bytes(page_size))


def _doses_leaf_page(path: Path) -> int:
    """A page holding dose rows, in the middle of the table: zeroing it cuts the doses table."""
    connection = sqlite3.connect(path)
    try:
        pages = [
            int(row[0])
            for row in connection.execute(
                "SELECT pageno FROM dbstat WHERE name = 'doses' AND pagetype = 'leaf' ORDER BY pageno"
            )
        ]
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table to find the pages of a table")
    finally:
        connection.close()
    assert len(pages) >= 3
    return pages[len(pages) // 2]


def test_a_zeroed_page_is_named_damaged_with_what_still_reads(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _zero_page(filled, _doses_leaf_page(filled))
    before = filled.read_bytes()

    code = main(["log", "verify", "--journal", str(filled)])

    captured = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in captured.err and "intact" not in captured.out
    assert f"{filled}: DAMAGED" in captured.out
    assert "sessions_opened: all 1 rows read" in captured.out
    assert f"device_events: all {SHOTS} rows read" in captured.out
    assert "doses: " in captured.out and "rows read, then: database disk image is malformed" in captured.out
    assert filled.read_bytes() == before


def test_a_zeroed_page_reads_partly(filled: Path) -> None:
    _zero_page(filled, _doses_leaf_page(filled))
    verdict = verify_journal_file(filled)
    assert verdict.state is FileState.DAMAGED
    doses = next(table for table in verdict.readable if table.table == "doses")
    assert doses.error is not None and 0 < doses.rows_read < SHOTS


def test_an_empty_file_is_named_empty_and_stays_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "journal.sqlite3"
    empty.touch()

    code = main(["log", "verify", "--journal", str(empty)])

    out = capsys.readouterr().out
    assert code == 1
    assert "EMPTY" in out and "intact" not in out
    assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.sqlite3"]


def test_a_cut_file_is_damaged(filled: Path) -> None:
    data = filled.read_bytes()
    filled.write_bytes(data[: len(data) // 2])
    assert verify_journal_file(filled).state is FileState.DAMAGED


def test_verifying_an_intact_journal_leaves_its_file_as_it_was(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = filled.read_bytes()
    assert main(["log", "verify", "--journal", str(filled)]) == 0
    assert "intact" in capsys.readouterr().out
    assert filled.read_bytes() == before

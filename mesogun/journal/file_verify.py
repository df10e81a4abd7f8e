"""Verifying a journal file as it is on disk, without ever writing to it.

``verify_journal_file`` opens the file read-only (an SQLite ``file:…?mode=ro`` URI: no schema is
created, nothing is migrated, no mode is switched) and says which of these it is:

* **intact**: every row of the hash chain checks and the chain ends at the recorded head;
* **broken**: the file reads well but the chain finds an edit, a deletion, an insertion or a
  reordering (see :mod:`mesogun.journal.chain`);
* **damaged**: SQLite cannot read part of the file (a zeroed or torn page, a truncated file); the
  verdict names SQLite's complaint and how many rows of each table can still be read;
* **empty**: a file of 0 bytes (created and never written): it holds no journal at all;
* **not a journal**: a file that is not an SQLite database, or a database of another program.

The verdict is a value, so that another check (e.g. against a head anchored elsewhere) can be added
after it without reading the file again.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from mesogun.journal.chain import verify_chain
from mesogun.journal.errors import JournalProblem
from mesogun.journal.records import VerifyReport
from mesogun.journal.schema import chained_tables, schema_version

#: How many lines of SQLite's integrity check a verdict keeps.
INTEGRITY_LINES = 5
_SQLITE_HEADER = b"SQLite format 3\x00"


class FileState(Enum):
    INTACT = "intact"
    BROKEN = "broken"
    DAMAGED = "damaged"
    EMPTY = "empty"
    NOT_A_JOURNAL = "not a journal"


@dataclass(frozen=True)
class TableReadout:
    """How much of one table can still be read from a damaged file."""

    table: str
    rows_read: int
    error: str | None  # None: the whole table was read


@dataclass(frozen=True)
class FileVerdict:
    """What ``verify_journal_file`` found. ``chain`` is set whenever the whole chain could be read.

    ``problem`` is SQLite's or this check's own words (English, for the log and the command line);
    ``problem_code`` says a file that is no journal by its code, for the screens (its parameter: path).
    """

    path: Path
    state: FileState
    size_bytes: int
    chain: VerifyReport | None = None
    problem: str | None = None
    readable: tuple[TableReadout, ...] = ()
    problem_code: JournalProblem | None = None


def verify_journal_file(path: Path) -> FileVerdict:
    """Check the journal at ``path`` (which must exist) read-only; see the module's docstring."""
    if not path.is_file():
        return FileVerdict(
            path,
            FileState.NOT_A_JOURNAL,
            0,
            problem="not a regular file",
            problem_code=JournalProblem.NOT_A_FILE,
        )
    size = path.stat().st_size
    with path.open("rb") as stream:
        header = stream.read(len(_SQLITE_HEADER))  # read, not stat: /proc files say 0 bytes and are not
    if not header:
        return FileVerdict(path, FileState.EMPTY, 0, problem="the file is 0 bytes long: it holds no journal")
    if header != _SQLITE_HEADER:
        return FileVerdict(
            path,
            FileState.NOT_A_JOURNAL,
            size,
            problem="not an SQLite database",
            problem_code=JournalProblem.NOT_A_JOURNAL,
        )
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error as error:
        return FileVerdict(path, FileState.DAMAGED, size, problem=f"cannot be opened: {error}")
    try:
        return _verify_open(path, size, connection)
    finally:
        connection.close()


def _verify_open(path: Path, size: int, connection: sqlite3.Connection) -> FileVerdict:
    try:
        version = schema_version(connection)
        tables = chained_tables(connection)
    except sqlite3.DatabaseError as error:
        # The table list itself (page 1 and sqlite_master) is unreadable: nothing more can be said.
        return FileVerdict(path, FileState.DAMAGED, size, problem=f"its table list cannot be read: {error}")
    if version == 0 and not tables:
        return FileVerdict(
            path,
            FileState.NOT_A_JOURNAL,
            size,
            problem="an SQLite database without journal tables",
            problem_code=JournalProblem.OTHER_PROGRAM,
        )
    try:
        chain = verify_chain(connection)
    except sqlite3.DatabaseError as error:
        return FileVerdict(
            path,
            FileState.DAMAGED,
            size,
            problem=_integrity_problem(connection) or str(error),
            readable=tuple(_read_what_remains(connection, table) for table in ["chain_head", *tables]),
        )
    damage = _integrity_problem(connection)
    if damage is not None:
        # The rows all read, but other pages (an index, free space) are damaged.
        return FileVerdict(path, FileState.DAMAGED, size, chain=chain, problem=damage)
    return FileVerdict(path, FileState.INTACT if chain.ok else FileState.BROKEN, size, chain=chain)


def _integrity_problem(connection: sqlite3.Connection) -> str | None:
    """SQLite's own check of every page: None when it finds nothing."""
    try:
        lines = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        return str(error)
    if lines == ["ok"]:
        return None
    shown = "; ".join(lines[:INTEGRITY_LINES])
    more = f" (and {len(lines) - INTEGRITY_LINES} more)" if len(lines) > INTEGRITY_LINES else ""
    return shown + more


def _read_what_remains(connection: sqlite3.Connection, table: str) -> TableReadout:
    """Read ``table`` row by row in storage order until SQLite gives up; count what came out."""
    read = 0
    try:
        for _row in connection.execute(f"SELECT * FROM {table}"):
            read += 1
    except sqlite3.DatabaseError as error:
        return TableReadout(table, read, str(error))
    return TableReadout(table, read, None)

"""The journal's SQLite file: opening it safely, and appending chained rows in durable transactions.

One connection, guarded by a lock, in autocommit mode: each ``transaction()`` is an explicit
``BEGIN IMMEDIATE`` … ``COMMIT``; with WAL and ``synchronous=FULL`` the commit is on disk when it
returns (one fsync of the WAL per transaction). The head of the chain is checked inside the write lock,
so two processes appending to one file still form one chain: the head this connection committed last
is kept in memory and read again from the file only when ``PRAGMA data_version`` says another
connection wrote since. The same rule keeps what code inside a transaction read from a few tables
(``Appender.cached``, e.g. the point a gun configuration belongs to) until a row is appended to one of
them.

The WAL is copied back into the database file (checkpointed) by a helper thread once the journal has
been idle for a moment, not by SQLite inside whichever commit crosses its threshold: a checkpoint costs
milliseconds, and a dose commit is on the path between a shot and its acknowledgement.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Hashable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from mesogun.journal.chain import SqlValue, normalise, row_hash, verify_chain
from mesogun.journal.errors import JournalFileError, JournalProblem
from mesogun.journal.paths import prepare_journal_file
from mesogun.journal.records import VerifyReport
from mesogun.journal.schema import CURRENT_VERSION, chained_tables, column_types, migrate
from mesogun.journal.schema import schema_version as schema_version_of
from mesogun.journal.timefmt import to_text

T = TypeVar("T")

BUSY_TIMEOUT_MS = 10_000

#: The helper thread checkpoints once no transaction has committed for this long (seconds)...
CHECKPOINT_IDLE_S = 0.25
#: ... and at least this many have committed since its last checkpoint.
CHECKPOINT_MIN_COMMITS = 32
#: SQLite's own checkpoint, inside a commit, past this many WAL pages (its default): the bound for a
#: journal that is never idle. A larger bound lets the WAL grow into new disk blocks, which made every
#: durable commit slower (measured: 1,673 doses/s at 10,000 pages against 2,362 at 1,000).
AUTOCHECKPOINT_PAGES = 1_000


class Appender:
    """Appends rows inside one open transaction; each takes the next place in the chain."""

    def __init__(self, db: SqliteDb, head_seq: int, head_hash: str, recorded_at: str) -> None:
        self._db = db
        self.head_seq = head_seq
        self.head_hash = head_hash
        self.recorded_at = recorded_at
        self.appended = 0

    def append(self, table: str, values: Mapping[str, Any]) -> int:
        """Insert one row into ``table``; return its ``seq`` (its key and place in the chain).

        What readers derived from ``table`` (see :meth:`cached`) is dropped: this row may change it.
        """
        seq = self._insert(table, values, None)
        assert seq is not None  # without a conflict clause, a refused row raises
        return seq

    def append_new(self, table: str, values: Mapping[str, Any], unique: tuple[str, ...]) -> int | None:
        """Like :meth:`append`, unless ``table`` already holds a row with the same ``unique`` columns
        (one of its UNIQUE constraints): then nothing is appended and None is returned.

        One statement instead of a look-up before the insert; any other constraint still refuses.
        """
        return self._insert(table, values, unique)

    def _insert(self, table: str, values: Mapping[str, Any], unique: tuple[str, ...] | None) -> int | None:
        self._db.forget(table)
        row: dict[str, SqlValue] = {
            "seq": self.head_seq + 1,
            "prev_hash": self.head_hash,
            "recorded_at": self.recorded_at,
        }
        row.update(normalise(table, self._db.types(table), values))
        digest = row_hash(table, row)
        row["row_hash"] = digest
        columns = tuple(row)
        cursor = self._db.connection.execute(self._db.insert_sql(table, columns, unique), tuple(row.values()))
        if cursor.rowcount == 0:
            return None  # the row held already (only with a conflict clause)
        self.head_seq += 1
        self.head_hash = digest
        self.appended += 1
        return self.head_seq

    def query(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Rows of a read inside the transaction (sees what this transaction appended)."""
        return list(self._db.connection.execute(sql, parameters))

    def cached(self, key: Hashable, tables: frozenset[str], read: Callable[[], T]) -> T:
        """``read()``, or what it gave last time for ``key`` if no row was appended since to any of
        ``tables`` (the tables it reads) and no other connection wrote to the file."""
        return self._db.cached(key, tables, read)


#: The journal problem an SQLite error means, by the start of its error name.
_PROBLEM_OF_SQLITE_ERROR: tuple[tuple[str, JournalProblem], ...] = (
    ("SQLITE_BUSY", JournalProblem.LOCKED),
    ("SQLITE_LOCKED", JournalProblem.LOCKED),
    ("SQLITE_READONLY", JournalProblem.READ_ONLY),
    ("SQLITE_CANTOPEN", JournalProblem.CANNOT_OPEN),
    ("SQLITE_FULL", JournalProblem.DISK_FULL),
    ("SQLITE_IOERR", JournalProblem.DISK_ERROR),
    ("SQLITE_NOTADB", JournalProblem.DAMAGED),
    ("SQLITE_CORRUPT", JournalProblem.DAMAGED),
)
#: Errors of the code or of the file's own guards (append-only triggers, constraints), not of the file's
#: state: they pass as they are.
_NOT_THE_FILE = (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)


def _sqlite_error_name(error: sqlite3.Error) -> str:
    return str(getattr(error, "sqlite_errorname", "") or type(error).__name__)


def _problem_of(error: sqlite3.Error, otherwise: JournalProblem = JournalProblem.UNUSABLE) -> JournalProblem:
    """What an SQLite error means for the journal (locked by another program, read-only, disk full…);
    ``otherwise`` for any other error."""
    name = _sqlite_error_name(error)
    for prefix, problem in _PROBLEM_OF_SQLITE_ERROR:
        if name.startswith(prefix):
            return problem
    return otherwise


def file_error(error: sqlite3.Error, path: Path, message: str) -> JournalFileError:
    """The journal error an SQLite error on the file at ``path`` means; ``message`` (English) for the log."""
    return JournalFileError(
        f"{message}: {error}",
        _problem_of(error),
        path=str(path),
        sqlite_error=_sqlite_error_name(error),
    )


class SqliteDb:
    """An open journal file (schema migrated to ``schema_version``)."""

    def __init__(
        self,
        path: Path,
        *,
        clock: Callable[[], datetime],
        schema_version: int = CURRENT_VERSION,
    ) -> None:
        self.path = path
        self._clock = clock
        self._lock = threading.RLock()
        prepare_journal_file(path)
        if not path.is_file():
            raise JournalFileError(
                f"{path} is not a regular file, so not a journal; choose the right file with --journal",
                JournalProblem.NOT_A_FILE,
                path=str(path),
            )
        try:
            self.connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as error:
            raise JournalFileError(
                f"cannot open the journal {path}: {error}",
                JournalProblem.CANNOT_OPEN,
                path=str(path),
                sqlite_error=_sqlite_error_name(error),
            ) from error
        try:
            self.connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._check_file()
            self._set_modes()
            if schema_version > schema_version_of(self.connection):
                migrate(self.connection, schema_version)
        except sqlite3.Error as error:
            self.connection.close()
            raise file_error(
                error, path, f"cannot use {path} as a journal (choose the right file with --journal)"
            ) from error
        except BaseException:
            self.connection.close()
            raise
        self._types: dict[str, dict[str, str]] = {}
        self._insert_sql: dict[tuple[str, tuple[str, ...], tuple[str, ...] | None], str] = {}
        # Values read inside transactions (see Appender.cached), each with the tables it depends on.
        self._cache: dict[Hashable, tuple[frozenset[str], Any]] = {}
        self._head: tuple[int, str] | None = None  # (seq, hash) this connection committed last
        self._data_version: int | None = None
        self._checkpointer = _IdleCheckpointer(path)

    def _check_file(self) -> None:
        """Refuse, before changing anything in it, a file that is not a journal this code can write."""
        try:
            found = schema_version_of(self.connection)
            tables = self.connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.DatabaseError as error:
            # Most often a file of another kind ("file is not a database"); a locked or unreadable
            # file is said as such.
            raise JournalFileError(
                f"{self.path} is not a mesogun journal (or is damaged): {error}; "
                "choose the right file with --journal",
                _problem_of(error, otherwise=JournalProblem.DAMAGED),
                path=str(self.path),
                sqlite_error=_sqlite_error_name(error),
            ) from error
        if found > CURRENT_VERSION:
            raise JournalFileError(
                f"{self.path} has schema version {found}, newer than this mesogun knows "
                f"({CURRENT_VERSION}); update mesogun before opening it",
                JournalProblem.NEWER_SCHEMA,
                path=str(self.path),
                found=found,
                known=CURRENT_VERSION,
            )
        if found == 0 and tables:
            raise JournalFileError(
                f"{self.path} is a database of another program, not a mesogun journal; "
                "choose the right file with --journal",
                JournalProblem.OTHER_PROGRAM,
                path=str(self.path),
            )

    def _set_modes(self) -> None:
        connection = self.connection
        mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise JournalFileError(
                f"cannot switch {self.path} to WAL mode (got {mode!r})",
                JournalProblem.NO_WAL,
                path=str(self.path),
                mode=str(mode),
            )
        # FULL: the WAL is synced at every commit, so a dose committed survives a power loss.
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES}")

    @property
    def version(self) -> int:
        """Schema version of the open file."""
        with self._lock:
            return schema_version_of(self.connection)

    def types(self, table: str) -> dict[str, str]:
        """Declared column types of a chained table (read once from the file)."""
        known = self._types.get(table)
        if known is None:
            if table not in chained_tables(self.connection):
                raise JournalFileError(
                    f"the journal {self.path} has no table {table}; is its schema current?",
                    JournalProblem.MISSING_TABLE,
                    path=str(self.path),
                    table=table,
                )
            known = column_types(self.connection, table)
            self._types[table] = known
        return known

    def insert_sql(self, table: str, columns: tuple[str, ...], unique: tuple[str, ...] | None = None) -> str:
        """The INSERT of ``columns`` into ``table``; with ``unique``, one that does nothing on a row
        already holding those values (that constraint only)."""
        key = (table, columns, unique)
        sql = self._insert_sql.get(key)
        if sql is None:
            placeholders = ", ".join("?" for _ in columns)
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"
            if unique is not None:
                sql += f" ON CONFLICT ({', '.join(unique)}) DO NOTHING"
            self._insert_sql[key] = sql
        return sql

    @contextmanager
    def transaction(self) -> Iterator[Appender]:
        """A write transaction: rows appended in it are committed together, durably, or not at all.

        A failure of the file (locked, read-only, disk full, damaged) raises :class:`JournalFileError`
        with its problem's code; nothing of the transaction is kept.
        """
        with self._lock:
            connection = self.connection
            try:
                connection.execute("BEGIN IMMEDIATE")
                try:
                    head = self._current_head()
                    appender = Appender(self, head[0], head[1], to_text(self._clock(), "recorded_at"))
                    yield appender
                    if appender.appended:
                        connection.execute(
                            "UPDATE chain_head SET seq = ?, row_hash = ? WHERE id = 1",
                            (appender.head_seq, appender.head_hash),
                        )
                    connection.execute("COMMIT")
                except BaseException:
                    # SQLite may have rolled back already (a full disk, an I/O error during COMMIT).
                    if connection.in_transaction:
                        connection.execute("ROLLBACK")
                    self._head = None
                    self._cache.clear()
                    raise
            except sqlite3.Error as error:
                if isinstance(error, _NOT_THE_FILE):
                    raise
                message = f"nothing was written to the journal {self.path}"
                raise file_error(error, self.path, message) from error
            self._head = (appender.head_seq, appender.head_hash)
            if appender.appended:
                self._checkpointer.committed()

    def _current_head(self) -> tuple[int, str]:
        """The chain's head, inside the write lock: from memory unless another connection wrote."""
        data_version = int(self.connection.execute("PRAGMA data_version").fetchone()[0])
        if self._head is None or data_version != self._data_version:
            row = self.connection.execute("SELECT seq, row_hash FROM chain_head WHERE id = 1").fetchone()
            self._head = (int(row[0]), str(row[1]))
            self._data_version = data_version
            self._cache.clear()
        return self._head

    def cached(self, key: Hashable, tables: frozenset[str], read: Callable[[], T]) -> T:
        """See :meth:`Appender.cached` (inside a transaction only)."""
        found = self._cache.get(key)
        if found is not None:
            return cast(T, found[1])
        value = read()
        self._cache[key] = (tables, value)
        return value

    def forget(self, table: str) -> None:
        """Drop what was read from ``table`` (a row was appended to it)."""
        stale = [key for key, (tables, _) in self._cache.items() if table in tables]
        for key in stale:
            del self._cache[key]

    def read(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Rows of a read query (one statement: a consistent snapshot)."""
        with self._lock, self._reading():
            return list(self.connection.execute(sql, parameters))

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """The connection inside a read transaction: several queries see one state of the file."""
        with self._lock, self._reading():
            self.connection.execute("BEGIN")
            try:
                yield self.connection
            finally:
                if self.connection.in_transaction:
                    self.connection.execute("ROLLBACK")

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """A failure of the file while reading raises :class:`JournalFileError` with its problem's code."""
        try:
            yield
        except sqlite3.Error as error:
            if isinstance(error, _NOT_THE_FILE):
                raise
            raise file_error(error, self.path, f"the journal {self.path} could not be read") from error

    def verify(self) -> VerifyReport:
        """Check the whole chain on a separate read-only connection (writers are not held up)."""
        # as_uri() percent-encodes the path: spaces, '?' or '#' in a folder name stay part of it.
        reader = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
        try:
            return verify_chain(reader)
        finally:
            reader.close()

    def close(self) -> None:
        self._checkpointer.stop()
        with self._lock:
            self.connection.close()


class _IdleCheckpointer:
    """Checkpoints the WAL of ``path`` on its own connection once the writers have been idle.

    The thread starts with the first commit and ends with :meth:`stop`. A PASSIVE checkpoint never
    blocks a writer; what it cannot copy yet (a reader still needs it) waits for the next idle spell.
    A commit wakes the thread only when it makes the count reach ``CHECKPOINT_MIN_COMMITS``; from then
    on the thread looks at the time of the last commit every ``CHECKPOINT_IDLE_S``. Waking it at every
    commit cost each dose commit a thread switch (measured: about a tenth of a dose's time).
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._condition = threading.Condition()
        self._commits = 0  # since the last checkpoint
        self._last_commit_s = 0.0
        self._stopping = False
        self._thread: threading.Thread | None = None

    def committed(self) -> None:
        with self._condition:
            self._commits += 1
            self._last_commit_s = time.monotonic()
            if self._thread is None and not self._stopping:
                self._thread = threading.Thread(
                    target=self._run, name="mesogun-journal-checkpoint", daemon=True
                )
                self._thread.start()
            if self._commits == CHECKPOINT_MIN_COMMITS:
                self._condition.notify()

    def stop(self) -> None:
        with self._condition:
            self._stopping = True
            thread = self._thread
            self._condition.notify()
        if thread is not None and thread is not threading.current_thread():
            thread.join(5.0)

    def _run(self) -> None:
        connection: sqlite3.Connection | None = None
        try:
            while True:
                with self._condition:
                    while not self._stopping and self._commits < CHECKPOINT_MIN_COMMITS:
                        self._condition.wait()
                    idle_s = time.monotonic() - self._last_commit_s
                    while not self._stopping and idle_s < CHECKPOINT_IDLE_S:
                        self._condition.wait(CHECKPOINT_IDLE_S - idle_s)
                        idle_s = time.monotonic() - self._last_commit_s
                    if self._stopping:
                        return
                    self._commits = 0
                if connection is None:
                    connection = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
                    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error:
            return  # the file went away or is damaged; the writer reports that, SQLite still checkpoints
        finally:
            if connection is not None:
                connection.close()

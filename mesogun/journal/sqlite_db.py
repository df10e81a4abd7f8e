"""The journal's SQLite file: opening it safely, and appending chained rows in durable transactions.

One connection, guarded by a lock, in autocommit mode: each ``transaction()`` is an explicit
``BEGIN IMMEDIATE`` … ``COMMIT``; with WAL and ``synchronous=FULL`` the commit is on disk when it
returns (one fsync of the WAL per transaction). The head of the chain is read inside the write lock,
so two processes appending to one file still form one chain.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from mesogun.journal.chain import SqlValue, normalise, row_hash, verify_chain
from mesogun.journal.errors import JournalFileError
from mesogun.journal.paths import prepare_journal_file
from mesogun.journal.records import VerifyReport
from mesogun.journal.schema import CURRENT_VERSION, chained_tables, column_types, migrate
from mesogun.journal.schema import schema_version as schema_version_of
from mesogun.journal.timefmt import to_text

BUSY_TIMEOUT_MS = 10_000


class Appender:
    """Appends rows inside one open transaction; each takes the next place in the chain."""

    def __init__(self, db: SqliteDb, head_seq: int, head_hash: str, recorded_at: str) -> None:
        self._db = db
        self.head_seq = head_seq
        self.head_hash = head_hash
        self.recorded_at = recorded_at
        self.appended = 0

    def append(self, table: str, values: Mapping[str, Any]) -> int:
        """Insert one row into ``table``; return its ``seq`` (its key and place in the chain)."""
        row: dict[str, SqlValue] = {
            "seq": self.head_seq + 1,
            "prev_hash": self.head_hash,
            "recorded_at": self.recorded_at,
        }
        row.update(normalise(table, self._db.types(table), values))
        digest = row_hash(table, row)
        row["row_hash"] = digest
        columns = tuple(row)
        self._db.connection.execute(self._db.insert_sql(table, columns), tuple(row.values()))
        self.head_seq += 1
        self.head_hash = digest
        self.appended += 1
        return self.head_seq

    def query(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Rows of a read inside the transaction (sees what this transaction appended)."""
        return list(self._db.connection.execute(sql, parameters))


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
        try:
            self.connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as error:
            raise JournalFileError(f"cannot open the journal {path}: {error}") from error
        try:
            self.connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._check_file()
            self._set_modes()
            if schema_version > schema_version_of(self.connection):
                migrate(self.connection, schema_version)
        except BaseException:
            self.connection.close()
            raise
        self._types: dict[str, dict[str, str]] = {}
        self._insert_sql: dict[tuple[str, tuple[str, ...]], str] = {}

    def _check_file(self) -> None:
        """Refuse, before changing anything in it, a file that is not a journal this code can write."""
        try:
            found = schema_version_of(self.connection)
            tables = self.connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise JournalFileError(
                f"{self.path} is not a mesogun journal (or is damaged): {error}; "
                "choose the right file with --journal"
            ) from error
        if found > CURRENT_VERSION:
            raise JournalFileError(
                f"{self.path} has schema version {found}, newer than this mesogun knows "
                f"({CURRENT_VERSION}); update mesogun before opening it"
            )
        if found == 0 and tables:
            raise JournalFileError(
                f"{self.path} is a database of another program, not a mesogun journal; "
                "choose the right file with --journal"
            )

    def _set_modes(self) -> None:
        connection = self.connection
        mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise JournalFileError(f"cannot switch {self.path} to WAL mode (got {mode!r})")
        # FULL: the WAL is synced at every commit, so a dose committed survives a power loss.
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")

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
                    f"the journal {self.path} has no table {table}; is its schema current?"
                )
            known = column_types(self.connection, table)
            self._types[table] = known
        return known

    def insert_sql(self, table: str, columns: tuple[str, ...]) -> str:
        key = (table, columns)
        sql = self._insert_sql.get(key)
        if sql is None:
            placeholders = ", ".join("?" for _ in columns)
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"
            self._insert_sql[key] = sql
        return sql

    @contextmanager
    def transaction(self) -> Iterator[Appender]:
        """A write transaction: rows appended in it are committed together, durably, or not at all."""
        with self._lock:
            connection = self.connection
            connection.execute("BEGIN IMMEDIATE")
            try:
                head = connection.execute("SELECT seq, row_hash FROM chain_head WHERE id = 1").fetchone()
                appender = Appender(self, int(head[0]), str(head[1]), to_text(self._clock(), "recorded_at"))
                yield appender
                if appender.appended:
                    connection.execute(
                        "UPDATE chain_head SET seq = ?, row_hash = ? WHERE id = 1",
                        (appender.head_seq, appender.head_hash),
                    )
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise

    def read(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Rows of a read query (one statement: a consistent snapshot)."""
        with self._lock:
            return list(self.connection.execute(sql, parameters))

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """The connection inside a read transaction: several queries see one state of the file."""
        with self._lock:
            self.connection.execute("BEGIN")
            try:
                yield self.connection
            finally:
                self.connection.execute("ROLLBACK")

    def verify(self) -> VerifyReport:
        """Check the whole chain on a separate read-only connection (writers are not held up)."""
        # as_uri() percent-encodes the path: spaces, '?' or '#' in a folder name stay part of it.
        reader = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
        try:
            return verify_chain(reader)
        finally:
            reader.close()

    def close(self) -> None:
        with self._lock:
            self.connection.close()

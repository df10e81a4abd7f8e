"""The desk journal read for shipping: its rows in append order, each with the text its hash covers.

A separate read-only SQLite connection (WAL: readers never hold up the journal's writer, so a shot's
durable commit never waits on the replicator). Each row is checked against its own hash before it
leaves the desk: a row edited in place is never shipped as if it were intact.
"""

from __future__ import annotations

import hashlib
import heapq
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mesogun.journal.chain import SqlValue, canonical_bytes
from mesogun.journal.schema import GENESIS_HASH, chained_tables


@dataclass(frozen=True)
class LocalRow:
    """One desk row ready to ship: its place, its hashes and the canonical JSON its hash covers."""

    seq: int
    table: str
    prev_hash: str
    row_hash: str
    recorded_at: str
    canonical: str
    intact: bool


class LocalJournalRows:
    """Read-only access to a desk journal file's chained rows."""

    def __init__(self, path: Path) -> None:
        self.path = path
        uri = f"{path.resolve().as_uri()}?mode=ro"
        self._connection = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        self._connection.execute("PRAGMA busy_timeout = 10000")
        self._tables: list[str] | None = None

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> LocalJournalRows:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _chained(self) -> list[str]:
        # Found once: a migration adding a table needs the app restarted anyway.
        if self._tables is None:
            self._tables = chained_tables(self._connection)
        return self._tables

    def head(self) -> tuple[int, str]:
        """(position, hash) of the last row appended (0 and the genesis hash when empty)."""
        row = self._connection.execute("SELECT seq, row_hash FROM chain_head WHERE id = 1").fetchone()
        return (int(row[0]), str(row[1])) if row else (0, GENESIS_HASH)

    def last_seq(self) -> int:
        """The highest position actually present in the tables (may be below the head if rows vanished)."""
        highest = 0
        for table in self._chained():
            found = self._connection.execute(f"SELECT max(seq) FROM {table}").fetchone()
            if found and found[0] is not None:
                highest = max(highest, int(found[0]))
        return highest

    def hash_at(self, seq: int) -> str | None:
        """The stored ``row_hash`` of the row at ``seq`` (None if no row holds that position)."""
        if seq == 0:
            return GENESIS_HASH
        for table in self._chained():
            found = self._connection.execute(f"SELECT row_hash FROM {table} WHERE seq = ?", (seq,)).fetchone()
            if found is not None:
                return str(found[0])
        return None

    def rows(self, after_seq: int, limit: int) -> list[LocalRow]:
        """Up to ``limit`` rows after position ``after_seq``, in append order, read in one snapshot."""
        self._connection.execute("BEGIN")
        try:
            streams = [self._table_rows(table, after_seq, limit) for table in self._chained()]
            merged = heapq.merge(*streams, key=lambda item: item.seq)
            return [row for _, row in zip(range(limit), merged, strict=False)]
        finally:
            self._connection.execute("ROLLBACK")

    def _table_rows(self, table: str, after_seq: int, limit: int) -> Iterator[LocalRow]:
        cursor = self._connection.execute(
            f"SELECT * FROM {table} WHERE seq > ? ORDER BY seq LIMIT ?", (after_seq, limit)
        )
        names = [description[0] for description in cursor.description]
        # Materialised: the merge reads every table's cursor inside the one snapshot.
        for values in cursor.fetchall():
            row: dict[str, SqlValue] = dict(zip(names, values, strict=True))
            stored_hash = str(row["row_hash"])
            canonical = canonical_bytes(table, row)  # what row_hash() hashes, serialised once
            yield LocalRow(
                seq=int(str(row["seq"])),
                table=table,
                prev_hash=str(row["prev_hash"]),
                row_hash=stored_hash,
                recorded_at=str(row["recorded_at"]),
                canonical=canonical.decode(),
                intact=hashlib.sha256(canonical).hexdigest() == stored_hash,
            )

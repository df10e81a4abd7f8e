"""Dose journal layouts: what the journal's own SQL costs per dose, and what each layout idea would save.

Every contender makes one durable commit per dose with the journal's settings (WAL,
``synchronous=FULL``, foreign keys on), in alternating rounds after a warm-up. The rows of the SQL-only
contenders are prepared beforehand (hashes chained with the journal's own function, outside the timer),
so they measure the statements and the disk, not the Python around them:

- bare: one row in a plain table, the floor of ``journal_benchmark.py``;
- journal SQL: the statements ``journal.store`` runs for a shot (device event, dose, chain head), on a
  file made by the journal itself;
- the same without the chain head row (a head kept in memory only);
- the same with the doses table rebuilt without its unique index on ``device_event_seq``;
- one chained row per dose (the device event alone, with the chain head);
- ``journal.store`` itself: the journal SQL plus the Python that builds, checks and hashes the rows.

Prints appends/s, the ratio to bare and the WAL pages each commit writes, with the load average.
Usage: ``.venv/bin/python benchmarks/journal_layout_benchmark.py [--appends 3000] [--cpu-only]``; with
``--cpu-only`` no commit waits for the disk (``synchronous=OFF``): what is left is the processor's work.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench_common import load_average, table
from journal_benchmark import BareTable, JournalAppends, _chain, _session, shot_rows

from mesogun.journal import SqliteJournal


class JournalSql:
    """The journal's statements for one shot, on a journal file, with rows prepared beforehand."""

    def __init__(self, path: Path, *, head_row: bool = True, dose_row: bool = True) -> None:
        with SqliteJournal(path) as journal:
            self.session_id, self.configured_seq = _session(journal)
        self.connection = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
            self.connection.execute(f"PRAGMA {pragma}")
        self.head: list[Any] = list(
            self.connection.execute("SELECT seq, row_hash FROM chain_head").fetchone()
        )
        self.head_row = head_row
        self.dose_row = dose_row
        self.number = 0

    def without_dose_unique_index(self) -> JournalSql:
        """Rebuild the (still empty) doses table without the unique index on device_event_seq."""
        (sql,) = self.connection.execute("SELECT sql FROM sqlite_master WHERE name = 'doses'").fetchone()
        rebuilt = str(sql).replace("CREATE TABLE doses", "CREATE TABLE doses_rebuilt", 1)
        rebuilt = rebuilt.replace(
            "device_event_seq INTEGER NOT NULL UNIQUE", "device_event_seq INTEGER NOT NULL"
        )
        assert rebuilt != sql and "UNIQUE REFERENCES" not in rebuilt
        for statement in (
            rebuilt,
            "DROP TABLE doses",
            "ALTER TABLE doses_rebuilt RENAME TO doses",
            "CREATE INDEX doses_by_session ON doses (session_id, point_index)",
        ):
            self.connection.execute(statement)
        return self

    def _rows(self) -> list[tuple[str, tuple[Any, ...]]]:
        self.number += 1
        event, dose = shot_rows(self.number, self.session_id, self.configured_seq)
        event_values = _chain("device_events", event, self.head)
        statements = [(_insert_sql("device_events", event, conflict=True), event_values)]
        if self.dose_row:
            dose["device_event_seq"] = self.head[0]
            dose_values = _chain("doses", dose, self.head)
            statements.append((_insert_sql("doses", dose), dose_values))
        if self.head_row:
            statements.append(("UPDATE chain_head SET seq = ?, row_hash = ? WHERE id = 1", tuple(self.head)))
        return statements

    def append(self) -> float:
        """One durable commit of the prepared rows; its duration in seconds."""
        statements = self._rows()
        connection = self.connection
        begin = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("PRAGMA data_version").fetchone()
        for sql, values in statements:
            connection.execute(sql, values)
        connection.execute("COMMIT")
        return time.perf_counter() - begin

    def close(self) -> None:
        self.connection.close()


def _insert_sql(name: str, row: dict[str, Any], *, conflict: bool = False) -> str:
    sql = f"INSERT INTO {name} ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})"
    return sql + " ON CONFLICT (device_serial, event_number) DO NOTHING" if conflict else sql


@dataclass(frozen=True)
class Contender:
    """A name, a durable append returning its duration, the file it writes and its connection."""

    label: str
    path: Path
    connection: sqlite3.Connection
    append: Callable[[], float]
    close: Callable[[], None]


def contenders(directory: Path) -> list[Contender]:
    bare = BareTable(directory / "bare.sqlite3")
    found = [
        Contender(
            "bare single-row commit",
            directory / "bare.sqlite3",
            bare.connection,
            bare.append,
            bare.connection.close,
        )
    ]
    layouts: tuple[tuple[str, dict[str, bool]], ...] = (
        ("journal SQL (device event, dose, chain head)", {}),
        ("  without the chain head row", {"head_row": False}),
        ("  without the doses' unique index", {"unique": False}),
        ("  one chained row per dose", {"dose_row": False}),
    )
    for number, (label, options) in enumerate(layouts):
        path = directory / f"layout-{number}.sqlite3"
        unique = bool(options.pop("unique", True))
        sql = JournalSql(path, **options)
        if not unique:
            sql.without_dose_unique_index()
        found.append(Contender(label, path, sql.connection, sql.append, sql.close))
    store = JournalAppends(directory / "store.sqlite3")
    connection = store.journal._db.connection  # the journal's own: --cpu-only sets its pragma too
    found.append(
        Contender(
            "journal.store (SQL + Python)",
            directory / "store.sqlite3",
            connection,
            store.append,
            store.journal.close,
        )
    )
    return found


def wal_frames(path: Path) -> int:
    with sqlite3.connect(path) as reader:
        return int(reader.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appends", type=int, default=3000, help="durable appends per contender")
    parser.add_argument("--dir", type=Path, help="directory for the files (default: a temporary one)")
    parser.add_argument(
        "--cpu-only",
        action="store_true",
        help="synchronous=OFF for every contender: what each costs besides the disk (not durable)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as scratch:
        print(f"Before: {load_average()}\n")
        found = contenders(Path(scratch))
        if args.cpu_only:
            for contender in found:
                contender.connection.execute("PRAGMA synchronous = OFF")
            print("synchronous=OFF: no commit waits for the disk (for the breakdown only)\n")
        durations: dict[str, list[float]] = {contender.label: [] for contender in found}
        for contender in found:
            for _ in range(100):
                contender.append()
        rounds = 15
        for _ in range(rounds):
            for contender in found:
                durations[contender.label] += [
                    contender.append() for _ in range(max(1, args.appends // rounds))
                ]
        load = load_average()
        # WAL pages: back to back, below SQLite's own checkpoint threshold, from an emptied WAL.
        pages: dict[str, float] = {}
        for contender in found:
            with sqlite3.connect(contender.path) as reader:
                reader.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            for _ in range(100):
                contender.append()
            pages[contender.label] = wal_frames(contender.path) / 100
        for contender in found:
            contender.close()
    bare_rate = len(durations[found[0].label]) / sum(durations[found[0].label])
    rows = []
    for contender in found:
        values = durations[contender.label]
        rate = len(values) / sum(values)
        rows.append(
            (
                contender.label,
                f"{rate:,.0f}/s",
                f"{sum(values) / len(values) * 1e6:,.0f} µs",
                f"{rate / bare_rate:.2f}",
                f"{pages[contender.label]:.1f}",
            )
        )
    print(table(rows, ("contender", "commits", "mean", "ratio to bare", "WAL pages / commit")))
    print(f"\nMeasured at {load}; at the end: {load_average()}")


if __name__ == "__main__":
    main()

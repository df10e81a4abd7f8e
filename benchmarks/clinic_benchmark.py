"""Clinic store benchmark: rows shipped per second by the replicator, and the lag after a burst.

Starts its own PostgreSQL server (as the clinic tests do: initdb in a temp dir, unix socket, as the
``postgres`` user when run as root) and prints, from one run (compare the ratios, not absolute times
across machines):
- the floor: the same desk rows loaded bare into a table with the same columns but no checks, no
  trigger, no index but the key, by ``COPY`` and by ``executemany``, in transactions of the same size;
- the replicator's ``sync_once`` shipping those rows into a fresh clinic database (hash recomputed by
  a CHECK, chain linked and head anchored by the trigger, JSON body and indexes kept), as rows per
  second and as a ratio to each floor. The three are interleaved, round by round, so a busy machine
  weighs on each alike; the load average is printed beside them;
- the lag after a burst: a replicator thread runs (interval as in the app's default, or
  ``--interval``) while a session of ``--burst`` shots is journaled through the journal's own API
  (one durable commit per shot); the time from the burst's last commit until the clinic holds it.

Usage: ``python benchmarks/clinic_benchmark.py [--rows 20000] [--rounds 3] [--batch 500] [--burst 300]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "mesogun" / "clinic"))

from clinic_builders import Desk
from pg_server import PgServer, find_bindir

from mesogun.clinic.local_rows import LocalJournalRows, LocalRow
from mesogun.clinic.replicator import ReplicatorThread, sync_once
from mesogun.clinic.schema import install

_PLAIN = """CREATE TABLE plain_rows (
    station_id text NOT NULL, seq bigint NOT NULL, table_name text NOT NULL, prev_hash text NOT NULL,
    row_hash text NOT NULL, recorded_at text NOT NULL, canonical text NOT NULL,
    PRIMARY KEY (station_id, seq))"""
_COLUMNS = "station_id, seq, table_name, prev_hash, row_hash, recorded_at, canonical"


def _values(station: str, row: LocalRow) -> tuple[object, ...]:
    return (station, row.seq, row.table, row.prev_hash, row.row_hash, row.recorded_at, row.canonical)


def _batches(rows: list[LocalRow], size: int) -> list[list[LocalRow]]:
    return [rows[start : start + size] for start in range(0, len(rows), size)]


def bare_copy(conninfo: str, station: str, rows: list[LocalRow], batch: int) -> float:
    with psycopg.connect(conninfo) as connection:
        started = time.perf_counter()
        for chunk in _batches(rows, batch):
            with (
                connection.transaction(),
                connection.cursor() as cursor,
                cursor.copy(f"COPY plain_rows ({_COLUMNS}) FROM STDIN".encode()) as copy,
            ):
                for row in chunk:
                    copy.write_row(_values(station, row))
        return time.perf_counter() - started


def bare_executemany(conninfo: str, station: str, rows: list[LocalRow], batch: int) -> float:
    sql = f"INSERT INTO plain_rows ({_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s)".encode()
    with psycopg.connect(conninfo) as connection:
        started = time.perf_counter()
        for chunk in _batches(rows, batch):
            with connection.transaction(), connection.cursor() as cursor:
                cursor.executemany(sql, [_values(station, row) for row in chunk])
        return time.perf_counter() - started


def replicator(conninfo: str, journal: Path, batch: int) -> float:
    started = time.perf_counter()
    result = sync_once(journal, conninfo, batch_rows=batch)
    elapsed = time.perf_counter() - started
    assert result.lag_rows == 0
    return elapsed


def _new_database(server: PgServer, name: str, *, clinic: bool) -> str:
    with psycopg.connect(server.conninfo(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}".encode())
    with psycopg.connect(server.conninfo(name)) as connection:
        if clinic:
            install(connection)
        else:
            connection.execute(_PLAIN.encode())
    return server.conninfo(name)


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} CPUs"


def burst_lag(server: PgServer, work: Path, shots: int, interval_s: float) -> tuple[float, float]:
    """(seconds to journal the burst, seconds from its last commit until the clinic holds it)."""
    conninfo = _new_database(server, "burst", clinic=True)
    with Desk(work / "burst" / "journal.sqlite3", serial="BENCH-0002") as desk:
        thread = ReplicatorThread(desk.path, conninfo, interval_s=interval_s)
        thread.start()
        try:
            started = time.perf_counter()
            desk.session("BNC-0001", points=max(1, shots // 50), shots=min(shots, 50))
            written = time.perf_counter()
            head = desk.head()
            with psycopg.connect(conninfo, autocommit=True) as watcher:
                while True:
                    found = watcher.execute("SELECT max(head_seq) FROM clinic.stations").fetchone()
                    if found and found[0] == head:
                        break
                    time.sleep(0.005)
            caught_up = time.perf_counter()
        finally:
            thread.stop()
    return written - started, caught_up - written


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=20_000, help="desk rows shipped per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch", type=int, default=500, help="rows per transaction (all three)")
    parser.add_argument("--burst", type=int, default=300, help="shots journaled in the burst")
    parser.add_argument("--interval", type=float, default=5.0, help="replicator interval for the burst (s)")
    args = parser.parse_args()

    bindir = find_bindir()
    if bindir is None:
        print("no PostgreSQL server binaries: apt-get install postgresql", file=sys.stderr)
        return 2
    server = PgServer(bindir)
    server.start()
    work = Path(tempfile.mkdtemp(prefix="mesogun-clinic-bench-"))
    try:
        with Desk(work / "desk" / "journal.sqlite3", serial="BENCH-0001") as desk:
            session_id = desk.session("BNC-0001", points=4, shots=10)
            desk.notes(session_id, max(0, args.rows - desk.head()))
            journal = desk.path
        with LocalJournalRows(journal) as local:
            rows = local.rows(0, args.rows)
        print(f"{len(rows)} desk rows, batches of {args.batch}; {_load()}")
        timings: dict[str, list[float]] = {"COPY (bare)": [], "executemany (bare)": [], "replicator": []}
        runs: dict[str, Callable[[int], float]] = {
            "COPY (bare)": lambda n: bare_copy(
                _new_database(server, f"copy_{n}", clinic=False), "desk", rows, args.batch
            ),
            "executemany (bare)": lambda n: bare_executemany(
                _new_database(server, f"many_{n}", clinic=False), "desk", rows, args.batch
            ),
            "replicator": lambda n: replicator(
                _new_database(server, f"clinic_{n}", clinic=True), journal, args.batch
            ),
        }
        for number in range(args.rounds):
            for name, run in runs.items():
                timings[name].append(run(number))
            print(f"round {number + 1}: {_load()}")
        rates = {name: len(rows) / statistics.median(values) for name, values in timings.items()}
        print()
        print(f"{'method':22}  {'rows/s (median)':>15}  rounds (s)")
        for name, values in timings.items():
            print(f"{name:22}  {rates[name]:15,.0f}  {', '.join(f'{v:.2f}' for v in values)}")
        print(
            f"replicator / COPY floor: {rates['replicator'] / rates['COPY (bare)']:.2f}; "
            f"replicator / executemany floor: {rates['replicator'] / rates['executemany (bare)']:.2f}"
        )
        written_s, lag_s = burst_lag(server, work, args.burst, args.interval)
        print()
        print(
            f"burst: {args.burst} shots journaled in {written_s:.2f} s (one durable commit each); "
            f"the clinic held the last one {lag_s:.2f} s later (replicator interval {args.interval:g} s); "
            f"{_load()}"
        )
    finally:
        server.destroy()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Dose journal benchmark: durable appends per second, and the time ``verify`` takes on a large journal.

Prints, from one run (compare the ratios, not absolute times across machines):
- bare sqlite3 single-row commits (WAL, ``synchronous=FULL``) per second: the floor of a durable append;
- doses per second stored through ``SqliteJournal.store`` (device event + dose + chain, one commit each),
  and the ratio to the floor;
- ``verify`` over a journal of N doses (default 1 000 000: 2 000 000 chained rows, a device event and a
  dose each), in rows per second. The big journal is filled by a benchmark-only path (executemany,
  hashes computed with the journal's own chain function, no per-row commit), not by the journal API.

Usage: ``python benchmarks/journal_benchmark.py [--appends 2000] [--doses 1000000] [--dir DIR]``
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench_common import load_average

from firmware_protocol import AlarmCode, Mode, ShotResult
from mesogun.device_events import Shot
from mesogun.journal import SqliteJournal
from mesogun.journal.chain import row_hash
from mesogun.models import Product, Technique

SERIAL = "BENCH-0001"
T0 = datetime(2025, 1, 6, 8, 0, tzinfo=UTC)
RECORDED_AT = "2025-01-06T08:00:00.000000Z"


def _shot(number: int, config_id: int) -> Shot:
    return Shot(
        event_number=number,
        device_time=T0 + timedelta(milliseconds=111 * number),
        config_id=config_id,
        mode=Mode.BURST,
        commanded_depth_mm=1.0,
        measured_depth_mm=1.0,
        commanded_volume_ul=20.0,
        delivered_volume_ul=19.98,
        flow_ul_s=100.0,
        result=ShotResult.COMPLETE,
        cause=AlarmCode.NONE,
        syringe_remaining_ul=5000.0 - 0.02 * number,
    )


def _session(journal: SqliteJournal) -> tuple[str, int]:
    session_id = journal.open_session(
        patient_pseudonym="BENCH-1",
        practitioner="bench",
        indication="benchmark",
        limits_version="bench",
        products=[Product(name="NaCl", concentration="0.9 %", lot="B1")],
        started_at=T0,
    )
    configured = journal.record_point_configured(
        session_id,
        point_index=0,
        device_serial=SERIAL,
        config_id=1,
        technique=Technique.NAPPAGE,
        mode=Mode.BURST,
        depth_mm=1.0,
        volume_ul=20.0,
        flow_ul_s=100.0,
        burst_rate_per_s=9.0,
        limits_version="bench",
        operator="bench",
    )
    return session_id, configured


class BareTable:
    """The floor: a plain table, one INSERT + COMMIT per row, WAL and synchronous=FULL."""

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(path, isolation_level=None)
        self.connection.execute("PRAGMA journal_mode = WAL")
        self.connection.execute("PRAGMA synchronous = FULL")
        self.connection.execute(
            "CREATE TABLE doses (id INTEGER PRIMARY KEY, serial TEXT, event_number INTEGER, at TEXT, "
            "depth_mm REAL, volume_ul REAL, delivered_ul REAL, result TEXT, payload TEXT)"
        )
        self.number = 0

    def append(self) -> float:
        """One durable single-row commit; its duration in seconds."""
        self.number += 1
        begin = time.perf_counter()
        self.connection.execute("BEGIN")
        self.connection.execute(
            "INSERT INTO doses (serial, event_number, at, depth_mm, volume_ul, delivered_ul, result, "
            "payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (SERIAL, self.number, "2025-01-06T08:00:00.000000Z", 1.0, 20.0, 19.98, "complete", "x" * 120),
        )
        self.connection.execute("COMMIT")
        return time.perf_counter() - begin


class JournalAppends:
    """Shots stored through the journal: device event + dose, chained, one durable commit each."""

    def __init__(self, path: Path) -> None:
        self.journal = SqliteJournal(path)
        _session(self.journal)
        self.number = 0

    def append(self) -> float:
        self.number += 1
        event = _shot(self.number, 1)
        begin = time.perf_counter()
        self.journal.store(SERIAL, event)
        return time.perf_counter() - begin


def durable_appends(directory: Path, count: int) -> dict[str, tuple[float, float]]:
    """Appends/s and p99 (ms) of each contender, measured in alternating rounds after a warm-up.

    Rounds of 20 appends (a few milliseconds each): the time of a durable commit follows the disk's
    load from one moment to the next, and short rounds let both contenders meet the same moments.
    """
    bare = BareTable(directory / "bare.sqlite3")
    journal = JournalAppends(directory / "journal.sqlite3")
    contenders: dict[str, BareTable | JournalAppends] = {"bare": bare, "journal": journal}
    durations: dict[str, list[float]] = {name: [] for name in contenders}
    for contender in contenders.values():
        for _ in range(100):
            contender.append()
    rounds = max(1, count // 20)
    for _ in range(rounds):
        for name, contender in contenders.items():
            durations[name] += [contender.append() for _ in range(max(1, count // rounds))]
    bare.connection.close()
    journal.journal.close()
    return {
        name: (len(values) / sum(values), statistics.quantiles(values, n=100)[98] * 1000)
        for name, values in durations.items()
    }


def _wal_page_numbers(wal: Path) -> list[int]:
    """The database page each frame of a WAL file holds (a 32-byte file header, then frames of a
    24-byte header, whose first 4 bytes are the page number, and one page)."""
    data = wal.read_bytes()
    if len(data) < 32:
        return []
    frame_bytes = 24 + int.from_bytes(data[8:12], "big")
    return [
        int.from_bytes(data[offset : offset + 4], "big")
        for offset in range(32, len(data) - frame_bytes + 1, frame_bytes)
    ]


def _pages_by_btree(path: Path, count: int) -> dict[str, float]:
    """WAL frames per commit of each table or index of ``path`` (page owners read from ``dbstat``)."""
    with sqlite3.connect(path) as reader:
        owner = {int(page): str(name) for name, page in reader.execute("SELECT name, pageno FROM dbstat")}
    owner[1] = "page 1 (file header)"
    tally: dict[str, int] = {}
    for page in _wal_page_numbers(path.with_name(path.name + "-wal")):
        name = owner.get(page, "other")
        tally[name] = tally.get(name, 0) + 1
    return {name: frames / count for name, frames in sorted(tally.items(), key=lambda item: -item[1])}


def wal_pages_per_commit(directory: Path, count: int = 100) -> dict[str, float]:
    """4 KiB pages written to the WAL per durable commit, journal dose against bare row; and the
    journal's, table by table and index by index (keys ``journal:<name>``)."""
    found: dict[str, float] = {}
    for name, contender in (
        ("bare", BareTable(directory / "pages-bare.sqlite3")),
        ("journal", JournalAppends(directory / "pages-journal.sqlite3")),
    ):
        path = directory / f"pages-{name}.sqlite3"
        for _ in range(20):
            contender.append()
        with sqlite3.connect(path) as reader:
            reader.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        # Back to back, and fewer pages than SQLite's own checkpoint threshold: nothing resets the WAL.
        for _ in range(count):
            contender.append()
        if name == "journal":
            found.update({f"journal:{btree}": pages for btree, pages in _pages_by_btree(path, count).items()})
        with sqlite3.connect(path) as reader:
            frames = reader.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1]
        found[name] = frames / count
        if isinstance(contender, BareTable):
            contender.connection.close()
        else:
            contender.journal.close()
    return found


def _chain(table: str, row: dict[str, Any], head: list[Any]) -> tuple[Any, ...]:
    """Give ``row`` the next place in the chain (``head`` = [seq, hash], updated); its values in order."""
    row["seq"] = head[0] + 1
    row["prev_hash"] = head[1]
    digest = row_hash(table, row)
    row["row_hash"] = digest
    head[0] += 1
    head[1] = digest
    return tuple(row.values())


def shot_rows(number: int, session_id: str, configured_seq: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """The device event and dose rows ``journal.store`` writes for shot ``number`` (no chain columns)."""
    at = (T0 + timedelta(milliseconds=111 * number)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    event = {
        "recorded_at": RECORDED_AT,
        "device_serial": SERIAL,
        "event_number": number,
        "kind": "Shot",
        "device_time": at,
        "payload_json": (
            f'{{"cause":"NONE","commanded_depth_mm":1.0,"commanded_volume_ul":20.0,"config_id":1,'
            f'"delivered_volume_ul":19.98,"device_time":"{at}","event_number":{number},'
            f'"flow_ul_s":100.0,"measured_depth_mm":1.0,"mode":"BURST","result":"COMPLETE",'
            f'"syringe_remaining_ul":{5000.0 - 0.02 * number!r}}}'
        ),
    }
    dose = {
        "recorded_at": RECORDED_AT,
        "device_event_seq": 0,  # set when the event takes its place in the chain
        "session_id": session_id,
        "point_index": 0,
        "configured_seq": configured_seq,
        "device_serial": SERIAL,
        "event_number": number,
        "delivered_at": at,
        "commanded_depth_mm": 1.0,
        "measured_depth_mm": 1.0,
        "commanded_volume_ul": 20.0,
        "delivered_volume_ul": 19.98,
        "flow_ul_s": 100.0,
        "result": "complete",
        "syringe_remaining_ul": 5000.0 - 0.02 * number,
        "operator": "bench",
    }
    return event, dose


def fill_for_verify(path: Path, doses: int) -> None:
    """Benchmark-only: append ``doses`` (device event + dose each) with executemany, hashes chained."""
    with SqliteJournal(path) as journal:
        session_id, configured_seq = _session(journal)
    connection = sqlite3.connect(path, isolation_level=None)
    # Filling a scratch file: durability is not what is measured here.
    connection.execute("PRAGMA synchronous = OFF")
    head: list[Any] = list(connection.execute("SELECT seq, row_hash FROM chain_head").fetchone())
    batch = 20_000
    for first in range(1, doses + 1, batch):
        numbers = range(first, min(first + batch, doses + 1))
        event_rows: list[tuple[Any, ...]] = []
        dose_rows: list[tuple[Any, ...]] = []
        for number in numbers:
            event, dose = shot_rows(number, session_id, configured_seq)
            event_rows.append(_chain("device_events", event, head))
            dose["device_event_seq"] = head[0]
            dose_rows.append(_chain("doses", dose, head))
        connection.execute("BEGIN")
        for table, columns, values in (
            ("device_events", list(event), event_rows),
            ("doses", list(dose), dose_rows),
        ):
            placeholders = ", ".join("?" for _ in columns)
            connection.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", values
            )
        connection.execute("UPDATE chain_head SET seq = ?, row_hash = ? WHERE id = 1", (head[0], head[1]))
        connection.execute("COMMIT")
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appends", type=int, default=2000, help="durable appends to time (default 2000)")
    parser.add_argument("--doses", type=int, default=1_000_000, help="doses in the journal to verify")
    parser.add_argument("--dir", type=Path, help="directory for the files (default: a temporary one)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(dir=args.dir) as scratch:
        directory = Path(scratch)
        print(f"Before: {load_average()}\n")
        rates = durable_appends(directory, args.appends)
        (bare_rate, bare_p99), (journal_rate, journal_p99) = rates["bare"], rates["journal"]
        pages = wal_pages_per_commit(directory)
        load_after_appends = load_average()

        big = directory / "verify.sqlite3"
        start = time.perf_counter()
        fill_for_verify(big, args.doses)
        fill_s = time.perf_counter() - start
        with SqliteJournal(big) as journal:
            start = time.perf_counter()
            report = journal.verify()
            verify_s = time.perf_counter() - start
        assert report.ok, report.first_broken
        size_mb = big.stat().st_size / 1e6

    rows = [
        ("bare sqlite3 single-row commits (WAL, FULL)", f"{bare_rate:,.0f}/s, p99 {bare_p99:.2f} ms"),
        (
            "journal.store: durable doses (event + dose + chain)",
            f"{journal_rate:,.0f}/s, p99 {journal_p99:.2f} ms",
        ),
        ("ratio journal / bare (goal ≥ 0.8)", f"{journal_rate / bare_rate:.2f}"),
        (
            "WAL pages (4 KiB) written per durable commit",
            f"journal {pages['journal']:.1f}, bare {pages['bare']:.1f}",
        ),
        (
            "journal's WAL pages by table and index",
            ", ".join(f"{key[8:]} {value:.2f}" for key, value in pages.items() if key.startswith("journal:")),
        ),
        (
            f"verify: {args.doses:,} doses = {report.rows_checked:,} rows ({size_mb:,.0f} MB)",
            f"{verify_s:.1f} s",
        ),
        (
            "verify throughput",
            f"{report.rows_checked / verify_s:,.0f} rows/s ({args.doses / verify_s:,.0f} doses/s)",
        ),
        ("(benchmark-only fill of that journal)", f"{fill_s:.1f} s"),
    ]
    print("| measure | value |")
    print("|---|---|")
    for measure, value in rows:
        print(f"| {measure} | {value} |")
    print(f"\nAppends measured at {load_after_appends}; at the end: {load_average()}")


if __name__ == "__main__":
    main()

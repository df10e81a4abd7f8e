"""History at scale: listing the sessions of a big journal, and typing in the History screen's search box.

A journal of ``--sessions`` sessions (default 10 000) holding ``--doses`` doses (default 1 000 000) is
filled by a benchmark-only path (executemany, placeholder hashes: nothing here verifies the chain).
Then, in one run:

* ``SqliteJournal.sessions()`` (what ``mesogun sessions list`` and the History screen read) on that
  journal, where every session recorded its totals when it closed, against the same journal where the
  totals were not recorded (sessions closed by an older version: their doses are summed), and against
  the floor: a bare scan of the sessions table; runs alternate;
* the History screen (offscreen) showing all those sessions: the time the GUI thread is held by each
  keystroke typed in the search box (the key, the filter, the table's repaint), against one frame at
  60 Hz (16.7 ms).

Usage: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/history_benchmark.py``
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_common import load_average, percentile, table

from mesogun.journal import SqliteJournal

FRAME_S = 1 / 60
RECORDED = "2025-01-06T08:00:00.000000Z"


def fill(path: Path, sessions: int, doses: int) -> None:
    """Sessions (opened and closed, totals recorded) with ``doses`` doses spread over them."""
    SqliteJournal(path).close()  # the current schema
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA synchronous = OFF")
    chain = {"prev_hash": "0" * 64, "row_hash": "0" * 64, "recorded_at": RECORDED}
    seq = 0
    per_session = max(1, doses // sessions)
    connection.execute("BEGIN")
    for number in range(sessions):
        session_id = f"{number:08d}-0000-4000-8000-000000000000"
        started = f"2025-{1 + number % 12:02d}-{1 + number % 28:02d}T{8 + number % 10:02d}:00:00.000000Z"
        seq += 1
        connection.execute(
            "INSERT INTO sessions_opened (seq, prev_hash, row_hash, recorded_at, session_id, "
            "patient_pseudonym, practitioner, indication, plan_name, limits_version, products_json, "
            "started_at) VALUES (:seq, :prev_hash, :row_hash, :recorded_at, ?, ?, ?, ?, ?, ?, ?, ?)".replace(
                ":seq", str(seq)
            )
            .replace(":prev_hash", "?")
            .replace(":row_hash", "?")
            .replace(":recorded_at", "?"),
            (
                chain["prev_hash"],
                chain["row_hash"],
                RECORDED,
                session_id,
                f"MST-{number % 3000:04d}",
                "Dr Claire Martin",
                "anxiété légère",
                "mesostress",
                "bench",
                "[]",
                started,
            ),
        )
        rows = []
        for dose in range(per_session):
            seq += 1
            rows.append(
                (
                    seq,
                    "0" * 64,
                    "0" * 64,
                    RECORDED,
                    seq,
                    session_id,
                    dose % 12,
                    0,
                    "BENCH",
                    seq,
                    started,
                    4.0,
                    4.0,
                    50.0,
                    49.9,
                    50.0,
                    "complete",
                    2000.0,
                    "bench",
                )
            )
        connection.executemany(
            "INSERT INTO doses (seq, prev_hash, row_hash, recorded_at, device_event_seq, session_id, "
            "point_index, configured_seq, device_serial, event_number, delivered_at, commanded_depth_mm, "
            "measured_depth_mm, commanded_volume_ul, delivered_volume_ul, flow_ul_s, result, "
            "syringe_remaining_ul, operator) VALUES (" + ", ".join("?" * 19) + ")",
            rows,
        )
        seq += 1
        connection.execute(
            "INSERT INTO sessions_closed (seq, prev_hash, row_hash, recorded_at, session_id, status, "
            "ended_at, dose_count, delivered_ul) VALUES (?, ?, ?, ?, ?, 'completed', ?, ?, ?)",
            (seq, "0" * 64, "0" * 64, RECORDED, session_id, started, per_session, 49.9 * per_session),
        )
    connection.execute("UPDATE chain_head SET seq = ?, row_hash = ? WHERE id = 1", (seq, "0" * 64))
    connection.execute("COMMIT")
    connection.close()


def without_totals(source: Path, target: Path) -> None:
    """A copy of ``source`` whose sessions did not record their totals (as closed by an older version)."""
    shutil.copy(source, target)
    connection = sqlite3.connect(target, isolation_level=None)
    connection.execute("DROP TRIGGER sessions_closed_no_update")  # a benchmark's scratch copy only
    connection.execute("UPDATE sessions_closed SET dose_count = NULL, delivered_ul = NULL")
    connection.close()


def time_listing(path: Path) -> float:
    with SqliteJournal(path) as journal:
        started = time.perf_counter()
        journal.sessions()
        return time.perf_counter() - started


def time_bare_scan(path: Path) -> float:
    connection = sqlite3.connect(path)
    started = time.perf_counter()
    connection.execute("SELECT * FROM sessions_opened ORDER BY started_at").fetchall()
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def keystrokes(path: Path, text: str) -> tuple[list[float], int]:
    """GUI-thread time held by each keystroke typed into the History search box; sessions shown first."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from gui.pages.history_page import HistoryPage

    app = QApplication.instance() or QApplication(sys.argv[:1])
    page = HistoryPage(path)
    page.resize(1280, 800)
    page.show()
    listed: list[int] = []
    page.refreshed.connect(listed.append)
    page.refresh()
    deadline = time.monotonic() + 300
    while not listed and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    shown = listed[0] if listed else 0
    held: list[float] = []
    page.patient_edit.setFocus()
    for key in text:
        started = time.perf_counter()
        QTest.keyClicks(page.patient_edit, key)
        app.processEvents()  # the filter, the model's reset, the repaint of what changed
        held.append(time.perf_counter() - started)
    for _ in text:  # and back, one erased character at a time
        started = time.perf_counter()
        QTest.keyClick(page.patient_edit, Qt.Key.Key_Backspace)
        app.processEvents()
        held.append(time.perf_counter() - started)
    page.shutdown()
    page.close()
    return held, shown


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--doses", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"Before: {load_average()}\n")
    with tempfile.TemporaryDirectory(prefix="mesogun-history-") as scratch:
        recorded = Path(scratch) / "recorded.sqlite3"
        summed = Path(scratch) / "summed.sqlite3"
        started = time.perf_counter()
        fill(recorded, args.sessions, args.doses)
        without_totals(recorded, summed)
        filled_s = time.perf_counter() - started
        print(f"Filled {args.sessions:,} sessions and {args.doses:,} doses in {filled_s:.0f} s")
        times: dict[str, list[float]] = {"recorded": [], "summed": [], "bare": []}
        for _ in range(args.runs):
            times["recorded"].append(time_listing(recorded))
            times["summed"].append(time_listing(summed))
            times["bare"].append(time_bare_scan(recorded))
        listing_load = load_average()
        held, shown = keystrokes(recorded, "MST-01")
    bare = statistics.median(times["bare"])
    rows = [
        (
            "sessions list, totals recorded at close",
            f"{statistics.median(times['recorded']) * 1000:.0f} ms",
            f"{statistics.median(times['recorded']) / bare:.1f}× the bare scan",
        ),
        (
            "sessions list, totals summed from the doses",
            f"{statistics.median(times['summed']) * 1000:.0f} ms",
            f"{statistics.median(times['summed']) / bare:.1f}× the bare scan",
        ),
        ("bare scan of the sessions table (floor)", f"{bare * 1000:.0f} ms", "1.0×"),
    ]
    print(f"\n{args.sessions:,} sessions, {args.doses:,} doses; medians of {args.runs} alternating runs\n")
    print(table(rows, ("measure", "time", "ratio")))
    print(f"\n(listing measured at {listing_load})\n")
    keys = [
        (
            f"History screen, {shown:,} sessions: GUI thread held per keystroke",
            f"p50 {percentile(held, 0.5) * 1000:.1f} ms, max {max(held) * 1000:.1f} ms",
            f"max / one frame (16.7 ms): {max(held) / FRAME_S:.2f}",
        )
    ]
    print(table(keys, ("measure", "time", "ratio")))
    print(f"\nAfter: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

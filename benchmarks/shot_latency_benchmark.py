"""Shot-to-journal latency: from the gun journaling a SHOT to the host's durable dose row.

A simulated gun is served on a pseudo-terminal (the real pyserial path); the host opens it with a real
SQLite journal file as its event sink, and a session is open with a point configured on the gun, so
every shot becomes a device-event row and a dose row, as in a clinical session (the script checks that
each shot made its dose). For every shot, the latency runs from the instant the simulated firmware
journaled the SHOT event (its ground truth records ``time.monotonic()``, same process, same clock) to
the instant ``SqliteJournal.store`` returned, i.e. the rows are committed with ``synchronous=FULL`` and
the acknowledgement may go out.

In the same run: the link's request/response round trip on the same pty (``Injector.status()``) and
a bare single-row durable SQLite commit in the same directory. The budget of a shot is one round trip
+ one bare commit + 2 ms (p99 each); the script prints the ratio of the shot's p99 to that budget.

Usage: ``.venv/bin/python benchmarks/shot_latency_benchmark.py [--shots 400]``. Compare the ratio, not
absolute times across machines.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import threading
import time
from pathlib import Path

from bench_common import load_average, percentile

from firmware_protocol import DeviceState, Mode
from mesogun.device_events import DeviceEvent, Shot
from mesogun.injector import Injector
from mesogun.journal import SqliteJournal
from mesogun.models import Product, Technique
from simulators.gun import SimulatedGun
from simulators.servers import PtyServer

CLOCK_SCALE = 20.0  # faster shots; the host side (link, journal) runs in real time


class TimedJournal:
    """The real journal as the event sink, noting when each shot's row became durable."""

    def __init__(self, path: Path) -> None:
        self.journal = SqliteJournal(path)
        self.stored_at_s: dict[int, float] = {}
        self._lock = threading.Lock()

    def last_event_number(self, device_serial: str) -> int:
        return self.journal.last_event_number(device_serial)

    def store(self, device_serial: str, event: DeviceEvent) -> None:
        self.journal.store(device_serial, event)
        if isinstance(event, Shot):
            with self._lock:
                self.stored_at_s.setdefault(event.event_number, time.monotonic())


def bare_commits(path: Path, count: int) -> list[float]:
    """Durations of ``count`` bare single-row commits (WAL, synchronous=FULL), in seconds."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("CREATE TABLE doses (id INTEGER PRIMARY KEY, event_number INTEGER, payload TEXT)")
    durations: list[float] = []
    for number in range(count):
        begin = time.perf_counter()
        connection.execute("BEGIN")
        connection.execute("INSERT INTO doses (event_number, payload) VALUES (?, ?)", (number, "x" * 200))
        connection.execute("COMMIT")
        durations.append(time.perf_counter() - begin)
    connection.close()
    return durations


def _open_session(journal: SqliteJournal, device_serial: str, config_id: int) -> str:
    session_id = journal.open_session(
        patient_pseudonym="BENCH-1",
        practitioner="bench",
        indication="benchmark",
        limits_version="bench",
        products=[Product(name="NaCl", concentration="0.9 %", lot="B1")],
    )
    journal.record_point_configured(
        session_id,
        point_index=0,
        device_serial=device_serial,
        config_id=config_id,
        technique=Technique.POINT_PAR_POINT,
        mode=Mode.SINGLE,
        depth_mm=1.0,
        volume_ul=2.0,
        flow_ul_s=500.0,
        burst_rate_per_s=1.0,
        limits_version="bench",
        operator="bench",
    )
    return session_id


def measure(shots: int, directory: Path) -> tuple[list[float], list[float], list[float]]:
    """(shot-to-durable-row latencies, status round trips, bare commits), in seconds.

    Round trips and bare commits are taken in blocks between the shots, so that all three meet the
    same load of the machine.
    """
    sink = TimedJournal(directory / "journal.sqlite3")
    with (
        SimulatedGun(directory / "gun.jsonl", clock_scale=CLOCK_SCALE) as gun,
        PtyServer(gun) as server,
        Injector.open(server.path, event_sink=sink) as injector,
    ):
        round_trips: list[float] = []
        commits: list[float] = []
        for _ in range(50):
            injector.status()  # warm-up
        injector.load_syringe(10, 10_000)
        config_id = injector.configure(Mode.SINGLE, 1.0, 2.0, 500.0)
        session_id = _open_session(sink.journal, injector.info.serial_number, config_id)
        injector.arm()
        for number in range(shots):
            injector.fire(1)
            gun.wait_until(lambda: gun.state is not DeviceState.DELIVERING, 10.0)
            if number % 20 == 19:
                for _ in range(40):
                    sent = time.perf_counter()
                    injector.status()
                    round_trips.append(time.perf_counter() - sent)
                commits += bare_commits(directory / f"bare-{number}.sqlite3", 20)
        last = gun.last_event_number
        gun.wait_until(lambda: gun.acked_event_number >= last, 30.0)
        injector.disarm()
        truth = list(gun.truth.shots)
    doses = sink.journal.doses(session_id)
    sink.journal.close()
    if len(doses) != len(truth):
        raise SystemExit(f"{len(truth)} shots made {len(doses)} dose rows: the session did not record them")
    latencies = [
        sink.stored_at_s[shot.event_number] - shot.journaled_monotonic_s
        for shot in truth
        if shot.event_number in sink.stored_at_s
    ]
    if len(latencies) != len(truth):
        raise SystemExit(f"{len(truth) - len(latencies)} shots never reached the journal")
    return latencies, round_trips, commits


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shots", type=int, default=400, help="shots to fire (default 400)")
    args = parser.parse_args()
    print(f"Before: {load_average()}\n")
    with tempfile.TemporaryDirectory(prefix="mesogun-latency-") as scratch:
        latencies, round_trips, commits = measure(args.shots, Path(scratch))
    rows = [
        ("shot journaled by the gun → durable event and dose rows", latencies),
        ("link round trip, Injector.status() (same pty, same run)", round_trips),
        ("bare single-row durable commit (same directory, same run)", commits),
    ]
    print("| measure | p50 | p99 | samples |")
    print("|---|---|---|---|")
    for name, samples in rows:
        p50, p99 = percentile(samples, 0.5) * 1000, percentile(samples, 0.99) * 1000
        print(f"| {name} | {p50:.2f} ms | {p99:.2f} ms | {len(samples)} |")
    budget_s = percentile(round_trips, 0.99) + percentile(commits, 0.99) + 0.002
    print(
        f"\nBudget (round trip p99 + bare commit p99 + 2 ms): {budget_s * 1000:.2f} ms; "
        f"shot-to-journal p99 / budget: {percentile(latencies, 0.99) / budget_s:.2f} (goal ≤ 1).\n"
        "shot-to-journal / round trip, p50: "
        f"{statistics.median(latencies) / statistics.median(round_trips):.1f}×"
    )
    print(f"\nAfter: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

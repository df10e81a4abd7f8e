"""Shot-to-journal latency: from the gun journaling a SHOT to the host's durable dose-journal row.

A simulated gun is served on a pseudo-terminal (the real pyserial path); the host opens it with a real
SQLite journal file as its event sink. For every shot, the latency runs from the instant the simulated
firmware journaled the SHOT event (its ground truth records ``time.monotonic()``, same process, same
clock) to the instant ``SqliteJournal.store`` returned, i.e. the row is committed with
``synchronous=FULL`` and the acknowledgement may go out. In the same run, on the same pty, the link's
request/response round trip (``Injector.status()``) is measured: the latency is compared with it.

Usage: ``.venv/bin/python benchmarks/shot_latency_benchmark.py [--shots 400]``. Compare the ratio, not
absolute times across machines.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path

from firmware_protocol import DeviceState, Mode
from mesogun.device_events import DeviceEvent, Shot
from mesogun.injector import Injector
from mesogun.journal import SqliteJournal
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


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(shots: int, directory: Path) -> tuple[list[float], list[float]]:
    """(shot-to-durable-row latencies, status round trips), in seconds."""
    sink = TimedJournal(directory / "journal.sqlite3")
    with (
        SimulatedGun(directory / "gun.jsonl", clock_scale=CLOCK_SCALE) as gun,
        PtyServer(gun) as server,
        Injector.open(server.path, event_sink=sink) as injector,
    ):
        round_trips: list[float] = []
        for _ in range(50):
            injector.status()  # warm-up
        for _ in range(shots * 2):
            sent = time.perf_counter()
            injector.status()
            round_trips.append(time.perf_counter() - sent)
        injector.load_syringe(10, 10_000)
        injector.configure(Mode.SINGLE, 1.0, 2.0, 500.0)
        injector.arm()
        for _ in range(shots):
            injector.fire(1)
            gun.wait_until(lambda: gun.state is not DeviceState.DELIVERING, 10.0)
        last = gun.last_event_number
        gun.wait_until(lambda: gun.acked_event_number >= last, 30.0)
        injector.disarm()
        truth = list(gun.truth.shots)
    sink.journal.close()
    latencies = [
        sink.stored_at_s[shot.event_number] - shot.journaled_monotonic_s
        for shot in truth
        if shot.event_number in sink.stored_at_s
    ]
    if len(latencies) != len(truth):
        raise SystemExit(f"{len(truth) - len(latencies)} shots never reached the journal")
    return latencies, round_trips


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shots", type=int, default=400, help="shots to fire (default 400)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mesogun-latency-") as scratch:
        latencies, round_trips = measure(args.shots, Path(scratch))
    rows = [
        ("shot journaled by the gun → durable journal row", latencies),
        ("link round trip, Injector.status() (same pty, same run)", round_trips),
    ]
    print("| measure | p50 | p99 | samples |")
    print("|---|---|---|---|")
    for name, samples in rows:
        p50, p99 = _percentile(samples, 0.5) * 1000, _percentile(samples, 0.99) * 1000
        print(f"| {name} | {p50:.2f} ms | {p99:.2f} ms | {len(samples)} |")
    ratio = statistics.median(latencies) / statistics.median(round_trips)
    print(f"\nshot-to-journal / round trip, p50: {ratio:.1f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

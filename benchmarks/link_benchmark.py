"""Link benchmark: how far the host link is from the floor of the machine, in one run.

Measures, and prints as a Markdown table:

* the floor: a raw request/echo round trip over a pseudo-terminal, echoed by another process;
* ``Injector.status()`` round trips to a simulated gun served by another process on a pseudo-terminal
  (as a real gun is another device), to the least a gun can do in another process
  (``pty_status_peer.py``: fixed replies, one thread), and to the in-process simulated gun; the floor
  and every subject are measured in alternating blocks, so that the machine's load falls on all of
  them alike. The minimal peer splits the gap: host's share (minimal peer against the echo) and the
  simulated gun's own Python work (simulated gun against the minimal peer);
* shots per second stored and acknowledged through an event sink: live, from a fast-clocked simulated
  gun in burst mode, and as a backlog caught up when a host connects;
* frames per second through the codec (encode; decode with framing).

Run: ``.venv/bin/python benchmarks/link_benchmark.py [--quick]``. The machine is shared and noisy: compare
the ratios measured in one run, not absolute times across runs.
"""

from __future__ import annotations

import argparse
import select
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import serial
from bench_common import PeerProcess, load_average, percentile, table

import simulators.urlhandler  # noqa: F401  (registers simgun://)
from firmware_protocol import DeviceState, FrameDecoder, Mode, decode_frame
from firmware_protocol.codec import encode_message
from firmware_protocol.messages import GetStatus, ShotEvent
from mesogun.device_events import DeviceEvent, Shot
from mesogun.injector import Injector
from simulators import registry
from simulators.gun import SimulatedGun
from simulators.servers import PtyServer


def _echo_round_trip(port: serial.Serial, frame: bytes) -> float:
    """One request/echo round trip of ``frame`` (select, then drain what is there), in seconds."""
    sent = time.perf_counter()
    port.write(frame)
    received = b""
    while not received.endswith(b"\x00"):
        select.select([port.fileno()], [], [], 1.0)
        received += port.read(65536)
    return time.perf_counter() - sent


def _status_round_trip(injector: Injector) -> float:
    sent = time.perf_counter()
    injector.status()
    return time.perf_counter() - sent


class _Measured:
    """Round-trip samples of one subject, and the time its blocks took in all."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.samples: list[float] = []
        self.total_s = 0.0

    def run_block(self, block: int, one: Callable[[], float]) -> None:
        started = time.perf_counter()
        self.samples += [one() for _ in range(block)]
        self.total_s += time.perf_counter() - started

    def row(self) -> tuple[str, str, str, str]:
        p50 = percentile(self.samples, 0.5) * 1e6
        p99 = percentile(self.samples, 0.99) * 1e6
        return self.name, f"{p50:.0f} µs", f"{p99:.0f} µs", f"{self.per_second:,.0f}"

    @property
    def per_second(self) -> float:
        return len(self.samples) / self.total_s


def round_trips_interleaved(count: int, block: int, journal: Path) -> list[_Measured]:
    """Round trips to three peers, measured in alternating blocks of ``block`` so that a change in the
    machine's load falls on all of them alike:

    * the floor: a raw echo of a GET_STATUS frame by another process on a pty;
    * ``Injector.status()`` to a simulated gun served by another process on a pty (``mesogun-sim``);
    * ``Injector.status()`` to the in-process simulated gun (``simgun://``: no pty, no second process).
    """
    echo = _Measured("raw echo by another process over a pty (floor)")
    remote = _Measured("Injector.status(), simulated gun in another process, over a pty")
    minimal = _Measured("Injector.status(), minimal peer in another process (fixed replies), over a pty")
    local = _Measured("Injector.status(), in-process simulated gun (simgun://)")
    frame = encode_message(GetStatus(), 1)
    url = f"simgun://benchmark?journal={journal}"
    sim_args = ["-m", "simulators.cli", "pty", "--journal", str(journal.with_suffix(".remote.jsonl"))]
    try:
        with (
            PeerProcess(["benchmarks/pty_echo_peer.py"]) as echo_peer,
            PeerProcess(sim_args) as gun_peer,
            PeerProcess(["benchmarks/pty_status_peer.py"]) as minimal_peer,
            serial.Serial(echo_peer.path, timeout=0) as port,
            Injector.open(gun_peer.path) as remote_injector,
            Injector.open(minimal_peer.path) as minimal_injector,
            Injector.open(url=url) as local_injector,
        ):
            subjects: list[tuple[_Measured, Callable[[], float]]] = [
                (echo, lambda: _echo_round_trip(port, frame)),
                (remote, lambda: _status_round_trip(remote_injector)),
                (minimal, lambda: _status_round_trip(minimal_injector)),
                (local, lambda: _status_round_trip(local_injector)),
            ]
            for _measured, one in subjects:
                for _ in range(50):
                    one()  # warm up
            for turn in range(max(1, count // block)):
                # Alternate the order of the blocks so that none always runs right after another.
                order = subjects if turn % 2 == 0 else subjects[::-1]
                for measured, one in order:
                    measured.run_block(block, one)
    finally:
        registry.remove_gun("benchmark")
    return [echo, remote, minimal, local]


class _CountingSink:
    """An in-memory event sink that counts the shots it stored."""

    def __init__(self) -> None:
        self.numbers: set[int] = set()
        self.shots = 0

    def last_event_number(self, device_serial: str) -> int:
        return max(self.numbers, default=0)

    def store(self, device_serial: str, event: DeviceEvent) -> None:
        if event.event_number not in self.numbers:
            self.numbers.add(event.event_number)
            self.shots += isinstance(event, Shot)


def shots_live(duration_s: float, journal: Path) -> tuple[int, float, float]:
    """Burst shots while the trigger is held, at a clock 20 times real time, over a pty.

    Returns (shots delivered, shots per second delivered, ms from the last shot to its acknowledgement).
    """
    sink = _CountingSink()
    with (
        SimulatedGun(journal, clock_scale=20.0) as gun,
        PtyServer(gun) as server,
        Injector.open(server.path, event_sink=sink) as injector,
    ):
        injector.load_syringe(10, 10_000)
        injector.configure(Mode.BURST, 0.5, 1.0, 500.0, burst_rate_per_s=9.0)
        injector.arm()
        started = time.perf_counter()
        gun.press_trigger()
        time.sleep(duration_s)
        gun.release_trigger()
        gun.wait_until(lambda: gun.state is not DeviceState.DELIVERING, 5.0)
        delivered_s = time.perf_counter() - started
        ended = time.perf_counter()
        last = gun.last_event_number
        gun.wait_until(lambda: gun.acked_event_number >= last, 30.0)
        lag_s = time.perf_counter() - ended
        injector.disarm()
        shots = len(gun.truth.shots)
    return shots, shots / delivered_s, lag_s * 1000


def shots_caught_up(shot_count: int, journal: Path) -> tuple[int, float]:
    """Shots journaled by the gun while no journal listened, then stored and acknowledged by a host
    that connects with an empty sink: (shots stored, seconds from connecting to the last acknowledgement).
    """
    with SimulatedGun(journal, clock_scale=1000.0) as gun, PtyServer(gun) as server:
        with Injector.open(server.path) as firing:  # no sink: nothing is acknowledged
            firing.load_syringe(10, 10_000)
            firing.configure(Mode.BURST, 0.5, 1.0, 500.0, burst_rate_per_s=9.0)
            firing.arm()
            for _ in range(shot_count // 50):
                firing.fire(50)
                gun.wait_until(lambda: gun.state is not DeviceState.DELIVERING, 10.0)
            firing.disarm()
        sink = _CountingSink()
        last = gun.last_event_number
        started = time.perf_counter()
        with Injector.open(server.path, event_sink=sink):
            gun.wait_until(lambda: gun.acked_event_number >= last, 60.0)
            elapsed = time.perf_counter() - started
    return sink.shots, elapsed


def _burn(stop: threading.Event) -> None:
    while not stop.is_set():
        sum(i * i for i in range(5000))


def keepalive_under_load(duration_s: float, journal: Path) -> tuple[float, int, int]:
    """(longest host silence in ms, heartbeats sent, watchdog trips) while armed and the CPU is saturated."""
    with (
        SimulatedGun(journal) as gun,
        PtyServer(gun) as server,
        Injector.open(server.path) as injector,
    ):
        injector.load_syringe(10, 10_000)
        injector.configure(Mode.SINGLE, 1.0, 20.0, 50.0)
        injector.arm()
        stop = threading.Event()
        burners = [threading.Thread(target=_burn, args=(stop,)) for _ in range(3)]
        for burner in burners:
            burner.start()
        time.sleep(duration_s)
        stop.set()
        for burner in burners:
            burner.join()
        stats = injector.stats
        trips = gun.firmware.watchdog_trips
        injector.disarm()
    return stats.keepalive_max_gap_ms, stats.heartbeats, trips


def codec_frames_per_second(count: int) -> tuple[float, float]:
    """(encodes per second, decodes per second) of a SHOT event frame, framing and CRC included."""
    shot = ShotEvent(1, 1_700_000_000_000, 7, 0, 1500, 1500, 20_000, 20_100, 50_000, 0, 0, 9_980_000)
    started = time.perf_counter()
    frames = [encode_message(shot, seq & 0xFFFF) for seq in range(count)]
    encode_s = time.perf_counter() - started
    stream = b"".join(frames)
    decoder = FrameDecoder()
    started = time.perf_counter()
    decoded = [decode_frame(frame) for frame in decoder.feed(stream)]
    decode_s = time.perf_counter() - started
    assert len(decoded) == count
    return count / encode_s, count / decode_s


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the host link against the machine's floor.")
    parser.add_argument("--quick", action="store_true", help="fewer round trips (a smoke run)")
    args = parser.parse_args(argv)
    count = 300 if args.quick else 3000
    print(f"Before: {load_average()}\n")
    with tempfile.TemporaryDirectory(prefix="mesogun-bench-") as scratch:
        journals: Callable[[str], Path] = lambda name: Path(scratch) / f"{name}.jsonl"  # noqa: E731
        measured = round_trips_interleaved(count, 100, journals("status"))
        echo, remote, minimal, local = measured
        print(table([m.row() for m in measured], ("round trip", "p50", "p99", "per second")))
        p50s = [statistics.median(m.samples) * 1e6 for m in (echo, remote, minimal)]
        floor_us, remote_us, minimal_us = p50s
        print(
            f"\nIn alternating blocks of 100; {load_average()}.\n"
            f"Injector.status() / raw echo, both in another process, p50: {remote_us / floor_us:.2f}× "
            f"(goal ≤ 2×); minimal peer: {minimal_us / floor_us:.2f}×; "
            f"in-process: {statistics.median(local.samples) * 1e6 / floor_us:.2f}×.\n"
            f"Commands per second / echoes per second: {remote.per_second / echo.per_second:.2f}× "
            f"(goal ≥ 0.5×); minimal peer: {minimal.per_second / echo.per_second:.2f}×.\n"
            f"Where the p50 goes beyond the echo's {floor_us:.0f} µs: the host's share (minimal peer) "
            f"{minimal_us - floor_us:.0f} µs, the simulated gun's own work {remote_us - minimal_us:.0f} µs.\n"
        )
        live_shots, live_rate, live_lag_ms = shots_live(1.0 if args.quick else 3.0, journals("live"))
        caught, caught_s = shots_caught_up(500 if args.quick else 3000, journals("backlog"))
        gap_ms, heartbeats, trips = keepalive_under_load(1.0 if args.quick else 3.0, journals("busy"))
    encodes, decodes = codec_frames_per_second(count * 10)
    throughput = [
        (
            "live burst, clock ×20: shots delivered, stored, acknowledged",
            f"{live_rate:,.0f}/s",
            f"{live_shots} shots; last one acknowledged {live_lag_ms:.0f} ms after it",
        ),
        (
            "backlog: journaled shots stored and acknowledged on connection",
            f"{caught / caught_s:,.0f}/s",
            f"{caught} shots in {caught_s:.2f} s",
        ),
        ("codec: encode a SHOT frame", f"{encodes:,.0f}/s", "COBS + CRC-16"),
        ("codec: decode a SHOT frame", f"{decodes:,.0f}/s", "framing + CRC + fields"),
    ]
    print(table(throughput, ("throughput", "rate", "note")))
    print(
        f"\nKeep-alive with three CPU-bound threads: longest host silence {gap_ms:.0f} ms "
        f"(heartbeat every 100 ms, watchdog 500 ms), {heartbeats} heartbeats, {trips} watchdog trips."
    )
    print(f"\nAfter: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

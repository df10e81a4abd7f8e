"""Link benchmark: how far the host link is from the floor of the machine, in one run.

Measures, and prints as a Markdown table:

* the floor: a raw request/echo round trip over a pseudo-terminal (a tiny echo thread at the other end);
* ``Injector.status()`` round trips to a simulated gun served on a pseudo-terminal, and their ratio to
  the floor;
* shots per second stored and acknowledged through an event sink: live, from a fast-clocked simulated
  gun in burst mode, and as a backlog caught up when a host connects;
* frames per second through the codec (encode; decode with framing).

Run: ``.venv/bin/python benchmarks/link_benchmark.py [--quick]``. The machine is shared and noisy: compare
the ratios measured in one run, not absolute times across runs.
"""

from __future__ import annotations

import argparse
import os
import select
import statistics
import tempfile
import threading
import time
import tty
from collections.abc import Callable, Sequence
from pathlib import Path

import serial

import simulators.urlhandler  # noqa: F401  (registers simgun://)
from firmware_protocol import DeviceState, FrameDecoder, Mode, decode_frame
from firmware_protocol.codec import encode_message
from firmware_protocol.messages import GetStatus, ShotEvent
from mesogun.device_events import DeviceEvent, Shot
from mesogun.injector import Injector
from simulators import registry
from simulators.gun import SimulatedGun
from simulators.servers import PtyServer


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _row(name: str, samples_s: list[float], total_s: float) -> tuple[str, str, str, str]:
    p50 = _percentile(samples_s, 0.5) * 1e6
    p99 = _percentile(samples_s, 0.99) * 1e6
    return name, f"{p50:.0f} µs", f"{p99:.0f} µs", f"{len(samples_s) / total_s:,.0f}"


def raw_echo_over_pty(count: int) -> tuple[list[float], float]:
    """Round trips of a 16-byte frame to an echo thread on a raw pty (pyserial, select + drain)."""
    device_fd, host_fd = os.openpty()
    tty.setraw(device_fd)
    tty.setraw(host_fd)
    path = os.ttyname(host_fd)
    stop = threading.Event()

    def echo() -> None:
        while not stop.is_set():
            ready, _, _ = select.select([device_fd], [], [], 0.05)
            if ready:
                os.write(device_fd, os.read(device_fd, 65536))

    echoer = threading.Thread(target=echo, daemon=True)
    echoer.start()
    port = serial.Serial(path, timeout=0)
    frame = encode_message(GetStatus(), 1)
    samples: list[float] = []
    started = time.perf_counter()
    try:
        for _ in range(count):
            sent = time.perf_counter()
            port.write(frame)
            received = b""
            while not received.endswith(b"\x00"):
                select.select([port.fileno()], [], [], 1.0)
                received += port.read(65536)
            samples.append(time.perf_counter() - sent)
        total = time.perf_counter() - started
    finally:
        stop.set()
        echoer.join(1.0)
        port.close()
        os.close(device_fd)
        os.close(host_fd)
    return samples, total


def _time_status(injector: Injector, count: int) -> tuple[list[float], float]:
    for _ in range(50):
        injector.status()  # warm up
    samples: list[float] = []
    started = time.perf_counter()
    for _ in range(count):
        sent = time.perf_counter()
        injector.status()
        samples.append(time.perf_counter() - sent)
    return samples, time.perf_counter() - started


def status_over_pty(count: int, journal: Path) -> tuple[list[float], float]:
    """Round trips of Injector.status() to a simulated gun served on a pty."""
    with SimulatedGun(journal) as gun, PtyServer(gun) as server, Injector.open(server.path) as injector:
        return _time_status(injector, count)


def status_in_process(count: int, journal: Path) -> tuple[list[float], float]:
    """Round trips of Injector.status() to the in-process simulated gun (no pty, no server threads)."""
    url = f"simgun://benchmark?journal={journal}"
    try:
        with Injector.open(url=url) as injector:
            return _time_status(injector, count)
    finally:
        registry.remove_gun("benchmark")


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


def _table(rows: Sequence[Sequence[str]], headers: Sequence[str]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the host link against the machine's floor.")
    parser.add_argument("--quick", action="store_true", help="fewer round trips (a smoke run)")
    args = parser.parse_args(argv)
    count = 300 if args.quick else 3000
    with tempfile.TemporaryDirectory(prefix="mesogun-bench-") as scratch:
        journals: Callable[[str], Path] = lambda name: Path(scratch) / f"{name}.jsonl"  # noqa: E731
        echo, echo_total = raw_echo_over_pty(count)
        status, status_total = status_over_pty(count, journals("status"))
        local, local_total = status_in_process(count, journals("local"))
        live_shots, live_rate, live_lag_ms = shots_live(1.0 if args.quick else 3.0, journals("live"))
        caught, caught_s = shots_caught_up(500 if args.quick else 3000, journals("backlog"))
        gap_ms, heartbeats, trips = keepalive_under_load(1.0 if args.quick else 3.0, journals("busy"))
    encodes, decodes = codec_frames_per_second(count * 10)
    rows = [
        _row("raw echo over a pty (floor)", echo, echo_total),
        _row("Injector.status() over a pty (simulated gun)", status, status_total),
        _row("Injector.status() in-process (simgun://)", local, local_total),
    ]
    print(_table(rows, ("round trip", "p50", "p99", "per second")))
    ratio_p50 = statistics.median(status) / statistics.median(echo)
    print(f"\nInjector.status() / raw echo, p50: {ratio_p50:.1f}×\n")
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
    print(_table(throughput, ("throughput", "rate", "note")))
    print(
        f"\nKeep-alive with three CPU-bound threads: longest host silence {gap_ms:.0f} ms "
        f"(heartbeat every 100 ms, watchdog 500 ms), {heartbeats} heartbeats, {trips} watchdog trips."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

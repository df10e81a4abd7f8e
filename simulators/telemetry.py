"""Telemetry: needle, plunger and pressure sampled at the configured rate, sent in batches.

The firmware loop records a point of the physical state each time it advances (and at every phase
boundary of a shot); samples are read off that piecewise-linear history at their own instants. A batch
goes out when its last sample time has passed, roughly every :data:`TELEMETRY_BATCH_MS` on the wall
clock, so 1 kHz costs 50 frames a second, not a thousand wake-ups. ``first_sample`` counts every sample
taken since power-on, so the host sees any batch the link lost.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Callable

from firmware_protocol.constants import samples_per_batch
from firmware_protocol.enums import Channel
from firmware_protocol.messages import Telemetry, TelemetrySample
from simulators.clock import SimClock

HISTORY_KEEP_S = 0.5  # wall seconds of history kept behind the next sample
MAX_BATCHES_PER_CALL = 50  # after a long stall, catch up at most this many batches at once
PRESSURE_NOISE_HPA = 1.5
Point = tuple[float, float, float, float]  # (sim_s, needle_um, plunger_um, pressure_hpa)


class TelemetryStream:
    """Sampling schedule, history of the physical state, and the batches built from it."""

    def __init__(self, clock: SimClock, send: Callable[[Telemetry], None], seed: int) -> None:
        self._clock = clock
        self._send = send
        self._rng = random.Random(seed)
        self.rate_hz = 0
        self.channels = int(Channel.NEEDLE | Channel.PLUNGER | Channel.PRESSURE)
        self.sample_counter = 0
        self.skip_per_batch = 0  # sample numbers lost after each batch (a rule-breaking switch)
        self._next_sample_wall_s = 0.0
        self._times: list[float] = []
        self._points: list[Point] = []

    @property
    def samples_per_batch(self) -> int:
        return samples_per_batch(self.rate_hz)

    def configure(self, rate_hz: int, channels: int, now_wall_s: float) -> None:
        self.rate_hz = rate_hz
        self.channels = channels
        self._next_sample_wall_s = now_wall_s

    def record(self, sim_s: float, needle_um: float, plunger_um: float, pressure_hpa: float) -> None:
        """A point of the physical state at simulated time ``sim_s`` (non-decreasing)."""
        point = (sim_s, needle_um, plunger_um, pressure_hpa)
        if self.rate_hz <= 0 or not self._times:
            self._times, self._points = [sim_s], [point]  # nobody samples: the latest point is enough
            return
        if sim_s < self._times[-1]:
            return
        if sim_s == self._times[-1]:
            self._points[-1] = point
            return
        self._times.append(sim_s)
        self._points.append(point)
        if len(self._times) > 4096:
            self._prune()

    def _prune(self) -> None:
        horizon = self._clock.sim_at(self._next_sample_wall_s - HISTORY_KEEP_S)
        cut = max(0, bisect.bisect_left(self._times, horizon) - 1)
        if cut:
            del self._times[:cut]
            del self._points[:cut]

    def next_due_s(self) -> float | None:
        """Wall time at which the next batch is complete (None when telemetry is off)."""
        if self.rate_hz <= 0:
            return None
        return self._next_sample_wall_s + (self.samples_per_batch - 1) / self.rate_hz

    def emit_due(self, now_wall_s: float) -> None:
        """Send every batch whose samples are all in the past."""
        for _ in range(MAX_BATCHES_PER_CALL):
            due = self.next_due_s()
            if due is None or due > now_wall_s:
                return
            self._emit_batch()
        # Too far behind (the process was starved): skip ahead; the counter shows the gap.
        due = self.next_due_s()
        if due is not None and due <= now_wall_s:
            skipped = int((now_wall_s - self._next_sample_wall_s) * self.rate_hz)
            self.sample_counter += skipped
            self._next_sample_wall_s += skipped / self.rate_hz

    def _emit_batch(self) -> None:
        count = self.samples_per_batch
        period_s = 1.0 / self.rate_hz
        first_wall_s = self._next_sample_wall_s
        samples = tuple(self._sample(first_wall_s + k * period_s) for k in range(count))
        self._send(
            Telemetry(
                first_sample=self.sample_counter & 0xFFFF_FFFF,
                device_time_ms=self._clock.rtc_ms_at(first_wall_s),
                period_us=round(period_s * 1e6),
                samples=samples,
            )
        )
        self.sample_counter += count + self.skip_per_batch
        self._next_sample_wall_s = first_wall_s + count * period_s
        if len(self._times) > 256:
            self._prune()

    def _sample(self, wall_s: float) -> TelemetrySample:
        needle, plunger, pressure = self._state_at(self._clock.sim_at(wall_s))
        pressure += self._rng.gauss(0.0, PRESSURE_NOISE_HPA)
        channels = self.channels
        return TelemetrySample(
            needle_um=min(0xFFFF, max(0, round(needle))) if channels & Channel.NEEDLE else 0,
            plunger_um=round(plunger) % 0x10000 if channels & Channel.PLUNGER else 0,
            pressure_hpa=min(0xFFFF, max(0, round(pressure))) if channels & Channel.PRESSURE else 0,
        )

    def _state_at(self, sim_s: float) -> tuple[float, float, float]:
        times, points = self._times, self._points
        if not times:
            return 0.0, 0.0, 0.0
        index = bisect.bisect_right(times, sim_s)
        if index == 0:
            return points[0][1:]
        if index >= len(times):
            return points[-1][1:]
        t0, n0, p0, r0 = points[index - 1]
        t1, n1, p1, r1 = points[index]
        f = (sim_s - t0) / (t1 - t0)
        return n0 + (n1 - n0) * f, p0 + (p1 - p0) * f, r0 + (r1 - r0) * f

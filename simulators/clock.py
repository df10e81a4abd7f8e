"""The simulated gun's clocks: a physics clock that may run faster than real time, and the device RTC.

Physics (needle travel, plunger motion at the configured flow, settling, burst spacing) runs on the
scaled clock, so ``scale=20`` delivers a 4-second infusion in 0.2 s of a test. Everything the host
relies on for safety and liveness (the watchdog, event re-sends, telemetry batching) runs on wall
time, so a fast simulation never makes a healthy host look silent.
"""

from __future__ import annotations

import time


class SimClock:
    """Scaled monotonic time for physics and the device's real-time clock (ms since the Unix epoch)."""

    def __init__(self, scale: float = 1.0) -> None:
        if not scale > 0:
            raise ValueError(f"clock scale = {scale!r} is out of range (allowed: greater than 0)")
        self.scale = float(scale)
        self._wall_origin_s = time.monotonic()

    def wall_s(self) -> float:
        """Wall-clock monotonic time in seconds (not scaled): watchdog, re-sends, telemetry."""
        return time.monotonic()

    def monotonic_s(self) -> float:
        """Simulated seconds since the clock started: wall time elapsed × scale."""
        return (time.monotonic() - self._wall_origin_s) * self.scale

    def sim_at(self, wall_s: float) -> float:
        """The simulated time matching wall-clock monotonic time ``wall_s``."""
        return (wall_s - self._wall_origin_s) * self.scale

    def wall_at(self, sim_s: float) -> float:
        """The wall-clock monotonic time at which the simulated clock reads ``sim_s``."""
        return self._wall_origin_s + sim_s / self.scale

    def sleep(self, sim_s: float) -> None:
        """Block for ``sim_s`` simulated seconds (``sim_s / scale`` of wall time)."""
        if sim_s > 0:
            time.sleep(sim_s / self.scale)

    def wall_ms(self) -> int:
        """The device RTC: milliseconds since 1970-01-01 UTC (real time, never scaled)."""
        return time.time_ns() // 1_000_000

    def rtc_ms_at(self, wall_s: float) -> int:
        """The RTC reading at wall-clock monotonic time ``wall_s`` (in the recent past or future)."""
        return self.wall_ms() + round((wall_s - time.monotonic()) * 1000)

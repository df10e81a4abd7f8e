"""The simulated gun's clocks: a physics clock that may run faster than real time, and the device RTC.

Physics (needle travel, plunger motion at the configured flow, settling, burst spacing) runs on the
scaled clock, so ``scale=20`` delivers a 4-second infusion in 0.2 s of a test. Everything the host
relies on for safety and liveness (the watchdog, event re-sends, telemetry batching) runs on wall
time, so a fast simulation never makes a healthy host look silent.
"""

from __future__ import annotations

import time


def _check_scale(scale: float) -> None:
    if not scale > 0:
        raise ValueError(f"clock scale = {scale!r} is out of range (allowed: greater than 0)")


class SimClock:
    """Scaled monotonic time for physics and the device's real-time clock (ms since the Unix epoch)."""

    def __init__(self, scale: float = 1.0) -> None:
        _check_scale(scale)
        # (wall origin, scale) together, so that a reader on another thread never mixes two settings.
        self._base = (time.monotonic(), float(scale))

    @property
    def scale(self) -> float:
        """Simulated seconds per wall-clock second."""
        return self._base[1]

    def set_scale(self, scale: float) -> None:
        """Run ``scale`` times faster than real time from now on; simulated time goes on from where it is.

        Everything that runs on this clock (the gun's physics, a balance weighing what it delivers)
        speeds up or slows down together.
        """
        _check_scale(scale)
        now_s = time.monotonic()
        origin_s, old_scale = self._base
        sim_now_s = (now_s - origin_s) * old_scale
        self._base = (now_s - sim_now_s / scale, float(scale))

    def wall_s(self) -> float:
        """Wall-clock monotonic time in seconds (not scaled): watchdog, re-sends, telemetry."""
        return time.monotonic()

    def monotonic_s(self) -> float:
        """Simulated seconds since the clock started: wall time elapsed × scale."""
        origin_s, scale = self._base
        return (time.monotonic() - origin_s) * scale

    def sim_at(self, wall_s: float) -> float:
        """The simulated time matching wall-clock monotonic time ``wall_s``."""
        origin_s, scale = self._base
        return (wall_s - origin_s) * scale

    def wall_at(self, sim_s: float) -> float:
        """The wall-clock monotonic time at which the simulated clock reads ``sim_s``."""
        origin_s, scale = self._base
        return origin_s + sim_s / scale

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

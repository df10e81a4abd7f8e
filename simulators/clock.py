"""The simulated gun's clocks: a physics clock that may run faster than real time, and the device RTC.

Physics (needle travel, plunger motion at the configured flow, settling, burst spacing) runs on the
scaled clock, so ``scale=20`` delivers a 4-second infusion in 0.2 s of a test. Everything the host
relies on for safety and liveness (the watchdog, event re-sends, telemetry batching) runs on wall
time, so a fast simulation never makes a healthy host look silent.
"""

from __future__ import annotations

import math
import threading
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

    def wall_after(self, wall_now_s: float, sim_s: float) -> float:
        """The wall-clock monotonic time ``sim_s`` simulated seconds after ``wall_now_s``."""
        return wall_now_s + sim_s / self.scale

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


class SteppedClock(SimClock):
    """A simulated clock that stands still until :meth:`advance` moves it on.

    For tests that must not depend on the machine's load: however long the host takes to answer,
    no simulated time passes meanwhile. The watchdog, re-sends and telemetry stay in wall time, as
    with :class:`SimClock`; the physics' next step is never due by wall time (whoever advances the
    clock makes the gun look again, see :meth:`simulators.gun.SimulatedGun.run_physics`).
    """

    def __init__(self) -> None:
        super().__init__(1.0)
        self._sim_s = 0.0
        self._moved = threading.Condition()

    def set_scale(self, scale: float) -> None:
        """Record ``scale`` as the speed asked for (read back by :attr:`scale`); the clock still moves
        only when advanced."""
        _check_scale(scale)
        self._base = (self._base[0], float(scale))

    def advance(self, sim_s: float) -> None:
        """Move simulated time on by ``sim_s`` seconds (0 or more)."""
        if not sim_s >= 0:
            raise ValueError(f"advance = {sim_s!r} s is out of range (allowed: 0 or more)")
        with self._moved:
            self._sim_s += sim_s
            self._moved.notify_all()

    def monotonic_s(self) -> float:
        return self._sim_s

    def sim_at(self, wall_s: float) -> float:
        return self._sim_s

    def wall_at(self, sim_s: float) -> float:
        return time.monotonic() if sim_s <= self._sim_s else math.inf

    def wall_after(self, wall_now_s: float, sim_s: float) -> float:
        return wall_now_s if sim_s <= 0 else math.inf

    def sleep(self, sim_s: float) -> None:
        """Block until the clock has been advanced by ``sim_s`` simulated seconds."""
        with self._moved:
            until_s = self._sim_s + sim_s
            self._moved.wait_for(lambda: self._sim_s >= until_s)

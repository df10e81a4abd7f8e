"""Time on a simulated gun's clock for a host procedure that waits on it (a flow test's test time).

A procedure that counts its time on the gun's own clock (the clock the simulated balance weighing the
gun runs on too) can never disagree with the gun about how fast time goes. On a :class:`SimClock` the
time runs by itself and a wait lasts the matching wall time. On a :class:`SteppedClock` the time moves
only while the procedure waits: one step at most, after which the gun runs its physics up to the new
time in the caller's thread and the host takes every event the gun sent (a SHOT ending a delivery)
before the procedure looks again. A host slowed down by a loaded machine then adds no simulated time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from simulators.clock import SimClock, SteppedClock

STEP_S = 0.25  # simulated seconds a stepped clock moves per wait at most
SETTLE_S = 60.0  # wall seconds the host may take to hear the gun's events after a step


class _Gun(Protocol):
    @property
    def clock(self) -> SimClock: ...

    @property
    def acked_event_number(self) -> int: ...

    @property
    def last_event_number(self) -> int: ...

    def run_physics(self) -> None: ...

    def wait_until(self, predicate: Callable[[], bool], timeout_s: float = ...) -> bool: ...


class GunTime:
    """Seconds on ``gun``'s clock (``now_s``) and the way they pass while a procedure waits (``let_pass``)."""

    def __init__(self, gun: _Gun, *, step_s: float = STEP_S, settle_s: float = SETTLE_S) -> None:
        self._gun = gun
        self.step_s = step_s
        self.settle_s = settle_s

    def now_s(self) -> float:
        return self._gun.clock.monotonic_s()

    def let_pass(self, until_s: float, wait_until_wall: Callable[[float], object]) -> None:
        """Towards ``until_s`` simulated seconds; ``wait_until_wall(deadline)`` waits on the host's
        monotonic clock, or returns earlier when what the procedure waits for has come."""
        gun = self._gun
        clock = gun.clock
        if not isinstance(clock, SteppedClock):
            wait_until_wall(clock.wall_at(until_s))
            return
        step_s = min(self.step_s, until_s - clock.monotonic_s())
        if step_s > 0.0:
            clock.advance(step_s)
            gun.run_physics()
            if not gun.wait_until(lambda: gun.acked_event_number >= gun.last_event_number, self.settle_s):
                raise TimeoutError(
                    f"the host did not take the simulated gun's events within {self.settle_s:g} s"
                )
        wait_until_wall(time.monotonic())  # no wait: what the procedure waits for is looked at once

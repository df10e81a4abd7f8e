"""The simulated gun's physics clock: scaled, and set to another speed without a jump; or stepped."""

from __future__ import annotations

import math
import time

import pytest

from simulators.clock import SimClock, SteppedClock


def test_a_clock_set_to_another_speed_goes_on_from_where_it_was() -> None:
    clock = SimClock(1.0)
    before_s = clock.monotonic_s()
    clock.set_scale(1000.0)
    after_s = clock.monotonic_s()
    assert clock.scale == 1000.0
    assert before_s <= after_s  # no jump back
    wall_s = clock.wall_s()
    assert clock.wall_at(clock.sim_at(wall_s)) == pytest.approx(wall_s)
    with pytest.raises(ValueError, match="greater than 0"):
        clock.set_scale(0.0)


def test_a_stepped_clock_stands_still_until_advanced() -> None:
    clock = SteppedClock()
    wall_s = clock.wall_s()
    time.sleep(0.02)  # wall time passes (a host busy elsewhere), simulated time does not
    assert clock.monotonic_s() == 0.0 and clock.sim_at(clock.wall_s()) == 0.0
    assert clock.wall_after(wall_s, 0.5) == math.inf  # never due by wall time alone
    clock.advance(1.5)
    assert clock.monotonic_s() == 1.5
    clock.set_scale(60.0)  # the speed asked for is recorded, the clock still moves only when told
    time.sleep(0.02)
    assert clock.scale == 60.0 and clock.monotonic_s() == 1.5

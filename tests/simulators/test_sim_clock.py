"""The simulated gun's physics clock: scaled, and set to another speed without a jump."""

from __future__ import annotations

import pytest

from simulators.clock import SimClock


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

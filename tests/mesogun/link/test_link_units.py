"""Host units ⇄ wire integers: exact, or refused with the field, the value, the range and the step."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mesogun import units
from mesogun.errors import OutOfRangeError


def test_depth_converts_to_micrometres_despite_float_noise() -> None:
    assert units.to_wire("depth_mm", 0.3, units.DEPTH, minimum=0.0, maximum=13.0, step_wire=100) == 300
    assert units.to_wire("depth_mm", 13.0, units.DEPTH, minimum=0.0, maximum=13.0, step_wire=100) == 13000


def test_depth_between_two_steps_is_refused_naming_the_step() -> None:
    with pytest.raises(OutOfRangeError) as caught:
        units.to_wire("depth_mm", 1.05, units.DEPTH, minimum=0.0, maximum=13.0, step_wire=100)
    error = caught.value
    assert (error.field, error.value, error.step, error.unit) == ("depth_mm", 1.05, 0.1, "mm")
    assert "depth_mm = 1.05 mm" in str(error)
    assert "0.1 mm step" in str(error)


def test_out_of_range_volume_names_field_value_and_range() -> None:
    with pytest.raises(OutOfRangeError) as caught:
        units.to_wire("volume_ul", 600, units.VOLUME, minimum=1, maximum=500)
    assert (caught.value.minimum, caught.value.maximum) == (1, 500)
    assert str(caught.value).startswith("volume_ul = 600 µl is out of range (allowed 1–500 µl)")


def test_sub_nanolitre_volume_is_refused_not_rounded() -> None:
    with pytest.raises(OutOfRangeError, match="step"):
        units.to_wire("volume_ul", 20.0004, units.VOLUME, minimum=1, maximum=500)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_values_are_refused(bad: float) -> None:
    with pytest.raises(OutOfRangeError, match="volume_ul"):
        units.to_wire("volume_ul", bad, units.VOLUME, minimum=1, maximum=500)


def test_burst_rate_in_shots_per_second_travels_in_millihertz() -> None:
    assert units.to_wire("burst_rate_per_s", 2.5, units.RATE, minimum=1, maximum=9) == 2500
    assert units.from_wire(9000, units.RATE) == 9.0


def test_device_time_is_an_exact_utc_datetime() -> None:
    moment = units.time_from_wire(1_700_000_000_123)
    assert moment.isoformat() == "2023-11-14T22:13:20.123000+00:00"
    assert units.time_to_wire_s(moment) == 1_700_000_000
    assert units.time_from_wire_s(0) is None


@given(st.integers(min_value=0, max_value=130))
def test_every_depth_step_round_trips_exactly(steps: int) -> None:
    depth_mm = units.from_wire(steps * 100, units.DEPTH)
    assert (
        units.to_wire("depth_mm", depth_mm, units.DEPTH, minimum=0.0, maximum=13.0, step_wire=100)
        == steps * 100
    )


@given(st.integers(min_value=1000, max_value=500_000))
def test_every_nanolitre_volume_round_trips_exactly(volume_nl: int) -> None:
    volume_ul = units.from_wire(volume_nl, units.VOLUME)
    assert units.to_wire("volume_ul", volume_ul, units.VOLUME, minimum=1, maximum=500) == volume_nl

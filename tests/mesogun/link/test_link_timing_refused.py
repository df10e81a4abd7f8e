"""A time budget that is not a positive finite number is refused before any request waits on it:
a NaN deadline compares false with every clock reading, so a request would wait forever."""

from __future__ import annotations

import math

import pytest

from mesogun.errors import OutOfRangeError
from mesogun.injector import Injector
from mesogun.link import LinkTiming


@pytest.mark.parametrize("value", [math.nan, math.inf, 0.0, -1.0])
@pytest.mark.parametrize("field", ["timeout_s", "handshake_timeout_s", "silence_s", "ack_timeout_s"])
def test_a_link_budget_must_be_positive_and_finite(field: str, value: float) -> None:
    with pytest.raises(OutOfRangeError, match=field):
        LinkTiming(**{field: value})


def test_opening_a_gun_with_a_nan_timeout_is_refused_at_once() -> None:
    with pytest.raises(OutOfRangeError, match="timeout_s"):
        Injector.open("/dev/no-such-gun", timeout_s=math.nan)

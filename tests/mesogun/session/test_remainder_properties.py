"""Properties of what is left of a point (mesogun.session.remainder), for any target and any history
of whole and cut shots: nothing armed from it can take the point past its target by more than a
shot's tolerance, and a cut shot is completed by its remainder, never by a whole shot."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from mesogun.models import PlanPoint, Site, Technique
from mesogun.session.remainder import (
    can_complete,
    remainder_of,
    remainder_shot_ul,
    shot_tolerance_ul,
)

GUN_MIN_UL = 1.0  # the simulated gun's smallest shot


def _point(volume_per_shot_ul: float, shots: int | None, target_volume_ul: float | None) -> PlanPoint:
    return PlanPoint(
        index=0,
        step_index=0,
        site=Site.model_validate({"acupoint_code": "GV20"}),
        zone=None,
        technique=Technique.NAPPAGE if shots and shots > 1 else Technique.POINT_PAR_POINT,
        depth_mm=2.0,
        volume_per_shot_ul=volume_per_shot_ul,
        target_shots=shots,
        target_volume_ul=target_volume_ul,
        flow_ul_s=20.0,
        burst_rate_per_s=5.0,
        notes="",
    )


@st.composite
def points(draw: st.DrawFn) -> PlanPoint:
    volume = draw(st.floats(min_value=2.0, max_value=200.0, allow_nan=False).map(lambda v: round(v, 1)))
    if draw(st.booleans()):
        return _point(volume, draw(st.integers(min_value=1, max_value=20)), None)
    target = draw(st.floats(min_value=volume, max_value=volume * 20, allow_nan=False))
    return _point(volume, None, round(target, 1))


@st.composite
def histories(draw: st.DrawFn, point: PlanPoint) -> float:
    """µl delivered at the point so far: whole shots and cut ones (each a fraction of a shot)."""
    delivered = 0.0
    for _ in range(draw(st.integers(min_value=0, max_value=point.planned_shots))):
        fraction = draw(st.one_of(st.just(1.0), st.floats(min_value=0.0, max_value=1.0)))
        if delivered + fraction * point.volume_per_shot_ul > point.planned_volume_ul:
            break
        delivered += fraction * point.volume_per_shot_ul
    return delivered


def _completed(point: PlanPoint, delivered_ul: float) -> tuple[float, int]:
    """Deliver what "complete" arms, each shot exactly as commanded, until nothing is left."""
    shots = 0
    for _ in range(point.planned_shots + 2):
        left = remainder_of(point, delivered_ul)
        if left.remainder_ul <= shot_tolerance_ul(point.volume_per_shot_ul) + 1e-9:
            break
        shot = remainder_shot_ul(left, GUN_MIN_UL)
        if shot is not None:
            delivered_ul += shot
            shots += 1
        elif left.whole_shots:
            delivered_ul += left.whole_shots * point.volume_per_shot_ul
            shots += left.whole_shots
        else:
            break
    return delivered_ul, shots


@given(st.data())
def test_what_is_left_splits_into_whole_shots_and_one_fraction_within_the_target(data: st.DataObject) -> None:
    point = data.draw(points())
    delivered_ul = data.draw(histories(point))
    left = remainder_of(point, delivered_ul)
    tolerance_ul = shot_tolerance_ul(point.volume_per_shot_ul)
    assert left.remainder_ul == max(0.0, point.planned_volume_ul - delivered_ul)
    assert left.whole_shots >= 0 and left.fraction_ul >= 0
    assert left.fraction_ul < point.volume_per_shot_ul
    # Everything armed from it stays within the target plus one shot's tolerance.
    armed_ul = left.whole_shots * point.volume_per_shot_ul + left.fraction_ul
    assert delivered_ul + armed_ul <= point.planned_volume_ul + tolerance_ul + 1e-6
    # And it leaves nothing beyond the tolerance undelivered.
    if left.fraction_ul or left.whole_shots:
        assert delivered_ul + armed_ul >= point.planned_volume_ul - tolerance_ul - 1e-6
    else:
        assert left.remainder_ul <= tolerance_ul + 1e-9


@given(st.data())
def test_completing_reaches_the_target_without_a_whole_shot_for_a_cut_one(data: st.DataObject) -> None:
    point = data.draw(points())
    delivered_ul = data.draw(histories(point))
    left = remainder_of(point, delivered_ul)
    final_ul, shots = _completed(point, delivered_ul)
    tolerance_ul = shot_tolerance_ul(point.volume_per_shot_ul)
    assert final_ul <= point.planned_volume_ul + tolerance_ul + 1e-6
    assert final_ul >= point.planned_volume_ul - tolerance_ul - 1e-6
    # At most one shot more than the whole shots the remainder holds: the remainder shot itself.
    assert shots <= math.ceil(left.remainder_ul / point.volume_per_shot_ul - 1e-9) + 1


@given(st.data(), st.floats(min_value=0.5, max_value=50.0))
def test_complete_is_offered_only_when_the_gun_can_deliver_it(data: st.DataObject, gun_min_ul: float) -> None:
    point = data.draw(points())
    delivered_ul = data.draw(histories(point))
    left = remainder_of(point, delivered_ul)
    shot = remainder_shot_ul(left, gun_min_ul)
    if shot is not None:
        assert gun_min_ul - 1e-9 <= shot == left.fraction_ul
    if left.has_fraction and left.whole_shots == 0:
        assert can_complete(left, gun_min_ul) == (left.fraction_ul >= gun_min_ul - 1e-9)

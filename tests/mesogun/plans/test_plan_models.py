"""Session plan models: expanding steps into points, targets, totals and time estimates."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from firmware_protocol.enums import Mode
from mesogun.models import (
    ACUPOINTS,
    BodyView,
    Cocktail,
    CocktailComponent,
    Laterality,
    PlanStep,
    Product,
    SessionPlan,
    Site,
    Technique,
)
from mesogun.session.remainder import remainder_of

LIDOCAINE = Product(name="Lidocaïne", concentration="1 %")
PIROXICAM = Product(name="Piroxicam", concentration="20 mg/ml")


def _step(**changes: object) -> PlanStep:
    values: dict[str, object] = {
        "site": Site.at_acupoint("PC6"),
        "technique": Technique.POINT_PAR_POINT,
        "depth_mm": 4.0,
        "volume_per_shot_ul": 100.0,
        "shots": 1,
        "flow_ul_s": 20.0,
    }
    values.update(changes)
    return PlanStep.model_validate(values)


def _plan(*steps: PlanStep, cocktail: Cocktail | None = None) -> SessionPlan:
    return SessionPlan(
        name="test", title="Test", indication="test", version="1", cocktail=cocktail, steps=steps
    )


def test_bilateral_acupoint_gives_left_then_mirrored_right_point() -> None:
    points = _plan(_step(), _step(site=Site.at_acupoint("GV20"))).points()

    assert [(p.site.laterality if p.site else None) for p in points] == [
        Laterality.LEFT,
        Laterality.RIGHT,
        Laterality.MIDLINE,
    ]
    left, right, _ = points
    assert left.site is not None and right.site is not None
    assert left.site.x == ACUPOINTS["PC6"].x
    assert right.site.x == pytest.approx(1.0 - ACUPOINTS["PC6"].x)
    assert [p.index for p in points] == [0, 1, 2]
    assert [p.step_index for p in points] == [0, 0, 1]
    assert left.label.endswith("left") and right.label.endswith("right")


def test_acupoint_site_can_be_restricted_to_one_side() -> None:
    points = _plan(_step(site=Site.at_acupoint("SP6", Laterality.RIGHT))).points()

    assert len(points) == 1
    assert points[0].site is not None and points[0].site.laterality is Laterality.RIGHT


def test_site_from_catalogue_carries_region_view_and_place() -> None:
    site = Site.at_acupoint("EX-HN3")

    assert site.view is BodyView.FACE
    assert "Yin Tang" in site.region
    assert site.laterality is Laterality.MIDLINE


def test_unknown_acupoint_names_the_known_codes() -> None:
    with pytest.raises(ValidationError, match=r"unknown acupoint code 'XX1'.*PC6 \(MC6\)"):
        Site.at_acupoint("XX1")


def test_catalogue_holds_the_mesostress_points_with_french_labels() -> None:
    labels = {code: point.french_label for code, point in ACUPOINTS.items()}
    assert labels["PC6"] == "MC6"
    assert labels["HT7"] == "C7"
    assert labels["GV20"] == "VG20"
    assert labels["SP6"] == "Rte6"
    assert labels["LR3"] == "F3"
    assert labels["EX-HN3"] == "Yin Tang"
    assert all(0 <= p.x <= 1 and 0 <= p.y <= 1 for p in ACUPOINTS.values())


def test_step_needs_exactly_one_target() -> None:
    with pytest.raises(ValidationError, match="exactly one target"):
        _step(shots=2, target_volume_ul=400.0)
    with pytest.raises(ValidationError, match="exactly one target"):
        _step(shots=None)


def test_step_needs_a_site_or_a_zone() -> None:
    with pytest.raises(ValidationError, match="a site or a zone"):
        _step(site=None)
    assert _step(site=None, zone="Région lombaire").zone == "Région lombaire"


def test_volume_target_below_one_shot_is_refused() -> None:
    with pytest.raises(ValidationError, match="less than one shot"):
        _step(shots=None, target_volume_ul=50.0)


def test_numbers_written_as_text_are_refused() -> None:
    with pytest.raises(ValidationError):
        PlanStep.model_validate({**_step().model_dump(), "depth_mm": "4"})


def test_shot_target_needs_its_shots_and_their_volume() -> None:
    point = _plan(_step(shots=3)).points()[0]

    assert point.planned_volume_ul == 300.0
    assert not point.target_met(shots_done=2, delivered_ul=300.0)
    assert point.target_met(shots_done=3, delivered_ul=300.0)
    assert point.target_met(shots_done=3, delivered_ul=295.0)  # within max(1 µl, 5 % of a shot)


def test_shot_target_with_its_shots_counted_but_volume_short_is_not_met() -> None:
    # A shot cut by an alarm is a shot in the journal, yet its point still lacks what it did not give.
    point = _plan(_step(shots=3)).points()[0]

    assert not point.target_met(shots_done=3, delivered_ul=280.0)
    # Short by less than a shot's tolerance on every shot, but by more than one shot's tolerance in all:
    # the remainder is still there to decide about.
    assert not point.target_met(shots_done=3, delivered_ul=286.0)


def test_a_point_is_met_exactly_when_nothing_is_left_of_it_in_volume() -> None:
    point = _plan(_step(shots=3)).points()[0]

    for delivered_ul in (250.0, 286.0, 294.9, 295.0, 299.0, 300.0, 301.0):
        left = remainder_of(point, delivered_ul)
        nothing_left = left.whole_shots == 0 and not left.has_fraction
        assert point.target_met(shots_done=3, delivered_ul=delivered_ul) == nothing_left, delivered_ul


def test_volume_target_is_met_within_a_fraction_of_a_shot() -> None:
    point = _plan(
        _step(
            technique=Technique.NAPPAGE,
            depth_mm=1.0,
            volume_per_shot_ul=20.0,
            shots=None,
            target_volume_ul=400.0,
        )
    ).points()[0]

    assert point.planned_volume_ul == 400.0
    assert point.planned_shots == 20
    assert not point.target_met(shots_done=19, delivered_ul=380.0)
    assert point.target_met(shots_done=20, delivered_ul=399.2)  # within max(1 µl, 5 % of a shot)
    assert not point.target_met(shots_done=20, delivered_ul=398.0)


def test_totals_per_product_follow_the_cocktail_proportions() -> None:
    cocktail = Cocktail(
        name="Test",
        volume_loaded_ml=2.0,
        components=(
            CocktailComponent(product=LIDOCAINE, proportion_pct=75.0),
            CocktailComponent(product=PIROXICAM, proportion_pct=25.0),
        ),
    )
    plan = _plan(_step(), _step(site=Site.at_acupoint("GV20"), volume_per_shot_ul=50.0), cocktail=cocktail)

    assert plan.planned_volume_ul() == 250.0
    assert plan.totals_per_product_ul() == {"Lidocaïne 1 %": 187.5, "Piroxicam 20 mg/ml": 62.5}
    assert _plan(_step()).totals_per_product_ul() == {}


def test_cocktail_proportions_must_add_up_to_100() -> None:
    with pytest.raises(ValidationError, match="add up to 90 %"):
        Cocktail(
            name="Test",
            volume_loaded_ml=2.0,
            components=(CocktailComponent(product=LIDOCAINE, proportion_pct=90.0),),
        )


def test_product_expiry() -> None:
    product = Product(name="Procaïne", concentration="2 %", lot="A12", expiry=date(2025, 6, 30))

    assert not product.is_expired(date(2025, 6, 30))
    assert product.is_expired(date(2025, 7, 1))
    assert not LIDOCAINE.is_expired(date(2099, 1, 1))


def test_duration_estimate_follows_the_delivery_mode() -> None:
    single = _plan(_step(shots=3, volume_per_shot_ul=100.0, flow_ul_s=20.0)).points()[0]
    burst = _plan(
        _step(
            technique=Technique.NAPPAGE,
            depth_mm=1.0,
            volume_per_shot_ul=20.0,
            shots=None,
            target_volume_ul=1000.0,
            flow_ul_s=100.0,
            burst_rate_per_s=5.0,
        )
    ).points()[0]
    continuous = _plan(
        _step(technique=Technique.MESOPERFUSION, depth_mm=3.0, volume_per_shot_ul=200.0, flow_ul_s=5.0)
    ).points()[0]

    assert single.mode is Mode.SINGLE and burst.mode is Mode.BURST and continuous.mode is Mode.CONTINUOUS
    # 5 s to place the gun, then: 3 shots of 5 s with 1 s between them; 50 shots at 5/s; 200 µl at 5 µl/s.
    assert single.estimated_duration_s() == pytest.approx(5.0 + 15.0 + 2.0)
    assert burst.estimated_duration_s() == pytest.approx(5.0 + 10.0)
    assert continuous.estimated_duration_s() == pytest.approx(5.0 + 40.0)
    two_points = _plan(_step(shots=3))
    assert two_points.estimated_duration_s() == pytest.approx(2 * single.estimated_duration_s())


def test_models_are_frozen() -> None:
    step = _step()
    with pytest.raises(ValidationError):
        step.depth_mm = 5.0

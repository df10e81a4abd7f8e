"""Caps in mg of each substance: per point, per session, over 24 h and 7 days with earlier doses."""

from __future__ import annotations

import pytest

from mesogun.catalogue import with_ingredients
from mesogun.catalogue.caps import CapContext, EarlierDoses, check_planned_caps, check_substance_caps
from mesogun.models import CocktailComponent, Product
from mesogun.plans import builtin_plan


def _syringe(*parts: tuple[str, str, float]) -> tuple[CocktailComponent, ...]:
    return with_ingredients(
        [CocktailComponent(product=Product(name=n, concentration=c), proportion_pct=p) for n, c, p in parts]
    )


def test_lidocaine_2_percent_is_capped_at_50_mg_per_session_not_by_volume() -> None:
    # 2 % is 20 mg/ml: 2.5 ml make the 50 mg session cap (the old name-based caps allowed 10 ml, 200 mg).
    syringe = _syringe(("Lidocaïne", "2 %", 100.0))
    ctx = CapContext()
    assert check_substance_caps(syringe, ctx, session_ul=2400.0, point_ul=0.0, next_ul=100.0) == []
    (violation,) = check_substance_caps(syringe, ctx, session_ul=2450.0, point_ul=0.0, next_ul=100.0)
    assert (violation.field, violation.unit, violation.severity) == ("lidocaine per session", "mg", "hard")
    assert violation.value == pytest.approx(51.0) and violation.maximum == 50.0


def test_a_brand_name_gets_the_caps_of_its_substance() -> None:
    # Xylocaïne is lidocaine: 10 mg per point (1 ml of 1 %), not a default 2 ml per point.
    syringe = _syringe(("Xylocaïne", "1 %", 100.0))
    (violation,) = check_substance_caps(syringe, CapContext(), session_ul=0.0, point_ul=900.0, next_ul=200.0)
    assert violation.field == "lidocaine per point"
    assert violation.value == pytest.approx(11.0)


def test_earlier_doses_count_in_the_24h_cap() -> None:
    # RCP Feldène 4.2: 20 mg a day. 12 mg given this morning; 12 mg more would make 24 mg.
    syringe = _syringe(
        ("Lidocaïne", "1 %", 50.0), ("Piroxicam", "20 mg/ml", 25.0), ("Thiocolchicoside", "2 mg/ml", 25.0)
    )
    ctx = CapContext(earlier=EarlierDoses(last_24h_mg={"piroxicam": 12.0}, last_7d_mg={"piroxicam": 12.0}))
    violations = check_substance_caps(syringe, ctx, session_ul=2300.0, point_ul=0.0, next_ul=100.0)
    assert [(v.field, v.value, v.maximum) for v in violations] == [("piroxicam per 24h", 24.0, 20.0)]
    assert "12 mg of it in earlier sessions" in violations[0].message


def test_earlier_doses_of_the_week_count_in_the_7_day_cap() -> None:
    syringe = _syringe(("Piroxicam", "20 mg/ml", 100.0))
    ctx = CapContext(earlier=EarlierDoses(last_7d_mg={"piroxicam": 35.0}))
    (violation,) = check_substance_caps(syringe, ctx, session_ul=0.0, point_ul=0.0, next_ul=300.0)
    assert violation.field == "piroxicam per 7d"
    assert violation.value == pytest.approx(41.0) and violation.maximum == 40.0


def test_the_patients_weight_lowers_a_per_kg_cap() -> None:
    syringe = _syringe(("Lidocaïne", "1 %", 100.0))
    light = CapContext(earlier=EarlierDoses(last_24h_mg={"lidocaine": 115.0}), weight_kg=40.0)
    (violation,) = check_substance_caps(syringe, light, session_ul=0.0, point_ul=0.0, next_ul=900.0)
    assert violation.field == "lidocaine per 24h" and violation.maximum == pytest.approx(120.0)
    heavy = CapContext(earlier=EarlierDoses(last_24h_mg={"lidocaine": 115.0}), weight_kg=80.0)
    assert [
        v.field for v in check_substance_caps(syringe, heavy, session_ul=0.0, point_ul=0.0, next_ul=900.0)
    ] == []


@pytest.mark.parametrize(
    "name", ["alopecie", "cellulite", "cervicalgie", "epicondylite", "lombalgie", "mesolift", "mesostress"]
)
def test_every_builtin_plan_fits_the_caps_of_one_session(name: str) -> None:
    plan = builtin_plan(name)
    assert plan.cocktail is not None
    syringe = with_ingredients(plan.cocktail.components)
    assert check_planned_caps(syringe, [p.planned_volume_ul for p in plan.points()], CapContext()) == []


def test_a_second_lombalgie_session_the_same_day_passes_the_piroxicam_daily_dose() -> None:
    plan = builtin_plan("lombalgie")
    assert plan.cocktail is not None
    syringe = with_ingredients(plan.cocktail.components)
    ctx = CapContext(earlier=EarlierDoses(last_24h_mg={"piroxicam": 12.0}, last_7d_mg={"piroxicam": 12.0}))
    (violation,) = check_planned_caps(syringe, [p.planned_volume_ul for p in plan.points()], ctx)
    assert violation.field == "piroxicam per 24h" and violation.value == pytest.approx(24.0)

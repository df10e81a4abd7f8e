"""The built-in plans: valid, plausible, marked as editable examples, and with the expected points."""

from __future__ import annotations

import pytest

from mesogun.limits import check_point
from mesogun.models import Laterality, Technique
from mesogun.plans import UnknownPlanError, builtin_plan, builtin_plan_text, list_builtin_plans

EXPECTED_POINTS = {
    "alopecie": 3,
    "cellulite": 4,
    "cervicalgie": 6,
    "epicondylite": 4,
    "lombalgie": 6,
    "mesolift": 6,
    "mesostress": 10,
}
GENERAL_CONTRAINDICATIONS = {
    "allergie",
    "coagulation",
    "infection",
    "grossesse",
    "dermatose",
    "immunodepression",
    "diabete",
}
MESOSTRESS_CONTRAINDICATIONS = {"idees-suicidaires", "bipolaire", "psychose", "panique", "dependance"}


def test_the_library_lists_every_plan() -> None:
    assert list_builtin_plans() == sorted(EXPECTED_POINTS)


@pytest.mark.parametrize("name", sorted(EXPECTED_POINTS))
def test_builtin_plan_validates_and_is_an_editable_example(name: str) -> None:
    plan = builtin_plan(name)

    assert plan.name == name
    assert plan.example
    assert "editable example" in plan.description.lower()
    assert "not a prescription" in plan.description.lower()
    assert len(plan.points()) == EXPECTED_POINTS[name]
    assert plan.cocktail is not None and plan.cocktail.components
    assert all(c.product.lot is None and c.product.expiry is None for c in plan.cocktail.components)
    # The loaded cocktail covers the whole plan.
    assert plan.planned_volume_ul() <= plan.cocktail.volume_loaded_ml * 1000.0
    assert {c.code for c in plan.contraindications} >= GENERAL_CONTRAINDICATIONS


@pytest.mark.parametrize("name", sorted(EXPECTED_POINTS))
def test_builtin_plan_stays_within_every_limit(name: str) -> None:
    for point in builtin_plan(name).points():
        check = check_point(point)
        assert check.ok, [v.message for v in check.violations]


@pytest.mark.parametrize("name", sorted(EXPECTED_POINTS))
def test_builtin_plan_file_names_its_schema_for_editors(name: str) -> None:
    assert builtin_plan_text(name).splitlines()[0] == "#:schema ./plan.schema.json"


def test_mesostress_has_ten_points_on_six_acupoints_left_then_right() -> None:
    plan = builtin_plan("mesostress")

    sides = [
        (p.site.acupoint_code, p.site.laterality)
        for p in plan.points()
        if p.site is not None and p.site.acupoint_code
    ]
    left, right, mid = Laterality.LEFT, Laterality.RIGHT, Laterality.MIDLINE
    assert sides == [
        ("PC6", left),
        ("PC6", right),
        ("HT7", left),
        ("HT7", right),
        ("GV20", mid),
        ("SP6", left),
        ("SP6", right),
        ("LR3", left),
        ("LR3", right),
        ("EX-HN3", mid),
    ]
    for point in plan.points():
        assert point.technique is Technique.POINT_PAR_POINT
        assert 2.0 <= point.depth_mm <= 4.0
        assert 50.0 <= point.planned_volume_ul <= 100.0
    assert {c.code for c in plan.contraindications} >= MESOSTRESS_CONTRAINDICATIONS
    assert all(c.blocking for c in plan.contraindications if c.code in MESOSTRESS_CONTRAINDICATIONS)


def test_epicondylite_combines_nappage_and_point_par_point() -> None:
    techniques = [p.technique for p in builtin_plan("epicondylite").points()]

    assert techniques[0] is Technique.NAPPAGE
    assert techniques.count(Technique.POINT_PAR_POINT) == 3


def test_unknown_plan_name_lists_the_built_in_plans() -> None:
    with pytest.raises(UnknownPlanError, match=r"no built-in plan named 'mesozen'.*mesostress"):
        builtin_plan("mesozen")

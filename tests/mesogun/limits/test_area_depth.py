"""Depth limits by body area: face, periorbital, scalp, trunk, limbs (hard: refused beyond)."""

from __future__ import annotations

import pytest

from mesogun.limits import check_point, load_limits
from mesogun.limits.check import check_area_depth
from mesogun.models import BodyView, Laterality, PlanPoint, Site, Technique
from mesogun.models.body_area import BodyArea, body_area
from mesogun.plans import builtin_plan, list_builtin_plans
from mesogun.plans.loader import parse_plan
from mesogun.plans.problems import PlanFileError


def _site(region: str) -> Site:
    return Site(region=region, laterality=Laterality.LEFT, view=BodyView.FACE, x=0.5, y=0.5)


@pytest.mark.parametrize(
    ("region", "area"),
    [
        ("Patte d'oie", BodyArea.PERIORBITAL),
        ("Paupière inférieure", BodyArea.PERIORBITAL),
        ("Joue", BodyArea.FACE),
        ("Front", BodyArea.FACE),
        ("Vertex", BodyArea.SCALP),
        ("Golfe fronto-temporal", BodyArea.SCALP),
        ("Région lombaire paravertébrale", BodyArea.TRUNK),
        ("Trapèze supérieur", BodyArea.TRUNK),
        ("Coude, face latérale", BodyArea.LIMBS),
        ("Cuisse, face externe", BodyArea.LIMBS),
        ("Épicondyle latéral", BodyArea.LIMBS),
        ("Zone 3", None),
    ],
)
def test_a_region_is_placed_in_its_area_by_its_words(region: str, area: BodyArea | None) -> None:
    assert body_area(_site(region)) is area


def test_acupoints_have_their_area_and_a_zone_names_one_when_the_region_does_not() -> None:
    assert body_area(Site.at_acupoint("GV20")) is BodyArea.SCALP
    assert body_area(Site.at_acupoint("EX-HN3")) is BodyArea.FACE
    assert body_area(Site.at_acupoint("PC6", Laterality.LEFT)) is BodyArea.LIMBS
    assert body_area(_site("Zone 3"), zone="paupière supérieure") is BodyArea.PERIORBITAL


def _point(site: Site, depth_mm: float, technique: Technique = Technique.PAPULE) -> PlanPoint:
    return PlanPoint(
        index=0,
        step_index=0,
        site=site,
        zone=None,
        technique=technique,
        depth_mm=depth_mm,
        volume_per_shot_ul=20.0,
        target_shots=1,
        target_volume_ul=None,
        flow_ul_s=20.0,
        burst_rate_per_s=1.0,
        notes="",
    )


@pytest.mark.parametrize(
    ("region", "allowed_mm"),
    [("Patte d'oie", 1.5), ("Joue", 2.0), ("Vertex", 3.0), ("Région lombaire", 6.0)],
)
def test_a_point_deeper_than_its_area_allows_is_refused_at_the_bound_it_passes(
    region: str, allowed_mm: float
) -> None:
    site = _site(region)
    technique = Technique.POINT_PAR_POINT
    assert not check_point(_point(site, allowed_mm, technique)).blocked
    deeper = check_point(_point(site, round(allowed_mm + 0.1, 1), technique))
    assert deeper.blocked
    (problem,) = deeper.hard_violations()
    assert problem.field == "depth_mm" and problem.maximum == allowed_mm
    assert f"at most {allowed_mm:g} mm" in problem.message and body_area(site) is not None
    assert body_area(site).value in problem.message  # type: ignore[union-attr]


def test_the_limbs_go_as_deep_as_the_gun_and_an_unknown_area_only_by_the_gun() -> None:
    assert load_limits().depth_by_area_mm[BodyArea.LIMBS] == load_limits().hard.depth_mm.maximum
    assert check_area_depth(_site("Genou"), None, 13.0) is None
    assert check_area_depth(_site("Zone 3"), None, 12.0) is None
    # The technique's usual range still asks for a reason: a soft limit, not refused.
    deep_knee = check_point(_point(_site("Genou"), 12.0, Technique.POINT_PAR_POINT))
    assert deep_knee.needs_override and not deep_knee.blocked


@pytest.mark.parametrize("name", list_builtin_plans())
def test_every_built_in_plan_keeps_to_the_area_limits(name: str) -> None:
    plan = builtin_plan(name)
    for point in plan.points():
        assert check_area_depth(point.site, point.zone, point.depth_mm) is None, point.label


def test_a_plan_file_with_a_cheek_too_deep_is_refused_with_its_line() -> None:
    text = (
        'name = "joue-profonde"\ntitle = "Essai"\nindication = "essai"\nversion = "1"\n\n'
        "[[steps]]\n"
        'site = { region = "Joue", laterality = "left", view = "face", x = 0.7, y = 0.6 }\n'
        'technique = "point_par_point"\n'
        "depth_mm = 3.0\n"
        "volume_per_shot_ul = 50.0\n"
        "shots = 1\n"
        "flow_ul_s = 20.0\n"
    )
    with pytest.raises(PlanFileError) as raised:
        parse_plan(text, "joue.toml")
    message = str(raised.value)
    assert "joue.toml:9: steps[0].depth_mm = 3" in message
    assert "deeper than allowed on the face (at most 2 mm" in message

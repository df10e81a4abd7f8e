"""Checks of a plan being edited: refusals per step and product, reasons asked, nothing written."""

from __future__ import annotations

from mesogun.models import CocktailComponent, Product
from mesogun.plans import builtin_plan
from mesogun.plans.editing import check_draft


def test_a_built_in_plan_is_savable_as_it_is() -> None:
    check = check_draft(builtin_plan("mesostress"))
    assert check.savable and not check.step_refusals and not check.product_refusals


def test_each_refusal_and_warning_lands_on_its_step() -> None:
    plan = builtin_plan("mesolift")
    cheek = next(i for i, s in enumerate(plan.steps) if s.site and s.site.region == "Joue")
    forehead = next(i for i, s in enumerate(plan.steps) if s.site and s.site.region == "Front")
    steps = list(plan.steps)
    steps[cheek] = steps[cheek].model_copy(update={"depth_mm": 2.5})
    steps[forehead] = steps[forehead].model_copy(update={"volume_per_shot_ul": 80.0})

    check = check_draft(plan.model_copy(update={"steps": tuple(steps)}))

    assert not check.savable
    assert list(check.step_refusals) == [cheek]
    assert "deeper than allowed on the face" in check.step_refusals[cheek][0].text("en")
    assert forehead in check.step_warnings and forehead not in check.step_refusals


def test_a_corticoid_is_refused_on_its_product_row() -> None:
    plan = builtin_plan("mesostress")
    assert plan.cocktail is not None
    components = list(plan.cocktail.components)
    components[1] = CocktailComponent(
        product=Product(name="Dexaméthasone", concentration="4 mg/ml"),
        proportion_pct=components[1].proportion_pct,
    )
    cocktail = plan.cocktail.model_copy(update={"components": tuple(components)})

    check = check_draft(plan.model_copy(update={"cocktail": cocktail}))

    assert not check.savable and 1 in check.product_refusals
    assert 0 not in check.product_refusals

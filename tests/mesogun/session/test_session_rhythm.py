"""« Peu, rarement »: a session is admitted after the patient's earlier sessions (real journal and gun).

Seed 001: « Phase initiale : 1 séance par semaine pendant 3 à 4 semaines »; RCP Feldène 20 mg/1 ml,
rubrique 4.2: 20 mg of piroxicam a day; seed 002: « anti-inflammatoires (mais jamais de corticoïdes) ».
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from session_bench import WAIT_S, Bench, bench_plan, point_step, wait_state

from mesogun.catalogue import ProductRefusedError
from mesogun.journal.timefmt import utc_now
from mesogun.models import Cocktail, CocktailComponent, Ingredient, Product
from mesogun.plans import builtin_plan
from mesogun.session import CapRefusedError, SessionState, TooSoonError
from mesogun.session.admission import TOO_SOON_FIELD


def _complete(bench: Bench, plan: str, **options: object) -> str:
    runner = bench.ready_runner(plan, auto_trigger=True, **options)
    runner.start().result(WAIT_S)
    session_id = wait_state(runner, SessionState.COMPLETED).session_id
    assert session_id is not None
    runner.close()
    return session_id


def test_a_second_piroxicam_session_the_same_day_is_refused(bench: Bench) -> None:
    # lombalgie gives 12 mg of piroxicam (600 µl of 20 mg/ml); a second one would make 24 mg in 24 h.
    _complete(bench, "lombalgie")
    with pytest.raises(CapRefusedError) as refused:
        bench.runner("lombalgie", too_soon_reason="pain came back")
    (violation,) = refused.value.violations
    assert violation.field == "piroxicam per 24h"
    assert violation.value == pytest.approx(24.0) and violation.maximum == 20.0
    assert refused.value.earlier.last_24h_mg["piroxicam"] == pytest.approx(12.0)
    assert len(bench.journal.sessions()) == 1  # nothing opened


def test_the_same_plan_a_week_later_is_admitted_on_time(bench: Bench) -> None:
    _complete(bench, "lombalgie")
    week_later = utc_now() + timedelta(days=7)
    runner = bench.runner("lombalgie", clock=lambda: week_later)
    assert runner.rhythm is not None and not runner.rhythm.too_soon
    assert runner.rhythm.earlier_sessions == 1


def test_a_session_too_soon_needs_a_reason_recorded_with_it(bench: Bench) -> None:
    _complete(bench, "mesostress")
    with pytest.raises(TooSoonError) as early:
        bench.runner("mesostress")
    assert early.value.rhythm.interval_days == 7

    runner = bench.ready_runner("mesostress", too_soon_reason="anxiety crisis, seen again the same day")
    assert runner.session_id is not None
    record = bench.journal.session(runner.session_id)
    (override,) = [o for o in record.overrides if o.field == TOO_SOON_FIELD]
    assert override.reason == "anxiety crisis, seen again the same day"
    assert override.value < 1.0 and override.limit == 6 * 24.0  # hours since, hours the course asks


def test_the_next_session_is_due_a_week_after_a_first_one(bench: Bench) -> None:
    runner = bench.ready_runner("mesostress", auto_trigger=True)
    runner.start().result(WAIT_S)
    wait_state(runner, SessionState.COMPLETED)
    record = bench.journal.session(runner.session_id or "")
    assert runner.next_due == record.started_at + timedelta(days=7)


def test_a_corticoid_in_the_syringe_is_refused_before_anything_opens(bench: Bench) -> None:
    plan = bench_plan(point_step("GV20")).model_copy(
        update={
            "cocktail": Cocktail(
                name="with a corticoid",
                components=(
                    CocktailComponent(
                        product=Product(name="Dexaméthasone", concentration="4 mg/ml"), proportion_pct=100
                    ),
                ),
                volume_loaded_ml=2.0,
            )
        }
    )
    with pytest.raises(ProductRefusedError, match="corticoid"):
        bench.runner(plan)
    assert bench.journal.sessions() == []


def test_an_unlisted_product_opens_only_with_its_declared_substance_recorded(bench: Bench) -> None:
    valium = Product(name="Valium", concentration="10 mg/2 ml")
    plan = bench_plan(point_step("GV20", volume_ul=100.0)).model_copy(
        update={
            "cocktail": Cocktail(
                name="micro-dose",
                components=(CocktailComponent(product=valium, proportion_pct=100),),
                volume_loaded_ml=2.0,
            )
        }
    )
    with pytest.raises(ProductRefusedError, match="not in the product catalogue"):
        bench.runner(plan)
    declared = valium.model_copy(update={"ingredients": (Ingredient(substance="diazepam", mg_per_ml=5.0),)})
    runner = bench.ready_runner(plan, lots=[declared], products=[declared])
    record = bench.journal.session(runner.session_id or "")
    (product,) = record.products
    assert [(i.substance, i.mg_per_ml) for i in product.ingredients] == [("diazepam", 5.0)]


def test_every_builtin_plan_opens_for_a_new_patient(bench: Bench) -> None:
    for name in (
        "alopecie",
        "cellulite",
        "cervicalgie",
        "epicondylite",
        "lombalgie",
        "mesolift",
        "mesostress",
    ):
        runner = bench.runner(builtin_plan(name), patient_pseudonym=f"NEW-{name[:4].upper()}")
        assert runner.rhythm is not None and runner.rhythm.earlier_sessions == 0
        runner.close()

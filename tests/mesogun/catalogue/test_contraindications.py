"""Contraindications after the sources: absolute ones block, relative ones need a justification, and
the products and points of a plan add theirs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mesogun.catalogue.contraindications import load_contraindications, screening_questions
from mesogun.plans import builtin_plan
from mesogun.session.errors import ScreeningError
from mesogun.session.screening import Screening

AT = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)


def _kinds(plan_name: str) -> dict[str, str]:
    return {q.code: q.kind for q in screening_questions(builtin_plan(plan_name))}


def test_every_contraindication_cites_its_source() -> None:
    registry = load_contraindications()
    for rule in registry.contraindications.values():
        assert rule.source.startswith(("seed 00", "RCP ", "WHO")), rule.code
    assert set(registry.point_sources) == set(registry.points)


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("allergie", "absolute"),  # seed 001 « Allergie connue aux substances injectées »
        ("coagulation", "absolute"),  # seed 001 « Troubles de la coagulation non contrôlés »
        ("infection", "absolute"),  # seed 001 « Infection locale ou systémique active »
        ("leucemie", "absolute"),  # seed 004 « leucémies »
        ("diabete", "relative"),  # seed 001 « Diabète non équilibré », « au cas par cas »
        ("immunodepression", "relative"),  # seed 001 « Immunodépression sévère »
        ("auto-immune", "relative"),  # seed 001 « Certaines maladies auto-immunes »
        ("grossesse", "relative"),  # seed 001 « Grossesse (dans certains cas) »
    ],
)
def test_the_seeds_split_absolute_and_relative(code: str, kind: str) -> None:
    # mesolift: no product or point that changes pregnancy.
    assert _kinds("mesolift")[code] == kind


def test_thiocolchicoside_makes_pregnancy_absolute_and_adds_breastfeeding_and_contraception() -> None:
    # RCP Miorel 4.3: grossesse, allaitement, femme en âge de procréer sans contraception efficace.
    questions = {q.code: q for q in screening_questions(builtin_plan("cervicalgie"))}
    assert questions["grossesse"].kind == "absolute"
    assert "substance:thiocolchicoside" in questions["grossesse"].because
    assert questions["allaitement"].kind == "absolute"
    assert questions["contraception"].kind == "absolute"


def test_piroxicam_adds_late_pregnancy_ulcer_and_nsaid_allergy() -> None:
    # RCP Feldène 4.3: 6e mois de grossesse, ulcère peptique évolutif, allergie aux AINS.
    kinds = _kinds("epicondylite")
    assert {k: kinds[k] for k in ("grossesse-tardive", "ulcere", "allergie-ains")} == dict.fromkeys(
        ("grossesse-tardive", "ulcere", "allergie-ains"), "absolute"
    )
    assert "ulcere" not in _kinds("mesolift")


def test_sp6_makes_pregnancy_absolute_in_mesostress() -> None:
    questions = {q.code: q for q in screening_questions(builtin_plan("mesostress"))}
    assert questions["grossesse"].kind == "absolute"
    assert questions["grossesse"].because == ("plan", "point:SP6")
    # seed 000's own contraindications are asked, and absolute.
    assert all(questions[c].kind == "absolute" for c in ("idees-suicidaires", "bipolaire", "dependance"))


def test_an_absolute_yes_blocks_and_no_reason_lifts_it() -> None:
    screening = Screening(screening_questions(builtin_plan("mesolift")))
    with pytest.raises(ScreeningError, match="absolute contraindication"):
        screening.answer("infection", True, "only a small cold", AT)
    screening.answer("infection", True, None, AT)
    assert screening.blocking == ("infection",)


def test_a_relative_yes_needs_a_justification() -> None:
    screening = Screening(screening_questions(builtin_plan("mesolift")))
    screening.give_consent(AT)
    for question in screening_questions(builtin_plan("mesolift")):
        screening.answer(question.code, False, None, AT)
    screening.answer("diabete", True, None, AT)
    assert screening.blocking == ("diabete",) and not screening.passed
    screening.answer("diabete", True, "HbA1c 7.1 %, seen by the diabetologist last week", AT)
    assert screening.passed


def test_pregnancy_outside_products_and_points_goes_on_with_a_justification_only() -> None:
    screening = Screening(screening_questions(builtin_plan("mesolift")))
    screening.answer("grossesse", True, None, AT)
    assert screening.blocking == ("grossesse",)
    screening.answer("grossesse", True, "second trimester, hyaluronic acid only, obstetrician informed", AT)
    assert screening.blocking == ()


def test_every_builtin_plan_lists_the_base_questions_with_the_sources_kinds() -> None:
    registry = load_contraindications()
    for name in (
        "alopecie",
        "cellulite",
        "cervicalgie",
        "epicondylite",
        "lombalgie",
        "mesolift",
        "mesostress",
    ):
        plan = builtin_plan(name)
        own = {c.code: c.blocking for c in plan.contraindications}
        for rule in registry.contraindications.values():
            if rule.base:
                assert own[rule.code] == (rule.kind == "absolute"), (name, rule.code)
        assert plan.course is not None and plan.course.interval_days == 7

"""What the plan checks find is a code with parameters, said in French or English by the vocabulary."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError
from test_plan_files import BROKEN, EXPECTED

from mesogun.plans import PlanFileError, builtin_plan, load_plan
from mesogun.plans.check_codes import PlanCheck
from mesogun.plans.editing import check_draft, draft_plan, draft_problems
from mesogun.vocabulary import plan_check_text

# Words that give English away in a French sentence.
ENGLISH = re.compile(
    r"\b(the|is|must|not|of|at|on|in|with|allowed|range|refused|deeper|missing|unknown|key|step|gun|"
    r"would|reach|shots?|text|number|table|array|listed|twice)\b"
)


def _problems(name: str) -> list[object]:
    with pytest.raises(PlanFileError) as caught:
        load_plan(BROKEN / name)
    return list(caught.value.problems)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_problem_of_a_broken_plan_has_a_code_and_reads_in_french(name: str) -> None:
    for problem in _problems(name):
        assert problem.code is not PlanCheck.OTHER, problem  # type: ignore[attr-defined]
        french = plan_check_text(problem.code, problem.params, "fr")  # type: ignore[attr-defined]
        english = plan_check_text(problem.code, problem.params, "en")  # type: ignore[attr-defined]
        assert french and french != english
        # Quoted names (keys, products, codes, TOML's own words) stay as written; the rest is French.
        prose = re.sub(r"«[^»]*»|'[^']*'|\"[^\"]*\"|\[[^\]]*\]", "", french)
        if problem.code is not PlanCheck.TOML_SYNTAX:  # type: ignore[attr-defined]
            assert not ENGLISH.search(prose.lower()), french


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_english_text_says_what_the_loader_says(name: str) -> None:
    problems = _problems(name)
    for (_line, _field, _value, words), problem in zip(EXPECTED[name], problems, strict=True):
        english = plan_check_text(problem.code, problem.params, "en")  # type: ignore[attr-defined]
        # the same words, but a substance by its name rather than its code, no break before a percent sign
        english = english.replace("\u00a0", " ").lower()
        for word in words:
            assert word.lower() in english, (word, english)


def test_french_numbers_areas_and_substances() -> None:
    deep = {p.code: p for p in _problems("depth_beyond_gun.toml")}[PlanCheck.OUTSIDE_GUN_RANGE]
    assert "profondeur hors de la plage du pistolet, 0–13\u00a0mm" in plan_check_text(
        deep.code, deep.params, "fr"
    )
    cap = next(p for p in _problems("product_over_cap.toml") if p.code is PlanCheck.CAP_PER_POINT)
    assert "atteindrait 24\u00a0mg sur ce point" in plan_check_text(cap.code, cap.params, "fr")

    plan = builtin_plan("mesolift")
    cheek = next(i for i, s in enumerate(plan.steps) if s.site and s.site.region == "Joue")
    steps = list(plan.steps)
    steps[cheek] = steps[cheek].model_copy(update={"depth_mm": 2.5})
    check = check_draft(plan.model_copy(update={"steps": tuple(steps)}))
    (note,) = check.step_refusals[cheek]
    assert note.code is PlanCheck.TOO_DEEP_FOR_AREA
    assert note.text("fr").startswith(
        "profondeur\u00a0: plus profond que permis sur la zone «\u00a0visage\u00a0»"
    )
    assert "au plus 2\u00a0mm" in note.text("fr") or "au plus 1,5\u00a0mm" in note.text("fr")
    assert "deeper than allowed on the face" in note.text("en")


def test_a_course_and_a_question_listed_twice_are_said_in_french() -> None:
    values = builtin_plan("mesostress").model_dump()
    values["course"] = {**values["course"], "interval_days": 0}
    with pytest.raises(ValidationError) as caught:
        draft_plan(values)
    ((location, note),) = draft_problems(caught.value, values)
    assert location == ("course", "interval_days") and note.code is PlanCheck.AT_LEAST
    assert note.text("fr") == "course.interval_days\u00a0: doit valoir au moins 1"

    values = builtin_plan("mesostress").model_dump()
    values["contraindications"] = [*values["contraindications"], values["contraindications"][0]]
    with pytest.raises(ValidationError) as caught:
        draft_plan(values)
    ((_, note),) = draft_problems(caught.value, values)
    assert note.code is PlanCheck.QUESTION_TWICE
    code = values["contraindications"][0]["code"]
    assert note.text("fr") == f"question de contre-indication présente deux fois\u00a0: {code}"

"""Plan files: every problem is reported with its file, line, field path, value and allowed range."""

from __future__ import annotations

from pathlib import Path

import pytest

from mesogun.limits import check_point
from mesogun.plans import PlanFileError, load_plan, parse_plan

HERE = Path(__file__).parent
BROKEN = HERE / "broken"

# file → [(line, field path, value as written, words the message must hold)], in file order.
EXPECTED: dict[str, list[tuple[int | None, str, str | None, tuple[str, ...]]]] = {
    "depth_beyond_gun.toml": [
        (34, "steps[2].depth_mm", "14.0", ("outside the gun's range 0–13 mm", "hard limit"))
    ],
    "depth_between_steps.toml": [
        (17, "steps[0].depth_mm", "1.25", ("not a multiple of the gun's 0.1 mm step", "0–13 mm")),
    ],
    "misspelt_key.toml": [
        (22, "steps[1].depth_mm", None, ("required key 'depth_mm' is missing",)),
        (25, "steps[1].depht_mm", "1.0", ("unknown key", "did you mean 'depth_mm'?")),
    ],
    "unknown_technique.toml": [
        (16, "steps[0].technique", '"mesopuncture"', ("'nappage'", "'point_par_point'", "'mesoperfusion'")),
    ],
    "two_targets.toml": [(14, "steps[0]", None, ("exactly one target: shots or target_volume_ul",))],
    "missing_flow.toml": [(22, "steps[1].flow_ul_s", None, ("required key 'flow_ul_s' is missing",))],
    "unknown_acupoint.toml": [(15, "steps[0].site", None, ("unknown acupoint code 'PC66'", "PC6 (MC6)"))],
    "proportions_not_100.toml": [(6, "cocktail", None, ("add up to 90 %", "must add up to 100 %"))],
    "fractional_shots.toml": [(19, "steps[0].shots", "2.5", ("must be a whole number",))],
    "corticoid.toml": [
        (
            12,
            "cocktail.components[0].product",
            None,
            ("'Dexaméthasone 4 mg/ml' is a corticoid: never injected in mesotherapy (seed 002)",),
        ),
    ],
    "product_over_cap.toml": [
        (
            10,
            "cocktail.components[0]",
            None,
            ("piroxicam would reach 24 mg in this session", "at most 20 mg in this session"),
        ),
        (14, "steps[0]", None, ("piroxicam would reach 24 mg on this point", "at most 10 mg on this point")),
    ],
    "syntax_error.toml": [(18, "", None, ("TOML syntax error", "column 27"))],
    "many_problems.toml": [
        (None, "version", None, ("required key 'version' is missing",)),
        (17, "steps[0].volume_per_shot_ul", "600.0", ("outside the gun's range 1–500 µl",)),
        (28, "steps[1].burst_rate_per_s", "12.0", ("outside the gun's range 1–9 shots/s",)),
        (36, "steps[2].flow_ul_s", '"slow"', ("must be a finite number",)),
    ],
}


def test_every_broken_file_has_an_expectation() -> None:
    assert sorted(p.name for p in BROKEN.glob("*.toml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_plan_reports_each_problem_precisely(name: str) -> None:
    path = BROKEN / name
    with pytest.raises(PlanFileError) as caught:
        load_plan(path)

    problems = caught.value.problems
    assert len(problems) == len(EXPECTED[name]), str(caught.value)
    for problem, (line, field, value, words) in zip(problems, EXPECTED[name], strict=True):
        text = str(problem)
        assert problem.file == str(path)
        assert problem.line == line, text
        assert problem.field == field, text
        where = f"{path}:{line}: " if line is not None else f"{path}: "
        shown = f"{field or '(file)'} = {value}: " if value is not None else f"{field or '(file)'}: "
        assert text.startswith(where + shown), text
        for word in words:
            assert word in text
        # The error's own message lists the problem too.
        assert text in str(caught.value)


def test_error_message_counts_the_problems() -> None:
    with pytest.raises(PlanFileError, match=r"many_problems\.toml: 4 problems in the plan file"):
        load_plan(BROKEN / "many_problems.toml")


def test_soft_limit_is_not_a_file_error_but_needs_an_override_at_run_time() -> None:
    plan = load_plan(HERE / "soft_only.toml")

    check = check_point(plan.points()[0])
    assert not check.blocked
    assert check.needs_override
    assert [v.field for v in check.violations] == ["depth_mm"]


def test_missing_file_is_reported() -> None:
    with pytest.raises(PlanFileError, match="cannot read the file"):
        load_plan(HERE / "no-such-plan.toml")


def test_text_source_is_named_in_messages() -> None:
    with pytest.raises(PlanFileError, match=r"^typed:1: name = \"Bad Name\": must be lowercase"):
        parse_plan(
            'name = "Bad Name"\ntitle = "t"\nindication = "i"\nversion = "1"\n'
            '[[steps]]\nzone = "z"\ntechnique = "nappage"\ndepth_mm = 1.0\nvolume_per_shot_ul = 20.0\n'
            "shots = 10\nflow_ul_s = 100.0\n",
            "typed",
        )

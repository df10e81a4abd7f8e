"""``mesogun plans new``'s step edits (``--add-step``, ``--remove-step``) and its problems in words.

A step added from the terminal is written ``TECHNIQUE:PLACE[:DEPTH_MM[:VOLUME_UL[:SHOTS]]]``: the
technique's code (``papule``, ``nappage``…), the place (an acupoint's WHO or French code such as
``PC6`` or ``MC6``, else a zone in words such as ``Front``), then, when given, the depth (mm), the
volume per shot (µl) and the shots; what is not given is the technique's default from the limits
library (one shot). The copy then goes through every check of a plan file, said in ``--lang``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mesogun.errors import MesogunError
from mesogun.limits import load_limits
from mesogun.models import ACUPOINTS, SessionPlan, Technique
from mesogun.plans import PlanFileError
from mesogun.plans.problems import NO_VALUE, format_value
from mesogun.vocabulary import Language, plan_check_text

ADD_STEP_FORM = "TECHNIQUE:PLACE[:DEPTH_MM[:VOLUME_UL[:SHOTS]]]"


class StepSpecError(MesogunError, ValueError):
    """A step edit that cannot be understood (a usage error)."""


def _number(text: str, what: str, spec: str) -> float:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise StepSpecError(f"--add-step {spec!r}: {what} {text!r} is not a number") from None


def parse_step(spec: str) -> dict[str, Any]:
    """The step written ``TECHNIQUE:PLACE[:DEPTH_MM[:VOLUME_UL[:SHOTS]]]``, the technique's defaults
    for what is not given. Raises StepSpecError naming what cannot be read."""
    parts = [part.strip() for part in spec.split(":")]
    if len(parts) < 2 or len(parts) > 5 or not parts[0] or not parts[1]:
        raise StepSpecError(f"--add-step {spec!r}: write it {ADD_STEP_FORM}")
    try:
        technique = Technique(parts[0].lower())
    except ValueError:
        known = ", ".join(item.value for item in Technique)
        raise StepSpecError(
            f"--add-step {spec!r}: unknown technique {parts[0]!r}; choose one of {known}"
        ) from None
    profile = load_limits().profile(technique)
    place = parts[1]
    codes = {code.upper(): code for code in ACUPOINTS}
    codes.update({point.french_label.upper(): code for code, point in ACUPOINTS.items()})
    step: dict[str, Any] = {
        "technique": technique.value,
        "depth_mm": profile.depth_mm,
        "volume_per_shot_ul": profile.volume_per_shot_ul,
        "shots": 1,
        "flow_ul_s": profile.flow_ul_s,
        "burst_rate_per_s": profile.burst_rate_per_s,
    }
    if place.upper() in codes:
        step["site"] = {"acupoint_code": codes[place.upper()]}
    else:
        step["zone"] = place
    if len(parts) > 2 and parts[2]:
        step["depth_mm"] = _number(parts[2], "depth", spec)
    if len(parts) > 3 and parts[3]:
        step["volume_per_shot_ul"] = _number(parts[3], "volume", spec)
    if len(parts) > 4 and parts[4]:
        shots = _number(parts[4], "shots", spec)
        if not shots.is_integer():
            raise StepSpecError(f"--add-step {spec!r}: shots {parts[4]!r} is not a whole number")
        step["shots"] = int(shots)
    return step


def edited_steps(plan: SessionPlan, remove: Sequence[int], add: Sequence[str]) -> list[dict[str, Any]]:
    """The plan's steps without those numbered ``remove`` (1-based, in the order of the file's
    ``[[steps]]``; a bilateral step is one step of two points), then the steps ``add``; raises
    StepSpecError for a step that does not exist."""
    steps = [step.model_dump(mode="json", exclude_none=True) for step in plan.steps]
    for number in remove:
        if not 1 <= number <= len(steps):
            raise StepSpecError(f"--remove-step {number}: the plan has steps 1 to {len(steps)}")
    kept = [step for number, step in enumerate(steps, start=1) if number not in set(remove)]
    return kept + [parse_step(spec) for spec in add]


def problem_lines(error: PlanFileError, language: Language) -> list[str]:
    """Each problem of ``error`` on one line (file:line: field = value: what), in ``language``."""
    lines = []
    for problem in error.problems:
        where = f"{problem.file}:{problem.line}" if problem.line is not None else problem.file
        what = problem.field or ("(fichier)" if language == "fr" else "(file)")
        if problem.value is not NO_VALUE:
            what += f" = {format_value(problem.value)}"
        separator = "\u00a0: " if language == "fr" else ": "
        lines.append(f"{where}: {what}{separator}{plan_check_text(problem.code, problem.params, language)}")
    return lines

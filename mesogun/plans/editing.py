"""Checking a plan while it is edited: what would refuse it, and what would ask for a reason.

``check_draft`` runs the checks a saved plan file goes through (the gun's ranges, depth by body
area, the catalogue's refusals and caps in mg; see ``loader``) and the soft limits a session asks a
reason for, and says where: per step (its index in ``plan.steps``), per product (its index in the
cocktail), or for the whole plan. Each finding is a code with its parameters (field, value,
allowed range), said in the user's language by ``CheckNote.text``. Nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from mesogun.catalogue.library import Catalogue
from mesogun.catalogue.resolve import ProductRefusedError, ingredients_of
from mesogun.limits.check import Violation, check_point
from mesogun.limits.library import LimitsLibrary
from mesogun.models.plan import PlanPoint, SessionPlan
from mesogun.plans.check_codes import PlanCheck
from mesogun.plans.identity import plan_to_toml
from mesogun.plans.loader import parse_plan, refusal_code, validation_problem
from mesogun.plans.problems import PlanFileError, PlanProblem, format_path
from mesogun.plans.toml_index import KeyIndex
from mesogun.vocabulary import Language, plan_check_text
from mesogun.vocabulary.plan_checks import FIELD_NAMES

#: Codes whose sentence names the field itself.
_NAMES_ITS_FIELD = frozenset(
    {PlanCheck.OUTSIDE_GUN_RANGE, PlanCheck.OFF_DEPTH_STEP, PlanCheck.OUTSIDE_USUAL_RANGE}
)


@dataclass(frozen=True)
class CheckNote:
    """One finding of the checks: its code and parameters, the field it is about, the English text."""

    code: PlanCheck
    params: Mapping[str, Any]
    message: str
    field: str = ""  # within its step or product (``depth_mm``), or a path in the plan

    def text(self, language: Language) -> str:
        """The finding in ``language``, after the field it is about (unless the sentence names it)."""
        said = plan_check_text(self.code, self.params, language)
        if not self.field or self.code in _NAMES_ITS_FIELD:
            return said
        words = FIELD_NAMES.get(self.field)
        where = (words[0] if language == "fr" else words[1]) if words else self.field
        return f"{where}\u00a0: {said}" if language == "fr" else f"{where}: {said}"

    def __str__(self) -> str:
        return self.text("en")


def _note(problem: PlanProblem, path: Sequence[Any] = ()) -> CheckNote:
    return CheckNote(problem.code, problem.params, problem.message, format_path(tuple(path)))


@dataclass(frozen=True)
class DraftCheck:
    """What the checks say of a draft: ``refusals`` block saving, ``warnings`` ask a reason in session."""

    step_refusals: dict[int, list[CheckNote]] = field(default_factory=dict)
    step_warnings: dict[int, list[CheckNote]] = field(default_factory=dict)
    product_refusals: dict[int, list[CheckNote]] = field(default_factory=dict)
    plan_refusals: list[CheckNote] = field(default_factory=list)

    @property
    def savable(self) -> bool:
        """True when nothing refuses the plan."""
        return not (self.step_refusals or self.product_refusals or self.plan_refusals)


def _add(table: dict[int, list[CheckNote]], index: int, note: CheckNote) -> None:
    if note not in table.setdefault(index, []):
        table[index].append(note)


def draft_plan(values: dict[str, Any]) -> SessionPlan:
    """A plan from edited values; raises ValidationError naming what does not fit the model."""
    return SessionPlan.model_validate(values)


def check_draft(
    plan: SessionPlan,
    *,
    library: LimitsLibrary | None = None,
    catalogue: Catalogue | None = None,
) -> DraftCheck:
    """Run every check of a plan file on ``plan``, and the soft limits of each of its points."""
    check = DraftCheck()
    if plan.cocktail is not None:
        for index, component in enumerate(plan.cocktail.components):
            try:
                ingredients_of(component.product, catalogue)
            except ProductRefusedError as exc:
                refusal = refusal_code(exc)
                _add(check.product_refusals, index, CheckNote(refusal["code"], refusal["params"], str(exc)))
    try:
        parse_plan(plan_to_toml(plan), f"{plan.name}.toml", library)
    except PlanFileError as exc:
        for problem in exc.problems:
            path = problem.path
            if len(path) >= 2 and path[0] == "steps" and isinstance(path[1], int):
                _add(check.step_refusals, path[1], _note(problem, path[2:]))
            elif len(path) >= 3 and path[:2] == ("cocktail", "components") and isinstance(path[2], int):
                _add(check.product_refusals, path[2], _note(problem))
            else:
                note = _note(problem, path)
                if note not in check.plan_refusals:
                    check.plan_refusals.append(note)
    for point in plan.points():
        for violation in check_point(point, library=library).soft_violations():
            _add(check.step_warnings, point.step_index, usual_range_note(violation, point))
    return check


def usual_range_note(violation: Violation, point: PlanPoint) -> CheckNote:
    """A setting of ``point`` outside its technique's usual range (a soft limit), as a finding."""
    params = {
        "field": violation.field,
        "value": violation.value,
        "unit": violation.unit,
        "minimum": violation.minimum,
        "maximum": violation.maximum,
        "technique": point.technique.value,
    }
    return CheckNote(PlanCheck.OUTSIDE_USUAL_RANGE, params, violation.message, violation.field)


def draft_problems(
    error: ValidationError, values: Mapping[str, Any]
) -> list[tuple[tuple[Any, ...], CheckNote]]:
    """(location, finding) of each problem of a draft the model refuses, said as a plan file's would be."""
    index = KeyIndex("")
    notes = []
    for item in error.errors():
        problem = validation_problem(item, values, "<draft>", index)
        notes.append((tuple(item["loc"]), _note(problem, problem.path)))
    return notes

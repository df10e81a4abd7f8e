"""Checking a plan while it is edited: what would refuse it, and what would ask for a reason.

``check_draft`` runs the checks a saved plan file goes through (the gun's ranges, depth by body
area, the catalogue's refusals and caps in mg; see ``loader``) and the soft limits a session asks a
reason for, and says where: per step (its index in ``plan.steps``), per product (its index in the
cocktail), or for the whole plan. Messages are the checks' own (field, value, allowed range): the
screen shows them as they are. Nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from mesogun.catalogue.library import Catalogue
from mesogun.catalogue.resolve import ProductRefusedError, ingredients_of
from mesogun.limits.check import check_point
from mesogun.limits.library import LimitsLibrary
from mesogun.models.plan import SessionPlan
from mesogun.plans.identity import plan_to_toml
from mesogun.plans.loader import parse_plan
from mesogun.plans.problems import PlanFileError


@dataclass(frozen=True)
class DraftCheck:
    """What the checks say of a draft: ``refusals`` block saving, ``warnings`` ask a reason in session."""

    step_refusals: dict[int, list[str]] = field(default_factory=dict)
    step_warnings: dict[int, list[str]] = field(default_factory=dict)
    product_refusals: dict[int, list[str]] = field(default_factory=dict)
    plan_refusals: list[str] = field(default_factory=list)

    @property
    def savable(self) -> bool:
        """True when nothing refuses the plan."""
        return not (self.step_refusals or self.product_refusals or self.plan_refusals)


def _add(table: dict[int, list[str]], index: int, message: str) -> None:
    if message not in table.setdefault(index, []):
        table[index].append(message)


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
                _add(check.product_refusals, index, str(exc))
    try:
        parse_plan(plan_to_toml(plan), f"{plan.name}.toml", library)
    except PlanFileError as exc:
        for problem in exc.problems:
            path = problem.path
            text = f"{'.'.join(str(p) for p in path[2:]) or problem.message}: {problem.message}"
            if len(path) >= 2 and path[0] == "steps" and isinstance(path[1], int):
                _add(check.step_refusals, path[1], text)
            elif len(path) >= 3 and path[:2] == ("cocktail", "components") and isinstance(path[2], int):
                _add(check.product_refusals, path[2], problem.message)
            elif str(problem) not in check.plan_refusals:
                check.plan_refusals.append(str(problem))
    for point in plan.points():
        for violation in check_point(point, library=library).soft_violations():
            _add(check.step_warnings, point.step_index, violation.message)
    return check


def validation_messages(error: ValidationError) -> Sequence[tuple[tuple[Any, ...], str]]:
    """(location, message) of each problem of a draft the model refuses."""
    return [(tuple(item["loc"]), item["msg"]) for item in error.errors()]

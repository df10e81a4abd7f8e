"""The built-in plans shipped with mesogun (``mesogun/plans/*.toml``): editable examples only."""

from __future__ import annotations

from importlib import resources

from mesogun.errors import MesogunError
from mesogun.limits.library import LimitsLibrary
from mesogun.models.plan import SessionPlan
from mesogun.plans.loader import parse_plan

_PACKAGE = "mesogun.plans"


class UnknownPlanError(MesogunError, LookupError):
    """No built-in plan has that name."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            f"no built-in plan named {name!r}; built-in plans: {', '.join(list_builtin_plans())}"
        )


def list_builtin_plans() -> list[str]:
    """Names of the built-in plans, sorted."""
    files = resources.files(_PACKAGE).iterdir()
    return sorted(f.name.removesuffix(".toml") for f in files if f.name.endswith(".toml"))


def builtin_plan_text(name: str) -> str:
    """The TOML text of a built-in plan (to copy it into a new, editable file)."""
    if name not in list_builtin_plans():
        raise UnknownPlanError(name)
    return resources.files(_PACKAGE).joinpath(f"{name}.toml").read_text(encoding="utf-8")


def builtin_plan(name: str, library: LimitsLibrary | None = None) -> SessionPlan:
    """A built-in plan, checked like any plan file."""
    return parse_plan(builtin_plan_text(name), f"mesogun/plans/{name}.toml", library)

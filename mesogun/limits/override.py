"""Overrides of soft limits: confirmed by a named person, with a reason, logged with the dose."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from mesogun.errors import MesogunError
from mesogun.limits.check import LimitCheck, Violation
from mesogun.models.technique import Range


class HardLimitError(MesogunError, ValueError):
    """A setting crosses a hard limit: refused, whatever the confirmation."""

    def __init__(self, violations: Iterable[Violation]) -> None:
        self.violations = tuple(violations)
        super().__init__("; ".join(v.message for v in self.violations))


class OverrideRequiredError(MesogunError):
    """A setting crosses a soft limit and no override with a reason covers it."""

    def __init__(self, violations: Iterable[Violation]) -> None:
        self.violations = tuple(violations)
        super().__init__("; ".join(v.message for v in self.violations))


class Override(BaseModel):
    """The confirmation that a soft limit is knowingly crossed: who, when, why, for which value."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    field: str = Field(min_length=1)
    value: float
    limit: Range
    reason: str
    confirmed_by: str
    at: AwareDatetime

    @field_validator("reason")
    @classmethod
    def _reason_given(cls, reason: str) -> str:
        if not reason.strip():
            raise ValueError("an override needs a reason: say why the usual range is crossed")
        return reason.strip()

    @field_validator("confirmed_by")
    @classmethod
    def _confirmed_by_given(cls, who: str) -> str:
        if not who.strip():
            raise ValueError("an override needs the name of the person who confirms it")
        return who.strip()

    @classmethod
    def for_violation(
        cls, violation: Violation, *, reason: str, confirmed_by: str, at: datetime | None = None
    ) -> Override:
        """The override of one soft violation; refuses a hard one."""
        if violation.severity == "hard":
            raise HardLimitError([violation])
        return cls(
            field=violation.field,
            value=violation.value,
            limit=violation.limit,
            reason=reason,
            confirmed_by=confirmed_by,
            at=at or datetime.now(UTC),
        )

    def covers(self, violation: Violation) -> bool:
        """True when this override is for exactly this soft violation (same field, value and limit)."""
        return (
            violation.severity == "soft"
            and violation.field == self.field
            and violation.value == self.value
            and violation.limit == self.limit
        )


def require_cleared(check: LimitCheck, overrides: Iterable[Override] = ()) -> list[Override]:
    """Allow the checked settings or refuse them; returns the overrides that were used (to log).

    Raises HardLimitError if a hard limit is crossed (no override can lift it), OverrideRequiredError
    if a soft violation has no override.
    """
    if check.blocked:
        raise HardLimitError(check.hard_violations())
    given = list(overrides)
    used: list[Override] = []
    missing: list[Violation] = []
    for violation in check.soft_violations():
        match = next((o for o in given if o.covers(violation)), None)
        if match is None:
            missing.append(violation)
        else:
            used.append(match)
    if missing:
        raise OverrideRequiredError(missing)
    return used

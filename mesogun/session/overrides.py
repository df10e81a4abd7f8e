"""Soft-limit overrides as the journal records them: the crossed bound as one number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mesogun.limits import Override, Violation


@dataclass(frozen=True)
class ConfirmedOverride:
    """An override confirmed by ``confirmed_by`` at ``at``; ``limit`` is the bound crossed (same unit)."""

    field: str
    value: float
    limit: float
    reason: str
    confirmed_by: str
    at: datetime

    @classmethod
    def of(cls, violation: Violation, *, reason: str, confirmed_by: str, at: datetime) -> ConfirmedOverride:
        """The override of one soft violation (the limits library refuses a hard one or an empty reason)."""
        checked = Override.for_violation(violation, reason=reason, confirmed_by=confirmed_by, at=at)
        bound = checked.limit.maximum if checked.value > checked.limit.maximum else checked.limit.minimum
        return cls(checked.field, checked.value, bound, checked.reason, checked.confirmed_by, checked.at)

    def covers(self, violation: Violation) -> bool:
        """True when this override was confirmed for exactly this soft violation."""
        bound = violation.maximum if violation.value > violation.maximum else violation.minimum
        return (
            violation.severity == "soft"
            and violation.field == self.field
            and violation.value == self.value
            and bound == self.limit
        )

"""Before a session opens: its products resolved to substances, its planned doses against the caps
with the patient's earlier doses, and its rhythm against the plan's course.

A product the catalogue refuses (unknown and not declared, a corticoid) stops here; so does a plan
whose planned mg would pass a cap of the substance, counting the patient's doses of the last 24 h and
7 days; a session that comes too soon in the course goes on only with the practitioner's reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from mesogun.catalogue.caps import CapContext, EarlierDoses, check_planned_caps, earlier_doses
from mesogun.catalogue.library import Catalogue, load_catalogue
from mesogun.catalogue.resolve import with_ingredients
from mesogun.limits import Violation
from mesogun.models import CocktailComponent, SessionPlan
from mesogun.patients.history import PatientHistory
from mesogun.patients.rhythm import EARLY_TOLERANCE, RhythmCheck, check_rhythm
from mesogun.session.errors import SessionError
from mesogun.session.overrides import ConfirmedOverride

#: Override field recorded when a session goes on although it comes too soon in the course.
TOO_SOON_FIELD = "course too-soon"


class CapRefusedError(SessionError):
    """The plan would pass a cap of a substance (mg), counting the patient's earlier doses: refused."""

    def __init__(self, violations: Iterable[Violation], earlier: EarlierDoses | None = None) -> None:
        self.violations = tuple(violations)
        self.earlier = earlier or EarlierDoses()
        super().__init__(
            "; ".join(v.message for v in self.violations) + " — the session cannot open with this plan"
        )


class TooSoonError(SessionError):
    """A new session before the course's interval since the last one: give a reason to go on."""

    def __init__(self, rhythm: RhythmCheck) -> None:
        self.rhythm = rhythm
        hours = rhythm.hours_since_last or 0.0
        due = rhythm.due_at.isoformat(timespec="minutes") if rhythm.due_at else "-"
        super().__init__(
            f"too soon: the last session was {hours:.1f} h ago and plan {rhythm.plan_name!r} asks "
            f"{rhythm.interval_days} days between sessions (next due {due}); give a reason to go on"
        )


@dataclass(frozen=True)
class Admission:
    """What the checks before opening found: the syringe with substances, the caps, the rhythm."""

    contents: tuple[CocktailComponent, ...]
    caps: CapContext
    rhythm: RhythmCheck | None
    too_soon_reason: str | None

    def too_soon_override(self, practitioner: str, at: datetime) -> ConfirmedOverride | None:
        """The override to record with the session when it goes on too soon (hours against hours)."""
        rhythm = self.rhythm
        if rhythm is None or not rhythm.too_soon or not self.too_soon_reason:
            return None
        assert rhythm.interval_days is not None
        minimum_h = rhythm.interval_days * 24.0 - EARLY_TOLERANCE.total_seconds() / 3600.0
        return ConfirmedOverride(
            TOO_SOON_FIELD,
            round(rhythm.hours_since_last or 0.0, 2),
            minimum_h,
            self.too_soon_reason,
            practitioner,
            at,
        )


def admit(
    plan: SessionPlan,
    contents: Sequence[CocktailComponent],
    *,
    patient: str,
    history: PatientHistory,
    now: datetime,
    catalogue: Catalogue | None = None,
    weight_kg: float | None = None,
    too_soon_reason: str | None = None,
) -> Admission:
    """Check a new session before it opens; raises ProductRefusedError, CapRefusedError or TooSoonError."""
    cat = catalogue or load_catalogue()
    resolved = with_ingredients(contents, cat)
    caps = CapContext(catalogue=cat, earlier=earlier_doses(history, patient, now), weight_kg=weight_kg)
    # The plan's own point and session caps are checked shot by shot (and by the plan loader); here
    # what only the patient's history can tell: the plan on top of the last 24 h and 7 days.
    planned_ul = [p.planned_volume_ul for p in plan.points()]
    violations = check_planned_caps(resolved, planned_ul, caps, scopes=("24h", "7d"))
    if violations:
        raise CapRefusedError(violations, caps.earlier)
    rhythm = check_rhythm(plan, history, patient, now)
    reason = (too_soon_reason or "").strip() or None
    if rhythm.too_soon and reason is None:
        raise TooSoonError(rhythm)
    return Admission(resolved, caps, rhythm, reason if rhythm.too_soon else None)


def readmit(
    contents: Sequence[CocktailComponent],
    *,
    patient: str,
    session_id: str,
    history: PatientHistory,
    now: datetime,
    catalogue: Catalogue | None = None,
    weight_kg: float | None = None,
) -> Admission:
    """A resumed session: its syringe with substances and the caps (earlier sessions, not this one)."""
    cat = catalogue or load_catalogue()
    resolved = with_ingredients(contents, cat)
    earlier = earlier_doses(history, patient, now, excluding_session=session_id)
    return Admission(resolved, CapContext(catalogue=cat, earlier=earlier, weight_kg=weight_kg), None, None)

"""« Rarement »: where a patient stands in a plan's course, whether a new session comes too soon, when
the next one is due.

Seed 001: « Phase initiale : 1 séance par semaine pendant 3 à 4 semaines », « Phase d'entretien :
1 séance toutes les 2 à 4 semaines »; seed 004: « une fois par semaine pendant trois semaines puis
espacées ». A plan declares its course; a plan without one gets the weekly rhythm of the seeds.
Times are aware UTC datetimes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from mesogun.journal.records import SessionStatus, SessionSummary
from mesogun.models.plan import Course, SessionPlan
from mesogun.patients.history import PatientHistory


class SessionSummaryLike(Protocol):
    """What :func:`next_due_after` needs of a recorded session."""

    @property
    def session_id(self) -> str: ...
    @property
    def patient_pseudonym(self) -> str: ...
    @property
    def started_at(self) -> datetime: ...


#: Seed 001 « 1 séance par semaine pendant 3 à 4 semaines », then « toutes les 2 à 4 semaines ».
DEFAULT_COURSE = Course(
    sessions=4,
    interval_days=7,
    maintenance_interval_days=14,
    source=(
        "seed 001: « 1 séance par semaine pendant 3 à 4 semaines », « 1 séance toutes les 2 à 4 semaines »"
    ),
)
#: (design) A session up to this much earlier than due is on time (a weekly session on day 6).
EARLY_TOLERANCE = timedelta(days=1)


def counts(summary: SessionSummary) -> bool:
    """True for a session that injected something, or that is still open (it may be injecting now)."""
    return summary.dose_count > 0 or summary.status is SessionStatus.OPEN


@dataclass(frozen=True)
class RhythmCheck:
    """Where the patient stands before a new session of a plan.

    ``earlier_sessions``: sessions of this plan that counted (see :func:`counts`); ``last_at``: start
    of the patient's latest such session, of any plan; ``interval_days``: the wait the course asks
    after the sessions already done; ``due_at``: when the new session was due (None for a first one).
    """

    plan_name: str
    earlier_sessions: int
    last_at: datetime | None
    last_session_id: str | None
    interval_days: int | None
    due_at: datetime | None
    now: datetime
    source: str

    @property
    def too_soon(self) -> bool:
        """True when the new session comes before its due date, beyond the tolerance."""
        return self.due_at is not None and self.now < self.due_at - EARLY_TOLERANCE

    @property
    def hours_since_last(self) -> float | None:
        """Hours since the latest session started (None for a first session)."""
        if self.last_at is None:
            return None
        return (self.now - self.last_at).total_seconds() / 3600.0


def course_of(plan: SessionPlan) -> Course:
    """The plan's course, or the seeds' weekly rhythm."""
    return plan.course or DEFAULT_COURSE


def check_rhythm(plan: SessionPlan, history: PatientHistory, pseudonym: str, now: datetime) -> RhythmCheck:
    """Is a new session of ``plan`` for ``pseudonym`` at ``now`` on time, after the earlier ones?"""
    earlier = [s for s in history.sessions_of(pseudonym) if counts(s) and s.started_at <= now]
    return rhythm_after(plan, earlier, now, history.source)


def rhythm_after(
    plan: SessionPlan, earlier: Sequence[SessionSummary], now: datetime, source: str = ""
) -> RhythmCheck:
    """:func:`check_rhythm` from a list of earlier sessions that counted (any order)."""
    same_plan = [s for s in earlier if s.plan_name == plan.name]
    latest = max(earlier, key=lambda s: s.started_at, default=None)
    interval = course_of(plan).interval_after(len(same_plan)) if same_plan else None
    if latest is not None and interval is None:
        interval = course_of(plan).interval_days  # a course over: a new one starts at the first interval
    if latest is None:
        interval = None
    due = latest.started_at + timedelta(days=interval) if latest is not None and interval else None
    return RhythmCheck(
        plan_name=plan.name,
        earlier_sessions=len(same_plan),
        last_at=latest.started_at if latest else None,
        last_session_id=latest.session_id if latest else None,
        interval_days=interval,
        due_at=due,
        now=now,
        source=source,
    )


def next_due(plan: SessionPlan, sessions_done: int, started_at: datetime) -> datetime | None:
    """When the next session of ``plan`` is due after the ``sessions_done``-th one (started then).

    None when the course declares no maintenance and is over.
    """
    interval = course_of(plan).interval_after(sessions_done)
    return started_at + timedelta(days=interval) if interval else None


def next_due_after(record: SessionSummaryLike, plan: SessionPlan, history: PatientHistory) -> datetime | None:
    """When the next session is due after the recorded session ``record`` of ``plan`` (None when it
    did not count, or the course is over): its rank among the patient's sessions of the plan decides
    the interval."""
    sessions = [s for s in history.sessions_of(record.patient_pseudonym) if counts(s)]
    if not any(s.session_id == record.session_id for s in sessions):
        return None
    rank = sum(1 for s in sessions if s.plan_name == plan.name and s.started_at <= record.started_at)
    return next_due(plan, rank, record.started_at)

"""One patient over time, by pseudonym: sessions, courses, doses, adverse events and outcome scores.

A view of the journal, built on demand and never stored. Sessions come oldest first. A *course* is
a run of sessions of the same plan (the indication when no plan is recorded) with no gap longer than
``COURSE_GAP`` between two of them: seed 001_4b177e83e1e44852.txt describes « Phase initiale : 1
séance par semaine pendant 3 à 4 semaines » then « Phase d'entretien : 1 séance toutes les 2 à 4
semaines », so a gap beyond four weeks starts a new course. Where a session stands in its course is
its rank in it; the first sessions of the plan's course (``course`` of the plan file, the seeds'
weekly rhythm by default: ``mesogun.patients.rhythm``) are the initial phase, the next session is due
after the course's interval.

Doses are counted per product (name and concentration, all lots together) from the volume the gun
delivered, partial shots included; with ``mg_per_ml`` (the catalogue's strengths of a product's
active substances), also per substance in mg.

The patient's sessions are found through the patient-history reader (``PatientHistory``: this
desk's journal, or the clinic store); each session's record is read from ``SessionReader``.
``mesogun.clinic.overview.desk_overview`` puts together this desk's journal (or the clinic store) and the
product catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from mesogun.journal.outcome_scores import ScoreCode
from mesogun.journal.records import (
    AdverseEventRecord,
    DoseRecord,
    SessionProduct,
    SessionRecord,
    SessionStatus,
)
from mesogun.models.plan import Course as PlanCourse
from mesogun.patients.history import PatientHistory
from mesogun.patients.rhythm import DEFAULT_COURSE, course_of
from mesogun.plans.library import builtin_plan, list_builtin_plans

#: A longer gap between two sessions of one plan starts a new course (seed 001: every 2 to 4 weeks).
COURSE_GAP = timedelta(weeks=4)
#: Sessions of the initial, weekly phase of a course (seed 001: « pendant 3 à 4 semaines »).
INITIAL_PHASE_SESSIONS = 4

#: Strength (mg/ml) of each active substance of a recorded product; empty when unknown.
MgPerMl = Callable[[SessionProduct], Mapping[str, float]]


class SessionReader(Protocol):
    """The record of one session and its doses (a JournalStore has them)."""

    def session(self, session_id: str) -> SessionRecord: ...

    def doses(self, session_id: str) -> list[DoseRecord]: ...


@dataclass(frozen=True)
class ProductDose:
    """Volume of one product (all lots) delivered in a session, in µl."""

    name: str
    concentration: str
    delivered_ul: float


@dataclass(frozen=True)
class Visit:
    """One session of the patient, as the overview shows it."""

    session_id: str
    started_at: datetime
    ended_at: datetime | None
    status: SessionStatus
    plan_name: str | None
    plan_version: str | None
    indication: str
    practitioner: str
    course_number: int  # 1 for the patient's first course
    position_in_course: int  # 1 for the first session of its course
    days_since_previous: float | None  # since the patient's previous session (any plan)
    dose_count: int
    delivered_ul: float
    products: tuple[ProductDose, ...]
    substances_mg: Mapping[str, float]
    scores: Mapping[ScoreCode, int]  # the latest of each scale scored in the session
    adverse_events: tuple[AdverseEventRecord, ...]
    initial_sessions: int = INITIAL_PHASE_SESSIONS  # sessions of its plan's first, closer series

    @property
    def in_initial_phase(self) -> bool:
        return self.position_in_course <= self.initial_sessions


@dataclass(frozen=True)
class Course:
    """A run of sessions of one plan (see the module documentation)."""

    number: int
    plan_name: str | None
    indication: str
    visits: tuple[Visit, ...]
    next_due_at: datetime | None = None  # when the plan's course asks the next session (None: over)

    @property
    def first_at(self) -> datetime:
        return self.visits[0].started_at

    @property
    def last_at(self) -> datetime:
        return self.visits[-1].started_at


@dataclass(frozen=True)
class PatientOverview:
    """Everything recorded about one pseudonym, oldest session first."""

    pseudonym: str
    visits: tuple[Visit, ...]
    courses: tuple[Course, ...] = field(default=())
    source: str = "desk"  # where the sessions were found (the history reader's ``source``)
    #: Substance code → language (``fr``, ``en``) → name, for the substances counted.
    substance_names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def substance_name(self, code: str, language: str) -> str:
        """A substance's name in ``language`` (its code when the catalogue did not name it)."""
        return self.substance_names.get(code, {}).get(language, code)

    def score_series(self, code: ScoreCode) -> list[tuple[datetime, int]]:
        """(session start, score) of each session scored on ``code``, oldest first."""
        return [(v.started_at, v.scores[code]) for v in self.visits if code in v.scores]

    def scored_codes(self) -> list[ScoreCode]:
        """The scales scored at least once, in their declared order."""
        return [code for code in ScoreCode if any(code in v.scores for v in self.visits)]

    def product_names(self) -> list[str]:
        """Every product given to the patient, by first use."""
        names: list[str] = []
        for visit in self.visits:
            names.extend(label(p) for p in visit.products if label(p) not in names)
        return names

    def substance_codes(self) -> list[str]:
        """Every substance counted in mg, by first use."""
        codes: list[str] = []
        for visit in self.visits:
            codes.extend(code for code in visit.substances_mg if code not in codes)
        return codes

    @property
    def adverse_event_count(self) -> int:
        return sum(len(v.adverse_events) for v in self.visits)


def label(product: ProductDose) -> str:
    """A product's name and concentration, as one label."""
    return f"{product.name} {product.concentration}".strip()


def _product_doses(record: SessionRecord) -> tuple[ProductDose, ...]:
    totals: dict[tuple[str, str], float] = {}
    for total in record.totals:
        key = (total.name, total.concentration)
        totals[key] = totals.get(key, 0.0) + total.delivered_ul
    return tuple(ProductDose(name, concentration, ul) for (name, concentration), ul in totals.items())


def _substances_mg(doses: list[DoseRecord], mg_per_ml: MgPerMl) -> dict[str, float]:
    mg: dict[str, float] = {}
    for dose in doses:
        if dose.delivered_volume_ul <= 0:
            continue
        for product in dose.products:
            product_ml = dose.delivered_volume_ul / 1000.0 * product.proportion_pct / 100.0
            for code, strength in mg_per_ml(product).items():
                mg[code] = mg.get(code, 0.0) + product_ml * strength
    return mg


def _latest_scores(record: SessionRecord) -> dict[ScoreCode, int]:
    return {code: value for code in ScoreCode if (value := record.score(code)) is not None}


def _course_key(record: SessionRecord) -> str:
    return record.plan_name or record.indication


def plan_course(plan_name: str | None) -> PlanCourse:
    """The course of a built-in plan of that name, or the seeds' weekly rhythm."""
    if plan_name in list_builtin_plans():
        return course_of(builtin_plan(plan_name))
    return DEFAULT_COURSE


def patient_overview(
    history: PatientHistory,
    reader: SessionReader,
    pseudonym: str,
    mg_per_ml: MgPerMl | None = None,
    course_for: Callable[[str | None], PlanCourse] = plan_course,
) -> PatientOverview:
    """The overview of ``pseudonym``: sessions found by ``history``, read from ``reader``.

    Empty when no session is recorded. Without ``mg_per_ml``, doses are counted per product only.
    """
    summaries = sorted(history.sessions_of(pseudonym), key=lambda s: s.started_at)
    visits: list[Visit] = []
    courses: list[list[Visit]] = []
    open_course: dict[str, tuple[int, list[Visit]]] = {}  # plan → (course number, its visits so far)
    previous_start: datetime | None = None
    for summary in summaries:
        record = reader.session(summary.session_id)
        doses = reader.doses(summary.session_id) if mg_per_ml is not None else []
        key = _course_key(record)
        number, course = open_course.get(key, (0, []))
        if not course or record.started_at - course[-1].started_at > COURSE_GAP:
            course = []
            courses.append(course)
            number = len(courses)
            open_course[key] = (number, course)
        visit = Visit(
            session_id=record.session_id,
            started_at=record.started_at,
            ended_at=record.ended_at,
            status=record.status,
            plan_name=record.plan_name,
            plan_version=record.plan_version,
            indication=record.indication,
            practitioner=record.practitioner,
            course_number=number,
            position_in_course=len(course) + 1,
            days_since_previous=(
                (record.started_at - previous_start).total_seconds() / 86400.0
                if previous_start is not None
                else None
            ),
            dose_count=record.dose_count,
            delivered_ul=record.delivered_ul,
            products=_product_doses(record),
            substances_mg=_substances_mg(doses, mg_per_ml) if mg_per_ml is not None else {},
            scores=_latest_scores(record),
            adverse_events=record.adverse_events,
            initial_sessions=course_for(record.plan_name).sessions,
        )
        course.append(visit)
        visits.append(visit)
        previous_start = record.started_at
    return PatientOverview(
        pseudonym=pseudonym,
        source=history.source,
        visits=tuple(visits),
        courses=tuple(
            Course(
                number=number,
                plan_name=runs[0].plan_name,
                indication=runs[0].indication,
                visits=tuple(runs),
                next_due_at=_next_due(course_for(runs[0].plan_name), runs),
            )
            for number, runs in enumerate(courses, start=1)
        ),
    )


def _next_due(course: PlanCourse, visits: list[Visit]) -> datetime | None:
    interval = course.interval_after(len(visits))
    return visits[-1].started_at + timedelta(days=interval) if interval else None

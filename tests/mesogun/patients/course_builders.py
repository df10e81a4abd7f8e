"""A Mésostress course written to a real journal: weekly sessions, doses, scores, an adverse event.

Used by the patient view tests (library, command line, app, after-care sheet).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from firmware_protocol import AlarmCode, Mode, ShotResult
from mesogun.device_events import Shot
from mesogun.journal import AdverseSeverity, SqliteJournal
from mesogun.models import CocktailComponent, Laterality, Product, Site, Technique

SERIAL = "SIM-0001"
PATIENT = "MST-0042"
COURSE_START = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
MAGNESIUM = Product(
    name="Sulfate de magnésium", concentration="15 %", lot="MG-2501", expiry=date(2027, 1, 31)
)
PROCAINE = Product(name="Procaïne", concentration="1 %", lot="PRC-2411", expiry=date(2026, 6, 30))
COCKTAIL = (
    CocktailComponent(product=PROCAINE, proportion_pct=50.0),
    CocktailComponent(product=MAGNESIUM, proportion_pct=50.0),
)
POINTS = (
    Site.at_acupoint("PC6", Laterality.LEFT),
    Site.at_acupoint("PC6", Laterality.RIGHT),
    Site.at_acupoint("HT7", Laterality.LEFT),
    Site.at_acupoint("HT7", Laterality.RIGHT),
    Site.at_acupoint("GV20", Laterality.MIDLINE),
    Site.at_acupoint("EX-HN3", Laterality.MIDLINE),
)
HAM_A = (30, 26, 21, 17, 14)
PAIN_BEFORE = (6, 5, 4, 3, 2)
PAIN_AFTER = (4, 3, 2, 2, 1)
VOLUME_UL = 50.0


@dataclass(frozen=True)
class Course:
    session_ids: tuple[str, ...]
    starts: tuple[datetime, ...]


class EventNumbers:
    """The gun's event numbers, one journal-wide sequence."""

    def __init__(self, first: int = 1) -> None:
        self.next = first

    def take(self) -> int:
        number = self.next
        self.next += 1
        return number


def mesostress_session(
    journal: SqliteJournal,
    started_at: datetime,
    events: EventNumbers,
    *,
    patient: str = PATIENT,
    plan_name: str = "mesostress",
    scores: dict[str, int] | None = None,
    config_base: int = 100,
    device_serial: str = SERIAL,
) -> str:
    """One completed Mésostress session: six acupoints, 50 µl each, then its scores."""
    session_id = journal.open_session(
        patient_pseudonym=patient,
        practitioner="Dr Claire Martin",
        indication="anxiété légère (Mésostress)",
        limits_version="limits-2025.1",
        products=COCKTAIL,
        plan_name=plan_name,
        plan_version="1.0",
        device_serial=device_serial,
        started_at=started_at,
    )
    for index, site in enumerate(POINTS):
        config_id = config_base + index
        journal.record_point_configured(
            session_id,
            point_index=index,
            device_serial=device_serial,
            config_id=config_id,
            technique=Technique.POINT_PAR_POINT,
            mode=Mode.SINGLE,
            depth_mm=2.0,
            volume_ul=VOLUME_UL,
            flow_ul_s=40.0,
            burst_rate_per_s=1.0,
            limits_version="limits-2025.1",
            operator="Dr Claire Martin",
            site=site,
        )
        journal.store(
            device_serial,
            Shot(
                event_number=events.take(),
                device_time=started_at + timedelta(minutes=2 + index),
                config_id=config_id,
                mode=Mode.SINGLE,
                commanded_depth_mm=2.0,
                measured_depth_mm=2.0,
                commanded_volume_ul=VOLUME_UL,
                delivered_volume_ul=VOLUME_UL,
                flow_ul_s=40.0,
                result=ShotResult.COMPLETE,
                cause=AlarmCode.NONE,
                syringe_remaining_ul=3000.0 - VOLUME_UL * (index + 1),
            ),
        )
    journal.close_session(session_id, "completed")
    for code, value in (scores or {}).items():
        journal.record_score(session_id, code, value, entered_by="Dr Claire Martin", scored_at=started_at)
    return session_id


def mesostress_course(
    journal: SqliteJournal,
    *,
    start: datetime = COURSE_START,
    ham_a: Sequence[int] = HAM_A,
    events: EventNumbers | None = None,
    device_serial: str = SERIAL,
) -> Course:
    """Weekly Mésostress sessions with falling HAM-A and pain scores; a bruise after the second."""
    events = events or EventNumbers()
    ids: list[str] = []
    starts: list[datetime] = []
    for week, ham in enumerate(ham_a):
        started_at = start + timedelta(weeks=week)
        scores = {
            "pain_nrs_before": PAIN_BEFORE[week % len(PAIN_BEFORE)],
            "pain_nrs_after": PAIN_AFTER[week % len(PAIN_AFTER)],
            "ham_a": ham,
        }
        ids.append(
            mesostress_session(
                journal,
                started_at,
                events,
                scores=scores,
                config_base=100 + 10 * week,
                device_serial=device_serial,
            )
        )
        starts.append(started_at)
        if week == 1:
            journal.add_adverse_event(
                ids[-1],
                "petit hématome MC6 gauche",
                reported_by="Dr Claire Martin",
                observed_at=started_at + timedelta(minutes=20),
                severity=AdverseSeverity.MILD,
                action_taken="compresse froide",
            )
    return Course(tuple(ids), tuple(starts))

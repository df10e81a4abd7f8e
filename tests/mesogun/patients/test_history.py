"""The desk's patient history: sessions by pseudonym, mg of each substance since a moment (real SQLite)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from firmware_protocol import Mode, ShotResult
from mesogun.device_events import Shot
from mesogun.journal import SqliteJournal
from mesogun.models import CocktailComponent, Ingredient, Product, Technique
from mesogun.patients import JournalHistory, PatientHistory

SERIAL = "SIM-0001"
START = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
LIDOCAINE = Product(name="Lidocaïne", concentration="1 %")
PIROXICAM = Product(name="Piroxicam", concentration="20 mg/ml")
VALIUM = Product(
    name="Valium",
    concentration="10 mg/2 ml",
    ingredients=(Ingredient(substance="diazepam", mg_per_ml=5.0),),
)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[SqliteJournal]:
    with SqliteJournal(tmp_path / "journal.sqlite3", clock=Clock()) as opened:
        yield opened


def _session(
    journal: SqliteJournal,
    patient: str,
    at: datetime,
    contents: tuple[CocktailComponent, ...],
    shots_ul: list[float],
    first_event: int,
) -> str:
    session_id = journal.open_session(
        patient_pseudonym=patient,
        practitioner="Dr Claire Martin",
        indication="lombalgie",
        limits_version="2025.1",
        products=contents,
        plan_name="lombalgie",
        plan_version="1.0",
        device_serial=SERIAL,
        started_at=at,
    )
    journal.record_point_configured(
        session_id,
        point_index=0,
        device_serial=SERIAL,
        config_id=first_event,
        technique=Technique.POINT_PAR_POINT,
        mode=Mode.SINGLE,
        depth_mm=4.0,
        volume_ul=shots_ul[0],
        flow_ul_s=20.0,
        burst_rate_per_s=1.0,
        limits_version="2025.1",
        operator="Dr Claire Martin",
        zone="lombes",
    )
    for n, delivered_ul in enumerate(shots_ul):
        journal.store(
            SERIAL,
            Shot(
                event_number=first_event + n,
                device_time=at + timedelta(minutes=1 + n),
                config_id=first_event,
                mode=Mode.SINGLE,
                commanded_depth_mm=4.0,
                measured_depth_mm=4.0,
                commanded_volume_ul=shots_ul[0],
                delivered_volume_ul=delivered_ul,
                flow_ul_s=20.0,
                result=ShotResult.COMPLETE if delivered_ul >= shots_ul[0] else ShotResult.PARTIAL,
                cause=0,  # type: ignore[arg-type]
                syringe_remaining_ul=1000.0,
            ),
        )
    journal.close_session(session_id, "completed")
    return session_id


COCKTAIL = (
    CocktailComponent(product=LIDOCAINE, proportion_pct=75.0),
    CocktailComponent(product=PIROXICAM, proportion_pct=25.0),
)


def test_doses_by_substance_count_delivered_mg_since_the_moment(journal: SqliteJournal) -> None:
    # 4 shots of 200 µl, one of them partial (120 µl): 720 µl of cocktail, 180 µl of piroxicam 20 mg/ml.
    _session(journal, "PAT-1", START, COCKTAIL, [200.0, 200.0, 120.0, 200.0], first_event=1)
    history: PatientHistory = JournalHistory(journal)
    totals = history.doses_by_substance_since("PAT-1", START - timedelta(hours=24))
    assert totals["piroxicam"] == pytest.approx(0.180 * 20.0)
    assert totals["lidocaine"] == pytest.approx(0.540 * 10.0)
    # Only doses at or after the moment count: the first shot was at START + 1 min.
    later = history.doses_by_substance_since("PAT-1", START + timedelta(minutes=2))
    assert later["piroxicam"] == pytest.approx((0.200 + 0.120 + 0.200) * 0.25 * 20.0)


def test_other_patients_and_the_excluded_session_do_not_count(journal: SqliteJournal) -> None:
    first = _session(journal, "PAT-1", START, COCKTAIL, [200.0], first_event=1)
    _session(journal, "PAT-2", START, COCKTAIL, [200.0, 200.0], first_event=10)
    history = JournalHistory(journal)
    assert history.doses_by_substance_since("PAT-1", START, excluding_session=first) == {}
    assert history.doses_by_substance_since("PAT-2", START)["piroxicam"] == pytest.approx(0.4 * 0.25 * 20)


def test_a_declared_product_counts_by_the_substance_recorded_with_it(journal: SqliteJournal) -> None:
    _session(journal, "PAT-1", START, (CocktailComponent(product=VALIUM, proportion_pct=100.0),), [100.0], 1)
    totals = JournalHistory(journal).doses_by_substance_since("PAT-1", START)
    assert totals == {"diazepam": pytest.approx(0.5)}


def test_sessions_of_lists_the_patients_sessions_oldest_first(journal: SqliteJournal) -> None:
    later = _session(journal, "PAT-1", START + timedelta(days=7), COCKTAIL, [100.0], first_event=5)
    earlier = _session(journal, "PAT-1", START, COCKTAIL, [100.0], first_event=1)
    _session(journal, "PAT-2", START, COCKTAIL, [100.0], first_event=9)
    history = JournalHistory(journal)
    assert [s.session_id for s in history.sessions_of("PAT-1")] == [earlier, later]
    assert history.source == "desk"


def test_a_resumed_session_counts_its_own_doses_once(journal: SqliteJournal) -> None:
    # The runner counts the session's own doses from the journal; the earlier doses must leave it out.
    from mesogun.session.admission import readmit

    earlier = _session(journal, "PAT-1", START, COCKTAIL, [400.0], first_event=1)
    current = _session(journal, "PAT-1", START + timedelta(hours=2), COCKTAIL, [400.0], first_event=5)
    admission = readmit(
        COCKTAIL,
        patient="PAT-1",
        session_id=current,
        history=JournalHistory(journal),
        now=START + timedelta(hours=3),
    )
    assert admission.caps.earlier.last_24h_mg == {
        "lidocaine": pytest.approx(3.0),
        "piroxicam": pytest.approx(2.0),
    }
    assert earlier != current

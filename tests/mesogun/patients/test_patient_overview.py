"""One patient over time, read from a real journal file: courses, scores, doses, adverse events; CLI."""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from datetime import timedelta
from pathlib import Path

import pytest
from course_builders import (
    COURSE_START,
    HAM_A,
    PATIENT,
    VOLUME_UL,
    EventNumbers,
    mesostress_course,
    mesostress_session,
)

from mesogun.cli import main
from mesogun.clinic.overview import desk_overview
from mesogun.journal import SqliteJournal
from mesogun.journal.outcome_scores import ScoreCode
from mesogun.journal.records import SessionProduct
from mesogun.patients.history import JournalHistory
from mesogun.patients.overview import COURSE_GAP, PatientOverview, label, patient_overview


@pytest.fixture
def journal_file(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite3"


@pytest.fixture
def journal(journal_file: Path) -> Iterator[SqliteJournal]:
    with SqliteJournal(journal_file) as opened:
        yield opened


@pytest.fixture
def paris(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's zone is Paris (UTC+1 in winter, UTC+2 from the end of March)."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _overview(journal: SqliteJournal, pseudonym: str, **options: object) -> PatientOverview:
    return patient_overview(JournalHistory(journal), journal, pseudonym, **options)  # type: ignore[arg-type]


def test_a_weekly_course_is_one_course_with_each_session_in_place(journal: SqliteJournal) -> None:
    course = mesostress_course(journal)

    overview = _overview(journal, PATIENT)

    assert [v.session_id for v in overview.visits] == list(course.session_ids)
    assert [(v.course_number, v.position_in_course) for v in overview.visits] == [(1, n) for n in range(1, 6)]
    assert [v.in_initial_phase for v in overview.visits] == [True, True, True, True, False]
    assert overview.visits[0].days_since_previous is None
    assert [v.days_since_previous for v in overview.visits[1:]] == [7.0, 7.0, 7.0, 7.0]
    assert len(overview.courses) == 1 and overview.courses[0].plan_name == "mesostress"


def test_the_plans_course_says_the_phase_and_when_the_next_session_is_due(journal: SqliteJournal) -> None:
    course = mesostress_course(journal, ham_a=(30, 26, 21))
    overview = _overview(journal, PATIENT)
    # The built-in Mésostress course: four weekly sessions, then one every 14 days.
    assert overview.courses[0].next_due_at == course.starts[-1] + timedelta(days=7)
    assert all(v.in_initial_phase for v in overview.visits)

    longer = mesostress_course(journal, start=course.starts[-1] + timedelta(weeks=1), ham_a=(18, 15))
    overview = _overview(journal, PATIENT)
    assert [v.in_initial_phase for v in overview.visits] == [True, True, True, True, False]
    assert overview.courses[0].next_due_at == longer.starts[-1] + timedelta(days=14)


def test_scores_come_out_as_a_series_per_scale(journal: SqliteJournal) -> None:
    course = mesostress_course(journal)

    overview = _overview(journal, PATIENT)

    assert overview.scored_codes() == [ScoreCode.PAIN_NRS_BEFORE, ScoreCode.PAIN_NRS_AFTER, ScoreCode.HAM_A]
    assert overview.score_series(ScoreCode.HAM_A) == list(zip(course.starts, HAM_A, strict=True))
    assert [value for _, value in overview.score_series(ScoreCode.PAIN_NRS_AFTER)] == [4, 3, 2, 2, 1]


def test_a_scale_scored_again_counts_once_with_its_latest_value(journal: SqliteJournal) -> None:
    course = mesostress_course(journal, ham_a=(30, 26))
    journal.record_score(course.session_ids[1], "ham_a", 24, entered_by="Dr Claire Martin")

    overview = _overview(journal, PATIENT)

    assert [value for _, value in overview.score_series(ScoreCode.HAM_A)] == [30, 24]


def test_a_gap_longer_than_four_weeks_or_another_plan_starts_a_new_course(journal: SqliteJournal) -> None:
    events = EventNumbers()
    mesostress_course(journal, ham_a=(30, 25), events=events)
    last = COURSE_START + timedelta(weeks=1)
    back = last + COURSE_GAP + timedelta(days=1)
    mesostress_session(journal, last + timedelta(days=3), events, plan_name="lombalgie", config_base=300)
    mesostress_session(journal, last + COURSE_GAP, events, config_base=400)  # exactly 4 weeks: same course
    mesostress_session(journal, back + COURSE_GAP, events, config_base=500)  # 4 weeks and a day later

    overview = _overview(journal, PATIENT)

    assert [(v.plan_name, v.course_number, v.position_in_course) for v in overview.visits] == [
        ("mesostress", 1, 1),
        ("mesostress", 1, 2),
        ("lombalgie", 2, 1),
        ("mesostress", 1, 3),
        ("mesostress", 3, 1),
    ]
    assert [len(c.visits) for c in overview.courses] == [3, 1, 1]


def test_doses_are_counted_per_product_and_per_substance_with_a_catalogue(journal: SqliteJournal) -> None:
    mesostress_course(journal, ham_a=(30,))

    def strengths(product: SessionProduct) -> Mapping[str, float]:
        return {"magnesium_sulfate": 150.0} if product.name == "Sulfate de magnésium" else {"procaine": 10.0}

    plain = _overview(journal, PATIENT)
    counted = _overview(journal, PATIENT, mg_per_ml=strengths)

    half = 6 * VOLUME_UL / 2  # six points of 50 µl, half of the syringe each
    assert {label(p): p.delivered_ul for p in plain.visits[0].products} == {
        "Procaïne 1 %": pytest.approx(half),
        "Sulfate de magnésium 15 %": pytest.approx(half),
    }
    assert plain.visits[0].substances_mg == {}
    assert counted.visits[0].substances_mg == {
        "procaine": pytest.approx(half / 1000 * 10.0),
        "magnesium_sulfate": pytest.approx(half / 1000 * 150.0),
    }


def test_the_desk_overview_counts_mg_of_each_substance_after_the_catalogue(journal: SqliteJournal) -> None:
    mesostress_course(journal, ham_a=(30, 26))

    overview = desk_overview(journal, PATIENT)

    half_ml = 6 * VOLUME_UL / 2 / 1000  # six points of 50 µl, half of the syringe each
    for visit in overview.visits:
        assert visit.substances_mg == {
            "procaine": pytest.approx(half_ml * 10.0),  # 1 % = 10 mg/ml
            "magnesium-sulfate": pytest.approx(half_ml * 150.0),  # 15 % = 150 mg/ml
        }
    assert overview.source == "desk"
    assert overview.substance_name("magnesium-sulfate", "fr") == "Sulfate de magnésium"
    assert overview.substance_name("procaine", "en") == "Procaine"


def test_adverse_events_stay_with_their_session(journal: SqliteJournal) -> None:
    course = mesostress_course(journal)

    overview = _overview(journal, PATIENT)

    assert overview.adverse_event_count == 1
    assert overview.visits[1].session_id == course.session_ids[1]
    assert overview.visits[1].adverse_events[0].description == "petit hématome MC6 gauche"


def test_another_patient_is_not_mixed_in(journal: SqliteJournal) -> None:
    events = EventNumbers()
    mesostress_course(journal, ham_a=(30, 25), events=events)
    mesostress_session(journal, COURSE_START, events, patient="LMB-0007", config_base=900)

    assert len(_overview(journal, PATIENT).visits) == 2
    assert len(_overview(journal, "LMB-0007").visits) == 1
    assert _overview(journal, "XYZ-0001").visits == ()


def test_patients_show_prints_courses_scores_doses_and_events_in_local_time(
    paris: None, journal: SqliteJournal, journal_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mesostress_course(journal)

    assert main(["patients", "show", PATIENT, "--journal", str(journal_file), "--lang", "en"]) == 0
    out = capsys.readouterr().out

    assert "5 in 1 course, adverse events: 1" in out
    assert "last is session 5 (maintenance phase)" in out
    # 09:00 UTC is 10:00 in Paris in early March and 11:00 once summer time starts (30 March 2025).
    assert "2025-03-04 10:00+01:00" in out and "2025-04-01 11:00+02:00" in out
    ham_lines = [line for line in out.splitlines() if line.startswith("    2025-") and "#" in line]
    assert [int(line.split()[2]) for line in ham_lines[-5:]] == list(HAM_A)
    bars = [line.count("#") for line in ham_lines[-5:]]
    assert bars == sorted(bars, reverse=True) and bars[0] > bars[-1]
    assert "Procaïne 1 %: 150.0, Sulfate de magnésium 15 %: 150.0" in out
    assert "petit hématome MC6 gauche [Mild]; action: compresse froide" in out


def test_patients_show_speaks_french_by_default_like_the_rest_of_the_command_line(
    paris: None, journal: SqliteJournal, journal_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mesostress_course(journal)

    assert main(["patients", "show", PATIENT, "--journal", str(journal_file)]) == 0
    out = capsys.readouterr().out

    nbsp = "\u00a0"
    assert f"5 en 1 cure, événements indésirables{nbsp}: 1" in out
    assert "la dernière est la séance 5 (phase d’entretien)" in out
    assert f"{nbsp}: 5 séances, du 04/03/2025" in out  # the course line: one cure, five sessions
    # French dates (day/month/year), still with the offset: 10:00 in March, 11:00 from summer time.
    assert "04/03/2025 10:00+01:00" in out and "01/04/2025 11:00+02:00" in out
    assert "2025-03-04" not in out
    assert f"Procaïne 1 %{nbsp}: 150,0, Sulfate de magnésium 15 %{nbsp}: 150,0" in out
    assert f"Procaïne{nbsp}: 1,50" in out  # mg with a decimal comma, the substance named in French
    assert "douleur avant 6" in out and "Terminée" in out
    assert f"petit hématome MC6 gauche [Légère]\u202f; conduite tenue{nbsp}: compresse froide" in out
    english = ("session", "course", "adverse", "maintenance", "not scored", "Completed", "pain", "delivered")
    assert not [word for word in english if word in out.replace("mesostress", "")], out
    ham_lines = [line for line in out.splitlines() if line.startswith("    ") and "#" in line]
    assert [int(line.split()[2]) for line in ham_lines[-5:]] == list(HAM_A)


def test_patients_show_of_an_unknown_pseudonym_is_one_clear_line(
    journal: SqliteJournal, journal_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mesostress_course(journal, ham_a=(30,))
    assert main(["patients", "show", "NOPE-0001", "--journal", str(journal_file)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("mesogun: no session of patient 'NOPE-0001'")
    assert len(captured.err.strip().splitlines()) == 1

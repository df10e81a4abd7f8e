"""Is the gun's calibration in force? The gun's word and the journal's records, and the session's warning."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from record_builders import SERIAL, START, depth_entry, factors, volume_entry

from mesogun.calibration.status import calibration_findings
from mesogun.device_info import CalibrationFactors
from mesogun.injector import Injector
from mesogun.journal import SqliteJournal
from mesogun.models import CocktailComponent
from mesogun.plans import builtin_plan
from mesogun.session.opening import open_journal_session
from mesogun.session.screening import Screening
from mesogun.simulation import start_simulated_gun
from mesogun.vocabulary import remark_text

NOW = START + timedelta(days=30)
GUN_CALIBRATED = CalibrationFactors(2, 10.6, 0.15, 1.0, START, START + timedelta(days=365))


def codes(journal: SqliteJournal, gun: CalibrationFactors | None, now: datetime = NOW) -> list[str]:
    return [f.code for f in calibration_findings(journal, SERIAL, gun, now)]


def test_a_calibrated_gun_with_its_records_has_no_finding(tmp_path: Path) -> None:
    with SqliteJournal(tmp_path / "j.sqlite") as journal:
        journal.record_calibration(volume_entry(after_id=1))
        journal.record_calibration(depth_entry(before=factors(1, 10.6), after_id=2))
        assert codes(journal, GUN_CALIBRATED) == []


def test_a_gun_never_calibrated_and_an_empty_journal(tmp_path: Path) -> None:
    never = CalibrationFactors(0, 10.0, 0.0, 1.0, None, None)
    with SqliteJournal(tmp_path / "j.sqlite") as journal:
        findings = calibration_findings(journal, SERIAL, never, NOW)
    assert [f.code for f in findings] == ["gun_never_calibrated", "no_record", "no_record"]
    assert findings[1].message == f"this journal holds no passed volume calibration of gun {SERIAL}"
    assert findings[2].message == f"this journal holds no passed depth calibration of gun {SERIAL}"


def test_expired_records_and_an_expired_gun(tmp_path: Path) -> None:
    later = START + timedelta(days=400)
    expired_gun = replace(GUN_CALIBRATED, expires_at=START + timedelta(days=365))
    with SqliteJournal(tmp_path / "j.sqlite") as journal:
        journal.record_calibration(volume_entry(after_id=1))
        journal.record_calibration(depth_entry(before=factors(1, 10.6), after_id=2))
        findings = calibration_findings(journal, SERIAL, expired_gun, later)
    assert [f.code for f in findings] == ["gun_expired", "record_expired", "record_expired"]
    assert "expired on 2027-03-02" in findings[0].message
    assert (
        findings[1].message
        == f"the last volume calibration of gun {SERIAL} (2026-03-02) expired on 2027-03-02"
    )


def test_a_failure_after_the_last_pass_and_a_calibration_the_journal_never_saw(tmp_path: Path) -> None:
    with SqliteJournal(tmp_path / "j.sqlite") as journal:
        journal.record_calibration(volume_entry(after_id=1))
        journal.record_calibration(depth_entry(before=factors(1, 10.6), after_id=2))
        journal.record_calibration(volume_entry(passed=False, finished_at=START + timedelta(days=20)))
        findings = calibration_findings(journal, SERIAL, replace(GUN_CALIBRATED, calibration_id=7), NOW)
    assert [f.code for f in findings] == ["last_failed", "unrecorded_calibration"]
    assert "(2026-03-22) failed: the shots scatter too much to calibrate" in findings[0].message
    assert "holds calibration #7, of which this journal has no passed record" in findings[1].message


def test_opening_a_session_on_an_uncalibrated_gun_logs_the_warnings_with_it(tmp_path: Path) -> None:
    handle = start_simulated_gun("status-gun", serial_number=SERIAL, clock_scale=20.0)
    plan = builtin_plan("mesostress")
    screening = Screening(plan.contraindications)
    now = datetime.now(UTC)
    for item in plan.contraindications:
        screening.answer(item.code, False, None, now)
    screening.give_consent(now)
    assert plan.cocktail is not None
    contents: list[CocktailComponent] = list(plan.cocktail.components)
    try:
        with SqliteJournal(tmp_path / "j.sqlite") as journal, Injector.open(url=handle.url) as injector:
            session_id = open_journal_session(
                journal,
                injector,
                plan,
                screening,
                patient="PAT-0042",
                practitioner="Dr Martin",
                indication="anxiété",
                limits_version="test",
                contents=contents,
                started_at=now,
            )
            record = journal.session(session_id)
    finally:
        handle.close()
    # The journal holds codes and parameters; the words come from the vocabulary.
    assert [w.message for w in record.calibration_warnings] == [
        '{"remark":"gun_never_calibrated"}',
        f'{{"device_serial":"{SERIAL}","kind":"volume","remark":"no_record"}}',
        f'{{"device_serial":"{SERIAL}","kind":"depth","remark":"no_record"}}',
    ]
    messages = [remark_text(w.message, "en") for w in record.calibration_warnings]
    assert messages == [
        "the gun reports that it was never calibrated",
        f"this journal holds no passed volume calibration of gun {SERIAL}",
        f"this journal holds no passed depth calibration of gun {SERIAL}",
    ]
    assert {w.acknowledged_by for w in record.calibration_warnings} == {"Dr Martin"}
    assert {w.calibration_id for w in record.calibration_warnings} == {"0"}

"""Session records: what is written comes back whole; refusals name the field; closed means closed."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from journal_builders import (
    PROCAINE,
    SERIAL,
    START,
    ConfirmedOverride,
    SteppingClock,
    configure,
    open_session,
    shot,
)

from firmware_protocol import AlarmCode, ShotResult
from mesogun.journal import (
    AdverseSeverity,
    InvalidRecordError,
    ScreeningAnswer,
    SessionClosedError,
    SessionNotFoundError,
    SessionStatus,
    SqliteJournal,
)

ANSWERS = [
    ScreeningAnswer(
        code="allergy", question="Allergie connue à un produit injecté ?", answer=False, blocking=True
    ),
    ScreeningAnswer(code="anticoagulant", question="Traitement anticoagulant ?", answer=True, blocking=False),
]


def test_a_full_session_comes_back_as_recorded(journal: SqliteJournal, clock: SteppingClock) -> None:
    session_id = open_session(journal)
    consent_at = clock()
    journal.record_screening(
        session_id, ANSWERS, consent_given=True, consent_at=consent_at, screened_by="Dr Martin"
    )
    configure(journal, session_id, point_index=0, config_id=5)
    journal.store(SERIAL, shot(1, 5))
    journal.store(SERIAL, shot(2, 5, delivered_ul=30.0, result=ShotResult.PARTIAL, cause=AlarmCode.OCCLUSION))
    journal.record_alarm(
        session_id, AlarmCode.OCCLUSION, point_index=0, detail="pressure 410 kPa", operator="Dr M"
    )
    journal.record_skip(session_id, 1, "patient moved, point unreachable", "Dr Martin")
    journal.record_calibration_warning(
        SERIAL, "calibration older than 90 days", acknowledged_by="Dr Martin", session_id=session_id
    )
    journal.add_note(session_id, "patient relaxed at the end", "Dr Martin")
    journal.add_adverse_event(
        session_id, "small hematoma at PC6", reported_by="Dr Martin", severity=AdverseSeverity.MILD
    )
    journal.close_session(session_id, "completed")

    record = journal.session(session_id)

    assert record.patient_pseudonym == "MST-0042"
    assert (record.plan_name, record.plan_version, record.limits_version) == (
        "mesostress",
        "1.0",
        "limits-2025.1",
    )
    assert (record.consent_given, record.consent_at) == (True, consent_at)
    assert [a.answer for a in record.contraindications] == [False, True]
    assert (record.device_serial, record.device_firmware, record.calibration_id) == (
        SERIAL,
        "1.0.0-sim",
        "CAL-7",
    )
    assert [(p.name, p.lot, p.expiry) for p in record.products] == [
        ("Procaïne", "PRC-2411", date(2026, 6, 30)),
        ("Piroxicam", "PXM-0917", date(2026, 2, 28)),
    ]
    assert record.status is SessionStatus.COMPLETED and record.ended_at is not None
    assert record.started_at < record.ended_at
    assert (record.dose_count, record.delivered_ul) == (2, 80.0)
    assert {t.name: t.delivered_ul for t in record.totals} == {"Procaïne": 60.0, "Piroxicam": 20.0}
    assert [a.code for a in record.alarms] == ["occlusion"]
    assert [s.point_index for s in record.skips] == [1]
    assert [n.text for n in record.notes] == ["patient relaxed at the end"]
    assert [(e.description, e.severity) for e in record.adverse_events] == [
        ("small hematoma at PC6", AdverseSeverity.MILD)
    ]
    assert [w.message for w in record.calibration_warnings] == ["calibration older than 90 days"]


def test_an_open_session_reads_as_open(journal: SqliteJournal) -> None:
    session_id = open_session(journal)
    record = journal.session(session_id)
    assert (record.status, record.ended_at, record.consent_given) == (SessionStatus.OPEN, None, None)


def test_an_abort_needs_a_reason_and_keeps_it(journal: SqliteJournal) -> None:
    session_id = open_session(journal)
    with pytest.raises(InvalidRecordError, match="reason"):
        journal.close_session(session_id, "aborted")
    journal.close_session(session_id, "aborted", reason="patient felt faint")
    record = journal.session(session_id)
    assert (record.status, record.abort_reason) == (SessionStatus.ABORTED, "patient felt faint")


def test_a_closed_session_takes_no_more_delivery_records(
    journal: SqliteJournal, clock: SteppingClock
) -> None:
    session_id = open_session(journal)
    journal.close_session(session_id, "completed")

    with pytest.raises(SessionClosedError):
        configure(journal, session_id, point_index=0, config_id=5)
    with pytest.raises(SessionClosedError):
        journal.record_skip(session_id, 0, "late", "Dr Martin")
    with pytest.raises(SessionClosedError):
        journal.close_session(session_id, "completed")
    # What is observed after the session still belongs to it.
    journal.add_adverse_event(
        session_id, "redness the next day", reported_by="Dr Martin", observed_at=clock()
    )
    journal.add_note(session_id, "called the patient: fine", "Dr Martin")
    record = journal.session(session_id)
    assert (len(record.adverse_events), len(record.notes)) == (1, 1)


def test_an_unknown_session_is_named_in_the_error(journal: SqliteJournal) -> None:
    with pytest.raises(SessionNotFoundError, match="no-such-session"):
        journal.session("no-such-session")
    with pytest.raises(SessionNotFoundError):
        journal.add_note("no-such-session", "text", "Dr Martin")


def test_a_session_is_found_by_a_unique_prefix(journal: SqliteJournal) -> None:
    session_id = open_session(journal)
    assert journal.resolve_session_id(session_id[:8]) == session_id
    with pytest.raises(SessionNotFoundError, match="at least 4"):
        journal.resolve_session_id(session_id[:2])


@pytest.mark.parametrize(
    "pseudonym",
    [
        "Jean Dupont",
        "MARTIN\tJean",
        "12/03/1985",
        "P-1985-03-12",
        "19850312",
        "12031985",
        "12.03.85",
        "",
        "x" * 65,
    ],
)
def test_names_and_birth_dates_are_refused_as_pseudonyms(journal: SqliteJournal, pseudonym: str) -> None:
    with pytest.raises(InvalidRecordError, match="patient_pseudonym"):
        open_session(journal, patient=pseudonym)
    assert journal.sessions() == []


@pytest.mark.parametrize("pseudonym", ["MST-0042", "p7f3k", "A.2025-17", "12345678", "PAT_000123"])
def test_plain_pseudonyms_are_accepted(journal: SqliteJournal, pseudonym: str) -> None:
    session_id = open_session(journal, patient=pseudonym)
    assert journal.session(session_id).patient_pseudonym == pseudonym


def test_a_naive_time_is_refused(journal: SqliteJournal) -> None:
    with pytest.raises(InvalidRecordError, match="started_at"):
        open_session(journal, started_at=datetime(2025, 3, 4, 9, 0))


def test_cocktail_shares_must_add_up_to_100_percent(journal: SqliteJournal) -> None:
    from mesogun.journal import SessionProduct

    halves = [SessionProduct(name="A", proportion_pct=50.0), SessionProduct(name="B", proportion_pct=40.0)]
    with pytest.raises(InvalidRecordError, match="90 %"):
        journal.open_session(
            patient_pseudonym="P1", practitioner="Dr M", indication="x", limits_version="v1", products=halves
        )


def test_sessions_are_listed_by_patient_and_date(journal: SqliteJournal) -> None:
    early = open_session(journal, patient="P-A", started_at=START)
    middle = open_session(journal, patient="P-B", started_at=START + timedelta(days=1))
    late = open_session(journal, patient="P-A", started_at=START + timedelta(days=2, hours=3))

    assert [s.session_id for s in journal.sessions()] == [early, middle, late]
    assert [s.session_id for s in journal.sessions(patient="P-A")] == [early, late]
    assert [s.session_id for s in journal.sessions(since=date(2025, 3, 5))] == [middle, late]
    assert [s.session_id for s in journal.sessions(until=date(2025, 3, 5))] == [early, middle]
    assert [s.session_id for s in journal.sessions(since=START + timedelta(days=2, hours=3))] == [late]
    assert [s.session_id for s in journal.sessions(until=START)] == [early]


def test_a_correction_is_a_new_row_and_the_old_values_stay(
    journal: SqliteJournal, journal_file: Path
) -> None:
    session_id = open_session(journal, patient="MST-0024")
    configure(journal, session_id, point_index=0, config_id=5)
    journal.store(SERIAL, shot(1, 5))
    record = journal.session(session_id)
    (dose,) = journal.doses(session_id)

    journal.record_correction(
        "sessions_opened",
        record.seq,
        {"patient_pseudonym": "MST-0042"},
        reason="digits swapped",
        author="Dr Martin",
    )
    journal.record_correction(
        "doses", dose.seq, {"laterality": "right"}, reason="injected on the right wrist", author="Dr Martin"
    )

    corrected = journal.session(session_id)
    assert corrected.patient_pseudonym == "MST-0042"
    assert [s.session_id for s in journal.sessions(patient="MST-0042")] == [session_id]
    assert journal.doses(session_id)[0].laterality == "right"
    assert [(c.previous, c.changes) for c in corrected.corrections] == [
        ({"patient_pseudonym": "MST-0024"}, {"patient_pseudonym": "MST-0042"}),
        ({"laterality": "left"}, {"laterality": "right"}),
    ]
    with sqlite3.connect(journal_file) as connection:
        stored = connection.execute("SELECT patient_pseudonym FROM sessions_opened").fetchone()[0]
    assert stored == "MST-0024"


def test_what_the_device_measured_cannot_be_corrected(journal: SqliteJournal) -> None:
    session_id = open_session(journal)
    configure(journal, session_id, point_index=0, config_id=5)
    journal.store(SERIAL, shot(1, 5))
    (dose,) = journal.doses(session_id)
    with pytest.raises(InvalidRecordError, match=r"doses\.delivered_volume_ul"):
        journal.record_correction("doses", dose.seq, {"delivered_volume_ul": 60.0}, reason="r", author="a")
    with pytest.raises(InvalidRecordError, match="target_table"):
        journal.record_correction("device_events", 1, {"kind": "Shot"}, reason="r", author="a")


@pytest.mark.parametrize("statement", ["UPDATE doses SET delivered_volume_ul = 500", "DELETE FROM doses"])
def test_rows_cannot_be_updated_or_deleted(
    journal: SqliteJournal, journal_file: Path, statement: str
) -> None:
    session_id = open_session(journal)
    configure(journal, session_id, point_index=0, config_id=5)
    journal.store(SERIAL, shot(1, 5))
    connection = sqlite3.connect(journal_file)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            connection.execute(statement)
    finally:
        connection.close()
    assert journal.delivered_per_point(session_id) == {0: (1, 50.0)}


def test_override_records_keep_who_and_when(journal: SqliteJournal) -> None:
    session_id = open_session(journal)
    at = datetime(2025, 3, 4, 9, 30, tzinfo=UTC)
    override = ConfirmedOverride("volume_ul", 150.0, 100.0, "large painful area", "Dr Martin", at)
    journal.record_override(session_id, override)
    (stored,) = journal.session(session_id).overrides
    assert (stored.field, stored.value, stored.limit, stored.confirmed_by, stored.confirmed_at) == (
        "volume_ul",
        150.0,
        100.0,
        "Dr Martin",
        at,
    )
    assert stored.point_index is None


def test_a_new_syringe_must_say_what_it_holds(journal: SqliteJournal) -> None:
    session_id = open_session(journal)
    with pytest.raises(InvalidRecordError, match="products"):
        journal.record_syringe_change(session_id, [], operator="IDE Paul")
    journal.record_syringe_change(session_id, [PROCAINE], operator="IDE Paul")
    assert len(journal.session(session_id).syringe_changes) == 1

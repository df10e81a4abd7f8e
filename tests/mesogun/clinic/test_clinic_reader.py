"""Reads across rooms: a patient seen in room 1 is known in room 2 within seconds; else the desk alone."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

import pytest
from clinic_builders import Clinic, Desk, hours_ago

from mesogun.clinic.reader import (
    CLINIC_SOURCE,
    DESK_SOURCE,
    ClinicAndDeskHistory,
    ClinicHistory,
    desk_history,
)
from mesogun.clinic.replicator import ReplicatorThread, sync_once
from mesogun.clinic.session_reader import ClinicSessionReader
from mesogun.clinic.settings import CLINIC_ENV
from mesogun.journal import SessionNotFoundError
from mesogun.journal.paths import DATA_DIR_ENV
from mesogun.patients.history import JournalHistory

PATIENT = "LMB-0042"


def wait_for(predicate: Callable[[], bool], timeout_s: float = 60.0) -> bool:
    """Poll until ``predicate`` holds (a bound against a hang, not a speed requirement)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def history_of(desk: Desk, clinic: Clinic, login: str) -> ClinicAndDeskHistory:
    return ClinicAndDeskHistory(JournalHistory(desk.journal), ClinicHistory(clinic.conninfo(login)))


def test_a_session_in_room_one_is_seen_from_room_two_once_shipped(
    clinic: Clinic, desk1: Desk, desk2: Desk
) -> None:
    room2 = history_of(desk2, clinic, "room2")
    assert room2.sessions_of(PATIENT) == []
    replicator = ReplicatorThread(desk1.path, clinic.conninfo("room1"), interval_s=0.1)
    replicator.start()
    try:
        desk1.session(PATIENT)
        in_room1 = JournalHistory(desk1.journal).sessions_of(PATIENT)
        # The same summary (closed, every dose counted) as room 1's own.
        assert wait_for(lambda: room2.sessions_of(PATIENT) == in_room1)
    finally:
        replicator.stop()
    assert room2.source == CLINIC_SOURCE


def test_substances_add_up_over_both_rooms_and_no_room_counts_twice(
    clinic: Clinic, desk1: Desk, desk2: Desk
) -> None:
    desk1.session(PATIENT, points=2, shots=2, started_at=hours_ago(30))
    desk1.session(PATIENT, points=1, shots=3, started_at=hours_ago(2))
    desk2.session(PATIENT, points=3, shots=1, started_at=hours_ago(1))
    desk2.session("OTHER-0001", points=1, shots=1)
    sync_once(desk1.path, clinic.conninfo("room1"))
    sync_once(desk2.path, clinic.conninfo("room2"))  # room 2's own rows are at the clinic too
    since = hours_ago(24)

    combined = history_of(desk2, clinic, "room2").doses_by_substance_since(PATIENT, since)

    room1_alone = JournalHistory(desk1.journal).doses_by_substance_since(PATIENT, since)
    room2_alone = JournalHistory(desk2.journal).doses_by_substance_since(PATIENT, since)
    assert room1_alone["procaine"] > 0 and room2_alone["procaine"] > 0
    assert combined["procaine"] == pytest.approx(room1_alone["procaine"] + room2_alone["procaine"])
    assert len(history_of(desk2, clinic, "room2").sessions_of(PATIENT)) == 3


def test_excluding_the_running_session_and_a_corrected_pseudonym_hold_across_rooms(
    clinic: Clinic, desk1: Desk, desk2: Desk
) -> None:
    wrong = desk1.session("LMB-9999", started_at=hours_ago(3))
    desk1.journal.record_correction(  # the session's opening is the journal's first row
        "sessions_opened",
        1,
        {"patient_pseudonym": PATIENT},
        reason="wrong patient chosen",
        author="Dr Martin",
    )
    running = desk1.session(PATIENT, started_at=hours_ago(1))
    sync_once(desk1.path, clinic.conninfo("room1"))
    room2 = history_of(desk2, clinic, "room2")

    assert [s.session_id for s in room2.sessions_of(PATIENT)] == [wrong, running]
    assert room2.sessions_of("LMB-9999") == []
    all_of_it = room2.doses_by_substance_since(PATIENT, hours_ago(24))
    without_running = room2.doses_by_substance_since(PATIENT, hours_ago(24), excluding_session=running)
    assert 0 < without_running["procaine"] < all_of_it["procaine"]


def test_with_the_clinic_away_the_desk_reads_its_own_journal_and_says_so(
    clinic: Clinic, desk1: Desk, desk2: Desk
) -> None:
    desk1.session(PATIENT)
    sync_once(desk1.path, clinic.conninfo("room1"))
    own = desk2.session(PATIENT)
    room2 = history_of(desk2, clinic, "room2")
    assert len(room2.sessions_of(PATIENT)) == 2 and room2.source == CLINIC_SOURCE

    clinic.server.stop()
    try:
        assert [s.session_id for s in room2.sessions_of(PATIENT)] == [own]
        assert room2.source == DESK_SOURCE and room2.last_error
        assert room2.doses_by_substance_since(PATIENT, hours_ago(1) - timedelta(days=1))["procaine"] > 0
    finally:
        clinic.server.start()
    assert len(room2.sessions_of(PATIENT)) == 2 and room2.source == CLINIC_SOURCE


def test_the_desk_reads_across_rooms_only_when_a_clinic_is_configured(
    clinic: Clinic, desk2: Desk, tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    monkeypatch.delenv(CLINIC_ENV, raising=False)
    assert isinstance(desk_history(desk2.journal), JournalHistory)
    monkeypatch.setenv(CLINIC_ENV, clinic.conninfo("room2"))
    assert isinstance(desk_history(desk2.journal), ClinicAndDeskHistory)


def test_a_session_given_in_room_one_is_read_whole_from_room_two(
    clinic: Clinic, desk1: Desk, desk2: Desk
) -> None:
    session_id = desk1.session(PATIENT, points=2, shots=3)
    desk1.journal.add_note(session_id, "bien toléré", "Dr Martin")
    desk1.journal.record_correction(
        "sessions_opened", 1, {"indication": "lombalgie basse"}, reason="précision", author="Dr Martin"
    )
    sync_once(desk1.path, clinic.conninfo("room1"))
    reader = ClinicSessionReader(desk2.journal, clinic.conninfo("room2"))

    assert reader.session(session_id) == desk1.journal.session(session_id)
    assert reader.doses(session_id) == desk1.journal.doses(session_id)
    with pytest.raises(SessionNotFoundError):
        reader.session("00000000-0000-0000-0000-000000000000")

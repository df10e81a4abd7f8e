"""Two rooms, one patient: the second room's admission sees the first room's session and says "too soon"."""

from __future__ import annotations

import time

import pytest
from clinic_builders import Clinic, Desk

from mesogun.clinic.reader import CLINIC_SOURCE, DESK_SOURCE, desk_history
from mesogun.clinic.replicator import ReplicatorThread
from mesogun.clinic.settings import CLINIC_ENV
from mesogun.journal.timefmt import utc_now
from mesogun.plans.library import builtin_plan
from mesogun.session.admission import TooSoonError, admit
from mesogun.session.products import syringe_contents

PATIENT = "LMB-0042"


def test_room_two_warns_too_soon_for_a_session_just_done_in_room_one(
    clinic: Clinic, desk1: Desk, desk2: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = builtin_plan("lombalgie")
    contents = syringe_contents(plan, ())
    monkeypatch.setenv(CLINIC_ENV, clinic.conninfo("room2"))
    room2_history = desk_history(desk2.journal)
    admit(plan, contents, patient=PATIENT, history=room2_history, now=utc_now())  # nothing known yet

    replicator = ReplicatorThread(desk1.path, clinic.conninfo("room1"), interval_s=0.2)
    replicator.start()
    try:
        done_in_room1 = desk1.session(PATIENT)
        refusal: TooSoonError | None = None
        deadline = time.monotonic() + 60.0  # a bound against a hang, not a speed requirement
        while refusal is None and time.monotonic() < deadline:
            try:
                admit(plan, contents, patient=PATIENT, history=room2_history, now=utc_now())
            except TooSoonError as error:
                refusal = error
            else:
                time.sleep(0.1)
    finally:
        replicator.stop()
    assert refusal is not None
    assert refusal.rhythm.last_session_id == done_in_room1
    assert refusal.rhythm.source == CLINIC_SOURCE


def test_with_the_clinic_away_room_two_says_it_read_its_own_journal_only(
    clinic: Clinic, desk2: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = builtin_plan("lombalgie")
    monkeypatch.setenv(CLINIC_ENV, clinic.conninfo("room2"))
    history = desk_history(desk2.journal)
    clinic.server.stop()
    try:
        admission = admit(plan, syringe_contents(plan, ()), patient=PATIENT, history=history, now=utc_now())
    finally:
        clinic.server.start()
    assert admission.rhythm is not None and admission.rhythm.source == DESK_SOURCE

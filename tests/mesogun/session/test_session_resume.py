"""Resuming a session from the journal after the application went away: nothing replayed, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from session_bench import WAIT_S, Bench, bench_plan, done_count, point_step, reconnect, wait_state

from firmware_protocol import DeviceState
from mesogun.injector import Injector
from mesogun.plans import builtin_plan
from mesogun.session import (
    CommandRefusedError,
    NothingToResumeError,
    PointStatus,
    SessionError,
    SessionRunner,
    SessionState,
)
from mesogun.simulation import start_simulated_gun


def _vanish(bench: Bench, runner: SessionRunner) -> None:
    """The application disappears without disarming or closing anything on the gun."""
    runner.close()
    bench.injector.close()


def test_resume_after_the_application_vanished_starts_at_the_first_unmet_point(bench: Bench) -> None:
    runner = bench.ready_runner("mesostress", auto_trigger=True)
    runner.start().result(WAIT_S)
    session_id = runner.wait_for(lambda s: done_count(s) >= 4, WAIT_S).session_id
    assert session_id is not None
    _vanish(bench, runner)
    assert bench.gun.wait_until(
        lambda: bench.gun.state not in (DeviceState.ARMED, DeviceState.DELIVERING), WAIT_S
    )

    injector = reconnect(bench)
    resumed = SessionRunner.resume_session(
        bench.journal, session_id, injector, plan=builtin_plan("mesostress"), auto_trigger=True
    )
    bench.runners.append(resumed)
    resumed.ready.result(WAIT_S)
    snapshot = resumed.snapshot
    delivered = len(bench.gun.truth.shots)
    assert snapshot.state is SessionState.PAUSED
    assert snapshot.current_index == delivered  # one shot per point: the next point is the first unmet
    assert [p.shots for p in snapshot.points] == [1] * delivered + [0] * (10 - delivered)
    assert snapshot.consent_given and snapshot.unanswered == ()

    resumed.resume().result(WAIT_S)
    final = wait_state(resumed, SessionState.COMPLETED, SessionState.ALARM)
    assert final.state is SessionState.COMPLETED
    assert [p.shots for p in final.points] == [1] * 10
    assert bench.dose_event_numbers(session_id) == bench.true_event_numbers()


def test_shots_fired_while_the_application_was_away_count_when_it_resumes(patient_bench: Bench) -> None:
    bench = patient_bench
    plan = bench_plan(
        point_step("GV20"),
        point_step("EX-HN3", depth_mm=2.0, volume_ul=50.0),
        point_step("GV20", depth_mm=2.5),
    )
    runner = bench.ready_runner(plan)
    runner.start().result(WAIT_S)
    runner.wait_for(lambda s: s.current_index == 0 and s.armed, WAIT_S)
    bench.gun.pull_trigger()
    session_id = runner.wait_for(lambda s: s.current_index == 1 and s.armed, WAIT_S).session_id
    assert session_id is not None
    _vanish(bench, runner)

    bench.gun.pull_trigger()  # still armed for point 2 (5 s watchdog): the journal has not heard of it
    assert len(bench.gun.truth.shots) == 2
    assert bench.journal.last_event_number(bench.handle.serial_number) < bench.gun.last_event_number

    injector = reconnect(bench)
    resumed = SessionRunner.resume_session(bench.journal, session_id, injector, plan=plan)
    bench.runners.append(resumed)
    resumed.ready.result(WAIT_S)
    snapshot = resumed.snapshot
    assert snapshot.state is SessionState.PAUSED
    assert [p.status for p in snapshot.points[:2]] == [PointStatus.DONE, PointStatus.DONE]
    assert snapshot.current_index == 2
    assert bench.gun.state is DeviceState.IDLE  # left armed by the vanished run: disarmed, never fired
    assert len(bench.gun.truth.shots) == 2

    resumed.resume().result(WAIT_S)
    resumed.wait_for(lambda s: s.armed and s.current_index == 2, WAIT_S)
    bench.gun.pull_trigger()
    final = wait_state(resumed, SessionState.COMPLETED)
    assert [p.shots for p in final.points] == [1, 1, 1]
    assert bench.dose_event_numbers(session_id) == bench.true_event_numbers()


def test_resume_refuses_an_ended_session_and_another_plan(bench: Bench) -> None:
    runner = bench.ready_runner("mesostress", auto_trigger=True)
    runner.start().result(WAIT_S)
    session_id = wait_state(runner, SessionState.COMPLETED).session_id
    assert session_id is not None
    with pytest.raises(NothingToResumeError, match="completed"):
        SessionRunner.resume_session(
            bench.journal, session_id, bench.injector, plan=builtin_plan("mesostress")
        )

    other = bench.ready_runner("mesostress", auto_trigger=True, patient_pseudonym="PAT-0043")
    other_id = other.snapshot.session_id
    assert other_id is not None
    other.close()
    with pytest.raises(SessionError, match="was run with plan 'mesostress'"):
        SessionRunner.resume_session(bench.journal, other_id, bench.injector, plan=builtin_plan("mesolift"))


def test_a_gun_whose_event_memory_was_reset_is_refused(bench: Bench, tmp_path: Path) -> None:
    runner = bench.ready_runner("mesostress", auto_trigger=True)
    runner.start().result(WAIT_S)
    wait_state(runner, SessionState.COMPLETED)
    runner.close()
    bench.injector.close()

    # Same serial number, empty event memory: its shot #1, #2... are numbers the journal already holds.
    twin = start_simulated_gun("session-twin", clock_scale=40, journal_path=tmp_path / "twin.bin")
    try:
        bench.injector = Injector.open(url=twin.url, event_sink=bench.journal, timeout_s=2.0)
        other = bench.runner("mesostress", auto_trigger=True, patient_pseudonym="PAT-0043")
        with pytest.raises(SessionError, match="event memory was reset, or it is another gun"):
            other.ready.result(WAIT_S)
        with pytest.raises(CommandRefusedError, match="journal already holds #"):
            other.begin_screening().result(WAIT_S)
        assert other.snapshot.state is SessionState.IDLE
    finally:
        bench.injector.close()
        twin.close()

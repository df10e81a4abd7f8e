"""Who acknowledged an alarm, and how, is in the journal; the gun's watchdog tripped while the host was
away is an alarm of the session like any other; a run nobody attends acknowledges only when allowed."""

from __future__ import annotations

from pathlib import Path

import pytest
from session_bench import WAIT_S, Bench, reconnect, wait_state

from firmware_protocol import AlarmCode, DeviceState
from mesogun.cli.run_summary import summary
from mesogun.journal.records import AlarmRecord
from mesogun.plans import builtin_plan
from mesogun.session import Acknowledgement, CommandRefusedError, SessionRunner, SessionState


def _away_while_armed(bench: Bench) -> str:
    """A point armed for the practitioner's trigger; the application disappears and the gun's
    watchdog disarms it."""
    runner = bench.ready_runner("mesostress")
    runner.start().result(WAIT_S)
    session_id = runner.wait_for(lambda s: s.armed and s.current_index == 0, WAIT_S).session_id
    assert session_id is not None
    runner.close()
    bench.injector.close()
    assert bench.gun.wait_until(lambda: AlarmCode.WATCHDOG in bench.gun.alarms, WAIT_S)
    return session_id


def _resume(bench: Bench, session_id: str, **options: object) -> SessionRunner:
    runner = SessionRunner.resume_session(
        bench.journal,
        session_id,
        reconnect(bench),
        plan=builtin_plan("mesostress"),
        **options,  # type: ignore[arg-type]
    )
    bench.runners.append(runner)
    runner.ready.result(WAIT_S)
    return runner


def _watchdog_rows(bench: Bench, session_id: str) -> list[AlarmRecord]:
    return [a for a in bench.journal.session(session_id).alarms if a.code == "watchdog"]


def test_a_watchdog_tripped_while_away_is_recorded_raised_then_acknowledged_on_return(
    bench: Bench, tmp_path: Path
) -> None:
    session_id = _away_while_armed(bench)
    resumed = _resume(bench, session_id, practitioner="Dr Martin")
    assert resumed.snapshot.state is SessionState.PAUSED  # the attended session goes on
    assert AlarmCode.WATCHDOG not in bench.gun.alarms
    raised, acknowledged = _watchdog_rows(bench, session_id)
    assert (raised.raised, raised.priority, raised.detail) == (True, "high", "host_away")
    assert (acknowledged.raised, acknowledged.detail) == (False, Acknowledgement.ON_RETURN.value)
    assert acknowledged.operator == "Dr Martin"

    resumed.stop().result(WAIT_S)
    final = wait_state(resumed, SessionState.STOPPED)
    lines = summary(final, bench.journal.session(session_id), tmp_path / "journal.sqlite")
    assert "Alarms: 1" in lines
    (watchdog,) = [line for line in lines if line.strip().startswith("link lost while armed (high)")]
    assert "while the host was away" in watchdog
    assert "acknowledged on the host's return, in Dr Martin's attended session" in watchdog


def test_a_session_that_may_not_acknowledge_by_itself_halts_until_a_person_does(bench: Bench) -> None:
    session_id = _away_while_armed(bench)
    resumed = _resume(bench, session_id, auto_acknowledgement=None)
    halted = resumed.wait_for(lambda s: s.state is SessionState.ALARM, WAIT_S)
    assert AlarmCode.WATCHDOG in halted.active_alarms
    assert AlarmCode.WATCHDOG in bench.gun.alarms  # nobody acknowledged it on the gun
    with pytest.raises(CommandRefusedError, match="a person acknowledges"):
        resumed.acknowledge_alarm(how=Acknowledgement.UNATTENDED).result(WAIT_S)

    resumed.acknowledge_alarm(by="C. Roux").result(WAIT_S)
    assert resumed.snapshot.state is SessionState.PAUSED
    raised, acknowledged = _watchdog_rows(bench, session_id)  # one alarm: raised once, acknowledged once
    assert raised.raised and raised.detail == "host_away"
    assert (acknowledged.operator, acknowledged.detail) == ("C. Roux", Acknowledgement.OPERATOR.value)
    assert bench.gun.state is DeviceState.IDLE


def test_an_unattended_run_allowed_to_acknowledge_is_recorded_as_such(bench: Bench) -> None:
    session_id = _away_while_armed(bench)
    resumed = _resume(bench, session_id, auto_acknowledgement=Acknowledgement.UNATTENDED)
    assert resumed.snapshot.state is SessionState.PAUSED
    _, acknowledged = _watchdog_rows(bench, session_id)
    assert acknowledged.detail == Acknowledgement.UNATTENDED.value
    assert acknowledged.operator == bench.journal.session(session_id).practitioner

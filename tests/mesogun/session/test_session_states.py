"""The session's transition table: the allowed moves, and a clear refusal for every other one."""

from __future__ import annotations

import pytest
from session_bench import WAIT_S, Bench

from mesogun.session import TRANSITIONS, InvalidTransition, SessionState, Trigger
from mesogun.session.states import TERMINAL_STATES, next_state


def test_every_pair_outside_the_table_is_refused_naming_state_and_trigger() -> None:
    refused = 0
    for state in SessionState:
        for trigger in Trigger:
            if (state, trigger) in TRANSITIONS:
                assert next_state(state, trigger) is TRANSITIONS[(state, trigger)]
                continue
            with pytest.raises(InvalidTransition) as caught:
                next_state(state, trigger)
            assert caught.value.state is state
            assert caught.value.trigger is trigger
            assert state.value in str(caught.value)
            assert trigger.value in str(caught.value)
            refused += 1
    assert refused > len(TRANSITIONS)


def test_ended_sessions_never_move_again() -> None:
    for state in TERMINAL_STATES:
        assert not [trigger for (s, trigger) in TRANSITIONS if s is state]


def test_stop_is_a_clean_end_and_abort_an_end_with_a_reason() -> None:
    assert next_state(SessionState.RUNNING, Trigger.STOP) is SessionState.STOPPED
    assert next_state(SessionState.RUNNING, Trigger.ABORT) is SessionState.ABORTED
    assert next_state(SessionState.RUNNING, Trigger.EMERGENCY_STOP) is SessionState.PAUSED
    assert next_state(SessionState.ALARM, Trigger.ACKNOWLEDGE) is SessionState.PAUSED


def test_a_runner_refuses_start_before_screening(bench: Bench) -> None:
    runner = bench.runner("mesostress")
    runner.ready.result(WAIT_S)
    with pytest.raises(InvalidTransition, match="cannot start a session that is idle"):
        runner.start().result(WAIT_S)
    with pytest.raises(InvalidTransition, match="cannot resume a session that is idle"):
        runner.resume().result(WAIT_S)
    assert runner.snapshot.state is SessionState.IDLE
    assert "cannot resume" in runner.snapshot.last_error
    assert bench.gun.truth.shots == []

"""The session's states and the ONE table of allowed transitions; the status of each plan point.

The session state machine follows the run-engine vocabulary:
- *stop* is a clean early end chosen by the practitioner (the gun is disarmed, the session closed
  STOPPED: what was delivered is the record, nothing went wrong);
- *abort* is an end with a reason (something went wrong, or the session must not go on);
- *emergency stop* halts the gun at once without any clean-up on the device side and leaves the
  session PAUSED, so the practitioner then decides (resume, stop or abort).
Any transition missing from :data:`TRANSITIONS` is refused with :class:`InvalidTransition`.
"""

from __future__ import annotations

from enum import StrEnum

from mesogun.session.errors import Refusal


class SessionState(StrEnum):
    """Where a session stands."""

    IDLE = "idle"  # created; nothing asked yet
    SCREENING = "screening"  # consent and contraindications being answered
    READY = "ready"  # screening passed, session opened in the journal; waiting for start
    RUNNING = "running"  # working through the points (gun configured and armed on the current one)
    PAUSED = "paused"  # gun disarmed between shots; resume, skip, stop or abort
    ALARM = "alarm"  # an alarm stopped delivery; waiting for its acknowledgement
    COMPLETED = "completed"  # every point done or skipped; session closed
    STOPPED = "stopped"  # clean early end by the practitioner; session closed
    ABORTED = "aborted"  # ended with a reason; session closed


#: States a session never leaves.
TERMINAL_STATES = frozenset({SessionState.COMPLETED, SessionState.STOPPED, SessionState.ABORTED})


class Trigger(StrEnum):
    """What makes a session change state."""

    BEGIN_SCREENING = "begin_screening"
    SCREENING_PASSED = "screening_passed"
    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    ALARM = "alarm"
    ACKNOWLEDGE = "acknowledge"
    LINK_LOST = "link_lost"
    LINK_RESTORED = "link_restored"
    RESUME_SESSION = "resume_session"  # a session rebuilt from the journal (after a pause, a crash...)
    EMERGENCY_STOP = "emergency_stop"
    FINISH = "finish"
    STOP = "stop"
    ABORT = "abort"


_S = SessionState
_T = Trigger

#: Every allowed transition. Reading it row by row gives the whole behaviour of a session.
TRANSITIONS: dict[tuple[SessionState, Trigger], SessionState] = {
    (_S.IDLE, _T.BEGIN_SCREENING): _S.SCREENING,
    (_S.IDLE, _T.RESUME_SESSION): _S.PAUSED,
    (_S.IDLE, _T.ABORT): _S.ABORTED,
    (_S.SCREENING, _T.SCREENING_PASSED): _S.READY,
    (_S.SCREENING, _T.ABORT): _S.ABORTED,
    (_S.READY, _T.START): _S.RUNNING,
    (_S.READY, _T.STOP): _S.STOPPED,
    (_S.READY, _T.ABORT): _S.ABORTED,
    (_S.READY, _T.EMERGENCY_STOP): _S.READY,
    (_S.READY, _T.ALARM): _S.ALARM,
    (_S.RUNNING, _T.PAUSE): _S.PAUSED,
    (_S.RUNNING, _T.ALARM): _S.ALARM,
    (_S.RUNNING, _T.LINK_LOST): _S.PAUSED,
    (_S.RUNNING, _T.EMERGENCY_STOP): _S.PAUSED,
    (_S.RUNNING, _T.FINISH): _S.COMPLETED,
    (_S.RUNNING, _T.STOP): _S.STOPPED,
    (_S.RUNNING, _T.ABORT): _S.ABORTED,
    (_S.PAUSED, _T.RESUME): _S.RUNNING,
    (_S.PAUSED, _T.LINK_RESTORED): _S.RUNNING,
    (_S.PAUSED, _T.LINK_LOST): _S.PAUSED,
    (_S.PAUSED, _T.ALARM): _S.ALARM,
    (_S.PAUSED, _T.EMERGENCY_STOP): _S.PAUSED,
    (_S.PAUSED, _T.FINISH): _S.COMPLETED,
    (_S.PAUSED, _T.STOP): _S.STOPPED,
    (_S.PAUSED, _T.ABORT): _S.ABORTED,
    (_S.ALARM, _T.ACKNOWLEDGE): _S.PAUSED,
    (_S.ALARM, _T.ALARM): _S.ALARM,
    (_S.ALARM, _T.LINK_LOST): _S.ALARM,
    (_S.ALARM, _T.EMERGENCY_STOP): _S.ALARM,
    (_S.ALARM, _T.STOP): _S.STOPPED,
    (_S.ALARM, _T.ABORT): _S.ABORTED,
}


class InvalidTransition(Exception):
    """A trigger that the current state does not allow (the table has no such row)."""

    def __init__(self, state: SessionState, trigger: Trigger) -> None:
        self.state = state
        self.trigger = trigger
        # Said to the user from the code (mesogun.vocabulary.error_text); the message is for the log.
        self.refusal = Refusal.WRONG_STATE
        self.parameters = {"state": state.value}
        allowed = sorted(t.value for (s, t) in TRANSITIONS if s is state)
        choices = ", ".join(allowed) if allowed else "nothing (the session has ended)"
        super().__init__(f"cannot {trigger.value} a session that is {state.value}; allowed now: {choices}")


def next_state(state: SessionState, trigger: Trigger) -> SessionState:
    """The state ``trigger`` leads to from ``state``; raises InvalidTransition when not allowed."""
    try:
        return TRANSITIONS[(state, trigger)]
    except KeyError:
        raise InvalidTransition(state, trigger) from None


def allowed(state: SessionState, trigger: Trigger) -> bool:
    """True when the table has a row for ``(state, trigger)``."""
    return (state, trigger) in TRANSITIONS


class PointStatus(StrEnum):
    """Progress of one plan point."""

    TODO = "todo"  # not reached yet
    CURRENT = "current"  # the point the gun is (or will be) configured for
    DONE = "done"  # its target (shots or volume) is met
    PARTIAL = "partial"  # left with some delivery short of its target (skipped after shots, or session ended)
    SKIPPED = "skipped"  # left without delivery, with a recorded reason

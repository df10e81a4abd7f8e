"""Running a session plan on the gun: states, the runner, progress from the journal, resuming."""

from mesogun.session.acknowledgement import Acknowledgement
from mesogun.session.admission import CapRefusedError, TooSoonError
from mesogun.session.delivery import Timeouts
from mesogun.session.errors import (
    CommandRefusedError,
    ExpiredProductError,
    NothingToResumeError,
    Refusal,
    ScreeningError,
    SessionError,
)
from mesogun.session.progress import PointProgress
from mesogun.session.remainder import PartialChoice, PendingPartial
from mesogun.session.runner import SessionRunner, latest_open_session
from mesogun.session.snapshot import PendingOverride, RefusedPoint, SessionSnapshot
from mesogun.session.states import (
    TERMINAL_STATES,
    TRANSITIONS,
    InvalidTransition,
    PointStatus,
    SessionState,
    Trigger,
)

__all__ = [
    "TERMINAL_STATES",
    "TRANSITIONS",
    "Acknowledgement",
    "CapRefusedError",
    "CommandRefusedError",
    "ExpiredProductError",
    "InvalidTransition",
    "NothingToResumeError",
    "PartialChoice",
    "PendingOverride",
    "PendingPartial",
    "PointProgress",
    "PointStatus",
    "Refusal",
    "RefusedPoint",
    "ScreeningError",
    "SessionError",
    "SessionRunner",
    "SessionSnapshot",
    "SessionState",
    "Timeouts",
    "TooSoonError",
    "Trigger",
    "latest_open_session",
]

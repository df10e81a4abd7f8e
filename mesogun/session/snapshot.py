"""What listeners of a session see: one immutable snapshot per change (volumes in µl)."""

from __future__ import annotations

from dataclasses import dataclass

from firmware_protocol import ALARM_PRIORITY, AlarmCode, AlarmPriority
from mesogun.limits import Violation
from mesogun.session.notices import Notice
from mesogun.session.progress import PointProgress
from mesogun.session.remainder import PendingPartial
from mesogun.session.states import SessionState


@dataclass(frozen=True)
class PendingOverride:
    """The current point is outside soft limits: ``confirm_override(reason)`` is awaited.

    ``violations`` are the soft-limit violations (field, value, range, message) to show.
    """

    point_index: int
    violations: tuple[Violation, ...]


@dataclass(frozen=True)
class RefusedPoint:
    """The current point breaks a hard limit or a cumulative cap: skip it or change the plan."""

    point_index: int
    violations: tuple[Violation, ...]


@dataclass(frozen=True)
class SessionSnapshot:
    """The session as it stands.

    ``current_index`` is the point the gun is (or will be) configured for, None before the start and
    after the end; ``totals_ul`` is the volume of each product delivered (µl, by product label, from
    the cocktail's proportions, as (label, µl) pairs); ``active_alarms`` the alarms the gun reports
    raised; ``notice`` the last news as a code and its parameters (why the session paused, for
    example), ``message`` the same in English for the log, and
    ``last_error`` the last refusal or failure, both empty when there is none; ``waiting_for_link``:
    paused because the link dropped, to go on by itself once the gun answers again;
    ``pending_partial``: a cut shot left the current point short, the practitioner's choice is awaited;
    ``alarms_raised``: the alarms this session raised and that wait for an acknowledgement, the gun's
    and the host's own (a shot a power loss cut is never an active alarm on the gun).
    """

    state: SessionState
    session_id: str | None
    current_index: int | None
    points: tuple[PointProgress, ...]
    totals_ul: tuple[tuple[str, float], ...] = ()
    delivered_ul: float = 0.0
    #: mg of each active substance delivered in this session, as (substance code, mg) pairs
    totals_mg: tuple[tuple[str, float], ...] = ()
    active_alarms: frozenset[AlarmCode] = frozenset()
    pending_override: PendingOverride | None = None
    refused: RefusedPoint | None = None
    unanswered: tuple[str, ...] = ()
    consent_given: bool = False
    message: str = ""
    notice: Notice | None = None
    last_error: str = ""
    #: the failure behind ``last_error`` when it was an exception (said in the user's language from it)
    failure: BaseException | None = None
    armed: bool = False
    waiting_for_link: bool = False
    pending_partial: PendingPartial | None = None
    alarms_raised: frozenset[AlarmCode] = frozenset()

    @property
    def point_count(self) -> int:
        """Number of points in the plan."""
        return len(self.points)

    @property
    def alarm_priority(self) -> AlarmPriority | None:
        """The highest priority among the active alarms (None when none is active)."""
        return max((ALARM_PRIORITY[code] for code in self.active_alarms | self.alarms_raised), default=None)

    @property
    def current(self) -> PointProgress | None:
        """Progress of the current point, if any."""
        if self.current_index is None:
            return None
        return self.points[self.current_index]

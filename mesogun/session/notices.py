"""What the session says it is doing, as a code and its parameters (never a sentence).

Every snapshot carries the latest :class:`Notice`; :func:`mesogun.vocabulary.notice_text` says it in
French or English. The snapshot's ``message`` keeps the same news in English, for the log.
Parameters: ``point`` is a point's number (from 1), ``points`` the plan's count of points,
``session`` the session's id, volumes in µl (``*_ul``), capacities in ml (``*_ml``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class NoticeCode(StrEnum):
    """What a notice says; its parameters are listed beside each member."""

    SCREENING = "screening"  # —
    OPENED = "opened"  # session
    RUNNING = "running"  # —
    ARMED = "armed"  # point, points, auto (1: fired from the computer)
    PAUSED = "paused"  # point (0: none)
    COMPLETED = "completed"  # session
    STOPPED = "stopped"  # session, error (the gun not confirmed disarmed: why; "" when it was)
    ABORTED = "aborted"  # session, reason, error
    GUN_STOPPED = "gun_stopped"  # —
    EMERGENCY_STOP = "emergency_stop"  # —
    ALARM = "alarm"  # alarms (codes, comma separated), point (0: none)
    ACKNOWLEDGED = "acknowledged"  # —
    LINK_LOST = "link_lost"  # —
    LINK_BACK = "link_back"  # —
    PAUSED_AFTER_ERROR = "paused_after_error"  # —
    RESUMED_FROM_JOURNAL = "resumed_from_journal"  # session, point
    PARTIAL_WAITS = "partial_waits"  # point, delivered_ul, target_ul
    OUTSIDE_USUAL = "outside_usual"  # point
    POINT_REFUSED = "point_refused"  # point
    COMPLETING = "completing"  # point
    POINT_LEFT = "point_left"  # point, reason (a host remark code or the practitioner's words)
    POINT_ENDED = "point_ended"  # point
    REPEATING = "repeating"  # point
    OVERRIDE_CONFIRMED = "override_confirmed"  # point, reason
    SYRINGE_CHANGED = "syringe_changed"  # capacity_ml, fill_ul, lots (label, lot pairs)


Value = str | int | float | tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Notice:
    """A notice: its code and its parameters (see :class:`NoticeCode`)."""

    code: NoticeCode
    parameters: tuple[tuple[str, Value], ...] = field(default=())

    @classmethod
    def of(cls, code: NoticeCode, **parameters: Value) -> Notice:
        """A notice of ``code`` with ``parameters``."""
        return cls(code, tuple(parameters.items()))

    def get(self, key: str, default: Value = "") -> Value:
        """The parameter ``key`` (``default`` when the notice has none)."""
        return dict(self.parameters).get(key, default)

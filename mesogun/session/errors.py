"""Errors of the session runner. Each message says what was refused and what to do."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum


class SessionError(Exception):
    """Base of every error the session runner raises on purpose.

    ``refusal`` and ``parameters``: why, as a code, when the error has one (None otherwise); the
    message says it in English, for the log.
    """

    def __init__(self, message: str = "", refusal: Refusal | None = None, **parameters: str | float) -> None:
        super().__init__(message)
        self.refusal = refusal
        self.parameters: dict[str, object] = dict(parameters)


class Refusal(StrEnum):
    """Why a command of the session was refused; the parameters each code carries follow it.

    Said in French or English by :func:`mesogun.vocabulary.error_text`; the message of the error
    says the same in English, for the log.
    """

    WRONG_STATE = "wrong_state"  # state (a SessionState value)
    REASON_NEEDED = "reason_needed"
    GUN_ALARM = "gun_alarm"  # alarms (AlarmCode names, comma-separated)
    NO_SYRINGE = "no_syringe"
    NO_CURRENT_POINT = "no_current_point"
    NOTHING_DELIVERED_YET = "nothing_delivered_yet"  # point (number from 1)
    NO_DECISION_AWAITED = "no_decision_awaited"
    REMAINDER_TOO_SMALL = "remainder_too_small"  # remainder_ul, point, min_ul
    NOTHING_TO_REPEAT = "nothing_to_repeat"
    NOT_CURRENT_POINT = "not_current_point"  # point
    NOT_ARMED = "not_armed"  # point
    SHOTS_IN_FLIGHT = "shots_in_flight"
    NO_CONFIRMATION_AWAITED = "no_confirmation_awaited"
    EXPIRED_PRODUCT = "expired_product"  # lots ((product, lot or None, expiry ISO date) each), today
    ALARM_STILL_PRESENT = "alarm_still_present"  # alarms
    EVENTS_NOT_JOURNALED = "events_not_journaled"  # held, numbered (event numbers), timeout_s
    EVENT_MEMORY_RESET = "event_memory_reset"  # serial, numbered, held
    OTHER_PLAN = "other_plan"  # session, plan, version
    NOT_OPEN = "not_open"  # session, status (a SessionStatus value)


class ExpiredProductError(SessionError):
    """A product lot is past its expiry date: the session cannot start with it."""

    def __init__(self, expired: Iterable[tuple[str, str | None, date]], on: date) -> None:
        self.expired = tuple(expired)
        items = "; ".join(
            f"{name} lot {lot or '(no lot)'} expired on {expiry.isoformat()}"
            for name, lot, expiry in self.expired
        )
        super().__init__(
            f"expired product refused ({items}; today is {on.isoformat()}): "
            "load a product within its expiry date",
            Refusal.EXPIRED_PRODUCT,
            today=on.isoformat(),
        )
        self.parameters["lots"] = tuple((name, lot, expiry.isoformat()) for name, lot, expiry in self.expired)


class ScreeningError(SessionError):
    """A screening answer refused: unknown question, or a blocking contraindication without a reason."""


class CommandRefusedError(SessionError):
    """A command refused as given (wrong moment, missing reason...): nothing was changed.

    ``refusal`` and ``parameters``: why, as a code (None for a refusal passed on as it came, such as
    another check's message); the message says it in English.
    """

    def __init__(self, message: str, refusal: Refusal | None = None, **parameters: str | float) -> None:
        super().__init__(message, refusal, **parameters)


class NothingToResumeError(SessionError):
    """No open session to resume in the journal."""

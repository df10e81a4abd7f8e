"""Errors of the session runner. Each message says what was refused and what to do."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date


class SessionError(Exception):
    """Base of every error the session runner raises on purpose."""


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
            "load a product within its expiry date"
        )


class ScreeningError(SessionError):
    """A screening answer refused: unknown question, or a blocking contraindication without a reason."""


class CommandRefusedError(SessionError):
    """A command refused as given (wrong moment, missing reason...): nothing was changed."""


class NothingToResumeError(SessionError):
    """No open session to resume in the journal."""

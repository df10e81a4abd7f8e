"""Timestamps in the journal: aware datetimes in, fixed-width UTC text on disk (sortable as text)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from mesogun.journal.errors import InvalidRecordError

_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def to_text(value: datetime, field: str) -> str:
    """UTC text of an aware datetime, e.g. ``2025-03-01T09:30:00.000000Z``.

    A naive datetime is refused: the journal cannot know which clock it was read from.
    """
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidRecordError(field, value, "a timezone-aware datetime is required (use UTC)")
    return value.astimezone(UTC).strftime(_FORMAT)


def from_text(text: str) -> datetime:
    """The aware UTC datetime of a stored timestamp."""
    return datetime.strptime(text, _FORMAT).replace(tzinfo=UTC)


def lower_bound(value: date | datetime, field: str) -> str:
    """Stored text of the first instant included by ``since`` (a date means its 00:00 UTC)."""
    if isinstance(value, datetime):
        return to_text(value, field)
    return to_text(datetime.combine(value, time.min, tzinfo=UTC), field)


def upper_bound(value: date | datetime, field: str) -> str:
    """Stored text of the first instant excluded by ``until`` (a date includes its whole UTC day)."""
    if isinstance(value, datetime):
        # ``until`` given as an instant includes that instant.
        return to_text(value + timedelta(microseconds=1), field)
    return to_text(datetime.combine(value + timedelta(days=1), time.min, tzinfo=UTC), field)


def utc_now() -> datetime:
    """The host's current time in UTC (the default clock of the journal)."""
    return datetime.now(UTC)

"""Timestamps in the journal: aware datetimes in, fixed-width UTC text on disk (sortable as text)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from mesogun.journal.errors import InvalidRecordError, RecordRule

_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def to_text(value: datetime, field: str) -> str:
    """UTC text of an aware datetime, e.g. ``2025-03-01T09:30:00.000000Z``.

    A naive datetime is refused: the journal cannot know which clock it was read from.
    """
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidRecordError(
            field, value, "a timezone-aware datetime is required (use UTC)", RecordRule.AWARE_TIME_NEEDED
        )
    utc = value.astimezone(UTC)
    if utc.year >= 1000:
        # The same text as strftime(_FORMAT), faster (each dose stamps two times); strftime writes a
        # year below 1000 without its leading zeros, so those keep going through it.
        return utc.isoformat(timespec="microseconds")[:26] + "Z"
    return utc.strftime(_FORMAT)


def from_text(text: str) -> datetime:
    """The aware UTC datetime of a stored timestamp."""
    return datetime.strptime(text, _FORMAT).replace(tzinfo=UTC)


#: Stored text no timestamp reaches: the exclusive end of a range that runs past the year 9999.
_AFTER_EVERY_TIME = datetime.max.strftime(_FORMAT) + "~"
#: Stored text every timestamp reaches: the start of a range that begins before the year 1 in UTC.
_BEFORE_EVERY_TIME = ""


def lower_bound(value: date | datetime, field: str) -> str:
    """Stored text of the first instant included by ``since`` (a date means its 00:00 UTC)."""
    try:
        if isinstance(value, datetime):
            return to_text(value, field)
        return to_text(datetime.combine(value, time.min, tzinfo=UTC), field)
    except OverflowError:
        return _BEFORE_EVERY_TIME  # e.g. 0001-01-01T00:00+05:00: before the year 1 in UTC


def upper_bound(value: date | datetime, field: str) -> str:
    """Stored text of the first instant excluded by ``until`` (a date includes its whole UTC day)."""
    try:
        if isinstance(value, datetime):
            # ``until`` given as an instant includes that instant.
            return to_text(value + timedelta(microseconds=1), field)
        return to_text(datetime.combine(value + timedelta(days=1), time.min, tzinfo=UTC), field)
    except OverflowError:
        return _AFTER_EVERY_TIME  # the range runs to the end of the year 9999: nothing is after it


def utc_now() -> datetime:
    """The host's current time in UTC (the default clock of the journal)."""
    return datetime.now(UTC)

"""Times for people: the clinic's local time with its UTC offset, e.g. ``2025-03-04 10:00:00+01:00``.

The journal keeps UTC; a reader in the clinic reads the wall clock. Every time printed for a person
(reports, CSV, FHIR, the command line) goes through here so that it always carries its offset: a
time without one is ambiguous on the night clocks change. ``zone`` defaults to the machine's zone.
"""

from __future__ import annotations

from datetime import datetime, tzinfo


def to_local(moment: datetime, zone: tzinfo | None = None) -> datetime:
    """``moment`` (aware) in ``zone``, or in the machine's local zone."""
    if moment.tzinfo is None:
        raise ValueError(f"{moment!r} has no time zone: the journal's times are aware (UTC)")
    return moment.astimezone(zone) if zone is not None else moment.astimezone()


def offset_text(moment: datetime) -> str:
    """The UTC offset of an aware ``moment`` as ``+01:00`` (``+00:00`` for UTC)."""
    offset = moment.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


def local_text(moment: datetime, zone: tzinfo | None = None, *, seconds: bool = True) -> str:
    """``2025-03-04 10:00:00+01:00``: local date and time with the offset (without seconds if told)."""
    local = to_local(moment, zone)
    clock = local.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
    return f"{clock}{offset_text(local)}"


def local_iso(moment: datetime, zone: tzinfo | None = None) -> str:
    """ISO 8601 with the local offset, to the millisecond: ``2025-03-04T10:00:00.000+01:00``."""
    return to_local(moment, zone).isoformat(timespec="milliseconds")

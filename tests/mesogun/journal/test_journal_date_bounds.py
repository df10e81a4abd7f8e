"""A date range may run to the ends of the calendar: the last day of 9999 and the first instant of
the year 1 east of UTC are bounds, not an OverflowError."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from journal_builders import open_session

from mesogun.journal import SqliteJournal
from mesogun.journal.timefmt import to_text


def test_a_range_to_the_last_day_of_9999_or_from_the_first_instant_holds_every_session(
    journal_file: Path,
) -> None:
    with SqliteJournal(journal_file) as journal:
        session_id = open_session(journal)
        east = timezone(timedelta(hours=5))
        for since, until in [
            (None, date(9999, 12, 31)),
            (None, datetime.max.replace(tzinfo=UTC)),
            (datetime(1, 1, 1, tzinfo=east), None),
            (date(1, 1, 1), date(9999, 12, 31)),
        ]:
            found = [s.session_id for s in journal.sessions(since=since, until=until)]
            assert found == [session_id], (since, until)


_ZONES = st.sampled_from([UTC, timezone(timedelta(hours=5)), timezone(-timedelta(hours=11))])


@given(st.datetimes(timezones=_ZONES))
def test_a_time_is_stored_as_the_same_text_whatever_its_year(moment: datetime) -> None:
    # Hashes cover this text: the fast path for four-digit years must write what strftime writes.
    try:
        utc = moment.astimezone(UTC)
    except OverflowError:
        return  # the first or last hours of the calendar, outside UTC's range: refused either way
    assert to_text(moment, "at") == utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ")

"""Which sessions an export covers: one session, or every session started in a date range."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from mesogun.journal.records import DoseRecord, SessionRecord
from mesogun.journal.store import JournalStore


@dataclass(frozen=True)
class ExportedSession:
    """A session record and its doses, read together from the journal."""

    session: SessionRecord
    doses: tuple[DoseRecord, ...]


def select_sessions(
    journal: JournalStore,
    *,
    session_id: str | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    patient: str | None = None,
) -> list[ExportedSession]:
    """One session (by id or unique id prefix), or the sessions started from ``since`` to ``until``.

    Date bounds are whole UTC days; with neither an id nor bounds, every session is exported.
    """
    if session_id is not None:
        ids = [journal.resolve_session_id(session_id)]
    else:
        ids = [summary.session_id for summary in journal.sessions(patient=patient, since=since, until=until)]
    return [ExportedSession(journal.session(sid), tuple(journal.doses(sid))) for sid in ids]

"""A session given in another room, read whole from the clinic store with the journal's own read code.

The clinic holds each desk row as the canonical JSON of its columns. To read one session of another
desk, its rows (every row naming the session: opening, points, doses, syringes, notes, scores,
corrections…) are copied into a private in-memory journal built by the journal's own migrations, and
the journal's queries build the record from there: one reading of the rows, the same records, the
same corrections applied, whatever room the session was given in.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from mesogun.clinic.connection import ClinicUnavailableError, connect
from mesogun.journal import JournalStore, SessionNotFoundError
from mesogun.journal import queries as journal_queries
from mesogun.journal.records import DoseRecord, SessionRecord
from mesogun.journal.schema import migrate

READ_TIMEOUT_S = 3

_ROWS = """
SELECT r.table_name, r.canonical, r.row_hash FROM clinic.journal_rows r
WHERE r.station_id = (SELECT o.station_id FROM clinic.journal_rows o
                      WHERE o.table_name = 'sessions_opened' AND o.body ->> 'session_id' = %(session)s
                      ORDER BY o.station_id LIMIT 1)
  AND r.body ->> 'session_id' = %(session)s
ORDER BY r.seq
"""


def _journal_of(rows: list[tuple[Any, ...]]) -> sqlite3.Connection:
    """A private in-memory journal holding ``rows`` (table, canonical JSON, row hash)."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    migrate(connection)
    for table, canonical, digest in rows:
        values: dict[str, Any] = json.loads(canonical)
        values.pop("@table", None)
        values["row_hash"] = digest
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        # The table name comes from the journal's own migrations: it must exist in this schema.
        connection.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(values.values()))
    return connection


class ClinicSessionReader:
    """The record and doses of a session, from this desk's journal or, failing that, the clinic store.

    Raises SessionNotFoundError for a session neither holds, ClinicUnavailableError when the clinic
    cannot be reached for a session this desk does not hold.
    """

    def __init__(self, journal: JournalStore, conninfo: str) -> None:
        self._journal = journal
        self._conninfo = conninfo
        self._read: dict[str, tuple[SessionRecord, list[DoseRecord]]] = {}

    def _from_clinic(self, session_id: str) -> tuple[SessionRecord, list[DoseRecord]]:
        known = self._read.get(session_id)
        if known is not None:
            return known
        import psycopg

        connection = connect(self._conninfo, timeout_s=READ_TIMEOUT_S, autocommit=True)
        try:
            with connection.cursor() as cursor:
                cursor.execute(_ROWS.encode(), {"session": session_id})
                rows = cursor.fetchall()
        except psycopg.OperationalError as error:
            raise ClinicUnavailableError(f"lost the clinic database: {error}") from error
        finally:
            connection.close()
        if not rows:
            raise SessionNotFoundError(session_id)
        private = _journal_of(rows)
        try:
            found = (
                journal_queries.load_session(private, session_id),
                journal_queries.load_doses(private, session_id),
            )
        finally:
            private.close()
        self._read[session_id] = found
        return found

    def session(self, session_id: str) -> SessionRecord:
        try:
            return self._journal.session(session_id)
        except SessionNotFoundError:
            return self._from_clinic(session_id)[0]

    def doses(self, session_id: str) -> list[DoseRecord]:
        try:
            return self._journal.doses(session_id)
        except SessionNotFoundError:
            return self._from_clinic(session_id)[1]

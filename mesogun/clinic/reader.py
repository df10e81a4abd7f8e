"""A patient's history across every room: the ``PatientHistory`` interface over the clinic store.

``ClinicHistory`` reads the rows the *other* desks shipped (this desk's own rows come from its own
journal, which is always ahead of its copy at the clinic: nothing is counted twice, nothing of the
last minutes is missed). ``ClinicAndDeskHistory`` answers with both when the clinic is reachable and
with the desk's journal alone when it is not; its ``source`` says which answered the last question
("clinic" or "desk"), for the screen to say so with the time of the last sync.

Corrections of a session's pseudonym, practitioner or indication are applied as on the desk. A dose
counts by the volume the gun delivered, times each product's share of the syringe it came from
(the session's, or the syringe change the dose names), times the substance's strength.
"""

from __future__ import annotations

import json
import logging
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mesogun.clinic.connection import ClinicUnavailableError, connect
from mesogun.clinic.replicator import last_sync_at
from mesogun.clinic.settings import ClinicSettingsError, load_settings
from mesogun.journal.records import SessionProduct, SessionStatus, SessionSummary
from mesogun.journal.store import JournalStore
from mesogun.journal.timefmt import from_text, to_text
from mesogun.patients.history import JournalHistory, PatientHistory, product_mg_per_ml

if TYPE_CHECKING:
    import psycopg

    from mesogun.catalogue.library import Catalogue
    from mesogun.patients.overview import SessionReader

log = logging.getLogger("mesogun.clinic")

CLINIC_SOURCE = "clinic"
DESK_SOURCE = "desk"
READ_TIMEOUT_S = 3
# Sessions that started this long before a moment may still hold doses after it.
_SESSION_SPAN = timedelta(days=1)


def _corrected(column: str) -> str:
    """SQL: the latest corrected value of a sessions_opened column, else the recorded one."""
    return (
        f"coalesce((SELECT (c.body ->> 'changes_json')::jsonb ->> '{column}' FROM clinic.journal_rows c "
        "WHERE c.station_id = o.station_id AND c.table_name = 'corrections' "
        "AND c.body ->> 'target_table' = 'sessions_opened' AND c.body ->> 'target_seq' = o.seq::text "
        f"AND (c.body ->> 'changes_json')::jsonb ? '{column}' ORDER BY c.seq DESC LIMIT 1), "
        f"o.body ->> '{column}')"
    )


_SESSIONS = f"""
SELECT * FROM (
    SELECT o.station_id, o.body ->> 'session_id' AS session_id,
           {_corrected("patient_pseudonym")} AS patient_pseudonym,
           {_corrected("practitioner")} AS practitioner,
           {_corrected("indication")} AS indication,
           o.body ->> 'plan_name' AS plan_name, o.body ->> 'started_at' AS started_at,
           o.body ->> 'products_json' AS products_json,
           closed.body ->> 'ended_at' AS ended_at, closed.body ->> 'status' AS status,
           (SELECT count(*) FROM clinic.journal_rows d WHERE d.station_id = o.station_id
                AND d.table_name = 'doses' AND d.body ->> 'session_id' = o.body ->> 'session_id') AS doses,
           (SELECT coalesce(sum((d.body ->> 'delivered_volume_ul')::float8), 0) FROM clinic.journal_rows d
                WHERE d.station_id = o.station_id AND d.table_name = 'doses'
                AND d.body ->> 'session_id' = o.body ->> 'session_id') AS delivered_ul
    FROM clinic.journal_rows o
    LEFT JOIN clinic.journal_rows closed ON closed.station_id = o.station_id
        AND closed.table_name = 'sessions_closed' AND closed.body ->> 'session_id' = o.body ->> 'session_id'
    WHERE o.table_name = 'sessions_opened' AND o.station_id <> session_user
        AND o.body ->> 'started_at' >= %(started_from)s
) sessions
WHERE patient_pseudonym = %(pseudonym)s
ORDER BY started_at, station_id
"""

_DOSES = """
SELECT d.body ->> 'session_id' AS session_id, (d.body ->> 'delivered_volume_ul')::float8 AS delivered_ul,
       coalesce(syringe.body ->> 'products_json', o.body ->> 'products_json') AS products_json
FROM clinic.journal_rows d
JOIN clinic.journal_rows o ON o.station_id = d.station_id AND o.table_name = 'sessions_opened'
    AND o.body ->> 'session_id' = d.body ->> 'session_id'
LEFT JOIN clinic.journal_rows syringe ON syringe.station_id = d.station_id
    AND syringe.seq = (d.body ->> 'syringe_change_seq')::bigint
WHERE d.station_id = %(station)s AND d.table_name = 'doses' AND d.body ->> 'session_id' = %(session)s
    AND d.body ->> 'delivered_at' >= %(since)s
"""


def _products(text: str | None) -> tuple[SessionProduct, ...]:
    return tuple(SessionProduct.model_validate(item) for item in json.loads(text or "[]"))


class ClinicHistory:
    """``PatientHistory`` over the rows the other desks shipped to the clinic store."""

    source = CLINIC_SOURCE

    def __init__(self, conninfo: str, catalogue: Catalogue | None = None) -> None:
        from mesogun.catalogue.library import load_catalogue

        self.conninfo = conninfo
        self._catalogue = catalogue or load_catalogue()

    def _rows(self, sql: str, parameters: dict[str, Any]) -> list[dict[str, Any]]:
        """The rows of ``sql``, each read by column name."""
        import psycopg
        from psycopg.rows import dict_row

        connection: psycopg.Connection[tuple[Any, ...]] = connect(
            self.conninfo, timeout_s=READ_TIMEOUT_S, autocommit=True
        )
        try:
            with connection.cursor(row_factory=dict_row) as cursor:
                cursor.execute(sql.encode(), parameters)
                return cursor.fetchall()
        except psycopg.OperationalError as error:
            raise ClinicUnavailableError(f"lost the clinic database: {error}") from error
        finally:
            connection.close()

    def _sessions(self, pseudonym: str, started_from: str) -> list[dict[str, Any]]:
        return self._rows(_SESSIONS, {"pseudonym": pseudonym, "started_from": started_from})

    def sessions_of(self, pseudonym: str) -> list[SessionSummary]:
        """The other desks' sessions of ``pseudonym``, oldest first."""
        return [
            SessionSummary(
                session_id=row["session_id"],
                patient_pseudonym=row["patient_pseudonym"],
                practitioner=row["practitioner"],
                indication=row["indication"],
                plan_name=row["plan_name"],
                started_at=from_text(row["started_at"]),
                ended_at=from_text(row["ended_at"]) if row["ended_at"] is not None else None,
                status=SessionStatus(row["status"]) if row["status"] is not None else SessionStatus.OPEN,
                dose_count=int(row["doses"]),
                delivered_ul=float(row["delivered_ul"]),
            )
            for row in self._sessions(pseudonym, "")
        ]

    def doses_by_substance_since(
        self, pseudonym: str, since_utc: datetime, *, excluding_session: str | None = None
    ) -> dict[str, float]:
        """Mg of each substance the other desks delivered to ``pseudonym`` at or after ``since_utc``."""
        totals: dict[str, float] = {}
        started_from = to_text(since_utc - _SESSION_SPAN, "since_utc")
        since_text = to_text(since_utc, "since_utc")
        for session in self._sessions(pseudonym, started_from):
            if session["session_id"] == excluding_session or int(session["doses"]) == 0:
                continue
            doses = self._rows(
                _DOSES,
                {"station": session["station_id"], "session": session["session_id"], "since": since_text},
            )
            for dose in doses:
                delivered_ul = dose["delivered_ul"]
                if delivered_ul <= 0:
                    continue
                for product in _products(dose["products_json"]):
                    product_ml = delivered_ul / 1000.0 * product.proportion_pct / 100.0
                    for code, strength in product_mg_per_ml(product, self._catalogue).items():
                        totals[code] = totals.get(code, 0.0) + product_ml * strength
        return totals


class ClinicAndDeskHistory:
    """The other desks' rows from the clinic store plus this desk's journal; the desk alone as fallback.

    ``source`` is "clinic" after a read that reached the clinic, "desk" after one that fell back;
    ``last_sync_at`` (settable by the replicator's owner) is when this desk last caught up.
    """

    def __init__(self, desk: PatientHistory, clinic: ClinicHistory, journal_path: Path | None = None) -> None:
        self._desk = desk
        self._clinic = clinic
        self.conninfo = clinic.conninfo
        self._journal_path = journal_path
        self._lock = threading.Lock()
        self._source = DESK_SOURCE
        self.last_error: str | None = None

    @property
    def last_sync_at(self) -> datetime | None:
        """When this desk last caught up with the clinic store (remembered beside its journal)."""
        return last_sync_at(self._journal_path) if self._journal_path is not None else None

    @property
    def source(self) -> str:
        with self._lock:
            return self._source

    def _reached(self, reached: bool, error: str | None = None) -> None:
        with self._lock:
            self._source = CLINIC_SOURCE if reached else DESK_SOURCE
            self.last_error = error

    def sessions_of(self, pseudonym: str) -> list[SessionSummary]:
        """Every session of ``pseudonym`` in every room (this desk's only, when the clinic is away)."""
        own = self._desk.sessions_of(pseudonym)
        try:
            others = self._clinic.sessions_of(pseudonym)
        except ClinicUnavailableError as error:
            self._reached(False, str(error))
            return own
        self._reached(True)
        known = {session.session_id for session in own}
        merged = own + [session for session in others if session.session_id not in known]
        return sorted(merged, key=lambda session: session.started_at)

    def doses_by_substance_since(
        self, pseudonym: str, since_utc: datetime, *, excluding_session: str | None = None
    ) -> dict[str, float]:
        """Mg of each substance ``pseudonym`` received since ``since_utc``, in every room reachable."""
        totals = dict(
            self._desk.doses_by_substance_since(pseudonym, since_utc, excluding_session=excluding_session)
        )
        try:
            others = self._clinic.doses_by_substance_since(
                pseudonym, since_utc, excluding_session=excluding_session
            )
        except ClinicUnavailableError as error:
            self._reached(False, str(error))
            return totals
        self._reached(True)
        for code, mg in others.items():
            totals[code] = totals.get(code, 0.0) + mg
        return totals


def desk_history(journal: JournalStore, catalogue: Catalogue | None = None) -> PatientHistory:
    """The history a desk should read: across rooms when a clinic store is configured, else its own.

    Without a clinic configured, psycopg is never imported. A settings file that cannot be used is
    logged and the desk reads its own journal.
    """
    desk = JournalHistory(journal, catalogue)
    try:
        settings = load_settings()
    except ClinicSettingsError as error:
        log.warning("clinic store not used: %s", error)
        return desk
    if settings is None:
        return desk
    journal_path = getattr(journal, "path", None)
    return ClinicAndDeskHistory(
        desk,
        ClinicHistory(settings.conninfo, catalogue),
        journal_path if isinstance(journal_path, Path) else None,
    )


def desk_sources(
    journal: JournalStore, catalogue: Catalogue | None = None
) -> tuple[PatientHistory, SessionReader]:
    """The patient history and the session reader a desk's patient view should use.

    With a clinic store configured: every room's sessions, each read whole from wherever it is held;
    otherwise the desk's journal for both (psycopg never imported).
    """
    history = desk_history(journal, catalogue)
    if not isinstance(history, ClinicAndDeskHistory):
        return history, journal
    from mesogun.clinic.session_reader import ClinicSessionReader

    return history, ClinicSessionReader(journal, history.conninfo)

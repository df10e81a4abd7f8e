"""The journal on a local SQLite file: the session runner's write API, the link's event sink, the reads.

Every write method is one durable transaction: when it returns, its rows are on disk and chained.
Every value is checked before anything is written; a refused value raises (InvalidRecordError, naming
field, value and rule) and nothing is recorded. Nothing is ever updated or deleted.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from firmware_protocol import ALARM_PRIORITY, AlarmCode, AlarmPriority, Mode
from mesogun.device_events import DeviceEvent, Shot
from mesogun.journal import calibration_store, corrections, queries
from mesogun.journal.calibration_records import CalibrationEntry, CalibrationKind, CalibrationRecord
from mesogun.journal.doses_from_shots import append_dose
from mesogun.journal.errors import (
    InvalidRecordError,
    RecordRule,
    SessionClosedError,
    SessionNotFoundError,
)
from mesogun.journal.event_payload import event_row
from mesogun.journal.inputs import OverrideLike, ProductInput, SiteLike, crossed_bound, session_products
from mesogun.journal.outcome_scores import ScoreCode, checked_score
from mesogun.journal.paths import default_journal_path
from mesogun.journal.pseudonym import validate_pseudonym
from mesogun.journal.records import (
    AdverseSeverity,
    CloseStatus,
    DoseRecord,
    PartialChoice,
    ScreeningAnswer,
    SessionProduct,
    SessionRecord,
    SessionSummary,
    VerifyReport,
)
from mesogun.journal.schema import CURRENT_VERSION
from mesogun.journal.sqlite_db import Appender, SqliteDb
from mesogun.journal.timefmt import to_text, utc_now


def _text(field: str, value: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidRecordError(field, value, "non-empty text is required", RecordRule.TEXT_NEEDED)
    return value


def _name(value: Enum | str) -> str:
    """Stored name of an enum member (``Mode.BURST`` → ``burst``) or of a plain string."""
    if isinstance(value, Enum):
        return value.name.lower() if not isinstance(value.value, str) else str(value.value)
    return value


def _products_json(products: tuple[SessionProduct, ...]) -> str:
    # A product without ingredients is written as before they were recorded (same text, same hash).
    rows = [
        product.model_dump(mode="json", exclude={"ingredients"} if not product.ingredients else None)
        for product in products
    ]
    return json.dumps(rows, ensure_ascii=False)


class SqliteJournal:
    """The dose journal in one SQLite file (see the package documentation for the guarantees).

    ``path`` defaults to ``default_journal_path()``; ``clock`` gives the host time stamped on each row
    (UTC-aware); ``schema_version`` below the current one only serves to build files of an older
    layout (migration tests): such a file can be written to but not read with this class.
    Thread-safe: the link's dispatcher thread and the runner's thread may call it at once.
    """

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        clock: Callable[[], datetime] = utc_now,
        schema_version: int = CURRENT_VERSION,
    ) -> None:
        self.path = Path(path) if path is not None else default_journal_path()
        self._clock = clock
        self._db = SqliteDb(self.path, clock=clock, schema_version=schema_version)

    # ------------------------------------------------------------------ lifetime

    def close(self) -> None:
        """Close the file (every write already committed)."""
        self._db.close()

    def __enter__(self) -> SqliteJournal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """Schema version of the open file."""
        return self._db.version

    # ------------------------------------------------------------------ checks inside a transaction

    @staticmethod
    def _require_open(tx: Appender, session_id: str, *, allow_closed: bool = False) -> None:
        if not tx.query("SELECT 1 FROM sessions_opened WHERE session_id = ?", (session_id,)):
            raise SessionNotFoundError(session_id)
        if not allow_closed and tx.query("SELECT 1 FROM sessions_closed WHERE session_id = ?", (session_id,)):
            raise SessionClosedError(session_id)

    # ------------------------------------------------------------------ write API (session runner)

    def open_session(
        self,
        *,
        patient_pseudonym: str,
        practitioner: str,
        indication: str,
        limits_version: str,
        products: Sequence[ProductInput] = (),
        plan_name: str | None = None,
        plan_version: str | None = None,
        plan_hash: str | None = None,
        device_serial: str | None = None,
        device_firmware: str | None = None,
        calibration_id: str | None = None,
        started_at: datetime | None = None,
    ) -> str:
        """Record a new session and return its id (a UUID string).

        ``patient_pseudonym`` is validated (see ``pseudonym.py``: no names, no birth dates).
        ``products``: what the syringe holds at the start, with lots and expiry (Product, a cocktail's
        CocktailComponents, or SessionProduct); shares of a cocktail add up to 100 %.
        ``started_at`` defaults to now. ``plan_hash``: the content hash of the plan run (identity.py).
        """
        session_id = str(uuid.uuid4())
        row = {
            "session_id": session_id,
            "patient_pseudonym": validate_pseudonym(patient_pseudonym),
            "practitioner": _text("practitioner", practitioner),
            "indication": _text("indication", indication),
            "plan_name": plan_name,
            "plan_version": plan_version,
            "limits_version": _text("limits_version", limits_version),
            "device_serial": device_serial,
            "device_firmware": device_firmware,
            "calibration_id": calibration_id,
            "products_json": _products_json(session_products(products)),
            "started_at": to_text(started_at or self._clock(), "started_at"),
        }
        if plan_hash is not None:
            row["plan_hash"] = plan_hash  # a column since schema version 6
        with self._db.transaction() as tx:
            tx.append("sessions_opened", row)
        return session_id

    def record_screening(
        self,
        session_id: str,
        answers: Sequence[ScreeningAnswer],
        *,
        consent_given: bool,
        consent_at: datetime | None,
        screened_by: str,
    ) -> int:
        """Record the contraindication questions as asked, their answers, and the patient's consent.

        ``consent_at`` is required when consent was given. A later screening of the same session
        (asked again) is recorded too; the session record shows the latest. Returns the row's seq.
        """
        if consent_given and consent_at is None:
            raise InvalidRecordError(
                "consent_at",
                None,
                "the time of consent is required when consent is given",
                RecordRule.CONSENT_TIME_NEEDED,
            )
        row = {
            "session_id": session_id,
            "answers_json": json.dumps([a.model_dump(mode="json") for a in answers], ensure_ascii=False),
            "consent_given": consent_given,
            "consent_at": to_text(consent_at, "consent_at") if consent_at is not None else None,
            "screened_by": _text("screened_by", screened_by),
        }
        with self._db.transaction() as tx:
            self._require_open(tx, session_id)
            return tx.append("screenings", row)

    def record_point_configured(
        self,
        session_id: str,
        *,
        point_index: int,
        device_serial: str,
        config_id: int,
        technique: Enum | str,
        mode: Mode | str,
        depth_mm: float,
        volume_ul: float,
        flow_ul_s: float,
        burst_rate_per_s: float,
        limits_version: str,
        operator: str,
        site: SiteLike | None = None,
        zone: str | None = None,
        overrides: Sequence[OverrideLike] = (),
    ) -> int:
        """Record that the gun ``device_serial`` accepted configuration ``config_id`` for a point.

        Shots the device reports with this (serial, config id) become doses of this point. The
        commanded values are those sent (mm, µl, µl/s, shots/s); ``overrides`` are the soft-limit
        overrides confirmed for them, stamped on every dose of this configuration. Returns the seq.
        """
        if point_index < 0:
            raise InvalidRecordError(
                "point_index", point_index, "point indexes start at 0", RecordRule.POINT_INDEX_FROM_ZERO
            )
        row = {
            "session_id": session_id,
            "point_index": point_index,
            "device_serial": _text("device_serial", device_serial),
            "config_id": config_id,
            "technique": _name(technique),
            "mode": _name(mode),
            "site_region": site.region if site is not None else None,
            "laterality": _name(site.laterality) if site is not None else None,
            "acupoint_code": site.acupoint_code if site is not None else None,
            "zone": zone,
            "depth_mm": depth_mm,
            "volume_ul": volume_ul,
            "flow_ul_s": flow_ul_s,
            "burst_rate_per_s": burst_rate_per_s,
            "limits_version": _text("limits_version", limits_version),
            "operator": _text("operator", operator),
        }
        override_rows = [self._override_row(session_id, point_index, item) for item in overrides]
        with self._db.transaction() as tx:
            self._require_open(tx, session_id)
            configured_seq = tx.append("points_configured", row)
            for override_row in override_rows:
                tx.append("overrides", {**override_row, "configured_seq": configured_seq})
            return configured_seq

    def _override_row(
        self, session_id: str, point_index: int | None, override: OverrideLike
    ) -> dict[str, Any]:
        return {
            "session_id": session_id,
            "point_index": point_index,
            "field": _text("override.field", override.field),
            "value": override.value,
            "limit_value": crossed_bound(override.value, override.limit),
            "reason": _text("override.reason", override.reason),
            "confirmed_by": _text("override.confirmed_by", override.confirmed_by),
            "confirmed_at": to_text(override.at, "override.at"),
        }

    def record_override(
        self, session_id: str, override: OverrideLike, *, point_index: int | None = None
    ) -> int:
        """Record a soft-limit override confirmed outside a configuration (e.g. a cumulative cap).

        With ``point_index``, it applies to the point's current configuration: doses of that
        configuration recorded after it carry it. Returns the seq.
        """
        row = self._override_row(session_id, point_index, override)
        with self._db.transaction() as tx:
            self._require_open(tx, session_id)
            configured = (
                tx.query(
                    "SELECT max(seq) FROM points_configured WHERE session_id = ? AND point_index = ?",
                    (session_id, point_index),
                )
                if point_index is not None
                else [(None,)]
            )
            return tx.append("overrides", {**row, "configured_seq": configured[0][0]})

    def record_skip(self, session_id: str, point_index: int, reason: str, operator: str) -> int:
        """Record that a point was skipped on purpose, and why. Returns the seq."""
        with self._db.transaction() as tx:
            self._require_open(tx, session_id)
            return tx.append(
                "skips",
                {
                    "session_id": session_id,
                    "point_index": point_index,
                    "reason": _text("reason", reason),
                    "operator": _text("operator", operator),
                },
            )

    def record_point_decision(
        self,
        session_id: str,
        point_index: int,
        choice: PartialChoice,
        *,
        target_ul: float,
        delivered_ul: float,
        remainder_ul: float,
        operator: str,
        remainder_shot_ul: float | None = None,
        reason: str | None = None,
    ) -> int:
        """Record the practitioner's choice for a point a cut shot left short (volumes in µl).

        A skip needs ``reason`` in words; the choice itself is stored as its code. Returns the seq.
        """
        choice = PartialChoice(choice)
        if choice is PartialChoice.SKIP:
            _text("reason", reason or "")
        row = {
            "session_id": session_id,
            "point_index": point_index,
            "choice": choice.value,
            "target_ul": float(target_ul),
            "delivered_ul": float(delivered_ul),
            "remainder_ul": float(remainder_ul),
            "remainder_shot_ul": None if remainder_shot_ul is None else float(remainder_shot_ul),
            "reason": reason.strip() if reason and reason.strip() else None,
            "operator": _text("operator", operator),
        }
        with self._db.transaction() as tx:
            self._require_open(tx, session_id)
            return tx.append("point_decisions", row)

    def record_alarm(
        self,
        session_id: str,
        code: AlarmCode,
        *,
        raised: bool = True,
        priority: AlarmPriority | None = None,
        point_index: int | None = None,
        detail: str = "",
        operator: str = "",
    ) -> int:
        """Record an alarm as the session saw it (raised, or acknowledged/cleared with ``raised=False``).

        The device's own alarm events are stored as device events already; this row ties the alarm
        to the session and point, with who handled it. ``priority`` defaults to the code's. Returns seq.
        """
        row = {
            "session_id": session_id,
            "point_index": point_index,
            "code": code.name.lower(),
            "priority": (priority if priority is not None else ALARM_PRIORITY[code]).name.lower(),
            "raised": raised,
            "detail": detail,
            "operator": operator,
        }
        with self._db.transaction() as tx:
            self._require_open(tx, session_id)
            return tx.append("alarms", row)

    def record_syringe_change(
        self,
        session_id: str,
        products: Sequence[ProductInput],
        *,
        operator: str,
        capacity_ml: int | None = None,
        fill_ul: float | None = None,
    ) -> int:
        """Record a new syringe (or a new lot): doses recorded after it carry these products. Returns seq."""
        contents = session_products(products)
        if not contents:
            raise InvalidRecordError(
                "products", [], "name what the new syringe holds", RecordRule.SYRINGE_CONTENTS_NEEDED
            )
        row = {
            "session_id": session_id,
            "products_json": _products_json(contents),
            "capacity_ml": capacity_ml,
            "fill_ul": fill_ul,
            "operator": _text("operator", operator),
        }
        with self._db.transaction() as tx:
            self._require_open(tx, session_id)
            return tx.append("syringe_changes", row)

    def add_note(self, session_id: str, text: str, author: str) -> int:
        """Add a free-text note to a session (also after it is closed). Returns the seq."""
        with self._db.transaction() as tx:
            self._require_open(tx, session_id, allow_closed=True)
            return tx.append(
                "notes",
                {"session_id": session_id, "text": _text("text", text), "author": _text("author", author)},
            )

    def add_adverse_event(
        self,
        session_id: str,
        description: str,
        *,
        reported_by: str,
        observed_at: datetime | None = None,
        severity: AdverseSeverity | None = None,
        action_taken: str = "",
    ) -> int:
        """Record an adverse event (hematoma, malaise...), also after the session is closed. Returns seq."""
        row = {
            "session_id": session_id,
            "observed_at": to_text(observed_at or self._clock(), "observed_at"),
            "description": _text("description", description),
            "action_taken": action_taken,
            "reported_by": _text("reported_by", reported_by),
        }
        if severity is not None:
            row["severity"] = AdverseSeverity(severity).value
        with self._db.transaction() as tx:
            self._require_open(tx, session_id, allow_closed=True)
            return tx.append("adverse_events", row)

    def record_score(
        self,
        session_id: str,
        code: ScoreCode | str,
        value: int,
        *,
        entered_by: str,
        scored_at: datetime | None = None,
    ) -> int:
        """Record an outcome score of the session (see ``outcome_scores.py``), also after it is closed.

        ``value`` is in whole points within the scale's range (refused otherwise, never clipped);
        ``scored_at`` defaults to now. Scoring a scale again keeps the earlier row; the later one is
        the session's score. Returns the seq.
        """
        scale, points = checked_score(code, value)
        row = {
            "session_id": session_id,
            "code": scale.value,
            "value": points,
            "scored_at": to_text(scored_at or self._clock(), "scored_at"),
            "entered_by": _text("entered_by", entered_by),
        }
        with self._db.transaction() as tx:
            self._require_open(tx, session_id, allow_closed=True)
            return tx.append("outcome_scores", row)

    def record_calibration_warning(
        self,
        device_serial: str,
        message: str,
        *,
        acknowledged_by: str,
        calibration_id: str | None = None,
        session_id: str | None = None,
    ) -> int:
        """Record a calibration warning shown to the user (expired, missing...) and who went on; seq."""
        row = {
            "session_id": session_id,
            "device_serial": _text("device_serial", device_serial),
            "calibration_id": calibration_id,
            "message": _text("message", message),
            "acknowledged_by": _text("acknowledged_by", acknowledged_by),
        }
        with self._db.transaction() as tx:
            if session_id is not None:
                self._require_open(tx, session_id, allow_closed=True)
            return tx.append("calibration_warnings", row)

    def close_session(self, session_id: str, status: CloseStatus, reason: str | None = None) -> int:
        """Close a session as ``completed`` or ``aborted`` (an abort needs a reason). Returns the seq.

        Close after the device's last shot of the session is stored (disarm, then let pending events
        arrive): a shot stored after the close stays a device event but is no longer a dose of the
        session, so that a later configuration id reused by the gun never lands in a closed session.
        """
        if status not in ("completed", "aborted"):
            raise InvalidRecordError(
                "status",
                status,
                "one of completed, aborted",
                RecordRule.ONE_OF,
                choices=("completed", "aborted"),
                named_by="SessionStatus",
            )
        if status == "aborted":
            reason = _text("reason", reason or "")
        with self._db.transaction() as tx:
            self._require_open(tx, session_id)
            row: dict[str, Any] = {
                "session_id": session_id,
                "status": status,
                "reason": reason,
                "ended_at": to_text(self._clock(), "ended_at"),
            }
            if "dose_count" in self._db.types("sessions_closed"):  # not in files of an older layout
                # No dose joins a closed session: its totals are final, kept here for the session lists.
                row["dose_count"], row["delivered_ul"] = tx.query(
                    "SELECT count(*), coalesce(sum(delivered_volume_ul), 0.0) FROM doses "
                    "WHERE session_id = ?",
                    (session_id,),
                )[0]
            return tx.append("sessions_closed", row)

    def record_correction(
        self,
        target_table: str,
        target_seq: int,
        changes: Mapping[str, Any],
        *,
        reason: str,
        author: str,
    ) -> int:
        """Correct fields of an earlier row by appending a new row; the earlier row stays as it was.

        ``target_table``/``target_seq`` name the row (records carry their ``seq``); correctable fields
        are listed in ``corrections.CORRECTABLE`` (never what the device measured). The values replaced
        are stored with the new ones. Returns the seq of the correction.
        """
        checked = corrections.validate_changes(target_table, changes)
        with self._db.transaction() as tx:
            target = tx.query(f"SELECT * FROM {target_table} WHERE seq = ?", (target_seq,))
            if not target:
                raise InvalidRecordError(
                    "target_seq",
                    target_seq,
                    f"no row {target_seq} in {target_table}",
                    RecordRule.NO_SUCH_ROW,
                    table=target_table,
                    seq=target_seq,
                )
            previous = corrections.current_values(tx, target_table, target_seq, tuple(checked))
            session_id = previous.pop("@session_id")
            return tx.append(
                "corrections",
                {
                    "session_id": session_id,
                    "target_table": target_table,
                    "target_seq": target_seq,
                    "changes_json": corrections.encode(checked),
                    "previous_json": corrections.encode(previous),
                    "reason": _text("reason", reason),
                    "author": _text("author", author),
                },
            )

    # ------------------------------------------------------------------ calibration records

    def record_calibration(self, entry: CalibrationEntry) -> CalibrationRecord:
        """Record a finished calibration or flow test (passed or failed); returns the stored record."""
        with self._db.transaction() as tx:
            record_id = calibration_store.append_calibration(tx, entry)
        return self.calibration(record_id)

    def calibrations(
        self, device_serial: str | None = None, kind: CalibrationKind | None = None
    ) -> list[CalibrationRecord]:
        """Calibration records, oldest first: a gun's history with ``device_serial``, one ``kind``, or all."""
        with self._db.snapshot() as connection:
            return calibration_store.list_calibrations(connection, device_serial, kind)

    def calibration(self, record_id: str) -> CalibrationRecord:
        """One calibration record by its id or a unique prefix (≥ 4 characters)."""
        with self._db.snapshot() as connection:
            return calibration_store.load_calibration(connection, record_id)

    # ------------------------------------------------------------------ event sink (link)

    def last_event_number(self, device_serial: str) -> int:
        """Highest event number of ``device_serial`` held (0 if none): the link resumes after it."""
        with self._db.snapshot() as connection:
            return queries.last_event_number(connection, device_serial)

    def store(self, device_serial: str, event: DeviceEvent) -> None:
        """Store a device event durably; a Shot also becomes a dose in the same transaction.

        An event already held (same serial and event number) is ignored. The dose is attributed to the
        latest point configured with the shot's (serial, config id) in a session not yet closed; a shot
        with no such point (calibration, priming tests) is kept as a device event only.
        """
        values = event_row(device_serial, event)
        with self._db.transaction() as tx:
            event_seq = tx.append_new("device_events", values, unique=("device_serial", "event_number"))
            if event_seq is None:
                return
            if isinstance(event, Shot):
                append_dose(tx, device_serial, event, event_seq, values["device_time"])

    # ------------------------------------------------------------------ read side

    def resolve_session_id(self, text: str) -> str:
        """The full id of a session given its id or a unique prefix (≥ 4 characters)."""
        with self._db.snapshot() as connection:
            return queries.resolve_session_id(connection, text)

    def sessions(
        self,
        patient: str | None = None,
        since: date | datetime | None = None,
        until: date | datetime | None = None,
    ) -> list[SessionSummary]:
        """Sessions started from ``since`` to ``until`` (dates: whole UTC days), for one patient or all."""
        with self._db.snapshot() as connection:
            return queries.list_sessions(connection, patient, since, until)

    def session(self, session_id: str) -> SessionRecord:
        """The full record of one session; raises SessionNotFoundError."""
        with self._db.snapshot() as connection:
            return queries.load_session(connection, session_id)

    def doses(self, session_id: str) -> list[DoseRecord]:
        """The session's doses in the order they were made durable; raises SessionNotFoundError."""
        with self._db.snapshot() as connection:
            return queries.load_doses(connection, session_id)

    def delivered_per_point(self, session_id: str) -> dict[int, tuple[int, float]]:
        """Point index → (shots that delivered something, delivered µl): where a session resumes from."""
        with self._db.snapshot() as connection:
            return queries.delivered_per_point(connection, session_id)

    def verify(self) -> VerifyReport:
        """Check the chain over every row: edits, deletions, insertions and reordering are found."""
        return self._db.verify()

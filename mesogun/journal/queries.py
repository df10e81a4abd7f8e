"""The journal's read side: records built from the rows, corrections applied (never stored merged).

Rows are read by column name (:class:`sqlite3.Row`, on the cursor: the connection the writers share
keeps its plain tuples), so that a column added to a query or a table cannot shift another one.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from mesogun.journal import corrections
from mesogun.journal.errors import JournalProblem, SessionNotFoundError
from mesogun.journal.records import (
    AdverseEventRecord,
    AdverseSeverity,
    AlarmRecord,
    CalibrationWarningRecord,
    CorrectionRecord,
    DoseRecord,
    DoseResult,
    NoteRecord,
    OutcomeScoreRecord,
    OverrideRecord,
    PartialChoice,
    PointDecisionRecord,
    ProductTotal,
    ScreeningAnswer,
    SessionProduct,
    SessionRecord,
    SessionStatus,
    SessionSummary,
    SkipRecord,
    SyringeChangeRecord,
)
from mesogun.journal.timefmt import from_text, lower_bound, upper_bound

_CorrectionsByTarget = dict[tuple[str, int], list[dict[str, corrections.CorrectionValue]]]


def _rows(connection: sqlite3.Connection, sql: str, parameters: Sequence[Any] = ()) -> sqlite3.Cursor:
    """The rows of ``sql``, each read by column name."""
    cursor = connection.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(sql, parameters)


def _row(connection: sqlite3.Connection, sql: str, parameters: Sequence[Any] = ()) -> sqlite3.Row | None:
    """The first row of ``sql`` (None when there is none), read by column name."""
    row: sqlite3.Row | None = _rows(connection, sql, parameters).fetchone()
    return row


def products_from_json(text: str) -> tuple[SessionProduct, ...]:
    return tuple(SessionProduct.model_validate(item) for item in json.loads(text))


def _maybe_time(text: str | None) -> datetime | None:
    return from_text(text) if text is not None else None


def resolve_session_id(connection: sqlite3.Connection, text: str) -> str:
    """The full session id for an id or a unique prefix of one (at least 4 characters)."""
    row = _row(connection, "SELECT session_id FROM sessions_opened WHERE session_id = ?", (text,))
    if row is not None:
        return str(row["session_id"])
    if len(text) < 4:
        raise SessionNotFoundError(text, JournalProblem.SESSION_ID_TOO_SHORT, minimum=4)
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = _rows(
        connection,
        "SELECT session_id FROM sessions_opened WHERE session_id LIKE ? ESCAPE '\\' LIMIT 2",
        (escaped + "%",),
    ).fetchall()
    if not rows:
        raise SessionNotFoundError(text)
    if len(rows) > 1:
        raise SessionNotFoundError(text, JournalProblem.SESSION_ID_AMBIGUOUS)
    return str(rows[0]["session_id"])


def _session_corrections(connection: sqlite3.Connection, session_id: str | None) -> list[CorrectionRecord]:
    sql = (
        "SELECT seq, recorded_at, target_table, target_seq, changes_json, previous_json, reason, author "
        "FROM corrections"
    )
    parameters: tuple[Any, ...] = ()
    if session_id is not None:
        sql += " WHERE session_id = ?"
        parameters = (session_id,)
    return [
        CorrectionRecord(
            seq=row["seq"],
            recorded_at=from_text(row["recorded_at"]),
            target_table=row["target_table"],
            target_seq=row["target_seq"],
            changes=corrections.decode(row["changes_json"]),
            previous=corrections.decode(row["previous_json"]),
            reason=row["reason"],
            author=row["author"],
        )
        for row in _rows(connection, sql + " ORDER BY seq", parameters)
    ]


def _by_target(records: list[CorrectionRecord]) -> _CorrectionsByTarget:
    grouped: _CorrectionsByTarget = defaultdict(list)
    for record in records:
        grouped[(record.target_table, record.target_seq)].append(record.changes)
    return grouped


def _apply(grouped: _CorrectionsByTarget, table: str, seq: int, values: dict[str, Any]) -> dict[str, Any]:
    return corrections.corrected(values, grouped.get((table, seq), ()))


def _status(status: str | None) -> SessionStatus:
    return SessionStatus(status) if status is not None else SessionStatus.OPEN


def list_sessions(
    connection: sqlite3.Connection,
    patient: str | None,
    since: date | datetime | None,
    until: date | datetime | None,
) -> list[SessionSummary]:
    """Sessions started in [since, until] (a date bound covers its whole UTC day), oldest first."""
    sql = (
        "SELECT o.seq, o.session_id, o.patient_pseudonym, o.practitioner, o.indication, o.plan_name, "
        "o.started_at, c.ended_at, c.status, "
        # A closed session's totals were recorded when it closed: only open ones (and those closed
        # before totals were recorded) are summed from their doses.
        "coalesce(c.dose_count, (SELECT count(*) FROM doses d WHERE d.session_id = o.session_id)) "
        "AS dose_count, "
        "coalesce(c.delivered_ul, "
        "(SELECT coalesce(sum(d.delivered_volume_ul), 0.0) FROM doses d WHERE d.session_id = o.session_id)) "
        "AS delivered_ul "
        "FROM sessions_opened o LEFT JOIN sessions_closed c ON c.session_id = o.session_id WHERE 1 = 1"
    )
    parameters: list[Any] = []
    if since is not None:
        sql += " AND o.started_at >= ?"
        parameters.append(lower_bound(since, "since"))
    if until is not None:
        sql += " AND o.started_at < ?"
        parameters.append(upper_bound(until, "until"))
    rows = _rows(connection, sql + " ORDER BY o.started_at, o.seq", parameters).fetchall()
    grouped = _by_target(
        [c for c in _session_corrections(connection, None) if c.target_table == "sessions_opened"]
    )
    summaries: list[SessionSummary] = []
    for row in rows:
        values = _apply(
            grouped,
            "sessions_opened",
            row["seq"],
            {
                "patient_pseudonym": row["patient_pseudonym"],
                "practitioner": row["practitioner"],
                "indication": row["indication"],
            },
        )
        if patient is not None and values["patient_pseudonym"] != patient:
            continue
        summaries.append(
            SessionSummary(
                session_id=row["session_id"],
                patient_pseudonym=values["patient_pseudonym"],
                practitioner=values["practitioner"],
                indication=values["indication"],
                plan_name=row["plan_name"],
                started_at=from_text(row["started_at"]),
                ended_at=_maybe_time(row["ended_at"]),
                status=_status(row["status"]),
                dose_count=row["dose_count"],
                delivered_ul=row["delivered_ul"],
            )
        )
    return summaries


def _overrides(connection: sqlite3.Connection, session_id: str) -> list[tuple[int | None, OverrideRecord]]:
    rows = _rows(
        connection,
        "SELECT seq, session_id, point_index, configured_seq, field, value, limit_value, reason, "
        "confirmed_by, confirmed_at FROM overrides WHERE session_id = ? ORDER BY seq",
        (session_id,),
    )
    return [
        (
            row["configured_seq"],
            OverrideRecord(
                seq=row["seq"],
                session_id=row["session_id"],
                point_index=row["point_index"],
                field=row["field"],
                value=row["value"],
                limit=row["limit_value"],
                reason=row["reason"],
                confirmed_by=row["confirmed_by"],
                confirmed_at=from_text(row["confirmed_at"]),
            ),
        )
        for row in rows
    ]


def load_doses(connection: sqlite3.Connection, session_id: str) -> list[DoseRecord]:
    """Doses of a session in append order (the order the device's events were made durable)."""
    opening = _row(
        connection, "SELECT products_json FROM sessions_opened WHERE session_id = ?", (session_id,)
    )
    if opening is None:
        raise SessionNotFoundError(session_id)
    contents: dict[int | None, tuple[SessionProduct, ...]] = {
        None: products_from_json(opening["products_json"])
    }
    for change in _rows(
        connection, "SELECT seq, products_json FROM syringe_changes WHERE session_id = ?", (session_id,)
    ):
        contents[change["seq"]] = products_from_json(change["products_json"])
    overrides_by_config: dict[int, list[OverrideRecord]] = defaultdict(list)
    for configured_seq, override in _overrides(connection, session_id):
        if configured_seq is not None:
            overrides_by_config[configured_seq].append(override)
    grouped = _by_target(
        [c for c in _session_corrections(connection, session_id) if c.target_table == "doses"]
    )
    rows = _rows(
        connection,
        "SELECT d.seq, d.device_serial, d.event_number, d.delivered_at, d.point_index, d.configured_seq, "
        "d.syringe_change_seq, d.commanded_depth_mm, d.measured_depth_mm, d.commanded_volume_ul, "
        "d.delivered_volume_ul, d.flow_ul_s AS delivered_flow_ul_s, d.result, d.alarm, "
        "d.syringe_remaining_ul, d.operator, p.config_id, p.technique, p.mode, p.site_region, "
        "p.laterality, p.acupoint_code, p.zone, p.flow_ul_s AS commanded_flow_ul_s, p.limits_version "
        "FROM doses d JOIN points_configured p ON p.seq = d.configured_seq "
        "WHERE d.session_id = ? ORDER BY d.seq",
        (session_id,),
    )
    doses: list[DoseRecord] = []
    for row in rows:
        dose_seq = row["seq"]
        values = _apply(
            grouped,
            "doses",
            dose_seq,
            {
                "site_region": row["site_region"],
                "laterality": row["laterality"],
                "acupoint_code": row["acupoint_code"],
                "operator": row["operator"],
            },
        )
        in_force = tuple(
            item for item in overrides_by_config.get(row["configured_seq"], ()) if item.seq < dose_seq
        )
        doses.append(
            DoseRecord(
                seq=dose_seq,
                session_id=session_id,
                device_serial=row["device_serial"],
                event_number=row["event_number"],
                time_utc=from_text(row["delivered_at"]),
                config_id=row["config_id"],
                point_index=row["point_index"],
                site_region=values["site_region"],
                laterality=values["laterality"],
                acupoint_code=values["acupoint_code"],
                zone=row["zone"],
                technique=row["technique"],
                mode=row["mode"],
                commanded_depth_mm=row["commanded_depth_mm"],
                measured_depth_mm=row["measured_depth_mm"],
                commanded_volume_ul=row["commanded_volume_ul"],
                delivered_volume_ul=row["delivered_volume_ul"],
                commanded_flow_ul_s=row["commanded_flow_ul_s"],
                delivered_flow_ul_s=row["delivered_flow_ul_s"],
                result=DoseResult(row["result"]),
                alarm=row["alarm"],
                products=contents[row["syringe_change_seq"]],
                syringe_remaining_ul=row["syringe_remaining_ul"],
                overrides=in_force,
                limits_version=row["limits_version"],
                operator=values["operator"],
            )
        )
    return doses


def product_totals(doses: list[DoseRecord]) -> tuple[ProductTotal, ...]:
    """Volume per product and lot: each dose split by the shares of the syringe it came from."""
    totals: dict[tuple[str, str, str | None], float] = {}
    for dose in doses:
        for product in dose.products:
            key = (product.name, product.concentration, product.lot)
            totals[key] = totals.get(key, 0.0) + dose.delivered_volume_ul * product.proportion_pct / 100.0
    return tuple(
        ProductTotal(name=name, concentration=concentration, lot=lot, delivered_ul=volume)
        for (name, concentration, lot), volume in totals.items()
    )


def delivered_per_point(connection: sqlite3.Connection, session_id: str) -> dict[int, tuple[int, float]]:
    """Point index → (shots that delivered something, delivered µl), from the session's doses."""
    rows = _rows(
        connection,
        "SELECT point_index, sum(CASE WHEN delivered_volume_ul > 0 THEN 1 ELSE 0 END) AS shots, "
        "coalesce(sum(delivered_volume_ul), 0.0) AS volume_ul FROM doses WHERE session_id = ? "
        "GROUP BY point_index",
        (session_id,),
    )
    return {int(row["point_index"]): (int(row["shots"]), float(row["volume_ul"])) for row in rows}


def last_event_number(connection: sqlite3.Connection, device_serial: str) -> int:
    row = _row(
        connection,
        "SELECT max(event_number) AS last FROM device_events WHERE device_serial = ?",
        (device_serial,),
    )
    return int(row["last"]) if row is not None and row["last"] is not None else 0


def load_session(connection: sqlite3.Connection, session_id: str) -> SessionRecord:
    """Everything recorded about one session, corrections applied (and listed)."""
    row = _row(
        connection,
        "SELECT seq, patient_pseudonym, practitioner, indication, plan_name, plan_version, limits_version, "
        "device_serial, device_firmware, calibration_id, products_json, started_at, plan_hash "
        "FROM sessions_opened WHERE session_id = ?",
        (session_id,),
    )
    if row is None:
        raise SessionNotFoundError(session_id)
    all_corrections = _session_corrections(connection, session_id)
    grouped = _by_target(all_corrections)
    opened = _apply(
        grouped,
        "sessions_opened",
        row["seq"],
        {
            "patient_pseudonym": row["patient_pseudonym"],
            "practitioner": row["practitioner"],
            "indication": row["indication"],
        },
    )
    closed = _row(
        connection, "SELECT status, reason, ended_at FROM sessions_closed WHERE session_id = ?", (session_id,)
    )
    screening = _row(
        connection,
        "SELECT answers_json, consent_given, consent_at, screened_by FROM screenings "
        "WHERE session_id = ? ORDER BY seq DESC LIMIT 1",
        (session_id,),
    )
    syringe_changes = tuple(
        SyringeChangeRecord(
            seq=r["seq"],
            recorded_at=from_text(r["recorded_at"]),
            products=products_from_json(r["products_json"]),
            capacity_ml=r["capacity_ml"],
            fill_ul=r["fill_ul"],
            operator=r["operator"],
        )
        for r in _rows(
            connection,
            "SELECT seq, recorded_at, products_json, capacity_ml, fill_ul, operator FROM syringe_changes "
            "WHERE session_id = ? ORDER BY seq",
            (session_id,),
        )
    )
    products: list[SessionProduct] = list(products_from_json(row["products_json"]))
    for change in syringe_changes:
        products.extend(product for product in change.products if product not in products)
    doses = load_doses(connection, session_id)
    return SessionRecord(
        session_id=session_id,
        seq=row["seq"],
        patient_pseudonym=opened["patient_pseudonym"],
        practitioner=opened["practitioner"],
        indication=opened["indication"],
        plan_name=row["plan_name"],
        plan_version=row["plan_version"],
        limits_version=row["limits_version"],
        consent_given=bool(screening["consent_given"]) if screening else None,
        consent_at=_maybe_time(screening["consent_at"]) if screening else None,
        screened_by=screening["screened_by"] if screening else None,
        contraindications=tuple(
            ScreeningAnswer.model_validate(item)
            for item in (json.loads(screening["answers_json"]) if screening else [])
        ),
        device_serial=row["device_serial"],
        device_firmware=row["device_firmware"],
        calibration_id=row["calibration_id"],
        products=tuple(products),
        started_at=from_text(row["started_at"]),
        ended_at=_maybe_time(closed["ended_at"]) if closed else None,
        status=_status(closed["status"] if closed else None),
        abort_reason=closed["reason"] if closed else None,
        totals=product_totals(doses),
        dose_count=len(doses),
        delivered_ul=sum(dose.delivered_volume_ul for dose in doses),
        adverse_events=_adverse_events(connection, session_id, grouped),
        notes=tuple(
            NoteRecord(
                seq=r["seq"],
                recorded_at=from_text(r["recorded_at"]),
                **_apply(grouped, "notes", r["seq"], {"text": r["text"]}),
                author=r["author"],
            )
            for r in _rows(
                connection,
                "SELECT seq, recorded_at, text, author FROM notes WHERE session_id = ? ORDER BY seq",
                (session_id,),
            )
        ),
        skips=tuple(
            SkipRecord(
                seq=r["seq"],
                recorded_at=from_text(r["recorded_at"]),
                point_index=r["point_index"],
                reason=_apply(grouped, "skips", r["seq"], {"reason": r["reason"]})["reason"],
                operator=r["operator"],
            )
            for r in _rows(
                connection,
                "SELECT seq, recorded_at, point_index, reason, operator FROM skips "
                "WHERE session_id = ? ORDER BY seq",
                (session_id,),
            )
        ),
        alarms=tuple(
            AlarmRecord(
                seq=r["seq"],
                recorded_at=from_text(r["recorded_at"]),
                point_index=r["point_index"],
                code=r["code"],
                priority=r["priority"],
                raised=bool(r["raised"]),
                detail=r["detail"],
                operator=r["operator"],
            )
            for r in _rows(
                connection,
                "SELECT seq, recorded_at, point_index, code, priority, raised, detail, operator FROM alarms "
                "WHERE session_id = ? ORDER BY seq",
                (session_id,),
            )
        ),
        overrides=tuple(override for _, override in _overrides(connection, session_id)),
        syringe_changes=syringe_changes,
        calibration_warnings=_calibration_warnings(connection, session_id),
        corrections=tuple(all_corrections),
        scores=_scores(connection, session_id),
        plan_hash=row["plan_hash"],
        decisions=_decisions(connection, session_id),
    )


def _decisions(connection: sqlite3.Connection, session_id: str) -> tuple[PointDecisionRecord, ...]:
    return tuple(
        PointDecisionRecord(
            seq=r["seq"],
            recorded_at=from_text(r["recorded_at"]),
            point_index=r["point_index"],
            choice=PartialChoice(r["choice"]),
            target_ul=r["target_ul"],
            delivered_ul=r["delivered_ul"],
            remainder_ul=r["remainder_ul"],
            remainder_shot_ul=r["remainder_shot_ul"],
            reason=r["reason"],
            operator=r["operator"],
        )
        for r in _rows(
            connection,
            "SELECT seq, recorded_at, point_index, choice, target_ul, delivered_ul, remainder_ul, "
            "remainder_shot_ul, reason, operator FROM point_decisions WHERE session_id = ? ORDER BY seq",
            (session_id,),
        )
    )


def _scores(connection: sqlite3.Connection, session_id: str) -> tuple[OutcomeScoreRecord, ...]:
    return tuple(
        OutcomeScoreRecord(
            seq=r["seq"],
            recorded_at=from_text(r["recorded_at"]),
            code=r["code"],
            value=r["value"],
            scored_at=from_text(r["scored_at"]),
            entered_by=r["entered_by"],
        )
        for r in _rows(
            connection,
            "SELECT seq, recorded_at, code, value, scored_at, entered_by FROM outcome_scores "
            "WHERE session_id = ? ORDER BY seq",
            (session_id,),
        )
    )


def _adverse_events(
    connection: sqlite3.Connection, session_id: str, grouped: _CorrectionsByTarget
) -> tuple[AdverseEventRecord, ...]:
    events: list[AdverseEventRecord] = []
    for r in _rows(
        connection,
        "SELECT seq, observed_at, description, severity, action_taken, reported_by FROM adverse_events "
        "WHERE session_id = ? ORDER BY seq",
        (session_id,),
    ):
        values = _apply(
            grouped,
            "adverse_events",
            r["seq"],
            {"description": r["description"], "severity": r["severity"], "action_taken": r["action_taken"]},
        )
        events.append(
            AdverseEventRecord(
                seq=r["seq"],
                observed_at=from_text(r["observed_at"]),
                description=values["description"],
                severity=AdverseSeverity(values["severity"]) if values["severity"] else None,
                action_taken=values["action_taken"] or "",
                reported_by=r["reported_by"],
            )
        )
    return tuple(events)


def _calibration_warnings(
    connection: sqlite3.Connection, session_id: str
) -> tuple[CalibrationWarningRecord, ...]:
    return tuple(
        CalibrationWarningRecord(
            seq=r["seq"],
            recorded_at=from_text(r["recorded_at"]),
            device_serial=r["device_serial"],
            calibration_id=r["calibration_id"],
            message=r["message"],
            acknowledged_by=r["acknowledged_by"],
        )
        for r in _rows(
            connection,
            "SELECT seq, recorded_at, device_serial, calibration_id, message, acknowledged_by "
            "FROM calibration_warnings WHERE session_id = ? ORDER BY seq",
            (session_id,),
        )
    )

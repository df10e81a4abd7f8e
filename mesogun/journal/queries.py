"""The journal's read side: records built from the rows, corrections applied (never stored merged)."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import date, datetime
from typing import Any

from mesogun.journal import corrections
from mesogun.journal.errors import SessionNotFoundError
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


def products_from_json(text: str) -> tuple[SessionProduct, ...]:
    return tuple(SessionProduct.model_validate(item) for item in json.loads(text))


def _maybe_time(text: str | None) -> datetime | None:
    return from_text(text) if text is not None else None


def resolve_session_id(connection: sqlite3.Connection, text: str) -> str:
    """The full session id for an id or a unique prefix of one (at least 4 characters)."""
    row = connection.execute(
        "SELECT session_id FROM sessions_opened WHERE session_id = ?", (text,)
    ).fetchone()
    if row is not None:
        return str(row[0])
    if len(text) < 4:
        raise SessionNotFoundError(text, "give at least 4 characters of the id")
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = connection.execute(
        "SELECT session_id FROM sessions_opened WHERE session_id LIKE ? ESCAPE '\\' LIMIT 2", (escaped + "%",)
    ).fetchall()
    if not rows:
        raise SessionNotFoundError(text)
    if len(rows) > 1:
        raise SessionNotFoundError(text, "several sessions start with it; give more characters")
    return str(rows[0][0])


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
            seq=row[0],
            recorded_at=from_text(row[1]),
            target_table=row[2],
            target_seq=row[3],
            changes=corrections.decode(row[4]),
            previous=corrections.decode(row[5]),
            reason=row[6],
            author=row[7],
        )
        for row in connection.execute(sql + " ORDER BY seq", parameters)
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
        "coalesce(c.dose_count, (SELECT count(*) FROM doses d WHERE d.session_id = o.session_id)), "
        "coalesce(c.delivered_ul, "
        "(SELECT coalesce(sum(d.delivered_volume_ul), 0.0) FROM doses d WHERE d.session_id = o.session_id)) "
        "FROM sessions_opened o LEFT JOIN sessions_closed c ON c.session_id = o.session_id WHERE 1 = 1"
    )
    parameters: list[Any] = []
    if since is not None:
        sql += " AND o.started_at >= ?"
        parameters.append(lower_bound(since, "since"))
    if until is not None:
        sql += " AND o.started_at < ?"
        parameters.append(upper_bound(until, "until"))
    rows = connection.execute(sql + " ORDER BY o.started_at, o.seq", parameters).fetchall()
    grouped = _by_target(
        [c for c in _session_corrections(connection, None) if c.target_table == "sessions_opened"]
    )
    summaries: list[SessionSummary] = []
    for row in rows:
        values = _apply(
            grouped,
            "sessions_opened",
            row[0],
            {"patient_pseudonym": row[2], "practitioner": row[3], "indication": row[4]},
        )
        if patient is not None and values["patient_pseudonym"] != patient:
            continue
        summaries.append(
            SessionSummary(
                session_id=row[1],
                patient_pseudonym=values["patient_pseudonym"],
                practitioner=values["practitioner"],
                indication=values["indication"],
                plan_name=row[5],
                started_at=from_text(row[6]),
                ended_at=_maybe_time(row[7]),
                status=_status(row[8]),
                dose_count=row[9],
                delivered_ul=row[10],
            )
        )
    return summaries


def _overrides(connection: sqlite3.Connection, session_id: str) -> list[tuple[int | None, OverrideRecord]]:
    rows = connection.execute(
        "SELECT seq, session_id, point_index, configured_seq, field, value, limit_value, reason, "
        "confirmed_by, confirmed_at FROM overrides WHERE session_id = ? ORDER BY seq",
        (session_id,),
    )
    return [
        (
            row[3],
            OverrideRecord(
                seq=row[0],
                session_id=row[1],
                point_index=row[2],
                field=row[4],
                value=row[5],
                limit=row[6],
                reason=row[7],
                confirmed_by=row[8],
                confirmed_at=from_text(row[9]),
            ),
        )
        for row in rows
    ]


def load_doses(connection: sqlite3.Connection, session_id: str) -> list[DoseRecord]:
    """Doses of a session in append order (the order the device's events were made durable)."""
    opening = connection.execute(
        "SELECT products_json FROM sessions_opened WHERE session_id = ?", (session_id,)
    ).fetchone()
    if opening is None:
        raise SessionNotFoundError(session_id)
    contents: dict[int | None, tuple[SessionProduct, ...]] = {None: products_from_json(opening[0])}
    for seq, products_json in connection.execute(
        "SELECT seq, products_json FROM syringe_changes WHERE session_id = ?", (session_id,)
    ):
        contents[seq] = products_from_json(products_json)
    overrides_by_config: dict[int, list[OverrideRecord]] = defaultdict(list)
    for configured_seq, override in _overrides(connection, session_id):
        if configured_seq is not None:
            overrides_by_config[configured_seq].append(override)
    grouped = _by_target(
        [c for c in _session_corrections(connection, session_id) if c.target_table == "doses"]
    )
    rows = connection.execute(
        "SELECT d.seq, d.device_serial, d.event_number, d.delivered_at, d.point_index, d.configured_seq, "
        "d.syringe_change_seq, d.commanded_depth_mm, d.measured_depth_mm, d.commanded_volume_ul, "
        "d.delivered_volume_ul, d.flow_ul_s, d.result, d.alarm, d.syringe_remaining_ul, d.operator, "
        "p.config_id, p.technique, p.mode, p.site_region, p.laterality, p.acupoint_code, p.zone, "
        "p.flow_ul_s, p.limits_version "
        "FROM doses d JOIN points_configured p ON p.seq = d.configured_seq "
        "WHERE d.session_id = ? ORDER BY d.seq",
        (session_id,),
    )
    doses: list[DoseRecord] = []
    for row in rows:
        dose_seq = row[0]
        values = _apply(
            grouped,
            "doses",
            dose_seq,
            {"site_region": row[19], "laterality": row[20], "acupoint_code": row[21], "operator": row[15]},
        )
        in_force = tuple(item for item in overrides_by_config.get(row[5], ()) if item.seq < dose_seq)
        doses.append(
            DoseRecord(
                seq=dose_seq,
                session_id=session_id,
                device_serial=row[1],
                event_number=row[2],
                time_utc=from_text(row[3]),
                config_id=row[16],
                point_index=row[4],
                site_region=values["site_region"],
                laterality=values["laterality"],
                acupoint_code=values["acupoint_code"],
                zone=row[22],
                technique=row[17],
                mode=row[18],
                commanded_depth_mm=row[7],
                measured_depth_mm=row[8],
                commanded_volume_ul=row[9],
                delivered_volume_ul=row[10],
                commanded_flow_ul_s=row[23],
                delivered_flow_ul_s=row[11],
                result=DoseResult(row[12]),
                alarm=row[13],
                products=contents[row[6]],
                syringe_remaining_ul=row[14],
                overrides=in_force,
                limits_version=row[24],
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
    rows = connection.execute(
        "SELECT point_index, sum(CASE WHEN delivered_volume_ul > 0 THEN 1 ELSE 0 END), "
        "coalesce(sum(delivered_volume_ul), 0.0) FROM doses WHERE session_id = ? GROUP BY point_index",
        (session_id,),
    )
    return {int(row[0]): (int(row[1]), float(row[2])) for row in rows}


def last_event_number(connection: sqlite3.Connection, device_serial: str) -> int:
    row = connection.execute(
        "SELECT max(event_number) FROM device_events WHERE device_serial = ?", (device_serial,)
    ).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def load_session(connection: sqlite3.Connection, session_id: str) -> SessionRecord:
    """Everything recorded about one session, corrections applied (and listed)."""
    row = connection.execute(
        "SELECT seq, patient_pseudonym, practitioner, indication, plan_name, plan_version, limits_version, "
        "device_serial, device_firmware, calibration_id, products_json, started_at, plan_hash "
        "FROM sessions_opened WHERE session_id = ?",
        (session_id,),
    ).fetchone()
    if row is None:
        raise SessionNotFoundError(session_id)
    all_corrections = _session_corrections(connection, session_id)
    grouped = _by_target(all_corrections)
    opened = _apply(
        grouped,
        "sessions_opened",
        row[0],
        {"patient_pseudonym": row[1], "practitioner": row[2], "indication": row[3]},
    )
    closed = connection.execute(
        "SELECT status, reason, ended_at FROM sessions_closed WHERE session_id = ?", (session_id,)
    ).fetchone()
    screening = connection.execute(
        "SELECT answers_json, consent_given, consent_at, screened_by FROM screenings "
        "WHERE session_id = ? ORDER BY seq DESC LIMIT 1",
        (session_id,),
    ).fetchone()
    syringe_changes = tuple(
        SyringeChangeRecord(
            seq=r[0],
            recorded_at=from_text(r[1]),
            products=products_from_json(r[2]),
            capacity_ml=r[3],
            fill_ul=r[4],
            operator=r[5],
        )
        for r in connection.execute(
            "SELECT seq, recorded_at, products_json, capacity_ml, fill_ul, operator FROM syringe_changes "
            "WHERE session_id = ? ORDER BY seq",
            (session_id,),
        )
    )
    products: list[SessionProduct] = list(products_from_json(row[10]))
    for change in syringe_changes:
        products.extend(product for product in change.products if product not in products)
    doses = load_doses(connection, session_id)
    return SessionRecord(
        session_id=session_id,
        seq=row[0],
        patient_pseudonym=opened["patient_pseudonym"],
        practitioner=opened["practitioner"],
        indication=opened["indication"],
        plan_name=row[4],
        plan_version=row[5],
        limits_version=row[6],
        consent_given=bool(screening[1]) if screening else None,
        consent_at=_maybe_time(screening[2]) if screening else None,
        screened_by=screening[3] if screening else None,
        contraindications=tuple(
            ScreeningAnswer.model_validate(item) for item in (json.loads(screening[0]) if screening else [])
        ),
        device_serial=row[7],
        device_firmware=row[8],
        calibration_id=row[9],
        products=tuple(products),
        started_at=from_text(row[11]),
        ended_at=_maybe_time(closed[2]) if closed else None,
        status=_status(closed[0] if closed else None),
        abort_reason=closed[1] if closed else None,
        totals=product_totals(doses),
        dose_count=len(doses),
        delivered_ul=sum(dose.delivered_volume_ul for dose in doses),
        adverse_events=_adverse_events(connection, session_id, grouped),
        notes=tuple(
            NoteRecord(
                seq=r[0],
                recorded_at=from_text(r[1]),
                **_apply(grouped, "notes", r[0], {"text": r[2]}),
                author=r[3],
            )
            for r in connection.execute(
                "SELECT seq, recorded_at, text, author FROM notes WHERE session_id = ? ORDER BY seq",
                (session_id,),
            )
        ),
        skips=tuple(
            SkipRecord(
                seq=r[0],
                recorded_at=from_text(r[1]),
                point_index=r[2],
                reason=_apply(grouped, "skips", r[0], {"reason": r[3]})["reason"],
                operator=r[4],
            )
            for r in connection.execute(
                "SELECT seq, recorded_at, point_index, reason, operator FROM skips "
                "WHERE session_id = ? ORDER BY seq",
                (session_id,),
            )
        ),
        alarms=tuple(
            AlarmRecord(
                seq=r[0],
                recorded_at=from_text(r[1]),
                point_index=r[2],
                code=r[3],
                priority=r[4],
                raised=bool(r[5]),
                detail=r[6],
                operator=r[7],
            )
            for r in connection.execute(
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
        plan_hash=row[12],
        decisions=_decisions(connection, session_id),
    )


def _decisions(connection: sqlite3.Connection, session_id: str) -> tuple[PointDecisionRecord, ...]:
    return tuple(
        PointDecisionRecord(
            seq=r[0],
            recorded_at=from_text(r[1]),
            point_index=r[2],
            choice=PartialChoice(r[3]),
            target_ul=r[4],
            delivered_ul=r[5],
            remainder_ul=r[6],
            remainder_shot_ul=r[7],
            reason=r[8],
            operator=r[9],
        )
        for r in connection.execute(
            "SELECT seq, recorded_at, point_index, choice, target_ul, delivered_ul, remainder_ul, "
            "remainder_shot_ul, reason, operator FROM point_decisions WHERE session_id = ? ORDER BY seq",
            (session_id,),
        )
    )


def _scores(connection: sqlite3.Connection, session_id: str) -> tuple[OutcomeScoreRecord, ...]:
    return tuple(
        OutcomeScoreRecord(
            seq=r[0],
            recorded_at=from_text(r[1]),
            code=r[2],
            value=r[3],
            scored_at=from_text(r[4]),
            entered_by=r[5],
        )
        for r in connection.execute(
            "SELECT seq, recorded_at, code, value, scored_at, entered_by FROM outcome_scores "
            "WHERE session_id = ? ORDER BY seq",
            (session_id,),
        )
    )


def _adverse_events(
    connection: sqlite3.Connection, session_id: str, grouped: _CorrectionsByTarget
) -> tuple[AdverseEventRecord, ...]:
    events: list[AdverseEventRecord] = []
    for r in connection.execute(
        "SELECT seq, observed_at, description, severity, action_taken, reported_by FROM adverse_events "
        "WHERE session_id = ? ORDER BY seq",
        (session_id,),
    ):
        values = _apply(
            grouped, "adverse_events", r[0], {"description": r[2], "severity": r[3], "action_taken": r[4]}
        )
        events.append(
            AdverseEventRecord(
                seq=r[0],
                observed_at=from_text(r[1]),
                description=values["description"],
                severity=AdverseSeverity(values["severity"]) if values["severity"] else None,
                action_taken=values["action_taken"] or "",
                reported_by=r[5],
            )
        )
    return tuple(events)


def _calibration_warnings(
    connection: sqlite3.Connection, session_id: str
) -> tuple[CalibrationWarningRecord, ...]:
    return tuple(
        CalibrationWarningRecord(
            seq=r[0],
            recorded_at=from_text(r[1]),
            device_serial=r[2],
            calibration_id=r[3],
            message=r[4],
            acknowledged_by=r[5],
        )
        for r in connection.execute(
            "SELECT seq, recorded_at, device_serial, calibration_id, message, acknowledged_by "
            "FROM calibration_warnings WHERE session_id = ? ORDER BY seq",
            (session_id,),
        )
    )

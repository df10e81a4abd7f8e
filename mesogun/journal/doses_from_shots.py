"""A Shot becomes a dose: attribution to a configured point, and the dose's result."""

from __future__ import annotations

from firmware_protocol import AlarmCode, ShotResult
from mesogun.device_events import Shot
from mesogun.journal.records import DoseResult
from mesogun.journal.sqlite_db import Appender


def dose_result(result: ShotResult, cause: AlarmCode, delivered_ul: float | None = None) -> DoseResult:
    """Dose result from the device's result and cause: an unfinished dose caused by STOP is cancelled.

    A shot cut by a power loss (INTERRUPTED, cause POWER_LOSS, which the dose keeps as its alarm) is a
    partial dose of what it measured, or a failed one when nothing left the syringe.
    """
    if result == ShotResult.COMPLETE:
        return DoseResult.COMPLETE
    if cause == AlarmCode.STOPPED:
        return DoseResult.CANCELLED
    if result == ShotResult.INTERRUPTED:
        return DoseResult.PARTIAL if (delivered_ul or 0.0) > 0 else DoseResult.FAILED
    return DoseResult.PARTIAL if result == ShotResult.PARTIAL else DoseResult.FAILED


#: The tables a dose's attribution reads.
_ATTRIBUTION_TABLES = frozenset({"points_configured", "sessions_closed", "syringe_changes"})


def append_dose(tx: Appender, device_serial: str, shot: Shot, event_seq: int, delivered_at: str) -> None:
    """Append the dose a Shot makes, in the transaction that appended its device event.

    It goes to the latest point configured with the shot's (serial, config id) in a session not yet
    closed; with no such point (a calibration or bench shot) nothing is appended.
    """
    # A live session sends every shot of a point with one configuration: read its point and syringe
    # once, not once per shot (kept until a point is configured, a session closed or a syringe changed).
    configured = tx.cached(
        ("configured point", device_serial, shot.config_id),
        _ATTRIBUTION_TABLES,
        lambda: tx.query(
            "SELECT p.seq, p.session_id, p.point_index, p.operator FROM points_configured p "
            "WHERE p.device_serial = ? AND p.config_id = ? AND NOT EXISTS "
            "(SELECT 1 FROM sessions_closed c WHERE c.session_id = p.session_id) "
            "ORDER BY p.seq DESC LIMIT 1",
            (device_serial, shot.config_id),
        ),
    )
    if not configured:
        return
    configured_seq, session_id, point_index, operator = configured[0]
    syringe = tx.cached(
        ("syringe", session_id),
        _ATTRIBUTION_TABLES,
        lambda: tx.query("SELECT max(seq) FROM syringe_changes WHERE session_id = ?", (session_id,)),
    )
    tx.append(
        "doses",
        {
            "device_event_seq": event_seq,
            "session_id": session_id,
            "point_index": point_index,
            "configured_seq": configured_seq,
            "syringe_change_seq": syringe[0][0],
            "device_serial": device_serial,
            "event_number": shot.event_number,
            "delivered_at": delivered_at,
            "commanded_depth_mm": shot.commanded_depth_mm,
            "measured_depth_mm": shot.measured_depth_mm,
            "commanded_volume_ul": shot.commanded_volume_ul,
            "delivered_volume_ul": shot.delivered_volume_ul,
            "flow_ul_s": shot.flow_ul_s,
            "result": dose_result(shot.result, shot.cause, shot.delivered_volume_ul).value,
            "alarm": shot.cause.name.lower() if shot.cause != AlarmCode.NONE else None,
            "syringe_remaining_ul": shot.syringe_remaining_ul,
            "operator": operator,
        },
    )

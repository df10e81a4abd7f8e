"""How ``mesogun diagnostics`` prints: the gun's identity and counters, self-test, link, event log, alarms."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from mesogun.cli.device_output import table
from mesogun.device_events import (
    DeviceEvent,
)
from mesogun.device_info import CalibrationFactors
from mesogun.diagnostics import AlarmCount, AlarmEntry, DeviceReport, EventLog, SelfTestResult
from mesogun.link import LinkStats
from mesogun.session.alarm_detail import detail_words
from mesogun.vocabulary import describe, event_kind


def utc(moment: datetime | None) -> str:
    """``2026-03-14 09:26:53.589`` (UTC, milliseconds), or ``—`` for none."""
    if moment is None:
        return "—"
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


def _day(moment: datetime | None) -> str:
    return "—" if moment is None else moment.strftime("%Y-%m-%d %H:%M UTC")


def _pairs(rows: Sequence[tuple[str, str]]) -> str:
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name.ljust(width)}  {value}" for name, value in rows)


def _lower(name: str) -> str:
    return name.lower().replace("_", " ")


def duration_text(seconds: int) -> str:
    """Motor time as ``12 h 05 min`` (or ``40 s`` below a minute)."""
    if seconds < 60:
        return f"{seconds} s"
    hours, minutes = divmod(seconds // 60, 60)
    return f"{hours} h {minutes:02d} min"


def calibration_text(calibration: CalibrationFactors) -> str:
    if calibration.calibrated_at is None and calibration.calibration_id == 0:
        return "factory values, never calibrated"
    expiry = "no expiry" if calibration.expires_at is None else f"expires {_day(calibration.expires_at)}"
    return (
        f"#{calibration.calibration_id} of {_day(calibration.calibrated_at)}, {expiry}: "
        f"{calibration.volume_per_step_nl:g} nl/step, depth offset {calibration.depth_offset_mm:+g} mm, "
        f"scale {calibration.depth_scale:g}"
    )


def gun_text(report: DeviceReport) -> str:
    """The gun's identity, state and lifetime counters."""
    info, status, counters = report.info, report.status, report.counters
    alarms = ", ".join(_lower(a.name) for a in sorted(status.alarms)) or "none"
    return _pairs(
        [
            ("model", info.model),
            ("serial number", info.serial_number),
            ("firmware", info.firmware_version),
            ("protocol", f"version {info.protocol_version}, schema hash 0x{info.schema_hash:08X}"),
            ("boot id", f"0x{info.boot_id:08X}"),
            ("shot counter", f"{counters.shot_counter} shots (lifetime)"),
            ("motor running time", duration_text(counters.motor_seconds)),
            ("power cycles", str(counters.power_cycles)),
            ("watchdog trips", str(counters.watchdog_trips)),
            ("state", f"{status.state.name.lower()}, battery {status.battery_pct} %"),
            ("active alarms", alarms),
            ("technician mode", "on" if status.technician_mode else "off"),
            ("calibration", calibration_text(report.calibration)),
            (
                "events",
                f"newest #{status.last_event_number}, acknowledged through #{status.acked_event_number}",
            ),
            ("gun clock", utc(status.device_time) + " UTC"),
        ]
    )


def self_test_text(result: SelfTestResult | None, refusal: str | None = None) -> str:
    if result is None:
        return f"not run: {refusal}" if refusal else "not run"
    if result.passed:
        return "PASSED: every check OK"
    failed = ", ".join(_lower(code.name) for code in sorted(result.failures))
    return f"FAILED: {failed}"


def link_text(stats: LinkStats, report: DeviceReport) -> str:
    """Host-side link counters since the connection opened, with the gun's own counts beside."""
    gun = report.counters
    return _pairs(
        [
            ("frames ok", f"{stats.frames_ok} received by the host, {gun.frames_ok} by the gun"),
            ("frames sent", f"{stats.frames_sent} by the host"),
            ("CRC errors", f"{stats.crc_errors} seen by the host, {gun.crc_errors} by the gun"),
            ("frames dropped", f"{stats.dropped} (CRC, framing or length), {stats.undecodable} undecodable"),
            (
                "retransmissions",
                f"{stats.retransmissions} re-sent by the host, {gun.retransmissions_replayed} answered "
                "by the gun from its cache",
            ),
            ("timeouts", f"{stats.timeouts}, {stats.outcome_unknown} with an unknown outcome"),
            ("reconnections", str(stats.reconnects)),
            (
                "telemetry",
                f"{stats.telemetry_batches} batches, {stats.telemetry_gaps} gaps "
                f"({stats.telemetry_samples_missed} samples missed)",
            ),
            (
                "round trip",
                f"p50 {stats.rtt_p50_ms:.2f} ms, p99 {stats.rtt_p99_ms:.2f} ms ({stats.requests} requests)",
            ),
        ]
    )


def event_type(event: DeviceEvent) -> str:
    return event_kind(event, "en").upper()


def event_details(event: DeviceEvent) -> str:
    """What happened, in a few words (the number, time and type are columns of their own)."""
    return describe(event, "en")


def event_table(events: Sequence[DeviceEvent]) -> str:
    rows = [
        (f"#{event.event_number}", utc(event.device_time), event_type(event), event_details(event))
        for event in events
    ]
    return table(("NUMBER", "DEVICE TIME (UTC)", "TYPE", "DETAILS"), rows)


def log_range_text(log: EventLog) -> str:
    """Which events were read, and what is not in the table."""
    newest = log.device_last_event_number
    if not log.events:
        if newest < log.first_requested:
            return f"no events from #{log.first_requested}: the gun's newest is #{newest}"
        return f"no events from #{log.first_requested} in the gun's log"
    first, last = log.events[0].event_number, log.events[-1].event_number
    count = f"{len(log.events)} event" + ("s" if len(log.events) > 1 else "")
    text = f"{count}, #{first}–#{last}, of the gun's log (its newest: #{newest})"
    if log.missing:
        shown = ", ".join(f"#{n}" for n in log.missing[:10]) + (" …" if len(log.missing) > 10 else "")
        text += f"; {len(log.missing)} not in the gun's log any more (purged) or lost: {shown}"
    if not log.complete:
        text += f"; more after #{last}: use --from {last + 1}"
    return text


def alarm_table(entries: Sequence[AlarmEntry]) -> str:
    rows = []
    for entry in entries:
        if entry.from_gun:
            where = f"gun event #{entry.event_number}"
        else:
            point = f", point {entry.point_index + 1}" if entry.point_index is not None else ""
            where = f"session {(entry.session_id or '')[:8]}{point}"
        rows.append(
            (
                utc(entry.time),
                _lower(entry.code.name),
                entry.priority.name.lower(),
                "raised" if entry.raised else "cleared",
                where,
                detail_words(entry.detail) if not entry.from_gun else entry.detail,
            )
        )
    return table(("TIME (UTC)", "ALARM", "PRIORITY", "", "RECORDED BY", "DETAIL"), rows)


def alarm_summary_table(counts: Sequence[AlarmCount]) -> str:
    if not counts:
        return "no alarm raised"
    rows = [
        (
            _lower(count.code.name),
            count.priority.name.lower(),
            str(count.raised_on_gun),
            str(count.raised_in_sessions),
            utc(count.last_raised),
        )
        for count in counts
    ]
    return table(("ALARM", "PRIORITY", "GUN LOG", "SESSIONS", "LAST RAISED (UTC)"), rows)

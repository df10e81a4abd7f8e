"""How the device commands print: port tables, identity, status, one line per event, telemetry summary."""

from __future__ import annotations

from collections.abc import Sequence

from mesogun.device_events import (
    DeviceEvent,
    TelemetryBatch,
)
from mesogun.device_info import DeviceInfo, DeviceStatus
from mesogun.ports import PortInfo
from mesogun.vocabulary import describe, event_kind


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain text table with aligned columns."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in (headers, *rows)
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def ports_table(ports: Sequence[PortInfo]) -> str:
    if not ports:
        return "No serial ports found. Plug the gun in and switch it on."
    rows = [
        (
            p.port,
            p.usb_id or "-",
            p.serial_number or "-",
            (p.description or "-") + (" (gun)" if p.looks_like_gun else ""),
        )
        for p in ports
    ]
    return table(("PORT", "USB VID:PID", "SERIAL NUMBER", "DESCRIPTION"), rows)


def info_text(info: DeviceInfo) -> str:
    caps = info.capabilities
    modes = ", ".join(m.name.lower() for m in sorted(caps.modes))
    syringes = ", ".join(str(s) for s in caps.syringe_sizes_ml)
    rows = [
        ("model", info.model),
        ("serial number", info.serial_number),
        ("firmware", info.firmware_version),
        ("protocol", f"version {info.protocol_version}, schema 0x{info.schema_hash:08X}"),
        ("boot id", f"0x{info.boot_id:08X}"),
        ("depth", f"{caps.depth_min_mm:g}–{caps.depth_max_mm:g} mm in steps of {caps.depth_step_mm:g} mm"),
        ("volume per shot", f"{caps.volume_min_ul:g}–{caps.volume_max_ul:g} µl"),
        ("flow", f"{caps.flow_min_ul_s:g}–{caps.flow_max_ul_s:g} µl/s"),
        ("burst rate", f"{caps.burst_rate_min_per_s:g}–{caps.burst_rate_max_per_s:g} shots/s"),
        ("modes", modes),
        ("syringes", f"{syringes} ml"),
        ("watchdog", f"{caps.watchdog_ms} ms"),
        ("telemetry", f"up to {caps.telemetry_max_hz} Hz"),
        ("last event", f"#{info.last_event_number}"),
    ]
    return _pairs(rows)


def status_text(status: DeviceStatus) -> str:
    alarms = ", ".join(sorted(a.name for a in status.alarms)) or "none"
    if status.syringe_capacity_ml:
        syringe = f"{status.syringe_capacity_ml:g} ml, {status.syringe_remaining_ul:g} µl left"
    else:
        syringe = "none loaded"
    if status.config_id:
        config = (
            f"#{status.config_id} {status.mode.name.lower()}, depth {status.depth_mm:g} mm, "
            f"{status.volume_ul:g} µl at {status.flow_ul_s:g} µl/s, burst {status.burst_rate_per_s:g} shots/s"
        )
    else:
        config = "not configured"
    rows = [
        ("state", status.state.name.lower()),
        ("alarms", alarms),
        ("configuration", config),
        ("syringe", syringe),
        ("battery", f"{status.battery_pct} %"),
        ("trigger", "pressed" if status.trigger_pressed else "released"),
        ("technician mode", "on" if status.technician_mode else "off"),
        ("events", f"last #{status.last_event_number}, acknowledged #{status.acked_event_number}"),
        ("gun clock", status.device_time.isoformat(timespec="milliseconds")),
    ]
    return _pairs(rows)


def event_line(event: DeviceEvent) -> str:
    """One line describing a device event, for a technician watching the gun."""
    head = f"#{event.event_number:<6} {event.device_time.strftime('%H:%M:%S.%f')[:-3]}"
    return f"{head} {event_kind(event, 'en').upper():<11} {describe(event, 'en')}"


class TelemetrySummary:
    """Counts telemetry batches and keeps the latest values, for a once-a-second summary line."""

    def __init__(self) -> None:
        self.batches = 0
        self.samples = 0
        self.gaps = 0
        self.missed = 0
        self.latest: TelemetryBatch | None = None

    def add(self, batch: TelemetryBatch) -> None:
        self.batches += 1
        self.samples += len(batch.needle_mm)
        if batch.gap_before:
            self.gaps += 1
            self.missed += batch.gap_before
        self.latest = batch

    def line(self) -> str:
        latest = self.latest
        if latest is None or not latest.needle_mm:
            return f"telemetry: {self.batches} batches, no samples yet"
        rate_hz = 1 / latest.period_s if latest.period_s else 0.0
        return (
            f"telemetry: {self.samples} samples ({rate_hz:.0f} Hz), {self.gaps} gaps ({self.missed} missed); "
            f"needle {latest.needle_mm[-1]:.2f} mm, plunger {latest.plunger_mm[-1]:.2f} mm, "
            f"pressure {latest.pressure_kpa[-1]:.1f} kPa"
        )


def _pairs(rows: Sequence[tuple[str, str]]) -> str:
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name.ljust(width)}  {value}" for name, value in rows)

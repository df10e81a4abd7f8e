"""What the gun says about itself, in host units: identity, capabilities, status, calibration, counters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from firmware_protocol import AlarmCode, DeviceState, Mode, alarms_in, wire_enum
from firmware_protocol.messages import CalibrationReply, DiagnosticsReply, HelloReply, StatusReply
from mesogun import units


@dataclass(frozen=True)
class Capabilities:
    """The gun's own ranges (hard limits). Depth in mm, volume per shot in µl, flow in µl/s."""

    depth_min_mm: float
    depth_max_mm: float
    depth_step_mm: float
    volume_min_ul: float
    volume_max_ul: float
    flow_min_ul_s: float
    flow_max_ul_s: float
    burst_rate_min_per_s: float
    burst_rate_max_per_s: float
    modes: frozenset[Mode]
    syringe_sizes_ml: tuple[int, ...]
    watchdog_ms: int
    telemetry_max_hz: int


@dataclass(frozen=True)
class DeviceInfo:
    """Identity of the connected gun (from the handshake). ``boot_id`` changes at every power-on."""

    model: str
    serial_number: str
    firmware_version: str
    protocol_version: int
    schema_hash: int
    boot_id: int
    capabilities: Capabilities
    last_event_number: int


@dataclass(frozen=True)
class DeviceStatus:
    """A snapshot of the gun's state. ``syringe_capacity_ml`` is 0.0 when no syringe is loaded."""

    state: DeviceState
    alarms: frozenset[AlarmCode]
    config_id: int
    mode: Mode
    depth_mm: float
    volume_ul: float
    flow_ul_s: float
    burst_rate_per_s: float
    syringe_capacity_ml: float
    syringe_remaining_ul: float
    battery_pct: int
    trigger_pressed: bool
    technician_mode: bool
    last_event_number: int
    acked_event_number: int
    device_time: datetime


@dataclass(frozen=True)
class CalibrationFactors:
    """Calibration stored in the gun.

    ``volume_per_step_nl``: plunger volume per motor step (nominal 10 nl); ``depth_offset_mm`` is added
    to the commanded depth and ``depth_scale`` multiplies it (1.0 = no correction). ``expires_at`` None
    means the gun was never calibrated.
    """

    calibration_id: int
    volume_per_step_nl: float
    depth_offset_mm: float
    depth_scale: float
    calibrated_at: datetime | None
    expires_at: datetime | None


@dataclass(frozen=True)
class Diagnostics:
    """Lifetime counters kept by the gun (for the technician)."""

    shot_counter: int
    motor_seconds: int
    power_cycles: int
    frames_ok: int
    crc_errors: int
    watchdog_trips: int
    retransmissions_replayed: int


def device_info_from_wire(reply: HelloReply) -> DeviceInfo:
    """DeviceInfo from the HELLO reply."""
    caps = Capabilities(
        depth_min_mm=units.from_wire(reply.depth_min_um, units.DEPTH),
        depth_max_mm=units.from_wire(reply.depth_max_um, units.DEPTH),
        depth_step_mm=units.from_wire(reply.depth_step_um, units.DEPTH),
        volume_min_ul=units.from_wire(reply.volume_min_nl, units.VOLUME),
        volume_max_ul=units.from_wire(reply.volume_max_nl, units.VOLUME),
        flow_min_ul_s=units.from_wire(reply.flow_min_nl_s, units.FLOW),
        flow_max_ul_s=units.from_wire(reply.flow_max_nl_s, units.FLOW),
        burst_rate_min_per_s=units.from_wire(reply.burst_rate_min_mhz, units.RATE),
        burst_rate_max_per_s=units.from_wire(reply.burst_rate_max_mhz, units.RATE),
        modes=frozenset(mode for mode in Mode if reply.modes_mask & (1 << int(mode))),
        syringe_sizes_ml=tuple(reply.syringe_sizes_ml),
        watchdog_ms=reply.watchdog_ms,
        telemetry_max_hz=reply.telemetry_max_hz,
    )
    return DeviceInfo(
        model=reply.model,
        serial_number=reply.serial_number,
        firmware_version=reply.firmware_version,
        protocol_version=reply.protocol_version,
        schema_hash=reply.schema_hash,
        boot_id=reply.boot_id,
        capabilities=caps,
        last_event_number=reply.last_event_number,
    )


def status_from_wire(reply: StatusReply) -> DeviceStatus:
    """DeviceStatus from a STATUS reply. Raises DecodeError for a state, mode or time it cannot hold."""
    return DeviceStatus(
        state=wire_enum(DeviceState, reply.state, "state"),
        alarms=alarms_in(reply.alarms),
        config_id=reply.config_id,
        mode=wire_enum(Mode, reply.mode, "mode"),
        depth_mm=units.from_wire(reply.depth_um, units.DEPTH),
        volume_ul=units.from_wire(reply.volume_nl, units.VOLUME),
        flow_ul_s=units.from_wire(reply.flow_nl_s, units.FLOW),
        burst_rate_per_s=units.from_wire(reply.burst_rate_mhz, units.RATE),
        syringe_capacity_ml=units.from_wire(reply.syringe_capacity_ul, units.CAPACITY),
        syringe_remaining_ul=units.from_wire(reply.syringe_remaining_nl, units.VOLUME),
        battery_pct=reply.battery_pct,
        trigger_pressed=bool(reply.trigger_pressed),
        technician_mode=bool(reply.technician_mode),
        last_event_number=reply.last_event_number,
        acked_event_number=reply.acked_event_number,
        device_time=units.time_from_wire(reply.device_time_ms),
    )


def calibration_from_wire(reply: CalibrationReply) -> CalibrationFactors:
    """CalibrationFactors from a calibration read or write reply. Raises DecodeError past the year 9999."""
    return CalibrationFactors(
        calibration_id=reply.calibration_id,
        volume_per_step_nl=units.from_wire(reply.volume_per_step_pl, units.STEP_VOLUME),
        depth_offset_mm=units.from_wire(reply.depth_offset_um, units.DEPTH),
        depth_scale=units.from_wire(reply.depth_scale_ppm, units.SCALE),
        calibrated_at=units.time_from_wire_s(reply.calibrated_at_s),
        expires_at=units.time_from_wire_s(reply.expires_at_s),
    )


def diagnostics_from_wire(reply: DiagnosticsReply) -> Diagnostics:
    """Diagnostics from a DIAGNOSTICS reply."""
    return Diagnostics(
        shot_counter=reply.shot_counter,
        motor_seconds=reply.motor_seconds,
        power_cycles=reply.power_cycles,
        frames_ok=reply.frames_ok,
        crc_errors=reply.crc_errors,
        watchdog_trips=reply.watchdog_trips,
        retransmissions_replayed=reply.retransmissions_replayed,
    )


def check_reply(body: object) -> None:
    """Raise DecodeError when a reply body holds a value its host view cannot take.

    The link runs this on every response before handing it to the request waiting for it, so a
    damaged reply is dropped and counted (and the request retried) rather than raised in the caller.
    """
    if isinstance(body, StatusReply):
        status_from_wire(body)
    elif isinstance(body, HelloReply):
        device_info_from_wire(body)
    elif isinstance(body, CalibrationReply):
        calibration_from_wire(body)

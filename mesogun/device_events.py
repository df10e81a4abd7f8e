"""Events the gun reports (numbered, journaled on the device) and telemetry batches, in host units.

Wire messages are converted here once, through :mod:`mesogun.units`; nothing past this module sees
micrometres or nanolitres.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from firmware_protocol import (
    AlarmCode,
    AlarmPriority,
    DecodeError,
    DeviceState,
    Mode,
    ShotResult,
    StateChangeReason,
    wire_enum,
)
from firmware_protocol.columns import TelemetryColumns
from firmware_protocol.messages import (
    AlarmEvent,
    CalibrationEvent,
    PrimeEvent,
    ShotEvent,
    StateEvent,
    SyringeEvent,
    Telemetry,
    TriggerEvent,
)
from mesogun import units


@dataclass(frozen=True)
class Shot:
    """One delivery (a shot, or a continuous infusion that ended). Depths in mm, volumes in µl."""

    event_number: int
    device_time: datetime
    config_id: int
    mode: Mode
    commanded_depth_mm: float
    measured_depth_mm: float
    commanded_volume_ul: float
    delivered_volume_ul: float
    flow_ul_s: float
    result: ShotResult
    cause: AlarmCode
    syringe_remaining_ul: float


@dataclass(frozen=True)
class TriggerChanged:
    """The trigger was pressed or released."""

    event_number: int
    device_time: datetime
    pressed: bool


@dataclass(frozen=True)
class AlarmChanged:
    """An alarm was raised, or cleared (acknowledged and its condition gone)."""

    event_number: int
    device_time: datetime
    code: AlarmCode
    priority: AlarmPriority
    raised: bool


@dataclass(frozen=True)
class StateChanged:
    """The gun changed operating state, and why."""

    event_number: int
    device_time: datetime
    old: DeviceState
    new: DeviceState
    reason: StateChangeReason


@dataclass(frozen=True)
class Primed:
    """The line was primed (purged): ``volume_ul`` pushed out, not a dose."""

    event_number: int
    device_time: datetime
    volume_ul: float
    syringe_remaining_ul: float


@dataclass(frozen=True)
class SyringeLoaded:
    """A syringe of ``capacity_ml`` was loaded holding ``fill_ul``."""

    event_number: int
    device_time: datetime
    capacity_ml: float
    fill_ul: float


@dataclass(frozen=True)
class CalibrationWritten:
    """New calibration factors were stored in the gun."""

    event_number: int
    device_time: datetime
    calibration_id: int
    volume_per_step_nl: float
    depth_offset_mm: float


DeviceEvent = (
    Shot | TriggerChanged | AlarmChanged | StateChanged | Primed | SyringeLoaded | CalibrationWritten
)

EVENT_TYPES: tuple[type, ...] = (
    Shot,
    TriggerChanged,
    AlarmChanged,
    StateChanged,
    Primed,
    SyringeLoaded,
    CalibrationWritten,
)


@dataclass(frozen=True)
class TelemetryBatch:
    """Consecutive telemetry samples ``period_s`` apart, the first taken at ``device_time``.

    ``first_sample`` is the device's running sample counter; ``gap_before`` counts the samples lost
    (never received) just before this batch. Needle and plunger in mm, pressure in kPa above ambient,
    one sequence per channel (the link gives ``array('d')`` columns: no object per sample).
    """

    first_sample: int
    device_time: datetime
    period_s: float
    needle_mm: Sequence[float]
    plunger_mm: Sequence[float]
    pressure_kpa: Sequence[float]
    gap_before: int


def event_from_wire(message: object) -> DeviceEvent:
    """The host event of a wire event message.

    Raises TypeError for a message that is not an event, and DecodeError for an event the host
    cannot interpret (event number 0, an unknown enumeration value, a time past the year 9999).
    """
    number = getattr(message, "event_number", None)
    if number == 0:
        raise DecodeError(f"{type(message).__name__}: event number 0 (numbers start at 1)")
    if isinstance(message, ShotEvent):
        return Shot(
            event_number=message.event_number,
            device_time=units.time_from_wire(message.device_time_ms),
            config_id=message.config_id,
            mode=wire_enum(Mode, message.mode, "mode"),
            commanded_depth_mm=units.from_wire(message.commanded_depth_um, units.DEPTH),
            measured_depth_mm=units.from_wire(message.measured_depth_um, units.DEPTH),
            commanded_volume_ul=units.from_wire(message.commanded_volume_nl, units.VOLUME),
            delivered_volume_ul=units.from_wire(message.measured_volume_nl, units.VOLUME),
            flow_ul_s=units.from_wire(message.flow_nl_s, units.FLOW),
            result=wire_enum(ShotResult, message.result, "result"),
            cause=wire_enum(AlarmCode, message.cause, "cause"),
            syringe_remaining_ul=units.from_wire(message.syringe_remaining_nl, units.VOLUME),
        )
    if isinstance(message, TriggerEvent):
        return TriggerChanged(
            message.event_number, units.time_from_wire(message.device_time_ms), bool(message.pressed)
        )
    if isinstance(message, AlarmEvent):
        return AlarmChanged(
            event_number=message.event_number,
            device_time=units.time_from_wire(message.device_time_ms),
            code=wire_enum(AlarmCode, message.code, "code"),
            priority=wire_enum(AlarmPriority, message.priority, "priority"),
            raised=bool(message.raised),
        )
    if isinstance(message, StateEvent):
        return StateChanged(
            event_number=message.event_number,
            device_time=units.time_from_wire(message.device_time_ms),
            old=wire_enum(DeviceState, message.old_state, "old_state"),
            new=wire_enum(DeviceState, message.new_state, "new_state"),
            reason=wire_enum(StateChangeReason, message.reason, "reason"),
        )
    if isinstance(message, PrimeEvent):
        return Primed(
            message.event_number,
            units.time_from_wire(message.device_time_ms),
            units.from_wire(message.volume_nl, units.VOLUME),
            units.from_wire(message.syringe_remaining_nl, units.VOLUME),
        )
    if isinstance(message, SyringeEvent):
        return SyringeLoaded(
            message.event_number,
            units.time_from_wire(message.device_time_ms),
            units.from_wire(message.capacity_ul, units.CAPACITY),
            units.from_wire(message.fill_nl, units.VOLUME),
        )
    if isinstance(message, CalibrationEvent):
        return CalibrationWritten(
            message.event_number,
            units.time_from_wire(message.device_time_ms),
            message.calibration_id,
            units.from_wire(message.volume_per_step_pl, units.STEP_VOLUME),
            units.from_wire(message.depth_offset_um, units.DEPTH),
        )
    raise TypeError(f"{type(message).__name__} is not a device event")


def telemetry_from_wire(message: Telemetry | TelemetryColumns, gap_before: int) -> TelemetryBatch:
    """A TelemetryBatch from a wire Telemetry batch (decoded by channel, or as a message); the caller
    computes ``gap_before``.

    Raises DecodeError for a batch the host cannot interpret (a time past the year 9999).
    """
    columns = message if isinstance(message, TelemetryColumns) else TelemetryColumns.from_message(message)
    return TelemetryBatch(
        first_sample=columns.first_sample,
        device_time=units.time_from_wire(columns.device_time_ms),
        period_s=columns.period_us / 1_000_000,
        needle_mm=units.column_from_wire(columns.needle_um, units.DEPTH),
        plunger_mm=units.column_from_wire(columns.plunger_um, units.DEPTH),
        pressure_kpa=units.column_from_wire(columns.pressure_hpa, units.PRESSURE),
        gap_before=gap_before,
    )


class EventSink(Protocol):
    """Where device events become durable (the dose journal).

    ``store`` returns only once the event is durable, and ignores an event it already holds (same
    device serial and event number). The link calls both methods from one dispatcher thread, in
    event-number order, and acknowledges an event to the gun only after ``store`` returned.
    """

    def last_event_number(self, device_serial: str) -> int:
        """Highest event number durably held for this gun (0 if none)."""
        ...

    def store(self, device_serial: str, event: DeviceEvent) -> None:
        """Make ``event`` durable (or do nothing if it is already held)."""
        ...

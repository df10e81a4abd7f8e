"""The message table: every message of the protocol, in one place.

Each message is a frozen dataclass whose fields carry their wire type in ``Annotated``. The codec,
the schema hash, PROTOCOL.md's message reference and the test vectors are all derived from the
classes listed in :data:`REQUESTS`, :data:`EVENTS` and :data:`STREAMS`; change a field here and the
schema hash changes, so a host and a firmware built from different tables refuse each other.

Units are in the field names: ``_um`` micrometres, ``_nl`` nanolitres, ``_nl_s`` nanolitres per
second, ``_ms`` milliseconds, ``_mhz`` millihertz (shots per 1000 s), ``_hpa`` hectopascals,
``_pct`` percent, ``_ppm`` parts per million, ``_pl`` picolitres.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Annotated, ClassVar

from firmware_protocol.constants import TELEMETRY_MAX_SAMPLES
from firmware_protocol.wire_types import I16, I32, U8, U16, U32, U64, Array, Blob, Text

PROTOCOL_VERSION = 1


class Kind(Enum):
    """How a message behaves on the link."""

    QUERY = "query"  # request without side effects on delivery: may be re-sent freely
    ACTION = "action"  # request that acts: executed at most once, re-sent only flagged
    EVENT = "event"  # device → host, journaled, numbered, re-sent until acknowledged
    STREAM = "stream"  # device → host, best effort (telemetry)


# ---------------------------------------------------------------- shared records


@dataclass(frozen=True)
class ErrorDetail:
    """Body of every response whose status is not OK. Its layout is frozen across versions."""

    field_index: Annotated[int, U8]  # index of the offending request field, 255 if none
    value: Annotated[int, I32]  # the value received (0 if not applicable)
    minimum: Annotated[int, I32]  # the allowed range (0, 0 if not applicable)
    maximum: Annotated[int, I32]
    alarms: Annotated[int, U32]  # active alarm mask at the time of the refusal


NO_FIELD = 255


@dataclass(frozen=True)
class TelemetrySample:
    """One telemetry sample (6 bytes)."""

    needle_um: Annotated[int, U16]  # needle protrusion beyond the nose cone
    plunger_um: Annotated[int, U16]  # plunger travel since the syringe was loaded, modulo 65.536 mm
    pressure_hpa: Annotated[int, U16]  # line pressure above ambient


# ---------------------------------------------------------------- requests and their replies


@dataclass(frozen=True)
class Hello:
    """Handshake; must be the first request of a connection. Layout frozen across versions."""

    MSG_ID: ClassVar[int] = 0x01
    KIND: ClassVar[Kind] = Kind.QUERY
    protocol_version: Annotated[int, U8]
    schema_hash: Annotated[int, U32]
    host_name: Annotated[str, Text(32)]


@dataclass(frozen=True)
class HelloReply:
    """The device's identity, capabilities (in wire units) and boot id."""

    protocol_version: Annotated[int, U8]
    schema_hash: Annotated[int, U32]
    boot_id: Annotated[int, U32]  # random per power-on: a change means the device restarted
    model: Annotated[str, Text(32)]
    serial_number: Annotated[str, Text(32)]
    firmware_version: Annotated[str, Text(16)]
    depth_min_um: Annotated[int, U16]
    depth_max_um: Annotated[int, U16]
    depth_step_um: Annotated[int, U16]
    volume_min_nl: Annotated[int, U32]
    volume_max_nl: Annotated[int, U32]
    flow_min_nl_s: Annotated[int, U32]
    flow_max_nl_s: Annotated[int, U32]
    burst_rate_min_mhz: Annotated[int, U16]
    burst_rate_max_mhz: Annotated[int, U16]
    modes_mask: Annotated[int, U8]  # bit (1 << Mode)
    syringe_sizes_ml: Annotated[bytes, Blob(8)]  # each byte: a supported capacity in millilitres
    watchdog_ms: Annotated[int, U16]
    telemetry_max_hz: Annotated[int, U16]
    last_event_number: Annotated[int, U32]


@dataclass(frozen=True)
class GetStatus:
    """Current state of the device."""

    MSG_ID: ClassVar[int] = 0x02
    KIND: ClassVar[Kind] = Kind.QUERY


@dataclass(frozen=True)
class StatusReply:
    """Everything a reconnecting host needs to know about the device."""

    state: Annotated[int, U8]  # DeviceState
    alarms: Annotated[int, U32]  # mask of active (latched or present) alarms
    config_id: Annotated[int, U16]  # 0 when not configured
    mode: Annotated[int, U8]
    depth_um: Annotated[int, U16]
    volume_nl: Annotated[int, U32]
    flow_nl_s: Annotated[int, U32]
    burst_rate_mhz: Annotated[int, U16]
    syringe_capacity_ul: Annotated[int, U32]  # 0 when no syringe
    syringe_remaining_nl: Annotated[int, U32]
    battery_pct: Annotated[int, U8]
    trigger_pressed: Annotated[int, U8]
    technician_mode: Annotated[int, U8]
    last_event_number: Annotated[int, U32]
    acked_event_number: Annotated[int, U32]
    device_time_ms: Annotated[int, U64]  # device clock, ms since 1970-01-01 UTC


@dataclass(frozen=True)
class Configure:
    """Set the whole delivery configuration at once; the device answers a new configuration id."""

    MSG_ID: ClassVar[int] = 0x03
    KIND: ClassVar[Kind] = Kind.ACTION
    mode: Annotated[int, U8]
    depth_um: Annotated[int, U16]
    volume_nl: Annotated[int, U32]  # per shot; in CONTINUOUS mode: the volume to infuse
    flow_nl_s: Annotated[int, U32]
    burst_rate_mhz: Annotated[int, U16]  # BURST only; other modes accept any in-range value


@dataclass(frozen=True)
class ConfigureReply:
    """The id of the configuration just stored; SHOT events quote it."""

    config_id: Annotated[int, U16]


@dataclass(frozen=True)
class Arm:
    """Make the device ready: a trigger press or FIRE then delivers the configuration, at most
    ``shot_limit`` shots (0: no limit) before the device disarms itself."""

    MSG_ID: ClassVar[int] = 0x04
    KIND: ClassVar[Kind] = Kind.ACTION
    shot_limit: Annotated[int, U16] = 0  # no limit unless the host sets one


@dataclass(frozen=True)
class Disarm:
    """Return from ARMED to IDLE (the needle stays retracted)."""

    MSG_ID: ClassVar[int] = 0x05
    KIND: ClassVar[Kind] = Kind.ACTION


@dataclass(frozen=True)
class StateReply:
    """The device state after the request was handled."""

    state: Annotated[int, U8]


@dataclass(frozen=True)
class Fire:
    """Host-commanded delivery (foot pedal, calibration): ``count`` shots at the configured rate."""

    MSG_ID: ClassVar[int] = 0x06
    KIND: ClassVar[Kind] = Kind.ACTION
    count: Annotated[int, U8]  # 1..50; CONTINUOUS mode: must be 1


@dataclass(frozen=True)
class FireReply:
    """Where the event numbers of this delivery start."""

    first_event_number: Annotated[int, U32]  # SHOT events will carry numbers from here on


@dataclass(frozen=True)
class Stop:
    """Emergency stop: halts the motor, retracts the needle, disarms. Accepted in every state."""

    MSG_ID: ClassVar[int] = 0x07
    KIND: ClassVar[Kind] = Kind.QUERY  # idempotent: safe to repeat


@dataclass(frozen=True)
class Prime:
    """Push ``volume_nl`` through the line to purge air (needle not in skin). Not a dose."""

    MSG_ID: ClassVar[int] = 0x08
    KIND: ClassVar[Kind] = Kind.ACTION
    volume_nl: Annotated[int, U32]


@dataclass(frozen=True)
class LoadSyringe:
    """Declare a newly loaded syringe: nominal capacity and the volume actually drawn into it."""

    MSG_ID: ClassVar[int] = 0x09
    KIND: ClassVar[Kind] = Kind.ACTION
    capacity_ul: Annotated[int, U32]
    fill_nl: Annotated[int, U32]


@dataclass(frozen=True)
class AckAlarm:
    """Acknowledge one alarm code, or every alarm with code 255."""

    MSG_ID: ClassVar[int] = 0x0A
    KIND: ClassVar[Kind] = Kind.QUERY  # idempotent
    code: Annotated[int, U8]


@dataclass(frozen=True)
class AlarmsReply:
    """Alarms still active after the acknowledgement."""

    alarms: Annotated[int, U32]  # alarms still active after the acknowledgement


@dataclass(frozen=True)
class Heartbeat:
    """Keep-alive. Any valid frame feeds the watchdog; this one exists for idle periods."""

    MSG_ID: ClassVar[int] = 0x0B
    KIND: ClassVar[Kind] = Kind.QUERY


@dataclass(frozen=True)
class HeartbeatReply:
    """A compact status, so a keep-alive also tells the host what changed."""

    state: Annotated[int, U8]
    alarms: Annotated[int, U32]
    last_event_number: Annotated[int, U32]


@dataclass(frozen=True)
class AckEvents:
    """Cumulative acknowledgement: every event up to and including ``through_event_number``."""

    MSG_ID: ClassVar[int] = 0x0C
    KIND: ClassVar[Kind] = Kind.QUERY  # idempotent
    through_event_number: Annotated[int, U32]


@dataclass(frozen=True)
class AckEventsReply:
    """Where acknowledgement stands after the request."""

    acked_event_number: Annotated[int, U32]
    last_event_number: Annotated[int, U32]


@dataclass(frozen=True)
class RequestEvents:
    """Ask the device to (re)send journaled events numbered from ``from_event_number``."""

    MSG_ID: ClassVar[int] = 0x0D
    KIND: ClassVar[Kind] = Kind.QUERY
    from_event_number: Annotated[int, U32]
    max_count: Annotated[int, U8]


@dataclass(frozen=True)
class RequestEventsReply:
    """How many events the device is re-sending now."""

    sent_count: Annotated[int, U8]
    last_event_number: Annotated[int, U32]


@dataclass(frozen=True)
class ConfigureTelemetry:
    """Telemetry sampling rate (0 switches telemetry off) and channel mask."""

    MSG_ID: ClassVar[int] = 0x0E
    KIND: ClassVar[Kind] = Kind.QUERY  # idempotent
    rate_hz: Annotated[int, U16]
    channels: Annotated[int, U8]


@dataclass(frozen=True)
class TelemetryReply:
    """The telemetry rate in force and the batch size it implies."""

    rate_hz: Annotated[int, U16]
    samples_per_batch: Annotated[int, U8]


@dataclass(frozen=True)
class ReadCalibration:
    """Read the calibration factors in force."""

    MSG_ID: ClassVar[int] = 0x0F
    KIND: ClassVar[Kind] = Kind.QUERY


@dataclass(frozen=True)
class CalibrationReply:
    """The calibration factors in force."""

    calibration_id: Annotated[int, U32]
    volume_per_step_pl: Annotated[int, U32]  # plunger volume per motor step the firmware assumes
    depth_offset_um: Annotated[int, I16]
    depth_scale_ppm: Annotated[int, U32]  # 1 000 000 = no correction
    calibrated_at_s: Annotated[int, U32]  # Unix seconds
    expires_at_s: Annotated[int, U32]  # Unix seconds; 0 = never calibrated


@dataclass(frozen=True)
class WriteCalibration:
    """Store new calibration factors. Refused (NOT_PERMITTED) outside technician mode."""

    MSG_ID: ClassVar[int] = 0x10
    KIND: ClassVar[Kind] = Kind.ACTION
    calibration_id: Annotated[int, U32]
    volume_per_step_pl: Annotated[int, U32]
    depth_offset_um: Annotated[int, I16]
    depth_scale_ppm: Annotated[int, U32]
    calibrated_at_s: Annotated[int, U32]
    expires_at_s: Annotated[int, U32]


@dataclass(frozen=True)
class SetTechnicianMode:
    """Enter (with the access code) or leave technician mode. Leaving needs no code."""

    MSG_ID: ClassVar[int] = 0x11
    KIND: ClassVar[Kind] = Kind.ACTION
    enable: Annotated[int, U8]
    access_code: Annotated[int, U32]


@dataclass(frozen=True)
class TechnicianModeReply:
    """Whether technician mode is on after the request."""

    technician_mode: Annotated[int, U8]


@dataclass(frozen=True)
class SelfTest:
    """Run the built-in self-test (needle sweep, motor, pressure sensor, battery). IDLE only."""

    MSG_ID: ClassVar[int] = 0x12
    KIND: ClassVar[Kind] = Kind.ACTION


@dataclass(frozen=True)
class SelfTestReply:
    """Result of the self-test."""

    failures: Annotated[int, U32]  # alarm mask of the checks that failed; 0 = passed


@dataclass(frozen=True)
class GetDiagnostics:
    """Read the lifetime counters (service and link-quality information)."""

    MSG_ID: ClassVar[int] = 0x13
    KIND: ClassVar[Kind] = Kind.QUERY


@dataclass(frozen=True)
class DiagnosticsReply:
    """Lifetime counters, kept in non-volatile memory."""

    shot_counter: Annotated[int, U32]
    motor_seconds: Annotated[int, U32]
    power_cycles: Annotated[int, U32]
    frames_ok: Annotated[int, U32]
    crc_errors: Annotated[int, U32]
    watchdog_trips: Annotated[int, U32]
    retransmissions_replayed: Annotated[int, U32]


#: Each request type and the body of its OK response (None: empty body).
REPLY_OF: dict[type, type | None] = {
    Hello: HelloReply,
    GetStatus: StatusReply,
    Configure: ConfigureReply,
    Arm: StateReply,
    Disarm: StateReply,
    Fire: FireReply,
    Stop: StateReply,
    Prime: StateReply,
    LoadSyringe: StatusReply,
    AckAlarm: AlarmsReply,
    Heartbeat: HeartbeatReply,
    AckEvents: AckEventsReply,
    RequestEvents: RequestEventsReply,
    ConfigureTelemetry: TelemetryReply,
    ReadCalibration: CalibrationReply,
    WriteCalibration: CalibrationReply,
    SetTechnicianMode: TechnicianModeReply,
    SelfTest: SelfTestReply,
    GetDiagnostics: DiagnosticsReply,
}

REQUESTS: tuple[type, ...] = tuple(REPLY_OF)


# ---------------------------------------------------------------- events (device → host, journaled)


@dataclass(frozen=True)
class ShotEvent:
    """One delivery: a shot, or a continuous infusion that ended."""

    MSG_ID: ClassVar[int] = 0x40
    KIND: ClassVar[Kind] = Kind.EVENT
    event_number: Annotated[int, U32]
    device_time_ms: Annotated[int, U64]
    config_id: Annotated[int, U16]
    mode: Annotated[int, U8]
    commanded_depth_um: Annotated[int, U16]
    measured_depth_um: Annotated[int, U16]
    commanded_volume_nl: Annotated[int, U32]
    measured_volume_nl: Annotated[int, U32]
    flow_nl_s: Annotated[int, U32]
    result: Annotated[int, U8]  # ShotResult
    cause: Annotated[int, U8]  # AlarmCode, NONE when complete
    syringe_remaining_nl: Annotated[int, U32]


@dataclass(frozen=True)
class TriggerEvent:
    """The trigger was pressed or released (whether or not it delivered)."""

    MSG_ID: ClassVar[int] = 0x41
    KIND: ClassVar[Kind] = Kind.EVENT
    event_number: Annotated[int, U32]
    device_time_ms: Annotated[int, U64]
    pressed: Annotated[int, U8]


@dataclass(frozen=True)
class AlarmEvent:
    """An alarm was raised, or cleared (acknowledged and its condition gone)."""

    MSG_ID: ClassVar[int] = 0x42
    KIND: ClassVar[Kind] = Kind.EVENT
    event_number: Annotated[int, U32]
    device_time_ms: Annotated[int, U64]
    code: Annotated[int, U8]  # AlarmCode
    priority: Annotated[int, U8]  # AlarmPriority
    raised: Annotated[int, U8]  # 1 raised, 0 cleared (acknowledged and condition gone)


@dataclass(frozen=True)
class StateEvent:
    """The device changed state."""

    MSG_ID: ClassVar[int] = 0x43
    KIND: ClassVar[Kind] = Kind.EVENT
    event_number: Annotated[int, U32]
    device_time_ms: Annotated[int, U64]
    old_state: Annotated[int, U8]
    new_state: Annotated[int, U8]
    reason: Annotated[int, U8]  # StateChangeReason


@dataclass(frozen=True)
class PrimeEvent:
    """A prime (purge) finished; its volume left the syringe but is not a dose."""

    MSG_ID: ClassVar[int] = 0x44
    KIND: ClassVar[Kind] = Kind.EVENT
    event_number: Annotated[int, U32]
    device_time_ms: Annotated[int, U64]
    volume_nl: Annotated[int, U32]
    syringe_remaining_nl: Annotated[int, U32]


@dataclass(frozen=True)
class SyringeEvent:
    """A syringe was declared loaded."""

    MSG_ID: ClassVar[int] = 0x45
    KIND: ClassVar[Kind] = Kind.EVENT
    event_number: Annotated[int, U32]
    device_time_ms: Annotated[int, U64]
    capacity_ul: Annotated[int, U32]
    fill_nl: Annotated[int, U32]


@dataclass(frozen=True)
class CalibrationEvent:
    """New calibration factors were stored."""

    MSG_ID: ClassVar[int] = 0x46
    KIND: ClassVar[Kind] = Kind.EVENT
    event_number: Annotated[int, U32]
    device_time_ms: Annotated[int, U64]
    calibration_id: Annotated[int, U32]
    volume_per_step_pl: Annotated[int, U32]
    depth_offset_um: Annotated[int, I16]


EVENTS: tuple[type, ...] = (
    ShotEvent,
    TriggerEvent,
    AlarmEvent,
    StateEvent,
    PrimeEvent,
    SyringeEvent,
    CalibrationEvent,
)


# ---------------------------------------------------------------- streams (device → host, best effort)


@dataclass(frozen=True)
class Telemetry:
    """A batch of consecutive samples. ``first_sample`` counts every sample taken, so gaps show."""

    MSG_ID: ClassVar[int] = 0x60
    KIND: ClassVar[Kind] = Kind.STREAM
    first_sample: Annotated[int, U32]
    device_time_ms: Annotated[int, U64]  # time of the first sample
    period_us: Annotated[int, U32]
    samples: Annotated[tuple[TelemetrySample, ...], Array(TelemetrySample, TELEMETRY_MAX_SAMPLES)]


STREAMS: tuple[type, ...] = (Telemetry,)

RESPONSE_BIT = 0x80  # a response's message type is its request's type with this bit set

#: Every message class of the table, in id order within each group (requests, events, streams).
MESSAGES: tuple[type, ...] = (*REQUESTS, *EVENTS, *STREAMS)


# ---------------------------------------------------------------- typed access to the class constants


@dataclass(frozen=True)
class MessageSpec:
    """What the table says about one message class: its id and how it behaves on the link."""

    cls: type
    msg_id: int
    kind: Kind

    @property
    def name(self) -> str:
        return self.cls.__name__

    @property
    def is_request(self) -> bool:
        return self.cls in REPLY_OF

    @property
    def reply(self) -> type | None:
        """Body class of the OK response (None: empty body). Only requests have one."""
        return REPLY_OF.get(self.cls)


def _spec_of(cls: type) -> MessageSpec:
    msg_id = cls.__dict__.get("MSG_ID")
    kind = cls.__dict__.get("KIND")
    if not isinstance(msg_id, int) or not isinstance(kind, Kind):
        raise TypeError(f"{cls.__name__} declares no MSG_ID and KIND")
    return MessageSpec(cls, msg_id, kind)


_SPECS: dict[type, MessageSpec] = {cls: _spec_of(cls) for cls in MESSAGES}


def message_spec(cls: type) -> MessageSpec:
    """The :class:`MessageSpec` of a message class of the table. Raises TypeError for any other class."""
    try:
        return _SPECS[cls]
    except KeyError:
        raise TypeError(f"{cls.__name__} is not a message of the table") from None

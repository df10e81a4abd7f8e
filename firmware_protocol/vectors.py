"""Test vectors: worked frames with their decoded meaning, written to ``vectors.json``.

Every byte-level test (codec, simulator, host link) and a firmware's own unit tests can check
themselves against the same frames. The decoded view of each valid frame is produced by decoding its
bytes here, so the file cannot disagree with the codec; a test fails when the file is stale.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from firmware_protocol.cobs import cobs_encode
from firmware_protocol.codec import (
    Packet,
    decode_frame,
    encode_body,
    encode_message,
    encode_response,
    wire_fields,
)
from firmware_protocol.enums import (
    AlarmCode,
    AlarmPriority,
    DeviceState,
    Mode,
    ShotResult,
    StateChangeReason,
    Status,
    alarm_mask,
)
from firmware_protocol.framing import FrameDecoder, crc16
from firmware_protocol.messages import (
    NO_FIELD,
    PROTOCOL_VERSION,
    AckAlarm,
    AckEvents,
    AckEventsReply,
    AlarmEvent,
    AlarmsReply,
    Arm,
    CalibrationEvent,
    CalibrationReply,
    Configure,
    ConfigureReply,
    ConfigureTelemetry,
    DiagnosticsReply,
    Disarm,
    ErrorDetail,
    Fire,
    FireReply,
    GetDiagnostics,
    GetStatus,
    Heartbeat,
    HeartbeatReply,
    Hello,
    HelloReply,
    Kind,
    LoadSyringe,
    Prime,
    PrimeEvent,
    ReadCalibration,
    RequestEvents,
    RequestEventsReply,
    SelfTest,
    SelfTestReply,
    SetTechnicianMode,
    ShotEvent,
    StateEvent,
    StateReply,
    StatusReply,
    Stop,
    SyringeEvent,
    TechnicianModeReply,
    Telemetry,
    TelemetryReply,
    TelemetrySample,
    TriggerEvent,
    WriteCalibration,
    message_spec,
)
from firmware_protocol.schema import SCHEMA_HASH
from firmware_protocol.wire_types import Array, Blob, as_int32

# A device clock reading (2025-03-14T09:30:00Z) and the host's first sequence number of the examples.
T0_MS = 1_741_944_600_000
HOST_SEQ = 0x2A10

DEVICE_INFO = HelloReply(
    protocol_version=PROTOCOL_VERSION,
    schema_hash=SCHEMA_HASH,
    boot_id=0x5EED0001,
    model="MESOGUN-SIM",
    serial_number="SIM-0001",
    firmware_version="1.0.0",
    depth_min_um=0,
    depth_max_um=13_000,
    depth_step_um=100,
    volume_min_nl=1_000,
    volume_max_nl=500_000,
    flow_min_nl_s=5_000,
    flow_max_nl_s=500_000,
    burst_rate_min_mhz=1_000,
    burst_rate_max_mhz=9_000,
    modes_mask=0b111,
    syringe_sizes_ml=bytes([2, 3, 5, 10]),
    watchdog_ms=500,
    telemetry_max_hz=1_000,
    last_event_number=41,
)
NAPPAGE = Configure(
    mode=Mode.BURST, depth_um=1_000, volume_nl=20_000, flow_nl_s=100_000, burst_rate_mhz=5_000
)


@dataclass(frozen=True)
class Example:
    """One valid frame of the vectors."""

    name: str
    description: str
    wire: bytes


@dataclass(frozen=True)
class BadFrame:
    """Bytes a receiver must reject: dropped by the frame decoder, or answered with an error status."""

    name: str
    description: str
    wire: bytes
    drop: str | None = None  # crc, cobs, oversize, runt
    device_status: Status | None = None  # for CRC-valid junk: what the device answers
    device_response: bytes | None = None  # the whole answer, where its bytes are the point


def _request(seq: int, message: object, *, retransmit: bool = False) -> bytes:
    return encode_message(message, seq, retransmit=retransmit)


def _error(request: type, seq: int, status: Status, detail: ErrorDetail) -> bytes:
    return encode_response(request, seq, status, error=detail)


def examples() -> list[Example]:
    """The valid frames, in the order of a session: handshake, configuration, delivery, events."""
    s = HOST_SEQ
    status = StatusReply(
        state=DeviceState.IDLE,
        alarms=0,
        config_id=0,
        mode=0,
        depth_um=0,
        volume_nl=0,
        flow_nl_s=0,
        burst_rate_mhz=0,
        syringe_capacity_ul=5_000,
        syringe_remaining_nl=4_800_000,
        battery_pct=87,
        trigger_pressed=0,
        technician_mode=0,
        last_event_number=41,
        acked_event_number=41,
        device_time_ms=T0_MS,
    )
    calibration = CalibrationReply(7, 10_600, -20, 1_000_000, 1_741_900_000, 1_773_436_000)
    shot = ShotEvent(
        event_number=42,
        device_time_ms=T0_MS + 1_250,
        config_id=3,
        mode=Mode.BURST,
        commanded_depth_um=1_000,
        measured_depth_um=990,
        commanded_volume_nl=20_000,
        measured_volume_nl=20_000,
        flow_nl_s=100_000,
        result=ShotResult.COMPLETE,
        cause=AlarmCode.NONE,
        syringe_remaining_nl=4_760_000,
    )
    partial = replace(
        shot,
        event_number=43,
        device_time_ms=T0_MS + 1_450,
        measured_depth_um=1_010,
        measured_volume_nl=12_000,
        result=ShotResult.PARTIAL,
        cause=AlarmCode.OCCLUSION,
        syringe_remaining_nl=4_748_000,
    )
    # A SINGLE shot of 50 µl cut by a power loss after 22 µl; reported after power-on, numbered before
    # the power-on's STATE event. The device's frame counter starts again at 0 after a power-on.
    interrupted = replace(
        shot,
        event_number=50,
        device_time_ms=T0_MS + 20_000,
        config_id=4,
        mode=Mode.SINGLE,
        commanded_depth_um=4_000,
        measured_depth_um=3_990,
        commanded_volume_nl=50_000,
        measured_volume_nl=22_000,
        flow_nl_s=20_000,
        result=ShotResult.INTERRUPTED,
        cause=AlarmCode.POWER_LOSS,
        syringe_remaining_nl=4_676_000,
    )
    samples = tuple(TelemetrySample(1_000 + 5 * i, 31_000 + i, 120 + (i % 3)) for i in range(20))
    return [
        Example(
            "hello",
            "HELLO: the host's first request on a new link.",
            _request(s, Hello(PROTOCOL_VERSION, SCHEMA_HASH, "mesogun")),
        ),
        Example(
            "hello_reply",
            "HELLO answered: identity, capabilities, boot id, newest event.",
            encode_response(Hello, s, Status.OK, DEVICE_INFO),
        ),
        Example(
            "hello_schema_mismatch",
            "HELLO from a host built from another message table: "
            "SCHEMA_MISMATCH, value = the device's hash as an int32 bit pattern, field 1.",
            _error(
                Hello,
                s,
                Status.SCHEMA_MISMATCH,
                ErrorDetail(1, as_int32(SCHEMA_HASH), 0, 0, 0),
            ),
        ),
        Example(
            "hello_protocol_mismatch",
            "HELLO naming another protocol version: PROTOCOL_MISMATCH, "
            "value and range = the version the device speaks.",
            _error(Hello, s, Status.PROTOCOL_MISMATCH, ErrorDetail(0, 1, 1, 1, 0)),
        ),
        Example(
            "handshake_required",
            "GET_STATUS before any HELLO on this link: HANDSHAKE_REQUIRED.",
            _error(GetStatus, s + 1, Status.HANDSHAKE_REQUIRED, ErrorDetail(NO_FIELD, 0, 0, 0, 0)),
        ),
        Example("get_status", "GET_STATUS (a query: empty payload).", _request(s + 1, GetStatus())),
        Example(
            "status_reply",
            "Status: IDLE, not configured, 5 ml syringe with 4.8 ml, battery 87 %.",
            encode_response(GetStatus, s + 1, Status.OK, status),
        ),
        Example(
            "configure",
            "CONFIGURE nappage: BURST, 1.0 mm, 20 µl per shot, 100 µl/s, 5 shots/s.",
            _request(s + 2, NAPPAGE),
        ),
        Example(
            "configure_reply",
            "CONFIGURE accepted: configuration id 3.",
            encode_response(Configure, s + 2, Status.OK, ConfigureReply(3)),
        ),
        Example(
            "configure_retransmission",
            "The same CONFIGURE sent again with the retransmission flag "
            "(its response was lost): the device replays configure_reply without acting.",
            _request(s + 2, NAPPAGE, retransmit=True),
        ),
        Example(
            "configure_out_of_range",
            "CONFIGURE with depth 14 000 µm: OUT_OF_RANGE naming field 1 "
            "(depth_um), the value and the allowed range 0..13 000.",
            _error(Configure, s + 3, Status.OUT_OF_RANGE, ErrorDetail(1, 14_000, 0, 13_000, 0)),
        ),
        Example(
            "bad_request_sequence_reuse",
            "A flagged request whose sequence number is cached with "
            "other content: BAD_REQUEST, nothing executed.",
            _error(Configure, s + 2, Status.BAD_REQUEST, ErrorDetail(NO_FIELD, 0, 0, 0, 0)),
        ),
        Example("arm", "ARM, at most 25 shots before the device disarms itself.", _request(s + 4, Arm(25))),
        Example(
            "arm_reply",
            "ARM accepted: ARMED.",
            encode_response(Arm, s + 4, Status.OK, StateReply(DeviceState.ARMED)),
        ),
        Example(
            "arm_alarm_active",
            "ARM refused: occlusion latched (error body: alarm mask).",
            _error(
                Arm,
                s + 4,
                Status.ALARM_ACTIVE,
                ErrorDetail(NO_FIELD, 0, 0, 0, alarm_mask({AlarmCode.OCCLUSION})),
            ),
        ),
        Example("heartbeat", "HEARTBEAT (every 100 ms while armed).", _request(s + 5, Heartbeat())),
        Example(
            "heartbeat_reply",
            "HEARTBEAT answered: ARMED, no alarm, newest event 41.",
            encode_response(Heartbeat, s + 5, Status.OK, HeartbeatReply(DeviceState.ARMED, 0, 41)),
        ),
        Example("fire", "FIRE 1 shot (foot pedal).", _request(s + 6, Fire(1))),
        Example(
            "fire_reply",
            "FIRE accepted: this delivery's events are numbered from 42.",
            encode_response(Fire, s + 6, Status.OK, FireReply(42)),
        ),
        Example(
            "fire_not_armed",
            "FIRE while IDLE: NOT_ARMED.",
            _error(Fire, s + 6, Status.NOT_ARMED, ErrorDetail(NO_FIELD, 0, 0, 0, 0)),
        ),
        Example(
            "shot_event",
            "SHOT #42 complete: 20 µl at 0.99 mm (device frame counter 0x0101).",
            _request(0x0101, shot),
        ),
        Example(
            "shot_event_resent",
            "SHOT #42 re-sent 250 ms later, not yet acknowledged.",
            _request(0x0105, shot, retransmit=True),
        ),
        Example(
            "shot_event_partial",
            "SHOT #43 partial: 12 of 20 µl, stopped by an occlusion.",
            _request(0x0106, partial),
        ),
        Example(
            "shot_event_interrupted",
            "SHOT #50 interrupted: a power loss cut a 50 µl shot after 22 µl; journaled at the next "
            "power-on, before its STATE event, and sent as that power-on's first event frame.",
            _request(0x0000, interrupted),
        ),
        Example(
            "state_event_power_on",
            "STATE #51: DELIVERING → IDLE, reason POWER_ON, right after the interrupted shot #50.",
            _request(
                0x0001,
                StateEvent(
                    51, T0_MS + 95_000, DeviceState.DELIVERING, DeviceState.IDLE, StateChangeReason.POWER_ON
                ),
            ),
        ),
        Example(
            "trigger_event", "TRIGGER #44: pressed.", _request(0x0107, TriggerEvent(44, T0_MS + 2_000, 1))
        ),
        Example(
            "alarm_event",
            "ALARM #45: OCCLUSION raised, high priority.",
            _request(0x0108, AlarmEvent(45, T0_MS + 1_450, AlarmCode.OCCLUSION, AlarmPriority.HIGH, 1)),
        ),
        Example(
            "state_event",
            "STATE #46: DELIVERING → FAULT because of an alarm.",
            _request(
                0x0109,
                StateEvent(
                    46, T0_MS + 1_450, DeviceState.DELIVERING, DeviceState.FAULT, StateChangeReason.ALARM
                ),
            ),
        ),
        Example(
            "prime_event",
            "PRIME #47: 50 µl pushed through the line.",
            _request(0x010A, PrimeEvent(47, T0_MS + 9_000, 50_000, 4_698_000)),
        ),
        Example(
            "syringe_event",
            "SYRINGE #48: 5 ml syringe loaded with 4.8 ml.",
            _request(0x010B, SyringeEvent(48, T0_MS + 10_000, 5_000, 4_800_000)),
        ),
        Example(
            "calibration_event",
            "CALIBRATION #49: 10 600 pl per step, depth offset -20 µm.",
            _request(0x010C, CalibrationEvent(49, T0_MS + 11_000, 7, 10_600, -20)),
        ),
        Example("ack_events", "ACK_EVENTS through #45 (cumulative).", _request(s + 7, AckEvents(45))),
        Example(
            "ack_events_reply",
            "Acknowledged through 45; newest is 49.",
            encode_response(AckEvents, s + 7, Status.OK, AckEventsReply(45, 49)),
        ),
        Example(
            "request_events", "REQUEST_EVENTS from #46, at most 32.", _request(s + 8, RequestEvents(46, 32))
        ),
        Example(
            "request_events_reply",
            "4 events (#46..#49) follow this response.",
            encode_response(RequestEvents, s + 8, Status.OK, RequestEventsReply(4, 49)),
        ),
        Example("stop", "STOP (emergency stop; a query: safe to repeat).", _request(s + 9, Stop())),
        Example("stop_reply", "STOP done: IDLE.", encode_response(Stop, s + 9, Status.OK, StateReply(0))),
        Example("ack_alarm_all", "ACK_ALARM 255: acknowledge every alarm.", _request(s + 10, AckAlarm(255))),
        Example(
            "ack_alarm_reply",
            "Alarms acknowledged; none remains active.",
            encode_response(AckAlarm, s + 10, Status.OK, AlarmsReply(0)),
        ),
        Example("prime", "PRIME 50 µl.", _request(s + 11, Prime(50_000))),
        Example(
            "prime_reply",
            "PRIME started: PRIMING.",
            encode_response(Prime, s + 11, Status.OK, StateReply(DeviceState.PRIMING)),
        ),
        Example(
            "load_syringe",
            "LOAD_SYRINGE: 5 ml syringe holding 4.8 ml.",
            _request(s + 12, LoadSyringe(5_000, 4_800_000)),
        ),
        Example(
            "load_syringe_reply",
            "LOAD_SYRINGE accepted (reply: the status).",
            encode_response(LoadSyringe, s + 12, Status.OK, status),
        ),
        Example(
            "configure_telemetry",
            "CONFIGURE_TELEMETRY 1 kHz, all channels.",
            _request(s + 13, ConfigureTelemetry(1_000, 7)),
        ),
        Example(
            "configure_telemetry_reply",
            "1 kHz in force: 20 samples per frame.",
            encode_response(ConfigureTelemetry, s + 13, Status.OK, TelemetryReply(1_000, 20)),
        ),
        Example(
            "telemetry",
            "TELEMETRY batch of 20 samples at 1 kHz, starting at sample 120 000.",
            _request(0x0110, Telemetry(120_000, T0_MS + 3_000, 1_000, samples)),
        ),
        Example(
            "telemetry_short",
            "TELEMETRY at 10 Hz: one sample per frame.",
            _request(0x0111, Telemetry(7, T0_MS + 700, 100_000, samples[:1])),
        ),
        Example("read_calibration", "READ_CALIBRATION.", _request(s + 14, ReadCalibration())),
        Example(
            "calibration_reply",
            "Calibration #7: 10 600 pl/step, -20 µm, scale 1.0.",
            encode_response(ReadCalibration, s + 14, Status.OK, calibration),
        ),
        Example(
            "set_technician_mode",
            "SET_TECHNICIAN_MODE on, access code 1234.",
            _request(s + 15, SetTechnicianMode(1, 1_234)),
        ),
        Example(
            "set_technician_mode_reply",
            "Technician mode on.",
            encode_response(SetTechnicianMode, s + 15, Status.OK, TechnicianModeReply(1)),
        ),
        Example(
            "write_calibration",
            "WRITE_CALIBRATION #7.",
            _request(s + 16, WriteCalibration(7, 10_600, -20, 1_000_000, 1_741_900_000, 1_773_436_000)),
        ),
        Example(
            "write_calibration_reply",
            "WRITE_CALIBRATION stored: the factors now in force.",
            encode_response(WriteCalibration, s + 16, Status.OK, calibration),
        ),
        Example(
            "write_calibration_not_permitted",
            "A WRITE_CALIBRATION sent outside technician mode: NOT_PERMITTED.",
            _error(WriteCalibration, s + 20, Status.NOT_PERMITTED, ErrorDetail(NO_FIELD, 0, 0, 0, 0)),
        ),
        Example("self_test", "SELF_TEST.", _request(s + 17, SelfTest())),
        Example(
            "self_test_reply",
            "Self-test failed: pressure sensor reads an occlusion.",
            encode_response(SelfTest, s + 17, Status.OK, SelfTestReply(alarm_mask({AlarmCode.OCCLUSION}))),
        ),
        Example("get_diagnostics", "GET_DIAGNOSTICS.", _request(s + 18, GetDiagnostics())),
        Example(
            "diagnostics_reply",
            "Lifetime counters.",
            encode_response(
                GetDiagnostics, s + 18, Status.OK, DiagnosticsReply(15_230, 3_605, 212, 88_410, 3, 1, 2)
            ),
        ),
        Example("disarm", "DISARM at the end of the session.", _request(s + 19, Disarm())),
        Example(
            "disarm_reply",
            "DISARM accepted: IDLE.",
            encode_response(Disarm, s + 19, Status.OK, StateReply(DeviceState.IDLE)),
        ),
    ]


def rule_examples() -> list[Example]:
    """Frames of the rules that settle edge cases: bounds of OUT_OF_RANGE, order of checks, events."""
    s = HOST_SEQ + 40
    watchdog_shot = ShotEvent(
        event_number=60,
        device_time_ms=T0_MS + 9_000,
        config_id=3,
        mode=Mode.BURST,
        commanded_depth_um=1_000,
        measured_depth_um=990,
        commanded_volume_nl=20_000,
        measured_volume_nl=20_002,  # floor(1 887 steps × 10 600 pl / 1000)
        flow_nl_s=100_000,
        result=ShotResult.COMPLETE,
        cause=AlarmCode.NONE,
        syringe_remaining_nl=4_600_000,
    )
    u32_max = as_int32(0xFFFF_FFFF)
    return [
        Example(
            "configure_depth_off_grid",
            "CONFIGURE at 1 050 µm, between two 100 µm steps.",
            _request(s, replace(NAPPAGE, depth_um=1_050)),
        ),
        Example(
            "configure_depth_off_grid_reply",
            "Off the depth grid: OUT_OF_RANGE naming field 1 with the depth range 0..13 000 (the grid "
            "itself is HelloReply.depth_step_um).",
            _error(Configure, s, Status.OUT_OF_RANGE, ErrorDetail(1, 1_050, 0, 13_000, 0)),
        ),
        Example(
            "fire_continuous_count_reply",
            "FIRE 2 while ARMED in CONTINUOUS mode: OUT_OF_RANGE, field 0, allowed 1..1.",
            _error(Fire, s + 1, Status.OUT_OF_RANGE, ErrorDetail(0, 2, 1, 1, 0)),
        ),
        Example(
            "request_events_from_zero",
            "REQUEST_EVENTS from #0 (numbers start at 1).",
            _request(s + 2, RequestEvents(0, 8)),
        ),
        Example(
            "request_events_from_zero_reply",
            "OUT_OF_RANGE, field 0, allowed 1..4 294 967 295 (sent as the int32 -1).",
            _error(RequestEvents, s + 2, Status.OUT_OF_RANGE, ErrorDetail(0, 0, 1, u32_max, 0)),
        ),
        Example(
            "write_calibration_expiry_not_after",
            "WRITE_CALIBRATION whose expiry equals its calibration time.",
            _request(s + 3, WriteCalibration(8, 10_600, -20, 1_000_000, 1_741_900_000, 1_741_900_000)),
        ),
        Example(
            "write_calibration_expiry_not_after_reply",
            "OUT_OF_RANGE, field 5 (expires_at_s): allowed calibrated_at_s + 1 .. 4 294 967 295 (-1).",
            _error(
                WriteCalibration,
                s + 3,
                Status.OUT_OF_RANGE,
                ErrorDetail(5, 1_741_900_000, 1_741_900_001, u32_max, 0),
            ),
        ),
        Example(
            "write_calibration_busy",
            "A valid WRITE_CALIBRATION in technician mode while ARMED: BUSY (outside technician mode it "
            "would be NOT_PERMITTED, checked first).",
            _error(WriteCalibration, s + 4, Status.BUSY, ErrorDetail(NO_FIELD, 0, 0, 0, 0)),
        ),
        Example(
            "configure_telemetry_off",
            "CONFIGURE_TELEMETRY 0 Hz: off.",
            _request(s + 5, ConfigureTelemetry(0, 7)),
        ),
        Example(
            "configure_telemetry_off_reply",
            "Telemetry off: samples_per_batch 0.",
            encode_response(ConfigureTelemetry, s + 5, Status.OK, TelemetryReply(0, 0)),
        ),
        Example(
            "shot_event_complete_at_watchdog",
            "SHOT #60: the watchdog expired during the retraction, after the last plunger step: COMPLETE, "
            "cause NONE; 1 887 steps of 10 600 pl measure 20 002 nl, within the tolerance.",
            _request(0x0120, watchdog_shot),
        ),
        Example(
            "alarm_event_watchdog",
            "ALARM #61: WATCHDOG raised, right after the SHOT it ended.",
            _request(0x0121, AlarmEvent(61, T0_MS + 9_000, AlarmCode.WATCHDOG, AlarmPriority.HIGH, 1)),
        ),
        Example(
            "state_event_watchdog",
            "STATE #62: DELIVERING → FAULT, reason WATCHDOG, after the ALARM.",
            _request(
                0x0122,
                StateEvent(
                    62, T0_MS + 9_000, DeviceState.DELIVERING, DeviceState.FAULT, StateChangeReason.WATCHDOG
                ),
            ),
        ),
        Example(
            "trigger_event_first_send_after_hello",
            "TRIGGER #63, journaled while no host was connected, sent right after a HELLO response: its "
            "first send in this session, so not flagged.",
            _request(0x0001, TriggerEvent(63, T0_MS + 20_000, 0)),
        ),
    ]


def _raw_frame(body: bytes) -> bytes:
    """A frame around ``body`` (header and payload) with a correct CRC, for junk that must be CRC-valid."""
    body += crc16(body).to_bytes(2, "little")
    return cobs_encode(body) + b"\x00"


def bad_frames() -> list[BadFrame]:
    """Frames a receiver must reject, with the reason."""
    good = _request(HOST_SEQ + 1, GetStatus())
    flipped = bytearray(good)
    flipped[4] ^= 0x04  # wire byte 4 is the low byte of the sequence number (byte 3: a COBS code)
    header = bytes([PROTOCOL_VERSION, 0x03, 0]) + (HOST_SEQ + 20).to_bytes(2, "little")
    return [
        BadFrame(
            "crc_error", "get_status with one bit of the sequence number flipped.", bytes(flipped), drop="crc"
        ),
        BadFrame(
            "cobs_error",
            "A COBS code byte (0x09) that points past the delimiter.",
            bytes([0x09, 0x01, 0x02, 0x00]),
            drop="cobs",
        ),
        BadFrame(
            "oversize",
            "300 non-zero bytes before a delimiter: longer than any frame.",
            bytes([0x55] * 300) + b"\x00",
            drop="oversize",
        ),
        BadFrame(
            "runt",
            "A valid COBS block of 4 bytes: shorter than header + CRC (7 bytes).",
            cobs_encode(bytes([1, 2, 0, 4])) + b"\x00",
            drop="runt",
        ),
        BadFrame(
            "unknown_type",
            "CRC-valid request of unknown type 0x3F: the device answers UNSUPPORTED.",
            _raw_frame(bytes([PROTOCOL_VERSION, 0x3F, 0, 0x30, 0x2A])),
            device_status=Status.UNSUPPORTED,
        ),
        BadFrame(
            "short_payload",
            "CRC-valid CONFIGURE whose payload lacks its last byte: BAD_REQUEST.",
            _raw_frame(header + encode_body(NAPPAGE)[:-1]),
            device_status=Status.BAD_REQUEST,
        ),
        BadFrame(
            "trailing_bytes",
            "CRC-valid CONFIGURE with one byte too many: BAD_REQUEST.",
            _raw_frame(header + encode_body(NAPPAGE) + b"\x01"),
            device_status=Status.BAD_REQUEST,
        ),
        BadFrame(
            "type_zero",
            "CRC-valid frame of type 0x00: UNSUPPORTED, answered with response type 0x80.",
            _raw_frame(bytes([PROTOCOL_VERSION, 0x00, 0, 0x31, 0x2A])),
            device_status=Status.UNSUPPORTED,
            device_response=_raw_frame(
                bytes([PROTOCOL_VERSION, 0x80, 0, 0x31, 0x2A, Status.UNSUPPORTED])
                + encode_body(ErrorDetail(NO_FIELD, 0, 0, 0, 0))
            ),
        ),
        BadFrame(
            "event_type_from_host",
            "CRC-valid SHOT_EVENT (0x40) sent by a host: UNSUPPORTED, answered with response type 0xC0.",
            _raw_frame(bytes([PROTOCOL_VERSION, 0x40, 0, 0x32, 0x2A])),
            device_status=Status.UNSUPPORTED,
            device_response=_raw_frame(
                bytes([PROTOCOL_VERSION, 0xC0, 0, 0x32, 0x2A, Status.UNSUPPORTED])
                + encode_body(ErrorDetail(NO_FIELD, 0x40, 0, 0, 0))
            ),
        ),
        BadFrame(
            "other_version",
            "CRC-valid HELLO in a version-2 header: PROTOCOL_MISMATCH, answered "
            "in a version-2 header so that host can read it.",
            _raw_frame(bytes([2, 0x01, 0, 0x30, 0x2A]) + encode_body(Hello(2, 0, "future"))),
            device_status=Status.PROTOCOL_MISMATCH,
        ),
    ]


# ---------------------------------------------------------------- JSON view


def field_values(message: object) -> dict[str, Any]:
    """Fields of a message or record as JSON values: integers, text, bytes as hex, arrays as lists."""
    values: dict[str, Any] = {}
    for name, wire in wire_fields(type(message)):
        value = getattr(message, name)
        if isinstance(wire, Array):
            values[name] = [field_values(item) for item in value]
        elif isinstance(wire, Blob):
            values[name] = bytes(value).hex()
        else:
            values[name] = int(value) if isinstance(value, int) else value
    return values


def _kind(spec_kind: Kind) -> str:
    return {Kind.QUERY: "request", Kind.ACTION: "request", Kind.EVENT: "event", Kind.STREAM: "stream"}[
        spec_kind
    ]


def decoded_view(wire: bytes) -> dict[str, Any]:
    """The "decoded" object of a vector, computed by decoding ``wire`` (one complete frame)."""
    frames = FrameDecoder().feed(wire)
    if len(frames) != 1:
        raise ValueError(f"expected one frame, got {len(frames)}")
    frame = frames[0]
    decoded = decode_frame(frame)
    common = {"msg_type": frame.msg_type, "seq": decoded.seq, "retransmit": frame.retransmit}
    if isinstance(decoded, Packet):
        spec = message_spec(type(decoded.message))
        return {
            "kind": _kind(spec.kind),
            "type": spec.name,
            **common,
            "status": None,
            "body": spec.name,
            "fields": field_values(decoded.message),
        }
    content = decoded.body if decoded.status == Status.OK else decoded.error
    return {
        "kind": "response",
        "type": decoded.request_type.__name__,
        **common,
        "status": decoded.status.name,
        "body": type(content).__name__ if content is not None else None,
        "fields": field_values(content) if content is not None else {},
    }


def build_vectors() -> dict[str, Any]:
    """The whole content of ``vectors.json``."""
    return {
        "about": "Generated by `python -m firmware_protocol.docgen` from the message table; do not edit.",
        "protocol_version": PROTOCOL_VERSION,
        "schema_hash": f"0x{SCHEMA_HASH:08X}",
        "frames": [
            {
                "name": e.name,
                "description": e.description,
                "hex": e.wire.hex(),
                "decoded": decoded_view(e.wire),
            }
            for e in (*examples(), *rule_examples())
        ],
        "invalid": [
            {
                "name": b.name,
                "description": b.description,
                "hex": b.wire.hex(),
                "drop": b.drop,
                "device_status": b.device_status.name if b.device_status is not None else None,
                **({"device_response": b.device_response.hex()} if b.device_response is not None else {}),
            }
            for b in bad_frames()
        ],
    }


def vectors_json() -> str:
    """``vectors.json`` as text (stable key order, one trailing newline)."""
    return json.dumps(build_vectors(), indent=2, ensure_ascii=False) + "\n"

"""What the firmware does with each request: check it, act, build the reply body.

A handler raises :class:`~simulators.capabilities.Refusal` to refuse (the firmware turns it into the
response status and ``ErrorDetail``); field indexes count the request's fields from 0. Checks come in a
fixed order: field ranges first (a malformed request is refused whatever the state), then the state,
then what the state needs (configuration, syringe, no blocking alarm).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from firmware_protocol.constants import (
    ACK_ALL_ALARMS,
    DEPTH_OFFSET_MAX_UM,
    DEPTH_SCALE_MAX_PPM,
    DEPTH_SCALE_MIN_PPM,
    FIRE_COUNT_MAX,
    PRIME_VOLUME_MAX_NL,
    PRIME_VOLUME_MIN_NL,
    VOLUME_PER_STEP_MAX_PL,
    VOLUME_PER_STEP_MIN_PL,
    samples_per_batch,
)
from firmware_protocol.enums import AlarmCode, DeviceState, Mode, StateChangeReason, Status, alarm_mask
from firmware_protocol.messages import (
    PROTOCOL_VERSION,
    AckAlarm,
    AckEvents,
    AckEventsReply,
    AlarmsReply,
    Arm,
    CalibrationReply,
    Configure,
    ConfigureReply,
    ConfigureTelemetry,
    DiagnosticsReply,
    Disarm,
    Fire,
    FireReply,
    GetDiagnostics,
    GetStatus,
    Heartbeat,
    HeartbeatReply,
    Hello,
    HelloReply,
    LoadSyringe,
    Prime,
    ReadCalibration,
    RequestEvents,
    RequestEventsReply,
    SelfTest,
    SelfTestReply,
    SetTechnicianMode,
    StateReply,
    StatusReply,
    Stop,
    TechnicianModeReply,
    TelemetryReply,
    WriteCalibration,
)
from firmware_protocol.schema import SCHEMA_HASH
from simulators import capabilities as caps
from simulators.capabilities import Refusal, require_depth, require_range

if TYPE_CHECKING:
    from simulators.firmware import GunFirmware

_BUSY_STATES = (DeviceState.DELIVERING, DeviceState.PRIMING)
_U32_MAX = 0xFFFF_FFFF


def _refuse_if_busy(fw: GunFirmware) -> None:
    if fw.state in _BUSY_STATES:
        raise Refusal(Status.BUSY)


# ---------------------------------------------------------------- link and identity


def hello(fw: GunFirmware, msg: Hello) -> HelloReply:
    breaks = fw.breaks
    if msg.protocol_version != PROTOCOL_VERSION and not breaks.accept_other_version:
        fw.handshake_done = False
        raise Refusal(Status.PROTOCOL_MISMATCH, 0, PROTOCOL_VERSION, PROTOCOL_VERSION, PROTOCOL_VERSION)
    if msg.schema_hash != SCHEMA_HASH and not breaks.accept_any_schema:
        fw.handshake_done = False
        raise Refusal(Status.SCHEMA_MISMATCH, 1, SCHEMA_HASH, SCHEMA_HASH, SCHEMA_HASH)
    fw.handshake_done = True  # a HELLO changes nothing else: the device stays as it was
    fw.technician_mode = False
    if not breaks.telemetry_after_hello:
        fw.telemetry.configure(0, fw.telemetry.channels, fw.clock.wall_s())
    # A new session: the unacknowledged events go out right after this response.
    if not breaks.no_window_after_hello:
        fw.outbox.send_window(fw.clock.wall_s())
    return HelloReply(
        protocol_version=PROTOCOL_VERSION,
        schema_hash=SCHEMA_HASH,
        boot_id=fw.boot_id,
        model=caps.MODEL,
        serial_number=fw.serial_number,
        firmware_version=caps.FIRMWARE_VERSION,
        depth_min_um=caps.DEPTH_MIN_UM,
        depth_max_um=caps.DEPTH_MAX_UM,
        depth_step_um=caps.DEPTH_STEP_UM,
        volume_min_nl=caps.VOLUME_MIN_NL,
        volume_max_nl=caps.VOLUME_MAX_NL,
        flow_min_nl_s=caps.FLOW_MIN_NL_S,
        flow_max_nl_s=caps.FLOW_MAX_NL_S,
        burst_rate_min_mhz=caps.BURST_RATE_MIN_MHZ,
        burst_rate_max_mhz=caps.BURST_RATE_MAX_MHZ,
        modes_mask=caps.modes_mask(),
        syringe_sizes_ml=bytes(caps.SYRINGE_SIZES_ML),
        watchdog_ms=50 if breaks.watchdog_ms_out_of_range else fw.watchdog_ms,
        telemetry_max_hz=caps.TELEMETRY_RATE_MAX_HZ,
        last_event_number=fw.journal.last_event_number,
    )


def get_status(fw: GunFirmware, msg: GetStatus) -> StatusReply:
    config = fw.config
    return StatusReply(
        state=int(fw.state),
        alarms=fw.alarms.mask,
        config_id=fw.config_id if config is not None else 0,
        mode=config.mode if config is not None else 0,
        depth_um=config.depth_um if config is not None else 0,
        volume_nl=config.volume_nl if config is not None else 0,
        flow_nl_s=config.flow_nl_s if config is not None else 0,
        burst_rate_mhz=config.burst_rate_mhz if config is not None else 0,
        syringe_capacity_ul=fw.syringe_capacity_ul,
        syringe_remaining_nl=fw.syringe_remaining_nl,
        battery_pct=fw.hw.battery_pct,
        trigger_pressed=int(fw.deliveries.trigger_pressed),
        technician_mode=int(fw.technician_mode),
        last_event_number=fw.journal.last_event_number,
        acked_event_number=fw.outbox.acked,
        device_time_ms=fw.clock.wall_ms(),
    )


def heartbeat(fw: GunFirmware, msg: Heartbeat) -> HeartbeatReply:
    return HeartbeatReply(int(fw.state), fw.alarms.mask, fw.journal.last_event_number)


def get_diagnostics(fw: GunFirmware, msg: GetDiagnostics) -> DiagnosticsReply:
    return DiagnosticsReply(
        shot_counter=fw.shot_counter,
        motor_seconds=fw.motor_seconds,
        power_cycles=fw.power_cycles,
        frames_ok=fw.link.frames_ok & _U32_MAX,
        crc_errors=0 if fw.breaks.uncounted_crc_errors else fw.link.frames_dropped & _U32_MAX,
        watchdog_trips=fw.watchdog_trips,
        retransmissions_replayed=fw.link.retransmissions_replayed,
    )


# ---------------------------------------------------------------- delivery


def configure(fw: GunFirmware, msg: Configure) -> ConfigureReply:
    if not fw.breaks.accept_out_of_range:
        require_range(0, msg.mode, min(caps.MODES), max(caps.MODES))
        require_depth(1, msg.depth_um)
        require_range(2, msg.volume_nl, caps.VOLUME_MIN_NL, caps.VOLUME_MAX_NL)
        require_range(3, msg.flow_nl_s, caps.FLOW_MIN_NL_S, caps.FLOW_MAX_NL_S)
        require_range(4, msg.burst_rate_mhz, caps.BURST_RATE_MIN_MHZ, caps.BURST_RATE_MAX_MHZ)
    _refuse_if_busy(fw)
    return ConfigureReply(fw.store_config(msg))


def arm(fw: GunFirmware, msg: Arm) -> StateReply:
    if fw.state == DeviceState.ARMED:
        fw.deliveries.shots_allowed = msg.shot_limit or None
        return StateReply(int(fw.state))
    _refuse_if_busy(fw)
    if fw.state == DeviceState.FAULT:
        raise Refusal(Status.ALARM_ACTIVE)
    if fw.config is None:
        raise Refusal(Status.NOT_CONFIGURED)
    if not fw.syringe_ready:
        raise Refusal(Status.NO_SYRINGE)
    if fw.alarms.blocking():
        raise Refusal(Status.ALARM_ACTIVE)
    fw.deliveries.shots_allowed = msg.shot_limit or None
    fw.set_state(DeviceState.ARMED, StateChangeReason.COMMAND)
    return StateReply(int(fw.state))


def disarm(fw: GunFirmware, msg: Disarm) -> StateReply:
    _refuse_if_busy(fw)
    if fw.state == DeviceState.ARMED:
        fw.set_state(DeviceState.IDLE, StateChangeReason.COMMAND)
    return StateReply(int(fw.state))


def fire(fw: GunFirmware, msg: Fire) -> FireReply:
    require_range(0, msg.count, 1, FIRE_COUNT_MAX)
    _refuse_if_busy(fw)
    if fw.state != DeviceState.ARMED or fw.config is None:
        raise Refusal(Status.BUSY if fw.breaks.wrong_state_status else Status.NOT_ARMED)
    if fw.config.mode == Mode.CONTINUOUS and msg.count != 1:
        raise Refusal(Status.OUT_OF_RANGE, 0, msg.count, 1, 1)
    allowed = fw.deliveries.shots_allowed
    if allowed is not None and msg.count > allowed:
        raise Refusal(Status.OUT_OF_RANGE, 0, msg.count, 1, allowed)
    first_event_number = fw.journal.last_event_number + 1
    fw.deliveries.start_shots(from_trigger=False, count=msg.count)
    return FireReply(first_event_number)


def stop(fw: GunFirmware, msg: Stop) -> StateReply:
    # Halt, retract, disarm: a shot in progress ends with cause STOPPED; FAULT stays FAULT.
    cause = AlarmCode.NONE if fw.breaks.stop_cause_none else AlarmCode.STOPPED
    if not fw.deliveries.halt(cause) and fw.state == DeviceState.ARMED:
        fw.set_state(DeviceState.IDLE, StateChangeReason.STOP)
    return StateReply(int(fw.state))


def prime(fw: GunFirmware, msg: Prime) -> StateReply:
    require_range(0, msg.volume_nl, PRIME_VOLUME_MIN_NL, PRIME_VOLUME_MAX_NL)
    _refuse_if_busy(fw)
    if fw.state == DeviceState.FAULT:
        raise Refusal(Status.ALARM_ACTIVE)
    if fw.state != DeviceState.IDLE:
        raise Refusal(Status.BUSY)  # armed: priming squirts through a needle that may be in skin
    if not fw.syringe_ready:
        raise Refusal(Status.NO_SYRINGE)
    if fw.alarms.blocking():
        raise Refusal(Status.ALARM_ACTIVE)
    fw.deliveries.start_prime(msg.volume_nl)
    return StateReply(int(fw.state))


def load_syringe(fw: GunFirmware, msg: LoadSyringe) -> StatusReply:
    sizes_ul = [size * 1000 for size in caps.SYRINGE_SIZES_ML]
    if msg.capacity_ul not in sizes_ul:
        raise Refusal(Status.OUT_OF_RANGE, 0, msg.capacity_ul, min(sizes_ul), max(sizes_ul))
    require_range(1, msg.fill_nl, 1, msg.capacity_ul * 1000)
    _refuse_if_busy(fw)
    if fw.state == DeviceState.ARMED:
        raise Refusal(Status.BUSY)  # disarm before changing the syringe
    fw.load_syringe(msg.capacity_ul, msg.fill_nl)
    return get_status(fw, GetStatus())


def ack_alarm(fw: GunFirmware, msg: AckAlarm) -> AlarmsReply:
    if msg.code == ACK_ALL_ALARMS:
        fw.acknowledge_alarm(None)
    else:
        codes = [int(code) for code in AlarmCode if code]
        require_range(0, msg.code, min(codes), max(codes))
        fw.acknowledge_alarm(AlarmCode(msg.code))
    return AlarmsReply(fw.alarms.mask)


# ---------------------------------------------------------------- events and telemetry


def ack_events(fw: GunFirmware, msg: AckEvents) -> AckEventsReply:
    last = fw.journal.last_event_number
    require_range(0, msg.through_event_number, 0, last)  # acknowledging events never sent: a host bug
    fw.acknowledge_events(msg.through_event_number)
    return AckEventsReply(fw.outbox.acked, last)


def request_events(fw: GunFirmware, msg: RequestEvents) -> RequestEventsReply:
    require_range(0, msg.from_event_number, 1, _U32_MAX)
    sent = fw.outbox.replay(msg.from_event_number, msg.max_count, fw.clock.wall_s())
    return RequestEventsReply(sent, fw.journal.last_event_number)


def configure_telemetry(fw: GunFirmware, msg: ConfigureTelemetry) -> TelemetryReply:
    require_range(0, msg.rate_hz, 0, caps.TELEMETRY_RATE_MAX_HZ)
    require_range(1, msg.channels, 0, caps.TELEMETRY_CHANNELS_MASK)
    fw.telemetry.configure(msg.rate_hz, msg.channels, fw.clock.wall_s())
    return TelemetryReply(msg.rate_hz, samples_per_batch(msg.rate_hz))


# ---------------------------------------------------------------- technician


def read_calibration(fw: GunFirmware, msg: ReadCalibration) -> CalibrationReply:
    return fw.calibration


def write_calibration(fw: GunFirmware, msg: WriteCalibration) -> CalibrationReply:
    require_range(1, msg.volume_per_step_pl, VOLUME_PER_STEP_MIN_PL, VOLUME_PER_STEP_MAX_PL)
    require_range(2, msg.depth_offset_um, -DEPTH_OFFSET_MAX_UM, DEPTH_OFFSET_MAX_UM)
    require_range(3, msg.depth_scale_ppm, DEPTH_SCALE_MIN_PPM, DEPTH_SCALE_MAX_PPM)
    if msg.expires_at_s:
        require_range(5, msg.expires_at_s, msg.calibrated_at_s + 1, _U32_MAX)
    if not fw.technician_mode:
        raise Refusal(Status.NOT_PERMITTED)
    if fw.state != DeviceState.IDLE:
        raise Refusal(Status.BUSY)
    fw.store_calibration(
        CalibrationReply(
            msg.calibration_id,
            msg.volume_per_step_pl,
            msg.depth_offset_um,
            msg.depth_scale_ppm,
            msg.calibrated_at_s,
            msg.expires_at_s,
        )
    )
    return fw.calibration


def set_technician_mode(fw: GunFirmware, msg: SetTechnicianMode) -> TechnicianModeReply:
    require_range(0, msg.enable, 0, 1)
    if msg.enable and msg.access_code != fw.access_code:
        echoed = msg.access_code if fw.breaks.echo_access_code else 0
        raise Refusal(Status.NOT_PERMITTED, 1, echoed)  # the value is not echoed: it is a secret
    fw.technician_mode = bool(msg.enable)
    return TechnicianModeReply(int(fw.technician_mode))


def self_test(fw: GunFirmware, msg: SelfTest) -> SelfTestReply:
    if fw.state != DeviceState.IDLE:
        raise Refusal(Status.BUSY)
    failures: set[AlarmCode] = set()
    if fw.hw.needle_jam:
        failures.add(AlarmCode.NEEDLE_POSITION)
    if fw.hw.occlusion:
        failures.add(AlarmCode.OCCLUSION)
    if fw.hw.battery_pct < caps.BATTERY_LOW_PCT:
        failures.add(AlarmCode.BATTERY_LOW)
    return SelfTestReply(alarm_mask(failures))


HANDLERS: dict[type, Callable[[GunFirmware, Any], object]] = {
    Hello: hello,
    GetStatus: get_status,
    Configure: configure,
    Arm: arm,
    Disarm: disarm,
    Fire: fire,
    Stop: stop,
    Prime: prime,
    LoadSyringe: load_syringe,
    AckAlarm: ack_alarm,
    Heartbeat: heartbeat,
    AckEvents: ack_events,
    RequestEvents: request_events,
    ConfigureTelemetry: configure_telemetry,
    ReadCalibration: read_calibration,
    WriteCalibration: write_calibration,
    SetTechnicianMode: set_technician_mode,
    SelfTest: self_test,
    GetDiagnostics: get_diagnostics,
}

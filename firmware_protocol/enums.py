"""Enumerations carried on the wire as uint8 (or uint32 bit masks for alarms and modes)."""

from __future__ import annotations

import functools
from enum import IntEnum


class Status(IntEnum):
    """First byte of every response: what the device did with the request."""

    OK = 0
    BAD_REQUEST = 1  # payload malformed for its message type, or sequence reuse mismatch
    UNSUPPORTED = 2  # message type unknown to this device
    OUT_OF_RANGE = 3  # a field is outside the device's capabilities; the error body names it
    BUSY = 4  # the device is delivering or moving and cannot accept this now
    NOT_ARMED = 5  # FIRE without ARM
    ALARM_ACTIVE = 6  # an unacknowledged alarm blocks arming or firing
    NOT_PERMITTED = 7  # calibration write outside technician mode, or a wrong access code
    PROTOCOL_MISMATCH = 8  # HELLO with another protocol version
    SCHEMA_MISMATCH = 9  # HELLO with another message-table hash
    NOT_CONFIGURED = 10  # ARM or FIRE before a valid CONFIGURE
    NO_SYRINGE = 11  # no syringe loaded (or syringe empty) for a delivering command
    HANDSHAKE_REQUIRED = 12  # any request other than HELLO before a successful HELLO


class DeviceState(IntEnum):
    """The device's operating state (see PROTOCOL.md, state machine)."""

    IDLE = 0  # disarmed, needle retracted
    ARMED = 1  # configured and ready; a trigger press or FIRE delivers
    DELIVERING = 2  # a shot, burst or continuous infusion is in progress
    FAULT = 3  # a high-priority alarm is latched: disarmed until acknowledged
    PRIMING = 4  # priming or purging the line


class Mode(IntEnum):
    """Delivery mode set by CONFIGURE."""

    SINGLE = 0  # one shot per trigger press or FIRE
    BURST = 1  # nappage: shots at the burst rate while the trigger is held (FIRE: ``count`` shots)
    CONTINUOUS = 2  # mésoperfusion: continuous flow until the target volume, STOP or release


class ShotResult(IntEnum):
    """Outcome of one delivery, as measured by the device."""

    COMPLETE = 0  # delivered volume within tolerance of the commanded one
    PARTIAL = 1  # stopped early: delivered less than commanded (cause says why)
    FAILED = 2  # nothing measurable delivered (cause says why)
    INTERRUPTED = 3  # cut by a power loss; reported after the next power-on (cause POWER_LOSS)


class AlarmCode(IntEnum):
    """Alarm conditions. Bit ``1 << code`` in the ``alarms`` masks."""

    NONE = 0
    OCCLUSION = 1
    MOTOR_STALL = 2
    NEEDLE_POSITION = 3
    DOSE_MISMATCH = 4
    WATCHDOG = 5
    SYRINGE_EMPTY = 6
    SYRINGE_NOT_DETECTED = 7
    BATTERY_LOW = 8
    CALIBRATION_EXPIRED = 9
    SYRINGE_NEARLY_EMPTY = 10
    BATTERY_BELOW_30 = 11
    STOPPED = 12  # emergency STOP was commanded (a cause, not a latched alarm)
    POWER_LOSS = 13  # the power failed during a shot (a cause of an INTERRUPTED shot, never active)


class AlarmPriority(IntEnum):
    """IEC 60601-1-8 alarm priorities."""

    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3


ALARM_PRIORITY: dict[AlarmCode, AlarmPriority] = {
    AlarmCode.NONE: AlarmPriority.INFO,
    AlarmCode.OCCLUSION: AlarmPriority.HIGH,
    AlarmCode.MOTOR_STALL: AlarmPriority.HIGH,
    AlarmCode.NEEDLE_POSITION: AlarmPriority.HIGH,
    AlarmCode.DOSE_MISMATCH: AlarmPriority.HIGH,
    AlarmCode.WATCHDOG: AlarmPriority.HIGH,
    AlarmCode.SYRINGE_EMPTY: AlarmPriority.MEDIUM,
    AlarmCode.SYRINGE_NOT_DETECTED: AlarmPriority.MEDIUM,
    AlarmCode.BATTERY_LOW: AlarmPriority.MEDIUM,
    AlarmCode.CALIBRATION_EXPIRED: AlarmPriority.MEDIUM,
    AlarmCode.SYRINGE_NEARLY_EMPTY: AlarmPriority.LOW,
    AlarmCode.BATTERY_BELOW_30: AlarmPriority.LOW,
    AlarmCode.STOPPED: AlarmPriority.INFO,
    # High for the host: a dose the practitioner did not see end must be acknowledged by a person.
    AlarmCode.POWER_LOSS: AlarmPriority.HIGH,
}

#: Codes that only ever name why a shot ended (ShotEvent.cause): never active, never in a mask.
SHOT_CAUSES_ONLY = frozenset({AlarmCode.STOPPED, AlarmCode.POWER_LOSS})

#: Alarms that block arming and firing until acknowledged (ACK_ALARM) and whose condition is gone.
BLOCKING_ALARMS = (
    frozenset(code for code, priority in ALARM_PRIORITY.items() if priority >= AlarmPriority.MEDIUM)
    - {AlarmCode.CALIBRATION_EXPIRED, AlarmCode.BATTERY_LOW}
    - SHOT_CAUSES_ONLY
)


def alarm_mask(codes: frozenset[AlarmCode] | set[AlarmCode]) -> int:
    """Bit mask (uint32) of a set of alarm codes."""
    mask = 0
    for code in codes:
        mask |= 1 << int(code)
    return mask


@functools.lru_cache(maxsize=256)
def alarms_in(mask: int) -> frozenset[AlarmCode]:
    """Alarm codes set in a uint32 mask (unknown bits are ignored)."""
    # Cached: every status and heartbeat reply carries a mask, and a gun shows only a few different ones.
    return frozenset(code for code in AlarmCode if code and mask & (1 << int(code)))


class StateChangeReason(IntEnum):
    """Why the device changed state (STATE_CHANGED event)."""

    COMMAND = 0
    TRIGGER = 1
    ALARM = 2
    WATCHDOG = 3
    STOP = 4
    POWER_ON = 5
    DELIVERY_DONE = 6
    SHOT_LIMIT = 7


class Channel(IntEnum):
    """Telemetry channel bits for TELEMETRY_CONFIG."""

    NEEDLE = 1
    PLUNGER = 2
    PRESSURE = 4


#: Every enumeration whose numeric values travel on the wire (covered by the schema hash).
WIRE_ENUMS: tuple[type[IntEnum], ...] = (
    Status,
    DeviceState,
    Mode,
    ShotResult,
    AlarmCode,
    AlarmPriority,
    StateChangeReason,
    Channel,
)

"""Numbers of the protocol that are not field layouts: timings, sizes, limits of the reference model.

Both sides read them from here (the firmware from the generated ``mesogun_protocol.h``), so a
timing is written down once. PROTOCOL.md's timing table is generated from :data:`CONSTANTS`.
"""

from __future__ import annotations

from dataclasses import dataclass

# ---------------------------------------------------------------- link

BAUD_RATE = 921_600  # UART, 8N1, no flow control; USB CDC ignores the rate
BAUD_RATE_WORST_CASE = 115_200  # the slowest link the telemetry budget is sized for

# ---------------------------------------------------------------- requests and responses

RESPONSE_TIME_MAX_MS = 50  # the device answers every request within this, SELF_TEST excepted
SELF_TEST_TIME_MAX_MS = 500  # SELF_TEST answers after the test ran, within this
RESPONSE_CACHE_SIZE = 64  # ACTION responses the device remembers, keyed by sequence number
FIRE_COUNT_MAX = 50  # shots one FIRE may command
ACK_ALL_ALARMS = 255  # AckAlarm.code that acknowledges every alarm

# ---------------------------------------------------------------- watchdog

WATCHDOG_MS = 500  # default; the device announces its own value in HelloReply.watchdog_ms
HEARTBEAT_DIVISOR = 5  # the host speaks at least every watchdog_ms / 5 while the device is armed
HEARTBEAT_PERIOD_MS = WATCHDOG_MS // HEARTBEAT_DIVISOR

# ---------------------------------------------------------------- events

EVENT_RESEND_MS = 250  # unacknowledged events are re-sent this often
EVENT_RESEND_MAX = 8  # unacknowledged events in flight (the window), all re-sent each round

# ---------------------------------------------------------------- telemetry

TELEMETRY_BATCH_MS = 20  # a batch covers about this much time
TELEMETRY_MAX_SAMPLES = 32  # samples in one Telemetry frame
TELEMETRY_MAX_HZ = 1000  # sampling rate limit of the reference model


def samples_per_batch(rate_hz: int) -> int:
    """Samples the device puts in one Telemetry frame at ``rate_hz`` (0 when telemetry is off)."""
    if rate_hz <= 0:
        return 0
    return min(TELEMETRY_MAX_SAMPLES, max(1, rate_hz * TELEMETRY_BATCH_MS // 1000))


# ---------------------------------------------------------------- calibration (reference model)

NOMINAL_VOLUME_PER_STEP_PL = 10_000  # 10 nl per motor step before calibration
VOLUME_PER_STEP_MIN_PL = 5_000  # WriteCalibration refuses a factor outside 0.5 .. 2 × nominal
VOLUME_PER_STEP_MAX_PL = 20_000
DEPTH_OFFSET_MAX_UM = 1_000  # |depth_offset_um| limit
DEPTH_SCALE_MIN_PPM = 900_000  # depth_scale_ppm limits: ±10 %
DEPTH_SCALE_MAX_PPM = 1_100_000
PRIME_VOLUME_MIN_NL = 1_000  # 1 µl
PRIME_VOLUME_MAX_NL = 1_000_000  # 1 ml


@dataclass(frozen=True)
class Constant:
    """One named number of the protocol, as documented and exported to C."""

    name: str  # C macro name without the MG_ prefix
    value: int
    unit: str
    meaning: str


CONSTANTS: tuple[Constant, ...] = (
    Constant("BAUD_RATE", BAUD_RATE, "baud", "UART rate (8N1, no flow control); USB CDC ignores it"),
    Constant(
        "BAUD_RATE_WORST_CASE", BAUD_RATE_WORST_CASE, "baud", "slowest link the telemetry budget is sized for"
    ),
    Constant("RESPONSE_TIME_MAX_MS", RESPONSE_TIME_MAX_MS, "ms", "device answers any request within this"),
    Constant("SELF_TEST_TIME_MAX_MS", SELF_TEST_TIME_MAX_MS, "ms", "SELF_TEST answers within this"),
    Constant(
        "RESPONSE_CACHE_SIZE", RESPONSE_CACHE_SIZE, "entries", "ACTION responses cached for retransmissions"
    ),
    Constant("FIRE_COUNT_MAX", FIRE_COUNT_MAX, "shots", "largest Fire.count"),
    Constant("ACK_ALL_ALARMS", ACK_ALL_ALARMS, "", "AckAlarm.code acknowledging every alarm"),
    Constant("WATCHDOG_MS", WATCHDOG_MS, "ms", "default watchdog (HelloReply.watchdog_ms)"),
    Constant(
        "HEARTBEAT_PERIOD_MS", HEARTBEAT_PERIOD_MS, "ms", "host keep-alive period while armed (watchdog / 5)"
    ),
    Constant("EVENT_RESEND_MS", EVENT_RESEND_MS, "ms", "re-send period of unacknowledged events"),
    Constant("EVENT_RESEND_MAX", EVENT_RESEND_MAX, "events", "unacknowledged events in flight (window)"),
    Constant("TELEMETRY_BATCH_MS", TELEMETRY_BATCH_MS, "ms", "time one Telemetry frame covers"),
    Constant("TELEMETRY_MAX_SAMPLES", TELEMETRY_MAX_SAMPLES, "samples", "samples in one Telemetry frame"),
    Constant("TELEMETRY_MAX_HZ", TELEMETRY_MAX_HZ, "Hz", "highest telemetry rate (reference model)"),
    Constant(
        "NOMINAL_VOLUME_PER_STEP_PL",
        NOMINAL_VOLUME_PER_STEP_PL,
        "pl",
        "plunger volume per step, uncalibrated",
    ),
    Constant("VOLUME_PER_STEP_MIN_PL", VOLUME_PER_STEP_MIN_PL, "pl", "smallest calibrated volume per step"),
    Constant("VOLUME_PER_STEP_MAX_PL", VOLUME_PER_STEP_MAX_PL, "pl", "largest calibrated volume per step"),
    Constant("DEPTH_OFFSET_MAX_UM", DEPTH_OFFSET_MAX_UM, "µm", "largest |depth_offset_um|"),
    Constant("DEPTH_SCALE_MIN_PPM", DEPTH_SCALE_MIN_PPM, "ppm", "smallest depth_scale_ppm"),
    Constant("DEPTH_SCALE_MAX_PPM", DEPTH_SCALE_MAX_PPM, "ppm", "largest depth_scale_ppm"),
    Constant("PRIME_VOLUME_MIN_NL", PRIME_VOLUME_MIN_NL, "nl", "smallest Prime.volume_nl"),
    Constant("PRIME_VOLUME_MAX_NL", PRIME_VOLUME_MAX_NL, "nl", "largest Prime.volume_nl"),
)

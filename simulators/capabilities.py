"""The simulated model's capabilities (DOMAIN.md) and how a request is refused when it exceeds them.

Handlers raise :class:`Refusal`; the firmware turns it into a response with an ``ErrorDetail`` that
names the offending field (its index in the request), the value received and the allowed range.
Nothing is ever clipped into range.
"""

from __future__ import annotations

from firmware_protocol.constants import TELEMETRY_MAX_HZ
from firmware_protocol.enums import Mode, Status
from firmware_protocol.messages import NO_FIELD
from firmware_protocol.wire_types import as_int32

MODEL = "MesoGun S1 (simulated)"
FIRMWARE_VERSION = "1.0.0-sim"
DEPTH_MIN_UM = 0
DEPTH_MAX_UM = 13_000
DEPTH_STEP_UM = 100
VOLUME_MIN_NL = 1_000
VOLUME_MAX_NL = 500_000
FLOW_MIN_NL_S = 5_000
FLOW_MAX_NL_S = 500_000
BURST_RATE_MIN_MHZ = 1_000
BURST_RATE_MAX_MHZ = 9_000
SYRINGE_SIZES_ML = (2, 3, 5, 10)
MODES = (Mode.SINGLE, Mode.BURST, Mode.CONTINUOUS)
TELEMETRY_CHANNELS_MASK = 0b111
PRIME_FLOW_NL_S = 200_000  # primes push at 200 µl/s
NEARLY_EMPTY_FRACTION = 0.10  # SYRINGE_NEARLY_EMPTY below 10 % of the capacity
BATTERY_LOW_PCT = 10
BATTERY_WARNING_PCT = 30
TELEMETRY_RATE_MAX_HZ = TELEMETRY_MAX_HZ


def modes_mask() -> int:
    mask = 0
    for mode in MODES:
        mask |= 1 << int(mode)
    return mask


class Refusal(Exception):
    """A request the device will not carry out: the response status and what was wrong."""

    def __init__(
        self, status: Status, field_index: int = NO_FIELD, value: int = 0, minimum: int = 0, maximum: int = 0
    ) -> None:
        super().__init__(f"{status.name}: field {field_index} = {value} (allowed {minimum}..{maximum})")
        self.status = status
        self.field_index = field_index
        # ErrorDetail carries int32: larger uint32 values travel as their bit pattern.
        self.value = as_int32(value)
        self.minimum = as_int32(minimum)
        self.maximum = as_int32(maximum)


def require_range(field_index: int, value: int, minimum: int, maximum: int) -> None:
    """Refuse with OUT_OF_RANGE unless ``minimum ≤ value ≤ maximum``."""
    if not minimum <= value <= maximum:
        raise Refusal(Status.OUT_OF_RANGE, field_index, value, minimum, maximum)


def require_depth(field_index: int, depth_um: int) -> None:
    """Depth within the actuator's range and on its 0.1 mm grid."""
    require_range(field_index, depth_um, DEPTH_MIN_UM, DEPTH_MAX_UM)
    if depth_um % DEPTH_STEP_UM:
        raise Refusal(Status.OUT_OF_RANGE, field_index, depth_um, DEPTH_MIN_UM, DEPTH_MAX_UM)

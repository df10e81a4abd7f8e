"""The one conversion point between host units and the integers on the wire.

Host code speaks millimetres, microlitres, microlitres per second and shots per second; the wire
carries micrometres, nanolitres, nanolitres per second and millihertz. Every conversion goes through
:func:`to_wire` or :func:`from_wire`. A value that does not fall on a wire step (1.05 mm when the gun
moves in 0.1 mm steps) is refused, never rounded: only float noise is tolerated.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from firmware_protocol import DecodeError
from mesogun.errors import OutOfRangeError

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Relative tolerance for "is this an integer number of steps": absorbs binary float noise
# (0.3 * 1000 = 300.00000000000006) and nothing a person would type on purpose.
_NOISE = 1e-9


@dataclass(frozen=True)
class Quantity:
    """A physical quantity: its host unit, its wire unit and how many wire units make one host unit."""

    host_unit: str
    wire_unit: str
    wire_per_host: int


DEPTH = Quantity("mm", "µm", 1000)
VOLUME = Quantity("µl", "nl", 1000)
FLOW = Quantity("µl/s", "nl/s", 1000)
RATE = Quantity("shots/s", "mHz", 1000)  # 1 shot per second = 1000 mHz
CAPACITY = Quantity("ml", "µl", 1000)
STEP_VOLUME = Quantity("nl", "pl", 1000)  # calibration: plunger volume per motor step
SCALE = Quantity("", "ppm", 1_000_000)  # 1.0 = no correction
PRESSURE = Quantity("kPa", "hPa", 10)
DURATION = Quantity("s", "ms", 1000)
COUNT = Quantity("", "", 1)


def to_wire(
    field: str,
    value: float,
    quantity: Quantity,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    step_wire: int = 1,
) -> int:
    """``value`` (host unit) as a wire integer, checked against [minimum, maximum] (host unit).

    ``step_wire`` is the device's resolution in wire units (100 µm for depth in 0.1 mm steps).
    Raises :class:`OutOfRangeError` naming the field, the value, the range and, when the value lies
    between two steps, the step.
    """
    unit = quantity.host_unit
    low = -math.inf if minimum is None else minimum
    high = math.inf if maximum is None else maximum
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise OutOfRangeError(field, math.nan, low, high, unit)
    if not _within(value, low, high):
        raise OutOfRangeError(field, value, low, high, unit)
    ticks = value * quantity.wire_per_host / step_wire
    nearest = round(ticks)
    if abs(ticks - nearest) > _NOISE * max(1.0, abs(ticks)):
        step_host = step_wire / quantity.wire_per_host
        raise OutOfRangeError(field, value, low, high, unit, step=step_host)
    return int(nearest) * step_wire


def from_wire(raw: int, quantity: Quantity) -> float:
    """A wire integer in the host unit of ``quantity``."""
    return raw / quantity.wire_per_host


def column_from_wire(raw: Iterable[int], quantity: Quantity) -> array[float]:
    """Wire integers in the host unit of ``quantity``, as one ``array('d')`` (telemetry channels)."""
    scale = quantity.wire_per_host
    return array("d", [value / scale for value in raw])


def time_from_wire(device_time_ms: int) -> datetime:
    """Device clock (ms since 1970-01-01 UTC) as an aware UTC datetime, exact to the millisecond.

    Raises DecodeError for a time no datetime can hold (after the year 9999): the frame carrying it
    is damaged, and is dropped like any frame that cannot be interpreted.
    """
    try:
        return _EPOCH + timedelta(milliseconds=device_time_ms)
    except OverflowError as exc:
        raise DecodeError(f"device time {device_time_ms} ms is past the year 9999") from exc


def time_to_wire_s(moment: datetime | None) -> int:
    """An aware datetime as Unix seconds (0 for None: "never")."""
    if moment is None:
        return 0
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no time zone; pass an aware (UTC) datetime")
    return int((moment - _EPOCH) // timedelta(seconds=1))


def time_from_wire_s(unix_s: int) -> datetime | None:
    """Unix seconds as an aware UTC datetime (None for 0: "never"). Raises DecodeError past 9999."""
    if unix_s == 0:
        return None
    try:
        return _EPOCH + timedelta(seconds=unix_s)
    except OverflowError as exc:
        raise DecodeError(f"time {unix_s} s is past the year 9999") from exc


#: Wire field name → (host field name, quantity): how a device refusal naming a field is reported.
HOST_FIELD: dict[str, tuple[str, Quantity]] = {
    "depth_um": ("depth_mm", DEPTH),
    "volume_nl": ("volume_ul", VOLUME),
    "flow_nl_s": ("flow_ul_s", FLOW),
    "burst_rate_mhz": ("burst_rate_per_s", RATE),
    "capacity_ul": ("capacity_ml", CAPACITY),
    "fill_nl": ("fill_ul", VOLUME),
    "volume_per_step_pl": ("volume_per_step_nl", STEP_VOLUME),
    "depth_offset_um": ("depth_offset_mm", DEPTH),
    "depth_scale_ppm": ("depth_scale", SCALE),
    "rate_hz": ("rate_hz", Quantity("Hz", "Hz", 1)),
}


def host_field(wire_name: str) -> tuple[str, Quantity]:
    """Host name and quantity of a wire field (unknown fields keep their name, unitless)."""
    return HOST_FIELD.get(wire_name, (wire_name, COUNT))


def _within(value: float, low: float, high: float) -> bool:
    # Bounds computed in another unit (0.1 mm from 100 µm) carry float noise too.
    slack_low = _NOISE * max(1.0, abs(low)) if math.isfinite(low) else 0.0
    slack_high = _NOISE * max(1.0, abs(high)) if math.isfinite(high) else 0.0
    return low - slack_low <= value <= high + slack_high

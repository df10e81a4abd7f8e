"""Telemetry frames as one array per channel, without an object per sample.

The generic codec (:func:`firmware_protocol.decode_frame`) turns a telemetry batch into a tuple of
:class:`~firmware_protocol.messages.TelemetrySample` records, one object per sample. A host that plots
or stores the samples wants them by channel: :func:`decode_telemetry_columns` reads the same bytes,
laid out by the same message table, straight into :class:`array.array` columns. It accepts and refuses
exactly the payloads the generic codec accepts and refuses.
"""

from __future__ import annotations

import struct
import sys
from array import array
from dataclasses import dataclass

from firmware_protocol.framing import Frame
from firmware_protocol.messages import PROTOCOL_VERSION, Telemetry, TelemetrySample, message_spec
from firmware_protocol.payload import DecodeError, wire_fields
from firmware_protocol.wire_types import Array, Int

TELEMETRY_MSG_ID = message_spec(Telemetry).msg_id


def _layout() -> tuple[struct.Struct, int, str, tuple[str, ...]]:
    """(batch header struct, most samples, array type code, channel names), from the message table."""
    fields = wire_fields(Telemetry)
    header = [wire for _, wire in fields[:-1]]
    samples = fields[-1][1]
    if not (all(isinstance(wire, Int) for wire in header) and isinstance(samples, Array)):
        raise TypeError("Telemetry is no longer integer fields followed by an array of samples")
    channels = wire_fields(TelemetrySample)
    formats = {wire.fmt for _, wire in channels if isinstance(wire, Int)}
    if len(formats) != 1 or len(channels) != 3:
        raise TypeError("TelemetrySample is no longer three integer channels of one type")
    code = formats.pop()
    if array(code).itemsize != struct.calcsize("<" + code):
        raise TypeError(f"no array type code holds the wire's {code!r} integers")
    fmt = "<" + "".join(wire.fmt for wire in header if isinstance(wire, Int))
    return struct.Struct(fmt), samples.max_items, code, tuple(name for name, _ in channels)


_HEADER, MAX_SAMPLES, _CODE, CHANNELS = _layout()
_SAMPLE_SIZE = struct.calcsize("<" + _CODE) * len(CHANNELS)


@dataclass(frozen=True)
class TelemetryColumns:
    """A telemetry batch, wire units, one array per channel (``needle_um``, ``plunger_um``,
    ``pressure_hpa``, in the order of :class:`~firmware_protocol.messages.TelemetrySample`)."""

    first_sample: int
    device_time_ms: int  # time of the first sample
    period_us: int
    needle_um: array[int]
    plunger_um: array[int]
    pressure_hpa: array[int]

    def __len__(self) -> int:
        return len(self.needle_um)

    @classmethod
    def from_message(cls, message: Telemetry) -> TelemetryColumns:
        """The columns of a decoded :class:`~firmware_protocol.messages.Telemetry` message."""
        columns = [array(_CODE, (getattr(s, name) for s in message.samples)) for name in CHANNELS]
        return cls(message.first_sample, message.device_time_ms, message.period_us, *columns)


def decode_telemetry_columns(frame: Frame) -> TelemetryColumns:
    """The samples of a CRC-valid telemetry frame by channel. Raises :class:`DecodeError` for a frame
    the generic codec would refuse (another version or type, a count or length that does not fit)."""
    if frame.version != PROTOCOL_VERSION:
        raise DecodeError(f"protocol version {frame.version}, expected {PROTOCOL_VERSION}")
    if frame.msg_type != TELEMETRY_MSG_ID:
        raise DecodeError(f"message type 0x{frame.msg_type:02X} is not telemetry")
    payload = frame.payload
    start = _HEADER.size + 1
    if len(payload) < start:
        raise DecodeError(f"Telemetry: payload of {len(payload)} bytes ends before the sample count")
    count = payload[_HEADER.size]
    if count > MAX_SAMPLES:
        raise DecodeError(f"Telemetry: samples: {count} items exceed {MAX_SAMPLES}")
    if len(payload) != start + count * _SAMPLE_SIZE:
        raise DecodeError(f"Telemetry: {len(payload) - start} bytes of samples for a count of {count}")
    first_sample, device_time_ms, period_us = _HEADER.unpack_from(payload, 0)
    values = array(_CODE, payload[start:])
    if sys.byteorder == "big":
        values.byteswap()  # the wire is little-endian
    width = len(CHANNELS)
    return TelemetryColumns(
        first_sample, device_time_ms, period_us, values[0::width], values[1::width], values[2::width]
    )

"""Messages ⇄ payload bytes, driven by the field annotations of :mod:`firmware_protocol.messages`."""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from functools import cache
from typing import Any

from firmware_protocol.enums import Status
from firmware_protocol.framing import FLAG_RETRANSMIT, Frame, FrameError, encode_frame
from firmware_protocol.messages import (
    EVENTS,
    PROTOCOL_VERSION,
    REPLY_OF,
    REQUESTS,
    RESPONSE_BIT,
    STREAMS,
    ErrorDetail,
)
from firmware_protocol.wire_types import Array, Int, WireType, WireTypeError


class DecodeError(ValueError):
    """A valid frame whose payload does not match its message type. The only error decoding raises."""


@cache
def wire_fields(cls: type) -> tuple[tuple[str, WireType], ...]:
    """(name, wire type) of each field of a message or record class, in wire order."""
    hints = typing.get_type_hints(cls, include_extras=True)
    fields: list[tuple[str, WireType]] = []
    for item in dataclasses.fields(cls):
        metadata = getattr(hints[item.name], "__metadata__", ())
        if not metadata:
            raise TypeError(f"{cls.__name__}.{item.name} has no wire type")
        fields.append((item.name, metadata[0]))
    return tuple(fields)


def encode_body(message: object) -> bytes:
    """Payload bytes of a message or record instance."""
    out = bytearray()
    for name, wire in wire_fields(type(message)):
        value = getattr(message, name)
        try:
            if isinstance(wire, Array):
                if len(value) > wire.max_items:
                    raise WireTypeError(f"{len(value)} items exceed {wire.max_items}")
                out.append(len(value))
                for item in value:
                    out += encode_body(item)
            else:
                out += wire.encode(value)
        except WireTypeError as exc:
            raise FrameError(f"{type(message).__name__}.{name}: {exc}") from exc
    return bytes(out)


def _decode_fields(cls: type, data: bytes, offset: int) -> tuple[Any, int]:
    values: dict[str, Any] = {}
    for name, wire in wire_fields(cls):
        if isinstance(wire, Array):
            if offset >= len(data):
                raise WireTypeError(f"payload ends before the count of {name}")
            count = data[offset]
            offset += 1
            if count > wire.max_items:
                raise WireTypeError(f"{name}: {count} items exceed {wire.max_items}")
            items = []
            for _ in range(count):
                item, offset = _decode_fields(wire.item, data, offset)
                items.append(item)
            values[name] = tuple(items)
        else:
            values[name], offset = wire.decode(data, offset)
    return cls(**values), offset


def decode_body(cls: type, data: bytes) -> Any:
    """Instance of ``cls`` from exactly ``data``. Raises :class:`DecodeError` on any mismatch."""
    try:
        message, end = _decode_fields(cls, data, 0)
    except WireTypeError as exc:
        raise DecodeError(f"{cls.__name__}: {exc}") from exc
    if end != len(data):
        raise DecodeError(f"{cls.__name__}: {len(data) - end} unexpected trailing bytes")
    return message


# ---------------------------------------------------------------- the frame-level view

MESSAGE_BY_ID: dict[int, type] = {cls.MSG_ID: cls for cls in (*REQUESTS, *EVENTS, *STREAMS)}  # type: ignore[attr-defined]


def msg_id(message_or_class: object) -> int:
    """The message type id of a message instance or class."""
    cls = message_or_class if isinstance(message_or_class, type) else type(message_or_class)
    value = getattr(cls, "MSG_ID", None)
    if not isinstance(value, int):
        raise TypeError(f"{cls.__name__} is not a message of the table")
    return value


@dataclass(frozen=True)
class Packet:
    """A decoded request, event or telemetry frame."""

    seq: int
    retransmit: bool
    message: Any


@dataclass(frozen=True)
class Response:
    """A decoded response: the OK body or, for any other status, the error detail."""

    seq: int
    request_type: type
    status: Status
    body: Any  # instance of REPLY_OF[request_type] when status is OK, else None
    error: ErrorDetail | None


def encode_message(message: object, seq: int, *, retransmit: bool = False) -> bytes:
    """Wire frame of a request, event or telemetry message."""
    flags = FLAG_RETRANSMIT if retransmit else 0
    return encode_frame(PROTOCOL_VERSION, msg_id(message), flags, seq, encode_body(message))


def encode_response(
    request_type: type,
    seq: int,
    status: Status,
    body: object | None = None,
    error: ErrorDetail | None = None,
) -> bytes:
    """Wire frame of the response to a request of ``request_type``."""
    payload = bytes([int(status)])
    if status == Status.OK:
        reply_cls = REPLY_OF[request_type]
        if reply_cls is not None:
            if type(body) is not reply_cls:
                raise FrameError(f"{request_type.__name__} replies with {reply_cls.__name__}")
            payload += encode_body(body)
    else:
        payload += encode_body(error or ErrorDetail(255, 0, 0, 0, 0))
    return encode_frame(PROTOCOL_VERSION, msg_id(request_type) | RESPONSE_BIT, 0, seq, payload)


def decode_frame(frame: Frame) -> Packet | Response:
    """Interpret a CRC-valid frame. Raises :class:`DecodeError` for anything not in the table."""
    if frame.version != PROTOCOL_VERSION:
        raise DecodeError(f"protocol version {frame.version}, expected {PROTOCOL_VERSION}")
    is_response = bool(frame.msg_type & RESPONSE_BIT)
    cls = MESSAGE_BY_ID.get(frame.msg_type & ~RESPONSE_BIT if is_response else frame.msg_type)
    if cls is None or (is_response and cls not in REPLY_OF):
        raise DecodeError(f"unknown message type 0x{frame.msg_type:02X}")
    if not is_response:
        return Packet(frame.seq, frame.retransmit, decode_body(cls, frame.payload))
    if not frame.payload:
        raise DecodeError(f"response 0x{frame.msg_type:02X} has no status byte")
    try:
        status = Status(frame.payload[0])
    except ValueError as exc:
        raise DecodeError(f"unknown status {frame.payload[0]}") from exc
    rest = frame.payload[1:]
    if status != Status.OK:
        return Response(frame.seq, cls, status, None, decode_body(ErrorDetail, rest))
    reply_cls = REPLY_OF[cls]
    if reply_cls is None:
        if rest:
            raise DecodeError(f"{cls.__name__} reply carries {len(rest)} unexpected bytes")
        return Response(frame.seq, cls, status, None, None)
    return Response(frame.seq, cls, status, decode_body(reply_cls, rest), None)


def is_int_field(wire: WireType) -> bool:
    return isinstance(wire, Int)

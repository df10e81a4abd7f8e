"""Messages ⇄ frames: requests, responses, events and telemetry as wire bytes, and back.

The payload layer (:mod:`firmware_protocol.payload`) packs the fields; this module adds the header,
the response status and error body, and decides which class a frame carries.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any, TypeVar

from firmware_protocol.enums import Status
from firmware_protocol.framing import (
    FLAG_RETRANSMIT,
    MAX_PAYLOAD,
    Frame,
    FrameError,
    encode_frame,
    frame_bytes,
)
from firmware_protocol.messages import (
    MESSAGES,
    PROTOCOL_VERSION,
    REPLY_OF,
    RESPONSE_BIT,
    ErrorDetail,
    message_spec,
)
from firmware_protocol.payload import DecodeError, decode_body, encode_body, wire_fields
from firmware_protocol.wire_types import Int, WireType

__all__ = [
    "MESSAGE_BY_ID",
    "DecodeError",
    "Packet",
    "Response",
    "decode_body",
    "decode_frame",
    "encode_body",
    "encode_message",
    "encode_response",
    "is_int_field",
    "msg_id",
    "wire_enum",
    "wire_fields",
]


# ---------------------------------------------------------------- the frame-level view

MESSAGE_BY_ID: dict[int, type] = {message_spec(cls).msg_id: cls for cls in MESSAGES}
_ID_OF: dict[type, int] = {cls: msg_type for msg_type, cls in MESSAGE_BY_ID.items()}


def msg_id(message_or_class: object) -> int:
    """The message type id of a message instance or class. Raises TypeError for anything else."""
    cls = message_or_class if isinstance(message_or_class, type) else type(message_or_class)
    return message_spec(cls).msg_id


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
    msg_type = _ID_OF.get(type(message))
    if msg_type is None:
        msg_type = msg_id(message)  # raises TypeError for a class the table does not hold
    payload = encode_body(message)
    if len(payload) > MAX_PAYLOAD:
        raise FrameError(f"payload of {len(payload)} bytes exceeds {MAX_PAYLOAD}")
    return frame_bytes(PROTOCOL_VERSION, msg_type, FLAG_RETRANSMIT if retransmit else 0, seq, payload)


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
        packet: Packet = object.__new__(Packet)  # without the generated __init__: see payload.py
        message: object = decode_body(cls, frame.payload)
        vars(packet).update(seq=frame.seq, retransmit=bool(frame.flags & FLAG_RETRANSMIT), message=message)
        return packet
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


_E = TypeVar("_E", bound=IntEnum)


def wire_enum(enum_cls: type[_E], raw: int, field: str) -> _E:
    """The member of ``enum_cls`` a wire integer stands for.

    Raises :class:`DecodeError` (not ValueError) for a value the enumeration does not define, so that
    a receiver drops and counts such a frame exactly like any other it cannot interpret (§4).
    """
    try:
        return enum_cls(raw)
    except ValueError as exc:
        raise DecodeError(f"{field}: {raw} is not a {enum_cls.__name__}") from exc


def is_int_field(wire: WireType) -> bool:
    """True for a fixed-size integer field (as opposed to text, bytes or a record array)."""
    return isinstance(wire, Int)

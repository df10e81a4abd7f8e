"""The schema hash: a fingerprint of the message table, exchanged in HELLO.

It covers every message id, name, kind and field (name and wire type), each reply layout, and the
numeric values of the enumerations, so any change to the contract changes the hash.
"""

from __future__ import annotations

import binascii
from enum import IntEnum

from firmware_protocol import enums
from firmware_protocol.codec import wire_fields
from firmware_protocol.messages import EVENTS, REPLY_OF, REQUESTS, STREAMS, ErrorDetail, TelemetrySample
from firmware_protocol.wire_types import Array


def _layout(cls: type) -> str:
    parts = []
    for name, wire in wire_fields(cls):
        if isinstance(wire, Array):
            parts.append(f"{name}:[{wire.max_items}]{{{_layout(wire.item)}}}")
        else:
            parts.append(f"{name}:{wire!r}")
    return ",".join(parts)


def canonical_text() -> str:
    """The text the schema hash is computed over (also handy to diff two tables)."""
    lines = [f"record ErrorDetail({_layout(ErrorDetail)})", f"record TelemetrySample({_layout(TelemetrySample)})"]
    for cls in (*REQUESTS, *EVENTS, *STREAMS):
        line = f"0x{cls.MSG_ID:02X} {cls.__name__} {cls.KIND.value}({_layout(cls)})"  # type: ignore[attr-defined]
        if cls in REPLY_OF:
            reply = REPLY_OF[cls]
            line += f" -> {reply.__name__ + '(' + _layout(reply) + ')' if reply else '()'}"
        lines.append(line)
    for enum_cls in (enums.Status, enums.DeviceState, enums.Mode, enums.ShotResult, enums.AlarmCode,
                     enums.AlarmPriority, enums.StateChangeReason, enums.Channel):
        members: list[IntEnum] = list(enum_cls)
        lines.append(f"enum {enum_cls.__name__}(" + ",".join(f"{m.name}={int(m)}" for m in members) + ")")
    return "\n".join(lines)


def schema_hash() -> int:
    """CRC-32 (ISO-HDLC, as ``binascii.crc32``) of :func:`canonical_text` in UTF-8."""
    return binascii.crc32(canonical_text().encode("utf-8"))


SCHEMA_HASH = schema_hash()

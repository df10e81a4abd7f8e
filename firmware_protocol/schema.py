"""The schema hash: a fingerprint of the message table, exchanged in HELLO.

It covers every message id, name, kind and field (name and wire type), each reply layout, and the
numeric values of the enumerations, so any change to the contract changes the hash. The canonical
text is language-neutral (C type names), so another implementation can reproduce it from PROTOCOL.md.
"""

from __future__ import annotations

import binascii

from firmware_protocol.codec import wire_fields
from firmware_protocol.enums import WIRE_ENUMS
from firmware_protocol.messages import MESSAGES, ErrorDetail, TelemetrySample, message_spec
from firmware_protocol.wire_types import Array, Blob, Int, Text, WireType


def type_text(wire: WireType) -> str:
    """Canonical spelling of a wire type: ``uint16``, ``text(32)``, ``bytes(8)``, ``TelemetrySample[32]``."""
    if isinstance(wire, Int):
        return wire.c_type
    if isinstance(wire, Text):
        return f"text({wire.max_bytes})"
    if isinstance(wire, Blob):
        return f"bytes({wire.max_bytes})"
    return f"{wire.item.__name__}[{wire.max_items}]"


def _layout(cls: type) -> str:
    parts = []
    for name, wire in wire_fields(cls):
        parts.append(f"{name}:{type_text(wire)}")
        if isinstance(wire, Array):
            parts[-1] += "{" + _layout(wire.item) + "}"
    return ",".join(parts)


def canonical_text() -> str:
    """The text the schema hash is computed over (also handy to diff two tables).

    One line per record, message and enumeration, joined with ``\\n`` (no trailing newline).
    """
    lines = [f"record {cls.__name__}({_layout(cls)})" for cls in (ErrorDetail, TelemetrySample)]
    for cls in MESSAGES:
        spec = message_spec(cls)
        line = f"0x{spec.msg_id:02X} {spec.name} {spec.kind.value}({_layout(cls)})"
        if spec.is_request:
            reply = spec.reply
            line += f" -> {reply.__name__}({_layout(reply)})" if reply is not None else " -> ()"
        lines.append(line)
    for enum_cls in WIRE_ENUMS:
        members = ",".join(f"{member.name}={int(member)}" for member in enum_cls)
        lines.append(f"enum {enum_cls.__name__}({members})")
    return "\n".join(lines)


def schema_hash() -> int:
    """CRC-32 (ISO-HDLC, as ``binascii.crc32``) of :func:`canonical_text` in UTF-8."""
    return binascii.crc32(canonical_text().encode("utf-8"))


SCHEMA_HASH = schema_hash()

"""Byte layout of the message table, for documents and code generators: offsets, sizes, units.

Offsets are counted from the start of the payload (the frame body adds the 5-byte header before it).
After a variable-size field (text, bytes, array) the offset is written ``base + L(field)``, where
``L(field)`` is the number of bytes that field's content took (its length byte excluded).
"""

from __future__ import annotations

from dataclasses import dataclass

from firmware_protocol.codec import wire_fields
from firmware_protocol.field_docs import FIELD_DOCS
from firmware_protocol.schema import type_text
from firmware_protocol.wire_types import Array, Blob, Int, Text, WireType

# Longest suffix first: "_nl_s" must win over "_s".
_UNITS: tuple[tuple[str, str], ...] = (
    ("_nl_s", "nl/s"),
    ("_um", "µm"),
    ("_nl", "nl"),
    ("_ul", "µl"),
    ("_ml", "ml"),
    ("_pl", "pl"),
    ("_ms", "ms"),
    ("_us", "µs"),
    ("_mhz", "mHz"),
    ("_hz", "Hz"),
    ("_hpa", "hPa"),
    ("_pct", "%"),
    ("_ppm", "ppm"),
    ("_seconds", "s"),
    ("_s", "s"),
)


def unit_of(field_name: str) -> str:
    """Unit of a field, read from its name suffix (``depth_um`` → ``µm``); empty when unitless."""
    for suffix, unit in _UNITS:
        if field_name.endswith(suffix):
            return unit
    return ""


def fixed_size(wire: WireType) -> int | None:
    """Bytes a field always takes, or None when its size depends on its content."""
    return wire.size if isinstance(wire, Int) else None


def max_size(wire: WireType) -> int:
    """Most bytes a field can take on the wire."""
    if isinstance(wire, Int):
        return wire.size
    if isinstance(wire, Text | Blob):
        return 1 + wire.max_bytes
    return 1 + wire.max_items * record_size(wire.item)


def min_size(wire: WireType) -> int:
    """Fewest bytes a field can take on the wire (empty text, bytes or array: the length byte)."""
    return wire.size if isinstance(wire, Int) else 1


def record_size(cls: type) -> int:
    """Size of a record whose fields are all fixed-size integers (TelemetrySample, ErrorDetail…)."""
    total = 0
    for name, wire in wire_fields(cls):
        size = fixed_size(wire)
        if size is None:
            raise TypeError(f"{cls.__name__}.{name} has no fixed size")
        total += size
    return total


def payload_size_range(cls: type) -> tuple[int, int]:
    """(fewest, most) payload bytes of a message or record class."""
    fields = wire_fields(cls)
    return sum(min_size(w) for _, w in fields), sum(max_size(w) for _, w in fields)


def is_fixed(cls: type) -> bool:
    """True when every field of ``cls`` is a fixed-size integer (one packed C struct describes it)."""
    return all(isinstance(wire, Int) for _, wire in wire_fields(cls))


@dataclass(frozen=True)
class FieldLayout:
    """One field as the spec tables show it."""

    name: str
    wire: WireType
    base_offset: int  # offset when every text, byte string and array before it is empty
    after_variable: tuple[str, ...]  # the variable-size fields before it
    type_text: str
    unit: str
    range: str  # documented range; empty: any value of the wire type
    meaning: str

    @property
    def offset(self) -> str:
        """``"5"``, or ``"12 + Σ"`` after variable-size fields (Σ: their content lengths)."""
        return f"{self.base_offset} + Σ" if self.after_variable else str(self.base_offset)

    @property
    def size(self) -> str:
        """``"2"``, ``"1 + L"`` for text and bytes, ``"1 + 6 × count"`` for arrays."""
        wire = self.wire
        if isinstance(wire, Int):
            return str(wire.size)
        if isinstance(wire, Array):
            return f"1 + {record_size(wire.item)} × count"
        return "1 + L"

    @property
    def wire_range(self) -> str:
        """The whole range of an integer field's wire type (empty for other fields)."""
        if isinstance(self.wire, Int):
            low, high = self.wire.bounds
            return f"{low:,}..{high:,}".replace(",", " ")
        return ""


def field_layouts(cls: type) -> list[FieldLayout]:
    """Layout of each field of ``cls``, offsets counted from the start of its payload."""
    layouts: list[FieldLayout] = []
    offset = 0
    variable: list[str] = []
    for name, wire in wire_fields(cls):
        range_text, meaning = FIELD_DOCS.get(f"{cls.__name__}.{name}", ("", ""))
        layouts.append(
            FieldLayout(
                name, wire, offset, tuple(variable), type_text(wire), unit_of(name), range_text, meaning
            )
        )
        offset += min_size(wire)
        if fixed_size(wire) is None:
            variable.append(name)
    return layouts

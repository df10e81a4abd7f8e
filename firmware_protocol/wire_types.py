"""Wire types: how one field of a message is laid out in bytes.

Every multi-byte integer on the wire is little-endian. A message field is declared with
``Annotated[python_type, WIRE_TYPE]``; the codec reads those annotations once at import time.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any


class WireTypeError(ValueError):
    """A value does not fit the wire type of its field."""


@dataclass(frozen=True)
class Int:
    """A fixed-size integer: ``fmt`` is a :mod:`struct` code (``B``, ``H``, ``I``, ``Q``, ``h``, ``i``)."""

    fmt: str
    c_type: str

    @property
    def size(self) -> int:
        return struct.calcsize("<" + self.fmt)

    @property
    def bounds(self) -> tuple[int, int]:
        bits = self.size * 8
        if self.fmt.islower():
            return -(1 << (bits - 1)), (1 << (bits - 1)) - 1
        return 0, (1 << bits) - 1

    def encode(self, value: Any) -> bytes:
        low, high = self.bounds
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise WireTypeError(f"{value!r} does not fit {self.c_type} [{low}, {high}]")
        return struct.pack("<" + self.fmt, value)

    def decode(self, data: bytes, offset: int) -> tuple[int, int]:
        end = offset + self.size
        if end > len(data):
            raise WireTypeError(f"payload ends inside a {self.c_type} at byte {offset}")
        (value,) = struct.unpack_from("<" + self.fmt, data, offset)
        return int(value), end

    def describe(self) -> str:
        return self.c_type


def as_int32(value: int) -> int:
    """The int32 with the same 32-bit pattern as ``value`` (how ErrorDetail carries a uint32)."""
    if not 0 <= value <= 0xFFFF_FFFF and not -(1 << 31) <= value < 0:
        raise WireTypeError(f"{value} has no 32-bit pattern")
    value &= 0xFFFF_FFFF
    return value - (1 << 32) if value >= 1 << 31 else value


U8 = Int("B", "uint8")
U16 = Int("H", "uint16")
U32 = Int("I", "uint32")
U64 = Int("Q", "uint64")
I16 = Int("h", "int16")
I32 = Int("i", "int32")


@dataclass(frozen=True)
class Text:
    """UTF-8 text: one length byte, then at most ``max_bytes`` bytes (no terminator)."""

    max_bytes: int

    def encode(self, value: Any) -> bytes:
        if not isinstance(value, str):
            raise WireTypeError(f"{value!r} is not text")
        raw = value.encode("utf-8")
        if len(raw) > self.max_bytes:
            raise WireTypeError(f"text of {len(raw)} bytes exceeds {self.max_bytes}")
        return bytes([len(raw)]) + raw

    def decode(self, data: bytes, offset: int) -> tuple[str, int]:
        if offset >= len(data):
            raise WireTypeError(f"payload ends before a text length at byte {offset}")
        length = data[offset]
        end = offset + 1 + length
        if length > self.max_bytes or end > len(data):
            raise WireTypeError(f"text length {length} at byte {offset} is invalid")
        try:
            return data[offset + 1 : end].decode("utf-8"), end
        except UnicodeDecodeError as exc:
            raise WireTypeError(f"text at byte {offset} is not UTF-8") from exc

    def describe(self) -> str:
        return f"text (uint8 length + up to {self.max_bytes} bytes UTF-8)"


@dataclass(frozen=True)
class Blob:
    """Raw bytes: one length byte, then at most ``max_bytes`` bytes."""

    max_bytes: int

    def encode(self, value: Any) -> bytes:
        if not isinstance(value, bytes | bytearray):
            raise WireTypeError(f"{value!r} is not bytes")
        if len(value) > self.max_bytes:
            raise WireTypeError(f"{len(value)} bytes exceed {self.max_bytes}")
        return bytes([len(value)]) + bytes(value)

    def decode(self, data: bytes, offset: int) -> tuple[bytes, int]:
        if offset >= len(data):
            raise WireTypeError(f"payload ends before a byte-string length at byte {offset}")
        length = data[offset]
        end = offset + 1 + length
        if length > self.max_bytes or end > len(data):
            raise WireTypeError(f"byte-string length {length} at byte {offset} is invalid")
        return bytes(data[offset + 1 : end]), end

    def describe(self) -> str:
        return f"bytes (uint8 length + up to {self.max_bytes} bytes)"


@dataclass(frozen=True)
class Array:
    """A counted list of records: one count byte, then ``count`` records of ``item`` (a dataclass)."""

    item: type
    max_items: int

    def describe(self) -> str:
        return f"array (uint8 count + up to {self.max_items} × {self.item.__name__})"


WireType = Int | Text | Blob | Array

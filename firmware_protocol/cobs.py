"""Consistent Overhead Byte Stuffing: removes every 0x00 from a frame so 0x00 can delimit frames.

Overhead: one byte per started run of 254 non-zero bytes (at most 2 bytes for our 255-byte bodies).
"""

from __future__ import annotations


class CobsError(ValueError):
    """The bytes between two delimiters are not a valid COBS encoding."""


def cobs_encode(data: bytes) -> bytes:
    """Encode ``data``; the result contains no 0x00 byte (the delimiter is not appended)."""
    out = bytearray([0])  # placeholder for the first code byte
    code_index = 0
    code = 1
    for byte in data:
        if byte:
            out.append(byte)
            code += 1
        if not byte or code == 0xFF:
            out[code_index] = code
            code_index = len(out)
            out.append(0)
            code = 1
    out[code_index] = code
    return bytes(out)


def cobs_decode(data: bytes) -> bytes:
    """Decode one COBS block (without its delimiter). Raises :class:`CobsError` if malformed."""
    out = bytearray()
    index = 0
    length = len(data)
    while index < length:
        code = data[index]
        end = index + code
        if code == 0 or end > length:
            raise CobsError(f"invalid COBS code {code} at offset {index}")
        chunk = data[index + 1 : end]
        if 0 in chunk:
            raise CobsError(f"zero byte inside a COBS block near offset {index}")
        out += chunk
        index = end
        if code != 0xFF and index < length:
            out.append(0)
    return bytes(out)

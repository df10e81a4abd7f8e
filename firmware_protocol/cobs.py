"""Consistent Overhead Byte Stuffing: removes every 0x00 from a frame so 0x00 can delimit frames.

Overhead: one byte per started run of 254 non-zero bytes (at most 2 bytes for our 255-byte bodies).
"""

from __future__ import annotations


class CobsError(ValueError):
    """The bytes between two delimiters are not a valid COBS encoding."""


#: The code byte of a run of n non-zero bytes followed by a zero (n < 254).
_CODES = tuple(bytes([n + 1]) for n in range(0xFE))


def cobs_encode(data: bytes) -> bytes:
    """Encode ``data``; the result contains no 0x00 byte (the delimiter is not appended)."""
    runs = data.split(b"\x00")
    if max(map(len, runs)) < 0xFE:
        # Every run is one block: its code byte, then the run (joined in C, not a byte at a time).
        parts: list[bytes] = [b""] * (2 * len(runs))
        parts[0::2] = map(_CODES.__getitem__, map(len, runs))
        parts[1::2] = runs
        return b"".join(parts)
    out = bytearray()
    for run in runs:
        while len(run) >= 0xFE:
            out.append(0xFF)  # 254 non-zero bytes and no zero after them
            out += run[:0xFE]
            run = run[0xFE:]
        out.append(len(run) + 1)
        out += run
    return bytes(out)


def cobs_decode(data: bytes) -> bytes:
    """Decode one COBS block (without its delimiter). Raises :class:`CobsError` if malformed."""
    if 0 in data:
        raise CobsError(f"zero byte inside a COBS block near offset {data.index(0)}")
    blocks: list[bytes] = []
    index = 0
    length = len(data)
    while index < length:
        code = data[index]
        end = index + code
        if end > length:
            raise CobsError(f"invalid COBS code {code} at offset {index}")
        if code == 0xFF:
            return _decode_long_runs(data)
        blocks.append(data[index + 1 : end])
        index = end
    # Each block but the last stood for its bytes and a zero.
    return b"\x00".join(blocks)


def _decode_long_runs(data: bytes) -> bytes:
    """The general case: some block holds 254 non-zero bytes and no zero after them (code 0xFF)."""
    out = bytearray()
    index = 0
    length = len(data)
    while index < length:
        code = data[index]
        end = index + code
        if end > length:
            raise CobsError(f"invalid COBS code {code} at offset {index}")
        out += data[index + 1 : end]
        index = end
        if code != 0xFF and index < length:
            out.append(0)
    return bytes(out)

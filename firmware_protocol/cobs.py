"""Consistent Overhead Byte Stuffing: removes every 0x00 from a frame so 0x00 can delimit frames.

Overhead: one byte per started run of 254 non-zero bytes (at most 2 bytes for our 255-byte bodies).

The stuffing itself is the ``cobs`` package's (its C extension where it was built, its pure Python
otherwise); this module fixes the one choice COBS leaves open and PROTOCOL.md §4.3 settles: a body
ending in a full 254-byte block is followed by an empty ``01`` block, as in Cheshire and Baker's
reference ``StuffData``. Decoding accepts both forms.
"""

from __future__ import annotations

from cobs import cobs as _cobs

_FULL_BLOCK = 0xFE  # non-zero bytes in a block of code 0xFF, which implies no zero after it
_EMPTY_BLOCK = b"\x01"


class CobsError(ValueError):
    """The bytes between two delimiters are not a valid COBS encoding."""


def cobs_encode(data: bytes) -> bytes:
    """Encode ``data``; the result contains no 0x00 byte (the delimiter is not appended)."""
    encoded: bytes = _cobs.encode(data)
    # The library ends a body whose last run fills whole 254-byte blocks without the empty block.
    last_run = len(data) - 1 - data.rfind(b"\x00")
    if last_run and last_run % _FULL_BLOCK == 0:
        return encoded + _EMPTY_BLOCK
    return encoded


def cobs_decode(data: bytes) -> bytes:
    """Decode one COBS block (without its delimiter). Raises :class:`CobsError` if malformed."""
    try:
        decoded: bytes = _cobs.decode(data)
    except _cobs.DecodeError as error:
        raise CobsError(str(error)) from None
    return decoded

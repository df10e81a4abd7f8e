"""Frames: header + payload + CRC, COBS-encoded and delimited by 0x00.

Body layout (before COBS)::

    offset 0  uint8   protocol version
    offset 1  uint8   message type (bit 7 set: response)
    offset 2  uint8   flags (bit 0: retransmission)
    offset 3  uint16  sequence number
    offset 5  ...     payload (0..MAX_PAYLOAD bytes)
    last 2    uint16  CRC-16/CCITT-FALSE of every byte before it

A :class:`FrameDecoder` resynchronises on the next 0x00 after any damage, so noise costs at most the
frame it hits (and the one it merges with when a delimiter itself is destroyed).
"""

from __future__ import annotations

import binascii
import struct
from dataclasses import dataclass, field

from firmware_protocol.cobs import CobsError, cobs_decode, cobs_encode

DELIMITER = 0x00
HEADER_SIZE = 5
CRC_SIZE = 2
MAX_BODY = 255
MAX_PAYLOAD = MAX_BODY - HEADER_SIZE - CRC_SIZE  # 248
MAX_ENCODED = MAX_BODY + 2  # COBS adds at most 2 bytes to 255 bytes
FLAG_RETRANSMIT = 0x01

_HEADER = struct.Struct("<BBBH")
_CRC = struct.Struct("<H")


def crc16(data: bytes) -> int:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor)."""
    return binascii.crc_hqx(data, 0xFFFF)


@dataclass(frozen=True)
class Frame:
    """A frame whose CRC is valid; its payload is not interpreted yet."""

    version: int
    msg_type: int
    flags: int
    seq: int
    payload: bytes

    @property
    def retransmit(self) -> bool:
        return bool(self.flags & FLAG_RETRANSMIT)


class FrameError(ValueError):
    """A frame cannot be built (payload too long, field out of its wire range)."""


def encode_frame(version: int, msg_type: int, flags: int, seq: int, payload: bytes) -> bytes:
    """Wire bytes of one frame, delimiter included. Raises :class:`FrameError` when too long."""
    if len(payload) > MAX_PAYLOAD:
        raise FrameError(f"payload of {len(payload)} bytes exceeds {MAX_PAYLOAD}")
    if not (0 <= version <= 0xFF and 0 <= msg_type <= 0xFF and 0 <= flags <= 0xFF):
        for name, value in (("version", version), ("message type", msg_type), ("flags", flags)):
            if not 0 <= value <= 0xFF:
                raise FrameError(f"{name} {value} is outside [0, 255]")
    return frame_bytes(version, msg_type, flags, seq, payload)


def frame_bytes(version: int, msg_type: int, flags: int, seq: int, payload: bytes) -> bytes:
    """:func:`encode_frame` without its checks, for callers whose header values come from the table."""
    # Sequence numbers are counters: the wire carries them modulo 2**16.
    body = _HEADER.pack(version, msg_type, flags, seq & 0xFFFF) + payload
    body += _CRC.pack(binascii.crc_hqx(body, 0xFFFF))
    return cobs_encode(body) + b"\x00"


@dataclass
class FrameStats:
    """Counters a decoder keeps; every dropped frame is counted under exactly one reason."""

    frames_ok: int = 0
    crc_errors: int = 0
    cobs_errors: int = 0
    oversize: int = 0
    runt: int = 0
    bytes_in: int = 0

    @property
    def frames_dropped(self) -> int:
        return self.crc_errors + self.cobs_errors + self.oversize + self.runt


@dataclass
class FrameDecoder:
    """Incremental decoder: feed it any chunks of bytes, get back the valid frames they complete."""

    stats: FrameStats = field(default_factory=FrameStats)
    _buffer: bytearray = field(default_factory=bytearray)
    _discarding: bool = False

    def feed(self, data: bytes) -> list[Frame]:
        """Consume ``data``; return the frames it completed, in order. Never raises."""
        self.stats.bytes_in += len(data)
        pieces = data.split(b"\x00")
        tail = pieces.pop()  # after the last delimiter: the start of a frame still coming
        frames: list[Frame] = []
        for index, piece in enumerate(pieces):
            if index == 0 and (self._buffer or self._discarding):
                self._accumulate(piece)
                if self._discarding:
                    self._discarding = False
                    continue
                piece = bytes(self._buffer)
                self._buffer.clear()
            elif len(piece) > MAX_ENCODED:
                self.stats.oversize += 1  # no frame is this long
                continue
            frame = self._parse(piece)
            if frame is not None:
                frames.append(frame)
        self._accumulate(tail)
        return frames

    def _accumulate(self, chunk: bytes) -> None:
        if self._discarding:
            return
        self._buffer += chunk
        if len(self._buffer) > MAX_ENCODED:
            # No frame is this long: drop until the next delimiter.
            self.stats.oversize += 1
            self._buffer.clear()
            self._discarding = True

    def _parse(self, encoded: bytes) -> Frame | None:
        if not encoded:
            return None  # back-to-back delimiters: idle filler, not an error
        try:
            body = cobs_decode(encoded)
        except CobsError:
            self.stats.cobs_errors += 1
            return None
        if len(body) > MAX_BODY:
            # 257 encoded bytes can decode to 256: longer than any body a sender may build.
            self.stats.oversize += 1
            return None
        if len(body) < HEADER_SIZE + CRC_SIZE:
            self.stats.runt += 1
            return None
        (received_crc,) = _CRC.unpack_from(body, len(body) - CRC_SIZE)
        if crc16(body[:-CRC_SIZE]) != received_crc:
            self.stats.crc_errors += 1
            return None
        version, msg_type, flags, seq = _HEADER.unpack_from(body, 0)
        self.stats.frames_ok += 1
        # Filled without the generated __init__ (which sets each field through object.__setattr__).
        frame: Frame = object.__new__(Frame)
        payload = body[HEADER_SIZE:-CRC_SIZE]
        vars(frame).update(version=version, msg_type=msg_type, flags=flags, seq=seq, payload=payload)
        return frame

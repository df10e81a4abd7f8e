"""Raw frames to and from a device under test, below the Injector API.

The conformance checker must send what a correct host never would (bad CRCs, broken COBS, unknown
types, retransmissions with other content), so it speaks through ``firmware_protocol``'s codec over a
pyserial port directly. Every frame the device sends is kept with its arrival time (monotonic s),
including the ones the codec cannot interpret (an UNSUPPORTED answer to type 0x00 has no class).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from typing import Any, TypeVar

import serial

from firmware_protocol import (
    PROTOCOL_VERSION,
    SCHEMA_HASH,
    DecodeError,
    Frame,
    FrameDecoder,
    Packet,
    Response,
    Status,
    decode_frame,
    encode_message,
)
from firmware_protocol.messages import Heartbeat, Hello, HelloReply, Kind, Telemetry, message_spec

T = TypeVar("T")
READ_SLICE_S = 0.01  # how long one read waits: short, so time stamps stay sharp
HEARTBEAT_S = 0.1  # keep-alive period while the device is armed (watchdog / 5)


class CheckFailed(Exception):
    """The device broke the rule a check is about; the message says how."""


@dataclass(frozen=True)
class Received:
    """One valid frame from the device, when it arrived (time.monotonic()), and its decoded view."""

    at_s: float
    frame: Frame
    decoded: Packet | Response | None  # None: CRC-valid but not interpretable by the codec


def message_of(item: Received) -> Any:
    """The message of a request, event or telemetry frame; None for a response or an undecodable frame."""
    return item.decoded.message if isinstance(item.decoded, Packet) else None


class RawLink:
    """One connection to the device under test. ``read_timeout_s``: how long to wait for an answer."""

    def __init__(
        self, port: serial.SerialBase, *, answer_timeout_s: float = 1.0, first_seq: int | None = None
    ):
        self.port = port
        self.answer_timeout_s = answer_timeout_s
        self.decoder = FrameDecoder()
        self.received: list[Received] = []
        self.keepalive = False  # send HEARTBEAT every 100 ms of silence while waiting
        self.last_tx_s = time.monotonic()
        # A random start, as every host connection (a device may still cache an earlier run's numbers).
        self._seq = random.randrange(0x10000) if first_seq is None else first_seq

    # ------------------------------------------------------------------ out

    def next_seq(self) -> int:
        self._seq = (self._seq + 1) & 0xFFFF
        return self._seq

    def write(self, data: bytes) -> None:
        self.port.write(data)
        self.port.flush()
        self.last_tx_s = time.monotonic()

    def send(self, message: object, *, seq: int | None = None, retransmit: bool = False) -> int:
        seq = self.next_seq() if seq is None else seq
        self.write(encode_message(message, seq, retransmit=retransmit))
        return seq

    # ------------------------------------------------------------------ in

    def pump(self, duration_s: float) -> list[Received]:
        """Read for ``duration_s`` (keeping the device fed if :attr:`keepalive`); returns what arrived."""
        deadline = time.monotonic() + duration_s
        arrived: list[Received] = []
        while True:
            arrived += self._read_once()
            if time.monotonic() >= deadline:
                return arrived

    def _read_once(self) -> list[Received]:
        if self.keepalive and time.monotonic() - self.last_tx_s >= HEARTBEAT_S:
            self.send(Heartbeat())
        self.port.timeout = READ_SLICE_S
        data = self.port.read(4096)
        now = time.monotonic()
        out = []
        for frame in self.decoder.feed(data):
            try:
                decoded: Packet | Response | None = decode_frame(frame)
            except DecodeError:
                decoded = None
            out.append(Received(now, frame, decoded))
        self.received += out
        return out

    def answer(self, seq: int, *, timeout_s: float | None = None, after: int = 0) -> Received | None:
        """The first response frame with ``seq`` among frames received from index ``after`` on."""
        deadline = time.monotonic() + (self.answer_timeout_s if timeout_s is None else timeout_s)
        index = after
        while True:
            for item in self.received[index:]:
                if item.frame.msg_type & 0x80 and item.frame.seq == seq:
                    return item
            index = len(self.received)
            if time.monotonic() >= deadline:
                return None
            self._read_once()

    def request(
        self,
        message: object,
        *,
        seq: int | None = None,
        retransmit: bool = False,
        timeout_s: float | None = None,
    ) -> Response:
        """Send a request and return its decoded response. Raises CheckFailed when none comes."""
        start = len(self.received)
        seq = self.send(message, seq=seq, retransmit=retransmit)
        item = self.answer(seq, timeout_s=timeout_s, after=start)
        name = message_spec(type(message)).name
        if item is None:
            raise CheckFailed(
                f"no answer to {name} (seq {seq}) within {self.answer_timeout_s:g} s{self._crc_hint()}"
            )
        if not isinstance(item.decoded, Response) or item.decoded.request_type is not type(message):
            raise CheckFailed(
                f"{name} answered with an uninterpretable frame (type 0x{item.frame.msg_type:02X})"
            )
        return item.decoded

    def call(self, message: object, reply_type: type[T], **options: Any) -> T:
        """A request that must succeed: its reply body. Raises CheckFailed otherwise."""
        response = self.request(message, **options)
        if response.status != Status.OK or not isinstance(response.body, reply_type):
            name = message_spec(type(message)).name
            raise CheckFailed(f"{name} refused with {response.status.name} ({response.error})")
        return response.body

    def hello(self) -> HelloReply:
        return self.call(Hello(PROTOCOL_VERSION, SCHEMA_HASH, "mesogun conformance"), HelloReply)

    def _crc_hint(self) -> str:
        bad = self.decoder.stats.crc_errors
        return f"; {bad} frame(s) from the device had a bad CRC so far" if bad else ""

    # ------------------------------------------------------------------ views

    def events_since(self, index: int) -> list[Received]:
        """Event frames received from ``index`` on (re-sends included), in arrival order."""
        return [
            item
            for item in self.received[index:]
            if isinstance(item.decoded, Packet)
            and message_spec(type(item.decoded.message)).kind == Kind.EVENT
        ]

    def telemetry_since(self, index: int) -> list[Received]:
        return [
            item
            for item in self.received[index:]
            if isinstance(item.decoded, Packet) and isinstance(item.decoded.message, Telemetry)
        ]

    def mark(self) -> int:
        """An index into :attr:`received`: what arrives from now on."""
        self._read_once()
        return len(self.received)

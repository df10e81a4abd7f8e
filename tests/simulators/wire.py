"""Byte-level helper for the simulator tests: frames out, frames in, responses matched by sequence number.

It speaks the protocol with nothing but ``firmware_protocol``'s codec over a real pyserial port (the
in-process URL, a pty, ``socket://``), so the tests exercise the device exactly as a host would reach
it. Events and telemetry that arrive while waiting are kept in order for the test to inspect.
"""

from __future__ import annotations

import io
import select
import time
from collections.abc import Callable
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
from firmware_protocol.enums import DeviceState, Mode
from firmware_protocol.messages import (
    AckEvents,
    Arm,
    Configure,
    ConfigureReply,
    Heartbeat,
    Hello,
    HelloReply,
    Kind,
    LoadSyringe,
    StateReply,
    StatusReply,
    Telemetry,
    message_spec,
)

T = TypeVar("T")
KEEPALIVE_S = 0.1  # heartbeat period while ``keepalive`` is on (watchdog / 5)


class Wire:
    """One host connection for tests.

    ``keepalive``: send a Heartbeat whenever the line has been idle for 100 ms. ``auto_ack``: acknowledge
    events as they arrive in order (the device sends at most 8 unacknowledged events ahead).
    """

    def __init__(
        self,
        port: serial.SerialBase,
        *,
        first_seq: int = 0x1000,
        keepalive: bool = True,
        auto_ack: bool = True,
    ) -> None:
        self.port = port
        self.decoder = FrameDecoder()
        self.keepalive = keepalive
        self.auto_ack = auto_ack
        self.acked = 0
        self.retries = 0  # default for request(): how often to send again after a timeout
        self.timeout_s = 5.0  # default for request(): how long to wait for each attempt
        self._seq = first_seq
        self._last_tx = time.monotonic()
        self.events: list[Packet] = []  # every event frame received, re-sends included
        self.telemetry: list[Telemetry] = []
        self.stray: list[Response] = []  # responses nobody waited for (heartbeats)
        self.undecodable: list[Frame] = []  # CRC-valid frames the codec cannot interpret
        try:
            self._fd: int | None = port.fileno()
        except (io.UnsupportedOperation, AttributeError, OSError):
            self._fd = None
        if self._fd is not None:
            port.timeout = 0  # select() waits; reads drain what is there

    # ------------------------------------------------------------------ sending

    def next_seq(self) -> int:
        self._seq = (self._seq + 1) & 0xFFFF
        return self._seq

    def send(self, message: object, *, seq: int | None = None, retransmit: bool = False) -> int:
        seq = self.next_seq() if seq is None else seq
        self.send_raw(encode_message(message, seq, retransmit=retransmit))
        return seq

    def send_raw(self, data: bytes) -> None:
        self.port.write(data)
        self._last_tx = time.monotonic()

    # ------------------------------------------------------------------ receiving

    def _read(self, timeout_s: float) -> bytes:
        if self._fd is not None:
            ready, _, _ = select.select([self._fd], [], [], timeout_s)
            return self.port.read(65536) if ready else b""
        self.port.timeout = timeout_s
        return self.port.read(4096)

    def pump(self, timeout_s: float = 0.05) -> list[Packet | Response]:
        """Read what arrives within ``timeout_s``; keep events and telemetry; return everything decoded."""
        if self.keepalive and time.monotonic() - self._last_tx >= KEEPALIVE_S:
            self.send(Heartbeat())
        decoded: list[Packet | Response] = []
        for frame in self.decoder.feed(self._read(timeout_s)):
            try:
                item = decode_frame(frame)
            except DecodeError:
                self.undecodable.append(frame)
                continue
            decoded.append(item)
            if isinstance(item, Packet):
                kind = message_spec(type(item.message)).kind
                if kind == Kind.EVENT:
                    self.events.append(item)
                elif isinstance(item.message, Telemetry):
                    self.telemetry.append(item.message)
            elif item.request_type not in (Heartbeat, AckEvents):
                self.stray.append(item)
        if self.auto_ack:
            self._acknowledge(decoded)
        return decoded

    def _acknowledge(self, decoded: list[Packet | Response]) -> None:
        received = {packet.message.event_number for packet in self.events}
        through = self.acked
        while through + 1 in received:
            through += 1
        # A re-send of an event already acknowledged means the acknowledgement was lost: repeat it.
        resent = any(
            isinstance(item, Packet) and 0 < getattr(item.message, "event_number", 0) <= self.acked
            for item in decoded
        )
        if through > self.acked or resent:
            self.acked = through
            self.send(AckEvents(through))

    def request(
        self,
        message: object,
        *,
        seq: int | None = None,
        retransmit: bool = False,
        timeout_s: float | None = None,
        retries: int | None = None,
    ) -> Response:
        """Send a request and return its response. On a timeout, send it again ``retries`` times
        (an ACTION flagged as a retransmission with the same sequence number, as a host must)."""
        timeout_s = self.timeout_s if timeout_s is None else timeout_s
        retries = self.retries if retries is None else retries
        seq = self.send(message, seq=seq, retransmit=retransmit)
        is_action = message_spec(type(message)).kind == Kind.ACTION
        for attempt in range(retries + 1):
            if attempt:
                self.send(message, seq=seq, retransmit=retransmit or is_action)
            deadline = time.monotonic() + timeout_s
            while time.monotonic() < deadline:
                for item in self.pump(0.05):
                    if isinstance(item, Response) and item.seq == seq and item.request_type is type(message):
                        if item in self.stray:
                            self.stray.remove(item)
                        return item
        raise TimeoutError(f"no response to {type(message).__name__} seq {seq} within {timeout_s} s")

    def call(self, message: object, reply_type: type[T], **options: Any) -> T:
        """Send a request that must succeed; return its reply body."""
        response = self.request(message, **options)
        assert response.status == Status.OK, f"{type(message).__name__} refused: {response}"
        assert isinstance(response.body, reply_type)
        return response.body

    def hello(self, host_name: str = "tests") -> HelloReply:
        return self.call(Hello(PROTOCOL_VERSION, SCHEMA_HASH, host_name), HelloReply)

    def wait_for(self, predicate: Callable[[], bool], timeout_s: float = 5.0) -> bool:
        """Pump (and keep alive) until ``predicate()`` holds."""
        deadline = time.monotonic() + timeout_s
        while not predicate():
            if time.monotonic() >= deadline:
                return False
            self.pump(0.02)
        return True

    # ------------------------------------------------------------------ events

    def event_messages(self) -> dict[int, Any]:
        """Received events by number (re-sends collapse)."""
        return {packet.message.event_number: packet.message for packet in self.events}

    def events_of(self, cls: type[T]) -> list[T]:
        """Distinct received events of one class, in event-number order."""
        found = [event for _, event in sorted(self.event_messages().items()) if isinstance(event, cls)]
        return found

    def wait_event(self, predicate: Callable[[Any], bool], timeout_s: float = 5.0) -> Any:
        """The first received event (by number) satisfying ``predicate``; waits for it."""
        found: list[Any] = []

        def seen() -> bool:
            found[:] = [event for _, event in sorted(self.event_messages().items()) if predicate(event)]
            return bool(found)

        assert self.wait_for(seen, timeout_s), "expected event never arrived"
        return found[0]

    def ack_all(self) -> int:
        """Acknowledge every event received so far; returns the number acknowledged through."""
        numbers = self.event_messages()
        through = max(numbers, default=0)
        self.request(AckEvents(through))
        self.acked = max(self.acked, through)
        return through


# ---------------------------------------------------------------- common request sequences


def configure(
    wire: Wire,
    mode: Mode = Mode.SINGLE,
    *,
    depth_um: int = 4_000,
    volume_nl: int = 100_000,
    flow_nl_s: int = 100_000,
    burst_rate_mhz: int = 4_000,
) -> int:
    message = Configure(int(mode), depth_um, volume_nl, flow_nl_s, burst_rate_mhz)
    return wire.call(message, ConfigureReply).config_id


def load_syringe(wire: Wire, capacity_ul: int = 5_000, fill_nl: int = 5_000_000) -> StatusReply:
    return wire.call(LoadSyringe(capacity_ul, fill_nl), StatusReply)


def arm(
    wire: Wire, mode: Mode = Mode.SINGLE, *, capacity_ul: int = 5_000, fill_nl: int = 5_000_000, **config: int
) -> int:
    """Configure, load a syringe, arm; returns the configuration id."""
    config_id = configure(wire, mode, **config)
    load_syringe(wire, capacity_ul, fill_nl)
    assert wire.call(Arm(), StateReply).state == DeviceState.ARMED
    return config_id

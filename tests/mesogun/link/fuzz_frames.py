"""Mutated frames with valid CRCs, made fast and in bulk, and a pty that slips them in between the
frames of a simulated gun.

Every mutated frame passes the CRC (it is recomputed after the mutation): it is the damage a CRC
cannot see, or a gun that breaks the protocol. The host must count it, drop it and carry on.
"""

from __future__ import annotations

import binascii
import os
import random
import select
import struct
import threading
import tty
from collections.abc import Iterator
from dataclasses import dataclass

from firmware_protocol import AlarmCode, DeviceState, Mode, ShotResult, StateChangeReason, Status
from firmware_protocol.cobs import cobs_decode, cobs_encode
from firmware_protocol.codec import encode_message, encode_response
from firmware_protocol.messages import (
    AckEvents,
    AckEventsReply,
    AlarmEvent,
    CalibrationEvent,
    CalibrationReply,
    GetStatus,
    Heartbeat,
    HeartbeatReply,
    PrimeEvent,
    ReadCalibration,
    ShotEvent,
    StateEvent,
    StatusReply,
    SyringeEvent,
    Telemetry,
    TelemetrySample,
    TriggerEvent,
)
from simulators.gun import SimulatedGun

#: Forged events carry numbers at least this high (see :func:`base_bodies`).
FORGED_EVENT_FLOOR = 1 << 24
_FORGED_NUMBER = 0x5A3C7E91
_TIME_MS = 1_741_944_601_250
_CHUNK = 65536
_POLL_S = 0.05


def base_bodies() -> list[tuple[bytes, bool]]:
    """(frame body without CRC, is an event) for every kind of frame a gun sends.

    Events are numbered far above anything a test session reaches, and a mutation never touches the
    three low bytes of that number: a forged event whose number a real one also carries cannot be
    told from it by any receiver (the CRC's limit), and would hide the real one from the session
    that follows. Event number 0 (out of range) gets its own base frames.
    """
    n = _FORGED_NUMBER
    events: list[object] = [
        ShotEvent(
            n,
            _TIME_MS,
            3,
            int(Mode.SINGLE),
            4000,
            3950,
            50_000,
            49_800,
            20_000,
            int(ShotResult.COMPLETE),
            int(AlarmCode.NONE),
            9_000_000,
        ),
        TriggerEvent(n, _TIME_MS, 1),
        AlarmEvent(n, _TIME_MS, int(AlarmCode.OCCLUSION), 2, 1),
        StateEvent(
            n, _TIME_MS, int(DeviceState.IDLE), int(DeviceState.ARMED), int(StateChangeReason.COMMAND)
        ),
        PrimeEvent(n, _TIME_MS, 30_000, 9_950_000),
        SyringeEvent(n, _TIME_MS, 10_000, 10_000_000),
        CalibrationEvent(n, _TIME_MS, 7, 2_460_000, -30),
        TriggerEvent(0, _TIME_MS, 1),  # no event is numbered 0
    ]
    frames = [(_body(encode_message(event, 100)), True) for event in events]
    samples = tuple(TelemetrySample(4000 + i, 1200 + i, 350) for i in range(20))
    frames.append((_body(encode_message(Telemetry(5000, _TIME_MS, 1000, samples), 101)), False))
    status = StatusReply(
        int(DeviceState.ARMED),
        0,
        3,
        int(Mode.SINGLE),
        4000,
        50_000,
        20_000,
        1000,
        10_000,
        9_000_000,
        90,
        0,
        0,
        120,
        118,
        _TIME_MS,
    )
    replies = [
        encode_response(GetStatus, 0x1234, Status.OK, status),
        encode_response(Heartbeat, 0x1235, Status.OK, HeartbeatReply(int(DeviceState.IDLE), 0, 120)),
        encode_response(AckEvents, 0x1236, Status.OK, AckEventsReply(118, 120)),
        encode_response(
            ReadCalibration,
            0x1237,
            Status.OK,
            CalibrationReply(7, 2_460_000, -30, 1_000_000, 1_741_944_601, 1_773_480_601),
        ),
    ]
    frames += [(_body(reply), False) for reply in replies]
    return frames


def _body(wire: bytes) -> bytes:
    return cobs_decode(wire[:-1])[:-2]


@dataclass
class Tally:
    """What :func:`mutated_frames` made that the host must refuse whatever else it checks."""

    frames: int = 0
    event_number_zero: int = 0


def mutated_frames(count: int, seed: int, tally: Tally) -> Iterator[bytes]:
    """``count`` wire frames (COBS, delimiter included), each a base frame with 1–3 payload bytes
    changed and its CRC recomputed; ``tally`` counts them as they are made."""
    rng = random.Random(seed)
    bases = base_bodies()
    crc = binascii.crc_hqx
    pack_crc = struct.Struct("<H").pack
    randrange = rng.randrange
    for _ in range(count):
        body, is_event = bases[randrange(len(bases))]
        mutated = bytearray(body)
        low = 5 + 3 if is_event else 5  # events: the low bytes of the number stay (see base_bodies)
        for _ in range(1 + randrange(3)):
            position = randrange(low, len(mutated))
            mutated[position] = randrange(256)
        if is_event and mutated[8] == 0:
            if mutated[5] | mutated[6] | mutated[7]:
                mutated[8] = 1 + randrange(255)  # a forged number stays at or above FORGED_EVENT_FLOOR
            else:
                tally.event_number_zero += 1
        tally.frames += 1
        yield cobs_encode(bytes(mutated) + pack_crc(crc(mutated, 0xFFFF))) + b"\x00"


def chunks_of(frames: Iterator[bytes], size: int) -> Iterator[bytes]:
    """Whole frames joined into chunks of about ``size`` bytes."""
    parts: list[bytes] = []
    length = 0
    for frame in frames:
        parts.append(frame)
        length += len(frame)
        if length >= size:
            yield b"".join(parts)
            parts, length = [], 0
    if parts:
        yield b"".join(parts)


class InjectingPty:
    """A simulated gun behind a raw pty, plus :meth:`inject`: bytes written to the host between two
    of the gun's frames (never inside one), a chunk at a time so the gun's replies keep flowing."""

    def __init__(self, gun: SimulatedGun) -> None:
        self._port = gun.connect()
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.path = os.ttyname(self._slave)
        self._stop = threading.Event()
        self._extra: list[bytes] = []
        self._extra_lock = threading.Lock()
        self._drained = threading.Condition(self._extra_lock)
        self._pending = b""
        self._writing = False
        self._threads = [
            threading.Thread(target=self._to_gun, name="fuzz-pty-in", daemon=True),
            threading.Thread(target=self._to_host, name="fuzz-pty-out", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def inject(self, chunk: bytes) -> None:
        """Queue a chunk of whole frames for the host (blocks while two chunks are waiting)."""
        with self._drained:
            self._drained.wait_for(lambda: len(self._extra) < 2 or self._stop.is_set())
            self._extra.append(chunk)

    def wait_injected(self, timeout_s: float) -> bool:
        """True once every injected chunk has been written to the pty."""
        with self._drained:
            return self._drained.wait_for(lambda: not self._extra and not self._writing, timeout_s)

    def close(self) -> None:
        self._stop.set()
        with self._drained:
            self._drained.notify_all()
        self._port.close("test over")
        for thread in self._threads:
            thread.join(2)
        for fd in (self._master, self._slave):
            os.close(fd)

    def _to_gun(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], _POLL_S)
            if not ready:
                continue
            try:
                data = os.read(self._master, _CHUNK)
            except OSError:
                return
            try:
                self._port.host_write(data)
            except Exception:
                return

    def _to_host(self) -> None:
        while not self._stop.is_set():
            try:
                data = self._port.host_read(_CHUNK, 0.005)
            except Exception:
                return
            data = self._pending + data
            cut = data.rfind(b"\x00") + 1  # the gun's frames go out whole; a tail waits for its end
            self._pending = data[cut:]
            self._write(data[:cut])
            with self._drained:
                chunk = self._extra.pop(0) if self._extra else None
                self._writing = chunk is not None
            if chunk is not None:
                self._write(chunk)
                with self._drained:
                    self._writing = False
                    self._drained.notify_all()

    def _write(self, data: bytes) -> None:
        view = memoryview(data)
        while view and not self._stop.is_set():
            _, ready, _ = select.select([], [self._master], [], _POLL_S)
            if ready:
                view = view[os.write(self._master, view) :]

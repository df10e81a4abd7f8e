"""The device's end of a link: two timed byte pipes with link faults, seen from the host side.

:class:`GunPort` is what :meth:`SimulatedGun.connect` returns. The host side (the pyserial URL handler,
the pty and TCP servers) calls :meth:`GunPort.host_write` and :meth:`GunPort.host_read`; the gun's
firmware loop drains :meth:`GunPort.device_read` and writes with :meth:`GunPort.device_write`. When the
port is closed (unplugged, power cycle, another connection took over) the host side raises
``serial.SerialException``, as a vanished USB device does.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator

from serial import SerialException

from simulators.link_faults import FaultInjector, LinkFaults

HOST_BUFFER_BYTES = 1 << 20  # bytes the host side may leave unread before the device overruns it


class TimedPipe:
    """A byte FIFO whose chunks become readable at their delivery time (wall-clock monotonic s)."""

    def __init__(self, capacity_bytes: int = HOST_BUFFER_BYTES) -> None:
        self._chunks: deque[tuple[float, bytes]] = deque()
        self._size = 0
        self._capacity = capacity_bytes
        self._last_at = 0.0
        self._cond = threading.Condition()
        self.overruns = 0  # bytes dropped because the reader fell too far behind

    def put(self, chunks: list[tuple[float, bytes]], *, notify: bool = True) -> None:
        """Queue chunks; a chunk never becomes readable before the one queued ahead of it.

        ``notify`` False: the reader is not woken (the writer's own thread takes them at once).
        """
        with self._cond:
            for at, data in chunks:
                if self._size + len(data) > self._capacity:
                    self.overruns += len(data)
                    continue
                self._last_at = max(self._last_at, at)
                self._chunks.append((self._last_at, data))
                self._size += len(data)
            if notify:
                self._cond.notify_all()

    def take_ready(self, max_bytes: int, now_s: float) -> bytes:
        """Up to ``max_bytes`` of the bytes readable at ``now_s`` (never blocks)."""
        with self._cond:
            return self._take(max_bytes, now_s)

    def _take(self, max_bytes: int, now_s: float) -> bytes:
        out = bytearray()
        while self._chunks and len(out) < max_bytes:
            at, data = self._chunks[0]
            if at > now_s:
                break
            room = max_bytes - len(out)
            if len(data) > room:
                out += data[:room]
                self._chunks[0] = (at, data[room:])
                self._size -= room
                break
            out += data
            self._chunks.popleft()
            self._size -= len(data)
        return bytes(out)

    def wait_take(self, max_bytes: int, timeout_s: float | None, is_closed: Callable[[], bool]) -> bytes:
        """Block until at least one byte is readable (or the timeout, or the pipe's owner closes)."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        with self._cond:
            while True:
                if is_closed():
                    return b""
                now = time.monotonic()
                data = self._take(max_bytes, now)
                if data or max_bytes <= 0:
                    return data
                wait = None if deadline is None else deadline - now
                if self._chunks:
                    head = self._chunks[0][0] - now
                    wait = head if wait is None else min(wait, head)
                if wait is not None and wait <= 0:
                    if deadline is not None and now >= deadline:
                        return b""
                    continue
                self._cond.wait(wait)

    def wait_ready(self, timeout_s: float, is_closed: Callable[[], bool]) -> None:
        """Block until a byte is readable, ``timeout_s`` passed or the pipe's owner closed; take nothing."""
        deadline = time.monotonic() + timeout_s
        with self._cond:
            while not is_closed():
                now = time.monotonic()
                if now >= deadline or (self._chunks and self._chunks[0][0] <= now):
                    return
                wait = deadline - now
                if self._chunks:
                    wait = min(wait, self._chunks[0][0] - now)
                self._cond.wait(wait)

    def ready_count(self, now_s: float) -> int:
        """Bytes readable at ``now_s``."""
        with self._cond:
            return sum(len(data) for at, data in self._chunks if at <= now_s)

    def next_ready_s(self) -> float | None:
        """Delivery time of the oldest queued chunk (None when empty)."""
        with self._cond:
            return self._chunks[0][0] if self._chunks else None

    def clear(self) -> None:
        with self._cond:
            self._chunks.clear()
            self._size = 0

    def wake_all(self) -> None:
        with self._cond:
            self._cond.notify_all()

    def wake_if_pending(self) -> None:
        """Wake the reader if chunks are queued (their time has not come: it schedules them)."""
        with self._cond:
            if self._chunks:
                self._cond.notify_all()


class GunPort:
    """One connection to the gun (a cable plugged in): host bytes in, device bytes out."""

    def __init__(self, faults: LinkFaults, wake_device: Callable[[], None]) -> None:
        self._to_device = TimedPipe()
        self._to_host = TimedPipe()
        self._wake_device = wake_device
        self._lock = threading.Lock()
        self._closed_reason: str | None = None
        self._faults_in = FaultInjector(faults, stream=0)
        self._faults_out = FaultInjector(faults, stream=1)
        self._host_takes_output = False  # see answer_in_this_thread

    # ------------------------------------------------------------------ state

    @property
    def closed(self) -> bool:
        return self._closed_reason is not None

    @property
    def close_reason(self) -> str | None:
        """Why the port closed: ``"unplugged"``, ``"power cycle"``, ``"replaced"``, ``"closed"``."""
        return self._closed_reason

    def close(self, reason: str = "closed") -> None:
        """Close the connection (idempotent). Host calls raise from now on."""
        with self._lock:
            if self._closed_reason is None:
                self._closed_reason = reason
        self._to_host.wake_all()
        self._wake_device()

    def set_faults(self, faults: LinkFaults) -> None:
        with self._lock:
            self._faults_in = FaultInjector(faults, stream=0)
            self._faults_out = FaultInjector(faults, stream=1)

    def fault_counts(self) -> dict[str, int]:
        """How many frames each fault hit, both directions together."""
        return {
            name: self._faults_in.counts[name] + self._faults_out.counts[name]
            for name in self._faults_in.counts
        }

    def _check_open(self) -> None:
        reason = self._closed_reason
        if reason is not None:
            raise SerialException(f"simulated gun link is down ({reason})")

    # ------------------------------------------------------------------ host side

    def host_write(self, data: bytes, *, wake_device: bool = True) -> None:
        """Bytes from the host to the device. Raises SerialException when the link is down.

        ``wake_device`` False: the caller runs the firmware on them itself (a server's reader thread,
        see :meth:`SimulatedGun.serve_now`), so the gun's own thread is not woken for them.
        """
        self._check_open()
        with self._lock:  # one writer at a time: frames of two threads never interleave
            self._to_device.put(self._faults_in.process(bytes(data), time.monotonic()))
        if wake_device:
            self._wake_device()

    def host_read(self, max_bytes: int, timeout_s: float | None) -> bytes:
        """Up to ``max_bytes`` device bytes, returning as soon as one is there (b"" on timeout).

        ``timeout_s`` None blocks until data arrives; 0 never blocks. Raises SerialException when the
        link is down.
        """
        self._check_open()
        if timeout_s == 0:
            data = self._to_host.take_ready(max_bytes, time.monotonic())
        else:
            data = self._to_host.wait_take(max_bytes, timeout_s, lambda: self.closed)
        self._check_open()
        return data

    @contextlib.contextmanager
    def answer_in_this_thread(self) -> Iterator[None]:
        """While the host side's reader runs the firmware itself, device bytes do not wake the host
        side's writer: the reader takes them right after (:meth:`host_read` with no wait), then calls
        :meth:`host_schedule_rest` for whatever a link fault holds back."""
        self._host_takes_output = True
        try:
            yield
        finally:
            self._host_takes_output = False

    def host_schedule_rest(self) -> None:
        """Wake the host side's writer if device bytes are still queued (not readable yet)."""
        self._to_host.wake_if_pending()

    def host_wait_ready(self, timeout_s: float) -> None:
        """Wait until device bytes are readable (or ``timeout_s``, or the link closed); take none."""
        self._to_host.wait_ready(timeout_s, lambda: self.closed)

    def host_in_waiting(self) -> int:
        """Device bytes readable now. Raises SerialException when the link is down."""
        self._check_open()
        return self._to_host.ready_count(time.monotonic())

    def host_discard_input(self) -> None:
        self._check_open()
        self._to_host.clear()

    # ------------------------------------------------------------------ device side

    def device_read(self, now_s: float) -> bytes:
        """Host bytes that have arrived by ``now_s`` (empty when closed)."""
        if self.closed:
            return b""
        return self._to_device.take_ready(1 << 16, now_s)

    def device_next_ready_s(self) -> float | None:
        return None if self.closed else self._to_device.next_ready_s()

    def device_write(self, data: bytes) -> None:
        """Bytes from the device to the host; lost silently when nobody is connected (as on a UART)."""
        if self.closed:
            return
        with self._lock:
            chunks = self._faults_out.process(data, time.monotonic())
            self._to_host.put(chunks, notify=not self._host_takes_output)

    @property
    def host_overruns(self) -> int:
        """Device bytes lost because the host did not read them."""
        return self._to_host.overruns

"""Bytes to and from the gun over pyserial: a port, a pty, ``socket://`` or the in-process ``simgun://``.

The read timeout is always set (a silent device never blocks a thread for good). Reading drains what
is there: ``select`` on the file descriptor then a non-blocking ``read(65536)``; transports without a
descriptor (``simgun://``) block in ``read`` for at most :data:`POLL_S`. Every way an unplug shows up
(``SerialException``, ``OSError(EIO)``, ``termios.error``, a port whose ``is_open`` is stale) becomes one
:class:`LinkLost`. A frame is written with one ``write`` call: two writes cost a Nagle delay on sockets.

This is also the one place that logs every frame in and out, at DEBUG level.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import select
import termios
import threading
import time

import serial

from firmware_protocol import Frame, FrameDecoder, FrameStats

log = logging.getLogger("mesogun.link.wire")

#: Longest a read blocks on transports without a file descriptor, in seconds.
POLL_S = 0.02
#: Longest a write may block before the link is declared lost, in seconds.
WRITE_TIMEOUT_S = 2.0
#: Baud rate for real UARTs (USB CDC devices ignore it).
DEFAULT_BAUDRATE = 921600

#: Everything an unplugged or vanished port raises from read, write, in_waiting or select.
UNPLUG_ERRORS: tuple[type[Exception], ...] = (serial.SerialException, OSError, termios.error, ValueError)
_OPEN_ERRORS: tuple[type[Exception], ...] = (*UNPLUG_ERRORS, ImportError)
_NO_FILENO_ERRORS: tuple[type[Exception], ...] = (
    AttributeError,
    NotImplementedError,
    io.UnsupportedOperation,
    *UNPLUG_ERRORS,
)


class LinkLost(Exception):
    """The byte stream to the gun is gone (unplugged, powered off, port closed)."""


def _load_url_handler(target: str) -> None:
    # The simulated gun is a composition-root concern: reached only when a simgun:// URL is opened.
    if target.lower().startswith("simgun://"):
        from mesogun.simulation import register_url_scheme

        register_url_scheme(target)


class Transport:
    """One open connection: framed bytes in and out. Owned by the link's reader thread."""

    def __init__(self, port: serial.Serial, target: str) -> None:
        self.target = target
        self._port = port
        self._fd = _fileno(port)
        # With a descriptor, select() does the waiting and reads never block; without one, read()
        # blocks for at most POLL_S so the reader can notice a close request.
        port.timeout = 0 if self._fd is not None else POLL_S
        # A local serial port (a USB adapter, a pty) is written with os.write: pyserial's write follows
        # every write with a select() for writability, one more system call per frame.
        self._write_fd = self._fd if os.name == "posix" and isinstance(port, serial.Serial) else None
        self._decoder = FrameDecoder()
        self._write_lock = threading.Lock()
        self._closed = False
        now = time.monotonic()
        self.last_tx_s = now  # monotonic time of the last frame written
        self.last_rx_s = now  # monotonic time of the last valid frame read
        self.first_unanswered_tx_s = now  # first frame written since the last valid frame read
        self.frames_sent = 0

    @classmethod
    def open(cls, target: str, *, baudrate: int = DEFAULT_BAUDRATE) -> Transport:
        """Open a port name (``/dev/ttyACM0``, ``COM3``) or a pyserial URL. Raises LinkLost."""
        _load_url_handler(target)
        try:
            port = serial.serial_for_url(
                target,
                baudrate=baudrate,
                timeout=POLL_S,
                write_timeout=WRITE_TIMEOUT_S,
                do_not_open=True,
            )
            port.open()
        except _OPEN_ERRORS as exc:
            raise LinkLost(f"cannot open {target}: {exc}") from exc
        log.debug("opened %s", target)
        return cls(port, target)

    @property
    def decoder_stats(self) -> FrameStats:
        return self._decoder.stats

    def unanswered_for_s(self) -> float:
        """Seconds since the first frame written that no received frame has followed (0 if none)."""
        if self.last_tx_s <= self.last_rx_s:
            return 0.0
        return time.monotonic() - self.first_unanswered_tx_s

    @property
    def can_be_woken(self) -> bool:
        """True when the transport has a descriptor: :meth:`wait_readable` can wait on it."""
        return self._fd is not None

    def wait_readable(self, timeout_s: float, wake_fd: int) -> bool:
        """True when bytes are ready to read, without reading them; False after ``timeout_s`` or when a
        byte written to ``wake_fd`` (the read end of a pipe; drained here) cut the wait short.

        Only for transports that :attr:`can_be_woken`. Raises LinkLost.
        """
        if self._fd is None:
            raise TypeError(f"{self.target} has no descriptor to wait on")
        try:
            if not self._port.is_open:
                raise LinkLost(f"{self.target} is closed")
            ready, _, _ = select.select([self._fd, wake_fd], [], [], timeout_s)
        except UNPLUG_ERRORS as exc:
            raise LinkLost(f"{self.target}: {exc}") from exc
        if wake_fd in ready:
            _drain(wake_fd)
        return self._fd in ready

    def receive(self, timeout_s: float) -> list[Frame]:
        """Valid frames that arrived within ``timeout_s`` (often several, often none). Raises LinkLost."""
        try:
            if not self._port.is_open:
                raise LinkLost(f"{self.target} is closed")
            if self._fd is not None:
                ready, _, _ = select.select([self._fd], [], [], timeout_s)
                if not ready:
                    return []
                data = self._port.read(65536)
            else:
                data = self._port.read(max(1, self._port.in_waiting))
                if data:
                    waiting = self._port.in_waiting
                    if waiting:
                        data += self._port.read(waiting)
        except UNPLUG_ERRORS as exc:
            raise LinkLost(f"{self.target}: {exc}") from exc
        if not data:
            return []
        frames = self._decoder.feed(data)
        if frames:
            self.last_rx_s = time.monotonic()
            if log.isEnabledFor(logging.DEBUG):
                for frame in frames:
                    log.debug(
                        "<- type=0x%02X seq=%d flags=%d %s",
                        frame.msg_type,
                        frame.seq,
                        frame.flags,
                        frame.payload.hex(),
                    )
        return frames

    def send(self, frame: bytes) -> None:
        """Write one whole frame (delimiter included) in a single call. Raises LinkLost."""
        with self._write_lock:
            if self._closed:
                raise LinkLost(f"{self.target} is closed")
            try:
                written = 0
                if self._write_fd is not None:
                    with contextlib.suppress(BlockingIOError, InterruptedError):
                        written = os.write(self._write_fd, frame)
                if written < len(frame):
                    self._port.write(frame[written:])  # what the kernel did not take at once
            except UNPLUG_ERRORS as exc:
                raise LinkLost(f"{self.target}: {exc}") from exc
            now = time.monotonic()
            if self.last_tx_s <= self.last_rx_s:
                self.first_unanswered_tx_s = now
            self.last_tx_s = now
            self.frames_sent += 1
        if log.isEnabledFor(logging.DEBUG):
            log.debug("-> %s", frame.hex())

    def close(self) -> None:
        """Close the port; errors of an already vanished port are ignored."""
        with self._write_lock:
            if self._closed:
                return
            self._closed = True
        with contextlib.suppress(*UNPLUG_ERRORS):
            self._port.close()
        log.debug("closed %s", self.target)


def _drain(fd: int) -> None:
    # The wake-up pipe is not the port: its errors are not an unplug.
    with contextlib.suppress(BlockingIOError, InterruptedError):
        os.read(fd, 4096)


def _fileno(port: serial.Serial) -> int | None:
    fileno = getattr(port, "fileno", None)
    if fileno is None:
        return None
    try:
        fd = fileno()
    except _NO_FILENO_ERRORS:
        return None
    return fd if isinstance(fd, int) and fd >= 0 else None

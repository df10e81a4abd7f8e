"""The byte side of a simulated balance: CR LF terminated MT-SICS lines in, replies out.

A :class:`BalancePort` is one connection to a :class:`~simulators.balance.SimulatedBalance`. Host bytes
go in with :meth:`BalancePort.host_write`; a worker thread answers each complete line in order, as a
balance does, and the replies come out of :meth:`BalancePort.host_read`. The pty server and the
pyserial URL handler are built on it.

``@`` (reset) is obeyed at once, as on a real balance: it aborts a pending ``S`` (which then sends
nothing) and discards any command queued before it.
"""

from __future__ import annotations

import queue
import threading
import time

from simulators.balance import SimulatedBalance

MAX_LINE_BYTES = 64
_TRANSMISSION_ERROR = "\x00ET"  # queued marker: a line that could not be read


class BalancePort:
    """One host connection to a simulated balance (thread-safe)."""

    def __init__(self, balance: SimulatedBalance) -> None:
        self.balance = balance
        self._rx = bytearray()
        self._rx_lock = threading.Lock()
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._out = bytearray()
        self._out_ready = threading.Condition()
        self._pending_resets = 0
        self._closed = False
        self._worker = threading.Thread(target=self._run, name="simbalance-port", daemon=True)
        self._worker.start()

    # ------------------------------------------------------------------ host side

    def host_write(self, data: bytes) -> None:
        """Bytes from the host; every complete line (LF or CR LF) is queued for an answer."""
        if self._closed:
            return
        with self._rx_lock:
            self._rx += data
            while True:
                end = self._rx.find(b"\n")
                if end < 0:
                    break
                raw = bytes(self._rx[:end]).rstrip(b"\r")
                del self._rx[: end + 1]
                self._queue_line(raw)
            if len(self._rx) > MAX_LINE_BYTES:
                # A line that never ends is noise on the wire: say so once and start afresh.
                self._rx.clear()
                self._lines.put(_TRANSMISSION_ERROR)

    def host_read(self, max_bytes: int, timeout_s: float | None) -> bytes:
        """Up to ``max_bytes`` reply bytes; waits up to ``timeout_s`` (None: forever) for the first one."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        with self._out_ready:
            while not self._out and not self._closed:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    break
                self._out_ready.wait(left)
            data = bytes(self._out[:max_bytes])
            del self._out[:max_bytes]
            return data

    @property
    def in_waiting(self) -> int:
        """Reply bytes ready to read."""
        with self._out_ready:
            return len(self._out)

    @property
    def closed(self) -> bool:
        return self._closed

    def discard_replies(self) -> None:
        """Drop reply bytes not read yet (the host flushing its input buffer)."""
        with self._out_ready:
            self._out.clear()

    def close(self) -> None:
        """End the connection; the worker stops after the command it is answering."""
        if self._closed:
            return
        self._closed = True
        self._lines.put(None)
        with self._out_ready:
            self._out_ready.notify_all()
        self._worker.join(timeout=5.0)

    # ------------------------------------------------------------------ balance side

    def _queue_line(self, raw: bytes) -> None:
        try:
            line = raw.decode("ascii")
        except UnicodeDecodeError:
            self._lines.put(_TRANSMISSION_ERROR)
            return
        if line.strip() == "@":
            with self._out_ready:
                self._pending_resets += 1
        self._lines.put(line)

    def _aborted(self) -> bool:
        with self._out_ready:
            return self._closed or self._pending_resets > 0

    def _run(self) -> None:
        while True:
            line = self._lines.get()
            if line is None:
                return
            is_reset = line.strip() == "@"
            if not is_reset and self._aborted():
                continue  # a reset is on its way: commands sent before it are dropped
            if line == _TRANSMISSION_ERROR:
                reply: str | None = "ET"
            else:
                reply = self.balance.execute(line, abort=self._aborted if not is_reset else lambda: False)
            with self._out_ready:
                if is_reset:
                    self._pending_resets -= 1
                if reply is not None and not self._closed:
                    self._out += reply.encode("ascii") + b"\r\n"
                    self._out_ready.notify_all()

"""Serve a simulated balance on a pseudo-terminal, so a driver opens it exactly like a USB serial port."""

from __future__ import annotations

import contextlib
import os
import select
import threading
import tty
from types import TracebackType

from simulators.balance import SimulatedBalance
from simulators.balance_port import BalancePort


class BalancePtyServer:
    """A pty whose far end is ``balance``; open :attr:`path` with pyserial (any baud rate)."""

    def __init__(self, balance: SimulatedBalance) -> None:
        self.balance = balance
        self._master, self._slave = os.openpty()
        # Raw at once: pyserial flushes on open, and a cooked pty would echo and translate CR LF.
        tty.setraw(self._slave)
        tty.setraw(self._master)
        self.path = os.ttyname(self._slave)
        self._port = BalancePort(balance)
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._pump_in, name="simbalance-pty-in", daemon=True),
            threading.Thread(target=self._pump_out, name="simbalance-pty-out", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _pump_in(self) -> None:
        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([self._master], [], [], 0.05)
                if ready:
                    data = os.read(self._master, 4096)
                    if data:
                        self._port.host_write(data)
            except OSError:
                return  # the pty was closed under us

    def _pump_out(self) -> None:
        while not self._stop.is_set():
            data = self._port.host_read(4096, 0.05)
            if not data:
                continue
            try:
                os.write(self._master, data)
            except OSError:
                return

    def close(self) -> None:
        """Stop serving and close the pty (a host still holding it sees the port vanish)."""
        if self._stop.is_set():
            return
        self._stop.set()
        self._port.close()
        for thread in self._threads:
            thread.join(timeout=5.0)
        for fd in (self._master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)

    def __enter__(self) -> BalancePtyServer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

"""Keep-alive: a Heartbeat whenever the host has sent nothing for a fifth of the watchdog time.

The gun disarms by itself when no valid frame arrives within its watchdog time (500 ms by default);
any frame counts, so the heartbeat only fills silences. It runs on its own thread so that a busy
caller, a slow listener or a redraw never delays it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from firmware_protocol.constants import HEARTBEAT_DIVISOR

log = logging.getLogger("mesogun.link.heartbeat")

#: A silent host sends a heartbeat after this fraction of the watchdog time.
WATCHDOG_FRACTION = HEARTBEAT_DIVISOR


class Heartbeat:
    """Calls ``send`` whenever ``idle_for_s()`` (time since the last frame sent) reaches the period.

    ``idle_for_s`` returns None while there is no connection; ``period_s`` is read at every tick so
    a reconnection to a gun with another watchdog time takes effect at once.
    """

    def __init__(
        self,
        *,
        period_s: Callable[[], float],
        idle_for_s: Callable[[], float | None],
        send: Callable[[], None],
    ) -> None:
        self._period_s = period_s
        self._idle_for_s = idle_for_s
        self._send = send
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="mesogun-link-heartbeat", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout_s: float = 2.0) -> None:
        self._stop.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout_s)

    def _run(self) -> None:
        wait_s = 0.0
        while not self._stop.wait(wait_s):
            period = self._period_s()
            idle = self._idle_for_s()
            if idle is None:
                wait_s = period
                continue
            if idle < period:
                wait_s = period - idle
                continue
            try:
                self._send()
            except Exception as exc:  # the reader notices a lost link; keep ticking
                log.debug("heartbeat not sent: %s", exc)
            wait_s = period

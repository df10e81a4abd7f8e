"""Which connection is current, the state listeners see, and waiting until a connection is usable.

The reader thread publishes a connection once its HELLO succeeded and drops it when it fails; any
thread may report a failure it noticed (a write that raised). Each published connection gets a new
generation number: a request sent on one generation is never re-sent on another.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from enum import Enum

from firmware_protocol.messages import HelloReply
from mesogun.errors import LinkLostError
from mesogun.link.listeners import Listeners
from mesogun.link.transport import Transport

log = logging.getLogger("mesogun.link")


class ConnectionState(Enum):
    """Where the link stands. Listeners hear every change with a one-line detail."""

    CONNECTED = "connected"
    RECONNECTING = "reconnecting"  # the connection dropped; the link is reopening it
    LOST = "lost"  # the connection dropped and will not be reopened (see the detail)
    CLOSED = "closed"  # closed by the host


ConnectionListener = Callable[[ConnectionState, str], None]


class Connection:
    """The current transport (None while there is none), its generation and the state around it."""

    def __init__(self, *, reconnect: bool) -> None:
        self._cond = threading.Condition()
        self._reconnect = reconnect
        self._transport: Transport | None = None
        self._generation = 0
        self._state = ConnectionState.RECONNECTING
        self._detail = ""
        self._hello: HelloReply | None = None
        self._closing = False
        self.listeners: Listeners[ConnectionListener] = Listeners()

    # ------------------------------------------------------------------ reading

    @property
    def state(self) -> ConnectionState:
        return self._state

    @property
    def closing(self) -> bool:
        return self._closing

    @property
    def hello(self) -> HelloReply | None:
        """The HELLO reply of the current (or last) connection."""
        return self._hello

    def current(self) -> tuple[Transport | None, int]:
        """The usable transport (or None) and its generation."""
        with self._cond:
            return self._transport, self._generation

    def is_current(self, transport: Transport) -> bool:
        with self._cond:
            return self._transport is transport

    def wait_usable(self, deadline: float) -> tuple[Transport, int]:
        """The transport to send on, waiting for a reconnection until ``deadline`` (monotonic s).

        Raises LinkLostError when closed, given up, or still not reconnected at the deadline.
        """
        with self._cond:
            while True:
                if self._state is ConnectionState.CLOSED:
                    raise LinkLostError("the connection was closed")
                if self._state is ConnectionState.LOST:
                    raise LinkLostError(self._detail)
                if self._transport is not None:
                    return self._transport, self._generation
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise LinkLostError(f"reconnecting: {self._detail}" if self._detail else "reconnecting")
                self._cond.wait(remaining)

    def wait_connected(self, timeout_s: float) -> bool:
        """True once a connection is usable (at once if it is), False after ``timeout_s`` or a close."""
        with self._cond:
            self._cond.wait_for(lambda: self._transport is not None or self._closing, timeout_s)
            return self._transport is not None

    # ------------------------------------------------------------------ changes

    def publish(self, transport: Transport, hello: HelloReply) -> bool:
        """Make ``transport`` current; False (not published) when the link is closing."""
        with self._cond:
            if self._closing:
                return False
            self._hello = hello
            self._generation += 1
            self._transport = transport
            self._state = ConnectionState.CONNECTED
            self._detail = ""
            self._cond.notify_all()
        return True

    def drop(self, transport: Transport, reason: str) -> ConnectionState | None:
        """``transport`` failed (any thread); returns the new state, or None if it was not current."""
        with self._cond:
            if self._transport is not transport or self._closing:
                return None
            self._transport = None
            self._state = ConnectionState.RECONNECTING if self._reconnect else ConnectionState.LOST
            self._detail = reason
            self._cond.notify_all()
            return self._state

    def give_up(self, reason: str) -> bool:
        """Stop reconnecting for good (another protocol answered); False if already closing."""
        with self._cond:
            if self._closing:
                return False
            self._state = ConnectionState.LOST
            self._detail = reason
            self._cond.notify_all()
            return True

    def close(self) -> bool:
        """Closed by the host; False if it already was."""
        with self._cond:
            if self._closing:
                return False
            self._closing = True
            self._transport = None
            self._state = ConnectionState.CLOSED
            self._cond.notify_all()
            return True

    def set_detail(self, detail: str) -> bool:
        """Record why reconnection has not succeeded yet; True when the reason changed."""
        with self._cond:
            changed = self._detail != detail
            self._detail = detail
            return changed

    def notify(self, state: ConnectionState, detail: str) -> None:
        for listener in self.listeners.snapshot():
            try:
                listener(state, detail)
            except Exception:
                log.exception("connection listener failed")

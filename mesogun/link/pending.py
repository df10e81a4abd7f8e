"""Requests waiting for their response, matched by sequence number and request type."""

from __future__ import annotations

import random
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from firmware_protocol import Response
from firmware_protocol.constants import RESPONSE_CACHE_SIZE


@dataclass(eq=False)
class PendingRequest:
    """One request in flight. Its caller blocks on :meth:`wait`; whoever reads the reply completes it."""

    seq: int
    request_type: type
    generation: int  # connection it was sent on: never re-sent on another one
    on_response: Callable[[Response], None] | None = None
    sent_at_s: float = field(default_factory=time.monotonic)  # monotonic time of the last send
    attempts: int = 0
    response: Response | None = None
    lost: str | None = None  # why the connection it was sent on went away
    _wake: threading.Event = field(default_factory=threading.Event)

    @property
    def finished(self) -> bool:
        """Answered or lost."""
        return self.response is not None or self.lost is not None

    def wait(self, timeout_s: float) -> bool:
        """Block until answered, lost or woken (:meth:`wake`), at most ``timeout_s``; True if finished."""
        self._wake.wait(max(0.0, timeout_s))
        # Cleared after waking and before looking: a wake-up that comes later is not lost.
        self._wake.clear()
        return self.finished

    def wake(self) -> None:
        """Wake the caller without an answer (it was handed the read role)."""
        self._wake.set()

    def complete(self, response: Response) -> None:
        self.response = response
        self._wake.set()

    def fail(self, reason: str) -> None:
        self.lost = reason
        self._wake.set()


class PendingTable:
    """Sequence numbers in use and their waiters. Sequence numbers are uint16, chosen by the host."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[int, PendingRequest] = {}
        self._next_seq = random.randrange(0x10000)
        # Sequence numbers of the last acting commands: the gun may still hold their responses, so a
        # new command never takes one (it would be answered from the cache instead of running).
        self._recent_actions: deque[int] = deque(maxlen=RESPONSE_CACHE_SIZE)

    def hello_seq(self) -> int:
        """A new connection's first sequence number, for its HELLO: a random one, away from recent actions.

        The requests after the HELLO count on from it (+1 each), as the protocol's section 5.1 says.
        """
        with self._lock:
            seq = random.randrange(0x10000)
            while seq in self._entries or seq in self._recent_actions:
                seq = (seq + 1) & 0xFFFF
            self._next_seq = (seq + 1) & 0xFFFF
            return seq

    def new_connection(self, *, device_restarted: bool) -> None:
        """The HELLO of :meth:`hello_seq` was answered: the connection's requests follow it.

        A restarted gun has forgotten its cached responses, so recent numbers are free again.
        """
        with self._lock:
            if device_restarted:
                self._recent_actions.clear()

    def register(
        self,
        request_type: type,
        generation: int,
        on_response: Callable[[Response], None] | None = None,
        *,
        is_action: bool = False,
    ) -> PendingRequest:
        """A new entry with a sequence number neither in flight nor used by a recent acting command."""
        with self._lock:
            if len(self._entries) >= 0x10000 - RESPONSE_CACHE_SIZE:
                raise RuntimeError("too many requests in flight")
            seq = self._next_seq
            while seq in self._entries or seq in self._recent_actions:
                seq = (seq + 1) & 0xFFFF
            self._next_seq = (seq + 1) & 0xFFFF
            if is_action:
                self._recent_actions.append(seq)
            entry = PendingRequest(seq, request_type, generation, on_response)
            self._entries[seq] = entry
            return entry

    def resolve(self, response: Response) -> PendingRequest | None:
        """Complete the entry this response answers; None for a duplicate or stray response."""
        with self._lock:
            entry = self._entries.get(response.seq)
            if entry is None or entry.request_type is not response.request_type:
                return None
            del self._entries[response.seq]
        entry.complete(response)
        if entry.on_response is not None:
            entry.on_response(response)
        return entry

    def discard(self, entry: PendingRequest) -> None:
        """Forget an entry whose waiter gave up (a late response is then ignored)."""
        with self._lock:
            if self._entries.get(entry.seq) is entry:
                del self._entries[entry.seq]

    def fail_all(self, reason: str) -> None:
        """Wake every waiter: the connection its request went out on is gone."""
        with self._lock:
            entries = list(self._entries.values())
            self._entries.clear()
        for entry in entries:
            entry.fail(reason)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

"""Who reads the connection right now: a waiting caller (leader/follower) or the link's reader thread.

A reply read by the link's reader thread reaches its caller through a second thread hand-off (the
reader wakes the caller). So a caller waiting for its reply reads the connection itself when no one
else does: it becomes the *holder* of the read role, dispatches every frame it reads exactly as the
reader thread would (events, telemetry, other callers' replies), and hands the role on when its own
reply is in, its wait is over, or the connection failed. Callers that find the role taken wait as
*followers*; the holder that leaves promotes the oldest follower, and when there is none the reader
thread takes the role back, :data:`CALLER_GRACE_S` later (a next caller usually comes first, and no
thread is woken for nothing). The reader thread reads only when no caller does.

One holder at a time: only the holder reads bytes and feeds the frame decoder, so frames are
dispatched once each and in the order they arrived, whichever thread reads them.

On a connection with a file descriptor the reader thread waits for bytes *without* the role and takes
it only to read them, so a caller never has to wait for the reader thread to hand the role over; a
caller that starts reading wakes it (through a pipe) so that it does not wake on the same reply.
"""

from __future__ import annotations

import threading
import time
from collections import deque

from mesogun.link.pending import PendingRequest

#: Stands for the link's reader thread as holder of the role.
READER_THREAD = object()

#: After a caller hands the role back, the reader thread leaves the connection to the next caller
#: for this long before it watches it again, in seconds. Callers that follow each other closely (a
#: status poll, an acknowledgement after each shot) then never wake it; an event that arrives in that
#: moment, with no caller reading, waits at most this long.
CALLER_GRACE_S = 0.001


class ReadRole:
    """The read role of one link, handed between callers and the reader thread."""

    def __init__(self, caller_grace_s: float = CALLER_GRACE_S) -> None:
        self._grace_s = caller_grace_s  # 0: the reader thread is woken as soon as a caller leaves
        self._cond = threading.Condition()
        self._holder: object | None = None  # a PendingRequest, READER_THREAD or None (free)
        self._followers: deque[PendingRequest] = deque()
        # The reader thread waits for bytes without holding the role (it takes it only to read them).
        self._reader_watching = False
        self._caller_left_at = 0.0  # monotonic time a caller last handed the role back to no one
        self._takers = 0  # threads waiting in take_for_reader

    # ------------------------------------------------------------------ callers

    def join(self, entry: PendingRequest) -> bool:
        """The caller of ``entry`` waits for its reply: True when it holds the role (it reads), False
        when it follows (someone else reads; :meth:`holds` turns true once it is promoted)."""
        with self._cond:
            if self._holder is None:
                self._holder = entry
                return True
            if self._holder is entry:
                return True
            if entry not in self._followers:
                self._followers.append(entry)
            return False

    def holds(self, entry: PendingRequest) -> bool:
        with self._cond:
            return self._holder is entry

    def leave(self, entry: PendingRequest) -> None:
        """The caller of ``entry`` stops waiting: a holder hands the role on, a follower drops out."""
        with self._cond:
            if self._holder is entry:
                self._hand_on(caller_left=True)
                return
            if entry in self._followers:
                self._followers.remove(entry)

    # ------------------------------------------------------------------ the reader thread

    def take_for_reader(self, timeout_s: float) -> bool:
        """Take the role for the reader thread, waiting up to ``timeout_s`` while a caller holds it.

        False when it is still taken (the caller reading it dispatches whatever arrives).
        """
        with self._cond:
            self._takers += 1
            try:
                if self._holder is None or self._cond.wait_for(lambda: self._holder is None, timeout_s):
                    self._holder = READER_THREAD
                    return True
                return False
            finally:
                self._takers -= 1

    def leave_reader(self) -> None:
        with self._cond:
            if self._holder is READER_THREAD:
                self._hand_on()

    def wait_to_watch(self, timeout_s: float) -> bool:
        """The reader thread may watch the connection for bytes (no caller reads, none just left):
        True, and it is marked as watching; False after ``timeout_s`` while callers still read.

        It looks every :data:`CALLER_GRACE_S` rather than being woken: a caller that leaves wakes no
        one (see :data:`CALLER_GRACE_S`).
        """
        deadline = time.monotonic() + timeout_s
        with self._cond:
            while True:
                now = time.monotonic()
                if self._holder is None and now - self._caller_left_at >= self._grace_s:
                    self._reader_watching = True
                    return True
                if now >= deadline:
                    return False
                self._cond.wait(min(self._grace_s or timeout_s, deadline - now))

    def take_after_watch(self, readable: bool) -> bool:
        """The reader thread stopped watching; True when it takes the role to read what came."""
        with self._cond:
            self._reader_watching = False
            if readable and self._holder is None:
                self._holder = READER_THREAD
                return True
            return False

    def reader_in_the_way(self) -> bool:
        """True while the reader thread holds the role or watches the connection: a caller that wants
        to read alone asks it to step aside (it wakes it)."""
        with self._cond:
            return self._holder is READER_THREAD or self._reader_watching

    def wake_reader(self) -> None:
        """Let a reader thread waiting for the role look again (the connection changed or closed)."""
        with self._cond:
            self._cond.notify_all()

    # ------------------------------------------------------------------ hand-over

    def _hand_on(self, *, caller_left: bool = False) -> None:
        # Under the lock. The oldest follower first (it has waited longest); else the reader thread.
        if self._followers:
            follower = self._followers.popleft()
            self._holder = follower
            follower.wake()
            return
        self._holder = None
        if caller_left:
            self._caller_left_at = time.monotonic()
        if self._takers or not caller_left or not self._grace_s:
            self._cond.notify_all()

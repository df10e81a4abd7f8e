"""Event delivery to the host: push each new event, re-send the unacknowledged ones, replay on request.

The journal holds the events; this keeps the link-side bookkeeping (wall clock): what the host has
acknowledged (cumulatively) and when each unacknowledged event was last sent. Unacknowledged events
go out oldest first, at most :data:`EVENT_RESEND_MAX` at a time, every :data:`EVENT_RESEND_MS`. An
event's first send in a link session goes out without the retransmission flag, every later one (and
every REQUEST_EVENTS replay) with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from firmware_protocol.constants import EVENT_RESEND_MAX, EVENT_RESEND_MS
from simulators.device_journal import DeviceJournal

RESEND_S = EVENT_RESEND_MS / 1000


class EventOutbox:
    """Which events the host still owes an acknowledgement for, and when to send them again."""

    def __init__(self, journal: DeviceJournal, send: Callable[[Any, bool], None], acked: int = 0) -> None:
        """``send(event, retransmit)`` puts one event frame on the link."""
        self._journal = journal
        self._send = send
        self.acked = min(acked, journal.last_event_number)
        self._last_sent_s: dict[int, float] = {}
        self.replay_flagged = True  # False only to break the rule on purpose

    @property
    def unacked(self) -> int:
        return self._journal.last_event_number - self.acked

    def push(self, event: Any, now_s: float, link_ready: bool) -> None:
        """Send a just-journaled event, if the host is there and the window has room."""
        number: int = event.event_number
        if link_ready and number - self.acked <= EVENT_RESEND_MAX:
            self._send(event, number in self._last_sent_s)
            self._last_sent_s[number] = now_s

    def acknowledge(self, through: int) -> None:
        """Cumulative acknowledgement (the caller checked ``through`` ≤ the last event number)."""
        if through > self.acked:
            for number in range(self.acked + 1, through + 1):
                self._last_sent_s.pop(number, None)
            self.acked = through

    def _window(self) -> range:
        return range(self.acked + 1, min(self._journal.last_event_number, self.acked + EVENT_RESEND_MAX) + 1)

    def resend_due(self, now_s: float) -> None:
        """Re-send every event of the window not sent within the last re-send period."""
        for number in self._window():
            if now_s - self._last_sent_s.get(number, -RESEND_S) >= RESEND_S:
                event = self._journal.get(number)
                if event is not None:
                    self._send(event, number in self._last_sent_s)
                    self._last_sent_s[number] = now_s

    def next_due_s(self) -> float | None:
        """Wall time of the next re-send (None when everything is acknowledged)."""
        window = self._window()
        if not window:
            return None
        return min(self._last_sent_s.get(number, -RESEND_S) for number in window) + RESEND_S

    def replay(self, first: int, max_count: int, now_s: float) -> int:
        """Send journaled events ``first``… now (acknowledged or not); returns how many went out."""
        events = self._journal.events_from(first, max_count)
        for event in events:
            self._send(event, self.replay_flagged)  # a replay is flagged, even an event's first send
            self._last_sent_s[event.event_number] = now_s  # restarts its re-send timer
        return len(events)

    def forget_sends(self) -> None:
        """A new link session: nothing has been sent in it yet."""
        self._last_sent_s.clear()

    def send_window(self, now_s: float) -> None:
        """A new link session (after its HELLO response): send the whole window now."""
        self._last_sent_s.clear()
        self.resend_due(now_s)

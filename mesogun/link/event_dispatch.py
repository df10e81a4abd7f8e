"""Device events in order, each exactly once: store in the sink, tell listeners, then acknowledge.

The reader thread hands every event frame to :meth:`EventDispatcher.offer`; one dispatcher thread
does the rest. Duplicates (re-sent or replayed events) are dropped by event number, events that
arrive ahead of a gap wait while the gap is asked for again (RequestEvents), and the gun receives a
cumulative AckEvents only for events the sink has made durable. Without a sink nothing is
acknowledged: the gun keeps its events for whoever journals them.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from mesogun.device_events import DeviceEvent, EventSink
from mesogun.link.stats import LinkStatsCollector

log = logging.getLogger("mesogun.link.events")

#: How many events one RequestEvents asks for.
REQUEST_BATCH = 128
#: Events held while waiting for a gap to be filled; beyond this they are dropped (the gun re-sends).
MAX_AHEAD = 1024
#: Minimum time between two RequestEvents for the same missing event, in seconds.
REQUEST_INTERVAL_S = 0.3
#: How long the dispatcher waits for work before checking whether it is behind the gun.
IDLE_S = 0.1

EventListener = Callable[[DeviceEvent], None]


@dataclass(frozen=True)
class _Connected:
    serial_number: str
    device_last_event_number: int


@dataclass(frozen=True)
class _DeviceLast:
    event_number: int


@dataclass(frozen=True)
class _Incoming:
    event: DeviceEvent


class _Stop:
    pass


_Item = _Connected | _DeviceLast | _Incoming | _Stop


class EventDispatcher:
    """The event pipeline of one link. ``acknowledge`` and ``request_events`` send to the gun."""

    def __init__(
        self,
        *,
        sink: EventSink | None,
        stats: LinkStatsCollector,
        acknowledge: Callable[[int], None],
        request_events: Callable[[int, int], None],
        listeners: Callable[[], list[EventListener]],
    ) -> None:
        self._sink = sink
        self._stats = stats
        self._acknowledge = acknowledge
        self._request_events = request_events
        self._listeners = listeners
        self._queue: queue.Queue[_Item] = queue.Queue()
        self._serial: str | None = None
        self._next: int | None = None  # next event number to deliver
        self._device_last = 0  # highest event number the gun said it holds
        self._ahead: dict[int, DeviceEvent] = {}
        self._ack_through = 0  # highest event stored and not yet acknowledged (0: nothing due)
        self._last_request: tuple[int, float] = (0, 0.0)
        self._thread = threading.Thread(target=self._run, name="mesogun-link-events", daemon=True)
        self._progress = threading.Condition()
        self._offered = 0
        self._handled = 0

    # ------------------------------------------------------------ called from other threads

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout_s: float = 2.0) -> None:
        self._queue.put(_Stop())
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout_s)

    def offer(self, event: DeviceEvent) -> None:
        """An event from the wire, already converted (reader thread; never blocks)."""
        self._stats.count("events_received")
        with self._progress:
            self._offered += 1
        self._queue.put(_Incoming(event))

    def connected(self, serial_number: str, device_last_event_number: int) -> None:
        """A (re)connection completed: catch up from the sink's last event."""
        self._queue.put(_Connected(serial_number, device_last_event_number))

    def device_last(self, event_number: int) -> None:
        """The gun reported the highest event number it holds (heartbeat, status, replies)."""
        self._queue.put(_DeviceLast(event_number))

    def wait_handled(self, timeout_s: float) -> bool:
        """True once every event frame offered so far has been handled (delivered or dropped)."""
        with self._progress:
            target = self._offered
            return self._progress.wait_for(lambda: self._handled >= target, timeout_s)

    @property
    def next_event_number(self) -> int | None:
        """The next event number expected (None before the first connection)."""
        return self._next

    # ------------------------------------------------------------ dispatcher thread

    def _run(self) -> None:
        while True:
            try:
                item: _Item | None = self._queue.get(timeout=IDLE_S)
            except queue.Empty:
                item = None
            try:
                while item is not None:
                    if isinstance(item, _Stop):
                        return
                    self._handle(item)
                    try:
                        item = self._queue.get_nowait()
                    except queue.Empty:
                        item = None
                self._flush_ack()
                self._catch_up()
            except Exception:  # a bug here must not stop event delivery for good
                log.exception("event dispatcher error")

    def _handle(self, item: _Item) -> None:
        if isinstance(item, _Connected):
            self._on_connected(item)
        elif isinstance(item, _DeviceLast):
            self._device_last = max(self._device_last, item.event_number)
        elif isinstance(item, _Incoming):
            try:
                self._on_event(item)
            finally:
                with self._progress:
                    self._handled += 1
                    self._progress.notify_all()

    def _on_connected(self, item: _Connected) -> None:
        self._serial = item.serial_number
        self._device_last = item.device_last_event_number
        if self._sink is not None:
            held = self._sink.last_event_number(item.serial_number)
            if held > item.device_last_event_number:
                log.warning(
                    "the journal holds events up to #%d but gun %s reports only #%d",
                    held,
                    item.serial_number,
                    item.device_last_event_number,
                )
            self._next = held + 1
        elif self._next is None or self._next > item.device_last_event_number + 1:
            # No journal: listeners get what happens from now on (and, after a reconnection,
            # what happened while the link was down).
            self._next = item.device_last_event_number + 1
        self._ahead = {n: m for n, m in self._ahead.items() if n >= self._next}
        # Whatever the gun pushed while nobody listened: ask from the first event not yet held.
        self._ask_for(self._next, force=True)

    def _on_event(self, item: _Incoming) -> None:
        expected = self._next
        number = item.event.event_number
        self._device_last = max(self._device_last, number)
        if expected is None:
            self._hold(number, item.event)  # arrived during the handshake
            return
        if number < expected:
            self._stats.count("duplicate_events")
            if self._sink is not None:
                self._ack_through = max(self._ack_through, expected - 1)  # re-acknowledge: a lost ack
            return
        if number > expected:
            self._hold(number, item.event)
            self._ask_for(expected)
            return
        self._deliver(item.event, number)
        while self._next is not None and self._next in self._ahead:
            number = self._next
            self._deliver(self._ahead.pop(number), number)

    def _hold(self, number: int, event: DeviceEvent) -> None:
        if number in self._ahead:
            self._stats.count("duplicate_events")
        elif len(self._ahead) < MAX_AHEAD:
            self._ahead[number] = event

    def _deliver(self, event: DeviceEvent, number: int) -> None:
        if self._sink is not None and self._serial is not None:
            try:
                self._sink.store(self._serial, event)
            except Exception:
                # Not acknowledged, so the gun keeps it and sends it again; try again then.
                log.exception("could not store event #%d; it will be asked for again", number)
                self._ahead.clear()
                time.sleep(IDLE_S)
                return
            self._stats.count("events_stored")
            self._ack_through = number
        self._next = number + 1
        for listener in self._listeners():
            try:
                listener(event)
            except Exception:
                log.exception("event listener failed on event #%d", number)

    def _flush_ack(self) -> None:
        through = self._ack_through
        if through <= 0:
            return
        self._ack_through = 0
        try:
            self._acknowledge(through)
        except Exception as exc:  # the gun re-sends unacknowledged events: the next copy re-acks
            log.debug("acknowledging #%d failed: %s", through, exc)

    def _catch_up(self) -> None:
        """Ask for missing events when the gun holds more than was delivered."""
        expected = self._next
        if expected is None or self._device_last < expected:
            return
        self._ask_for(expected)

    def _ask_for(self, first: int, *, force: bool = False) -> None:
        now = time.monotonic()
        last_first, last_time = self._last_request
        if not force and last_first == first and now - last_time < REQUEST_INTERVAL_S:
            return
        self._last_request = (first, now)
        self._stats.count("event_requests")
        try:
            self._request_events(first, REQUEST_BATCH)
        except Exception as exc:
            log.debug("asking for events from #%d failed: %s", first, exc)

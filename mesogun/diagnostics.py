"""Diagnostics of a connected gun, for the technician: identity and counters, self-test, the gun's own
event log, and its alarm history.

The command line (``mesogun diagnostics``) and the desktop app's technician page both use these
functions. Each one blocks its calling thread on the gun: call them from a worker, never from a GUI
thread.

Reading the gun's log never changes what the dose journal holds nor what the gun considers
acknowledged: the events are asked for with REQUEST_EVENTS and read as they arrive, and the link
recognises the copies of events it already handled as duplicates (the link statistics count them).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Protocol, TypeVar

from firmware_protocol import AlarmCode, AlarmPriority
from mesogun.device_events import AlarmChanged, DeviceEvent, Shot
from mesogun.device_info import CalibrationFactors, DeviceInfo, DeviceStatus, Diagnostics
from mesogun.errors import OutOfRangeError
from mesogun.injector import Injector
from mesogun.journal.records import SessionRecord, SessionSummary
from mesogun.link import LinkStats

#: Most events one REQUEST_EVENTS may ask for (the protocol's max_count is a byte).
MAX_EVENTS_PER_REQUEST = 255
#: How long to wait for the events of one request to arrive, in seconds.
BATCH_WAIT_S = 3.0
#: Requests of the same batch before giving up on events that did not arrive (lost on a noisy link).
BATCH_ATTEMPTS = 3
#: The largest event log one download may ask for.
MAX_DOWNLOAD = 100_000

_E = TypeVar("_E", AlarmCode, AlarmPriority)


# ---------------------------------------------------------------------- identity, counters, self-test


@dataclass(frozen=True)
class DeviceReport:
    """Everything the gun says about itself at one moment, and the host's view of the link."""

    info: DeviceInfo
    status: DeviceStatus
    counters: Diagnostics
    calibration: CalibrationFactors
    link: LinkStats


def device_report(injector: Injector) -> DeviceReport:
    """Identity (from the handshake), status, lifetime counters, calibration factors and link counters."""
    return DeviceReport(
        info=injector.info,
        status=injector.status(),
        counters=injector.diagnostics(),
        calibration=injector.read_calibration(),
        link=injector.stats,
    )


@dataclass(frozen=True)
class SelfTestResult:
    """The verdict of the gun's built-in self-test: the checks that failed (none: passed)."""

    failures: frozenset[AlarmCode]
    ran_at: datetime  # host time, UTC

    @property
    def passed(self) -> bool:
        return not self.failures


def run_self_test(injector: Injector, clock: Callable[[], datetime] | None = None) -> SelfTestResult:
    """Run the self-test (the gun must be idle: DeviceRefusedError BUSY otherwise)."""
    failures = injector.self_test()
    return SelfTestResult(failures, (clock or _utc_now)())


# ---------------------------------------------------------------------- the gun's event log


class EventLogSource(Protocol):
    """What a log download needs from the gun (an :class:`~mesogun.injector.Injector`)."""

    def request_events(self, from_event_number: int, max_count: int) -> tuple[int, int]: ...

    def subscribe_event_frames(self, callback: Callable[[DeviceEvent], None]) -> Callable[[], None]: ...


@dataclass(frozen=True)
class EventLog:
    """Events read from the gun's own journal, oldest first, one per event number.

    ``missing`` are the numbers from ``first_requested`` to the last one read that the gun did not
    send: purged from its journal (it keeps every unacknowledged event, and drops acknowledged ones,
    oldest first, when full) or lost on the link despite the repeated requests.
    ``complete`` is False when ``limit`` stopped the download before the gun's newest event.
    """

    events: tuple[DeviceEvent, ...]
    first_requested: int
    device_last_event_number: int
    missing: tuple[int, ...]
    complete: bool

    def shots(self) -> tuple[Shot, ...]:
        return tuple(event for event in self.events if isinstance(event, Shot))


class _Collector:
    """Event frames heard while the download runs (reader thread in, caller thread out)."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._events: dict[int, DeviceEvent] = {}

    def add(self, event: DeviceEvent) -> None:
        with self._condition:
            self._events.setdefault(event.event_number, event)
            self._condition.notify_all()

    def _count_from(self, first: int) -> int:
        return sum(1 for number in self._events if number >= first)

    def count_from(self, first: int) -> int:
        with self._condition:
            return self._count_from(first)

    def wait_for(self, first: int, count: int, timeout_s: float) -> None:
        with self._condition:
            self._condition.wait_for(lambda: self._count_from(first) >= count, timeout_s)

    def numbers_from(self, first: int) -> list[int]:
        with self._condition:
            return sorted(number for number in self._events if number >= first)

    def events_in(self, first: int, last: int) -> list[DeviceEvent]:
        with self._condition:
            return [self._events[n] for n in sorted(self._events) if first <= n <= last]


def download_event_log(
    source: EventLogSource,
    from_event_number: int = 1,
    limit: int | None = None,
    *,
    batch_wait_s: float = BATCH_WAIT_S,
) -> EventLog:
    """Read the gun's journaled events numbered ``from_event_number`` onwards, at most ``limit``.

    ``limit`` None reads up to the gun's newest event. Blocks until the events arrived (each batch
    waits at most ``batch_wait_s``, asked again up to :data:`BATCH_ATTEMPTS` times when some are lost).
    """
    if not _is_count(from_event_number) or not 1 <= from_event_number <= 0xFFFF_FFFF:
        raise OutOfRangeError("from_event_number", from_event_number, 1, 0xFFFF_FFFF, "")
    wanted = MAX_DOWNLOAD if limit is None else limit
    if not _is_count(wanted) or not 1 <= wanted <= MAX_DOWNLOAD:
        raise OutOfRangeError("limit", wanted, 1, MAX_DOWNLOAD, "")
    collector = _Collector()
    unsubscribe = source.subscribe_event_frames(collector.add)
    try:
        cursor = from_event_number
        device_last = 0
        read: list[int] = []
        while len(read) < wanted:
            count = min(MAX_EVENTS_PER_REQUEST, wanted - len(read))
            sent, device_last = _request_batch(source, collector, cursor, count, batch_wait_s)
            numbers = collector.numbers_from(cursor)[:count]
            if sent == 0 or not numbers:
                break
            read.extend(numbers)
            cursor = numbers[-1] + 1
            if cursor > device_last:
                break
        last_read = read[-1] if read else from_event_number - 1
        events = collector.events_in(from_event_number, last_read)
    finally:
        unsubscribe()
    held = {event.event_number for event in events}
    missing = tuple(n for n in range(from_event_number, last_read + 1) if n not in held)
    return EventLog(
        events=tuple(events),
        first_requested=from_event_number,
        device_last_event_number=device_last,
        missing=missing,
        complete=last_read >= device_last,
    )


def _request_batch(
    source: EventLogSource, collector: _Collector, first: int, count: int, wait_s: float
) -> tuple[int, int]:
    """Ask for ``count`` events from ``first`` until as many as the gun announced arrived."""
    sent, device_last = 0, 0
    for _ in range(BATCH_ATTEMPTS):
        sent, device_last = source.request_events(first, count)
        if sent == 0:
            break
        collector.wait_for(first, sent, wait_s)
        if collector.count_from(first) >= sent:
            break
        time.sleep(0.05)  # some were lost on the link: the same request replays them
    return sent, device_last


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def newest_events_start(device_last_event_number: int, count: int) -> int:
    """The first event number of the newest ``count`` events of a gun whose newest is the one given."""
    return max(1, device_last_event_number - count + 1)


# ---------------------------------------------------------------------- alarm history


@dataclass(frozen=True)
class AlarmEntry:
    """One alarm raised or cleared, as the gun journaled it or as a clinical session recorded it.

    ``event_number`` is set for the gun's own events, ``session_id`` (and the plan point, the operator)
    for the session's rows.
    """

    time: datetime
    code: AlarmCode
    priority: AlarmPriority
    raised: bool
    from_gun: bool
    event_number: int | None = None
    session_id: str | None = None
    point_index: int | None = None
    detail: str = ""
    operator: str = ""


def alarms_from_events(events: Iterable[DeviceEvent]) -> list[AlarmEntry]:
    """The ALARM events of a downloaded log (raised and cleared), oldest first."""
    return [
        AlarmEntry(
            time=event.device_time,
            code=event.code,
            priority=event.priority,
            raised=event.raised,
            from_gun=True,
            event_number=event.event_number,
        )
        for event in events
        if isinstance(event, AlarmChanged)
    ]


class SessionReader(Protocol):
    """The part of the journal the alarm history reads (a :class:`~mesogun.journal.JournalStore`)."""

    def sessions(
        self,
        patient: str | None = None,
        since: date | datetime | None = None,
        until: date | datetime | None = None,
    ) -> list[SessionSummary]: ...

    def session(self, session_id: str) -> SessionRecord: ...


def alarms_from_journal(
    journal: SessionReader, device_serial: str, since: date | datetime | None = None
) -> list[AlarmEntry]:
    """The alarms the clinical sessions held with this gun recorded (started ``since``), oldest first."""
    entries: list[AlarmEntry] = []
    for summary in journal.sessions(since=since):
        record = journal.session(summary.session_id)
        if record.device_serial != device_serial:
            continue
        for alarm in record.alarms:
            code = _member(AlarmCode, alarm.code)
            priority = _member(AlarmPriority, alarm.priority)
            if code is None or priority is None:
                continue  # a code this version does not know: the gun's own log still shows it
            entries.append(
                AlarmEntry(
                    time=alarm.recorded_at,
                    code=code,
                    priority=priority,
                    raised=alarm.raised,
                    from_gun=False,
                    session_id=record.session_id,
                    point_index=alarm.point_index,
                    detail=alarm.detail,
                    operator=alarm.operator,
                )
            )
    entries.sort(key=lambda entry: entry.time)
    return entries


@dataclass(frozen=True)
class AlarmCount:
    """How often one alarm was raised: by the gun's log, and in clinical sessions; when last."""

    code: AlarmCode
    priority: AlarmPriority
    raised_on_gun: int
    raised_in_sessions: int
    last_raised: datetime | None


def summarise_alarms(entries: Sequence[AlarmEntry]) -> list[AlarmCount]:
    """Alarms raised, per code: highest priority first, then the most frequent."""
    by_code: dict[AlarmCode, list[AlarmEntry]] = {}
    for entry in entries:
        if entry.raised:
            by_code.setdefault(entry.code, []).append(entry)
    counts = [
        AlarmCount(
            code=code,
            priority=max(entry.priority for entry in raised),
            raised_on_gun=sum(1 for entry in raised if entry.from_gun),
            raised_in_sessions=sum(1 for entry in raised if not entry.from_gun),
            last_raised=max(entry.time for entry in raised),
        )
        for code, raised in by_code.items()
    ]
    counts.sort(key=lambda c: (-int(c.priority), -(c.raised_on_gun + c.raised_in_sessions), int(c.code)))
    return counts


def _member(enum: type[_E], name: str) -> _E | None:
    try:
        return enum[name.upper()]
    except KeyError:
        return None


def _utc_now() -> datetime:
    return datetime.now(UTC)

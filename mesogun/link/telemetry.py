"""Telemetry batches to listeners, off the reader thread, best effort, with gaps counted.

The device numbers every sample (``first_sample``); a batch that does not start where the previous
one ended reports the missing samples in ``gap_before``. When listeners fall behind, the oldest
batches are dropped (and show up as a gap) rather than delaying responses or events. Frames are
decoded here, on the dispatcher's thread and by channel (:mod:`firmware_protocol.columns`): whoever
read them only queues them.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections import deque
from collections.abc import Callable

from firmware_protocol import DecodeError, Frame
from firmware_protocol.columns import TelemetryColumns, decode_telemetry_columns
from mesogun.device_events import TelemetryBatch, telemetry_from_wire
from mesogun.link.stats import LinkStatsCollector

log = logging.getLogger("mesogun.link.telemetry")

#: Batches kept while listeners are busy (~5 s at one batch every 20 ms).
MAX_QUEUED = 256

TelemetryListener = Callable[[TelemetryBatch], None]
#: Told about a Telemetry frame the host cannot interpret (the link counts and logs it).
UndecodableReport = Callable[[Frame, Exception], None]


class TelemetryDispatcher:
    """Converts Telemetry frames to TelemetryBatch and calls listeners on its own thread."""

    def __init__(
        self,
        stats: LinkStatsCollector,
        listeners: Callable[[], list[TelemetryListener]],
        *,
        undecodable: UndecodableReport,
    ) -> None:
        self._stats = stats
        self._listeners = listeners
        self._undecodable = undecodable
        self._queue: deque[Frame] = deque()
        self._cond = threading.Condition()
        self._stopping = False
        self._expected: int | None = None  # first_sample the next batch should carry
        self._thread = threading.Thread(target=self._run, name="mesogun-link-telemetry", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout_s: float = 2.0) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout_s)

    def offer(self, frame: Frame) -> None:
        """A Telemetry frame, not decoded yet (from whichever thread read it; never blocks)."""
        with self._cond:
            if len(self._queue) >= MAX_QUEUED:
                self._queue.popleft()
                self._stats.count("telemetry_dropped")
            self._queue.append(frame)
            self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._queue and not self._stopping:
                    self._cond.wait()
                if self._stopping:
                    return
                frame = self._queue.popleft()
            try:
                columns = decode_telemetry_columns(frame)
                batch = telemetry_from_wire(columns, 0)
            except DecodeError as exc:
                # Dropped like a CRC error: its samples show up as a gap in the next batch.
                self._undecodable(frame, exc)
                continue
            except Exception as exc:  # nothing in one frame may stop telemetry for good
                log.exception("telemetry frame could not be converted")
                self._undecodable(frame, exc)
                continue
            batch = dataclasses.replace(batch, gap_before=self._gap_before(columns))
            for listener in self._listeners():
                try:
                    listener(batch)
                except Exception:
                    log.exception("telemetry listener failed")

    def _gap_before(self, columns: TelemetryColumns) -> int:
        expected = self._expected
        self._expected = columns.first_sample + len(columns)
        self._stats.count("telemetry_batches")
        if expected is None or columns.first_sample <= expected:
            # First batch, a duplicate, or a counter that restarted (power cycle): nothing missing.
            return 0
        missed = columns.first_sample - expected
        self._stats.count("telemetry_gaps")
        self._stats.count("telemetry_samples_missed", missed)
        return missed

"""Link counters: what went over the wire, what was lost, and how long answers took."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

from firmware_protocol import FrameStats

_RTT_WINDOW = 2000  # round trips kept for the percentiles


@dataclass(frozen=True)
class LinkStats:
    """A snapshot of the link's counters since it was opened (across reconnections).

    ``dropped`` counts received frames thrown away for any reason (CRC, COBS, length);
    ``rtt_p50_ms``/``rtt_p99_ms`` are request → reply times of requests answered at the first try;
    ``keepalive_max_gap_ms`` is the longest the host stayed silent on the wire while connected.
    """

    frames_ok: int
    frames_sent: int
    crc_errors: int
    dropped: int
    undecodable: int
    unmatched_responses: int
    requests: int
    retransmissions: int
    timeouts: int
    outcome_unknown: int
    heartbeats: int
    keepalive_max_gap_ms: float
    events_received: int
    duplicate_events: int
    events_stored: int
    events_acknowledged: int
    event_requests: int
    telemetry_batches: int
    telemetry_gaps: int
    telemetry_samples_missed: int
    telemetry_dropped: int
    reconnects: int
    rtt_p50_ms: float
    rtt_p99_ms: float


class LinkStatsCollector:
    """Thread-safe counters behind :class:`LinkStats`. Link threads call the ``count_*`` methods."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}
        self._rtts_s: deque[float] = deque(maxlen=_RTT_WINDOW)
        self._closed_decoders = FrameStats()
        self._live_decoder: FrameStats | None = None
        self._keepalive_max_gap_s = 0.0
        self.events_acknowledged = 0  # highest event number the gun confirmed as acknowledged

    def count(self, name: str, amount: int = 1) -> None:
        with self._lock:
            self._counts[name] = self._counts.get(name, 0) + amount

    def get(self, name: str) -> int:
        with self._lock:
            return self._counts.get(name, 0)

    def rtt(self, seconds: float) -> None:
        with self._lock:
            self._rtts_s.append(seconds)

    def keepalive_gap(self, seconds: float) -> None:
        with self._lock:
            self._keepalive_max_gap_s = max(self._keepalive_max_gap_s, seconds)

    def reset_keepalive_gap(self) -> None:
        with self._lock:
            self._keepalive_max_gap_s = 0.0

    def acknowledged(self, event_number: int) -> None:
        with self._lock:
            self.events_acknowledged = max(self.events_acknowledged, event_number)

    def attach_decoder(self, stats: FrameStats) -> None:
        """Count the frames of a new connection's decoder (the previous one is folded in)."""
        with self._lock:
            self._fold_live()
            self._live_decoder = stats

    def detach_decoder(self) -> None:
        """The current connection closed: keep its counts."""
        with self._lock:
            self._fold_live()

    def _fold_live(self) -> None:
        live = self._live_decoder
        if live is None:
            return
        total = self._closed_decoders
        total.frames_ok += live.frames_ok
        total.crc_errors += live.crc_errors
        total.cobs_errors += live.cobs_errors
        total.oversize += live.oversize
        total.runt += live.runt
        total.bytes_in += live.bytes_in
        self._live_decoder = None

    def snapshot(self) -> LinkStats:
        with self._lock:
            closed, live = self._closed_decoders, self._live_decoder
            frames_ok = closed.frames_ok + (live.frames_ok if live else 0)
            crc = closed.crc_errors + (live.crc_errors if live else 0)
            dropped = closed.frames_dropped + (live.frames_dropped if live else 0)
            rtts = sorted(self._rtts_s)
            c = self._counts.get
            return LinkStats(
                frames_ok=frames_ok,
                frames_sent=c("frames_sent", 0),
                crc_errors=crc,
                dropped=dropped,
                undecodable=c("undecodable", 0),
                unmatched_responses=c("unmatched_responses", 0),
                requests=c("requests", 0),
                retransmissions=c("retransmissions", 0),
                timeouts=c("timeouts", 0),
                outcome_unknown=c("outcome_unknown", 0),
                heartbeats=c("heartbeats", 0),
                keepalive_max_gap_ms=self._keepalive_max_gap_s * 1000,
                events_received=c("events_received", 0),
                duplicate_events=c("duplicate_events", 0),
                events_stored=c("events_stored", 0),
                events_acknowledged=self.events_acknowledged,
                event_requests=c("event_requests", 0),
                telemetry_batches=c("telemetry_batches", 0),
                telemetry_gaps=c("telemetry_gaps", 0),
                telemetry_samples_missed=c("telemetry_samples_missed", 0),
                telemetry_dropped=c("telemetry_dropped", 0),
                reconnects=c("reconnects", 0),
                rtt_p50_ms=_percentile(rtts, 0.50) * 1000,
                rtt_p99_ms=_percentile(rtts, 0.99) * 1000,
            )


def _percentile(ordered: list[float], fraction: float) -> float:
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))
    return ordered[index]

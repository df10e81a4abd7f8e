"""Bounded storage and decimation for live telemetry traces (numpy, no Qt).

``TelemetryRing`` keeps the last samples of each channel in preallocated arrays (memory is fixed at
construction: a 30 s window at 1 kHz is four arrays of ~31 000 float64). ``minmax_decimate`` reduces a
trace to about two points per horizontal pixel while keeping every peak, so a redraw costs the same
whatever the sample rate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

CHANNELS = ("needle_mm", "plunger_mm", "pressure_kpa")


@dataclass(frozen=True)
class TraceSnapshot:
    """The samples of the last ``window_s`` seconds, oldest first; ``time_s`` in device seconds."""

    time_s: FloatArray
    needle_mm: FloatArray
    plunger_mm: FloatArray
    pressure_kpa: FloatArray


def device_seconds(device_time: datetime | float) -> float:
    """A device timestamp (aware datetime or seconds) as seconds (float)."""
    return device_time.timestamp() if isinstance(device_time, datetime) else float(device_time)


class TelemetryRing:
    """A ring buffer of telemetry samples: device time (s) and one value per channel.

    ``window_s`` is the span kept for display; ``max_rate_hz`` sizes the arrays (samples beyond the
    capacity overwrite the oldest ones, so memory never grows).
    """

    def __init__(self, window_s: float = 30.0, max_rate_hz: float = 1000.0) -> None:
        if window_s <= 0 or max_rate_hz <= 0:
            raise ValueError(f"window_s ({window_s}) and max_rate_hz ({max_rate_hz}) must be > 0")
        self.window_s = window_s
        self.capacity = math.ceil(window_s * max_rate_hz) + 1024
        self._time_s = np.full(self.capacity, np.nan)
        self._values = np.full((len(CHANNELS), self.capacity), np.nan)
        self._next = 0  # index where the next sample goes
        self._count = 0  # samples held (≤ capacity)

    def __len__(self) -> int:
        return self._count

    @property
    def nbytes(self) -> int:
        """Bytes held by the arrays (constant)."""
        return int(self._time_s.nbytes + self._values.nbytes)

    def clear(self) -> None:
        """Forget every sample."""
        self._next = 0
        self._count = 0

    def append(self, time_s: FloatArray, values: FloatArray) -> None:
        """Add samples: ``time_s`` shape (n,), ``values`` shape (3, n) in the order of ``CHANNELS``."""
        n = len(time_s)
        if values.shape != (len(CHANNELS), n):
            raise ValueError(f"values: shape {values.shape} should be ({len(CHANNELS)}, {n})")
        if n == 0:
            return
        if n >= self.capacity:
            time_s, values, n = time_s[-self.capacity :], values[:, -self.capacity :], self.capacity
        end = self._next + n
        if end <= self.capacity:
            self._time_s[self._next : end] = time_s
            self._values[:, self._next : end] = values
        else:
            first = self.capacity - self._next
            self._time_s[self._next :] = time_s[:first]
            self._values[:, self._next :] = values[:, :first]
            self._time_s[: n - first] = time_s[first:]
            self._values[:, : n - first] = values[:, first:]
        self._next = end % self.capacity
        self._count = min(self.capacity, self._count + n)

    def snapshot(self) -> TraceSnapshot:
        """Copies of the samples of the last ``window_s`` seconds (by device time), oldest first."""
        if self._count == 0:
            empty = np.empty(0)
            return TraceSnapshot(empty, empty, empty, empty)
        start = (self._next - self._count) % self.capacity
        if start < self._next:
            time_s = self._time_s[start : self._next].copy()
            values = self._values[:, start : self._next].copy()
        else:
            time_s = np.concatenate((self._time_s[start:], self._time_s[: self._next]))
            values = np.concatenate((self._values[:, start:], self._values[:, : self._next]), axis=1)
        latest = np.nanmax(time_s) if np.isfinite(time_s).any() else 0.0
        first = int(np.searchsorted(time_s, latest - self.window_s, side="left"))
        return TraceSnapshot(time_s[first:], values[0, first:], values[1, first:], values[2, first:])


def minmax_decimate(time_s: FloatArray, values: FloatArray, bins: int) -> tuple[FloatArray, FloatArray]:
    """Reduce a trace to at most ``2 * bins`` points: the minimum and maximum of each of ``bins`` slices.

    Peaks survive (a 1-sample spike stays visible); NaN samples (gaps) are ignored within a slice, and
    a slice made only of gaps stays a gap. A trace already short enough is returned unchanged.
    """
    if bins < 1:
        raise ValueError(f"bins: {bins} must be ≥ 1")
    n = len(values)
    if n <= 2 * bins:
        return time_s, values
    per_bin = math.ceil(n / bins)
    usable = (n // per_bin) * per_bin
    # The newest samples matter most on a live plot: drop the oldest remainder, not the newest.
    head = n - usable
    shaped = values[head:].reshape(-1, per_bin)
    with np.errstate(all="ignore"):
        lows = np.fmin.reduce(shaped, axis=1)
        highs = np.fmax.reduce(shaped, axis=1)
    starts = time_s[head:][::per_bin]
    ends = time_s[head:][per_bin - 1 :: per_bin]
    out_time = np.empty(2 * len(lows))
    out_values = np.empty(2 * len(lows))
    out_time[0::2] = starts
    out_time[1::2] = ends
    out_values[0::2] = lows
    out_values[1::2] = highs
    return out_time, out_values

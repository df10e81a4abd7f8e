"""Live plot of the gun's telemetry: needle depth (mm), plunger position (mm) and pressure (kPa).

Samples go into a fixed-size ring buffer as they arrive (``add_batches``); the plot is redrawn by a
timer at most 30 times a second, and only when something changed. Before each redraw every trace is
reduced to about two points per pixel (min/max), so the cost of a frame does not grow with the rate.
The time axis is the device's clock, in seconds before the newest sample (-30 … 0).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui import style
from gui.telemetry_buffer import CHANNELS, FloatArray, TelemetryRing, device_seconds, minmax_decimate
from mesogun.device_events import TelemetryBatch

MAX_REDRAW_HZ = 30
#: The smallest height of each trace's axis, in its unit: an idle gun's sensor noise stays a flat line
#: instead of filling the plot (needle mm, plunger mm, pressure kPa).
MIN_SPAN = {"needle_mm": 2.0, "plunger_mm": 1.0, "pressure_kpa": 20.0}
_FALLBACK_WIDTH_PX = 800


class TelemetryPlot(QWidget):
    """Three stacked traces sharing one device-time axis, fed with ``TelemetryBatch`` objects."""

    def __init__(
        self, window_s: float = 30.0, max_rate_hz: float = 1000.0, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ring = TelemetryRing(window_s, max_rate_hz)
        self._dirty = False
        self.frames_drawn = 0
        self._graphics = pg.GraphicsLayoutWidget()
        self._graphics.setBackground(style.SURFACE)
        self._graphics.ci.setSpacing(2)
        titles = (
            (self.tr("Needle depth (mm)"), style.CURVE_NEEDLE),
            (self.tr("Plunger (mm)"), style.CURVE_PLUNGER),
            (self.tr("Pressure (kPa)"), style.CURVE_PRESSURE),
        )
        self.plots: list[pg.PlotItem] = []
        self.curves: list[pg.PlotDataItem] = []
        axis_pen = pg.mkPen(style.TEXT_MUTED, width=1)
        for row, (title, colour) in enumerate(titles):
            plot: pg.PlotItem = self._graphics.addPlot(row=row, col=0)
            plot.setLabel("left", title, **{"color": style.TEXT, "font-size": "10pt"})
            plot.getAxis("left").setWidth(70)
            # No grid: pyqtgraph draws grid lines through the axes at ~5 ms a frame, more than the traces.
            plot.setMouseEnabled(x=False, y=False)
            plot.setMenuEnabled(False)
            plot.hideButtons()
            plot.setXRange(-window_s, 0.0, padding=0.0)
            plot.enableAutoRange(axis="y")
            plot.setLimits(minYRange=MIN_SPAN[CHANNELS[row]])
            for side in ("left", "bottom"):
                plot.getAxis(side).setPen(axis_pen)
                plot.getAxis(side).setTextPen(axis_pen)
            if row > 0:
                plot.setXLink(self.plots[0])
            if row < len(titles) - 1:
                plot.getAxis("bottom").setStyle(showValues=False)
            else:
                plot.setLabel(
                    "bottom", self.tr("Device time (s)"), **{"color": style.TEXT, "font-size": "10pt"}
                )
            curve = plot.plot(pen=pg.mkPen(colour, width=1), antialias=False)
            curve.setClipToView(False)
            curve.setDownsampling(auto=False)
            self.plots.append(plot)
            self.curves.append(curve)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._graphics)
        self._timer = QTimer(self)
        self._timer.setInterval(int(1000 / MAX_REDRAW_HZ))
        self._timer.timeout.connect(self._on_timer)
        self._timer.start()

    def add_batches(self, batches: Sequence[TelemetryBatch]) -> None:
        """Store telemetry batches (device timestamps); a gap before a batch breaks the trace."""
        for batch in batches:
            count = max(len(batch.needle_mm), len(batch.plunger_mm), len(batch.pressure_kpa))
            if count == 0:
                continue
            start_s = device_seconds(batch.device_time)
            time_s: FloatArray = start_s + np.arange(count, dtype=np.float64) * batch.period_s
            values = np.full((len(CHANNELS), count), np.nan)
            for row, samples in enumerate((batch.needle_mm, batch.plunger_mm, batch.pressure_kpa)):
                if len(samples) == count:
                    values[row] = samples
            if batch.gap_before > 0:
                # A NaN sample just before the batch: the line breaks where samples were lost.
                time_s = np.concatenate(([start_s - batch.period_s / 2], time_s))
                values = np.concatenate((np.full((len(CHANNELS), 1), np.nan), values), axis=1)
            self.ring.append(time_s, values)
        self._dirty = True

    def add_samples(self, time_s: FloatArray, values: FloatArray) -> None:
        """Store raw samples: ``time_s`` (n,) device seconds, ``values`` (3, n) needle, plunger, pressure."""
        self.ring.append(time_s, values)
        self._dirty = True

    def clear(self) -> None:
        """Forget every sample and empty the plot."""
        self.ring.clear()
        self._dirty = True

    def redraw(self) -> None:
        """Draw the current window now (the timer calls this when new samples arrived)."""
        self._dirty = False
        snapshot = self.ring.snapshot()
        if len(snapshot.time_s) == 0:
            for curve in self.curves:
                curve.setData([], [])
            self.frames_drawn += 1
            return
        relative_s = snapshot.time_s - snapshot.time_s[-1]
        width_px = int(self.plots[0].getViewBox().width()) or _FALLBACK_WIDTH_PX
        for curve, values in zip(
            self.curves, (snapshot.needle_mm, snapshot.plunger_mm, snapshot.pressure_kpa), strict=True
        ):
            x, y = minmax_decimate(relative_s, values, max(1, width_px))
            finite = bool(np.isfinite(y).all())
            curve.setData(x, y, connect="all" if finite else "finite")
        self.frames_drawn += 1

    def repaint_now(self) -> None:
        """Paint the plots at once (benchmarks and screenshots; the event loop paints otherwise)."""
        self._graphics.viewport().repaint()

    def _on_timer(self) -> None:
        if self._dirty and self.isVisible():
            self.redraw()

"""Delivered versus planned volume per plan point (µl), as a bar graph.

Each point gets a light outlined bar for its planned volume and, in front of it, a narrower filled bar
for what the journal says was delivered. Labels under the bars name the points.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui import style

#: The y axis reaches this many times the tallest bar: the legend sits in the space above it.
HEADROOM = 1.3
#: How far (px) a point's name may reach past the end of the bottom axis and still be drawn.
LABEL_OVERHANG_PX = 40


class VolumePlot(QWidget):
    """Bars of planned and delivered volume (µl) for each point of a plan."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: list[str] = []
        self._planned_ul = np.zeros(0)
        self._delivered_ul = np.zeros(0)
        self._widget = pg.PlotWidget(background=style.SURFACE)
        self.plot: pg.PlotItem = self._widget.getPlotItem()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.showGrid(y=True, alpha=0.15)
        self.plot.setLabel("left", self.tr("Volume (µl)"), **{"color": style.TEXT, "font-size": "10pt"})
        axis_pen = pg.mkPen(style.TEXT_MUTED, width=1)
        for side in ("left", "bottom"):
            self.plot.getAxis(side).setPen(axis_pen)
            self.plot.getAxis(side).setTextPen(axis_pen)
        # The last point's name may reach past the axis end: draw it rather than drop it.
        self.plot.getAxis("bottom").setStyle(hideOverlappingLabels=LABEL_OVERHANG_PX)
        self.planned_bars = pg.BarGraphItem(
            x=[],
            height=[],
            width=0.7,
            pen=pg.mkPen(style.ACCENT, width=1),
            brush=pg.mkBrush(style.ACCENT_LIGHT),
        )
        self.delivered_bars = pg.BarGraphItem(
            x=[], height=[], width=0.4, pen=pg.mkPen(None), brush=pg.mkBrush(style.ACCENT)
        )
        self.plot.addItem(self.planned_bars)
        self.plot.addItem(self.delivered_bars)
        # Side by side in the headroom above the tallest bar, so the legend never hides a bar.
        legend = self.plot.addLegend(offset=(-10, 2), labelTextColor=style.TEXT, colCount=2)
        legend.addItem(self.planned_bars, self.tr("Planned"))
        legend.addItem(self.delivered_bars, self.tr("Delivered"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._widget)

    @property
    def planned_ul(self) -> list[float]:
        """Planned volume per point, µl."""
        return [float(v) for v in self._planned_ul]

    @property
    def delivered_ul(self) -> list[float]:
        """Delivered volume per point, µl."""
        return [float(v) for v in self._delivered_ul]

    def set_points(self, labels: Sequence[str], planned_ul: Sequence[float]) -> None:
        """Show a new plan: one bar per point; nothing delivered yet."""
        if len(labels) != len(planned_ul):
            raise ValueError(f"labels ({len(labels)}) and planned_ul ({len(planned_ul)}) differ in length")
        for index, volume in enumerate(planned_ul):
            if volume < 0:
                raise ValueError(f"planned_ul[{index}]: {volume} µl is negative")
        self._labels = list(labels)
        self._planned_ul = np.asarray(planned_ul, dtype=float)
        self._delivered_ul = np.zeros(len(labels))
        self.plot.getAxis("bottom").setTicks([list(enumerate(self._labels))])
        self._redraw()

    def set_delivered(self, index: int, delivered_ul: float) -> None:
        """Show ``delivered_ul`` (µl, as the journal reports) for point ``index``."""
        if not 0 <= index < len(self._labels):
            raise IndexError(f"index: {index} is outside 0..{len(self._labels) - 1}")
        if delivered_ul < 0:
            raise ValueError(f"delivered_ul: {delivered_ul} µl is negative")
        self._delivered_ul[index] = delivered_ul
        self._redraw()

    def _redraw(self) -> None:
        x = np.arange(len(self._labels))
        self.planned_bars.setOpts(x=x, height=self._planned_ul, width=0.7)
        self.delivered_bars.setOpts(x=x, height=self._delivered_ul, width=0.4)
        top = float(max(self._planned_ul.max(initial=0.0), self._delivered_ul.max(initial=0.0)))
        self.plot.setYRange(0.0, top * HEADROOM if top > 0 else 1.0, padding=0.0)
        self.plot.setXRange(-0.6, max(len(self._labels), 1) - 0.4, padding=0.0)

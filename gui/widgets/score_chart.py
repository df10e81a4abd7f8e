"""Outcome scores of one patient over the sessions: pain (before and after, 0–10) and HAM-A (0–56).

Two small line charts, one per scale range, so that a pain of 3 is not flattened against a HAM-A of
30. The x axis counts the patient's sessions, labelled with their dates; a session not scored on a
scale leaves a gap in that line. pyqtgraph is imported when the chart is built (the app loads it only
for the screens that draw).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui import style
from gui.language import current_language
from gui.widgets.outcome_scores_form import score_name
from mesogun.journal.outcome_scores import SCORE_RANGES, ScoreCode

#: Which scales share a chart (same range), and the colour of each line.
CHARTS: tuple[tuple[ScoreCode, ...], ...] = (
    (ScoreCode.PAIN_NRS_BEFORE, ScoreCode.PAIN_NRS_AFTER),
    (ScoreCode.HAM_A,),
)
COLOURS: dict[ScoreCode, str] = {
    ScoreCode.PAIN_NRS_BEFORE: style.ACCENT,
    ScoreCode.PAIN_NRS_AFTER: style.POINT_DONE,
    ScoreCode.HAM_A: "#6a1b9a",
}


#: Small enough for the window's minimum height; the page's splitter gives the charts more room.
MIN_PLOT_HEIGHT_PX = 60


def day_label(moment: datetime) -> str:
    """A session's local date, short: ``04/03`` in French, ``03-04`` in English."""
    return moment.astimezone().strftime("%d/%m" if current_language() == "fr" else "%m-%d")


class ScoreChart(QWidget):
    """Lines of each scale scored, one point per session (x = the session's rank, 1 for the first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import pyqtgraph as pg

        self._pg = pg
        self.series: dict[ScoreCode, list[tuple[int, int]]] = {}
        self.empty_label = QLabel(self.tr("No outcome score recorded for this patient yet."), self)
        self.empty_label.setProperty("muted", True)
        self.plots: list[Any] = []
        self._curves: dict[ScoreCode, Any] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_label)
        for codes in CHARTS:
            widget = pg.PlotWidget(background=style.SURFACE)
            widget.setMinimumHeight(MIN_PLOT_HEIGHT_PX)
            plot = widget.getPlotItem()
            plot.setMouseEnabled(x=False, y=False)
            plot.setMenuEnabled(False)
            plot.hideButtons()
            plot.showGrid(y=True, alpha=0.15)
            high = SCORE_RANGES[codes[0]][1]
            plot.setYRange(0, high, padding=0.05)
            axis_pen = pg.mkPen(style.TEXT_MUTED, width=1)
            for side in ("left", "bottom"):
                plot.getAxis(side).setPen(axis_pen)
                plot.getAxis(side).setTextPen(axis_pen)
            legend = plot.addLegend(offset=(-10, 2), labelTextColor=style.TEXT, colCount=len(codes))
            for code in codes:
                colour = COLOURS[code]
                curve = plot.plot(
                    [],
                    [],
                    pen=pg.mkPen(colour, width=2),
                    symbol="o",
                    symbolSize=7,
                    symbolBrush=pg.mkBrush(colour),
                    symbolPen=pg.mkPen(colour),
                    connect="finite",
                )
                legend.addItem(curve, score_name(code))
                self._curves[code] = curve
            layout.addWidget(widget, 1)
            self.plots.append(widget)

    def set_sessions(self, starts: Sequence[datetime], scores: Sequence[Mapping[ScoreCode, int]]) -> None:
        """Show the scores of each session (``scores[i]``: scale → value for the session ``starts[i]``)."""
        if len(starts) != len(scores):
            raise ValueError(f"starts ({len(starts)}) and scores ({len(scores)}) differ in length")
        ticks = [[(rank, day_label(moment)) for rank, moment in enumerate(starts, start=1)]]
        self.series = {}
        for code, curve in self._curves.items():
            points = [(rank, values[code]) for rank, values in enumerate(scores, start=1) if code in values]
            self.series[code] = points
            curve.setData([x for x, _ in points], [y for _, y in points])
        for widget, codes in zip(self.plots, CHARTS, strict=True):
            plot = widget.getPlotItem()
            plot.getAxis("bottom").setTicks(ticks)
            plot.setXRange(0.5, max(len(starts), 1) + 0.5, padding=0)
            widget.setVisible(any(self.series[code] for code in codes))
        self.empty_label.setVisible(not any(self.series.values()))

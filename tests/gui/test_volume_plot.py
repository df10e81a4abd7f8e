"""The delivered-versus-planned bar chart: every point named, the legend clear of the bars."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage, QPainter
from pytestqt.qtbot import QtBot

from gui.widgets.volume_plot import VolumePlot

# The Mésostress example's points, as the run screen labels them.
LABELS = ["MC6", "MC6", "C7", "C7", "VG20", "Rte6", "Rte6", "F3", "F3", "Yin Tang"]
PLANNED_UL = [100.0, 100.0, 50.0, 50.0, 50.0, 100.0, 100.0, 100.0, 100.0, 50.0]


@pytest.fixture
def plot(qtbot: QtBot) -> VolumePlot:
    widget = VolumePlot()
    qtbot.addWidget(widget)
    widget.resize(470, 230)  # its width on the run screen of a 1440-pixel window
    widget.set_points(LABELS, PLANNED_UL)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _drawn_labels(plot: VolumePlot) -> list[str]:
    axis = plot.plot.getAxis("bottom")
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _axis, _ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _rect, _flags, text in texts]


def test_every_point_is_named_under_its_bar_even_the_last_and_longest(plot: VolumePlot) -> None:
    assert _drawn_labels(plot) == LABELS


def test_the_legend_sits_above_the_tallest_bar(qtbot: QtBot, plot: VolumePlot) -> None:
    for index, volume in enumerate(PLANNED_UL):
        plot.set_delivered(index, volume)
    qtbot.wait(20)
    legend = plot.plot.legend
    legend_bottom = legend.mapRectToScene(legend.boundingRect()).bottom()
    top_of_bars = plot.plot.getViewBox().mapViewToScene(QPointF(0.0, max(PLANNED_UL))).y()
    assert legend_bottom < top_of_bars  # scene y grows downwards


def test_planned_and_delivered_volumes_are_shown_and_bad_values_refused(plot: VolumePlot) -> None:
    plot.set_delivered(2, 25.0)
    assert plot.planned_ul == PLANNED_UL
    assert plot.delivered_ul[2] == 25.0 and sum(plot.delivered_ul) == 25.0
    with pytest.raises(IndexError, match=r"outside 0\.\.9"):
        plot.set_delivered(10, 5.0)
    with pytest.raises(ValueError, match="negative"):
        plot.set_delivered(0, -1.0)
    with pytest.raises(ValueError, match=r"planned_ul\[1\]"):
        plot.set_points(["a", "b"], [1.0, -2.0])

"""Simple charts painted with QPainter into a rectangle: a line/step chart and a bar chart.

Made for printed reports (``PdfDocument.chart``), usable on any QPaintDevice. Each chart has a title,
a legend, axes with ticks at round values and axis labels. Values are in the units the caller names in
the axis labels; ``ChartStyle.number_format`` writes the tick values (the caller's language: a French
report passes a decimal comma).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

ACCENT = "#1D6FA5"
ACCENT_LIGHT = "#D6E8F5"
SECOND = "#B5651D"
GUIDE = "#C62828"
_CENTRED = Qt.AlignmentFlag.AlignHCenter


def _plain_number(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class ChartStyle:
    """Device scale (units per mm), font, colours and the tick number format of a chart."""

    px_per_mm: float
    font_family: str = "DejaVu Sans"
    font_pt: float = 7.0
    text: str = "#1E2A33"
    muted: str = "#5B6B78"
    grid: str = "#E1E6EA"
    number_format: Callable[[float], str] = _plain_number


@dataclass(frozen=True)
class LineSeries:
    """Points (x, y) joined by straight lines, or by steps (the value holds until the next x)."""

    label: str
    points: Sequence[tuple[float, float]]
    step: bool = False
    color: str = ACCENT
    markers: bool = False


@dataclass(frozen=True)
class Guide:
    """A horizontal reference line at ``y`` (e.g. a tolerance limit), labelled at its right end."""

    y: float
    label: str = ""
    color: str = GUIDE


@dataclass(frozen=True)
class LineChart:
    """One or more series on shared axes, over round ticks that cover the data (guides included)."""

    title: str
    x_label: str
    y_label: str
    series: Sequence[LineSeries]
    guides: Sequence[Guide] = ()


@dataclass(frozen=True)
class BarSeries:
    """One value per category; ``outline``: drawn as a light bar with a border (e.g. what was planned)."""

    label: str
    values: Sequence[float]
    color: str = ACCENT
    outline: bool = False


@dataclass(frozen=True)
class BarChart:
    """Bars per category, each series in front of the previous one and narrower (planned vs delivered)."""

    title: str
    categories: Sequence[str]
    series: Sequence[BarSeries]
    y_label: str
    x_label: str = ""

    def __post_init__(self) -> None:
        for item in self.series:
            if len(item.values) != len(self.categories):
                raise ValueError(
                    f"BarChart series {item.label!r}: {len(item.values)} values "
                    f"for {len(self.categories)} categories"
                )
            for index, value in enumerate(item.values):
                if not (math.isfinite(value) and value >= 0):
                    raise ValueError(
                        f"BarChart series {item.label!r}: value {index} is {value}; "
                        "bars need a finite value ≥ 0"
                    )


def nice_ticks(low: float, high: float, target: int = 5) -> list[float]:
    """Round tick values covering [low, high] (about ``target`` intervals; 1, 2, 2.5 or 5 × 10ⁿ)."""
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError(f"nice_ticks: the range {low}..{high} is not finite")
    if high <= low:
        high = low + (abs(low) if low else 1.0)
    span = high - low
    magnitude = 10 ** math.floor(math.log10(span / target))
    step = magnitude
    for multiple in (1.0, 2.0, 2.5, 5.0, 10.0):
        step = multiple * magnitude
        if span / step <= target:
            break
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    count = round((last - first) / step)
    return [round(first + i * step, 12) for i in range(count + 1)]


@dataclass
class _Frame:
    """The plot area inside a chart's rectangle and the value ranges it maps."""

    area: QRectF
    x_low: float
    x_high: float
    y_low: float
    y_high: float
    x_ticks: list[float]
    y_ticks: list[float]

    def x(self, value: float) -> float:
        span = self.x_high - self.x_low or 1.0
        return self.area.left() + (value - self.x_low) / span * self.area.width()

    def y(self, value: float) -> float:
        span = self.y_high - self.y_low or 1.0
        return self.area.bottom() - (value - self.y_low) / span * self.area.height()


def _font(style: ChartStyle, *, bold: bool = False, scale: float = 1.0) -> QFont:
    font = QFont(style.font_family)
    font.setPointSizeF(style.font_pt * scale)
    font.setBold(bold)
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)  # no ligatures in copied text
    return font


def _label(
    painter: QPainter, box: QRectF, text: str, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
) -> None:
    painter.drawText(box, int(align), text)


def _header(
    painter: QPainter, rect: QRectF, title: str, legend: Sequence[tuple[str, str, bool]], style: ChartStyle
) -> float:
    """Title on the left, legend (label, colour, outline) on the right; returns the header height."""
    title_font = _font(style, bold=True, scale=1.15)
    painter.setFont(title_font)
    painter.setPen(QColor(style.text))
    height = QFontMetricsF(title_font, painter.device()).lineSpacing()
    _label(painter, QRectF(rect.left(), rect.top(), rect.width(), height), title)
    font = _font(style)
    metrics = QFontMetricsF(font, painter.device())
    painter.setFont(font)
    swatch = 3.0 * style.px_per_mm
    x = rect.right()
    for label, color, outline in reversed(legend):
        width = metrics.horizontalAdvance(label)
        x -= width
        painter.setPen(QColor(style.text))
        _label(painter, QRectF(x, rect.top(), width + 1, height), label)
        x -= swatch + 1.0 * style.px_per_mm
        box = QRectF(x, rect.top() + (height - swatch) / 2, swatch, swatch)
        painter.fillRect(box, QColor(ACCENT_LIGHT if outline else color))
        painter.setPen(QPen(QColor(color), 0.25 * style.px_per_mm))
        painter.drawRect(box)
        x -= 4.0 * style.px_per_mm
    return height + 1.5 * style.px_per_mm


def _frame(
    painter: QPainter,
    rect: QRectF,
    top: float,
    style: ChartStyle,
    y_ticks: list[float],
    x_label: str,
    y_label: str,
) -> QRectF:
    """The plot area left after the y tick labels and axis labels."""
    font = _font(style)
    metrics = QFontMetricsF(font, painter.device())
    line = metrics.lineSpacing()
    tick_w = max((metrics.horizontalAdvance(style.number_format(v)) for v in y_ticks), default=0.0)
    left = rect.left() + line + tick_w + 2.5 * style.px_per_mm
    bottom = rect.bottom() - line - (line if x_label else 0.0) - 1.5 * style.px_per_mm
    area = QRectF(
        left, rect.top() + top, rect.right() - left - 1.0 * style.px_per_mm, bottom - rect.top() - top
    )
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor(style.muted))
    if y_label:
        painter.translate(rect.left(), area.center().y())
        painter.rotate(-90)
        _label(painter, QRectF(-area.height() / 2, 0, area.height(), line), y_label, _CENTRED)
    painter.restore()
    if x_label:
        painter.setFont(font)
        painter.setPen(QColor(style.muted))
        _label(painter, QRectF(area.left(), rect.bottom() - line, area.width(), line), x_label, _CENTRED)
    return area


def _y_axis(painter: QPainter, frame: _Frame, style: ChartStyle) -> None:
    font = _font(style)
    metrics = QFontMetricsF(font, painter.device())
    painter.setFont(font)
    for value in frame.y_ticks:
        y = frame.y(value)
        painter.setPen(QPen(QColor(style.grid), 0.2 * style.px_per_mm))
        painter.drawLine(QPointF(frame.area.left(), y), QPointF(frame.area.right(), y))
        painter.setPen(QColor(style.muted))
        text = style.number_format(value)
        width = metrics.horizontalAdvance(text)
        box = QRectF(
            frame.area.left() - width - 1.5 * style.px_per_mm,
            y - metrics.height() / 2,
            width,
            metrics.height(),
        )
        _label(painter, box, text, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    painter.setPen(QPen(QColor(style.muted), 0.3 * style.px_per_mm))
    painter.drawLine(frame.area.bottomLeft(), frame.area.topLeft())
    painter.drawLine(frame.area.bottomLeft(), frame.area.bottomRight())


def draw_line_chart(painter: QPainter, rect: QRectF, chart: LineChart, style: ChartStyle) -> None:
    """Paint ``chart`` inside ``rect`` (device units of ``painter``)."""
    painter.save()
    legend = [(series.label, series.color, False) for series in chart.series if series.label]
    top = _header(painter, rect, chart.title, legend, style)
    xs = [x for series in chart.series for x, _ in series.points]
    ys = [y for series in chart.series for _, y in series.points] + [guide.y for guide in chart.guides]
    y_ticks = nice_ticks(min(ys, default=0.0), max(ys, default=1.0))
    x_ticks = nice_ticks(min(xs, default=0.0), max(xs, default=1.0), 6)
    area = _frame(painter, rect, top, style, y_ticks, chart.x_label, chart.y_label)
    frame = _Frame(area, x_ticks[0], x_ticks[-1], y_ticks[0], y_ticks[-1], x_ticks, y_ticks)
    _y_axis(painter, frame, style)
    font = _font(style)
    metrics = QFontMetricsF(font, painter.device())
    painter.setFont(font)
    painter.setPen(QColor(style.muted))
    for value in frame.x_ticks:
        x = frame.x(value)
        text = style.number_format(value)
        width = metrics.horizontalAdvance(text) + 2
        box = QRectF(x - width / 2, area.bottom() + 0.8 * style.px_per_mm, width, metrics.lineSpacing())
        _label(painter, box, text, _CENTRED)
    painter.setClipRect(area.adjusted(-2, -2, 2, 2))
    for guide in chart.guides:
        pen = QPen(QColor(guide.color), 0.3 * style.px_per_mm, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        y = frame.y(guide.y)
        painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
        if guide.label:
            painter.setPen(QColor(guide.color))
            width = metrics.horizontalAdvance(guide.label) + 2
            box = QRectF(area.right() - width, y - metrics.lineSpacing(), width, metrics.lineSpacing())
            _label(painter, box, guide.label, Qt.AlignmentFlag.AlignRight)
    for series in chart.series:
        if not series.points:
            continue
        path = QPainterPath(QPointF(frame.x(series.points[0][0]), frame.y(series.points[0][1])))
        previous_y = series.points[0][1]
        for x_value, y_value in series.points[1:]:
            if series.step:
                path.lineTo(QPointF(frame.x(x_value), frame.y(previous_y)))
            path.lineTo(QPointF(frame.x(x_value), frame.y(y_value)))
            previous_y = y_value
        painter.setPen(QPen(QColor(series.color), 0.45 * style.px_per_mm))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        if series.markers:
            radius = 0.6 * style.px_per_mm
            painter.setBrush(QBrush(QColor(series.color)))
            for x_value, y_value in series.points:
                painter.drawEllipse(QPointF(frame.x(x_value), frame.y(y_value)), radius, radius)
    painter.restore()


def draw_bar_chart(painter: QPainter, rect: QRectF, chart: BarChart, style: ChartStyle) -> None:
    """Paint ``chart`` inside ``rect`` (device units of ``painter``)."""
    painter.save()
    legend = [(series.label, series.color, series.outline) for series in chart.series if series.label]
    top = _header(painter, rect, chart.title, legend, style)
    values = [v for series in chart.series for v in series.values]
    y_ticks = nice_ticks(0.0, max(values, default=0.0) or 1.0)
    area = _frame(painter, rect, top, style, y_ticks, chart.x_label, chart.y_label)
    count = max(len(chart.categories), 1)
    frame = _Frame(area, 0.0, float(count), 0.0, y_ticks[-1], [], y_ticks)
    _y_axis(painter, frame, style)
    slot = area.width() / count
    font = _font(style)
    metrics = QFontMetricsF(font, painter.device())
    painter.setFont(font)
    widest = max((metrics.horizontalAdvance(c) for c in chart.categories), default=0.0)
    every = max(1, math.ceil((widest + 1.5 * style.px_per_mm) / slot)) if slot > 0 else 1
    for index, category in enumerate(chart.categories):
        centre = area.left() + (index + 0.5) * slot
        n = len(chart.series)
        for position, series in enumerate(chart.series):
            width = slot * (0.8 - 0.35 * position / max(n - 1, 1))
            left = centre - width / 2
            value = series.values[index]
            top_y = frame.y(value)
            bar = QRectF(left, top_y, width, area.bottom() - top_y)
            if series.outline:
                painter.fillRect(bar, QColor(ACCENT_LIGHT))
                painter.setPen(QPen(QColor(series.color), 0.25 * style.px_per_mm))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(bar)
            else:
                painter.fillRect(bar, QColor(series.color))
        if index % every == 0:
            painter.setPen(QColor(style.muted))
            box = QRectF(
                centre - slot * every / 2,
                area.bottom() + 0.8 * style.px_per_mm,
                slot * every,
                metrics.lineSpacing(),
            )
            _label(painter, box, category, _CENTRED)
    painter.restore()

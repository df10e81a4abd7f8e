"""A small PDF writer on Qt's own PDF engine (QPdfWriter + QPainter, QtGui only: no widgets).

A4 portrait pages with a title block, headings, paragraphs, key/value blocks, tables that break across
pages and repeat their header, and charts (see ``pdf_charts``); every page gets a footer: a text on
the left (``"mesogun <version> — <generated at> UTC"`` by default) and ``"<n> / <total>"`` on the right.

It works in the command line (``ensure_gui_application()`` creates a QGuiApplication on the offscreen
platform when none exists) and on a worker thread of the desktop application. Lengths in the API are
millimetres (``_mm``), font sizes points (``_pt``), colours ``"#RRGGBB"`` strings. Texts are written as
given: the caller translates them.

Usage::

    ensure_gui_application()
    doc = PdfDocument("Certificat d'étalonnage", page_label=lambda n, total: f"Page {n} sur {total}")
    doc.title_block("Certificat d'étalonnage", subtitle="Pistolet SIM-0001")
    doc.heading("Mesures")
    doc.key_values([("Balance", "XS205"), ("Température", "21,3 °C")])
    doc.table([Column("Tir", 1, Align.RIGHT), Column("Masse (mg)", 2, Align.RIGHT)], rows)
    doc.chart(LineChart(...))
    doc.save(path)  # or doc.to_bytes()

Elements are laid out when they are added (``PdfDocument`` measures text with the PDF device's own
font metrics) and painted by ``to_bytes()``/``save()``, once the number of pages is known.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextLayout,
    QTextOption,
)

from mesogun import __version__
from mesogun.exports import pdf_charts, write_private
from mesogun.exports.pdf_charts import BarChart, ChartStyle, LineChart

FONT_FAMILY = "DejaVu Sans"
RESOLUTION_DPI = 600
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0

TEXT = "#1E2A33"
MUTED = "#5B6B78"
ACCENT = "#1D6FA5"
RULE = "#CBD3DA"
HEADER_FILL = "#E8EEF3"
ZEBRA_FILL = "#F6F8FA"
WARNING_FILL = "#FFF1D6"
ALERT_FILL = "#FBE3E3"
ALERT_TEXT = "#8E1B1B"

_app: QGuiApplication | None = None


def ensure_gui_application() -> QGuiApplication:
    """The running QGuiApplication, or a new one on the offscreen platform (command line, tests).

    The offscreen platform is chosen unless ``QT_QPA_PLATFORM`` says otherwise: writing a PDF needs
    fonts, not a display. A QCoreApplication without a GUI is refused (it cannot lay out text).
    """
    global _app
    existing = QCoreApplication.instance()
    if existing is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # A QApplication, not a bare QGuiApplication: Qt allows one application object per process, and a
        # process that writes a report first may show widgets later (the app, a test run).
        from PySide6.QtWidgets import QApplication

        _app = QApplication(["mesogun"])
        return _app
    if not isinstance(existing, QGuiApplication):
        raise RuntimeError("writing a PDF needs a QGuiApplication; this process has a QCoreApplication only")
    return existing


class Align(Enum):
    """Horizontal alignment of a table column."""

    LEFT = Qt.AlignmentFlag.AlignLeft
    RIGHT = Qt.AlignmentFlag.AlignRight
    CENTER = Qt.AlignmentFlag.AlignHCenter


class Tone(Enum):
    """How a table row stands out: normal, a warning (amber) or an alert (red)."""

    NORMAL = "normal"
    WARNING = "warning"
    ALERT = "alert"


@dataclass(frozen=True)
class Column:
    """A table column: its header, its share of the table's width (a relative weight), its alignment."""

    title: str
    weight: float = 1.0
    align: Align = Align.LEFT

    def __post_init__(self) -> None:
        if not self.weight > 0:
            raise ValueError(f"Column.weight: {self.weight} is not above 0")


@dataclass(frozen=True)
class TableRow:
    """One table row: its cell texts and its tone."""

    cells: Sequence[str]
    tone: Tone = Tone.NORMAL


@dataclass(frozen=True)
class Margins:
    """Page margins in mm; the footer sits inside the bottom margin."""

    left_mm: float = 16.0
    top_mm: float = 16.0
    right_mm: float = 16.0
    bottom_mm: float = 18.0


def default_footer(generated_at: datetime) -> str:
    """``"mesogun <version> — <YYYY-MM-DD HH:MM> UTC"`` for a document generated at ``generated_at``."""
    return f"mesogun {__version__} — {generated_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def _default_page_label(number: int, total: int) -> str:
    return f"{number} / {total}"


_Op = Callable[[QPainter], None]


@dataclass
class _Page:
    ops: list[_Op] = field(default_factory=list)


class PdfDocument:
    """A document being laid out; ``to_bytes()``/``save()`` paint it (once) and return or write the PDF.

    ``title`` is the PDF's metadata title; ``footer`` the left footer text (default
    ``default_footer(generated_at)``); ``page_label(n, total)`` the right footer text;
    ``generated_at`` (aware, default now) the time the footer and the metadata state.
    """

    def __init__(
        self,
        title: str,
        *,
        footer: str | None = None,
        page_label: Callable[[int, int], str] = _default_page_label,
        generated_at: datetime | None = None,
        margins: Margins | None = None,
        base_font_pt: float = 9.0,
    ) -> None:
        ensure_gui_application()
        self.generated_at = (generated_at or datetime.now(UTC)).astimezone(UTC)
        self.title = title
        self.footer = footer if footer is not None else default_footer(self.generated_at)
        self._page_label = page_label
        self._margins = margins or Margins()
        self._base_pt = base_font_pt
        self._buffer = QByteArray()
        self._device = QBuffer(self._buffer)
        self._device.open(QIODevice.OpenModeFlag.WriteOnly)
        self._writer = QPdfWriter(self._device)
        self._writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        self._writer.setPageOrientation(QPageLayout.Orientation.Portrait)
        self._writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
        self._writer.setResolution(RESOLUTION_DPI)
        self._writer.setTitle(title)
        self._writer.setCreator(f"mesogun {__version__}")
        self._px_per_mm = RESOLUTION_DPI / 25.4
        self._left = self.px(self._margins.left_mm)
        self._right = self.px(PAGE_WIDTH_MM - self._margins.right_mm)
        self._top = self.px(self._margins.top_mm)
        self._bottom = self.px(PAGE_HEIGHT_MM - self._margins.bottom_mm)
        self._pages: list[_Page] = [_Page()]
        self._y = self._top
        self._rendered: bytes | None = None

    # ------------------------------------------------------------------ geometry and fonts

    def px(self, mm: float) -> float:
        """Device units for a length in mm."""
        return mm * self._px_per_mm

    @property
    def content_width_mm(self) -> float:
        """Width between the left and right margins (mm)."""
        return PAGE_WIDTH_MM - self._margins.left_mm - self._margins.right_mm

    @property
    def page_count(self) -> int:
        """Pages laid out so far."""
        return len(self._pages)

    @property
    def remaining_mm(self) -> float:
        """Space left on the current page above the bottom margin (mm)."""
        return (self._bottom - self._y) / self._px_per_mm

    def font(self, size_pt: float | None = None, *, bold: bool = False) -> QFont:
        """The document's font (DejaVu Sans) at ``size_pt`` (default: the base size)."""
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(size_pt if size_pt is not None else self._base_pt)
        font.setBold(bold)
        # No ligatures: "fi" or "ff" must stay two letters for whoever copies an id or searches the text.
        font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
        return font

    def _metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self._writer)

    def wrap(self, text: str, font: QFont, width_px: float) -> list[str]:
        """``text`` broken into lines no wider than ``width_px`` (at word boundaries when possible)."""
        lines: list[str] = []
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        for paragraph in text.split("\n"):
            if not paragraph:
                lines.append("")
                continue
            layout = QTextLayout(paragraph, font, self._writer)
            layout.setTextOption(option)
            layout.beginLayout()
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(max(width_px, 1.0))
                start = line.textStart()
                lines.append(paragraph[start : start + line.textLength()].rstrip())
            layout.endLayout()
        return lines

    # ------------------------------------------------------------------ flow

    def _add(self, op: _Op) -> None:
        self._pages[-1].ops.append(op)

    def page_break(self) -> None:
        """Go on at the top of a new page."""
        self._pages.append(_Page())
        self._y = self._top

    def _ensure(self, height_px: float) -> None:
        """Start a new page unless ``height_px`` fits below the cursor (a taller block starts a page)."""
        if self._y + height_px > self._bottom and self._y > self._top:
            self.page_break()

    def spacer(self, height_mm: float) -> None:
        """Vertical space (mm); none at the top of a page."""
        if self._y > self._top:
            self._y = min(self._y + self.px(height_mm), self._bottom)

    # ------------------------------------------------------------------ text blocks

    def _text_op(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        text: str,
        font: QFont,
        color: str,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> _Op:
        def draw(painter: QPainter) -> None:
            painter.setFont(font)
            painter.setPen(QColor(color))
            painter.drawText(QRectF(x, y, w, h), int(align | Qt.AlignmentFlag.AlignTop), text)

        return draw

    def _rule_op(self, y: float, color: str = RULE, width_mm: float = 0.3) -> _Op:
        left, right, width_px = self._left, self._right, self.px(width_mm)

        def draw(painter: QPainter) -> None:
            painter.setPen(QPen(QColor(color), width_px))
            painter.drawLine(QPointF(left, y), QPointF(right, y))

        return draw

    def _lines(self, lines: Sequence[str], font: QFont, color: str, *, indent_px: float = 0.0) -> None:
        """Place wrapped lines one under the other, going on to new pages as needed."""
        spacing = self._metrics(font).lineSpacing()
        width = self._right - self._left - indent_px
        for line in lines:
            self._ensure(spacing)
            self._add(self._text_op(self._left + indent_px, self._y, width, spacing, line, font, color))
            self._y += spacing

    def title_block(self, title: str, subtitle: str | None = None, lines: Sequence[str] = ()) -> None:
        """The document's title (large, bold), an optional subtitle and lines of detail, then a rule."""
        width = self._right - self._left
        self._lines(self.wrap(title, self.font(16, bold=True), width), self.font(16, bold=True), TEXT)
        if subtitle:
            self._y += self.px(1)
            self._lines(self.wrap(subtitle, self.font(11), width), self.font(11), ACCENT)
        for line in lines:
            self._lines(self.wrap(line, self.font(), width), self.font(), MUTED)
        self._y += self.px(2)
        self._add(self._rule_op(self._y, ACCENT, 0.5))
        self._y += self.px(4)

    def heading(self, text: str, *, keep_with_next_mm: float = 20.0) -> None:
        """A section heading with a thin rule; moved to the next page unless ``keep_with_next_mm`` fit."""
        font = self.font(self._base_pt + 2.5, bold=True)
        spacing = self._metrics(font).lineSpacing()
        self.spacer(3)
        self._ensure(spacing + self.px(keep_with_next_mm))
        self._add(self._text_op(self._left, self._y, self._right - self._left, spacing, text, font, ACCENT))
        self._y += spacing + self.px(0.8)
        self._add(self._rule_op(self._y))
        self._y += self.px(2)

    def paragraph(
        self,
        text: str,
        *,
        size_pt: float | None = None,
        bold: bool = False,
        muted: bool = False,
        color: str | None = None,
    ) -> None:
        """Wrapped text; a long paragraph goes on over the next pages."""
        font = self.font(size_pt, bold=bold)
        chosen = color or (MUTED if muted else TEXT)
        self._lines(self.wrap(text, font, self._right - self._left), font, chosen)
        self._y += self.px(1.2)

    def key_values(self, pairs: Sequence[tuple[str, str]], *, key_width_mm: float = 48.0) -> None:
        """Labels (bold, muted) and their values side by side, one pair a line; values wrap."""
        key_font = self.font(bold=True)
        value_font = self.font()
        spacing = self._metrics(value_font).lineSpacing()
        key_w = self.px(key_width_mm)
        value_x = self._left + key_w + self.px(2)
        value_w = self._right - value_x
        for key, value in pairs:
            key_lines = self.wrap(key, key_font, key_w)
            value_lines = self.wrap(value, value_font, value_w) or [""]
            height = max(len(key_lines), len(value_lines)) * spacing
            self._ensure(height)
            y = self._y
            for i, line in enumerate(key_lines):
                self._add(self._text_op(self._left, y + i * spacing, key_w, spacing, line, key_font, MUTED))
            for i, line in enumerate(value_lines):
                self._add(self._text_op(value_x, y + i * spacing, value_w, spacing, line, value_font, TEXT))
            self._y += height + self.px(0.6)
        self._y += self.px(1.5)

    # ------------------------------------------------------------------ tables

    def table(
        self,
        columns: Sequence[Column],
        rows: Iterable[Sequence[str] | TableRow],
        *,
        font_pt: float | None = None,
        empty_text: str | None = None,
        zebra: bool = True,
    ) -> int:
        """A table filling the content width; rows wrap, break across pages, the header repeats.

        Each row must have one cell per column. ``empty_text`` is written instead of a table with no
        row (nothing at all when None). Returns the number of rows placed.
        """
        if not columns:
            raise ValueError("table: at least one column is required")
        size = font_pt if font_pt is not None else self._base_pt - 1.0
        body_font, header_font = self.font(size), self.font(size, bold=True)
        pad_x, pad_y = self.px(1.2), self.px(0.8)
        full_w = self._right - self._left
        widths = self._column_widths(columns, header_font, full_w, pad_x)
        lefts = [self._left + sum(widths[:i]) for i in range(len(columns))]
        body_spacing = self._metrics(body_font).lineSpacing()
        header_spacing = self._metrics(header_font).lineSpacing()
        header_lines = [
            self.wrap(c.title, header_font, w - 2 * pad_x) for c, w in zip(columns, widths, strict=True)
        ]
        header_h = max(len(lines) for lines in header_lines) * header_spacing + 2 * pad_y

        def place_header() -> None:
            y = self._y
            self._add(self._fill_op(self._left, y, full_w, header_h, HEADER_FILL))
            for index, lines in enumerate(header_lines):
                for i, line in enumerate(lines):
                    self._add(
                        self._text_op(
                            lefts[index] + pad_x,
                            y + pad_y + i * header_spacing,
                            widths[index] - 2 * pad_x,
                            header_spacing,
                            line,
                            header_font,
                            TEXT,
                            columns[index].align.value,
                        )
                    )
            self._y += header_h
            self._add(self._rule_op(self._y, MUTED, 0.3))

        count = 0
        header_on_page = -1
        for raw in rows:
            row = raw if isinstance(raw, TableRow) else TableRow(tuple(raw))
            if len(row.cells) != len(columns):
                raise ValueError(f"table row {count + 1}: {len(row.cells)} cells for {len(columns)} columns")
            cell_lines = [
                self.wrap(text, body_font, w - 2 * pad_x) or [""]
                for text, w in zip(row.cells, widths, strict=True)
            ]
            row_h = max(len(lines) for lines in cell_lines) * body_spacing + 2 * pad_y
            needs_header = header_on_page != len(self._pages)
            if not needs_header and self._y + row_h > self._bottom:
                self.page_break()
                needs_header = True
            if needs_header:
                self._ensure(header_h + row_h)
                place_header()
                header_on_page = len(self._pages)
            fill = {Tone.WARNING: WARNING_FILL, Tone.ALERT: ALERT_FILL}.get(row.tone)
            if fill is None and zebra and count % 2 == 1:
                fill = ZEBRA_FILL
            if fill is not None:
                self._add(self._fill_op(self._left, self._y, full_w, row_h, fill))
            color = ALERT_TEXT if row.tone is Tone.ALERT else TEXT
            for index, lines in enumerate(cell_lines):
                for i, line in enumerate(lines):
                    self._add(
                        self._text_op(
                            lefts[index] + pad_x,
                            self._y + pad_y + i * body_spacing,
                            widths[index] - 2 * pad_x,
                            body_spacing,
                            line,
                            body_font,
                            color,
                            columns[index].align.value,
                        )
                    )
            self._y += row_h
            count += 1
        if count:
            self._add(self._rule_op(self._y))
            self._y += self.px(2.5)
        elif empty_text is not None:
            self.paragraph(empty_text, muted=True)
        return count

    def _column_widths(
        self, columns: Sequence[Column], font: QFont, full_w: float, pad_x: float
    ) -> list[float]:
        """Widths by weight, each at least its header's longest word (headers never break inside a word)."""
        metrics = self._metrics(font)
        minimum = [
            max((metrics.horizontalAdvance(word) for word in c.title.split()), default=0.0) + 2 * pad_x + 1
            for c in columns
        ]
        fixed: set[int] = set()
        while True:
            free_w = full_w - sum(minimum[i] for i in fixed)
            free_weight = sum(c.weight for i, c in enumerate(columns) if i not in fixed) or 1.0
            widths = [
                minimum[i] if i in fixed else free_w * c.weight / free_weight for i, c in enumerate(columns)
            ]
            short = {i for i, w in enumerate(widths) if i not in fixed and w < minimum[i]}
            if not short:
                return widths
            fixed |= short

    def _fill_op(self, x: float, y: float, w: float, h: float, color: str) -> _Op:
        def draw(painter: QPainter) -> None:
            painter.fillRect(QRectF(x, y, w, h), QColor(color))

        return draw

    # ------------------------------------------------------------------ charts

    def chart(
        self, chart: LineChart | BarChart, *, height_mm: float = 62.0, style: ChartStyle | None = None
    ) -> None:
        """A line/step chart or a bar chart, the width of the page, ``height_mm`` high."""
        height = self.px(height_mm)
        self._ensure(height)
        rect = QRectF(self._left, self._y, self._right - self._left, height)
        chosen = style or ChartStyle(px_per_mm=self._px_per_mm, font_family=FONT_FAMILY)

        def draw(painter: QPainter) -> None:
            if isinstance(chart, LineChart):
                pdf_charts.draw_line_chart(painter, rect, chart, chosen)
            else:
                pdf_charts.draw_bar_chart(painter, rect, chart, chosen)

        self._add(draw)
        self._y += height + self.px(3)

    # ------------------------------------------------------------------ output

    def to_bytes(self) -> bytes:
        """Paint every page (footer with page numbers included) and return the PDF file's bytes."""
        if self._rendered is not None:
            return self._rendered
        painter = QPainter(self._writer)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            total = len(self._pages)
            for number, page in enumerate(self._pages, start=1):
                if number > 1:
                    self._writer.newPage()
                for op in page.ops:
                    op(painter)
                self._paint_footer(painter, number, total)
        finally:
            painter.end()
        self._device.close()
        self._rendered = bytes(self._buffer.data())
        return self._rendered

    def _paint_footer(self, painter: QPainter, number: int, total: int) -> None:
        font = self.font(7.5)
        spacing = self._metrics(font).lineSpacing()
        y = self._bottom + self.px(6)
        painter.setPen(QPen(QColor(RULE), self.px(0.3)))
        painter.drawLine(QPointF(self._left, y - self.px(1.5)), QPointF(self._right, y - self.px(1.5)))
        width = self._right - self._left
        self._text_op(self._left, y, width * 0.8, spacing, self.footer, font, MUTED)(painter)
        label = self._page_label(number, total)
        self._text_op(self._left, y, width, spacing, label, font, MUTED, Qt.AlignmentFlag.AlignRight)(painter)

    def save(self, path: Path | str, *, overwrite: bool = False) -> int:
        """Write the PDF to ``path`` (owner-only, atomically; an existing file only with ``overwrite``);
        returns the number of pages."""
        write_private(Path(path), self.to_bytes(), overwrite=overwrite)
        return len(self._pages)

"""Printed documents laid out by Qt: a QTextDocument built with a QTextCursor, printed with QPdfWriter.

A4 portrait pages; the caller adds a title block, headings, paragraphs, key/value blocks, tables and
charts (``pdf_charts``, painted as vectors into the place a paragraph keeps for them). Qt lays it all
out: words wrap, tables break across pages and repeat their header row
(``QTextTableFormat.setHeaderRowCount``). Each page is printed through a clip of the document, with
a running header (the title, from page 2) and a footer: a text on the left (by default
``"mesogun <version> — <generated at> UTC"``) and the page label (``"2 / 5"``) on the right. Text
stays text in the PDF: pdftotext reads it back.

Works in the command line (``ensure_gui_application()`` starts a QApplication on the offscreen
platform when none exists) and on a worker thread of the desktop application. Lengths in the API are
millimetres (``_mm``), font sizes points (``_pt``), colours ``"#RRGGBB"``. Texts are written as
given: the caller translates them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path

from PySide6 import QtGui
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QRectF,
    QSizeF,
    Qt,
    QUrl,
)
from PySide6.QtGui import QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextFormat, QTextLength

from mesogun import __version__
from mesogun.exports import pdf_charts, write_private
from mesogun.exports.pdf_charts import BarChart, ChartStyle, LineChart

FONT_FAMILY = "DejaVu Sans"
RESOLUTION_DPI = 600
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210.0, 297.0
MARGINS_MM = (16.0, 16.0, 16.0, 18.0)  # left, top, right, bottom: the header and footer sit in them

TEXT, MUTED, ACCENT, RULE = "#1E2A33", "#5B6B78", "#1D6FA5", "#CBD3DA"
HEADER_FILL, ZEBRA_FILL, WARNING_FILL, ALERT_FILL = "#E8EEF3", "#F6F8FA", "#FFF1D6", "#FBE3E3"
ALERT_TEXT = "#8E1B1B"
_FRAME_MARGINS = (
    QtGui.QTextFrameFormat.setLeftMargin,
    QtGui.QTextFrameFormat.setTopMargin,
    QtGui.QTextFrameFormat.setRightMargin,
    QtGui.QTextFrameFormat.setBottomMargin,
)
_FIXED_HEIGHT = QTextBlockFormat.LineHeightTypes.FixedHeight.value
_BLANK = QUrl("mesogun:chart-place")
_app: QtGui.QGuiApplication | None = None


def ensure_gui_application() -> QtGui.QGuiApplication:
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
    if not isinstance(existing, QtGui.QGuiApplication):
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


def default_footer(generated_at: datetime) -> str:
    """``"mesogun <version> — <YYYY-MM-DD HH:MM> UTC"`` for a document generated at ``generated_at``."""
    return f"mesogun {__version__} — {generated_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def px(mm: float) -> float:
    """Device units of the PDF for a length in mm."""
    return mm * RESOLUTION_DPI / 25.4


def _format_px(mm: float) -> float:
    """A length in mm in the units of Qt's text formats (pixels at 96 dpi, which Qt scales to the PDF's)."""
    return mm * 96.0 / 25.4


def font(size_pt: float, *, bold: bool = False) -> QFont:
    """The documents' font (DejaVu Sans) at ``size_pt``."""
    chosen = QFont(FONT_FAMILY)
    chosen.setPointSizeF(size_pt)
    chosen.setBold(bold)
    # No ligatures: "fi" or "ff" must stay two letters for whoever copies an id or searches the text.
    chosen.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    return chosen


class PdfDocument:
    """A document being built; ``to_bytes()``/``save()`` lay it out in pages and print it (once).

    ``title``: the PDF's metadata title and the running header of pages 2 and after; ``footer``: the
    left footer text (default ``default_footer(generated_at)``); ``page_label(n, total)``: the right
    footer text; ``generated_at`` (aware, default now): the time the footer and the metadata state.
    """

    def __init__(
        self,
        title: str,
        *,
        footer: str | None = None,
        page_label: Callable[[int, int], str] = lambda number, total: f"{number} / {total}",
        generated_at: datetime | None = None,
        base_font_pt: float = 9.0,
    ) -> None:
        ensure_gui_application()
        self.generated_at = (generated_at or datetime.now(UTC)).astimezone(UTC)
        self.title, self._page_label, self._base_pt = title, page_label, base_font_pt
        self.footer = footer if footer is not None else default_footer(self.generated_at)
        self._buffer = QByteArray()
        self._device = QBuffer(self._buffer)
        self._device.open(QIODevice.OpenModeFlag.WriteOnly)
        self._writer = QtGui.QPdfWriter(self._device)
        self._writer.setPageSize(QtGui.QPageSize(QtGui.QPageSize.PageSizeId.A4))
        self._writer.setPageMargins(QMarginsF(0, 0, 0, 0), QtGui.QPageLayout.Unit.Millimeter)
        self._writer.setResolution(RESOLUTION_DPI)
        self._writer.setTitle(title)
        self._writer.setCreator(f"mesogun {__version__}")
        self._doc = QtGui.QTextDocument()
        self._doc.setUndoRedoEnabled(False)
        # Laid out with the PDF's own metrics, on whole pages whose margins are the root frame's: Qt keeps
        # them on every page, so a line that goes on at the next page never prints into this page's margin.
        self._doc.documentLayout().setPaintDevice(self._writer)
        self._doc.setPageSize(QSizeF(px(PAGE_WIDTH_MM), px(PAGE_HEIGHT_MM)))
        self._doc.setDocumentMargin(0)
        frame = self._doc.rootFrame().frameFormat()
        for set_margin, mm in zip(_FRAME_MARGINS, MARGINS_MM, strict=True):
            set_margin(frame, _format_px(mm))
        self._doc.rootFrame().setFrameFormat(frame)
        self._doc.setDefaultFont(font(base_font_pt))
        option = QtGui.QTextOption()
        option.setWrapMode(QtGui.QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._doc.setDefaultTextOption(option)
        self._cursor = QtGui.QTextCursor(self._doc)
        self._cursor.beginEditBlock()  # one edit for the whole build: Qt lays out once, when printing
        self._first_block = True
        self._break_before = False
        self._space_before = 0.0  # in format units, for the next paragraph or table
        self._headings: list[tuple[int, float]] = []  # (block number, mm to keep below it)
        self._tables: list[tuple[QtGui.QTextTable, int]] = []  # (table, its header rows)
        self._charts: list[tuple[int, float, LineChart | BarChart, ChartStyle]] = []  # (block, height)
        self._rendered: bytes | None = None
        self._pages = 0

    @property
    def content_width_mm(self) -> float:
        """Width between the left and right margins (mm)."""
        return PAGE_WIDTH_MM - MARGINS_MM[0] - MARGINS_MM[2]

    # ------------------------------------------------------------------ flow

    def _chars(
        self, size_pt: float | None = None, *, bold: bool = False, color: str = TEXT
    ) -> QTextCharFormat:
        chars = QTextCharFormat()
        chars.setFont(font(size_pt or self._base_pt, bold=bold))
        chars.setForeground(QColor(color))
        return chars

    def _block(self, chars: QTextCharFormat, *, after_mm: float = 0.0, height_mm: float = 0.0) -> None:
        """Start a paragraph (with the pending page break and space, ``height_mm`` high if given)."""
        block = QTextBlockFormat()
        block.setTopMargin(self._space_before)
        block.setBottomMargin(_format_px(after_mm))
        if height_mm:
            block.setLineHeight(_format_px(height_mm), _FIXED_HEIGHT)
        if self._break_before:
            block.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        if self._first_block:
            self._cursor.setBlockFormat(block)
            self._cursor.setBlockCharFormat(chars)
            self._cursor.setCharFormat(chars)
        else:
            self._cursor.insertBlock(block, chars)
        self._first_block = self._break_before = False
        self._space_before = 0.0

    def _text(self, text: str, chars: QTextCharFormat, *, after_mm: float = 0.0) -> None:
        self._block(chars, after_mm=after_mm)
        self._cursor.insertText(text)

    def _rule(self, color: str = RULE, width_mm: float = 0.3, after_mm: float = 2.0) -> None:
        """A horizontal line across the text width (an empty paragraph with a trailing ruler)."""
        self._block(self._chars(1.0), after_mm=after_mm, height_mm=width_mm)
        block = self._cursor.blockFormat()
        block.setProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth, QTextLength())
        block.setProperty(QTextFormat.Property.BackgroundBrush, QColor(color))
        self._cursor.setBlockFormat(block)

    def page_break(self) -> None:
        """Go on at the top of a new page."""
        self._break_before = True

    def spacer(self, height_mm: float) -> None:
        """Vertical space (mm) before what comes next."""
        self._space_before += _format_px(height_mm)

    # ------------------------------------------------------------------ text blocks

    def title_block(self, title: str, subtitle: str | None = None, lines: Sequence[str] = ()) -> None:
        """The document's title (large, bold), an optional subtitle and lines of detail, then a rule."""
        self._text(title, self._chars(16, bold=True), after_mm=1)
        if subtitle:
            self._text(subtitle, self._chars(11, color=ACCENT))
        for line in lines:
            self._text(line, self._chars(color=MUTED))
        self.spacer(2)
        self._rule(ACCENT, 0.5, after_mm=4)

    def heading(self, text: str, *, keep_with_next_mm: float = 20.0) -> None:
        """A section heading with a thin rule; moved to the next page unless ``keep_with_next_mm`` fit."""
        self.spacer(3)
        self._text(text, self._chars(self._base_pt + 2.5, bold=True, color=ACCENT), after_mm=0.8)
        self._headings.append((self._cursor.blockNumber(), keep_with_next_mm))
        self._rule()

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
        self._text(
            text, self._chars(size_pt, bold=bold, color=color or (MUTED if muted else TEXT)), after_mm=1.2
        )

    def key_values(self, pairs: Sequence[tuple[str, str]], *, key_width_mm: float = 48.0) -> None:
        """Labels (bold, muted) and their values side by side, one pair a line; values wrap."""
        key_share = (key_width_mm + 2) / self.content_width_mm
        chars = [self._chars(bold=True, color=MUTED), self._chars()]
        rows = [(pair, None, None) for pair in pairs]
        self._table(
            rows, [key_share, 1 - key_share], [Align.LEFT, Align.LEFT], chars, padding_mm=0.3, after_mm=1.5
        )

    def signature(self, labels: Sequence[str], *, lines: int = 4) -> None:
        """Places to sign or date side by side: each label (bold, muted) above ``lines`` blank lines and a
        dotted line to write on."""
        count = len(labels)
        blank = "\n" * lines + "." * 48
        rows = [(list(labels), None, None), ([blank] * count, None, None)]
        chars = [self._chars(color=MUTED)] * count
        header = self._chars(bold=True, color=MUTED)
        self._table(rows, [1 / count] * count, [Align.LEFT] * count, chars, header=header, after_mm=2)

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
        body: list[tuple[Sequence[str], str | None, str | None]] = []  # (cells, fill, text colour)
        for number, raw in enumerate(rows, start=1):
            row = raw if isinstance(raw, TableRow) else TableRow(tuple(raw))
            if len(row.cells) != len(columns):
                raise ValueError(f"table row {number}: {len(row.cells)} cells for {len(columns)} columns")
            fill = {Tone.WARNING: WARNING_FILL, Tone.ALERT: ALERT_FILL}.get(row.tone)
            fill = fill or (ZEBRA_FILL if zebra and number % 2 == 0 else None)
            body.append((row.cells, fill, ALERT_TEXT if row.tone is Tone.ALERT else None))
        if not body:
            if empty_text is not None:
                self.paragraph(empty_text, muted=True)
            return 0
        size = font_pt or self._base_pt - 1.0
        shares = self._column_shares(columns, font(size, bold=True))
        header = ([c.title for c in columns], HEADER_FILL, None)
        chars = [self._chars(size)] * len(columns)
        self._table(
            [header, *body], shares, [c.align for c in columns], chars, header=self._chars(size, bold=True)
        )
        return len(body)

    def _table(
        self,
        rows: Sequence[tuple[Sequence[str], str | None, str | None]],
        shares: Sequence[float],
        aligns: Sequence[Align],
        chars: Sequence[QTextCharFormat],
        *,
        header: QTextCharFormat | None = None,
        padding_mm: float = 0.8,
        after_mm: float = 2.5,
    ) -> None:
        """Insert ``rows`` (cells, fill, text colour) as a table; the first row in ``header`` repeats."""
        table_format = QtGui.QTextTableFormat()
        table_format.setHeaderRowCount(1 if header is not None else 0)  # Qt repeats it on every page
        table_format.setBorder(0)
        table_format.setCellSpacing(0)
        table_format.setCellPadding(_format_px(padding_mm))
        table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        table_format.setColumnWidthConstraints(
            [QTextLength(QTextLength.Type.PercentageLength, 100.0 * share) for share in shares]
        )
        table_format.setTopMargin(self._space_before)
        if self._break_before:
            table_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        self._break_before, self._space_before, self._first_block = False, 0.0, False
        table = self._cursor.insertTable(len(rows), len(aligns), table_format)
        self._tables.append((table, table_format.headerRowCount()))
        for r, (cells, fill, color) in enumerate(rows):
            for c, text in enumerate(cells):
                cell = table.cellAt(r, c)
                if fill:
                    cell_format = QtGui.QTextTableCellFormat()
                    cell_format.setBackground(QColor(fill))
                    cell.setFormat(cell_format)
                written = QTextCharFormat(header if header is not None and r == 0 else chars[c])
                if color:
                    written.setForeground(QColor(color))
                cursor = cell.firstCursorPosition()
                block = QTextBlockFormat()
                block.setAlignment(aligns[c].value)
                cursor.setBlockFormat(block)
                cursor.insertText(text, written)
        # Nothing is written into the paragraph Qt keeps after a table: Qt lays it out beside the table.
        self._cursor.movePosition(QtGui.QTextCursor.MoveOperation.End)
        self.spacer(after_mm)

    def _column_shares(self, columns: Sequence[Column], header_font: QFont) -> list[float]:
        """Shares of the width by weight, each at least its header's longest word (never cut in a word)."""
        metrics = QtGui.QFontMetricsF(header_font, self._writer)
        full = px(self.content_width_mm)
        minimum = [
            max((metrics.horizontalAdvance(w) for w in c.title.split()), default=0.0) + px(1.8)
            for c in columns
        ]
        fixed: set[int] = set()
        while True:
            free = full - sum(minimum[i] for i in fixed)
            weight = sum(c.weight for i, c in enumerate(columns) if i not in fixed) or 1.0
            widths = [minimum[i] if i in fixed else free * c.weight / weight for i, c in enumerate(columns)]
            short = {i for i, w in enumerate(widths) if i not in fixed and w < minimum[i]}
            if not short:
                return [w / full for w in widths]
            fixed |= short

    # ------------------------------------------------------------------ charts

    def chart(
        self,
        chart: LineChart | BarChart,
        *,
        height_mm: float = 62.0,
        number_format: Callable[[float], str] = lambda value: f"{value:g}",
    ) -> None:
        """A line/step chart or a bar chart, the width of the page, ``height_mm`` high; ``number_format``
        writes the tick values (the document's language: a French one passes a decimal comma)."""
        # A blank image of the chart's size keeps its place in the text (Qt moves it to the next page
        # whole when it does not fit); the chart is painted over it, as vectors, when its page is printed.
        self._block(self._chars(1.0), after_mm=3)
        if not self._charts:
            blank = QtGui.QImage(1, 1, QtGui.QImage.Format.Format_ARGB32)
            blank.fill(Qt.GlobalColor.transparent)
            self._doc.addResource(QtGui.QTextDocument.ResourceType.ImageResource, _BLANK, blank)
        image = QtGui.QTextImageFormat()
        image.setName(_BLANK.toString())
        image.setWidth(_format_px(self.content_width_mm) - 1)
        image.setHeight(_format_px(height_mm))
        self._cursor.insertImage(image)
        style = ChartStyle(px_per_mm=px(1.0), font_family=FONT_FAMILY, number_format=number_format)
        self._charts.append((self._cursor.blockNumber(), px(height_mm), chart, style))

    def _paint_charts(self, painter: QtGui.QPainter, page: QRectF) -> None:
        """Paint the charts whose place lies on ``page`` (document coordinates)."""
        for number, height, chart, style in self._charts:
            layout = self._doc.findBlockByNumber(number).layout()
            top = layout.position().y() + layout.lineAt(0).y()
            if page.top() <= top < page.bottom():
                rect = QRectF(px(MARGINS_MM[0]), top, px(self.content_width_mm) - 1, height)
                draw = (
                    pdf_charts.draw_line_chart if isinstance(chart, LineChart) else pdf_charts.draw_bar_chart
                )
                draw(painter, rect, chart, style)  # type: ignore[arg-type]  # the function of its kind

    # ------------------------------------------------------------------ output

    def _keep_headings_with_next(self) -> None:
        """Move to the next page each heading that would stand too close to the bottom of its page."""
        layout, page_h = self._doc.documentLayout(), px(PAGE_HEIGHT_MM)
        for number, keep_mm in self._headings:
            block = self._doc.findBlockByNumber(number)
            on_page = layout.blockBoundingRect(block).top() % page_h - px(MARGINS_MM[1])
            if on_page > 1 and on_page + px(keep_mm + 8 + MARGINS_MM[3]) > page_h:
                cursor = QtGui.QTextCursor(block)
                moved = cursor.blockFormat()
                moved.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                moved.setTopMargin(0)
                cursor.setBlockFormat(moved)

    def _keep_rows_together(self) -> None:
        """Move to the next page each table row Qt would split across two (a row reads as one line).

        Qt breaks a table between the lines of a cell; a row that would straddle a page boundary gets
        a top padding that takes it below the page's last line, so Qt sets it after the repeated header.
        """
        layout, page_h = self._doc.documentLayout(), px(PAGE_HEIGHT_MM)
        for table, header_rows in self._tables:
            for row in range(header_rows, table.rows()):
                cells = [table.cellAt(row, column) for column in range(table.columns())]
                top = min(layout.blockBoundingRect(c.firstCursorPosition().block()).top() for c in cells)
                bottom = max(layout.blockBoundingRect(c.lastCursorPosition().block()).bottom() for c in cells)
                if top // page_h == bottom // page_h:
                    continue
                pad = (top // page_h + 1) * page_h - px(MARGINS_MM[3]) - top + 1
                for cell in cells:
                    cell_format = cell.format().toTableCellFormat()
                    cell_format.setTopPadding(cell_format.topPadding() + pad * 96.0 / RESOLUTION_DPI)
                    cell.setFormat(cell_format)

    def to_bytes(self) -> bytes:
        """Lay out and print every page (header and footer with page numbers) and return the PDF's bytes."""
        if self._rendered is not None:
            return self._rendered
        self._cursor.endEditBlock()
        self._keep_headings_with_next()
        self._keep_rows_together()
        layout, page_h, total = self._doc.documentLayout(), px(PAGE_HEIGHT_MM), self._doc.pageCount()
        painter = QtGui.QPainter(self._writer)
        try:
            painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
            for index in range(total):
                if index:
                    self._writer.newPage()
                painter.save()
                painter.translate(0, -index * page_h)
                context = QtGui.QAbstractTextDocumentLayout.PaintContext()
                context.clip = QRectF(0, index * page_h, px(PAGE_WIDTH_MM), page_h)
                painter.setClipRect(context.clip)
                layout.draw(painter, context)
                self._paint_charts(painter, context.clip)
                painter.restore()
                self._paint_margins(painter, index + 1, total)
        finally:
            painter.end()
        self._device.close()
        self._pages = total
        self._rendered = bytes(self._buffer.data())
        return self._rendered

    def _paint_margins(self, painter: QtGui.QPainter, number: int, total: int) -> None:
        """The running header (from page 2) and the footer: a rule, the footer text, the page label."""
        painter.setFont(font(7.5))
        painter.setPen(QColor(MUTED))
        left, width, line = px(MARGINS_MM[0]), px(self.content_width_mm), px(4)
        if number > 1:
            header = QRectF(left, px(MARGINS_MM[1] - 8), width, line)
            painter.drawText(header, int(Qt.AlignmentFlag.AlignLeft), self.title)
        y = px(PAGE_HEIGHT_MM - MARGINS_MM[3] + 6)
        painter.fillRect(QRectF(left, y - px(1.5), width, px(0.3)), QColor(RULE))
        painter.drawText(QRectF(left, y, width * 0.8, line), int(Qt.AlignmentFlag.AlignLeft), self.footer)
        label = self._page_label(number, total)
        painter.drawText(QRectF(left, y, width, line), int(Qt.AlignmentFlag.AlignRight), label)

    def save(self, path: Path | str, *, overwrite: bool = False) -> int:
        """Write the PDF to ``path`` (owner-only, atomically; an existing file only with ``overwrite``);
        returns the number of pages."""
        write_private(Path(path), self.to_bytes(), overwrite=overwrite)
        return self._pages

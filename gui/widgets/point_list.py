"""The session's points as a list with their progress: to do, current, done, partial, skipped.

One row per plan point: number, point (label, code and site), depth (mm), volume per shot (µl), what
the journal shows delivered against the target, and the status in words and colour (the technique of
the current point is on its card). The
current row is bold and kept in view.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from gui import style
from gui.formatting import number
from gui.session_texts import point_short, point_status_text, point_title
from mesogun.models import PlanPoint
from mesogun.session import PointProgress, PointStatus

_STATUS_COLOURS = {
    PointStatus.TODO: style.TEXT_MUTED,
    PointStatus.CURRENT: style.ACCENT,
    PointStatus.DONE: style.POINT_DONE,
    PointStatus.PARTIAL: style.POINT_PARTIAL,
    PointStatus.SKIPPED: style.POINT_SKIPPED,
}
_NUMERIC = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
STATUS_COLUMN = 5


def progress_text(point: PlanPoint, progress: PointProgress) -> str:
    """Delivered against the target: '1/2' shots, or '120/200 µl'."""
    if point.target_shots is not None:
        return f"{progress.shots}/{point.target_shots}"
    return f"{number(progress.delivered_ul, 0)}/{number(point.target_volume_ul or 0.0, 0)} µl"


class PointList(QTableWidget):
    """The plan's points with their status; ``set_points`` then ``show_progress`` per snapshot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.setObjectName("pointList")
        self.setHorizontalHeaderLabels(
            [
                self.tr("#"),
                self.tr("Point"),
                self.tr("Depth"),
                self.tr("Volume"),
                self.tr("Done"),
                self.tr("Status"),
            ]
        )
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._points: list[PlanPoint] = []
        self._statuses: list[PointStatus] = []

    def set_points(self, points: Sequence[PlanPoint]) -> None:
        """One row per point, every point to do."""
        self._points = list(points)
        self._statuses = [PointStatus.TODO] * len(points)
        self.setRowCount(len(points))
        for row, point in enumerate(points):
            cells = [
                str(point.index + 1),
                point_short(point),
                self.tr("{depth} mm").format(depth=number(point.depth_mm, 1)),
                self.tr("{volume} µl").format(volume=number(point.volume_per_shot_ul, 0)),
                "",
                "",
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (0, 2, 3, 4):
                    item.setTextAlignment(_NUMERIC)
                if column == 1:
                    item.setToolTip(point_title(point))
                self.setItem(row, column, item)

    def show_progress(self, progress: Sequence[PointProgress]) -> None:
        """Show each point's status and delivery (a snapshot's ``points``)."""
        for entry in progress:
            row = entry.index
            if not 0 <= row < len(self._points):
                continue
            self._statuses[row] = entry.status
            done = self.item(row, 4)
            status = self.item(row, STATUS_COLUMN)
            if done is None or status is None:
                continue
            done.setText(progress_text(self._points[row], entry))
            text = point_status_text(entry.status)
            if entry.repeated:
                text = self.tr("{status} (repeated)").format(status=text)
            status.setText(text)
            status.setForeground(QBrush(QColor(_STATUS_COLOURS[entry.status])))
            current = entry.status is PointStatus.CURRENT
            for column in range(self.columnCount()):
                item = self.item(row, column)
                if item is None:
                    continue
                font = QFont(item.font())
                font.setBold(current)
                item.setFont(font)
                item.setBackground(QBrush(QColor(style.ACCENT_LIGHT if current else style.SURFACE)))
            if current:
                first = self.item(row, 0)
                if first is not None:
                    self.scrollToItem(first, QAbstractItemView.ScrollHint.EnsureVisible)

    def status_of(self, index: int) -> PointStatus:
        """The status shown for point ``index``."""
        return self._statuses[index]

    def status_text(self, index: int) -> str:
        """The status text shown for point ``index``."""
        item = self.item(index, STATUS_COLUMN)
        return item.text() if item is not None else ""

"""The shots the gun reported, newest first, with a running count and delivered total.

Fed with ``Shot`` events; an event number already shown is ignored (the gun re-sends events until they
are acknowledged, and a reconnect replays them).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.device_texts import result_text
from gui.formatting import local_time, number
from mesogun.device_events import Shot

MAX_ROWS = 500


class ShotTable(QWidget):
    """Count, delivered total and a table of the latest shots (at most ``MAX_ROWS`` rows)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._seen: set[int] = set()
        self._delivered_ul = 0.0
        self.summary = QLabel(self)
        self.summary.setProperty("heading", True)
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Time"),
                self.tr("Depth (mm)"),
                self.tr("Volume (µl)"),
                self.tr("Commanded (µl)"),
                self.tr("Result"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (0, 1):  # event number and time: as narrow as their contents
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self._update_summary()

    @property
    def shot_count(self) -> int:
        """Distinct shots received."""
        return len(self._seen)

    @property
    def delivered_ul(self) -> float:
        """Sum of the delivered volumes of the shots received, µl."""
        return self._delivered_ul

    def clear(self) -> None:
        """Forget every shot."""
        self._seen.clear()
        self._delivered_ul = 0.0
        self.table.setRowCount(0)
        self._update_summary()

    def add_shot(self, shot: Shot) -> None:
        """Show ``shot`` at the top (ignored if its event number is already shown)."""
        if shot.event_number in self._seen:
            return
        self._seen.add(shot.event_number)
        self._delivered_ul += shot.delivered_volume_ul
        self.table.insertRow(0)
        cells = (
            str(shot.event_number),
            local_time(shot.device_time),
            number(shot.measured_depth_mm, 1),
            number(shot.delivered_volume_ul, 1),
            number(shot.commanded_volume_ul, 1),
            result_text(shot.result),
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column != len(cells) - 1:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(0, column, item)
        if self.table.rowCount() > MAX_ROWS:
            self.table.removeRow(self.table.rowCount() - 1)
        self._update_summary()

    def _update_summary(self) -> None:
        self.summary.setText(
            self.tr("Shots: {count} — delivered: {volume} µl").format(
                count=self.shot_count, volume=number(self._delivered_ul, 1)
            )
        )

"""The sessions of the journal, one row each: start, patient, practitioner, plan, status, doses, volume.

Selecting a row tells which session the history screen's buttons act on; a double click (or Enter)
opens it. Volumes in µl; times in local time.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.formatting import number
from gui.widgets.dose_table import moment_text, status_text
from gui.widgets.table_fill import bulk_fill
from mesogun.journal.records import SessionSummary

_ID_ROLE = Qt.ItemDataRole.UserRole


class _Table(QTableWidget):
    enter_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit()
            return
        super().keyPressEvent(event)


class SessionTable(QWidget):
    """A list of sessions; ``selection_changed(id or "")``, ``activated(id)`` on double click or Enter."""

    selection_changed = Signal(str)
    activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sessions: list[SessionSummary] = []
        self.table = _Table(0, 8, self)
        self.table.setObjectName("sessionTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Started"),
                self.tr("Patient"),
                self.tr("Practitioner"),
                self.tr("Plan"),
                self.tr("Indication"),
                self.tr("Status"),
                self.tr("Doses"),
                self.tr("Delivered (µl)"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(lambda: self.selection_changed.emit(self.selected_id() or ""))
        self.table.itemDoubleClicked.connect(lambda item: self._activate(item.row()))
        self.table.enter_pressed.connect(lambda: self._activate(self.table.currentRow()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    @property
    def sessions(self) -> list[SessionSummary]:
        """The sessions shown, in the order shown (newest first)."""
        return list(self._sessions)

    def set_sessions(self, sessions: Sequence[SessionSummary]) -> None:
        """Show ``sessions`` newest first; the selected session stays selected if it is still shown."""
        kept = self.selected_id()
        self._sessions = sorted(sessions, key=lambda s: s.started_at, reverse=True)
        self.table.blockSignals(True)
        try:
            with bulk_fill(self.table):
                self.table.clearSelection()
                self.table.setRowCount(len(self._sessions))
                for row, summary in enumerate(self._sessions):
                    cells = (
                        moment_text(summary.started_at),
                        summary.patient_pseudonym,
                        summary.practitioner,
                        summary.plan_name or "—",
                        summary.indication,
                        status_text(summary.status.value),
                        str(summary.dose_count),
                        number(summary.delivered_ul, 1),
                    )
                    for column, text in enumerate(cells):
                        item = QTableWidgetItem(text)
                        item.setData(_ID_ROLE, summary.session_id)
                        if column >= 6:
                            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                        self.table.setItem(row, column, item)
                    if summary.session_id == kept:
                        self.table.selectRow(row)
        finally:
            self.table.blockSignals(False)
        self.selection_changed.emit(self.selected_id() or "")

    def selected_id(self) -> str | None:
        """The id of the selected session, or None."""
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if not rows:
            return None
        item = self.table.item(min(rows), 0)
        return str(item.data(_ID_ROLE)) if item is not None else None

    def select(self, session_id: str) -> bool:
        """Select the row of ``session_id``; False when it is not shown."""
        for row, summary in enumerate(self._sessions):
            if summary.session_id == session_id:
                self.table.selectRow(row)
                return True
        return False

    def _activate(self, row: int) -> None:
        if 0 <= row < len(self._sessions):
            self.activated.emit(self._sessions[row].session_id)

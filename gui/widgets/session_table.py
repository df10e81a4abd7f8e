"""The sessions of the journal, one row each: start, patient, practitioner, plan, status, doses, volume.

A model over the list of sessions and a view that asks only for the rows it shows, so that ten
thousand sessions cost a keystroke in the search box no more than a screenful of cells; rows are
handed to the view in pages as it scrolls (``fetchMore``). Selecting a row tells which session the
history screen's buttons act on; a double click (or Enter) opens it. Volumes in µl; times in local time.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from gui.formatting import number
from gui.widgets.dose_table import moment_text, status_text
from mesogun.journal.records import SessionSummary

#: Rows handed to the view at a time as it scrolls.
FETCH_ROWS = 256
#: Rows measured to size the columns (the widest of a screenful is wide enough).
SIZE_SAMPLE_ROWS = 50

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
AnyIndex = QModelIndex | QPersistentModelIndex
# The roles as plain numbers: the view asks a dozen roles of every cell it paints, and comparing
# numbers is what keeps a repaint of the table within a frame.
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_ID = Qt.ItemDataRole.UserRole.value
_COLUMNS = 8


class SessionTableModel(QAbstractTableModel):
    """Sessions as rows; the cells' texts are made when the view asks for them."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._sessions: list[SessionSummary] = []
        self._fetched = 0
        self._cells: dict[int, tuple[str, ...]] = {}  # the texts of the rows painted so far

    @property
    def sessions(self) -> list[SessionSummary]:
        return self._sessions

    def set_sessions(self, sessions: list[SessionSummary]) -> None:
        self.beginResetModel()
        self._sessions = sessions
        self._cells = {}
        self._fetched = min(FETCH_ROWS, len(sessions))
        self.endResetModel()

    def fetch_through(self, row: int) -> None:
        """Hand the view every row up to ``row`` (to select a row not yet shown)."""
        if row >= self._fetched:
            self.beginInsertRows(QModelIndex(), self._fetched, row)
            self._fetched = row + 1
            self.endInsertRows()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else self._fetched

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMNS

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and self._fetched < len(self._sessions)

    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid():
            return
        self.fetch_through(min(len(self._sessions), self._fetched + FETCH_ROWS) - 1)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> object:
        if role == _DISPLAY:
            row = index.row()
            cells = self._cells.get(row)
            if cells is None:
                cells = self._cells[row] = _row_texts(self._sessions[row])
            return cells[index.column()]
        if role == _ALIGNMENT:
            return _RIGHT if index.column() >= 6 else None
        if role == _ID:
            return self._sessions[index.row()].session_id
        return None


def _row_texts(summary: SessionSummary) -> tuple[str, ...]:
    return (
        moment_text(summary.started_at),
        summary.patient_pseudonym,
        summary.practitioner,
        summary.plan_name or "—",
        summary.indication,
        status_text(summary.status.value),
        str(summary.dose_count),
        number(summary.delivered_ul, 1),
    )


class _View(QTableView):
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
        self.model = SessionTableModel(
            [
                self.tr("Started"),
                self.tr("Patient"),
                self.tr("Practitioner"),
                self.tr("Plan"),
                self.tr("Indication"),
                self.tr("Status"),
                self.tr("Doses"),
                self.tr("Delivered (µl)"),
            ],
            self,
        )
        self.table = _View(self)
        self.table.setObjectName("sessionTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        # One height for every row: the view lays out ten thousand rows without measuring them.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.selection_changed.emit(self.selected_id() or "")
        )
        self.table.doubleClicked.connect(lambda index: self._activate(index.row()))
        self.table.enter_pressed.connect(lambda: self._activate(self.table.currentIndex().row()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self._sized = False

    @property
    def sessions(self) -> list[SessionSummary]:
        """The sessions shown, in the order shown (newest first)."""
        return list(self.model.sessions)

    def set_sessions(self, sessions: Sequence[SessionSummary]) -> None:
        """Show ``sessions`` newest first; the selected session stays selected if it is still shown."""
        kept = self.selected_id()
        ordered = sorted(sessions, key=lambda s: s.started_at, reverse=True)
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        try:
            self.model.set_sessions(ordered)
            if kept is not None:
                self.select(kept)
        finally:
            selection.blockSignals(False)
        if not self._sized and ordered:
            self._size_columns()
        self.selection_changed.emit(self.selected_id() or "")

    def selected_id(self) -> str | None:
        """The id of the selected session, or None."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.sessions[min(index.row() for index in rows)].session_id

    def select(self, session_id: str) -> bool:
        """Select the row of ``session_id``; False when it is not shown."""
        row = next((r for r, s in enumerate(self.model.sessions) if s.session_id == session_id), None)
        if row is None:
            return False
        self.model.fetch_through(row)
        index = self.model.index(row, 0)
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.setCurrentIndex(index)
        return True

    def _size_columns(self) -> None:
        # Sized once, from a screenful of rows: measuring every row of a long journal would hold the
        # GUI thread for as long as the journal is big.
        self._sized = True
        for column in range(self.model.columnCount()):
            if column != 4:
                self.table.resizeColumnToContents(column)

    def _activate(self, row: int) -> None:
        if 0 <= row < len(self.model.sessions):
            self.activated.emit(self.model.sessions[row].session_id)

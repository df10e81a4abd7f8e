"""The patient's pseudonym, checked as it is typed, and the earlier sessions of that pseudonym.

The journal holds pseudonyms only (never a name or a birth date): the field refuses anything else
with the reason. *Search* lists the journal's sessions whose pseudonym contains the text typed;
double-clicking one takes its pseudonym. Journal reads run on the given worker, never the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.formatting import number
from gui.language import current_language
from gui.worker import CallWorker
from mesogun.journal import InvalidRecordError, JournalStore, SessionStatus, SessionSummary
from mesogun.journal.pseudonym import validate_pseudonym
from mesogun.vocabulary import error_text
from mesogun.vocabulary.record_words import record_rule_text


def _fold(text: str) -> str:
    return text.strip().casefold()


class PatientSearch(QWidget):
    """Pseudonym field with its check, a Search button and the table of earlier sessions."""

    changed = Signal()

    def __init__(self, journal: JournalStore, worker: CallWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._journal = journal
        self._worker = worker
        self.pseudonym_edit = QLineEdit(self)
        self.pseudonym_edit.setObjectName("pseudonymEdit")
        self.pseudonym_edit.setPlaceholderText(self.tr("Pseudonym, e.g. MST-0042 (never a name)"))
        self.pseudonym_edit.setToolTip(
            self.tr("The journal stores a pseudonym only: never the patient's name or birth date")
        )
        self.pseudonym_edit.textChanged.connect(self._on_text)
        self.pseudonym_edit.returnPressed.connect(self.search)
        self.search_button = QPushButton(self.tr("Search"), self)
        self.search_button.setToolTip(self.tr("Earlier sessions of this pseudonym in the journal"))
        self.search_button.clicked.connect(self.search)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {style.STOP_RED};")
        self.error.setVisible(False)
        self.result = QLabel(self)
        self.result.setProperty("muted", True)
        self.result.setVisible(False)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("earlierSessions")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Pseudonym"), self.tr("Date"), self.tr("Plan"), self.tr("Status"), self.tr("Doses")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMaximumHeight(150)
        self.table.setVisible(False)
        self.table.cellDoubleClicked.connect(self._take_row)
        self.sessions: list[SessionSummary] = []

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.pseudonym_edit, 1)
        row.addWidget(self.search_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.result)
        layout.addWidget(self.table)

    @property
    def pseudonym(self) -> str:
        """The pseudonym typed (stripped)."""
        return self.pseudonym_edit.text().strip()

    def problem(self) -> str | None:
        """Why the pseudonym is refused, in words (None when it is acceptable)."""
        text = self.pseudonym
        if not text:
            return self.tr("Enter the patient's pseudonym")
        try:
            validate_pseudonym(text)
        except InvalidRecordError as exc:
            return record_rule_text(exc.record_rule, exc.parameters, current_language(), sentence=True)
        return None

    def search(self) -> None:
        """List the journal's sessions whose pseudonym contains the text typed (on the worker)."""
        wanted = _fold(self.pseudonym)

        def find() -> list[SessionSummary]:
            return [s for s in self._journal.sessions() if wanted in _fold(s.patient_pseudonym)]

        self.search_button.setEnabled(False)
        self._worker.submit(find, self._show, self._failed)

    # ----------------------------------------------------------------- internals
    def _show(self, sessions: list[SessionSummary]) -> None:
        self.search_button.setEnabled(True)
        self.sessions = sorted(sessions, key=lambda s: s.started_at, reverse=True)
        self.table.setRowCount(len(self.sessions))
        for row, summary in enumerate(self.sessions):
            cells = [
                summary.patient_pseudonym,
                summary.started_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                summary.plan_name or "—",
                self._status_text(summary.status),
                self.tr("{count} ({volume} µl)").format(
                    count=summary.dose_count, volume=number(summary.delivered_ul, 0)
                ),
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setVisible(bool(self.sessions))
        self.result.setText(
            self.tr("%n earlier session(s) found", "", len(self.sessions))
            if self.sessions
            else self.tr("No earlier session in the journal for this pseudonym")
        )
        self.result.setVisible(True)

    def _failed(self, error: BaseException) -> None:
        self.search_button.setEnabled(True)
        self.result.setText(
            self.tr("The journal could not be read: {error}").format(
                error=error_text(error, current_language())
            )
        )
        self.result.setVisible(True)

    def _take_row(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.sessions):
            self.pseudonym_edit.setText(self.sessions[row].patient_pseudonym)

    def _on_text(self) -> None:
        problem = self.problem() if self.pseudonym else None
        self.error.setText(problem or "")
        self.error.setVisible(problem is not None)
        self.changed.emit()

    def _status_text(self, status: SessionStatus) -> str:
        return {
            SessionStatus.OPEN: self.tr("open"),
            SessionStatus.COMPLETED: self.tr("completed"),
            SessionStatus.ABORTED: self.tr("ended early"),
        }.get(status, status.value)

"""Past sessions: browse and search the journal, open a session, reprint or re-export it, check the journal.

Search by patient pseudonym (or part of it), date range (local days), plan and status. Opening a
session emits ``session_opened(id)``: the main window shows its summary, read-only. The integrity check
runs the journal's ``verify`` (every row against the hash chain; seconds on a big journal) and says
plainly whether the journal is intact. Every journal read runs on the page's worker thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.language import current_language
from gui.widgets.dose_table import status_text
from gui.widgets.journal_verdict import JournalVerdict
from gui.widgets.session_exports import SessionExportButtons
from gui.widgets.session_table import SessionTable
from gui.worker import CallWorker
from mesogun.journal import SessionSummary, SqliteJournal
from mesogun.journal.file_verify import FileState, FileVerdict, verify_journal_file
from mesogun.vocabulary import error_text

STATUSES = ("", "open", "completed", "aborted")


def _list_sessions(path: Path, since: datetime | None, until: datetime | None) -> list[SessionSummary] | None:
    """The sessions started in [since, until]; None when there is no journal file yet."""
    if not path.exists():
        return None
    with SqliteJournal(path) as journal:
        return journal.sessions(since=since, until=until)


def _verify(path: Path) -> FileVerdict | None:
    """The file's verdict, read-only (an empty or damaged file is named, never repaired)."""
    if not path.exists():
        return None
    return verify_journal_file(path)


def _local_bound(day: QDate, *, end: bool) -> datetime:
    """The first (or last) instant of a local calendar day, as an aware datetime."""
    calendar_day = date(day.year(), day.month(), day.day())
    return datetime.combine(calendar_day, time.max if end else time.min).astimezone()


class HistoryPage(QWidget):
    """The journal's sessions with search filters, open / export buttons and the integrity check."""

    session_opened = Signal(str)
    # The patient view of the selected session's pseudonym was asked for.
    patient_opened = Signal(str)
    # Emitted after each reading of the journal (number of sessions shown).
    refreshed = Signal(int)
    # Emitted when an integrity check ends (True: intact).
    verified = Signal(bool)

    def __init__(self, journal_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPage")
        self._journal_path = Path(journal_path)
        self._all: list[SessionSummary] = []
        self._generation = 0  # of the latest reading asked: an older answer arriving late is dropped
        self.worker = CallWorker("mesogun-history", self)

        title = QLabel(self.tr("Past sessions"), self)
        title.setProperty("heading", True)
        self.patient_edit = QLineEdit(self)
        self.patient_edit.setPlaceholderText(self.tr("Patient pseudonym, or part of it"))
        self.patient_edit.setClearButtonEnabled(True)
        date_format = "dd/MM/yyyy" if current_language() == "fr" else "yyyy-MM-dd"
        today = QDate.currentDate()
        self.since_check = QCheckBox(self.tr("From"), self)
        self.since_edit = QDateEdit(today.addMonths(-1), self)
        self.until_check = QCheckBox(self.tr("to"), self)
        self.until_edit = QDateEdit(today, self)
        for edit in (self.since_edit, self.until_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_format)
            edit.setEnabled(False)
        self.plan_combo = QComboBox(self)
        self.plan_combo.addItem(self.tr("All plans"), "")
        self.status_combo = QComboBox(self)
        for status in STATUSES:
            self.status_combo.addItem(status_text(status) if status else self.tr("All statuses"), status)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.count_label = QLabel(self)
        self.count_label.setProperty("muted", True)
        self.table = SessionTable(self)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.setProperty("accent", True)
        self.patient_button = QPushButton(self.tr("Patient view"), self)
        self.patient_button.setToolTip(
            self.tr("Every session of this patient: courses, scores over time, doses, adverse events")
        )
        self.exports = SessionExportButtons(self._journal_path, self.worker, self)
        self.verify_button = QPushButton(self.tr("Check the journal's integrity"), self)
        self.verify_button.setToolTip(
            self.tr(
                "Checks every row of the journal against its hash chain: "
                "any edit, deletion or insertion shows."
            )
        )
        self.verdict = JournalVerdict(self)

        filters = QHBoxLayout()
        filters.addWidget(self.patient_edit, 2)
        filters.addWidget(self.since_check)
        filters.addWidget(self.since_edit)
        filters.addWidget(self.until_check)
        filters.addWidget(self.until_edit)
        filters.addWidget(self.plan_combo, 1)
        filters.addWidget(self.status_combo, 1)
        filters.addWidget(self.refresh_button)
        # Exports on a row of their own: one row for all the buttons would widen the window.
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addWidget(self.patient_button)
        actions.addStretch(1)
        integrity = QGroupBox(self.tr("Journal integrity"), self)
        integrity_layout = QHBoxLayout(integrity)
        integrity_layout.addWidget(self.verify_button)
        integrity_layout.addWidget(self.verdict, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.exports)
        layout.addWidget(integrity)

        self.patient_edit.textChanged.connect(self._apply_filters)
        self.plan_combo.currentIndexChanged.connect(self._apply_filters)
        self.status_combo.currentIndexChanged.connect(self._apply_filters)
        for check, edit in ((self.since_check, self.since_edit), (self.until_check, self.until_edit)):
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self.refresh)
            edit.dateChanged.connect(lambda _date, bound=check: self.refresh() if bound.isChecked() else None)
        self.refresh_button.clicked.connect(self.refresh)
        self.table.selection_changed.connect(self._on_selection)
        self.table.activated.connect(self.session_opened.emit)
        self.open_button.clicked.connect(self._open_selected)
        self.patient_button.clicked.connect(self._open_patient)
        self.verify_button.clicked.connect(self.verify_journal)
        self._on_selection("")

    # ------------------------------------------------------------------ reading

    @property
    def shown_sessions(self) -> list[SessionSummary]:
        """The sessions the filters let through, newest first."""
        return self.table.sessions

    def refresh(self) -> None:
        """Read the sessions of the chosen dates from the journal (worker thread), then filter them."""
        since = _local_bound(self.since_edit.date(), end=False) if self.since_check.isChecked() else None
        until = _local_bound(self.until_edit.date(), end=True) if self.until_check.isChecked() else None
        path = self._journal_path
        self._generation += 1
        generation = self._generation
        self.count_label.setText(self.tr("Reading the journal…"))
        self.worker.submit(
            lambda: _list_sessions(path, since, until),
            lambda sessions: self._on_listed(sessions) if generation == self._generation else None,
            self._on_list_failed,
        )

    def verify_journal(self) -> None:
        """Check the whole journal's hash chain (worker thread) and show the verdict."""
        self.verify_button.setEnabled(False)
        self.verdict.show_checking()
        self.worker.submit(lambda: _verify(self._journal_path), self._on_verified, self._on_verify_failed)

    def shutdown(self) -> None:
        """Stop the worker thread (waits for a file being written)."""
        self.worker.shutdown(wait=True, cancel_pending=False)

    def _on_listed(self, sessions: list[SessionSummary] | None) -> None:
        if sessions is None:
            self._all = []
            self._apply_filters()
            self.count_label.setText(self.tr("No journal yet: it is created by the first session."))
            self.refreshed.emit(0)
            return
        self._all = sessions
        self._fill_plans(sessions)
        self._apply_filters()
        self.refreshed.emit(len(self.table.sessions))

    def _on_list_failed(self, error: BaseException) -> None:
        self.count_label.setText(
            self.tr("The journal could not be read: {error}").format(
                error=error_text(error, current_language())
            )
        )

    def _fill_plans(self, sessions: Sequence[SessionSummary]) -> None:
        chosen = self.plan_combo.currentData()
        names = sorted({s.plan_name for s in sessions if s.plan_name})
        self.plan_combo.blockSignals(True)
        try:
            while self.plan_combo.count() > 1:
                self.plan_combo.removeItem(1)
            for name in names:
                self.plan_combo.addItem(name, name)
            index = self.plan_combo.findData(chosen)
            self.plan_combo.setCurrentIndex(max(index, 0))
        finally:
            self.plan_combo.blockSignals(False)

    def _apply_filters(self) -> None:
        needle = self.patient_edit.text().strip().casefold()
        plan = self.plan_combo.currentData() or ""
        status = self.status_combo.currentData() or ""
        shown = [
            s
            for s in self._all
            if (not needle or needle in s.patient_pseudonym.casefold())
            and (not plan or s.plan_name == plan)
            and (not status or s.status.value == status)
        ]
        self.table.set_sessions(shown)
        self.count_label.setText(
            self.tr("%n session(s) shown of {total}", "", len(shown)).format(total=len(self._all))
        )

    # ------------------------------------------------------------------ actions

    def _on_selection(self, session_id: str) -> None:
        self.open_button.setEnabled(bool(session_id))
        self.patient_button.setEnabled(bool(session_id))
        summary = next((s for s in self._all if s.session_id == session_id), None)
        if summary is None:
            self.exports.set_session(None)
            return
        day = summary.started_at.strftime("%Y%m%d")
        self.exports.set_session(
            summary.session_id, f"mesogun-{summary.patient_pseudonym}-{day}-{session_id[:8]}"
        )

    def _open_selected(self) -> None:
        session_id = self.table.selected_id()
        if session_id is not None:
            self.session_opened.emit(session_id)

    def _open_patient(self) -> None:
        session_id = self.table.selected_id()
        summary = next((s for s in self._all if s.session_id == session_id), None)
        if summary is not None:
            self.patient_opened.emit(summary.patient_pseudonym)

    def _on_verified(self, verdict: FileVerdict | None) -> None:
        self.verify_button.setEnabled(True)
        if verdict is None:
            self.verdict.show_missing()
            self.verified.emit(False)
            return
        self.verdict.show_verdict(verdict)
        self.verified.emit(verdict.state is FileState.INTACT)

    def _on_verify_failed(self, error: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.verdict.show_error(error)
        self.verified.emit(False)

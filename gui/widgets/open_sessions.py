"""Sessions the journal still holds open (the application crashed, or the link was lost and the window
closed), each with the point where it resumes according to the journal.

Where a session resumes is computed from the journal alone (doses per point, skipped points), like the
runner does: the first point whose target is not met. The session's plan is the built-in plan of that
name and version, or a plan file the practitioner opens; without it the session cannot be resumed.
Journal reads run on the given worker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.session_texts import point_title
from gui.worker import CallWorker
from mesogun.journal import JournalStore, SessionStatus
from mesogun.models import SessionPlan
from mesogun.plans import builtin_plan, list_builtin_plans
from mesogun.session.progress import delivered_from_journal, first_open_point


@dataclass(frozen=True)
class OpenSession:
    """An open session and where it resumes (``resume_index`` None: every point is met or skipped)."""

    session_id: str
    patient_pseudonym: str
    plan_name: str | None
    plan_version: str | None
    started_at: datetime
    plan: SessionPlan | None
    resume_index: int | None
    delivered: dict[int, tuple[int, float]]
    skipped: frozenset[int]


def _where(session: OpenSession, plan: SessionPlan) -> OpenSession:
    points = plan.points()
    index = first_open_point(points, delivered_from_journal(session.delivered), session.skipped, {})
    return replace(session, plan=plan, resume_index=index)


def read_open_sessions(journal: JournalStore) -> list[OpenSession]:
    """The journal's open sessions, newest first, with their built-in plan when there is one."""
    found: list[OpenSession] = []
    builtins = set(list_builtin_plans())
    for summary in journal.sessions():
        if summary.status is not SessionStatus.OPEN:
            continue
        record = journal.session(summary.session_id)
        session = OpenSession(
            session_id=record.session_id,
            patient_pseudonym=record.patient_pseudonym,
            plan_name=record.plan_name,
            plan_version=record.plan_version,
            started_at=record.started_at,
            plan=None,
            resume_index=None,
            delivered=journal.delivered_per_point(record.session_id),
            skipped=frozenset(skip.point_index for skip in record.skips),
        )
        if record.plan_name in builtins:
            plan = builtin_plan(record.plan_name or "")
            if plan.version == record.plan_version:
                session = _where(session, plan)
        found.append(session)
    return sorted(found, key=lambda s: s.started_at, reverse=True)


class OpenSessionsBox(QGroupBox):
    """The open sessions with where each resumes, and a Resume button; hidden when there is none."""

    resume_requested = Signal(str, object)  # session id, plan

    def __init__(self, journal: JournalStore, worker: CallWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Sessions left open"))
        self._journal = journal
        self._worker = worker
        self.sessions: list[OpenSession] = []
        self._extra_plan: SessionPlan | None = None
        self._can_resume = False
        self.hint = QLabel(
            self.tr(
                "These sessions were not ended (the application closed, or the link was lost). "
                "Resuming takes up at the first point the journal does not show as done; nothing is "
                "fired again to catch up."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setProperty("muted", True)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("openSessions")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Started"), self.tr("Pseudonym"), self.tr("Plan"), self.tr("Resumes at")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMaximumHeight(140)
        self.table.itemSelectionChanged.connect(self._update_button)
        self.resume_button = QPushButton(self.tr("Resume the selected session"), self)
        self.resume_button.setProperty("accent", True)
        self.resume_button.clicked.connect(self._resume)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.resume_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.setVisible(False)
        self._update_button()

    def refresh(self, on_done: Callable[[], None] | None = None) -> None:
        """Read the open sessions again (on the worker)."""

        def shown(sessions: list[OpenSession]) -> None:
            self._show(sessions)
            if on_done is not None:
                on_done()

        self._worker.submit(lambda: read_open_sessions(self._journal), shown, lambda _error: None)

    def offer_plan(self, plan: SessionPlan | None) -> None:
        """A plan opened from a file: it serves the open sessions that were run with it."""
        self._extra_plan = plan
        self._show(self.sessions)

    def set_can_resume(self, on: bool) -> None:
        """Resuming needs a connected gun."""
        self._can_resume = on
        self._update_button()

    def select(self, session_id: str) -> None:
        """Select the row of ``session_id``."""
        for row, session in enumerate(self.sessions):
            if session.session_id == session_id:
                self.table.selectRow(row)

    def _show(self, sessions: list[OpenSession]) -> None:
        extra = self._extra_plan
        shown = []
        for session in sessions:
            if (
                session.plan is None
                and extra is not None
                and (session.plan_name, session.plan_version) == (extra.name, extra.version)
            ):
                session = _where(session, extra)
            shown.append(session)
        self.sessions = shown
        self.table.setRowCount(len(shown))
        for row, session in enumerate(shown):
            cells = [
                session.started_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                session.patient_pseudonym,
                self.tr("{name} version {version}").format(
                    name=session.plan_name or "—", version=session.plan_version or "—"
                ),
                self._resume_text(session),
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if shown and not self.table.selectedItems():
            self.table.selectRow(0)
        self.setVisible(bool(shown))
        self._update_button()

    def _resume_text(self, session: OpenSession) -> str:
        if session.plan is None:
            return self.tr("plan file needed: open it above")
        points = session.plan.points()
        if session.resume_index is None:
            return self.tr("every point done: resuming ends it")
        return self.tr("point {number}/{count}: {point}").format(
            number=session.resume_index + 1,
            count=len(points),
            point=point_title(points[session.resume_index]),
        )

    def _selected(self) -> OpenSession | None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self.sessions[row] if 0 <= row < len(self.sessions) else None

    def _update_button(self) -> None:
        session = self._selected()
        self.resume_button.setEnabled(self._can_resume and session is not None and session.plan is not None)
        self.resume_button.setToolTip(
            self.tr("Connect the gun first")
            if not self._can_resume
            else self.tr("Resume where the journal says")
        )

    def _resume(self) -> None:
        session = self._selected()
        if session is not None and session.plan is not None:
            self.resume_requested.emit(session.session_id, session.plan)

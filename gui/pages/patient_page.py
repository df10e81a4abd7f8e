"""One patient over time: every session of a pseudonym, its course, scores, doses and adverse events.

A chart of the outcome scores (pain before/after, HAM-A) over the sessions; a table of the sessions
(course and place in it, days since the previous one, status, doses, scores), which opens a session's
summary on a double click; the mg of each active substance and the volume of each product per session;
the adverse events. The page holds no clinical state: it shows ``mesogun.patients.overview``, read on
its worker thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.formatting import number
from gui.language import current_language
from gui.widgets.content_slot import ContentSlot
from gui.widgets.dose_table import moment_text, severity_text, status_text
from gui.widgets.score_chart import ScoreChart
from gui.widgets.table_fill import bulk_fill
from gui.worker import CallWorker
from mesogun.clinic.overview import desk_overview
from mesogun.journal import SqliteJournal
from mesogun.journal.outcome_scores import ScoreCode
from mesogun.patients.overview import Course, PatientOverview, Visit, label
from mesogun.vocabulary import error_text

_ID_ROLE = Qt.ItemDataRole.UserRole
#: Tables may shrink to a few rows so that the page fits a small screen (the splitter gives more).
TABLE_MIN_HEIGHT_PX = 70


def _load(journal_path: Path, pseudonym: str) -> PatientOverview:
    with SqliteJournal(journal_path) as journal:
        return desk_overview(journal, pseudonym)


class PatientPage(QWidget):
    """The patient view of one pseudonym of the journal at ``journal_path``.

    Signals: ``session_opened(id)`` (double click on a session), ``closed`` (Back), ``loaded(pseudonym)``.
    """

    session_opened = Signal(str)
    closed = Signal()
    loaded = Signal(str)

    def __init__(self, journal_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientPage")
        self._journal_path = Path(journal_path)
        self._pseudonym: str | None = None
        self.overview: PatientOverview | None = None
        self.worker = CallWorker("mesogun-patient", self)

        self.title = QLabel(self.tr("Patient"), self)
        self.title.setProperty("heading", True)
        self.subtitle = QLabel(self)
        self.subtitle.setProperty("muted", True)
        self.subtitle.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.courses = QLabel(self)
        self.courses.setObjectName("patientCourses")
        self.courses.setWordWrap(True)
        self.chart = ScoreChart(self)
        self.sessions = QTableWidget(0, 10, self)
        self.sessions.setObjectName("patientSessions")
        self.sessions.setHorizontalHeaderLabels(
            [
                self.tr("Started"),
                self.tr("Course"),
                self.tr("Days since previous"),
                self.tr("Plan"),
                self.tr("Status"),
                self.tr("Doses"),
                self.tr("Delivered (µl)"),
                self.tr("Pain before"),
                self.tr("Pain after"),
                self.tr("HAM-A"),
            ]
        )
        self.products = QTableWidget(0, 1, self)
        self.products.setObjectName("patientProducts")
        self.substances = QTableWidget(0, 1, self)
        self.substances.setObjectName("patientSubstances")
        for table in (self.sessions, self.products, self.substances):
            table.setMinimumHeight(TABLE_MIN_HEIGHT_PX)
            table.verticalHeader().setVisible(False)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.events = ContentSlot(QVBoxLayout, self, spacing=2)
        self.open_button = QPushButton(self.tr("Open the session"), self)
        self.open_button.setEnabled(False)
        self.back_button = QPushButton(self.tr("Back"), self)

        chart_box = QGroupBox(self.tr("Outcome scores"), self)
        QVBoxLayout(chart_box).addWidget(self.chart)
        sessions_box = QGroupBox(self.tr("Sessions"), self)
        QVBoxLayout(sessions_box).addWidget(self.sessions)
        products_box = QGroupBox(self.tr("Doses over time"), self)
        self.dose_tabs = QTabWidget(products_box)
        self.dose_tabs.addTab(self.substances, self.tr("Per substance (mg)"))
        self.dose_tabs.addTab(self.products, self.tr("Per product (µl)"))
        QVBoxLayout(products_box).addWidget(self.dose_tabs)
        events_box = QGroupBox(self.tr("Adverse events"), self)
        QVBoxLayout(events_box).addWidget(self.events)
        lower = QSplitter(Qt.Orientation.Horizontal, self)
        lower.addWidget(products_box)
        lower.addWidget(events_box)
        lower.setSizes([700, 500])
        body = QSplitter(Qt.Orientation.Vertical, self)
        body.addWidget(chart_box)
        body.addWidget(sessions_box)
        body.addWidget(lower)
        body.setSizes([400, 260, 200])
        body.setChildrenCollapsible(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.message)
        layout.addWidget(self.courses)
        layout.addWidget(body, 1)
        layout.addLayout(buttons)

        self.back_button.clicked.connect(self.closed.emit)
        self.open_button.clicked.connect(self._open_selected)
        self.sessions.itemSelectionChanged.connect(
            lambda: self.open_button.setEnabled(self._selected() is not None)
        )
        self.sessions.itemDoubleClicked.connect(lambda _item: self._open_selected())

    def show_patient(self, pseudonym: str) -> None:
        """Read every session of ``pseudonym`` and show it; ``loaded`` is emitted once shown."""
        self._pseudonym = pseudonym
        self.title.setText(self.tr("Patient {pseudonym}").format(pseudonym=pseudonym))
        self.message.setText(self.tr("Reading the patient's sessions from the journal…"))
        path = self._journal_path
        self.worker.submit(lambda: _load(path, pseudonym), self._show, self._show_error)

    def refresh(self) -> None:
        """Read the shown patient again (after a score or an event was added)."""
        if self._pseudonym is not None:
            self.show_patient(self._pseudonym)

    def shutdown(self) -> None:
        self.worker.shutdown(wait=True, cancel_pending=False)

    def _show_error(self, error: BaseException) -> None:
        self.message.setText(
            self.tr("The patient's sessions could not be read: {error}").format(
                error=error_text(error, current_language())
            )
        )

    def _show(self, overview: PatientOverview) -> None:
        if overview.pseudonym != self._pseudonym:
            return  # an older reading, for a patient no longer shown
        self.overview = overview
        visits = overview.visits
        self.message.setText("" if visits else self.tr("No session of this patient in the journal."))
        self.subtitle.setText(
            self.tr("{sessions} in {courses}; {events}").format(
                sessions=self.tr("%n session(s)", "", len(visits)),
                courses=self.tr("%n course(s)", "", len(overview.courses)),
                events=self.tr("%n adverse event(s)", "", overview.adverse_event_count),
            )
        )
        self.courses.setText("\n".join(self._course_line(course) for course in overview.courses))
        self.chart.set_sessions([v.started_at for v in visits], [v.scores for v in visits])
        self._fill_sessions(visits)
        self._fill_products(overview)
        self._fill_substances(overview)
        self._fill_events(visits)
        self.loaded.emit(overview.pseudonym)

    def _course_line(self, course: Course) -> str:
        line = self.tr(
            "Course {number} — {plan}: %n session(s) from {first} to {last}", "", len(course.visits)
        ).format(
            number=course.number,
            plan=course.plan_name or course.indication,
            first=moment_text(course.first_at),
            last=moment_text(course.last_at),
        )
        if course.next_due_at is None:
            return line
        return self.tr("{line}; next session due around {date}").format(
            line=line, date=moment_text(course.next_due_at)
        )

    def _course_text(self, visit: Visit) -> str:
        phase = self.tr("initial phase") if visit.in_initial_phase else self.tr("maintenance")
        return self.tr("{course}, session {position} ({phase})").format(
            course=visit.course_number, position=visit.position_in_course, phase=phase
        )

    def _fill_sessions(self, visits: tuple[Visit, ...]) -> None:
        def score(visit: Visit, code: ScoreCode) -> str:
            return str(visit.scores[code]) if code in visit.scores else "—"

        rows: list[list[str]] = []
        for visit in visits:
            plan = f"{visit.plan_name or '—'} {visit.plan_version or ''}".strip()
            gap = number(visit.days_since_previous, 0) if visit.days_since_previous is not None else "—"
            rows.append(
                [
                    moment_text(visit.started_at),
                    self._course_text(visit),
                    gap,
                    plan,
                    status_text(visit.status.value),
                    str(visit.dose_count),
                    number(visit.delivered_ul, 1),
                    score(visit, ScoreCode.PAIN_NRS_BEFORE),
                    score(visit, ScoreCode.PAIN_NRS_AFTER),
                    score(visit, ScoreCode.HAM_A),
                ]
            )
        self.sessions.setRowCount(len(rows))
        with bulk_fill(self.sessions):
            for row, (visit, cells) in enumerate(zip(visits, rows, strict=True)):
                for column, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setData(_ID_ROLE, visit.session_id)
                    self.sessions.setItem(row, column, item)
        self.open_button.setEnabled(False)

    def _fill_products(self, overview: PatientOverview) -> None:
        names = overview.product_names()
        self.products.setColumnCount(1 + len(names))
        self.products.setHorizontalHeaderLabels([self.tr("Session"), *names])
        self.products.setRowCount(len(overview.visits))
        with bulk_fill(self.products):
            for row, visit in enumerate(overview.visits):
                volumes = {label(p): p.delivered_ul for p in visit.products}
                cells = [moment_text(visit.started_at)] + [
                    number(volumes[name], 1) if name in volumes else "—" for name in names
                ]
                for column, text in enumerate(cells):
                    self.products.setItem(row, column, QTableWidgetItem(text))

    def _fill_substances(self, overview: PatientOverview) -> None:
        codes = overview.substance_codes()
        language = current_language()
        self.substances.setColumnCount(1 + len(codes))
        self.substances.setHorizontalHeaderLabels(
            [self.tr("Session"), *(overview.substance_name(code, language) for code in codes)]
        )
        self.substances.setRowCount(len(overview.visits))
        with bulk_fill(self.substances):
            for row, visit in enumerate(overview.visits):
                cells = [moment_text(visit.started_at)] + [
                    number(visit.substances_mg[code], 2) if code in visit.substances_mg else "—"
                    for code in codes
                ]
                for column, text in enumerate(cells):
                    self.substances.setItem(row, column, QTableWidgetItem(text))

    def _fill_events(self, visits: tuple[Visit, ...]) -> None:
        events = self.events.renew()
        lines = [
            self.tr("{time}: {description} ({severity}); action: {action}; by {who}").format(
                time=moment_text(event.observed_at),
                description=event.description,
                severity=severity_text(event.severity.value if event.severity else None),
                action=event.action_taken or "—",
                who=event.reported_by,
            )
            for visit in visits
            for event in visit.adverse_events
        ] or [self.tr("No adverse event recorded.")]
        for text in lines:
            line = QLabel(text, self)
            line.setWordWrap(True)
            events.addWidget(line)
            line.show()

    def _selected(self) -> str | None:
        items = self.sessions.selectedItems()
        return str(items[0].data(_ID_ROLE)) if items else None

    def _open_selected(self) -> None:
        session_id = self._selected()
        if session_id is not None:
            self.session_opened.emit(session_id)

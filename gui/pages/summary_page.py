"""The summary of a session, after it ends or opened from the history: what the journal says was done.

Totals per product and lot, points done / partial / skipped / not done, alarms, overrides and
calibration warnings, the volume per point (planned vs delivered) and every dose; notes and adverse
events can be added (new, signed journal rows, also on a past session); the PDF report and the CSV,
JSON and FHIR exports are written from here. Every journal read and write runs on the page's worker
thread; the page holds no clinical state of its own (it shows the journal's record).

``read_only`` marks a consultation of a past session: the page offers "Back" only (no "New session").
Additions stay possible there, as in a patient file: they are dated and signed, and change nothing
recorded before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.clinical_texts import next_due_text
from gui.formatting import number
from gui.language import current_language
from gui.session_texts import list_separator
from gui.widgets.content_slot import ContentSlot
from gui.widgets.dose_table import DoseTable, day_text, moment_text, recorded_alarm_text, status_text
from gui.widgets.outcome_scores_form import OutcomeScoresForm
from gui.widgets.session_exports import SessionExportButtons
from gui.widgets.session_notes import SessionNotes
from gui.widgets.volume_plot import VolumePlot
from gui.worker import CallWorker
from mesogun.calibration.status import last_passed
from mesogun.catalogue.texts import substance_name
from mesogun.exports.pdf_summary import PointOutcome, SessionFigures, builtin_plan_for, session_figures
from mesogun.journal import AdverseSeverity, SqliteJournal
from mesogun.journal.calibration_records import CalibrationKind, CalibrationRecord
from mesogun.journal.records import DoseRecord, PartialChoice, PointDecisionRecord, SessionRecord
from mesogun.models import SessionPlan
from mesogun.patients.history import JournalHistory, delivered_mg
from mesogun.patients.rhythm import next_due_after
from mesogun.session import Acknowledgement
from mesogun.vocabulary import error_text, remark_text
from mesogun.vocabulary import name as value_name

LEFT_COLUMN_WIDTH_PX = 440


@dataclass(frozen=True)
class _Loaded:
    record: SessionRecord
    doses: list[DoseRecord]
    figures: SessionFigures
    next_due: datetime | None = None
    # The gun's calibrations the session ran on, by kind (None: none in the journal); empty: no gun.
    calibrations: dict[CalibrationKind, CalibrationRecord | None] = field(default_factory=dict)


def _load(journal_path: Path, session_id: str, plan: SessionPlan | None) -> _Loaded:
    with SqliteJournal(journal_path) as journal:
        full_id = journal.resolve_session_id(session_id)
        record = journal.session(full_id)
        doses = journal.doses(full_id)
        chosen = plan if plan is not None else builtin_plan_for(record)
        due = next_due_after(record, chosen, JournalHistory(journal)) if chosen is not None else None
        serial = record.device_serial
        calibrations = last_passed(journal.calibrations(serial), serial, record.started_at) if serial else {}
    return _Loaded(record, doses, session_figures(record, doses, plan), due, calibrations)


class SessionSummaryPage(QWidget):
    """The summary screen of one session of the journal at ``journal_path``.

    Signals: ``closed`` (Back), ``new_session_requested`` (New session, after a session only).
    """

    closed = Signal()
    new_session_requested = Signal()
    # The patient view of the shown session's pseudonym was asked for.
    patient_requested = Signal(str)
    # Emitted once a session's record is shown (its id).
    loaded = Signal(str)

    def __init__(self, journal_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionSummaryPage")
        self._journal_path = Path(journal_path)
        self._session_id: str | None = None
        self._plan: SessionPlan | None = None
        self.read_only = False
        self.record: SessionRecord | None = None
        self.figures: SessionFigures | None = None
        self.worker = CallWorker("mesogun-summary", self)

        self.title = QLabel(self.tr("Session summary"), self)
        self.title.setProperty("heading", True)
        self.subtitle = QLabel(self)
        self.subtitle.setProperty("muted", True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)

        self.facts = ContentSlot(QFormLayout, self)
        self.delivery = ContentSlot(QFormLayout, self)
        self.products = QTableWidget(0, 5, self)
        self.products.setHorizontalHeaderLabels(
            [
                self.tr("Product"),
                self.tr("Lot"),
                self.tr("Expiry"),
                self.tr("Delivered (µl)"),
                self.tr("Active substance (mg)"),
            ]
        )
        self.products.verticalHeader().setVisible(False)
        self.products.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.products.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.products.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.products.setMaximumHeight(130)
        self.events = ContentSlot(QVBoxLayout, self, spacing=2)
        self.notes = SessionNotes(self)
        self.scores = OutcomeScoresForm(self)
        self.plot = VolumePlot(self)
        self.doses = DoseTable(self)
        self.exports = SessionExportButtons(self._journal_path, self.worker, self)
        self.patient_button = QPushButton(self.tr("Patient view"), self)
        self.patient_button.setToolTip(self.tr("Every session of this patient, with the scores over time"))
        self.back_button = QPushButton(self.tr("Back"), self)
        self.new_button = QPushButton(self.tr("New session"), self)
        self.new_button.setProperty("accent", True)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        for title, content in (
            (self.tr("Session"), self.facts),
            (self.tr("Delivery"), self.delivery),
            (self.tr("Products"), self.products),
            (self.tr("Alarms, overrides and warnings"), self.events),
            (self.tr("Outcome scores"), self.scores),
            (self.tr("Notes and adverse events"), self.notes),
        ):
            box = QGroupBox(title, left)
            QVBoxLayout(box).addWidget(content)
            left_layout.addWidget(box)
        left_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFixedWidth(LEFT_COLUMN_WIDTH_PX)

        plot_box = QGroupBox(self.tr("Volume per point"), self)
        QVBoxLayout(plot_box).addWidget(self.plot)
        doses_box = QGroupBox(self.tr("Doses"), self)
        QVBoxLayout(doses_box).addWidget(self.doses)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(plot_box)
        right.addWidget(doses_box)
        right.setSizes([320, 420])
        right.setChildrenCollapsible(False)

        body = QHBoxLayout()
        body.addWidget(scroll)
        body.addWidget(right, 1)
        # Exports on a row of their own: one row for all the buttons would widen the window.
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.patient_button)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.message)
        layout.addLayout(body, 1)
        layout.addWidget(self.exports)
        layout.addLayout(buttons)

        self.back_button.clicked.connect(self.closed.emit)
        self.patient_button.clicked.connect(
            lambda: self.patient_requested.emit(self.record.patient_pseudonym) if self.record else None
        )
        self.new_button.clicked.connect(self.new_session_requested.emit)
        self.notes.note_requested.connect(self._add_note)
        self.notes.adverse_event_requested.connect(self._add_adverse_event)
        self.scores.scores_requested.connect(self._add_scores)
        self.exports.set_session(None)
        self._set_read_only(False)

    # ------------------------------------------------------------------ showing a session

    def show_session(self, session_id: str, *, read_only: bool, plan: SessionPlan | None = None) -> None:
        """Read session ``session_id`` (id or unique prefix) from the journal and show it.

        ``plan``: the plan the session ran, for the planned volumes (default: the built-in plan of the
        recorded name and version, when there is one). Returns at once; the record is read on the
        worker thread and ``loaded`` is emitted when it is shown.
        """
        self._session_id = session_id
        self._plan = plan
        self._set_read_only(read_only)
        self.message.setText(self.tr("Reading the session from the journal…"))
        self._reload()

    def shutdown(self) -> None:
        """Stop the worker thread (waits for a file being written)."""
        self.worker.shutdown(wait=True, cancel_pending=False)

    def _set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.title.setText(self.tr("Past session") if read_only else self.tr("Session summary"))
        self.new_button.setVisible(not read_only)

    def _reload(self) -> None:
        session_id, plan, path = self._session_id, self._plan, self._journal_path
        if session_id is None:
            return
        self.worker.submit(lambda: _load(path, session_id, plan), self._show_loaded, self._show_error)

    def _show_error(self, error: BaseException) -> None:
        self.message.setText(
            self.tr("The session could not be read: {error}").format(
                error=error_text(error, current_language())
            )
        )

    def _show_loaded(self, loaded: _Loaded) -> None:
        record, figures = loaded.record, loaded.figures
        self.record, self.figures = record, figures
        self._session_id = record.session_id
        self.message.setText("")
        self.subtitle.setText(
            self.tr("Patient {patient} — {date} — {status}").format(
                patient=record.patient_pseudonym,
                date=moment_text(record.started_at),
                status=self._status(record),
            )
        )
        self._fill_facts(record, loaded.calibrations)
        self._fill_delivery(figures, loaded.next_due)
        self._fill_products(record)
        self._fill_events(record)
        self.notes.set_records(record.notes, record.adverse_events, record.practitioner)
        self.scores.set_records(record.scores)
        self.plot.set_points(
            [str(p.index + 1) for p in figures.points], [p.planned_ul or 0.0 for p in figures.points]
        )
        for position, point in enumerate(figures.points):
            self.plot.set_delivered(position, point.delivered_ul)
        self.doses.set_doses(loaded.doses)
        day = record.started_at.strftime("%Y%m%d")
        self.exports.set_session(
            record.session_id, f"mesogun-{record.patient_pseudonym}-{day}-{record.session_id[:8]}"
        )
        self.loaded.emit(record.session_id)

    def _status(self, record: SessionRecord) -> str:
        status = status_text(record.status.value)
        if record.abort_reason:
            reason = remark_text(record.abort_reason, current_language())
            return self.tr("{status}: {reason}").format(status=status, reason=reason)
        return status

    def _value(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _add_row(self, layout: QFormLayout, name: str, value: str) -> None:
        name_label, value_label = QLabel(name, self), self._value(value)
        layout.addRow(name_label, value_label)
        # Shown now, not at the next turn of the event loop: the record is on screen when loaded fires.
        name_label.show()
        value_label.show()

    def _calibration_text(
        self, calibrations: dict[CalibrationKind, CalibrationRecord | None], started_at: datetime
    ) -> str:
        """The gun's calibrations the session ran on: kind, date and validity then (the gun's own id
        number tells a practitioner nothing)."""
        language = current_language()
        parts = []
        for kind, calibration in calibrations.items():
            kind_name = value_name(kind, language)
            if calibration is None:
                parts.append(self.tr("{kind}: none in this journal").format(kind=kind_name))
            elif calibration.expires_at is None:
                parts.append(
                    self.tr("{kind}: {date}").format(kind=kind_name, date=day_text(calibration.finished_at))
                )
            else:
                text = (
                    self.tr("{kind}: {date}, expired on {expiry}")
                    if calibration.expired_at(started_at)
                    else self.tr("{kind}: {date}, valid until {expiry}")
                )
                parts.append(
                    text.format(
                        kind=kind_name,
                        date=day_text(calibration.finished_at),
                        expiry=day_text(calibration.expires_at),
                    )
                )
        return list_separator().join(parts) or "—"

    def _fill_facts(
        self, record: SessionRecord, calibrations: dict[CalibrationKind, CalibrationRecord | None]
    ) -> None:
        facts = self.facts.renew()
        plan = "—"
        if record.plan_name:
            plan = self.tr("{name}, version {version}").format(
                name=record.plan_name, version=record.plan_version or "—"
            )
        gun = record.device_serial or "—"
        if record.device_serial and record.device_firmware:
            gun = self.tr("{serial}, firmware {firmware}").format(
                serial=record.device_serial, firmware=record.device_firmware
            )
        rows = (
            (self.tr("Practitioner"), record.practitioner),
            (self.tr("Indication"), record.indication),
            (self.tr("Plan"), plan),
            (self.tr("Gun"), gun),
            (self.tr("Calibration"), self._calibration_text(calibrations, record.started_at)),
            (self.tr("Started"), moment_text(record.started_at)),
            (self.tr("Ended"), moment_text(record.ended_at) if record.ended_at else "—"),
            (self.tr("Status"), self._status(record)),
        )
        for name, value in rows:
            self._add_row(facts, name, value)

    def _fill_delivery(self, figures: SessionFigures, next_due: datetime | None = None) -> None:
        delivery = self.delivery.renew()
        if figures.plan_known:
            points = self.tr(
                "done: {done}, partial: {partial}, skipped: {skipped}, not done: {not_done}"
            ).format(
                done=figures.count(PointOutcome.DONE),
                partial=figures.count(PointOutcome.PARTIAL),
                skipped=figures.count(PointOutcome.SKIPPED),
                not_done=figures.count(PointOutcome.NOT_DONE),
            )
            planned = self.tr("{volume} µl").format(volume=number(figures.planned_ul or 0.0, 1))
        else:
            points = self.tr("injected: {injected}, skipped: {skipped}").format(
                injected=len(figures.points) - figures.count(PointOutcome.SKIPPED),
                skipped=figures.count(PointOutcome.SKIPPED),
            )
            planned = self.tr("unknown (the plan is not available)")
        rows = (
            (self.tr("Doses"), str(figures.dose_count)),
            (self.tr("Delivered"), self.tr("{volume} µl").format(volume=number(figures.delivered_ul, 1))),
            (self.tr("Planned"), planned),
            (self.tr("Incomplete doses"), str(figures.partial_doses)),
            (self.tr("Points"), points),
        )
        for name, value in rows:
            self._add_row(delivery, name, value)
        if figures.dose_count and not self.read_only:  # « rarement »: when the patient comes back
            self._add_row(delivery, self.tr("Next session"), next_due_text(next_due))

    def _fill_products(self, record: SessionRecord) -> None:
        language = current_language()
        totals = {(t.name, t.concentration, t.lot): t.delivered_ul for t in record.totals}
        self.products.setRowCount(len(record.products))
        for row, product in enumerate(record.products):
            name = f"{product.name} {product.concentration}".strip()
            delivered_ul = totals.get((product.name, product.concentration, product.lot), 0.0)
            amounts = delivered_mg(product, delivered_ul)
            mg = ", ".join(
                number(value, 2)
                if len(amounts) == 1
                else f"{number(value, 2)} ({substance_name(code, language)})"
                for code, value in amounts.items()
            )
            cells = (
                name,
                product.lot or "—",
                product.expiry.strftime("%d/%m/%Y") if product.expiry else "—",
                number(delivered_ul, 1),
                mg or "—",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setToolTip(text)  # the column may be too narrow for a long name
                if column >= 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.products.setItem(row, column, item)

    def _fill_events(self, record: SessionRecord) -> None:
        events = self.events.renew()
        lines: list[str] = []
        for alarm in record.alarms:
            how = Acknowledgement.of(alarm.detail)
            if alarm.raised:
                template = self.tr("{time} — alarm: {alarm}")
            elif how is Acknowledgement.OPERATOR:
                template = self.tr("{time} — alarm acknowledged by {who}: {alarm}")
            elif how is Acknowledgement.ON_RETURN:
                template = self.tr(
                    "{time} — alarm acknowledged on the host's return, session of {who}: {alarm}"
                )
            elif how is Acknowledgement.UNATTENDED:
                template = self.tr(
                    "{time} — alarm acknowledged by an unattended run started by {who}: {alarm}"
                )
            else:
                template = self.tr("{time} — alarm cleared: {alarm}")
            lines.append(
                template.format(
                    time=moment_text(alarm.recorded_at),
                    alarm=recorded_alarm_text(alarm.code),
                    who=alarm.operator,
                )
            )
        for override in record.overrides:
            point = str(override.point_index + 1) if override.point_index is not None else "—"
            lines.append(
                self.tr(
                    "Override on point {point}: {field} {value} (limit {limit}) — {reason}, by {who}"
                ).format(
                    point=point,
                    field=self._field(override.field),
                    value=number(override.value, 2),
                    limit=number(override.limit, 2),
                    reason=override.reason,
                    who=override.confirmed_by,
                )
            )
        for warning in record.calibration_warnings:
            lines.append(
                self.tr("Calibration warning: {message} (acknowledged by {who})").format(
                    message=remark_text(warning.message, current_language()), who=warning.acknowledged_by
                )
            )
        points = self.figures.points if self.figures is not None else ()
        with_delivery = {point.index for point in points if point.delivered_ul > 0}
        for skip in record.skips:
            # A point left after some delivery is partial, not skipped.
            line = (
                self.tr("Point {point} left partial: {reason}")
                if skip.point_index in with_delivery
                else self.tr("Point {point} skipped: {reason}")
            )
            reason = remark_text(skip.reason, current_language())
            lines.append(line.format(point=skip.point_index + 1, reason=reason))
        lines += [self._decision_line(decision) for decision in record.decisions]
        if not lines:
            lines.append(self.tr("No alarm, no override, no calibration warning."))
        for line in lines:
            label = self._value(line)
            events.addWidget(label)
            label.show()

    def _decision_line(self, decision: PointDecisionRecord) -> str:
        """The practitioner's choice for a point a cut shot left short, in words."""
        values = {
            "point": decision.point_index + 1,
            "delivered": number(decision.delivered_ul, 1),
            "target": number(decision.target_ul, 1),
            "who": decision.operator,
        }
        if decision.choice is PartialChoice.COMPLETE:
            shot = decision.remainder_shot_ul
            return self.tr(
                "Point {point} cut short at {delivered} of {target} µl: "
                "completed with {shot} µl (chosen by {who})"
            ).format(shot=number(shot, 1) if shot is not None else "—", **values)
        if decision.choice is PartialChoice.DONE:
            return self.tr(
                "Point {point} cut short at {delivered} of {target} µl: ended as it was (chosen by {who})"
            ).format(**values)
        return self.tr(
            "Point {point} cut short at {delivered} of {target} µl: skipped, {reason} ({who})"
        ).format(reason=remark_text(decision.reason or "", current_language()), **values)

    def _field(self, field: str) -> str:
        texts = {
            "depth_mm": self.tr("depth (mm)"),
            "volume_ul": self.tr("volume per shot (µl)"),
            "flow_ul_s": self.tr("flow (µl/s)"),
            "burst_rate_per_s": self.tr("rate (shots/s)"),
        }
        if field.startswith("contraindication "):
            return self.tr("contraindication {code}").format(code=field.removeprefix("contraindication "))
        return texts.get(field, field)

    # ------------------------------------------------------------------ additions

    def _add_note(self, author: str, text: str) -> None:
        session_id, path = self._session_id, self._journal_path
        if session_id is None:
            return

        def write() -> int:
            with SqliteJournal(path) as journal:
                return journal.add_note(session_id, text, author)

        self.notes.set_busy(True)
        self.worker.submit(
            write, lambda _seq: self._added(self.tr("Note added."), note=True), self._add_failed
        )

    def _add_adverse_event(self, author: str, description: str, severity: str, action: str) -> None:
        session_id, path = self._session_id, self._journal_path
        if session_id is None:
            return

        def write() -> int:
            with SqliteJournal(path) as journal:
                return journal.add_adverse_event(
                    session_id,
                    description,
                    reported_by=author,
                    severity=AdverseSeverity(severity) if severity else None,
                    action_taken=action,
                )

        self.notes.set_busy(True)
        self.worker.submit(
            write, lambda _seq: self._added(self.tr("Adverse event recorded."), note=False), self._add_failed
        )

    def _add_scores(self, scores: list[tuple[str, int]]) -> None:
        session_id, path = self._session_id, self._journal_path
        author = self.notes.author_edit.text().strip()
        if session_id is None:
            return
        if not author:
            self.scores.show_feedback(self.tr("Give your name: it is recorded with the addition."))
            self.notes.author_edit.setFocus()
            return

        def write() -> list[int]:
            with SqliteJournal(path) as journal:
                return [
                    journal.record_score(session_id, code, value, entered_by=author) for code, value in scores
                ]

        self.scores.set_busy(True)
        self.worker.submit(write, self._scores_added, self._scores_failed)

    def _scores_added(self, _seqs: list[int]) -> None:
        self.scores.set_busy(False)
        self.scores.show_feedback(self.tr("Scores recorded."))
        self.scores.clear()
        self._reload()

    def _scores_failed(self, error: BaseException) -> None:
        self.scores.set_busy(False)
        self.scores.show_feedback(
            self.tr("Not recorded: {error}").format(error=error_text(error, current_language()))
        )

    def _added(self, text: str, *, note: bool) -> None:
        self.notes.set_busy(False)
        self.notes.show_feedback(text)
        if note:
            self.notes.clear_note()
        else:
            self.notes.clear_event()
        self._reload()

    def _add_failed(self, error: BaseException) -> None:
        self.notes.set_busy(False)
        self.notes.show_feedback(
            self.tr("Not recorded: {error}").format(error=error_text(error, current_language()))
        )

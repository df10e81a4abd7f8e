"""Notes and adverse events of a session: what is recorded, and a form to add to it.

Additions are new journal rows, dated and signed; nothing recorded before changes. So they are
allowed on a past session too, as a physician adds to a patient file. The widget only checks and
asks (``note_requested``, ``adverse_event_requested``); the page writes to the journal.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.language import current_language
from gui.widgets.content_slot import ContentSlot
from gui.widgets.dose_table import moment_text, severity_text
from mesogun.journal.records import AdverseEventRecord, NoteRecord
from mesogun.vocabulary import remark_text

SEVERITIES = ("", "mild", "moderate", "severe")


class SessionNotes(QWidget):
    """Recorded notes and adverse events, then the form to add a note or an adverse event.

    ``note_requested(author, text)``; ``adverse_event_requested(author, description, severity, action)``
    with ``severity`` one of ``"mild"``, ``"moderate"``, ``"severe"`` or ``""`` (not stated).
    """

    note_requested = Signal(str, str)
    adverse_event_requested = Signal(str, str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recorded = ContentSlot(QVBoxLayout, self, spacing=2)
        self.author_edit = QLineEdit(self)
        self.author_edit.setPlaceholderText(self.tr("Your name, recorded with the addition"))
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setPlaceholderText(self.tr("Note on the session: tolerance, advice given…"))
        self.note_edit.setFixedHeight(64)
        self.note_button = QPushButton(self.tr("Add the note"), self)
        self.event_edit = QLineEdit(self)
        self.event_edit.setPlaceholderText(self.tr("What was observed: hematoma, malaise…"))
        self.severity_combo = QComboBox(self)
        for severity in SEVERITIES:
            self.severity_combo.addItem(
                severity_text(severity) if severity else self.tr("Severity not stated")
            )
        self.action_edit = QLineEdit(self)
        self.action_edit.setPlaceholderText(self.tr("Action taken"))
        self.event_button = QPushButton(self.tr("Record the adverse event"), self)
        self.feedback = QLabel(self)
        self.feedback.setWordWrap(True)
        hint = QLabel(
            self.tr("Additions are dated and signed in the journal; nothing recorded before changes."), self
        )
        hint.setProperty("muted", True)
        hint.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Signed by"), self.author_edit)
        form.addRow(self.tr("Note"), self.note_edit)
        note_row = QHBoxLayout()
        note_row.addStretch(1)
        note_row.addWidget(self.note_button)
        form.addRow(note_row)
        form.addRow(self.tr("Adverse event"), self.event_edit)
        form.addRow(self.tr("Severity"), self.severity_combo)
        form.addRow(self.tr("Action taken"), self.action_edit)
        event_button_row = QHBoxLayout()
        event_button_row.addStretch(1)
        event_button_row.addWidget(self.event_button)
        form.addRow(event_button_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.recorded)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addWidget(hint)
        self.note_button.clicked.connect(self._ask_note)
        self.event_button.clicked.connect(self._ask_event)

    def set_records(
        self, notes: Sequence[NoteRecord], adverse_events: Sequence[AdverseEventRecord], author: str
    ) -> None:
        """Show what is recorded; ``author`` fills the name field when it is empty."""
        recorded = self.recorded.renew()
        lines: list[tuple[str, bool]] = []
        for note in notes:
            text = self.tr("{time} — {author}: {text}").format(
                time=moment_text(note.recorded_at),
                author=note.author,
                text=remark_text(note.text, current_language()),
            )
            lines.append((text, False))
        for event in adverse_events:
            text = self.tr(
                "Adverse event, {time}: {description} ({severity}); action: {action}; by {who}"
            ).format(
                time=moment_text(event.observed_at),
                description=event.description,
                severity=severity_text(event.severity.value if event.severity else None),
                action=event.action_taken or "—",
                who=event.reported_by,
            )
            lines.append((text, True))
        if not lines:
            lines.append((self.tr("No note and no adverse event recorded."), False))
        for text, alert in lines:
            label = QLabel(text, self)
            label.setWordWrap(True)
            label.setObjectName("adverseEvent" if alert else "note")
            if alert:
                label.setStyleSheet("font-weight: 600;")
            recorded.addWidget(label)
            label.show()  # at once, not at the next turn of the event loop
        if not self.author_edit.text().strip():
            self.author_edit.setText(author)

    def set_busy(self, busy: bool) -> None:
        """Disable the buttons while an addition is being written."""
        self.note_button.setEnabled(not busy)
        self.event_button.setEnabled(not busy)

    def show_feedback(self, text: str) -> None:
        """A message under the form (done, or what is missing)."""
        self.feedback.setText(text)

    def clear_note(self) -> None:
        self.note_edit.clear()

    def clear_event(self) -> None:
        self.event_edit.clear()
        self.action_edit.clear()
        self.severity_combo.setCurrentIndex(0)

    def _author(self) -> str | None:
        author = self.author_edit.text().strip()
        if not author:
            self.show_feedback(self.tr("Give your name: it is recorded with the addition."))
            self.author_edit.setFocus()
            return None
        return author

    def _ask_note(self) -> None:
        author = self._author()
        if author is None:
            return
        text = self.note_edit.toPlainText().strip()
        if not text:
            self.show_feedback(self.tr("Write the note first."))
            self.note_edit.setFocus()
            return
        self.note_requested.emit(author, text)

    def _ask_event(self) -> None:
        author = self._author()
        if author is None:
            return
        description = self.event_edit.text().strip()
        if not description:
            self.show_feedback(self.tr("Describe the adverse event first."))
            self.event_edit.setFocus()
            return
        severity = SEVERITIES[self.severity_combo.currentIndex()]
        self.adverse_event_requested.emit(author, description, severity, self.action_edit.text().strip())

"""Outcome scores of a session: what is recorded, and a form to enter pain before/after and HAM-A.

The widget checks and asks (``scores_requested``); the page writes to the journal. A scale left at
"—" is not scored. The journal keeps the scale's code and the value; the words are the interface's.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from gui.widgets.content_slot import ContentSlot
from gui.widgets.dose_table import moment_text
from mesogun.journal.outcome_scores import SCORE_RANGES, ScoreCode
from mesogun.journal.records import OutcomeScoreRecord


def score_name(code: ScoreCode | str) -> str:
    """A scale by its name in the interface language."""
    texts = {
        ScoreCode.PAIN_NRS_BEFORE: QCoreApplication.translate("RecordTexts", "Pain before (0–10)"),
        ScoreCode.PAIN_NRS_AFTER: QCoreApplication.translate("RecordTexts", "Pain after (0–10)"),
        ScoreCode.HAM_A: QCoreApplication.translate("RecordTexts", "HAM-A anxiety (0–56)"),
    }
    try:
        return texts[ScoreCode(code)]
    except ValueError:
        return str(code)


class ScoreSpin(QSpinBox):
    """A score field: "—" until a value is typed or stepped; the mouse wheel never changes it."""

    def __init__(self, code: ScoreCode, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        low, high = SCORE_RANGES[code]
        # One step below the scale means "not scored" (shown as "—").
        self.setRange(low - 1, high)
        self.setSpecialValueText("—")
        self.setValue(self.minimum())
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setObjectName(f"score_{code.value}")

    def wheelEvent(self, event: QWheelEvent) -> None:
        # A score changed by scrolling past the form would be recorded as the patient's answer.
        event.ignore()

    def score(self) -> int | None:
        """The value entered, or None when left at "—"."""
        return None if self.value() == self.minimum() else self.value()

    def clear_score(self) -> None:
        self.setValue(self.minimum())


class OutcomeScoresForm(QWidget):
    """Recorded scores, then one field per scale and "Record the scores".

    ``scores_requested(list[tuple[str, int]])``: the codes and values entered (at least one).
    """

    scores_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recorded = ContentSlot(QVBoxLayout, self, spacing=2)
        self.spins = {code: ScoreSpin(code, self) for code in ScoreCode}
        self.record_button = QPushButton(self.tr("Record the scores"), self)
        self.record_button.setObjectName("recordScores")
        self.feedback = QLabel(self)
        self.feedback.setWordWrap(True)
        form = QFormLayout()
        for code, spin in self.spins.items():
            form.addRow(score_name(code), spin)
        form.addRow(self.record_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.recorded)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        self.record_button.clicked.connect(self._ask)

    def set_records(self, scores: Sequence[OutcomeScoreRecord]) -> None:
        """Show the scores recorded, oldest first (a scale scored again shows both)."""
        recorded = self.recorded.renew()
        lines = [
            self.tr("{time} — {scale}: {value} ({who})").format(
                time=moment_text(item.scored_at),
                scale=score_name(item.code),
                value=item.value,
                who=item.entered_by,
            )
            for item in scores
        ] or [self.tr("No score recorded.")]
        for text in lines:
            label = QLabel(text, self)
            label.setWordWrap(True)
            recorded.addWidget(label)
            label.show()

    def set_busy(self, busy: bool) -> None:
        self.record_button.setEnabled(not busy)

    def show_feedback(self, text: str) -> None:
        self.feedback.setText(text)

    def clear(self) -> None:
        for spin in self.spins.values():
            spin.clear_score()

    def _ask(self) -> None:
        entered = [(code.value, spin.score()) for code, spin in self.spins.items()]
        scores = [(code, value) for code, value in entered if value is not None]
        if not scores:
            self.show_feedback(self.tr("Enter at least one score first."))
            return
        self.scores_requested.emit(scores)

"""Consent and the session's contraindication checklist, answered before the session starts.

The questions come from the plan, its products and its points (``screening_questions``). Each gets
No / Yes (nothing is pre-answered). A Yes to an *absolute* contraindication stops the session; a Yes
to a *relative* one needs a justification, recorded with the session (the runner's screening rules).
``problems()`` says what still blocks.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.language import current_language
from gui.session_bridge import ScreeningChoice
from mesogun.catalogue.contraindications import ScreeningQuestion, screening_questions
from mesogun.models import SessionPlan


@dataclass
class QuestionRow:
    """The widgets of one question."""

    question: ScreeningQuestion
    label: QLabel
    no: QRadioButton
    yes: QRadioButton
    reason: QLineEdit
    note: QLabel

    @property
    def answered(self) -> bool:
        return self.no.isChecked() or self.yes.isChecked()

    @property
    def blocks(self) -> bool:
        """Yes to an absolute contraindication, or to a relative one without a justification."""
        if not self.yes.isChecked():
            return False
        return self.question.blocking or not self.reason.text().strip()


class ScreeningForm(QGroupBox):
    """Consent checkbox and one No/Yes row per contraindication; ``changed`` on every answer."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Consent and contraindications"))
        self.consent_box = QCheckBox(self.tr("The patient gave informed consent"), self)
        self.consent_box.toggled.connect(self.changed)
        self.hint = QLabel(
            self.tr(
                "Answer each question. A yes to an absolute contraindication stops the session; a yes "
                "to a relative one needs your justification, recorded with the session."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setProperty("muted", True)
        self._grid_host = QWidget(self)
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setColumnStretch(0, 1)
        self.rows: dict[str, QuestionRow] = {}
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.consent_box)
        self._layout.addWidget(self.hint)
        self._layout.addWidget(self._grid_host)

    def set_plan(self, plan: SessionPlan | None) -> None:
        """Ask the questions of ``plan`` (every answer cleared; consent too)."""
        # New questions in a new grid: the old one goes with its widgets and layouts.
        self._grid_host.hide()
        self._grid_host.deleteLater()
        self._grid_host = QWidget(self)
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setColumnStretch(0, 1)
        self._layout.addWidget(self._grid_host)
        self.rows.clear()
        self.consent_box.setChecked(False)
        questions = screening_questions(plan) if plan is not None else ()
        french = current_language() == "fr"
        for number, question in enumerate(questions, start=1):
            # French typography: the plan's "… ?" keeps its question mark on the line (no-break space).
            text = question.question_fr.replace(" ?", "\u00a0?") if french else question.question_en
            # The question is the plan's own text, in the language chosen; its kind is ours.
            label = QLabel(
                self.tr("Question {number}: {question}").format(number=number, question=text), self._grid_host
            )
            label.setWordWrap(True)
            kind = QLabel(self.tr("absolute") if question.blocking else self.tr("relative"), self._grid_host)
            linked = [b.partition(":")[2] for b in question.because if ":" in b]
            if linked:
                kind.setToolTip(self.tr("Asked because of: {items}").format(items=", ".join(linked)))
            kind.setProperty("muted", True)
            no = QRadioButton(self.tr("No"), self._grid_host)
            yes = QRadioButton(self.tr("Yes"), self._grid_host)
            group = QButtonGroup(self._grid_host)
            group.addButton(no)
            group.addButton(yes)
            reason = QLineEdit(self._grid_host)
            reason.setPlaceholderText(self.tr("Justification, recorded with the session"))
            reason.setVisible(False)
            note = QLabel(self._grid_host)
            note.setWordWrap(True)
            note.setVisible(False)
            row = QuestionRow(question, label, no, yes, reason, note)
            base = 3 * (number - 1)
            self._grid.addWidget(label, base, 0)
            self._grid.addWidget(kind, base, 1)
            answers = QHBoxLayout()
            answers.addWidget(no)
            answers.addWidget(yes)
            self._grid.addLayout(answers, base, 2)
            self._grid.addWidget(reason, base + 1, 0, 1, 3)
            self._grid.addWidget(note, base + 2, 0, 1, 3)
            no.toggled.connect(lambda _on, r=row: self._on_answer(r))
            yes.toggled.connect(lambda _on, r=row: self._on_answer(r))
            reason.textChanged.connect(lambda _text, r=row: self._on_answer(r))
            self.rows[question.code] = row
        self.changed.emit()

    def answer(self, code: str, positive: bool, reason: str | None = None) -> None:
        """Answer question ``code`` as the practitioner would (tests, keyboard macros)."""
        row = self.rows[code]
        (row.yes if positive else row.no).setChecked(True)
        if reason is not None:
            row.reason.setText(reason)

    @property
    def consent(self) -> bool:
        """True when the consent box is ticked."""
        return self.consent_box.isChecked()

    def choices(self) -> tuple[ScreeningChoice, ...]:
        """The answers given, in the plan's order (only answered questions)."""
        result = []
        for code, row in self.rows.items():
            if not row.answered:
                continue
            positive = row.yes.isChecked()
            reason = row.reason.text().strip() if positive and not row.question.blocking else ""
            result.append(ScreeningChoice(code, positive, reason or None))
        return tuple(result)

    def problems(self) -> list[str]:
        """What keeps the session from starting: consent, unanswered and blocking questions."""
        problems: list[str] = []
        if not self.consent:
            problems.append(self.tr("Informed consent is not recorded"))
        unanswered = sum(1 for row in self.rows.values() if not row.answered)
        if unanswered:
            problems.append(self.tr("%n contraindication question(s) not answered", "", unanswered))
        blocking = [row for row in self.rows.values() if row.blocks]
        if blocking:
            problems.append(
                self.tr(
                    "Contraindication answered yes (absolute, or relative without justification): {codes}"
                ).format(codes=", ".join(row.question.code for row in blocking))
            )
        return problems

    def _on_answer(self, row: QuestionRow) -> None:
        positive = row.yes.isChecked()
        row.reason.setVisible(positive and not row.question.blocking)
        if positive and row.question.blocking:
            row.note.setText(self.tr("Absolute contraindication: the session cannot take place."))
            row.note.setStyleSheet(f"color: {style.STOP_RED};")
        elif positive:
            documented = bool(row.reason.text().strip())
            row.note.setText(
                self.tr("Justification recorded with the session.")
                if documented
                else self.tr("Relative contraindication: write your justification above to go on.")
            )
            row.note.setStyleSheet(f"color: {style.TEXT_MUTED if documented else style.STOP_RED};")
        row.note.setVisible(positive)
        self.changed.emit()

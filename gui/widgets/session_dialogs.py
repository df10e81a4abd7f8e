"""Dialogs of the running session: a reason (skip, abort), a soft-limit confirmation, the choice for a
point a cut shot left short, a syringe change, and the list of keyboard shortcuts.

Each has a STOP button (``gui.stop_everywhere``): the gun may be armed behind it. Every dialog refuses
to confirm without what the journal needs (a reason in words, a lot and expiry per product, a syringe
fill that fits); none of them talks to the gun: the page sends the result to the session runner.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.session_texts import list_separator
from gui.stop_everywhere import add_stop_button
from gui.widgets.product_lots import ProductLotsForm
from gui.widgets.syringe_form import SyringeForm
from mesogun.models import SessionPlan


class ReasonDialog(QDialog):
    """Asks for a reason in words (common ones offered, any text accepted); OK only when one is given."""

    def __init__(
        self,
        title: str,
        prompt: str,
        confirm_text: str,
        suggestions: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        label = QLabel(prompt, self)
        label.setWordWrap(True)
        self.reason_combo = QComboBox(self)
        self.reason_combo.setEditable(True)
        self.reason_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.reason_combo.addItems(["", *suggestions])
        self.reason_combo.setCurrentIndex(0)
        line = self.reason_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Reason, in words"))
            line.textChanged.connect(self._update)
        self.buttons = QDialogButtonBox(self)
        self.confirm_button = QPushButton(confirm_text, self)
        self.confirm_button.setProperty("accent", True)
        self.buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.reason_combo)
        layout.addWidget(self.buttons)
        self.stop_button = add_stop_button(self)
        self._update()

    def reason(self) -> str:
        """The reason given (stripped)."""
        return self.reason_combo.currentText().strip()

    def set_reason(self, text: str) -> None:
        """Type ``text`` as the reason."""
        self.reason_combo.setEditText(text)

    def _update(self) -> None:
        self.confirm_button.setEnabled(bool(self.reason()))


class OverrideDialog(ReasonDialog):
    """The current point is outside the usual range: deliver it anyway with a reason, or skip it."""

    SKIP = 2

    def __init__(self, point_title: str, violations: Sequence[str], parent: QWidget | None = None) -> None:
        lines = "".join(f"<li>{text}</li>" for text in violations)
        super().__init__(
            self.tr("Outside the usual range"),
            self.tr(
                "<b>{point}</b> is set outside the usual range:<ul>{lines}</ul>"
                "To deliver it as planned, give the reason; it is recorded with each dose of this point."
            ).format(point=point_title, lines=lines),
            self.tr("Deliver with this reason"),
            (),
            parent,
        )
        self.skip_button = QPushButton(self.tr("Skip this point"), self)
        self.buttons.addButton(self.skip_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.skip_button.clicked.connect(lambda: self.done(self.SKIP))


class TooSoonDialog(ReasonDialog):
    """The session comes before its course allows (« rarement »): go on with a reason, or not at all."""

    def __init__(self, explanation: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Session too soon"),
            explanation,
            self.tr("Open the session with this reason"),
            (
                self.tr("Acute pain, seen again earlier than planned"),
                self.tr("Session moved at the patient's request"),
            ),
            parent,
        )


class PartialPointDialog(ReasonDialog):
    """A cut shot left the current point short: complete it with what is left, end it as it is, or skip it.

    Finishes with :attr:`COMPLETE`, :attr:`DONE` or :attr:`SKIP` (then :meth:`reason` is the reason),
    or is rejected (the point waits, and the question comes back). "Complete" is offered only when
    ``can_complete``; ``remainder_shot_ul`` is the shot it starts with, ``whole_shots`` what follows.
    """

    COMPLETE = 2
    DONE = 3
    SKIP = 4

    def __init__(
        self,
        point_title: str,
        *,
        delivered_ul: float,
        target_ul: float,
        remainder_ul: float,
        remainder_shot_ul: float | None,
        whole_shots: int,
        can_complete: bool,
        parent: QWidget | None = None,
    ) -> None:
        prompt = self.tr(
            "<b>{point}</b> received {delivered} of {target} µl: a shot was cut short. "
            "{remainder} µl are left. Your choice is recorded in the journal."
        ).format(
            point=point_title,
            delivered=f"{delivered_ul:g}",
            target=f"{target_ul:g}",
            remainder=f"{remainder_ul:g}",
        )
        if not can_complete:
            prompt += "<br>" + self.tr(
                "What is left is less than the smallest shot the gun can deliver: it cannot be completed."
            )
        super().__init__(
            self.tr("A shot was cut short"),
            prompt,
            self.tr("Skip the point"),
            [self.tr("Painful point"), self.tr("Patient moved"), self.tr("Patient's request")],
            parent,
        )
        self.buttons.accepted.disconnect()  # the skip button finishes with SKIP, not Accepted
        self.confirm_button.clicked.connect(lambda: self.done(self.SKIP))
        line = self.reason_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Reason to skip, in words"))
        self.complete_button = QPushButton(self._complete_text(remainder_shot_ul, whole_shots), self)
        self.complete_button.setProperty("accent", True)
        self.complete_button.setEnabled(can_complete)
        self.complete_button.setVisible(can_complete)
        self.complete_button.clicked.connect(lambda: self.done(self.COMPLETE))
        self.done_button = QPushButton(self.tr("End the point as it is"), self)
        self.done_button.clicked.connect(lambda: self.done(self.DONE))
        self.buttons.addButton(self.complete_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.done_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.confirm_button.setProperty("accent", False)

    def _complete_text(self, remainder_shot_ul: float | None, whole_shots: int) -> str:
        if remainder_shot_ul is not None and whole_shots:
            return self.tr("Complete: {volume} µl, then %n whole shot(s)", "", whole_shots).format(
                volume=f"{remainder_shot_ul:g}"
            )
        if remainder_shot_ul is not None:
            return self.tr("Complete with {volume} µl").format(volume=f"{remainder_shot_ul:g}")
        return self.tr("Complete with %n whole shot(s)", "", whole_shots)


class SyringeChangeDialog(QDialog):
    """A new syringe: the lot and expiry of each product, its capacity and fill (µl)."""

    def __init__(
        self, plan: SessionPlan, sizes_ml: Sequence[int], today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change the syringe"))
        self.setMinimumWidth(560)
        intro = QLabel(
            self.tr(
                "The session stays paused. Enter the lots of the new syringe; they are recorded before the "
                "syringe is declared to the gun."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.lots = ProductLotsForm(self)
        self.lots.set_plan(plan, today)
        self.syringe = SyringeForm(self)
        self.syringe.set_sizes(sizes_ml)
        if plan.cocktail is not None:
            self.syringe.suggest(plan.cocktail.volume_loaded_ml * 1000.0, 0.0)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {style.TEXT_MUTED};")
        self.buttons = QDialogButtonBox(self)
        self.confirm_button = QPushButton(self.tr("Record the new syringe"), self)
        self.confirm_button.setProperty("accent", True)
        self.buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.lots)
        layout.addWidget(self.syringe)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.stop_button = add_stop_button(self)
        self.lots.changed.connect(self._update)
        self.syringe.changed.connect(self._update)
        self._update()

    def _update(self) -> None:
        problems = self.lots.problems() + self.syringe.problems()
        self.problem.setText(list_separator().join(problems))
        self.problem.setVisible(bool(problems))
        self.confirm_button.setEnabled(not problems)


class ShortcutsDialog(QDialog):
    """The keyboard shortcuts of the session screen (a foot pedal is a keyboard too)."""

    def __init__(self, shortcuts: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        for row, (keys, action) in enumerate(shortcuts):
            key_label = QLabel(keys, self)
            key_label.setStyleSheet(
                f"font-weight: 700; background: {style.BACKGROUND}; border: 1px solid {style.BORDER};"
                " border-radius: 4px; padding: 2px 8px;"
            )
            key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(key_label, row, 0)
            grid.addWidget(QLabel(action, self), row, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(buttons)
        self.stop_button = add_stop_button(self)

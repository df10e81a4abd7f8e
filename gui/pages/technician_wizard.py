"""What the calibration wizards share: the row of steps, the stacked pages, the message line, the runner.

A wizard tab shows one page per phase (setup, readings, result) under a line naming every step with
the current one in bold. Its procedure's steps run on the tab's :class:`ProcedureRunner`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gui.device_bridge import DeviceBridge
from gui.pages.technician_journal import JournalFile
from gui.pages.technician_procedure import ProcedureRunner
from gui.style import ALARM_HIGH, TEXT_MUTED
from gui.widgets.technician_signals import BridgeLinks


class WizardTab(QWidget):
    """Steps line, pages and message of one calibration wizard; subclasses add the pages."""

    def __init__(
        self, bridge: DeviceBridge, journal: JournalFile, worker_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._journal = journal
        self.runner = ProcedureRunner(worker_name, self)
        self.links = BridgeLinks()  # the subclass connects the bridge's signals through it
        self.steps = QWidget(self)
        self._step_labels: list[QLabel] = []
        self.pages = QStackedWidget(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ALARM_HIGH};")
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)

    def step_names(self) -> Sequence[str]:
        """The steps as the technician reads them (translated by the subclass)."""
        return ()

    def show_step(self, index: int, page: int) -> None:
        """Bold the step ``index`` and show the page ``page``."""
        if not self._step_labels:
            self._build_steps()
        for i, label in enumerate(self._step_labels):
            label.setStyleSheet("font-weight: 700;" if i == index else f"color: {TEXT_MUTED};")
        self.pages.setCurrentIndex(page)

    def current_step(self) -> str:
        """The name of the step shown in bold."""
        bold = [label.text() for label in self._step_labels if "700" in label.styleSheet()]
        return bold[0] if bold else ""

    def _build_steps(self) -> None:
        row = QHBoxLayout(self.steps)
        row.setContentsMargins(0, 0, 0, 0)
        for i, name in enumerate(self.step_names()):
            if i:
                row.addWidget(QLabel("›", self.steps))
            label = QLabel(name, self.steps)
            self._step_labels.append(label)
            row.addWidget(label)
        row.addStretch(1)

    def say(self, text: str) -> None:
        """Show ``text`` on the message line (empty: clear it)."""
        self.message.setText(text)

    def shutdown(self) -> None:
        """Cancel a running procedure (gun safe), stop hearing the bridge, stop the worker thread."""
        self.links.disconnect_all()
        self.runner.shutdown()


def spin_box(
    parent: QWidget, minimum: float, maximum: float, value: float, decimals: int, suffix: str
) -> QDoubleSpinBox:
    """A number field limited to [minimum, maximum] (out-of-range values cannot be typed)."""
    spin = QDoubleSpinBox(parent)
    spin.setRange(minimum, maximum)
    spin.setDecimals(decimals)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin


class ReadingEntry(QGroupBox):
    """One reading typed by the technician: a prompt, a number field and the button that enters it.

    Texts come translated from the wizard that builds it. ``maximum`` bounds the field (a value outside
    cannot be typed); ``on_enter`` runs when the button is clicked.
    """

    def __init__(
        self,
        parent: QWidget,
        *,
        title: str,
        prompt: str,
        button_text: str,
        maximum: float,
        decimals: int,
        suffix: str,
        on_enter: Callable[[], None],
    ) -> None:
        super().__init__(title, parent)
        self.spin = spin_box(self, 0.0, maximum, 0.0, decimals, suffix)
        self.button = QPushButton(button_text, self)
        self.button.setProperty("accent", True)
        self.button.clicked.connect(on_enter)
        row = QHBoxLayout(self)
        row.addWidget(QLabel(prompt, self))
        row.addWidget(self.spin)
        row.addWidget(self.button)
        row.addStretch(1)


class ActionBox(QGroupBox):
    """A finding in words beside the one button that acts on it (write the new factor, syringe loaded)."""

    def __init__(
        self, parent: QWidget, *, title: str, button_text: str, on_click: Callable[[], None]
    ) -> None:
        super().__init__(title, parent)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.button = QPushButton(button_text, self)
        self.button.setProperty("accent", True)
        self.button.clicked.connect(on_click)
        row = QHBoxLayout(self)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)

"""What the calibration wizards share: the row of steps, the stacked pages, the message line, the runner.

A wizard tab shows one page per phase (setup, readings, result) under a line naming every step with
the current one in bold. Its procedure's steps run on the tab's :class:`ProcedureRunner`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QStackedWidget, QVBoxLayout, QWidget

from gui.device_bridge import DeviceBridge
from gui.pages.technician_journal import JournalFile
from gui.pages.technician_procedure import ProcedureRunner
from gui.style import ALARM_HIGH


class WizardTab(QWidget):
    """Steps line, pages and message of one calibration wizard; subclasses add the pages."""

    def __init__(
        self, bridge: DeviceBridge, journal: JournalFile, worker_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._journal = journal
        self.runner = ProcedureRunner(worker_name, self)
        self.steps = QLabel(self)
        self.steps.setTextFormat(Qt.TextFormat.RichText)
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
        names = self.step_names()
        self.steps.setText(
            "  ›  ".join(f"<b>{name}</b>" if i == index else name for i, name in enumerate(names))
        )
        self.pages.setCurrentIndex(page)

    def say(self, text: str) -> None:
        """Show ``text`` on the message line (empty: clear it)."""
        self.message.setText(text)

    def shutdown(self) -> None:
        """Cancel a running procedure (gun safe) and stop the worker thread."""
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

"""The STOP button: big, red, in the main window's toolbar and inside the dialogs of a session.

It only emits ``stop_requested``; whoever owns the device connects it to the stop command (which must
not wait behind other device calls). The keys (F12, Esc) are caught for every window by
``gui.stop_everywhere``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget


class EmergencyStopButton(QPushButton):
    """A large red STOP button; clicking it emits ``stop_requested``."""

    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emergencyStop")
        self.setText(self.tr("STOP"))
        self.setToolTip(self.tr("Stop the gun now: halts the motor and retracts the needle (Esc, F12)"))
        self.setAccessibleName(self.tr("Emergency stop"))
        self.setMinimumSize(140, 52)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        # Never steal focus from a form: the keyboard shortcuts work wherever focus is.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clicked.connect(self.stop_requested)

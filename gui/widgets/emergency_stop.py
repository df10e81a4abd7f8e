"""The always-visible STOP button: big, red, reachable with Esc and F12 from anywhere in the window.

It only emits ``stop_requested``; whoever owns the device connects it to the stop command (which must
not wait behind other device calls).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

STOP_KEYS = (Qt.Key.Key_Escape, Qt.Key.Key_F12)


class EmergencyStopButton(QPushButton):
    """A large red STOP button; clicking it or pressing Esc/F12 emits ``stop_requested``."""

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
        self.shortcuts: list[QShortcut] = []

    def install_shortcuts(self, window: QWidget) -> None:
        """Make Esc and F12 press STOP anywhere in the application, even over an open dialog."""
        for key in STOP_KEYS:
            shortcut = QShortcut(QKeySequence(key), window)
            # Stopping the gun outranks closing a dialog with Esc.
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.activated.connect(self.stop_requested)
            self.shortcuts.append(shortcut)

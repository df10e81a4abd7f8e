"""The main window's fixed toolbar: a heading, the screen switcher, then settings and STOP at the right."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar, QWidget

from gui import style


class MainToolbar(QToolBar):
    """A toolbar that cannot be moved, opening with ``heading`` (texts come translated)."""

    def __init__(self, name: str, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.setObjectName("mainToolbar")
        self.setMovable(False)
        title = QLabel(heading, self)
        title.setProperty("heading", True)
        self.addWidget(title)
        self.setStyleSheet(
            f"QToolButton {{ padding: 6px 12px; border-radius: 4px; }}"
            f" QToolButton:checked {{ background: {style.ACCENT_LIGHT}; color: {style.ACCENT};"
            " font-weight: 600; }"
        )

    def add_trailing(self, settings: QAction, stop_button: QWidget) -> None:
        """After the screens: a stretch, then ``settings`` and the emergency STOP, always at the right."""
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)
        self.addAction(settings)
        self.addWidget(stop_button)

"""The mouse wheel changes only the field the user clicked into.

A spin box, combo box or date field changes its value under the wheel by default, even without focus:
scrolling a form past it changed a lot's expiry year, the syringe's capacity and an adverse event's
severity without anyone noticing. ``WheelGuard``, one event filter on the ``QApplication``, makes such a
field take focus only from a click or Tab (never from the wheel), and passes the wheel of a field
without focus on to what holds it (the form scrolls instead).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

#: The fields whose value the wheel would change (date and time fields are spin boxes).
GUARDED = (QAbstractSpinBox, QComboBox)

_guard: list[WheelGuard] = []


class WheelGuard(QObject):
    """See the module documentation; ``install_wheel_guard()`` installs the one instance."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            if isinstance(watched, GUARDED) and not watched.hasFocus():
                # Ignored and consumed: Qt hands it to the parent (a scroll area scrolls).
                event.ignore()
                return True
            return False
        if kind == QEvent.Type.Polish and isinstance(watched, GUARDED):
            _no_wheel_focus(watched)
        return False


def _no_wheel_focus(widget: QWidget) -> None:
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def install_wheel_guard() -> None:
    """Install the guard on the application (once; later calls do nothing)."""
    app = QApplication.instance()
    if _guard or not isinstance(app, QApplication):
        return
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    _guard.append(guard)
    # Fields polished before the guard was installed.
    for widget in app.allWidgets():
        if isinstance(widget, GUARDED):
            _no_wheel_focus(widget)

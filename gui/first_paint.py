"""Run something once a window is on screen: right after its first paint, not before.

Start-up work the first screen does not show (the plan list, the serial ports, the sessions left open)
is done once the practitioner sees the window, so that the window appears sooner. Qt paints a widget
window while it handles the window's first expose event; a zero-delay timer queued from that event
runs at the next turn of the event loop, after the paint.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QWindow


class _FirstExpose(QObject):
    """An event filter on one native window (never on the application): it sees that window's events
    only, and removes itself at the first expose."""

    def __init__(self, window: QWindow, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Expose and self._window.isExposed():
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
            self.deleteLater()
        return False


def after_first_paint(window: QWindow, then: Callable[[], None]) -> None:
    """Call ``then`` once, at the event loop's next turn after ``window`` is first painted (at once
    at that turn if it is already exposed)."""
    if window.isExposed():
        QTimer.singleShot(0, then)
    else:
        _FirstExpose(window, then)

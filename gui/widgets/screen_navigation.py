"""The toolbar's screen switcher: one checkable action per screen, Ctrl+1…N, the screen shown marked.

The main window gives each screen's key, name, description and page; the switcher only builds the
actions and calls back with the page chosen. Its shortcuts work from anywhere in the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QToolBar, QWidget


@dataclass(frozen=True)
class Screen:
    """One screen of the window: ``key`` names it, ``text`` and ``tip`` are shown (translated)."""

    key: str
    text: str
    tip: str
    page: QWidget


class ScreenNavigation(QObject):
    """Exclusive actions on ``toolbar`` for ``screens``; ``show(page)`` is called when one is chosen.

    ``tip_with_key(tip, key)`` words a tooltip with its shortcut (the caller translates it).
    """

    def __init__(
        self,
        toolbar: QToolBar,
        screens: Sequence[Screen],
        show: Callable[[QWidget], None],
        tip_with_key: Callable[[str, str], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self._pages: dict[str, QWidget] = {}
        self.actions: dict[str, QAction] = {}
        for number, screen in enumerate(screens, start=1):
            action = QAction(screen.text, toolbar)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            key_text = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(tip_with_key(screen.tip, key_text))
            action.triggered.connect(lambda _checked=False, page=screen.page: show(page))
            self._group.addAction(action)
            toolbar.addAction(action)
            button = toolbar.widgetForAction(action)
            if button is not None:
                button.setObjectName(f"nav-{screen.key}")
            self.actions[screen.key] = action
            self._pages[screen.key] = screen.page

    def mark(self, page: QWidget) -> None:
        """Check the action of ``page`` (a page outside the switcher leaves the mark as it is)."""
        for key, shown in self._pages.items():
            if shown is page:
                self.actions[key].setChecked(True)

    def set_available(self, key: str, on: bool, why_not: str = "") -> None:
        """Enable the screen ``key``, or disable it saying why (status tip)."""
        action = self.actions[key]
        action.setEnabled(on)
        action.setStatusTip("" if on else why_not)

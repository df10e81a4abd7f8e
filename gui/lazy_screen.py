"""A screen built the first time it is needed, so that start-up builds (and imports) only the first one.

The window puts the screen's placeholder in its stack at once; :meth:`LazyScreen.page` builds the real
page into it on first use (when it is shown, or when code asks for it) and returns it from then on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

W = TypeVar("W", bound=QWidget)


class LazyScreen(Generic[W]):
    """``build(parent)`` makes the page on first use; with ``scrollable``, a page wider than the window
    scrolls rather than forcing the window's minimum width."""

    def __init__(self, build: Callable[[QWidget], W], parent: QWidget, *, scrollable: bool = False) -> None:
        self.placeholder = QWidget(parent)
        self._layout = QVBoxLayout(self.placeholder)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._build = build
        self._scrollable = scrollable
        self._page: W | None = None

    @property
    def built(self) -> W | None:
        """The page if it was built, else None (nothing is built by asking)."""
        return self._page

    def page(self) -> W:
        """The page, built now if it was not yet."""
        if self._page is None:
            page = self._build(self.placeholder)
            self._page = page
            if self._scrollable:
                area = QScrollArea(self.placeholder)
                area.setWidget(page)
                area.setWidgetResizable(True)
                area.setFrameShape(QScrollArea.Shape.NoFrame)
                self._layout.addWidget(area)
            else:
                self._layout.addWidget(page)
        return self._page

    def holds(self, widget: QWidget) -> bool:
        """True when ``widget`` is this screen's placeholder or its page."""
        return widget is self.placeholder or (self._page is not None and widget is self._page)

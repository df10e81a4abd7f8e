"""A place on screen whose content is rebuilt as a whole, never item by item.

Taking items out of a Qt layout from Python (``layout.takeAt``) leaves wrappers of deleted C++ objects
behind; a later paint can then reach the wrong object and abort the interpreter. Replacing the whole
body widget keeps every object's life on the C++ side: the old body is hidden and deleted with its
children, and a fresh one with a fresh layout takes its place.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from PySide6.QtWidgets import QFormLayout, QGridLayout, QHBoxLayout, QLayout, QVBoxLayout, QWidget

LayoutT = TypeVar("LayoutT", QFormLayout, QVBoxLayout, QHBoxLayout, QGridLayout)


class ContentSlot(QWidget, Generic[LayoutT]):
    """Holds one body widget laid out by ``layout_type``; :meth:`renew` replaces it and returns its layout."""

    def __init__(self, layout_type: type[LayoutT], parent: QWidget | None = None, spacing: int = -1) -> None:
        super().__init__(parent)
        self._layout_type: type[LayoutT] = layout_type
        self._spacing = spacing
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._outer: QLayout = outer
        self._body: QWidget | None = None
        self.layout_of_body: LayoutT = self.renew()

    @property
    def body(self) -> QWidget:
        """The current body: give new widgets this parent."""
        assert self._body is not None
        return self._body

    def renew(self) -> LayoutT:
        """Drop the current body with everything in it; return the layout of an empty new one."""
        old = self._body
        if old is not None:
            old.hide()  # gone from the screen now; deleted at the next turn of the event loop
            old.deleteLater()
        body = QWidget(self)
        layout = self._layout_type(body)
        layout.setContentsMargins(0, 0, 0, 0)
        if self._spacing >= 0:
            layout.setSpacing(self._spacing)
        self._outer.addWidget(body)
        body.show()
        self._body = body
        self.layout_of_body = layout
        return layout

"""Connections from the device bridge to a technician widget, undone when the widget shuts down.

The bridge lives as long as the application; a widget of the technician area may be shut down (and
deleted) before it. Qt undoes a connection only once its receiver is destroyed, so a signal the
bridge emits meanwhile (the link closing at exit) would reach a widget whose parts are already gone.
:class:`BridgeLinks` records each connection and :meth:`BridgeLinks.disconnect_all` undoes them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import SignalInstance


class BridgeLinks:
    """The (signal, slot) pairs one widget connected; ``disconnect_all`` undoes them (twice is harmless)."""

    def __init__(self) -> None:
        self._links: list[tuple[SignalInstance, Callable[..., Any]]] = []

    def connect(self, signal: SignalInstance, slot: Callable[..., Any]) -> None:
        signal.connect(slot)
        self._links.append((signal, slot))

    def disconnect_all(self) -> None:
        links, self._links = self._links, []
        for signal, slot in links:
            # Already gone (the bridge was deleted first): nothing left to undo.
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)

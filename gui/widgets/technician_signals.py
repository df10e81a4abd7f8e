"""Connections from the device bridge to a technician widget, undone when the widget shuts down.

Also :func:`while_alive`, for the results of bridge calls that may come back after the widget is gone.

The bridge lives as long as the application; a widget of the technician area may be shut down (and
deleted) before it. Qt undoes a connection only once its receiver is destroyed, so a signal the
bridge emits meanwhile (the link closing at exit) would reach a widget whose parts are already gone.
:class:`BridgeLinks` records each connection and :meth:`BridgeLinks.disconnect_all` undoes them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, SignalInstance


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


def while_alive(owner: QObject, callback: Callable[..., Any]) -> Callable[..., None]:
    """``callback`` that does nothing once ``owner`` was deleted.

    For results a shared worker (the bridge's) delivers later: the widget that asked may be gone.
    """

    def deliver(*args: Any) -> None:
        if shiboken6.isValid(owner):
            callback(*args)

    return deliver

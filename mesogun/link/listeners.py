"""A thread-safe list of callbacks: subscribe (getting an unsubscribe function) and snapshot."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

L = TypeVar("L")


class Listeners(Generic[L]):
    """Callbacks called from link threads; subscribing and unsubscribing work from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: list[L] = []

    def subscribe(self, listener: L) -> Callable[[], None]:
        """Add ``listener``; the returned function removes it again."""
        with self._lock:
            self._items.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._items:
                    self._items.remove(listener)

        return unsubscribe

    def snapshot(self) -> list[L]:
        """The listeners now (a copy: calling them needs no lock)."""
        with self._lock:
            return list(self._items)

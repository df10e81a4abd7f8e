"""A one-thread call queue whose results come back to the GUI thread as queued signals.

``submit`` returns at once; the callable runs on the worker thread, in submission order; its result or
exception is handed to the given callbacks on the thread that owns the worker (the GUI thread). This is
how the GUI talks to anything that may block: the device, the simulated gun, the port scan.

The worker thread never holds the last reference to a call, its result or its exception: calls often
capture a widget, and a widget whose last reference goes away on another thread is destroyed there,
which crashes Qt. So the callable and the outcome stay in the worker's tables until the owner's thread
has delivered them, and the worker thread drops its own references before it signals.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

ResultCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]


class CallWorker(QObject):
    """Runs callables one at a time on its own thread; callbacks run on the owner's thread."""

    # The call id whose outcome is ready. Emitted on the worker thread, received queued.
    _finished = Signal(int)
    #: Every call's exception that had no ``on_error`` callback, on the owner's thread.
    unhandled_error = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[ResultCallback | None, ErrorCallback | None]] = {}
        self._calls: dict[int, Callable[[], Any]] = {}
        self._outcomes: dict[int, tuple[Any, BaseException | None]] = {}
        self._futures: dict[int, Future[None]] = {}
        self._lock = threading.Lock()
        self._closed = False
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> int:
        """Calls submitted whose callbacks have not run yet."""
        with self._lock:
            return len(self._callbacks)

    def submit(
        self,
        call: Callable[[], Any],
        on_result: ResultCallback | None = None,
        on_error: ErrorCallback | None = None,
    ) -> int:
        """Queue ``call`` on the worker thread and return its call id at once."""
        with self._lock:
            if self._closed:
                raise RuntimeError(f"{self._name}: the worker is shut down")
            call_id = next(self._ids)
            self._callbacks[call_id] = (on_result, on_error)
            self._calls[call_id] = call
            self._futures[call_id] = self._executor.submit(self._run, call_id)
        return call_id

    def cancel_pending(self) -> int:
        """Drop the calls not started yet (their callbacks never run); returns how many were dropped."""
        with self._lock:
            dropped = [call_id for call_id, future in self._futures.items() if future.cancel()]
            for call_id in dropped:
                del self._futures[call_id]
                self._callbacks.pop(call_id, None)
                self._calls.pop(call_id, None)
        return len(dropped)

    def shutdown(self, wait: bool = True, cancel_pending: bool = True) -> None:
        """Refuse new calls, drop queued ones (unless ``cancel_pending`` is False: they still run), and by
        default wait for the running ones to end."""
        if cancel_pending:
            self.cancel_pending()
        with self._lock:
            self._closed = True
        self._executor.shutdown(wait=wait)

    def _run(self, call_id: int) -> None:
        with self._lock:
            self._futures.pop(call_id, None)
            call = self._calls[call_id]
        outcome: tuple[Any, BaseException | None]
        try:
            outcome = (call(), None)
        except BaseException as exc:  # every failure goes back to the GUI, none is lost on a thread
            outcome = (None, exc)
        # Hand everything over before signalling: once the owner's thread has delivered, this thread
        # must hold nothing that could be the last reference to a widget.
        del call
        with self._lock:
            self._outcomes[call_id] = outcome
        del outcome
        self._finished.emit(call_id)

    def _deliver(self, call_id: int) -> None:
        with self._lock:
            on_result, on_error = self._callbacks.pop(call_id, (None, None))
            self._calls.pop(call_id, None)
            result, error = self._outcomes.pop(call_id, (None, None))
        if error is not None:
            if on_error is not None:
                on_error(error)
            else:
                self.unhandled_error.emit(error)
        elif on_result is not None:
            on_result(result)

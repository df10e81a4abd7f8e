"""A worker thread that runs submitted jobs one at a time, in order, and ticks when idle.

Callers (a GUI thread, a terminal, link callbacks) submit a job and get a Future at once; only the
worker thread runs jobs, so the state they touch needs no lock. ``on_error`` sees every exception a
job raised (the job's Future gets it too); ``after_each`` runs after every job and every tick.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("mesogun.session")


@dataclass(frozen=True)
class _Job:
    fn: Callable[[], Any]
    future: Future[Any] | None


class _Shutdown:
    pass


class Actor:
    """One worker thread, a FIFO of jobs, a tick every ``tick_s`` seconds when idle."""

    def __init__(
        self,
        name: str,
        *,
        on_tick: Callable[[], None],
        on_error: Callable[[BaseException], None],
        after_each: Callable[[], None],
        tick_s: float = 0.1,
    ) -> None:
        self._on_tick = on_tick
        self._on_error = on_error
        self._after_each = after_each
        self._tick_s = tick_s
        self._queue: queue.Queue[_Job | _Shutdown] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._stopped = threading.Event()

    def start(self) -> None:
        self._thread.start()

    def submit(self, fn: Callable[[], Any], *, with_future: bool = True) -> Future[Any]:
        """Queue ``fn`` to run on the worker; returns a Future for its result (or its exception)."""
        future: Future[Any] = Future()
        if self._stopped.is_set():
            future.set_exception(RuntimeError("the session runner is closed"))
            return future
        self._queue.put(_Job(fn, future if with_future else None))
        if not with_future:
            future.set_result(None)
        return future

    def shutdown(self, timeout_s: float = 5.0) -> None:
        """Stop after the jobs already queued; waits for the worker unless called from it."""
        self._queue.put(_Shutdown())
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout_s)

    @property
    def on_worker(self) -> bool:
        """True when called from the worker thread."""
        return threading.current_thread() is self._thread

    def _run(self) -> None:
        try:
            while True:
                try:
                    item = self._queue.get(timeout=self._tick_s)
                except queue.Empty:
                    self._guarded(self._on_tick, None)
                    continue
                if isinstance(item, _Shutdown):
                    return
                self._guarded(item.fn, item.future)
        finally:
            self._stopped.set()
            self._cancel_rest()

    def _guarded(self, fn: Callable[[], Any], future: Future[Any] | None) -> None:
        if future is not None and not future.set_running_or_notify_cancel():
            return
        try:
            result = fn()
        except Exception as exc:
            try:
                self._on_error(exc)
            except Exception:
                log.exception("session error handler failed")
            if future is not None:
                future.set_exception(exc)
        else:
            if future is not None:
                future.set_result(result)
        try:
            self._after_each()
        except Exception:
            log.exception("session publication failed")

    def _cancel_rest(self) -> None:
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if isinstance(item, _Job) and item.future is not None:
                item.future.set_exception(RuntimeError("the session runner is closed"))

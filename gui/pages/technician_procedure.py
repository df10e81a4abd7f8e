"""Running a calibration procedure's steps from the GUI: one worker thread, progress as queued signals.

A procedure (:mod:`mesogun.calibration`) is driven from ONE thread, every step blocking while the gun
and the instrument work. :class:`ProcedureRunner` owns that thread: ``run(step, ...)`` queues a step
and returns at once; its result or error comes back on the GUI thread. The procedure's progress
listener is :meth:`ProcedureRunner.listener`: it is called on the worker thread and re-emits each
report as the ``progress`` signal, which Qt queues to the GUI thread.

Cancel (:meth:`cancel`) raises the procedure's cancel flag at once (the running step stops at its
next check and leaves the gun safe), then queues ``procedure.cancel()`` behind it, which puts back
provisional factors and leaves technician mode if no step did.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from gui.worker import CallWorker, ErrorCallback, ResultCallback


class Cancellable(Protocol):
    """What :meth:`ProcedureRunner.cancel` needs from a procedure."""

    def request_cancel(self) -> None: ...

    def cancel(self) -> list[str]: ...


class ProcedureRunner(QObject):
    """One worker thread for one procedure at a time; ``progress(object)`` carries its reports."""

    progress = Signal(object)
    # Emitted after a cancel finished: the problems met while making the gun safe (empty: safe).
    cancelled = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = CallWorker(name, self)
        self._procedure: Cancellable | None = None

    @property
    def busy(self) -> bool:
        """True while a step is queued or running."""
        return self.worker.pending > 0

    @property
    def procedure(self) -> Cancellable | None:
        """The procedure being driven (None before the first and after a cancel)."""
        return self._procedure

    def attach(self, procedure: Cancellable | None) -> None:
        """Drive ``procedure`` from now on (None: none is running)."""
        self._procedure = procedure

    def listener(self, report: object) -> None:
        """The procedure's progress listener (worker thread): hand the report to the GUI thread."""
        self.progress.emit(report)

    def run(
        self,
        step: Callable[[], Any],
        on_result: ResultCallback | None = None,
        on_error: ErrorCallback | None = None,
    ) -> int:
        """Queue ``step`` on the worker thread; returns at once."""
        return self.worker.submit(step, on_result, on_error)

    def cancel(self) -> None:
        """Stop the procedure: its running step stops at its next check, then the gun is made safe."""
        procedure = self._procedure
        if procedure is None:
            return
        procedure.request_cancel()
        self.worker.cancel_pending()
        self._procedure = None
        self.worker.submit(
            procedure.cancel, self.cancelled.emit, lambda error: self.cancelled.emit([str(error)])
        )

    def shutdown(self) -> None:
        """Cancel the procedure (gun safe) and stop the worker thread, waiting for both."""
        self.cancel()
        self.worker.shutdown(wait=True, cancel_pending=False)

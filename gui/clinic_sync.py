"""The app's clinic replicator: ships the desk journal in its own thread and reports to the status bar.

Started only when a clinic store is configured (nothing of the database driver is loaded otherwise).
The replicator reads the journal file on its own read-only connection, so a shot's durable commit and
its acknowledgement never wait on it; its reports cross to the GUI thread through a queued signal.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from gui.widgets.clinic_status import ClinicStatusLabel
from mesogun.clinic.settings import ClinicSettingsError, load_settings

if TYPE_CHECKING:
    from mesogun.clinic.replicator import ReplicatorThread

# Closing the app waits this long for a batch in flight (committed whole or not at all anyway).
CLOSE_WAIT_S = 2.0


class ClinicSync(QObject):
    """Owns the replicator thread (if any) and the status bar label that shows its state."""

    state_changed = Signal(object)

    def __init__(self, journal_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._journal_path = journal_path
        self.label = ClinicStatusLabel(parent)
        self._replicator: ReplicatorThread | None = None
        self._generation = 0
        self.state_changed.connect(self._on_state)
        self.reconfigure()

    @property
    def running(self) -> bool:
        return self._replicator is not None

    def reconfigure(self) -> None:
        """Follow the settings as they are now: start, restart or stop the replicator."""
        self._stop(wait_s=0.0)
        self._generation += 1
        generation = self._generation
        try:
            settings = load_settings()
        except ClinicSettingsError as error:
            self.label.show_settings_error(str(error))
            return
        if settings is None:
            self.label.show_not_configured()
            return
        from mesogun.clinic.replicator import ReplicatorThread

        self._replicator = ReplicatorThread(
            self._journal_path,
            settings.conninfo,
            interval_s=settings.sync_interval_s,
            # Called on the replicator's thread: the signal queues it to the GUI thread.
            on_state=lambda state: self.state_changed.emit((generation, state)),
        )
        self.label.show_starting()
        self._replicator.start()

    def _on_state(self, report: object) -> None:
        # A replicator replaced by a reconfiguration may still report once: not shown.
        if isinstance(report, tuple) and report[0] == self._generation:
            self.label.show_state(report[1])

    def sync_soon(self) -> None:
        """Ship now rather than at the next interval (e.g. once a session has ended)."""
        if self._replicator is not None:
            self._replicator.poke()

    def shutdown(self) -> None:
        self._stop(wait_s=CLOSE_WAIT_S)

    def _stop(self, wait_s: float) -> None:
        if self._replicator is not None:
            self._replicator.stop(timeout_s=wait_s)
            self._replicator = None

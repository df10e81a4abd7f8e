"""The status bar's word on the clinic store: in sync (when), behind, unreachable, or differing.

Hidden on a desk that has no clinic store configured. Times are shown in local time; the detail of
an error (from the database driver) goes to the tooltip only.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel, QWidget

from mesogun.clinic.replicator import SyncState


class ClinicStatusLabel(QLabel):
    """One line saying where the patient history comes from and when this desk last caught up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clinicStatus")
        self.hide()

    def _time(self, moment: datetime | None) -> str:
        if moment is None:
            return self.tr("never")
        return moment.astimezone().strftime("%H:%M:%S")

    def show_not_configured(self) -> None:
        self.setText("")
        self.setToolTip("")
        self.hide()

    def show_settings_error(self, detail: str) -> None:
        self.setText(self.tr("Clinic store not used: its settings are invalid"))
        self.setToolTip(detail)
        self.show()

    def show_starting(self) -> None:
        self.setText(self.tr("Clinic store: connecting…"))
        self.setToolTip("")
        self.show()

    def show_state(self, state: object) -> None:
        """Render a replicator state (received through a queued signal)."""
        if not isinstance(state, SyncState):
            return
        last = self._time(state.last_sync_at)
        if state.verdict != "ok":
            verdicts = {
                "truncated": self.tr("rows are missing at its end"),
                "diverged": self.tr("rows were rewritten"),
                "broken": self.tr("a row was edited"),
            }
            reason = verdicts.get(state.verdict, state.verdict)
            self.setText(
                self.tr("Clinic store: this desk's journal differs from the clinic's copy (%1)").replace(
                    "%1", reason
                )
            )
        elif not state.connected:
            self.setText(
                self.tr("Clinic store unreachable: history from this desk only (last sync %1)").replace(
                    "%1", last
                )
            )
        elif state.lag_rows > 0:
            self.setText(
                self.tr("Clinic store: %n row(s) to send (last sync %1)", "", state.lag_rows).replace(
                    "%1", last
                )
            )
        else:
            self.setText(self.tr("Clinic store: in sync at %1").replace("%1", last))
        self.setToolTip(state.error or "")
        self.show()

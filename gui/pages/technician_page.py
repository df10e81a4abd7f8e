"""The technician area: diagnostics, volume and depth calibration, flow test, calibration history.

``TechnicianPage(bridge, journal_path)`` is one page of the main window. The technician-mode bar at
the top shows, at all times, whether the gun accepts calibration writes; the calibration procedures
enter technician mode for their run only, with the access code typed in the bar. Leaving the page
(hiding it) or closing it cancels a running procedure and leaves the gun safe: stopped or disarmed,
its factors as they were, technician mode off. Every device, balance and journal call runs on a
worker thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from gui.device_bridge import DeviceBridge
from gui.pages.technician_certificate import CertificateSaver
from gui.pages.technician_depth import DepthCalibrationTab
from gui.pages.technician_diagnostics import DiagnosticsTab
from gui.pages.technician_flow import FlowTestTab, SimulatedClock
from gui.pages.technician_history import HistoryTab
from gui.pages.technician_journal import JournalFile
from gui.pages.technician_volume import VolumeCalibrationTab
from gui.widgets.calibration_warning import CalibrationWarningBanner
from gui.widgets.technician_mode_bar import TechnicianModeBar


class TechnicianPage(QWidget):
    """Tabs of the technician area over one connected gun and the dose journal at ``journal_path``."""

    def __init__(self, bridge: DeviceBridge, journal_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("technicianPage")
        self._bridge = bridge
        self.journal_path = journal_path
        self.journal = JournalFile(journal_path)
        title = QLabel(self.tr("Technician"), self)
        title.setProperty("heading", True)
        self.mode_bar = TechnicianModeBar(bridge, self)
        self.calibration_banner = CalibrationWarningBanner(bridge, journal_path, self)
        self.certificates = CertificateSaver(self.journal, self)
        self.tabs = QTabWidget(self)
        self.diagnostics_tab = DiagnosticsTab(bridge, journal_path, self)
        self.volume_tab = VolumeCalibrationTab(bridge, self.journal, self.mode_bar.access_code, self)
        self.depth_tab = DepthCalibrationTab(bridge, self.journal, self.mode_bar.access_code, self)
        self.flow_tab = FlowTestTab(bridge, self.journal, self)
        self.history_tab = HistoryTab(bridge, self.journal, self)
        self.tabs.addTab(self.diagnostics_tab, self.tr("Diagnostics"))
        self.tabs.addTab(self.volume_tab, self.tr("Volume calibration"))
        self.tabs.addTab(self.depth_tab, self.tr("Depth calibration"))
        self.tabs.addTab(self.flow_tab, self.tr("Flow test"))
        self.tabs.addTab(self.history_tab, self.tr("Calibration history"))
        self.certificate_status = QLabel(self)
        self.certificate_status.setProperty("muted", True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(title)
        layout.addWidget(self.mode_bar)
        layout.addWidget(self.calibration_banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.certificate_status)

        for tab in (self.volume_tab, self.depth_tab, self.flow_tab):
            tab.finished.connect(lambda _result: self._after_calibration())
        for source in (self.volume_tab, self.depth_tab, self.flow_tab, self.history_tab):
            source.certificate_requested.connect(self.certificates.save)
        self.certificates.written.connect(
            lambda path: self.certificate_status.setText(
                self.tr("Certificate written: {path}").format(path=path)
            )
        )
        self.certificates.failed.connect(self.certificate_status.setText)

    def offer_balance(self, url: str, clock: SimulatedClock | None = None) -> None:
        """Propose a balance port or URL first (e.g. the simulated balance beside a simulated gun);
        ``clock``: that simulated gun, whose clock the flow test's time scale sets."""
        self.volume_tab.setup_form.offer_balance(url)
        self.flow_tab.offer_balance(url, clock)

    @property
    def procedure_running(self) -> bool:
        """True while a calibration or a flow test is under way."""
        return self.volume_tab.running or self.depth_tab.running or self.flow_tab.running

    def make_safe(self, *, report: bool = True) -> None:
        """Cancel what runs and leave the gun safe (technician mode off). Returns at once."""
        for tab in (self.volume_tab, self.depth_tab, self.flow_tab):
            tab.cancel()
        if self.mode_bar.technician_mode:
            self.mode_bar.leave(report=report)

    def shutdown(self) -> None:
        """For application exit: make the gun safe, then stop this page's worker threads."""
        self.make_safe(report=False)
        self.diagnostics_tab.shutdown()
        for tab in (self.volume_tab, self.depth_tab, self.flow_tab):
            tab.shutdown()
        self.history_tab.shutdown()
        self.certificates.shutdown()
        self.mode_bar.detach()
        self.calibration_banner.detach()
        self.journal.close()

    def _certificate_written(self, path: str) -> None:
        self.certificate_status.setText(self.tr("Certificate written: {path}").format(path=path))

    def _after_calibration(self) -> None:
        # New factors and a new record: the warning, the counters and the history change.
        self.calibration_banner.check()
        self.diagnostics_tab.refresh_report()
        self.history_tab.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the technician area must not leave the gun writable or a procedure half done.
        super().hideEvent(event)
        if not event.spontaneous():
            self.make_safe()

"""The technician area: diagnostics, volume and depth calibration, flow test, calibration history.

``TechnicianPage(bridge, journal_path)`` is one page of the main window. The technician-mode bar at
the top shows, at all times, whether the gun accepts calibration writes. Leaving the page (hiding
it) or closing it cancels a running procedure and leaves the gun safe: stopped or disarmed,
technician mode off. Every device, balance and journal call runs on a worker thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from gui.device_bridge import DeviceBridge
from gui.pages.technician_diagnostics import DiagnosticsTab
from gui.widgets.calibration_warning import CalibrationWarningBanner
from gui.widgets.technician_mode_bar import TechnicianModeBar


class TechnicianPage(QWidget):
    """Tabs of the technician area over one connected gun and the dose journal at ``journal_path``."""

    def __init__(self, bridge: DeviceBridge, journal_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("technicianPage")
        self._bridge = bridge
        self.journal_path = journal_path
        title = QLabel(self.tr("Technician"), self)
        title.setProperty("heading", True)
        self.mode_bar = TechnicianModeBar(bridge, self)
        self.calibration_banner = CalibrationWarningBanner(bridge, self)
        self.tabs = QTabWidget(self)
        self.diagnostics = DiagnosticsTab(bridge, journal_path, self)
        self.tabs.addTab(self.diagnostics, self.tr("Diagnostics"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(title)
        layout.addWidget(self.mode_bar)
        layout.addWidget(self.calibration_banner)
        layout.addWidget(self.tabs, 1)

    def make_safe(self) -> None:
        """Cancel what runs and leave the gun safe (technician mode off). Returns at once."""
        if self.mode_bar.technician_mode:
            self.mode_bar.leave()

    def shutdown(self) -> None:
        """For application exit: make the gun safe, then stop this page's worker threads."""
        self.make_safe()
        self.diagnostics.shutdown()

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the technician area must not leave the gun writable or a procedure half done.
        super().hideEvent(event)
        if not event.spontaneous():
            self.make_safe()

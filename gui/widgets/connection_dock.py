"""The dock at the window's left: the connection panel, and under it the simulated gun's controls."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QVBoxLayout, QWidget

from gui.widgets.connection_panel import ConnectionPanel
from gui.widgets.simulator_panel import SimulatorPanel


class ConnectionDock(QDockWidget):
    """``panel`` (connection) and ``simulator`` (trigger and faults, shown while a simulated gun runs and
    the bench, which has its own, is not on screen): a session on the simulated gun needs its trigger
    at hand."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName("connectionDock")
        content = QWidget(self)
        self.panel = ConnectionPanel(content)
        self.simulator = SimulatorPanel(content)
        self.simulator.setVisible(False)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        layout.addWidget(self.simulator)
        layout.addStretch(1)
        self.setWidget(content)
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.setTitleBarWidget(QWidget(self))  # the panel's own title says what it is

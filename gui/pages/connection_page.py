"""The first page: try the gun on the bench (or the simulated gun) with live telemetry and shots.

Left: delivery settings with Arm/Disarm and syringe loading, and the simulated gun's trigger and fault
buttons. Right: the live telemetry plot and the shots the gun reports. Every device call goes through
the device bridge (worker thread); this page never waits on the gun.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QScrollArea, QSplitter, QVBoxLayout, QWidget

from gui.device_bridge import DeviceBridge, LinkState
from gui.widgets.delivery_controls import DeliveryControls, DeliverySettings
from gui.widgets.shot_table import ShotTable
from gui.widgets.simulator_panel import SimulatorPanel
from gui.widgets.telemetry_plot import TelemetryPlot
from mesogun.device_events import Shot
from mesogun.device_info import DeviceInfo
from mesogun.injector import Injector

LEFT_COLUMN_WIDTH_PX = 310


class ConnectionPage(QWidget):
    """Bench page: delivery settings, simulated trigger and faults, live telemetry, shot list."""

    def __init__(
        self, bridge: DeviceBridge, simulator: SimulatorPanel, parent: QWidget | None = None
    ) -> None:
        """``simulator``: the bench's simulated-gun panel, made by the window (it serves before the page
        is built); the page takes it into its left column."""
        super().__init__(parent)
        self._bridge = bridge
        self.delivery = DeliveryControls(self)
        self.simulator = simulator
        self.plot = TelemetryPlot(parent=self)
        self.shots = ShotTable(self)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.delivery)
        left_layout.addWidget(self.simulator)
        left_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Wide enough for the longest translation of the forms' labels and buttons, never clipped.
        scrollbar_px = scroll.verticalScrollBar().sizeHint().width()
        scroll.setFixedWidth(max(LEFT_COLUMN_WIDTH_PX, left.sizeHint().width() + scrollbar_px))

        telemetry_box = QGroupBox(self.tr("Live telemetry"), self)
        telemetry_layout = QVBoxLayout(telemetry_box)
        telemetry_layout.addWidget(self.plot)
        shots_box = QGroupBox(self.tr("Shots reported by the gun"), self)
        shots_layout = QVBoxLayout(shots_box)
        shots_layout.addWidget(self.shots)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(telemetry_box)
        right.addWidget(shots_box)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setSizes([460, 340])
        right.setChildrenCollapsible(False)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(scroll)
        layout.addWidget(right, 1)

        bridge.connected.connect(self._on_connected)
        bridge.link_state_changed.connect(self._on_link_state)
        bridge.status_received.connect(self.delivery.set_status)
        bridge.event_received.connect(self._on_event)
        bridge.telemetry_received.connect(self.plot.add_batches)
        self.delivery.arm_requested.connect(self._arm)
        self.delivery.disarm_requested.connect(self._disarm)
        self.delivery.load_syringe_requested.connect(self._load_syringe)
        if bridge.info is not None:  # built after the gun connected: start from what the bridge knows
            self._on_connected(bridge.info)

    def _on_connected(self, info: DeviceInfo) -> None:
        self.delivery.set_capabilities(info.capabilities)
        self.plot.clear()
        self.shots.clear()

    def _on_link_state(self, state: LinkState, _detail: str) -> None:
        if state is LinkState.DISCONNECTED:
            self.delivery.set_capabilities(None)

    def _on_event(self, event: object) -> None:
        if isinstance(event, Shot):
            self.shots.add_shot(event)

    def _arm(self, settings: DeliverySettings) -> None:
        def configure_and_arm(injector: Injector) -> None:
            injector.configure(
                settings.mode,
                depth_mm=settings.depth_mm,
                volume_ul=settings.volume_ul,
                flow_ul_s=settings.flow_ul_s,
                burst_rate_per_s=settings.burst_rate_per_s,
            )
            injector.arm()

        self._bridge.call("arm", configure_and_arm, lambda _: self._bridge.refresh_status())

    def _disarm(self) -> None:
        self._bridge.call(
            "disarm", lambda injector: injector.disarm(), lambda _: self._bridge.refresh_status()
        )

    def _load_syringe(self, capacity_ml: int, fill_ul: float) -> None:
        self._bridge.call(
            "load_syringe",
            lambda injector: injector.load_syringe(capacity_ml, fill_ul),
            lambda _: self._bridge.refresh_status(),
        )

"""Connection panel: choose the gun (a serial port or the simulated gun), connect, watch the link.

Shows the live link state (connected / reconnecting / lost), the gun's identity (serial number,
firmware and protocol versions), battery, syringe remaining and how long ago the gun last sent a frame.
The panel only emits requests; the main window does the work through the device bridge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.device_bridge import LinkState
from gui.device_texts import state_text
from gui.formatting import breakable, number
from mesogun.device_info import DeviceInfo, DeviceStatus


class TargetKind(StrEnum):
    """Where the gun is."""

    SIMULATOR = "simulator"
    PORT = "port"
    URL = "url"


@dataclass(frozen=True)
class ConnectionTarget:
    """A gun to connect to: the simulated gun, a serial port (``value`` = device path) or a pyserial URL."""

    kind: TargetKind
    value: str = ""


@dataclass(frozen=True)
class PortChoice:
    """A serial port found on this computer."""

    device: str
    serial_number: str | None
    description: str


class ConnectionPanel(QGroupBox):
    """Port picker, connect/disconnect buttons and the live state of the link and the gun."""

    connect_requested = Signal(object)  # ConnectionTarget
    disconnect_requested = Signal()
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Gun"))
        self._link_state = LinkState.DISCONNECTED
        self._extra_targets: list[ConnectionTarget] = []

        self.target_combo = QComboBox(self)
        self.target_combo.setMinimumContentsLength(12)
        self.target_combo.setToolTip(self.tr("The gun to connect to"))
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setToolTip(self.tr("Look for guns on the USB and serial ports again"))
        self.refresh_button.clicked.connect(self.refresh_requested)
        picker = QHBoxLayout()
        picker.addWidget(self.target_combo, 1)
        picker.addWidget(self.refresh_button)

        self.empty_label = QLabel(
            self.tr(
                "No gun found on the USB or serial ports. Plug the gun in and press Refresh, or use the simulated gun."  # noqa: E501
            ),
            self,
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.setProperty("muted", True)

        self.connect_button = QPushButton(self.tr("Connect"), self)
        self.connect_button.setProperty("accent", True)
        self.connect_button.clicked.connect(self._on_connect_clicked)
        self.disconnect_button = QPushButton(self.tr("Disconnect"), self)
        self.disconnect_button.clicked.connect(self.disconnect_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.connect_button)
        buttons.addWidget(self.disconnect_button)

        self.state_value = QLabel(self)
        self.state_value.setStyleSheet("font-weight: 600;")
        self.detail_value = QLabel(self)
        self.detail_value.setWordWrap(True)
        self.detail_value.setProperty("muted", True)
        self.serial_value = QLabel("—", self)
        self.firmware_value = QLabel("—", self)
        self.protocol_value = QLabel("—", self)
        self.device_state_value = QLabel("—", self)
        self.battery_value = QLabel("—", self)
        self.syringe_value = QLabel("—", self)
        self.last_frame_value = QLabel("—", self)
        form = QFormLayout()
        form.setHorizontalSpacing(12)
        form.addRow(self.tr("Link"), self.state_value)
        form.addRow("", self.detail_value)
        form.addRow(self.tr("Serial number"), self.serial_value)
        form.addRow(self.tr("Firmware"), self.firmware_value)
        form.addRow(self.tr("Protocol"), self.protocol_value)
        form.addRow(self.tr("State"), self.device_state_value)
        form.addRow(self.tr("Battery"), self.battery_value)
        form.addRow(self.tr("Syringe"), self.syringe_value)
        form.addRow(self.tr("Last frame"), self.last_frame_value)

        layout = QVBoxLayout(self)
        layout.addLayout(picker)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        layout.addLayout(form)
        layout.addStretch(1)
        self.set_ports([])
        self.set_link_state(LinkState.DISCONNECTED, "")

    # ----------------------------------------------------------------- choices
    def set_ports(self, ports: Sequence[PortChoice]) -> None:
        """List the ports found (the simulated gun is always offered first)."""
        selected = self.selected_target()
        self.target_combo.clear()
        self.target_combo.addItem(self.tr("Simulated gun"), ConnectionTarget(TargetKind.SIMULATOR))
        for target in self._extra_targets:
            self.target_combo.addItem(target.value, target)
        for port in ports:
            serial = (
                self.tr("serial {serial}").format(serial=port.serial_number) if port.serial_number else ""
            )
            text = " — ".join(part for part in (port.device, serial, port.description) if part)
            self.target_combo.addItem(text, ConnectionTarget(TargetKind.PORT, port.device))
        self.empty_label.setVisible(not ports)
        if selected is not None:
            self.select_target(selected)

    def add_target(self, target: ConnectionTarget) -> None:
        """Offer a port or URL given on the command line, even when the port scan does not list it."""
        if target.kind is TargetKind.SIMULATOR:
            self.select_target(target)
            return
        if target not in self._extra_targets:
            self._extra_targets.append(target)
            self.target_combo.insertItem(len(self._extra_targets), target.value, target)
        self.select_target(target)

    def selected_target(self) -> ConnectionTarget | None:
        """The gun chosen in the list."""
        data = self.target_combo.currentData()
        return data if isinstance(data, ConnectionTarget) else None

    def select_target(self, target: ConnectionTarget) -> None:
        """Choose ``target`` in the list, if present."""
        for index in range(self.target_combo.count()):
            if self.target_combo.itemData(index) == target:
                self.target_combo.setCurrentIndex(index)
                return

    # ----------------------------------------------------------------- live state
    def set_link_state(self, state: LinkState, detail: str) -> None:
        """Show the link state; enables the buttons that make sense in it."""
        self._link_state = state
        texts = {
            LinkState.DISCONNECTED: (self.tr("Not connected"), style.TEXT_MUTED),
            LinkState.CONNECTING: (self.tr("Connecting…"), style.ACCENT),
            LinkState.CONNECTED: (self.tr("Connected"), style.POINT_DONE),
            LinkState.RECONNECTING: (self.tr("Reconnecting…"), style.ALARM_MEDIUM),
            LinkState.LOST: (self.tr("Link lost"), style.STOP_RED),
        }
        text, colour = texts[state]
        self.state_value.setText(text)
        self.state_value.setStyleSheet(f"font-weight: 600; color: {colour};")
        show_detail = state in (LinkState.DISCONNECTED, LinkState.RECONNECTING, LinkState.LOST) and bool(
            detail
        )
        # A port address or an error naming one is long and unbroken: it wraps instead of widening
        # the window (the whole text stays in the tooltip).
        self.detail_value.setText(breakable(detail) if show_detail else "")
        self.detail_value.setToolTip(detail if show_detail else "")
        self.detail_value.setVisible(show_detail)
        idle = state is LinkState.DISCONNECTED
        self.connect_button.setEnabled(idle)
        self.target_combo.setEnabled(idle)
        self.refresh_button.setEnabled(idle)
        self.disconnect_button.setEnabled(not idle and state is not LinkState.CONNECTING)
        if idle:
            for label in (
                self.serial_value,
                self.firmware_value,
                self.protocol_value,
                self.device_state_value,
                self.battery_value,
                self.syringe_value,
                self.last_frame_value,
            ):
                label.setText("—")

    def set_device_info(self, info: DeviceInfo) -> None:
        """Show the gun's identity."""
        self.serial_value.setText(info.serial_number)
        self.firmware_value.setText(info.firmware_version)
        self.protocol_value.setText(str(info.protocol_version))

    def set_status(self, status: DeviceStatus) -> None:
        """Show the gun's state, battery and syringe."""
        self.device_state_value.setText(state_text(status.state))
        self.battery_value.setText(self.tr("{pct} %").format(pct=status.battery_pct))
        if status.syringe_capacity_ml > 0:
            self.syringe_value.setText(
                self.tr("{remaining} µl left of {capacity} ml").format(
                    remaining=number(status.syringe_remaining_ul, 0),
                    capacity=number(status.syringe_capacity_ml, 0),
                )
            )
        else:
            self.syringe_value.setText(self.tr("No syringe"))

    def set_last_frame_age(self, seconds: float | None) -> None:
        """Show how long ago the gun last sent a frame."""
        if seconds is None or self._link_state is LinkState.DISCONNECTED:
            self.last_frame_value.setText("—")
        else:
            self.last_frame_value.setText(self.tr("{seconds} s ago").format(seconds=number(seconds, 1)))

    def _on_connect_clicked(self) -> None:
        target = self.selected_target()
        if target is not None:
            self.connect_requested.emit(target)

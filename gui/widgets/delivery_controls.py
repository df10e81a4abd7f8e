"""Hands-on delivery settings for the connection page: mode, depth, volume, flow, syringe, arm/disarm.

This is the bench view a technician uses to try the gun; sessions configure the gun from the plan.
Values are passed to the gun as typed: out-of-range values are refused by the device API with the
field, the value and the allowed range (shown by the main window), never silently corrected here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.device_texts import mode_text
from gui.formatting import number
from mesogun.device_info import Capabilities, DeviceStatus
from mesogun.device_values import Mode


@dataclass(frozen=True)
class DeliverySettings:
    """What to configure before arming. Depth mm, volume per shot µl, flow µl/s, burst rate shots/s."""

    mode: Mode
    depth_mm: float
    volume_ul: float
    flow_ul_s: float
    burst_rate_per_s: float


def _spin(decimals: int, maximum: float, value: float, suffix: str, step: float) -> QDoubleSpinBox:
    # The spin box's own range is wide on purpose: the gun's range is checked by the device API,
    # which refuses with a message instead of the spin box silently clamping the value.
    spin = QDoubleSpinBox()
    spin.setDecimals(decimals)
    spin.setRange(0.0, maximum)
    spin.setSingleStep(step)
    spin.setValue(value)
    spin.setSuffix(suffix)
    spin.setKeyboardTracking(False)
    return spin


class DeliveryControls(QGroupBox):
    """Settings form with Arm, Disarm and Load syringe buttons; emits requests, calls nothing itself."""

    arm_requested = Signal(object)  # DeliverySettings
    disarm_requested = Signal()
    load_syringe_requested = Signal(int, float)  # capacity ml, fill µl

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Delivery"))
        self.mode_combo = QComboBox(self)
        self.depth_spin = _spin(1, 99.0, 1.5, " mm", 0.1)
        self.volume_spin = _spin(1, 9999.0, 20.0, " µl", 1.0)
        self.flow_spin = _spin(1, 9999.0, 50.0, " µl/s", 5.0)
        self.rate_spin = _spin(1, 99.0, 3.0, self.tr(" shots/s"), 1.0)
        self.syringe_combo = QComboBox(self)
        form = QFormLayout()
        form.addRow(self.tr("Mode"), self.mode_combo)
        form.addRow(self.tr("Depth"), self.depth_spin)
        form.addRow(self.tr("Volume per shot"), self.volume_spin)
        form.addRow(self.tr("Flow"), self.flow_spin)
        form.addRow(self.tr("Burst rate"), self.rate_spin)
        form.addRow(self.tr("Syringe"), self.syringe_combo)

        self.load_button = QPushButton(self.tr("Load full syringe"), self)
        self.load_button.clicked.connect(self._on_load)
        self.arm_button = QPushButton(self.tr("Apply and arm"), self)
        self.arm_button.setProperty("accent", True)
        self.arm_button.clicked.connect(self._on_arm)
        self.disarm_button = QPushButton(self.tr("Disarm"), self)
        self.disarm_button.clicked.connect(self.disarm_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.arm_button)
        buttons.addWidget(self.disarm_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.load_button)
        layout.addLayout(buttons)
        self.mode_combo.currentIndexChanged.connect(self._on_mode_changed)
        self.set_capabilities(None)

    def set_capabilities(self, capabilities: Capabilities | None) -> None:
        """Offer the connected gun's modes and syringe sizes (None: nothing connected, all disabled)."""
        self.mode_combo.clear()
        self.syringe_combo.clear()
        if capabilities is not None:
            for mode in sorted(capabilities.modes, key=int):
                self.mode_combo.addItem(mode_text(mode), mode)
            for size_ml in capabilities.syringe_sizes_ml:
                self.syringe_combo.addItem(f"{size_ml} ml", size_ml)
            self.depth_spin.setToolTip(
                self.tr("Allowed: {minimum}–{maximum} mm").format(
                    minimum=number(capabilities.depth_min_mm), maximum=number(capabilities.depth_max_mm)
                )
            )
            self.volume_spin.setToolTip(
                self.tr("Allowed: {minimum}–{maximum} µl").format(
                    minimum=number(capabilities.volume_min_ul), maximum=number(capabilities.volume_max_ul)
                )
            )
            self.flow_spin.setToolTip(
                self.tr("Allowed: {minimum}–{maximum} µl/s").format(
                    minimum=number(capabilities.flow_min_ul_s), maximum=number(capabilities.flow_max_ul_s)
                )
            )
        enabled = capabilities is not None
        for widget in (
            self.mode_combo,
            self.depth_spin,
            self.volume_spin,
            self.flow_spin,
            self.rate_spin,
            self.syringe_combo,
            self.load_button,
            self.arm_button,
            self.disarm_button,
        ):
            widget.setEnabled(enabled)
        self._on_mode_changed()

    def set_status(self, status: DeviceStatus) -> None:
        """Enable Arm or Disarm according to the gun's state."""
        if self.mode_combo.count() == 0:
            return
        armed = status.state.name in ("ARMED", "DELIVERING")
        self.arm_button.setEnabled(not armed)
        self.disarm_button.setEnabled(armed)
        self.load_button.setEnabled(not armed)

    def settings(self) -> DeliverySettings:
        """The settings as typed. Raises LookupError when no gun (so no mode) is available."""
        mode = self.mode_combo.currentData()
        if not isinstance(mode, Mode):
            raise LookupError("no delivery mode: connect a gun first")
        return DeliverySettings(
            mode=mode,
            depth_mm=self.depth_spin.value(),
            volume_ul=self.volume_spin.value(),
            flow_ul_s=self.flow_spin.value(),
            burst_rate_per_s=self.rate_spin.value(),
        )

    def _on_mode_changed(self) -> None:
        mode = self.mode_combo.currentData()
        self.rate_spin.setEnabled(isinstance(mode, Enum) and mode.name == "BURST")

    def _on_arm(self) -> None:
        self.arm_requested.emit(self.settings())

    def _on_load(self) -> None:
        capacity_ml = self.syringe_combo.currentData()
        if isinstance(capacity_ml, int):
            self.load_syringe_requested.emit(capacity_ml, capacity_ml * 1000.0)

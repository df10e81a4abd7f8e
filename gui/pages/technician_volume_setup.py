"""The first step of the volume calibration wizard: who, which syringe, the room, the balance, how many shots.

The form builds a :class:`~mesogun.calibration.volume_setup.VolumeSetup`; the procedure checks it
against the gun's ranges when it starts, and refuses with the field, the value and the allowed range.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.pages.technician_wizard import spin_box
from mesogun.calibration.gravimetry import (
    MIN_SHOTS_PER_LEVEL,
    TEMPERATURE_MAX_C,
    TEMPERATURE_MIN_C,
    WeighingConditions,
)
from mesogun.calibration.procedure import DEFAULT_VALIDITY_DAYS, MAX_VALIDITY_DAYS
from mesogun.calibration.volume_setup import MAX_SHOTS_PER_LEVEL, VolumeSetup
from mesogun.device_info import Capabilities

_NOT_GIVEN = QDate(2000, 1, 1)  # the date field's lowest value, shown as "—": no verification date given

PRESSURE_RANGE_HPA = (800.0, 1070.0)


class VolumeSetupForm(QWidget):
    """Technician, syringe, water temperature and air, balance (port or typed masses), shots per level."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        people = QGroupBox(self.tr("Technician and syringe"), self)
        people_form = QFormLayout(people)
        self.technician_edit = QLineEdit(people)
        self.technician_edit.setPlaceholderText(self.tr("Your name"))
        self.syringe_edit = QLineEdit(people)
        self.syringe_edit.setPlaceholderText(self.tr("Syringe model, e.g. BD Plastipak"))
        self.capacity_combo = QComboBox(people)
        people_form.addRow(self.tr("Technician"), self.technician_edit)
        people_form.addRow(self.tr("Syringe"), self.syringe_edit)
        people_form.addRow(self.tr("Syringe capacity"), self.capacity_combo)

        room = QGroupBox(self.tr("Water and room"), self)
        room_form = QFormLayout(room)
        defaults = WeighingConditions()
        self.temperature_spin = spin_box(
            room, TEMPERATURE_MIN_C, TEMPERATURE_MAX_C, defaults.temperature_c, 1, " °C"
        )
        self.pressure_spin = spin_box(room, *PRESSURE_RANGE_HPA, defaults.pressure_hpa, 1, " hPa")
        self.humidity_spin = spin_box(room, 0.0, 100.0, defaults.humidity_pct, 0, " %")
        room_form.addRow(self.tr("Water temperature"), self.temperature_spin)
        room_form.addRow(self.tr("Air pressure"), self.pressure_spin)
        room_form.addRow(self.tr("Relative humidity"), self.humidity_spin)

        balance = QGroupBox(self.tr("Balance"), self)
        balance_layout = QVBoxLayout(balance)
        self.port_radio = QRadioButton(self.tr("Balance connected to the computer (MT-SICS)"), balance)
        self.port_combo = QComboBox(balance)
        self.port_combo.setEditable(True)
        self.port_combo.setToolTip(self.tr("Serial port of the balance, or a pyserial URL"))
        self.manual_radio = QRadioButton(self.tr("No connection: I type each mass"), balance)
        self.balance_id_edit = QLineEdit(balance)
        self.balance_id_edit.setPlaceholderText(self.tr("Balance serial number or asset tag"))
        group = QButtonGroup(self)
        group.addButton(self.port_radio)
        group.addButton(self.manual_radio)
        self.port_radio.setChecked(True)
        self.port_radio.toggled.connect(self._balance_kind_changed)
        port_row = QHBoxLayout()
        port_row.addSpacing(24)
        port_row.addWidget(self.port_combo, 1)
        manual_row = QHBoxLayout()
        manual_row.addSpacing(24)
        manual_row.addWidget(self.balance_id_edit, 1)
        balance_layout.addWidget(self.port_radio)
        balance_layout.addLayout(port_row)
        balance_layout.addWidget(self.manual_radio)
        balance_layout.addLayout(manual_row)
        # Recorded with the run and printed on the certificate; each optional ("—": not given). A balance
        # on a port says its model and shows its resolution in its readings.
        self.balance_model_edit = QLineEdit(balance)
        self.resolution_spin = QDoubleSpinBox(balance)
        self.resolution_spin.setRange(0.0, 100.0)
        self.resolution_spin.setDecimals(4)
        self.resolution_spin.setSingleStep(0.01)
        self.resolution_spin.setSpecialValueText("—")
        self.verified_edit = QDateEdit(balance)
        self.verified_edit.setCalendarPopup(True)
        self.verified_edit.setMinimumDate(_NOT_GIVEN)
        self.verified_edit.setSpecialValueText("—")
        self.verified_edit.setDate(_NOT_GIVEN)
        identity_form = QFormLayout()
        identity_form.addRow(self.tr("Balance model"), self.balance_model_edit)
        identity_form.addRow(self.tr("Balance resolution (mg)"), self.resolution_spin)
        identity_form.addRow(self.tr("Last verification of the balance"), self.verified_edit)
        balance_layout.addLayout(identity_form)

        run = QGroupBox(self.tr("Run"), self)
        run_form = QFormLayout(run)
        self.shots_spin = QSpinBox(run)
        self.shots_spin.setRange(MIN_SHOTS_PER_LEVEL, MAX_SHOTS_PER_LEVEL)
        self.shots_spin.setValue(MIN_SHOTS_PER_LEVEL)
        self.validity_spin = QSpinBox(run)
        self.validity_spin.setRange(1, MAX_VALIDITY_DAYS)
        self.validity_spin.setValue(DEFAULT_VALIDITY_DAYS)
        self.validity_spin.setSuffix(self.tr(" days"))
        run_form.addRow(self.tr("Shots per volume"), self.shots_spin)
        run_form.addRow(self.tr("Calibration valid for"), self.validity_spin)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(people)
        layout.addWidget(room)
        layout.addWidget(balance)
        layout.addWidget(run)
        layout.addStretch(1)
        self._balance_kind_changed()

    # ----------------------------------------------------------------- filled from outside
    def set_capabilities(self, capabilities: Capabilities | None) -> None:
        """Offer the syringe sizes the connected gun accepts (the largest preselected)."""
        self.capacity_combo.clear()
        if capabilities is None:
            return
        for size in capabilities.syringe_sizes_ml:
            self.capacity_combo.addItem(self.tr("{size} ml").format(size=size), size)
        self.capacity_combo.setCurrentIndex(self.capacity_combo.count() - 1)

    def set_ports(self, ports: list[str]) -> None:
        """Offer these serial ports for the balance (the text typed is kept)."""
        typed = self.port_combo.currentText()
        offered = [self.port_combo.itemText(i) for i in range(self.port_combo.count())]
        for port in ports:
            if port not in offered:
                self.port_combo.addItem(port)
        self.port_combo.setEditText(typed or self.port_combo.itemText(0))

    def offer_balance(self, url: str) -> None:
        """Offer a balance URL first in the list (the simulated balance of a simulated gun) and pick it."""
        index = self.port_combo.findText(url)
        if index < 0:
            self.port_combo.insertItem(0, url)
            index = 0
        self.port_combo.setCurrentIndex(index)
        self.port_radio.setChecked(True)

    # ----------------------------------------------------------------- read back
    def balance_port(self) -> str | None:
        """The balance's port or URL, or None when the masses are typed."""
        if self.manual_radio.isChecked():
            return None
        return self.port_combo.currentText().strip() or None

    def balance_id(self) -> str:
        """What identifies a balance whose masses are typed ('manual' when left empty)."""
        return self.balance_id_edit.text().strip() or "manual"

    def setup(self, access_code: int) -> VolumeSetup:
        """The setup as typed. Raises MesogunError naming the field refused."""
        capacity = self.capacity_combo.currentData()
        return VolumeSetup(
            technician=self.technician_edit.text(),
            syringe_model=self.syringe_edit.text(),
            syringe_capacity_ml=int(capacity) if capacity is not None else 0,
            conditions=WeighingConditions(
                temperature_c=self.temperature_spin.value(),
                pressure_hpa=self.pressure_spin.value(),
                humidity_pct=self.humidity_spin.value(),
            ),
            shots_per_level=self.shots_spin.value(),
            access_code=access_code,
            validity_days=self.validity_spin.value(),
            balance_model=self.balance_model_edit.text().strip() or None,
            balance_resolution_mg=self.resolution_spin.value() or None,
            balance_verified_on=self._verified_on(),
        )

    def _verified_on(self) -> date | None:
        chosen = self.verified_edit.date()
        if chosen == _NOT_GIVEN:
            return None
        return date(chosen.year(), chosen.month(), chosen.day())

    def _balance_kind_changed(self) -> None:
        by_port = self.port_radio.isChecked()
        self.port_combo.setEnabled(by_port)
        self.balance_id_edit.setEnabled(not by_port)

"""The optional identity of a measuring instrument in a calibration wizard: model, resolution, verification.

A balance or a depth gauge is recorded with the run and named on its certificate, whose uncertainty
counts the resolution. Each field may be left empty ("—": not given). The wizard that owns the fields
gives their translated labels.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDoubleSpinBox, QFormLayout, QLineEdit, QWidget

NOT_GIVEN = QDate(2000, 1, 1)  # the date field's lowest value, shown as "—": no verification date given


class InstrumentFields:
    """A model, a resolution in the instrument's unit (0 shown as "—") and a last verification date."""

    def __init__(self, parent: QWidget, *, resolution_max: float, decimals: int, step: float) -> None:
        self.model_edit = QLineEdit(parent)
        self.resolution_spin = QDoubleSpinBox(parent)
        self.resolution_spin.setRange(0.0, resolution_max)
        self.resolution_spin.setDecimals(decimals)
        self.resolution_spin.setSingleStep(step)
        self.resolution_spin.setSpecialValueText("—")
        self.verified_edit = QDateEdit(parent)
        self.verified_edit.setCalendarPopup(True)
        self.verified_edit.setMinimumDate(NOT_GIVEN)
        self.verified_edit.setMaximumDate(QDate.currentDate())  # a verification is in the past
        self.verified_edit.setSpecialValueText("—")
        self.verified_edit.setDate(NOT_GIVEN)

    def add_rows(self, form: QFormLayout, model: str, resolution: str, verified: str) -> None:
        """The three fields under these (translated) labels."""
        form.addRow(model, self.model_edit)
        form.addRow(resolution, self.resolution_spin)
        form.addRow(verified, self.verified_edit)

    def model(self) -> str | None:
        return self.model_edit.text().strip() or None

    def resolution(self) -> float | None:
        """The resolution typed, in the unit of the field's label; None when left at "—"."""
        return self.resolution_spin.value() or None

    def verified_on(self) -> date | None:
        chosen = self.verified_edit.date()
        if chosen == NOT_GIVEN:
            return None
        return date(chosen.year(), chosen.month(), chosen.day())

"""The syringe loaded in the gun: its capacity (ml, among the gun's sizes) and the volume drawn (µl).

A fill larger than the syringe holds is refused (named, with the allowed range), never cut down to fit;
a fill smaller than the plan needs is only a notice (a syringe change will be needed mid-session).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QLabel, QWidget

from gui import style
from gui.formatting import number
from gui.session_bridge import SyringeFill

DEFAULT_SIZES_ML = (2, 3, 5, 10)
MAX_FILL_UL = 10_000.0


class SyringeForm(QGroupBox):
    """Capacity and fill of the syringe; ``changed`` on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Syringe"))
        self.capacity_combo = QComboBox(self)
        self.capacity_combo.setToolTip(self.tr("Capacity of the syringe loaded in the gun"))
        self.fill_spin = QDoubleSpinBox(self)
        self.fill_spin.setDecimals(0)
        self.fill_spin.setRange(0.0, MAX_FILL_UL)
        self.fill_spin.setSingleStep(100.0)
        self.fill_spin.setSuffix(" µl")
        self.fill_spin.setToolTip(self.tr("Volume drawn into the syringe"))
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self._planned_ul = 0.0
        layout = QFormLayout(self)
        layout.addRow(self.tr("Capacity"), self.capacity_combo)
        layout.addRow(self.tr("Filled with"), self.fill_spin)
        layout.addRow(self.notice)
        self.capacity_combo.currentIndexChanged.connect(self._on_edit)
        self.fill_spin.valueChanged.connect(self._on_edit)
        self.set_sizes(DEFAULT_SIZES_ML)

    def set_sizes(self, sizes_ml: Sequence[int]) -> None:
        """The syringe sizes the gun takes (ml); the choice is kept when still offered."""
        chosen = self.capacity_ml
        self.capacity_combo.blockSignals(True)
        self.capacity_combo.clear()
        for size in sorted(sizes_ml):
            self.capacity_combo.addItem(self.tr("{size} ml").format(size=size), size)
        index = self.capacity_combo.findData(chosen)
        self.capacity_combo.setCurrentIndex(index if index >= 0 else 0)
        self.capacity_combo.blockSignals(False)
        self._on_edit()

    def suggest(self, fill_ul: float, planned_ul: float) -> None:
        """Propose the smallest syringe holding ``fill_ul`` (µl), filled so; ``planned_ul`` for the notice."""
        self._planned_ul = planned_ul
        sizes = [int(self.capacity_combo.itemData(i)) for i in range(self.capacity_combo.count())]
        fitting = [size for size in sizes if size * 1000.0 >= fill_ul]
        size = fitting[0] if fitting else (sizes[-1] if sizes else 0)
        index = self.capacity_combo.findData(size)
        if index >= 0:
            self.capacity_combo.setCurrentIndex(index)
        self.fill_spin.setValue(min(fill_ul, size * 1000.0) if size else fill_ul)
        self._on_edit()

    @property
    def capacity_ml(self) -> int:
        data = self.capacity_combo.currentData()
        return int(data) if data is not None else 0

    @property
    def fill_ul(self) -> float:
        return float(self.fill_spin.value())

    def syringe(self) -> SyringeFill:
        """Capacity and fill as entered."""
        return SyringeFill(self.capacity_ml, self.fill_ul)

    def problems(self) -> list[str]:
        """A fill that does not fit the syringe, or an empty one, in words."""
        capacity_ul = self.capacity_ml * 1000.0
        if self.fill_ul <= 0:
            return [self.tr("Syringe: enter the volume drawn into it")]
        if self.fill_ul > capacity_ul:
            return [
                self.tr("Syringe: {fill} µl does not fit a {size} ml syringe (0–{capacity} µl)").format(
                    fill=number(self.fill_ul, 0), size=self.capacity_ml, capacity=number(capacity_ul, 0)
                )
            ]
        return []

    def _on_edit(self) -> None:
        problems = self.problems()
        short = not problems and 0 < self.fill_ul < self._planned_ul
        if problems:
            self.notice.setText(problems[0])
            self.notice.setStyleSheet(f"color: {style.STOP_RED};")
        elif short:
            self.notice.setText(
                self.tr(
                    "The plan needs {planned} µl: a syringe change will be needed during the session"
                ).format(planned=number(self._planned_ul, 0))
            )
            self.notice.setStyleSheet(f"color: {style.TEXT_MUTED};")
        self.notice.setVisible(bool(problems) or short)
        self.changed.emit()

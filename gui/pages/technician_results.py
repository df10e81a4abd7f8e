"""Tables and words shared by the calibration tabs: the shots weighed, the per-volume results, verdicts.

Volumes in µl, masses in mg, errors in % of the commanded volume.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from gui.formatting import number
from gui.style import ALARM_HIGH, POINT_DONE
from mesogun.calibration.gravimetry import LevelResult
from mesogun.calibration.procedure import Stage
from mesogun.calibration.volume_setup import WeighedShot
from mesogun.device_info import CalibrationFactors


def stage_text(stage: Stage) -> str:
    """Which series of readings, in words."""
    if stage is Stage.VERIFICATION:
        return QCoreApplication.translate("CalibrationTexts", "Verification with the new factor")
    return QCoreApplication.translate("CalibrationTexts", "As found: with the factor in force")


def stage_short_text(stage: Stage) -> str:
    if stage is Stage.VERIFICATION:
        return QCoreApplication.translate("CalibrationTexts", "Verification")
    return QCoreApplication.translate("CalibrationTexts", "As found")


def verdict_text(passed: bool) -> str:
    if passed:
        return QCoreApplication.translate("CalibrationTexts", "within tolerance")
    return QCoreApplication.translate("CalibrationTexts", "OUT of tolerance")


def verdict_style(passed: bool) -> str:
    """Green for a pass, red for a failure (the words say it too)."""
    return f"color: {POINT_DONE if passed else ALARM_HIGH}; font-weight: 700;"


def factors_text(factors: CalibrationFactors) -> str:
    """The calibration factors in one line."""
    return QCoreApplication.translate(
        "CalibrationTexts", "no. {id}: {step} nl per step, depth offset {offset} mm, scale {scale}"
    ).format(
        id=factors.calibration_id,
        step=number(factors.volume_per_step_nl, 3),
        offset=number(factors.depth_offset_mm, 3),
        scale=number(factors.depth_scale, 4),
    )


def _read_only(table: QTableWidget, headers: Sequence[str], stretch: int) -> None:
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def _num(value: float, decimals: int) -> str:
    """``value`` to ``decimals`` places; a value that rounds to zero is shown as 0, never as -0."""
    return number(0.0 if round(value, decimals) == 0 else value, decimals)


def _cell(text: str, *, right: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class CalibrationShotTable(QTableWidget):
    """One row per shot fired: series, commanded volume, shot no., what the gun reported, mass, volume."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        _read_only(
            self,
            [
                self.tr("Series"),
                self.tr("Commanded (µl)"),
                self.tr("Shot"),
                self.tr("Gun (µl)"),
                self.tr("Mass (mg)"),
                self.tr("Weighed (µl)"),
            ],
            5,
        )
        self._rows: dict[tuple[Stage, int, int], int] = {}

    def clear_rows(self) -> None:
        self.setRowCount(0)
        self._rows.clear()

    def show_shot(self, shot: WeighedShot) -> None:
        """Add the shot, or complete its row once its mass is known; the newest row is kept in view."""
        planned = shot.planned
        key = (planned.stage, planned.level, planned.shot)
        row = self._rows.get(key)
        if row is None:
            row = self.rowCount()
            self.insertRow(row)
            self._rows[key] = row
        cells = [
            _cell(stage_short_text(planned.stage), right=False),
            _cell(number(planned.nominal_ul, 1)),
            _cell(str(planned.shot + 1)),
            _cell(number(shot.gun_volume_ul, 2)),
            _cell("—" if shot.mass_mg is None else number(shot.mass_mg, 3)),
            _cell("—" if shot.volume_ul is None else number(shot.volume_ul, 3)),
        ]
        for column, item in enumerate(cells):
            self.setItem(row, column, item)
        self.scrollToItem(cells[0])

    def weighed_count(self) -> int:
        """Rows whose mass is known."""
        return sum(1 for row in range(self.rowCount()) if (item := self.item(row, 4)) and item.text() != "—")


class CalibrationLevelTable(QTableWidget):
    """One row per volume completed: series, volume, mean, error, CV, worst shot, verdict."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 8, parent)
        _read_only(
            self,
            [
                self.tr("Series"),
                self.tr("Volume (µl)"),
                self.tr("Shots"),
                self.tr("Mean (µl)"),
                self.tr("Error (%)"),
                self.tr("CV (%)"),
                self.tr("Worst shot (µl)"),
                self.tr("Verdict"),
            ],
            7,
        )

    def clear_rows(self) -> None:
        self.setRowCount(0)

    def add_level(self, stage: Stage, level: LevelResult) -> None:
        row = self.rowCount()
        self.insertRow(row)
        verdict = _cell(verdict_text(level.passed), right=False)
        verdict.setForeground(QColor(POINT_DONE if level.passed else ALARM_HIGH))
        cells = [
            _cell(stage_short_text(stage), right=False),
            _cell(number(level.nominal_ul, 1)),
            _cell(str(level.count)),
            _cell(number(level.mean_ul, 3)),
            _cell(_num(level.systematic_error_pct, 2)),
            _cell(_num(level.cv_pct, 2)),
            _cell(_num(level.worst_error_ul, 3)),
            verdict,
        ]
        for column, item in enumerate(cells):
            self.setItem(row, column, item)

    def verdicts(self) -> list[tuple[str, str]]:
        """(series, verdict) of every row, top to bottom."""
        rows = []
        for row in range(self.rowCount()):
            series, verdict = self.item(row, 0), self.item(row, 7)
            if series is not None and verdict is not None:
                rows.append((series.text(), verdict.text()))
        return rows

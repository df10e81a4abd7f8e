"""The doses of a recorded session, as the journal holds them, in a table (one row per dose).

Also the words for the recorded values shown by the summary and history screens (dose results,
techniques, sides, session statuses, adverse event severities), translated, and the date format of
the interface language. Depths in mm, volumes in µl; times are shown in local time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.device_texts import alarm_text
from gui.formatting import local_time, number
from gui.language import current_language
from gui.widgets.table_fill import bulk_fill
from mesogun.device_values import AlarmCode
from mesogun.journal.records import DoseRecord, DoseResult
from mesogun.vocabulary import name, name_of_code


def dose_result_text(result: DoseResult | str) -> str:
    """A recorded dose result in words."""
    return name(DoseResult(result), current_language())


def technique_name(technique: str | None) -> str:
    """A recorded technique (``nappage``, ``point_par_point``…) by its clinical name."""
    if technique is None:
        return "—"
    return name_of_code("Technique", technique, current_language())


def side_name(laterality: str | None) -> str:
    """A recorded side in words ('' for the midline or none)."""
    if not laterality or laterality == "midline":
        return ""
    return name_of_code("Laterality", laterality, current_language())


def site_text(region: str | None, laterality: str | None, acupoint_code: str | None, zone: str | None) -> str:
    """Where a dose went: region (or acupoint), side and zone, e.g. ``MC6 (PC6) Neiguan left``."""
    place = " ".join(part for part in (region or acupoint_code or "", side_name(laterality)) if part)
    parts = [part for part in (place, zone or "") if part]
    return " — ".join(parts) if parts else "—"


def recorded_alarm_text(code: str | None) -> str:
    """A recorded alarm code (``occlusion``) in words; the code itself when unknown."""
    if not code:
        return ""
    try:
        return alarm_text(AlarmCode[code.upper()])
    except KeyError:
        return code


def status_text(status: str) -> str:
    """A session status (open, completed, aborted) in words."""
    return name_of_code("SessionStatus", status, current_language())


def severity_text(severity: str | None) -> str:
    """An adverse event's severity in words ('—' when not stated)."""
    return name_of_code("AdverseSeverity", severity, current_language()) if severity else "—"


def moment_text(moment: datetime) -> str:
    """Local date and time to the minute: ``04/03/2025 10:00`` in French, ``2025-03-04 10:00`` in English."""
    local = moment.astimezone()
    return local.strftime("%d/%m/%Y %H:%M" if current_language() == "fr" else "%Y-%m-%d %H:%M")


def day_text(moment: datetime) -> str:
    """Local date: ``04/03/2025`` in French, ``2025-03-04`` in English."""
    return moment.astimezone().strftime("%d/%m/%Y" if current_language() == "fr" else "%Y-%m-%d")


class DoseTable(QWidget):
    """Every dose of a session: number, time, point, site, technique, depth, volumes, result, override."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 10, self)
        self.table.setObjectName("doseTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Time"),
                self.tr("Point"),
                self.tr("Site"),
                self.tr("Technique"),
                self.tr("Depth (mm)"),
                self.tr("Commanded (µl)"),
                self.tr("Delivered (µl)"),
                self.tr("Result"),
                self.tr("Override reason"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Every column as wide as its text (a site name is read whole); the last takes what is left.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    @property
    def row_count(self) -> int:
        """Doses shown."""
        return self.table.rowCount()

    def set_doses(self, doses: Sequence[DoseRecord]) -> None:
        """Show ``doses`` in journal order (replacing what was shown)."""
        with bulk_fill(self.table):
            self.table.setRowCount(len(doses))
            for row, dose in enumerate(doses):
                result = dose_result_text(dose.result)
                if dose.alarm:
                    result = f"{result} ({recorded_alarm_text(dose.alarm)})"
                cells = (
                    str(dose.event_number),
                    local_time(dose.time_utc),
                    str(dose.point_index + 1),
                    site_text(dose.site_region, dose.laterality, dose.acupoint_code, dose.zone),
                    technique_name(dose.technique),
                    number(dose.measured_depth_mm, 1),
                    number(dose.commanded_volume_ul, 1),
                    number(dose.delivered_volume_ul, 1),
                    result,
                    "; ".join(item.reason for item in dose.overrides),
                )
                short = dose.result is not DoseResult.COMPLETE
                for column, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if column in (0, 2, 5, 6, 7):
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    if short:
                        item.setBackground(QColor(style.ALARM_MEDIUM).lighter(170))
                    self.table.setItem(row, column, item)

    def cell_text(self, row: int, column: int) -> str:
        """The text shown in a cell (for a reader of the table, and for tests)."""
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

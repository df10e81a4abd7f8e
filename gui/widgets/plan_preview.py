"""Preview of a session plan before it runs: its points, the volume of each product, the time it takes.

One row per point as the runner delivers it (a bilateral site gives a left and a right row): site, WHO
acupoint code and French label, technique, depth (mm), volume per shot (µl) and target (shots or µl).
Below: the planned volume of each product of the cocktail (µl) and a rough session time.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.formatting import number
from gui.session_texts import (
    acupoint_code,
    acupoint_label,
    duration_text,
    list_separator,
    site_name,
    target_text,
    technique_text,
)
from mesogun.models import PlanPoint, SessionPlan

_NUMERIC = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
#: Rows shown without scrolling (a longer plan scrolls inside the table).
MAX_ROWS_SHOWN = 12


def point_row_cells(point: PlanPoint) -> list[str]:
    """The preview's cells for ``point``: number, site, code, label, technique, depth, volume, target."""
    site = point.site
    place = site_name(site)
    if point.zone:
        place = f"{place} — {point.zone}" if place else point.zone
    return [
        str(point.index + 1),
        place,
        acupoint_code(site),
        acupoint_label(site),
        technique_text(point.technique),
        number(point.depth_mm, 1),
        number(point.volume_per_shot_ul, 0),
        target_text(point),
    ]


class PlanPreview(QWidget):
    """The points of a plan in a table, with the totals per product (µl) and the estimated time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 8, self)
        self.table.setObjectName("planPreviewTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("#"),
                self.tr("Site"),
                self.tr("Code"),
                self.tr("Label"),
                self.tr("Technique"),
                self.tr("Depth (mm)"),
                self.tr("Volume (µl)"),
                self.tr("Target"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.totals = QLabel(self)
        self.totals.setObjectName("planTotals")
        self.totals.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("planSummary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.summary)
        self.set_plan(None)

    def set_plan(self, plan: SessionPlan | None) -> None:
        """Show ``plan`` (None: an empty preview)."""
        points = plan.points() if plan is not None else []
        self.table.setRowCount(len(points))
        for row, point in enumerate(points):
            for column, text in enumerate(point_row_cells(point)):
                item = QTableWidgetItem(text)
                if column in (0, 5, 6):
                    item.setTextAlignment(_NUMERIC)
                self.table.setItem(row, column, item)
        self._fit_rows(len(points))
        if plan is None:
            self.totals.setText("")
            self.summary.setText(self.tr("Choose a plan to see its points."))
            return
        lines = [
            self.tr("{product}: {volume} µl").format(product=label, volume=number(volume_ul, 0))
            for label, volume_ul in plan.totals_per_product_ul().items()
        ]
        self.totals.setText(
            self.tr("Planned per product — {products}").format(products=list_separator().join(lines))
            if lines
            else self.tr("This plan names no cocktail.")
        )
        self.summary.setText(
            self.tr("%n point(s), {volume} µl in all, {duration}", "", len(points)).format(
                volume=number(plan.planned_volume_ul(), 0),
                duration=duration_text(plan.estimated_duration_s()),
            )
        )

    def _fit_rows(self, rows: int) -> None:
        # Tall enough for the whole plan (up to MAX_ROWS_SHOWN rows): the page scrolls, not the table.
        shown = max(3, min(rows, MAX_ROWS_SHOWN))
        row_px = self.table.verticalHeader().defaultSectionSize()
        frame_px = 2 * self.table.frameWidth()
        scrollbar_px = self.table.horizontalScrollBar().sizeHint().height()
        self.table.setFixedHeight(
            self.table.horizontalHeader().sizeHint().height() + shown * row_px + frame_px + scrollbar_px
        )

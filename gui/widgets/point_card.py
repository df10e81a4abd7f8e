"""The large card of the current point, readable from the treatment chair.

Shows the acupoint's French label and WHO code (or the site), the site with its side, the technique,
the depth (mm), the volume per shot (µl), the shots done against the target and the volume delivered
against the planned one (µl, from the journal), and one line saying what to do now.

The point, its depth, its volume per shot and delivered/planned are at least three times the body
text, to be read from the couch at 2 m; each figure keeps its width while its number grows (the width
is that of the point's largest value), so nothing on the card moves during delivery.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from gui import style
from gui.formatting import number
from gui.session_texts import (
    acupoint_code,
    acupoint_label,
    shots_text,
    site_name,
    target_text,
    technique_text,
)
from mesogun.models import ACUPOINTS, PlanPoint
from mesogun.session import PointProgress

#: The figures read from the couch: three times the body text.
BIG_PT = 3 * style.BASE_FONT_PT
#: Technique and shots, read at the desk.
VALUE_PT = 16
INSTRUCTION_PT = 16


class PointCard(QFrame):
    """The current point in large type; ``show_point(point, progress, count)`` per snapshot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pointCard")
        self.setStyleSheet(
            f"QFrame#pointCard {{ background: {style.SURFACE}; border: 1px solid {style.BORDER};"
            " border-radius: 8px; }"
            f" QLabel#pointTitle {{ font-size: {BIG_PT}pt; font-weight: 700; color: {style.ACCENT}; }}"
            f' QLabel[cardValue="true"] {{ font-size: {VALUE_PT}pt; font-weight: 600; }}'
            f' QLabel[cardBig="true"] {{ font-size: {BIG_PT}pt; font-weight: 700; }}'
            f' QLabel[cardName="true"] {{ color: {style.TEXT_MUTED}; }}'
        )
        self.title = QLabel(self)
        self.title.setObjectName("pointTitle")
        self.title.setWordWrap(True)  # a long name wraps instead of widening the window
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("pointSubtitle")
        self.subtitle.setWordWrap(True)
        self.technique_value = self._value()
        self.shots_value = self._value()
        self.depth_value = self._value(big=True)
        self.volume_value = self._value(big=True)
        self.delivered_value = self._value(big=True)
        self.instruction = QLabel(self)
        self.instruction.setObjectName("pointInstruction")
        self.instruction.setWordWrap(True)
        self.set_instruction("")
        # Two columns, so the card fits beside the controls on a 1366-pixel screen: depth and volume
        # per shot, then delivered/planned with the technique and shots beside it, smaller.
        grid = QGridLayout()
        grid.setHorizontalSpacing(32)
        grid.setVerticalSpacing(0)
        grid.addWidget(self._name(self.tr("Depth")), 0, 0)
        grid.addWidget(self.depth_value, 1, 0)
        grid.addWidget(self._name(self.tr("Volume per shot")), 0, 1)
        grid.addWidget(self.volume_value, 1, 1)
        grid.addWidget(self._name(self.tr("Delivered / planned")), 2, 0)
        grid.addWidget(self.delivered_value, 3, 0, 3, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self._name(self.tr("Technique")), 2, 1)
        grid.addWidget(self.technique_value, 3, 1)
        grid.addWidget(self._name(self.tr("Shots")), 4, 1)
        grid.addWidget(self.shots_value, 5, 1)
        grid.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(grid)
        layout.addWidget(self.instruction)
        self.show_point(None, None, 0)

    def _value(self, *, big: bool = False) -> QLabel:
        label = QLabel("—", self)
        label.setProperty("cardBig" if big else "cardValue", True)
        return label

    def _name(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setProperty("cardName", True)
        return label

    def _keep_width(self, label: QLabel, widest: str) -> None:
        # As wide as the point's largest value: the figures beside it stay put while the number grows.
        label.ensurePolished()
        label.setMinimumWidth(label.fontMetrics().horizontalAdvance(widest) + 4)

    def show_point(self, point: PlanPoint | None, progress: PointProgress | None, count: int) -> None:
        """Show ``point`` (None: no current point) with its ``progress``; ``count`` points in the plan."""
        if point is None:
            self.title.setText(self.tr("No current point"))
            self.subtitle.setText("")
            for value in (
                self.technique_value,
                self.depth_value,
                self.volume_value,
                self.shots_value,
                self.delivered_value,
            ):
                value.setText("—")
            return
        site = point.site
        if site is not None and site.acupoint_code in ACUPOINTS:
            self.title.setText(
                self.tr("{label} · {code}").format(label=acupoint_label(site), code=acupoint_code(site))
            )
        else:
            self.title.setText(site_name(site) or point.zone or "—")
        place = site_name(site)
        if point.zone:
            place = f"{place} — {point.zone}" if place else point.zone
        self.subtitle.setText(
            self.tr("Point {number} of {count} — {place}").format(
                number=point.index + 1, count=count, place=place
            )
        )
        self.technique_value.setText(technique_text(point.technique))
        self.depth_value.setText(self.tr("{depth} mm").format(depth=number(point.depth_mm, 1)))
        self.volume_value.setText(self.tr("{volume} µl").format(volume=number(point.volume_per_shot_ul, 0)))
        shots = progress.shots if progress is not None else 0
        delivered_ul = progress.delivered_ul if progress is not None else 0.0
        if point.target_shots is not None:
            self.shots_value.setText(
                self.tr("{done} of {target}").format(done=shots, target=shots_text(point.target_shots))
            )
        else:
            self.shots_value.setText(shots_text(shots))
        planned = number(point.planned_volume_ul, 0)
        self.delivered_value.setText(
            self.tr("{delivered} / {planned} µl").format(delivered=number(delivered_ul, 0), planned=planned)
        )
        widest = max(delivered_ul, point.planned_volume_ul)
        self._keep_width(
            self.delivered_value,
            self.tr("{delivered} / {planned} µl").format(delivered=number(widest, 0), planned=planned),
        )
        if point.target_shots is not None:
            self._keep_width(
                self.shots_value,
                self.tr("{done} of {target}").format(
                    done=max(shots, point.target_shots), target=shots_text(point.target_shots)
                ),
            )
        self.delivered_value.setToolTip(self.tr("Target: {target}").format(target=target_text(point)))

    def set_instruction(self, text: str, colour: str = style.TEXT) -> None:
        """The line saying what to do now."""
        self.instruction.setText(text)
        self.instruction.setStyleSheet(f"font-size: {INSTRUCTION_PT}pt; font-weight: 600; color: {colour};")

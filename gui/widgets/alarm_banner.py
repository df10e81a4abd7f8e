"""Alarm banners under the toolbar: one row per active alarm, highest priority first.

Colours follow IEC 60601-1-8: high red, medium amber, low cyan; each row has an Acknowledge button that
emits ``acknowledge_requested(code)``. A row disappears when the gun reports the alarm cleared. The
widget hides itself when no alarm is active.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, IntEnum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gui import style
from gui.device_texts import alarm_text


class BannerLevel(IntEnum):
    """Alarm priority as shown (IEC 60601-1-8); ordered so that higher is more urgent."""

    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @classmethod
    def of(cls, priority: Enum) -> BannerLevel | None:
        """The level of a device alarm priority (by name), or None for an informational one."""
        return cls.__members__.get(priority.name)


_COLOURS = {
    BannerLevel.HIGH: (style.ALARM_HIGH, "#FFFFFF"),
    BannerLevel.MEDIUM: (style.ALARM_MEDIUM, style.TEXT),
    BannerLevel.LOW: (style.ALARM_LOW, "#FFFFFF"),
}


@dataclass
class _Row:
    code: Enum
    level: BannerLevel
    frame: QFrame
    label: QLabel
    button: QPushButton


class AlarmBanner(QWidget):
    """Stacked alarm rows; ``show_alarm``/``clear_alarm`` follow the gun's alarm events."""

    acknowledge_requested = Signal(object)  # the alarm code (the device's enum member)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: dict[str, _Row] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(1)
        self.setVisible(False)

    def active_codes(self) -> list[Enum]:
        """Codes shown, in display order (highest priority first)."""
        return [row.code for row in self._ordered()]

    def level_of(self, code: Enum) -> BannerLevel | None:
        """The level a code is shown at, or None when it is not shown."""
        row = self._rows.get(code.name)
        return row.level if row else None

    def row_text(self, code: Enum) -> str:
        """The text shown for ``code`` ('' when it is not shown)."""
        row = self._rows.get(code.name)
        return row.label.text() if row else ""

    def row_background(self, code: Enum) -> str | None:
        """Background colour of the row of ``code`` (None when it is not shown)."""
        row = self._rows.get(code.name)
        return _COLOURS[row.level][0] if row else None

    def acknowledge_button(self, code: Enum) -> QPushButton | None:
        """The Acknowledge button of the row of ``code`` (None when it is not shown)."""
        row = self._rows.get(code.name)
        return row.button if row else None

    def show_alarm(self, code: Enum, level: BannerLevel) -> None:
        """Show (or re-show, with a fresh Acknowledge button) the alarm ``code`` at ``level``."""
        row = self._rows.get(code.name)
        if row is None or row.level != level:
            if row is not None:
                self._remove(code.name)
            row = self._make_row(code, level)
            self._rows[code.name] = row
            self._relayout()
        row.button.setEnabled(True)
        row.button.setText(self.tr("Acknowledge"))
        self.setVisible(True)

    def clear_alarm(self, code: Enum) -> None:
        """Remove the row of ``code`` (the gun reported it cleared)."""
        if code.name in self._rows:
            self._remove(code.name)
        self.setVisible(bool(self._rows))

    def keep_only(self, codes: set[str]) -> None:
        """Remove every row whose code name is not in ``codes`` (the gun's current alarm set)."""
        for name in [name for name in self._rows if name not in codes]:
            self._remove(name)
        self.setVisible(bool(self._rows))

    def _make_row(self, code: Enum, level: BannerLevel) -> _Row:
        background, foreground = _COLOURS[level]
        frame = QFrame(self)
        frame.setObjectName("alarmRow")
        frame.setStyleSheet(
            f"QFrame#alarmRow {{ background: {background}; }}"
            f" QFrame#alarmRow QLabel {{ color: {foreground}; font-weight: 600; }}"
        )
        layout = QHBoxLayout(frame)
        layout.setContentsMargins(12, 6, 12, 6)
        prefix = {
            BannerLevel.HIGH: self.tr("High priority alarm"),
            BannerLevel.MEDIUM: self.tr("Medium priority alarm"),
            BannerLevel.LOW: self.tr("Low priority alarm"),
        }[level]
        label = QLabel(f"{prefix} — {alarm_text(code)}", frame)
        label.setWordWrap(True)
        button = QPushButton(self.tr("Acknowledge"), frame)
        button.setToolTip(self.tr("Acknowledge the alarm on the gun (it clears once its cause is gone)"))
        layout.addWidget(label, 1)
        layout.addWidget(button)
        row = _Row(code, level, frame, label, button)
        button.clicked.connect(lambda: self._acknowledge(row))
        return row

    def _acknowledge(self, row: _Row) -> None:
        row.button.setEnabled(False)
        row.button.setText(self.tr("Acknowledged"))
        self.acknowledge_requested.emit(row.code)

    def _remove(self, name: str) -> None:
        row = self._rows.pop(name)
        self._layout.removeWidget(row.frame)
        row.frame.deleteLater()

    def _ordered(self) -> list[_Row]:
        return sorted(self._rows.values(), key=lambda row: (-row.level, row.code.name))

    def _relayout(self) -> None:
        for row in self._rows.values():
            self._layout.removeWidget(row.frame)
        for row in self._ordered():
            self._layout.addWidget(row.frame)

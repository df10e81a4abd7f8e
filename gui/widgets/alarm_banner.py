"""Alarm banners under the toolbar: one row per active alarm, highest priority first.

Colours follow IEC 60601-1-8: high red, medium amber, low cyan, each with a text colour that keeps a
contrast ratio of at least 4.5:1. The high-priority row flashes at 2 Hz and the medium one at 0.5 Hz
(IEC 60601-1-8: 1.4–2.8 Hz and 0.4–0.8 Hz, 20–60 % on); a low-priority row is steady. Each row has an
Acknowledge button that emits ``acknowledge_requested(code)``; the acknowledged row collapses to a
thin, steady line until the gun reports the alarm cleared, when it disappears (a refused
acknowledgement shows the row again in full). ``loudest_changed`` gives the highest level still
unacknowledged (None when none), which the alarm sound follows. The widget hides itself when no
alarm is active.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, IntEnum

from PySide6.QtCore import QTimer, Signal
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


@dataclass(frozen=True)
class AlarmColours:
    """Background, text, and the background of the flash's "off" phase (the same when steady)."""

    background: str
    text: str
    flash_background: str


COLOURS = {
    BannerLevel.HIGH: AlarmColours(style.ALARM_HIGH, style.ALARM_HIGH_TEXT, style.ALARM_HIGH_FLASH),
    BannerLevel.MEDIUM: AlarmColours(style.ALARM_MEDIUM, style.ALARM_MEDIUM_TEXT, style.ALARM_MEDIUM_FLASH),
    BannerLevel.LOW: AlarmColours(style.ALARM_LOW, style.ALARM_LOW_TEXT, style.ALARM_LOW),
}
ACKNOWLEDGED_COLOURS = AlarmColours(
    style.ALARM_ACKNOWLEDGED, style.ALARM_ACKNOWLEDGED_TEXT, style.ALARM_ACKNOWLEDGED
)

#: One flash tick in ms; a level's row changes phase every FLASH_TICKS[level] ticks (50 % on).
FLASH_TICK_MS = 250
#: High: 2 Hz (a phase per tick); medium: 0.5 Hz (a phase per 4 ticks); low: steady.
FLASH_TICKS = {BannerLevel.HIGH: 1, BannerLevel.MEDIUM: 4}


@dataclass
class _Row:
    code: Enum
    level: BannerLevel
    frame: QFrame
    layout: QHBoxLayout
    label: QLabel
    button: QPushButton
    acknowledged: bool = False
    dimmed: bool = False  # in the "off" phase of its flash


class AlarmBanner(QWidget):
    """Stacked alarm rows; ``show_alarm``/``clear_alarm`` follow the gun's alarm events."""

    acknowledge_requested = Signal(object)  # the alarm code (the device's enum member)
    loudest_changed = Signal(object)  # the highest BannerLevel not yet acknowledged, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: dict[str, _Row] = {}
        self._ticks = 0
        self._loudest: BannerLevel | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(1)
        self.flash_timer = QTimer(self)
        self.flash_timer.setInterval(FLASH_TICK_MS)
        self.flash_timer.timeout.connect(self._flash)
        self.setVisible(False)

    # ----------------------------------------------------------------- what is shown
    def active_codes(self) -> list[Enum]:
        """Codes shown, in display order (highest priority first, acknowledged ones last)."""
        return [row.code for row in self._ordered()]

    def level_of(self, code: Enum) -> BannerLevel | None:
        """The level a code is shown at, or None when it is not shown."""
        row = self._rows.get(code.name)
        return row.level if row else None

    def row_text(self, code: Enum) -> str:
        """The text shown for ``code`` ('' when it is not shown)."""
        row = self._rows.get(code.name)
        return row.label.text() if row else ""

    def row_colours(self, code: Enum) -> AlarmColours | None:
        """The colours of the row of ``code`` (None when it is not shown)."""
        row = self._rows.get(code.name)
        return self._colours(row) if row else None

    def row_background(self, code: Enum) -> str | None:
        """Background colour of the row of ``code`` as painted now (None when it is not shown)."""
        row = self._rows.get(code.name)
        if row is None:
            return None
        colours = self._colours(row)
        return colours.flash_background if row.dimmed else colours.background

    def is_acknowledged(self, code: Enum) -> bool:
        """True when the row of ``code`` was acknowledged and waits, collapsed, for the gun to clear it."""
        row = self._rows.get(code.name)
        return row is not None and row.acknowledged

    def row_height(self, code: Enum) -> int:
        """The height the row of ``code`` takes at the banner's width, in pixels (0 when it is not shown)."""
        row = self._rows.get(code.name)
        if row is None:
            return 0
        return (
            row.frame.heightForWidth(self.width())
            if row.frame.hasHeightForWidth()
            else row.frame.sizeHint().height()
        )

    def acknowledge_button(self, code: Enum) -> QPushButton | None:
        """The Acknowledge button of the row of ``code`` (None when it is not shown)."""
        row = self._rows.get(code.name)
        return row.button if row else None

    def loudest(self) -> BannerLevel | None:
        """The highest level among the alarms not yet acknowledged (None when there is none)."""
        return self._loudest

    # ----------------------------------------------------------------- following the gun
    def show_alarm(self, code: Enum, level: BannerLevel) -> None:
        """Show (or re-show, in full with a fresh Acknowledge button) the alarm ``code`` at ``level``."""
        row = self._rows.get(code.name)
        if row is None or row.level != level:
            if row is not None:
                self._remove(code.name)
            row = self._make_row(code, level)
            self._rows[code.name] = row
        elif row.acknowledged:
            row.dimmed = False
        row.acknowledged = False
        row.button.setEnabled(True)
        row.button.setText(self.tr("Acknowledge"))
        self._paint(row)
        self._relayout()
        self.setVisible(True)
        self._changed()

    def clear_alarm(self, code: Enum) -> None:
        """Remove the row of ``code`` (the gun reported it cleared)."""
        if code.name in self._rows:
            self._remove(code.name)
        self.setVisible(bool(self._rows))
        self._changed()

    def keep_only(self, codes: set[str]) -> None:
        """Remove every row whose code name is not in ``codes`` (the gun's current alarm set)."""
        for name in [name for name in self._rows if name not in codes]:
            self._remove(name)
        self.setVisible(bool(self._rows))
        self._changed()

    # ----------------------------------------------------------------- internals
    def _make_row(self, code: Enum, level: BannerLevel) -> _Row:
        frame = QFrame(self)
        frame.setObjectName("alarmRow")
        layout = QHBoxLayout(frame)
        label = QLabel(frame)
        label.setWordWrap(True)
        button = QPushButton(self.tr("Acknowledge"), frame)
        button.setToolTip(self.tr("Acknowledge the alarm on the gun (it clears once its cause is gone)"))
        layout.addWidget(label, 1)
        layout.addWidget(button)
        row = _Row(code, level, frame, layout, label, button)
        button.clicked.connect(lambda: self._acknowledge(row))
        return row

    def _prefix(self, level: BannerLevel) -> str:
        return {
            BannerLevel.HIGH: self.tr("High priority alarm"),
            BannerLevel.MEDIUM: self.tr("Medium priority alarm"),
            BannerLevel.LOW: self.tr("Low priority alarm"),
        }[level]

    def _colours(self, row: _Row) -> AlarmColours:
        return ACKNOWLEDGED_COLOURS if row.acknowledged else COLOURS[row.level]

    def _paint(self, row: _Row) -> None:
        """Style and text of ``row`` for its state: full and flashing, or acknowledged and collapsed."""
        colours = self._colours(row)
        if row.acknowledged:
            row.dimmed = False
            row.label.setText(
                self.tr("Acknowledged — {alarm} (until the gun clears it)").format(
                    alarm=f"{self._prefix(row.level)}: {alarm_text(row.code)}"
                )
            )
            # A thin steady line with the priority's colour as a left stripe: out of the way, not gone.
            row.frame.setStyleSheet(
                f"QFrame#alarmRow {{ background: {colours.background};"
                f" border-left: 6px solid {COLOURS[row.level].background}; }}"
                f" QFrame#alarmRow QLabel {{ color: {colours.text}; font-size: {style.SMALL_FONT_PT}pt; }}"
            )
            row.layout.setContentsMargins(10, 1, 12, 1)
            row.button.setVisible(False)
            return
        row.label.setText(f"{self._prefix(row.level)} — {alarm_text(row.code)}")
        background = colours.flash_background if row.dimmed else colours.background
        row.frame.setStyleSheet(
            f"QFrame#alarmRow {{ background: {background}; }}"
            f" QFrame#alarmRow QLabel {{ color: {colours.text}; font-weight: 600; }}"
        )
        row.layout.setContentsMargins(12, 6, 12, 6)
        row.button.setVisible(True)

    def _acknowledge(self, row: _Row) -> None:
        row.button.setEnabled(False)
        row.button.setText(self.tr("Acknowledged"))
        row.acknowledged = True
        self._paint(row)
        self._relayout()  # below the alarms still to handle
        self._changed()
        self.acknowledge_requested.emit(row.code)

    def _flash(self) -> None:
        self._ticks += 1
        for row in self._rows.values():
            every = FLASH_TICKS.get(row.level)
            if every is None or row.acknowledged:
                continue
            dimmed = (self._ticks // every) % 2 == 1
            if dimmed != row.dimmed:
                row.dimmed = dimmed
                self._paint(row)

    def _changed(self) -> None:
        """Start or stop flashing, and tell the loudest level still unacknowledged when it changes."""
        flashing = any(row.level in FLASH_TICKS and not row.acknowledged for row in self._rows.values())
        if flashing and not self.flash_timer.isActive():
            self._ticks = 0
            self.flash_timer.start()
        elif not flashing:
            self.flash_timer.stop()
        loudest = max((row.level for row in self._rows.values() if not row.acknowledged), default=None)
        if loudest != self._loudest:
            self._loudest = loudest
            self.loudest_changed.emit(loudest)

    def _remove(self, name: str) -> None:
        row = self._rows.pop(name)
        self._layout.removeWidget(row.frame)
        row.frame.deleteLater()

    def _ordered(self) -> list[_Row]:
        return sorted(self._rows.values(), key=lambda row: (row.acknowledged, -row.level, row.code.name))

    def _relayout(self) -> None:
        for row in self._rows.values():
            self._layout.removeWidget(row.frame)
        for row in self._ordered():
            self._layout.addWidget(row.frame)

"""An expiry date typed as printed on the vial, or picked from a calendar that opens on this month.

Typed in the interface language's order with a four-digit year (dd/mm/yyyy in French, the English
locale's order in English); one-digit days and months are accepted. Empty or unreadable text is no
date at all ("not entered"), never a date guessed for the user. The value does not react to the mouse
wheel (it is text).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QToolButton, QWidget

# The "not entered" value returned by ``date()``.
UNSET_DATE = QDate(2000, 1, 1)


def expiry_format(locale: QLocale | None = None) -> str:
    """The language's short date order with two-digit day and month and a four-digit year (Qt format)."""
    short = (locale or QLocale()).dateFormat(QLocale.FormatType.ShortFormat)
    order = sorted(
        ((short.find(letter), letter) for letter in ("d", "M", "y") if short.find(letter) >= 0),
    )
    separator = next((char for char in short if char in "/.-"), "/")
    parts = {"d": "dd", "M": "MM", "y": "yyyy"}
    if len(order) != 3:
        return "dd/MM/yyyy"
    return separator.join(parts[letter] for _position, letter in order)


class ExpiryField(QWidget):
    """A typed expiry date with a calendar button; ``dateChanged(QDate)`` on every edit."""

    dateChanged = Signal(QDate)

    def __init__(self, today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today or date.today()
        self.edit = QLineEdit(self)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("…")
        self.calendar_button.setToolTip(self.tr("Pick the date in a calendar"))
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar = QCalendarWidget(self)
        self.calendar.setWindowFlags(Qt.WindowType.Popup)
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.calendar_button.clicked.connect(self.open_calendar)
        self.edit.textChanged.connect(lambda _text: self.dateChanged.emit(self.date()))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.calendar_button)
        self.setFocusProxy(self.edit)
        self.retranslate()

    def retranslate(self) -> None:
        """Placeholder in the current language's order (dd/mm/yyyy, jj/mm/aaaa…)."""
        patterns = {
            "dd/MM/yyyy": self.tr("dd/mm/yyyy"),
            "MM/dd/yyyy": self.tr("mm/dd/yyyy"),
            "dd.MM.yyyy": self.tr("dd.mm.yyyy"),
            "yyyy-MM-dd": self.tr("yyyy-mm-dd"),
        }
        qt_format = expiry_format()
        pattern = patterns.get(qt_format, qt_format.lower())
        self.edit.setPlaceholderText(pattern)

    def set_today(self, today: date) -> None:
        """The day the calendar opens on when no date is entered."""
        self._today = today

    def date(self) -> QDate:
        """The date typed, or ``UNSET_DATE`` when it is empty or not a date."""
        text = self.edit.text().strip()
        if not text:
            return UNSET_DATE
        lenient = expiry_format().replace("dd", "d").replace("MM", "M")
        parsed = QDate.fromString(text, lenient)
        return parsed if parsed.isValid() and parsed != UNSET_DATE else UNSET_DATE

    def setDate(self, value: QDate) -> None:  # the name QDateEdit uses
        """Show ``value`` (``UNSET_DATE``: empty)."""
        self.edit.setText("" if value == UNSET_DATE else value.toString(expiry_format()))

    def has_text(self) -> bool:
        """Something is typed (a date or not)."""
        return bool(self.edit.text().strip())

    def open_calendar(self) -> None:
        """The calendar under the field, on the entered date's month or else on this month."""
        entered = self.date()
        if entered != UNSET_DATE:
            self.calendar.setSelectedDate(entered)
        else:
            today = QDate(self._today.year, self._today.month, self._today.day)
            self.calendar.setSelectedDate(today)
        self.calendar.adjustSize()
        self.calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        self.calendar.show()

    def _picked(self, value: QDate) -> None:
        self.setDate(value)
        self.calendar.hide()

"""Numbers and times as the interface language writes them (decimal comma in French)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale


def number(value: float, decimals: int = 1) -> str:
    """``value`` with ``decimals`` digits after the separator of the current language."""
    return QLocale().toString(float(value), "f", decimals)


def local_time(moment: datetime) -> str:
    """Wall-clock time (hh:mm:ss, local time zone) of an aware UTC ``moment``."""
    return moment.astimezone().strftime("%H:%M:%S")

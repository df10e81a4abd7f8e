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


#: Characters after which a long technical text (an address, a path) may break across lines.
_BREAK_AFTER = "/?&=%:.,_-"


def breakable(text: str) -> str:
    """``text`` with line-break opportunities (zero-width spaces) after the separators of addresses and
    paths: a word-wrapped label showing it grows taller, never wider than its column."""
    return "".join(f"{char}\u200b" if char in _BREAK_AFTER else char for char in text)

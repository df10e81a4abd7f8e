"""How each language writes numbers, quantities and moments.

French: decimal comma, a narrow no-break space between thousands ("2 000"), a no-break space
before a unit or a percent sign ("50 µl", "5 %"), day/month/year. English: decimal point, comma
between thousands, a space before a unit, ISO dates (unambiguous for an English reader anywhere).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

Language = Literal["fr", "en"]

NBSP = "\u00a0"  # no-break space: before a unit, a percent sign, a colon in French
NNBSP = "\u202f"  # narrow no-break space: between groups of thousands in French


def french_spacing(text: str) -> str:
    """French typography: a no-break space before ``:`` and ``%``, a narrow one before ``;``, ``!``, ``?``."""
    return (
        text.replace(" :", NBSP + ":")
        .replace(" %", NBSP + "%")
        .replace(" ;", NNBSP + ";")
        .replace(" !", NNBSP + "!")
        .replace(" ?", NNBSP + "?")
    )


def number(value: float, decimals: int, language: Language) -> str:
    """``value`` with ``decimals`` decimals, grouped by thousands, in the language's own way."""
    text = f"{value:,.{decimals}f}"
    if language == "fr":
        return text.replace(",", NNBSP).replace(".", ",")
    return text


def quantity(value: float, unit: str, decimals: int, language: Language) -> str:
    """A number with its unit (``50,0 µl``, ``5 %``): never cut from its unit at a line's end."""
    separator = NBSP if language == "fr" else (NBSP if unit == "%" else " ")
    return f"{number(value, decimals, language)}{separator}{unit}"


def local_moment(moment: datetime | None, language: Language, *, seconds: bool = False) -> str:
    """An aware ``moment`` in local time: ``04/03/2025 10:00`` (fr), ``2025-03-04 10:00`` (en)."""
    if moment is None:
        return "—"
    clock = "%H:%M:%S" if seconds else "%H:%M"
    return moment.astimezone().strftime(("%d/%m/%Y " if language == "fr" else "%Y-%m-%d ") + clock)

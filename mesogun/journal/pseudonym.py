"""Patient pseudonyms: the only patient identifier the journal accepts.

The journal never holds a patient's name or birth date. A pseudonym is one token of letters, digits and
``-``, ``_`` or ``.`` (at most 64 characters), for example ``MST-0042`` or ``p7f3k``. Refused:
- whitespace, which is how a "first last" name usually slips in;
- anything that reads as a date: ``12/03/1985``, ``1985-03-12``, ``12.03.85``, or a run of 8 digits that
  is a valid ``YYYYMMDD`` or ``DDMMYYYY`` date — birth dates are the classic re-identifying key.
The clinic keeps the pseudonym ⇄ patient table outside this software.
"""

from __future__ import annotations

import re
from datetime import date

from mesogun.journal.errors import InvalidRecordError, RecordRule

MAX_LENGTH = 64
_ALLOWED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_SEPARATED_DATE = re.compile(
    r"(?<!\d)(\d{1,2}[-/.]\d{1,2}[-/.](\d{4}|\d{2})|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(?!\d)"
)
_EIGHT_DIGITS = re.compile(r"(?<!\d)\d{8}(?!\d)")


def _is_calendar_date(year: int, month: int, day: int) -> bool:
    if not 1900 <= year <= 2100:
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _looks_like_date(text: str) -> bool:
    if _SEPARATED_DATE.search(text):
        return True
    for match in _EIGHT_DIGITS.finditer(text):
        digits = match.group()
        as_ymd = _is_calendar_date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        as_dmy = _is_calendar_date(int(digits[4:]), int(digits[2:4]), int(digits[:2]))
        if as_ymd or as_dmy:
            return True
    return False


def validate_pseudonym(value: str, field: str = "patient_pseudonym") -> str:
    """Return ``value`` if it is an acceptable pseudonym, else raise InvalidRecordError saying why."""
    if not value:
        raise InvalidRecordError(field, value, "a pseudonym is required", RecordRule.PSEUDONYM_NEEDED)
    if len(value) > MAX_LENGTH:
        raise InvalidRecordError(
            field,
            value,
            f"at most {MAX_LENGTH} characters",
            RecordRule.PSEUDONYM_TOO_LONG,
            maximum=MAX_LENGTH,
        )
    if any(character.isspace() for character in value):
        raise InvalidRecordError(
            field,
            value,
            "a pseudonym is one token without spaces; never enter the patient's name",
            RecordRule.PSEUDONYM_WITH_SPACES,
        )
    if not _ALLOWED.fullmatch(value):
        raise InvalidRecordError(
            field,
            value,
            "use letters, digits and - _ . only, starting with a letter or digit",
            RecordRule.PSEUDONYM_CHARACTERS,
        )
    if _looks_like_date(value):
        raise InvalidRecordError(
            field,
            value,
            "looks like a date; never enter the patient's birth date in a pseudonym",
            RecordRule.PSEUDONYM_LIKE_A_DATE,
        )
    return value

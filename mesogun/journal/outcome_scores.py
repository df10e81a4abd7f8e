"""Outcome scores entered at a session: which scales the journal knows, and their ranges.

The journal stores a score as its code and an integer value, never a sentence; the app and the
reports name the scale in the reader's language.

- ``pain_nrs_before`` / ``pain_nrs_after``: pain on the 0–10 numeric rating scale (NRS), asked before
  the first injection and after the last one.
- ``ham_a``: the Hamilton Anxiety Rating Scale, 14 items scored 0–4, total 0–56. Seed
  000_7e7b1f094f749513.txt follows Mésostress with it: « une réduction significative des scores
  HAM-A (Echelle d'anxiété d'Hamilton) » and « Surveillance clinique régulière de l'évolution
  symptomatique ».
"""

from __future__ import annotations

from enum import StrEnum

from mesogun.journal.errors import InvalidRecordError, RecordRule


class ScoreCode(StrEnum):
    """A scale the journal records (stored by this code)."""

    PAIN_NRS_BEFORE = "pain_nrs_before"
    PAIN_NRS_AFTER = "pain_nrs_after"
    HAM_A = "ham_a"


#: Inclusive range of each scale (whole points).
SCORE_RANGES: dict[ScoreCode, tuple[int, int]] = {
    ScoreCode.PAIN_NRS_BEFORE: (0, 10),
    ScoreCode.PAIN_NRS_AFTER: (0, 10),
    ScoreCode.HAM_A: (0, 56),
}


def score_code(value: str) -> ScoreCode:
    """The ScoreCode for ``value``; refuse a code the journal does not know."""
    try:
        return ScoreCode(value)
    except ValueError:
        known = ", ".join(code.value for code in ScoreCode)
        raise InvalidRecordError(
            "score.code",
            value,
            f"one of {known}",
            RecordRule.ONE_OF,
            choices=tuple(code.value for code in ScoreCode),
            named_by="ScoreCode",
        ) from None


def checked_score(code: ScoreCode | str, value: object) -> tuple[ScoreCode, int]:
    """The code and its value as stored; refuse (never clip) a value outside the scale's range.

    Scales are scored in whole points: a fraction is refused, as are booleans.
    """
    scale = score_code(str(code))
    low, high = SCORE_RANGES[scale]
    field = f"score.{scale.value}"
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (isinstance(value, float) and not value.is_integer())
    ):
        raise InvalidRecordError(
            field,
            value,
            f"a whole number from {low} to {high}",
            RecordRule.WHOLE_NUMBER_IN_RANGE,
            low=low,
            high=high,
        )
    whole = int(value)
    if not low <= whole <= high:
        raise InvalidRecordError(
            field, value, f"from {low} to {high}", RecordRule.IN_RANGE, low=low, high=high
        )
    return scale, whole

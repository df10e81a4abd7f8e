"""The words of the plan and limits listings: both languages, the same places to fill."""

from __future__ import annotations

import string

import pytest

from mesogun.vocabulary.listing_words import LISTING_WORDS, amount, listing_word, violation_words


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(LISTING_WORDS))
def test_every_listing_word_has_both_languages_with_the_same_places(key: str) -> None:
    french, english = LISTING_WORDS[key]
    assert french and english
    assert _fields(french) == _fields(english)


def test_figures_follow_the_language() -> None:
    assert amount(0.5, "mm", "fr") == "0,5\u00a0mm"
    assert amount(0.5, "mm", "en") == "0.5 mm"
    assert listing_word("hard_flow", "fr", range="5–500 µl/s") == "débit\u00a0: 5–500 µl/s"
    assert violation_words("depth_mm", 8.0, 2.0, 6.0, "mm", True, "en") == (
        "depth: 8 mm, outside the usual range 2–6 mm"
    )

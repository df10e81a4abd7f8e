"""A count and its noun agree: French writes 0 and 1 in the singular, English only 1."""

from __future__ import annotations

from mesogun.vocabulary.counting import counted, is_plural


def test_french_counts_zero_and_one_in_the_singular() -> None:
    assert [counted(n, "course", "fr") for n in (0, 1, 2)] == ["0 cure", "1 cure", "2 cures"]
    assert [is_plural(n, "fr") for n in (0, 1, 2)] == [False, False, True]


def test_english_counts_only_one_in_the_singular() -> None:
    assert [counted(n, "session", "en") for n in (0, 1, 2)] == ["0 sessions", "1 session", "2 sessions"]

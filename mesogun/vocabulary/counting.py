"""A count and its noun, agreeing in each language: French writes 0 and 1 in the singular
("0 séance", "1 cure", "2 cures"), English only 1 ("0 sessions", "1 course")."""

from __future__ import annotations

from mesogun.vocabulary.formatting import Language

Forms = tuple[str, str]  # (singular, plural)

#: Nouns the command line and the paper count: (French forms, English forms).
COUNTED_NOUNS: dict[str, tuple[Forms, Forms]] = {
    "session": (("séance", "séances"), ("session", "sessions")),
    "course": (("cure", "cures"), ("course", "courses")),
    "file": (("fichier", "fichiers"), ("file", "files")),
    "page": (("page", "pages"), ("page", "pages")),
    "shot": (("injection", "injections"), ("shot", "shots")),
    "point": (("point", "points"), ("point", "points")),
    # points of a session by how they ended (the statuses' names, agreeing with their count)
    "done": (("fait", "faits"), ("done", "done")),
    "partial": (("partiel", "partiels"), ("partial", "partial")),
    "skipped": (("sauté", "sautés"), ("skipped", "skipped")),
    "not_done": (("non fait", "non faits"), ("not done", "not done")),
}


def is_plural(count: int, language: Language) -> bool:
    """Whether ``count`` takes the plural in ``language``."""
    return abs(count) >= 2 if language == "fr" else count != 1


def counted(count: int, noun: str, language: Language) -> str:
    """``count`` and its noun (a key of :data:`COUNTED_NOUNS`) in ``language``: ``"1 cure"``,
    ``"2 courses"``."""
    french, english = COUNTED_NOUNS[noun]
    singular, plural = french if language == "fr" else english
    return f"{count} {plural if is_plural(count, language) else singular}"

"""The due date of a course's next session is said in the desk's local time, as the screen and the
report say it, not in UTC."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from mesogun.catalogue.texts import next_due_text, too_soon_text

# Late in the evening in UTC: already the next day in Paris (UTC+1 in December).
DUE_AT = datetime(2026, 12, 10, 23, 30, tzinfo=UTC)


@pytest.fixture
def paris(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("paris")
def test_a_session_too_soon_names_the_local_moment_it_is_due() -> None:
    french = too_soon_text(20.0, 7, DUE_AT, "fr")
    assert "(prochaine prévue le 11/12/2026 00:30)" in french
    assert "UTC" not in french
    assert "(next due 2026-12-11 00:30)" in too_soon_text(20.0, 7, DUE_AT, "en")


@pytest.mark.usefixtures("paris")
def test_the_next_session_is_due_from_its_local_date() -> None:
    assert next_due_text(DUE_AT, "fr") == "Prochaine séance prévue à partir du 11/12/2026"
    assert next_due_text(DUE_AT, "en") == "Next session due from 2026-12-11"

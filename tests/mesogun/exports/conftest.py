"""Fixtures for the export tests: a real journal file holding the sessions of ``export_builders``, and
the machine's time zone set to Paris (UTC+1 on the sessions' days), so that local times and their
offsets are checked, not UTC passed off as local."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from export_builders import Filled, fill

from mesogun.journal import SqliteJournal


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[Filled]:
    with SqliteJournal(tmp_path / "journal.sqlite3") as journal:
        yield fill(journal)


@pytest.fixture(autouse=True)
def paris(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()

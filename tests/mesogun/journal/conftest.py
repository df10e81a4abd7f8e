"""Fixtures for the dose journal tests: a real SQLite file in tmp_path with a stepping clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from journal_builders import SteppingClock

from mesogun.journal import SqliteJournal


@pytest.fixture
def journal_file(tmp_path: Path) -> Path:
    # A space and a '#' in the folder name: the file is opened by URI for verify().
    return tmp_path / "données #1" / "journal.sqlite3"


@pytest.fixture
def clock() -> SteppingClock:
    return SteppingClock()


@pytest.fixture
def journal(journal_file: Path, clock: SteppingClock) -> Iterator[SqliteJournal]:
    with SqliteJournal(journal_file, clock=clock) as opened:
        yield opened

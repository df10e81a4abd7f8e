"""Fixture for the export tests: a real journal file holding the sessions of ``export_builders``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from export_builders import Filled, fill

from mesogun.journal import SqliteJournal


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[Filled]:
    with SqliteJournal(tmp_path / "journal.sqlite3") as journal:
        yield fill(journal)

"""The dose journal as the technician area uses it: opened on a worker thread, once, closed at the end.

The calibration procedures record their results in it and the history tab reads them back.
``SqliteJournal`` is thread-safe, so the workers of the different tabs share one connection.
"""

from __future__ import annotations

import threading
from pathlib import Path

from mesogun.journal import SqliteJournal


class JournalFile:
    """The journal at ``path``, opened at first use (never on the GUI thread: opening may migrate it)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._journal: SqliteJournal | None = None

    def open(self) -> SqliteJournal:
        """The journal, created if the file does not exist yet (to record a calibration)."""
        with self._lock:
            if self._journal is None:
                self._journal = SqliteJournal(self.path)
            return self._journal

    def existing(self) -> SqliteJournal | None:
        """The journal if its file exists (reading never creates one), else None."""
        if self._journal is None and not self.path.exists():
            return None
        return self.open()

    def close(self) -> None:
        with self._lock:
            journal, self._journal = self._journal, None
        if journal is not None:
            journal.close()

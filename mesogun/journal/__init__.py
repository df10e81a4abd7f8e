"""The dose journal: append-only, hash-chained record of sessions and of every dose the gun delivered.

- ``JournalStore``: the one interface (the runner writes, the link stores device events, exports read).
- ``SqliteJournal``: the local backend, a SQLite file (WAL, ``synchronous=FULL``, one durable commit per
  dose, owner-only permissions) in ``default_journal_path()`` unless told otherwise.
- ``records``: what the read side returns (pydantic, host units).
- ``calibration_records`` / ``calibration_store``: the technician's calibration records (volume, depth,
  flow), chained like every other row.
"""

from pathlib import Path

from mesogun.journal.calibration_records import (
    CalibrationEntry,
    CalibrationKind,
    CalibrationRecord,
    CalibrationVerdict,
)
from mesogun.journal.calibration_store import CalibrationNotFoundError
from mesogun.journal.errors import (
    InvalidRecordError,
    JournalError,
    JournalFileError,
    JournalProblem,
    SessionClosedError,
    SessionNotFoundError,
)
from mesogun.journal.paths import DATA_DIR_ENV, default_journal_path
from mesogun.journal.records import (
    AdverseSeverity,
    BrokenLink,
    DoseRecord,
    DoseResult,
    PartialChoice,
    PointDecisionRecord,
    ScreeningAnswer,
    SessionProduct,
    SessionRecord,
    SessionStatus,
    SessionSummary,
    VerifyReport,
)
from mesogun.journal.schema import CURRENT_VERSION
from mesogun.journal.sqlite_journal import SqliteJournal
from mesogun.journal.store import JournalStore


def open_journal(path: Path | str | None = None) -> SqliteJournal:
    """Open (creating if needed) the journal at ``path``, or at ``default_journal_path()``."""
    return SqliteJournal(path)


__all__ = [
    "CURRENT_VERSION",
    "DATA_DIR_ENV",
    "AdverseSeverity",
    "BrokenLink",
    "CalibrationEntry",
    "CalibrationKind",
    "CalibrationNotFoundError",
    "CalibrationRecord",
    "CalibrationVerdict",
    "DoseRecord",
    "DoseResult",
    "InvalidRecordError",
    "JournalError",
    "JournalFileError",
    "JournalProblem",
    "JournalStore",
    "PartialChoice",
    "PointDecisionRecord",
    "ScreeningAnswer",
    "SessionClosedError",
    "SessionNotFoundError",
    "SessionProduct",
    "SessionRecord",
    "SessionStatus",
    "SessionSummary",
    "SqliteJournal",
    "VerifyReport",
    "default_journal_path",
    "open_journal",
]

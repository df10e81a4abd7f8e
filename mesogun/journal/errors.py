"""Errors raised by the dose journal. Messages say what went wrong and what to do."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from mesogun.errors import MesogunError


class JournalProblem(StrEnum):
    """What went wrong with the journal; the parameters each code carries follow it.

    Said in French or English by :func:`mesogun.vocabulary.error_text`; the message of the error
    says the same in English, for the log, with the words of SQLite or of the system about the cause.
    """

    CANNOT_CREATE = "cannot_create"  # path, os_error (errno name: EACCES, ENOSPC…)
    NOT_A_FILE = "not_a_file"  # path
    CANNOT_OPEN = "cannot_open"  # path, sqlite_error (SQLite's error name)
    DAMAGED = "damaged"  # path
    NEWER_SCHEMA = "newer_schema"  # path, found, known (schema versions)
    OTHER_PROGRAM = "other_program"  # path
    LOCKED = "locked"  # path
    READ_ONLY = "read_only"  # path
    DISK_FULL = "disk_full"  # path
    DISK_ERROR = "disk_error"  # path, sqlite_error
    UNUSABLE = "unusable"  # path, sqlite_error
    NO_WAL = "no_wal"  # path, mode
    MISSING_TABLE = "missing_table"  # path, table
    NO_JOURNAL = "no_journal"  # path
    NOT_A_JOURNAL = "not_a_journal"  # path
    SESSION_NOT_FOUND = "session_not_found"  # session_id
    SESSION_ID_TOO_SHORT = "session_id_too_short"  # session_id, minimum (characters)
    SESSION_ID_AMBIGUOUS = "session_id_ambiguous"  # session_id
    CALIBRATION_NOT_FOUND = "calibration_not_found"  # record_id
    CALIBRATION_ID_TOO_SHORT = "calibration_id_too_short"  # record_id, minimum (characters)
    CALIBRATION_ID_AMBIGUOUS = "calibration_id_ambiguous"  # record_id, count
    SESSION_CLOSED = "session_closed"  # session_id
    INVALID_RECORD = "invalid_record"  # field, value, rule (a RecordRule) and the rule's own parameters


class RecordRule(StrEnum):
    """The rule a value offered to the journal breaks; the parameters each code carries follow it."""

    TEXT_NEEDED = "text_needed"
    INTEGER_NEEDED = "integer_needed"
    NUMBER_NEEDED = "number_needed"
    FINITE_NUMBER_NEEDED = "finite_number_needed"
    NO_SUCH_COLUMN = "no_such_column"
    AWARE_TIME_NEEDED = "aware_time_needed"
    PSEUDONYM_NEEDED = "pseudonym_needed"
    PSEUDONYM_TOO_LONG = "pseudonym_too_long"  # maximum (characters)
    PSEUDONYM_WITH_SPACES = "pseudonym_with_spaces"
    PSEUDONYM_CHARACTERS = "pseudonym_characters"
    PSEUDONYM_LIKE_A_DATE = "pseudonym_like_a_date"
    ONE_OF = "one_of"  # choices (the codes allowed), named_by (their enumeration's name)
    WHOLE_NUMBER_IN_RANGE = "whole_number_in_range"  # low, high
    IN_RANGE = "in_range"  # low, high
    SHARES_NOT_100 = "shares_not_100"  # total_pct
    CONSENT_TIME_NEEDED = "consent_time_needed"
    POINT_INDEX_FROM_ZERO = "point_index_from_zero"
    SYRINGE_CONTENTS_NEEDED = "syringe_contents_needed"
    NO_SUCH_ROW = "no_such_row"  # table, seq
    EVENT_NUMBER_FROM_ONE = "event_number_from_one"
    NOT_CORRECTABLE_TABLE = "not_correctable_table"  # tables (those that are)
    NO_CHANGE = "no_change"
    NOT_CORRECTABLE_FIELD = "not_correctable_field"  # table, fields (those that are)
    FAILED_CALIBRATION_REASON = "failed_calibration_reason"
    FAILED_CALIBRATION_FACTORS = "failed_calibration_factors"
    EXPIRY_NEEDED = "expiry_needed"
    ENDS_BEFORE_START = "ends_before_start"


class JournalError(MesogunError):
    """Base class of every journal error; ``journal_problem`` and ``parameters`` say it by code."""

    journal_problem: JournalProblem | None = None
    parameters: Mapping[str, object] = MappingProxyType({})


class JournalFileError(JournalError):
    """The journal file cannot be opened, created or migrated, or a read or a write in it failed
    (locked by another program, read-only, disk full, damaged): always with its problem's code."""

    def __init__(self, message: str, problem: JournalProblem, **parameters: object) -> None:
        super().__init__(message)
        self.journal_problem = problem
        self.parameters = dict(parameters)


#: The words of the log after "no session 'x' in the journal", by what was wrong with the id.
_NOT_FOUND_DETAIL = {
    JournalProblem.SESSION_ID_TOO_SHORT: ": give at least {minimum} characters of the id",
    JournalProblem.SESSION_ID_AMBIGUOUS: ": several sessions start with it; give more characters",
}


class SessionNotFoundError(JournalError, KeyError):
    """No session with this id (or id prefix) is in the journal; ``problem`` says what was wrong with
    the id (SESSION_NOT_FOUND, SESSION_ID_TOO_SHORT or SESSION_ID_AMBIGUOUS)."""

    def __init__(
        self,
        session_id: str,
        problem: JournalProblem = JournalProblem.SESSION_NOT_FOUND,
        **parameters: object,
    ) -> None:
        self.session_id = session_id
        self.journal_problem = problem
        self.parameters = {"session_id": session_id, **parameters}
        detail = _NOT_FOUND_DETAIL.get(problem, "").format(**parameters)
        super().__init__(
            f"no session {session_id!r} in the journal{detail}; "
            "list the sessions with `mesogun sessions list`"
        )

    def __str__(self) -> str:
        # KeyError would quote the message; show it as written.
        return str(self.args[0])


class SessionClosedError(JournalError):
    """A record was written to a session that is already closed."""

    def __init__(self, session_id: str) -> None:
        self.session_id = session_id
        self.journal_problem = JournalProblem.SESSION_CLOSED
        self.parameters = {"session_id": session_id}
        super().__init__(
            f"session {session_id} is closed: nothing more can be recorded in it; "
            "add a correction or open a new session"
        )


class InvalidRecordError(JournalError, ValueError):
    """A value offered to the journal is refused (never clipped): names the field, value and rule.

    ``rule`` says the rule in English, for the log; ``record_rule`` and the parameters say it by code
    (:data:`JournalProblem.INVALID_RECORD`), for :func:`mesogun.vocabulary.error_text`.
    """

    def __init__(
        self, field: str, value: object, rule: str, record_rule: RecordRule, **parameters: object
    ) -> None:
        self.field = field
        self.value = value
        self.rule = rule
        self.record_rule = record_rule
        self.journal_problem = JournalProblem.INVALID_RECORD
        self.parameters = {"field": field, "value": value, "rule": record_rule, **parameters}
        super().__init__(f"{field} = {value!r} refused: {rule}")

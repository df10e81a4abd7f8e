"""Errors raised by the dose journal. Messages say what went wrong and what to do."""

from __future__ import annotations

from mesogun.errors import MesogunError


class JournalError(MesogunError):
    """Base class of every journal error."""


class JournalFileError(JournalError):
    """The journal file cannot be opened, created or migrated."""


class SessionNotFoundError(JournalError, KeyError):
    """No session with this id (or id prefix) is in the journal."""

    def __init__(self, session_id: str, detail: str = "") -> None:
        self.session_id = session_id
        message = f"no session {session_id!r} in the journal"
        if detail:
            message += f": {detail}"
        message += "; list the sessions with `mesogun sessions list`"
        super().__init__(message)

    def __str__(self) -> str:
        # KeyError would quote the message; show it as written.
        return str(self.args[0])


class SessionClosedError(JournalError):
    """A record was written to a session that is already closed."""

    def __init__(self, session_id: str) -> None:
        self.session_id = session_id
        super().__init__(
            f"session {session_id} is closed: nothing more can be recorded in it; "
            "add a correction or open a new session"
        )


class InvalidRecordError(JournalError, ValueError):
    """A value offered to the journal is refused (never clipped): names the field, value and rule."""

    def __init__(self, field: str, value: object, rule: str) -> None:
        self.field = field
        self.value = value
        self.rule = rule
        super().__init__(f"{field} = {value!r} refused: {rule}")

"""Opening a connection to the clinic database (psycopg 3, imported here and only when called)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mesogun.clinic.settings import checked_conninfo

if TYPE_CHECKING:
    import psycopg

CONNECT_TIMEOUT_S = 5
APPLICATION_NAME = "mesogun"


class ClinicUnavailableError(Exception):
    """The clinic database cannot be reached now (network, server down, login refused)."""


class ClinicDriverMissingError(ClinicUnavailableError):
    """psycopg is not installed: the clinic store needs ``pip install 'mesogun[clinic]'``."""


def driver() -> object:
    """The psycopg module, or ClinicDriverMissingError with what to install."""
    try:
        import psycopg
    except ImportError as error:
        raise ClinicDriverMissingError(
            "the clinic store needs psycopg 3: pip install 'mesogun[clinic]'"
        ) from error
    return psycopg


def connect(
    conninfo: str, *, timeout_s: float = CONNECT_TIMEOUT_S, autocommit: bool = False
) -> psycopg.Connection[tuple[object, ...]]:
    """A new connection to the clinic database; ClinicUnavailableError when it cannot be reached."""
    driver()
    import psycopg

    try:
        return psycopg.connect(
            checked_conninfo(conninfo),
            connect_timeout=max(1, round(timeout_s)),
            application_name=APPLICATION_NAME,
            autocommit=autocommit,
        )
    except psycopg.OperationalError as error:
        raise ClinicUnavailableError(f"cannot reach the clinic database: {_first_line(error)}") from error


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__

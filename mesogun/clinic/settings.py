"""Where the clinic database is, as this desk knows it: a libpq connection string, never a password.

Kept in ``clinic.json`` beside the journal (mode 0600), read by the app and the command line alike;
``$MESOGUN_CLINIC`` overrides it for one process (scripts, tests). The password lives where libpq
looks for it: the ``~/.pgpass`` file (libpq ignores it unless it is private to its owner) or a
``passfile=`` named in the connection string, which is refused too if others can read it.

A server reached over the network must be reached with ``sslmode=verify-full`` (encrypted, and the
server's certificate checked against the clinic's CA): it is added when the string names no
``sslmode``, and a weaker mode is refused. A local socket or a loopback address needs no TLS.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from mesogun.journal.paths import FILE_MODE, data_dir

CLINIC_ENV = "MESOGUN_CLINIC"
SETTINGS_FILE_NAME = "clinic.json"
REQUIRED_SSLMODE = "verify-full"
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
# key = value pairs of a libpq connection string (values quoted with '...' or bare).
_PAIR = re.compile(r"\s*([A-Za-z_]+)\s*=\s*('(?:[^'\\]|\\.)*'|\S+)")


class ClinicSettingsError(ValueError):
    """A clinic connection string or settings file that cannot be used; the message says why."""


def parse_conninfo(conninfo: str) -> dict[str, str]:
    """The ``key=value`` pairs of a libpq connection string (URIs are refused: one form to check)."""
    text = conninfo.strip()
    if not text:
        raise ClinicSettingsError("the clinic connection string is empty")
    if "://" in text:
        raise ClinicSettingsError(
            "write the clinic connection as key=value pairs "
            "(host=... dbname=... user=... sslmode=verify-full), not as a URI"
        )
    pairs: dict[str, str] = {}
    position = 0
    while position < len(text):
        match = _PAIR.match(text, position)
        if match is None:
            raise ClinicSettingsError(f"cannot read the clinic connection string near {text[position:]!r}")
        value = match.group(2)
        if value.startswith("'"):
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        pairs[match.group(1).lower()] = value
        position = match.end()
        while position < len(text) and text[position].isspace():
            position += 1
    return pairs


def _is_local(host: str) -> bool:
    return all(part.startswith("/") or part in _LOCAL_HOSTS for part in host.split(",") if part)


def _readable_by_others(path: Path) -> bool:
    return bool(path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO))


def checked_conninfo(conninfo: str) -> str:
    """``conninfo`` made safe to use: no password in it, TLS with a verified server when remote.

    Returns the string to connect with (``sslmode=verify-full`` appended for a remote host that names
    none). Raises ClinicSettingsError naming what is wrong.
    """
    pairs = parse_conninfo(conninfo)
    if "password" in pairs:
        raise ClinicSettingsError(
            "the clinic connection string must not hold the password: put it in ~/.pgpass "
            "(mode 0600) or in a private file named by passfile=..."
        )
    passfile = pairs.get("passfile")
    if passfile is not None:
        path = Path(passfile).expanduser()
        if path.exists() and _readable_by_others(path):
            raise ClinicSettingsError(f"the password file {path} can be read by others: chmod 600 {path}")
    host = pairs.get("host", pairs.get("hostaddr", ""))
    if host and not _is_local(host):
        sslmode = pairs.get("sslmode")
        if sslmode is None:
            return f"{conninfo.strip()} sslmode={REQUIRED_SSLMODE}"
        if sslmode != REQUIRED_SSLMODE:
            raise ClinicSettingsError(
                f"sslmode={sslmode} would let the clinic's data cross the network unverified: "
                f"use sslmode={REQUIRED_SSLMODE} with sslrootcert= the clinic's CA certificate"
            )
    return conninfo.strip()


@dataclass(frozen=True)
class ClinicSettings:
    """The clinic database this desk ships its journal to (the login name is the station's name)."""

    conninfo: str
    sync_interval_s: float = 5.0

    @property
    def station_hint(self) -> str | None:
        """The login named in the connection string (the station's name on the server), if any."""
        return parse_conninfo(self.conninfo).get("user")


def settings_path() -> Path:
    """The desk's clinic settings file (beside the journal)."""
    return data_dir() / SETTINGS_FILE_NAME


def load_settings(path: Path | None = None) -> ClinicSettings | None:
    """The configured clinic store: ``$MESOGUN_CLINIC`` if set, else the settings file; None if neither.

    Raises ClinicSettingsError for a file that cannot be read or a connection string that is unsafe.
    """
    from_env = os.environ.get(CLINIC_ENV)
    if from_env:
        return ClinicSettings(conninfo=checked_conninfo(from_env))
    chosen = path if path is not None else settings_path()
    if not chosen.exists():
        return None
    try:
        data = json.loads(chosen.read_text(encoding="utf-8"))
        conninfo = str(data["conninfo"])
        interval_s = float(data.get("sync_interval_s", 5.0))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ClinicSettingsError(f"cannot read the clinic settings {chosen}: {error}") from error
    if not conninfo.strip():
        return None
    if not 0.5 <= interval_s <= 3600:
        raise ClinicSettingsError(f"sync_interval_s in {chosen}: {interval_s} is outside 0.5..3600 seconds")
    return ClinicSettings(conninfo=checked_conninfo(conninfo), sync_interval_s=interval_s)


def save_settings(settings: ClinicSettings | None, path: Path | None = None) -> Path:
    """Write the settings file (0600), or empty it with None (the desk then works alone). Returns it."""
    chosen = path if path is not None else settings_path()
    chosen.parent.mkdir(parents=True, exist_ok=True)
    data = (
        {"conninfo": checked_conninfo(settings.conninfo), "sync_interval_s": settings.sync_interval_s}
        if settings is not None
        else {"conninfo": ""}
    )
    temporary = chosen.with_name(chosen.name + ".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        os.fchmod(handle.fileno(), FILE_MODE)
        json.dump(data, handle, indent=2)
        handle.write("\n")
    os.replace(temporary, chosen)
    return chosen

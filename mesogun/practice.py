"""The practice's identity, printed at the top of a session report: the clinic's name and address, the
practitioner's name and RPPS number.

Kept in ``practice.json`` beside the journal (owner-only), written by the app's settings and by
``mesogun practice set``, read by both when a report is made. Every field is optional: a field not
given is left out of the report, never made up.

The RPPS number (Répertoire partagé des professionnels de santé) identifies a health professional in
France: 11 digits.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from mesogun.errors import MesogunError
from mesogun.journal.paths import data_dir
from mesogun.private_files import write_private

PRACTICE_FILE_NAME = "practice.json"
RPPS_DIGITS = 11


class PracticeError(MesogunError):
    """A practice setting that cannot be used (the message names the field and why)."""


@dataclass(frozen=True)
class Practice:
    """Who the report comes from; None (or blank) where nothing was given."""

    clinic_name: str | None = None
    address: str | None = None  # may hold several lines
    practitioner: str | None = None
    rpps: str | None = None  # 11 digits

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if value is not None and not isinstance(value, str):
                raise PracticeError(f"{field.name}: {value!r} is not a text")
            # Blank is "not given": store None, so a report never prints an empty line for it.
            object.__setattr__(self, field.name, value.strip() if value and value.strip() else None)
        if self.rpps is not None and not (len(self.rpps) == RPPS_DIGITS and self.rpps.isdigit()):
            raise PracticeError(f"rpps: {self.rpps!r} is not an RPPS number ({RPPS_DIGITS} digits)")

    @property
    def empty(self) -> bool:
        """True when no field is given."""
        return all(getattr(self, field.name) is None for field in fields(self))


def practice_path() -> Path:
    """The practice settings file (beside the journal)."""
    return data_dir() / PRACTICE_FILE_NAME


def load_practice(path: Path | None = None) -> Practice:
    """The practice as saved in ``path`` (default ``practice_path()``); an empty one if there is none."""
    chosen = path if path is not None else practice_path()
    if not chosen.exists():
        return Practice()
    try:
        data = json.loads(chosen.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise TypeError("not a JSON object")
        known = {field.name for field in fields(Practice)}
        return Practice(**{name: value for name, value in data.items() if name in known})
    except (OSError, ValueError, TypeError) as error:
        raise PracticeError(f"cannot read the practice settings {chosen}: {error}") from error


def save_practice(practice: Practice, path: Path | None = None) -> Path:
    """Write ``practice`` to ``path`` (default ``practice_path()``, owner-only, replacing it); returns it."""
    chosen = path if path is not None else practice_path()
    chosen.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(asdict(practice), ensure_ascii=False, indent=2) + "\n"
    write_private(chosen, text.encode("utf-8"), overwrite=True)
    return chosen

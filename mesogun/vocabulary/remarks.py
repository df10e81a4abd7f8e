"""What the host writes into the journal's free-text fields of its own accord, and reading it back.

A skip's reason, a close's reason and a note are the practitioner's words when a person gives them.
When the session writes them itself (a point left at its shots, a point repeated, a clean early end,
a gun that could not be confirmed disarmed), and when the session opening records why the gun's
calibration is not in force, the text follows one of the forms below, parameters inside. The journal
keeps these texts as they are (older files hold them too); :func:`read_remark` finds the form and its
parameters, and :func:`remark_text` says the same thing in French, so that a French report shows no
English sentence. Any other text (a person's words) is shown as it was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from mesogun.vocabulary.formatting import NBSP, Language, quantity
from mesogun.vocabulary.names import name_of_code

#: Remark code -> the form the journal holds (English), with ``{name}`` parameters.
FORMS: dict[str, str] = {
    "left_point_shots": (
        "ended by the practitioner at {shots} shot(s), {volume_ul} µl (target {target_shots} shots)"
    ),
    "left_point_volume": (
        "ended by the practitioner at {shots} shot(s), {volume_ul} µl (target {target_ul} µl)"
    ),
    "repeated_point": (
        "point {number} ({label}) repeated: its target is delivered again on top of "
        "{shots} shot(s), {volume_ul} µl"
    ),
    "early_end": "stopped by {who} (clean early end) after {done} of {total} points",
    "early_end_not_disarmed": (
        "stopped by {who} (clean early end) after {done} of {total} points "
        "(gun not confirmed disarmed: {error})"
    ),
    "reason_not_disarmed": "{reason} (gun not confirmed disarmed: {error})",
    "not_disarmed": "gun not confirmed disarmed: {error}",
    # calibration findings (mesogun/calibration/status.py)
    "gun_never_calibrated": "the gun reports that it was never calibrated",
    "gun_expired": "the gun reports that its calibration #{calibration_id} expired on {expiry}",
    "no_record": "this journal holds no passed {kind} calibration of gun {serial}",
    "record_expired": "the last {kind} calibration of gun {serial} ({day}) expired on {expiry}",
    "last_failed": "the last {kind} calibration of gun {serial} ({day}) failed: {reason}",
    "unrecorded_calibration": (
        "the gun holds calibration #{calibration_id}, of which this journal has no passed record: "
        "have it calibrated again"
    ),
}

#: Remark code -> the same in French (``{nbsp}``: a no-break space; parameters as written by ``_french``).
FRENCH: dict[str, str] = {
    "left_point_shots": (
        "point quitté par le praticien après {shots}, {volume_ul} (objectif{nbsp}: {target_shots})"
    ),
    "left_point_volume": (
        "point quitté par le praticien après {shots}, {volume_ul} (objectif{nbsp}: {target_ul})"
    ),
    "repeated_point": (
        "point {number} ({label}) refait{nbsp}: son objectif est injecté à nouveau en plus de "
        "{shots}, {volume_ul}"
    ),
    "early_end": "fin anticipée par {who}, sans incident, après {done} sur {total}",
    "early_end_not_disarmed": (
        "fin anticipée par {who}, sans incident, après {done} sur {total} "
        "(désarmement du pistolet non confirmé{nbsp}: {error})"
    ),
    "reason_not_disarmed": "{reason} (désarmement du pistolet non confirmé{nbsp}: {error})",
    "not_disarmed": "désarmement du pistolet non confirmé{nbsp}: {error}",
    "gun_never_calibrated": "le pistolet indique n’avoir jamais été étalonné",
    "gun_expired": "le pistolet indique que son étalonnage n°{nbsp}{calibration_id} a expiré le {expiry}",
    "no_record": "ce journal ne contient aucun étalonnage réussi ({kind}) du pistolet {serial}",
    "record_expired": "le dernier étalonnage ({kind}) du pistolet {serial}, du {day}, a expiré le {expiry}",
    "last_failed": "le dernier étalonnage ({kind}) du pistolet {serial}, du {day}, a échoué{nbsp}: {reason}",
    "unrecorded_calibration": (
        "le pistolet contient l’étalonnage n°{nbsp}{calibration_id}, dont ce journal n’a aucun "
        "enregistrement réussi{nbsp}: faites-le étalonner à nouveau"
    ),
}

_KINDS_FR = {"volume": "volume", "depth": "profondeur", "flow": "débit"}

#: Forms tried from the most to the least specific (a longer form may contain a shorter one).
_ORDER = (
    "gun_never_calibrated",
    "gun_expired",
    "no_record",
    "record_expired",
    "last_failed",
    "unrecorded_calibration",
    "left_point_shots",
    "left_point_volume",
    "repeated_point",
    "early_end_not_disarmed",
    "early_end",
    "reason_not_disarmed",
    "not_disarmed",
)
_FIELD = re.compile(r"\{(\w+)\}")


def _pattern(form: str) -> re.Pattern[str]:
    parts = _FIELD.split(form)
    # split() alternates literal text and field names: text, name, text, name, ..., text
    regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts))
    return re.compile(regex, re.DOTALL)


_PATTERNS = {code: _pattern(FORMS[code]) for code in _ORDER}


@dataclass(frozen=True)
class Remark:
    """A text of the session code recognised: its ``code`` (a key of ``FORMS``) and its parameters."""

    code: str
    values: dict[str, str]


def read_remark(text: str) -> Remark | None:
    """The remark ``text`` is written in, with its parameters; None for anything else (a person's words)."""
    for code, pattern in _PATTERNS.items():
        match = pattern.fullmatch(text)
        if match:
            return Remark(code, match.groupdict())
    return None


def _volume(volume_ul: float) -> str:
    return f"{volume_ul:g}"


def left_point(
    shots: int, volume_ul: float, *, target_shots: int | None = None, target_ul: float = 0.0
) -> str:
    """A point left by the practitioner at ``shots`` shots and ``volume_ul`` µl, short of its target."""
    if target_shots is not None:
        return FORMS["left_point_shots"].format(
            shots=shots, volume_ul=_volume(volume_ul), target_shots=target_shots
        )
    return FORMS["left_point_volume"].format(
        shots=shots, volume_ul=_volume(volume_ul), target_ul=_volume(target_ul)
    )


def repeated_point(number: int, label: str, *, shots: int, volume_ul: float) -> str:
    """Point ``number`` (1-based) repeated on top of what it had received."""
    return FORMS["repeated_point"].format(
        number=number, label=label, shots=shots, volume_ul=_volume(volume_ul)
    )


def early_end(who: str, *, done: int, total: int, error: str | None = None) -> str:
    """A clean early end by ``who`` after ``done`` of ``total`` points.

    ``error``: what failed when the gun could not be confirmed disarmed.
    """
    if error is not None:
        return FORMS["early_end_not_disarmed"].format(who=who, done=done, total=total, error=error)
    return FORMS["early_end"].format(who=who, done=done, total=total)


def not_disarmed(error: str) -> str:
    """The gun could not be confirmed disarmed at the session's end (``error``: what failed)."""
    return FORMS["not_disarmed"].format(error=error)


def _count(value: str, word: str) -> str:
    """``value`` followed by ``word``, plural from two on, as French writes it (0 and 1: singular)."""
    try:
        plural = int(value) > 1
    except ValueError:
        return f"{value} {word}s"
    return f"{value}{NBSP}{word}{'s' if plural else ''}"


def _french_volume(value: str) -> str:
    try:
        volume_ul = float(value)
    except ValueError:
        return f"{value}{NBSP}µl"
    return quantity(volume_ul, "µl", 0 if volume_ul.is_integer() else 1, "fr")


def _french_day(value: str) -> str:
    try:
        return date.fromisoformat(value).strftime("%d/%m/%Y")
    except ValueError:
        return value


def _french_label(label: str) -> str:
    """A point's label (``MC6 (PC6) Neiguan, left``, see ``Site.label``) with its side in French."""
    place, comma, side = label.rpartition(", ")
    if not comma or side not in ("left", "right", "bilateral"):
        return label
    return f"{place} {name_of_code('Laterality', side, 'fr')}"


def _french(values: dict[str, str]) -> dict[str, str]:
    """The parameters as French writes them: counts with their word, volumes, days, kinds."""
    french = dict(values)
    for key in ("shots", "target_shots"):
        if key in french:
            french[key] = _count(french[key], "injection")
    for key in ("done", "total"):
        if key in french:
            french[key] = _count(french[key], "point") if key == "done" else french[key]
    for key in ("volume_ul", "target_ul"):
        if key in french:
            french[key] = _french_volume(french[key])
    for key in ("day", "expiry"):
        if key in french:
            french[key] = _french_day(french[key])
    if "label" in french:
        french["label"] = _french_label(french["label"])
    if "kind" in french:
        french["kind"] = _KINDS_FR.get(french["kind"], french["kind"])
    if "reason" in french:
        french["reason"] = remark_text(french["reason"], "fr")
    return french


def remark_text(text: str, language: Language) -> str:
    """``text`` from the journal in ``language``: a host remark in that language's words, else as is."""
    if language != "fr":
        return text
    remark = read_remark(text)
    if remark is None:
        return text
    return FRENCH[remark.code].format(nbsp=NBSP, **_french(remark.values))

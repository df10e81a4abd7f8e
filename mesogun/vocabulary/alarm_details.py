"""Why an alarm row of the journal was written, in French and English words.

The journal's ``alarms.detail`` holds a code and its parameters separated by spaces (written by
:func:`mesogun.session.alarm_detail.alarm_detail`): ``gun_event 12``, ``shot 12 partial 3.9 5``,
``found_on_return``, or an acknowledgement's code (``operator``, ``on_return``, ``unattended``).
Rows written before codes were used hold a sentence: it is shown as it is.
"""

from __future__ import annotations

from mesogun.vocabulary.formatting import NBSP, Language, french_spacing, number
from mesogun.vocabulary.names import name_of_code

#: Code -> the names of its parameters, in the order they are written.
PARAMETERS: dict[str, tuple[str, ...]] = {
    "gun_event": ("event",),
    "link_lost": ("event",),
    "shot": ("event", "result", "delivered_ul", "commanded_ul"),
    "found_on_return": (),
    "found_on_resume": (),
    "command_refused": (),
    "host_away": (),
    "operator": (),
    "on_return": (),
    "unattended": (),
}

_WORDS: dict[str, tuple[str, str]] = {
    "gun_event": (
        "déclenchée par le pistolet (événement n°{nbsp}{event})",
        "raised by the gun (event #{event})",
    ),
    "link_lost": (
        "déclenchée par le pistolet (événement n°{nbsp}{event}) pendant la coupure de la liaison",
        "raised by the gun (event #{event}) while the link was down",
    ),
    "shot": (
        "injection n°{nbsp}{event} {result} : {delivered_ul} sur {commanded_ul}{nbsp}µl",
        "shot #{event} {result}: {delivered_ul} of {commanded_ul} µl",
    ),
    "found_on_return": ("active au retour de la liaison", "found active when the link came back"),
    "found_on_resume": ("active à la reprise de la séance", "found active when the session was resumed"),
    "command_refused": (
        "signalée quand le pistolet a refusé une commande",
        "reported when the gun refused a command",
    ),
    "host_away": (
        "le pistolet s’est désarmé pendant l’absence de l’hôte (son chien de garde)",
        "the gun disarmed itself while the host was away (its watchdog)",
    ),
    "operator": ("acquittée par une personne", "acknowledged by a person"),
    "on_return": (
        "acquittée au retour de l’hôte, dans une séance suivie",
        "acknowledged on the host’s return, in an attended session",
    ),
    "unattended": (
        "acquittée par une exécution sans surveillance (option explicite)",
        "acknowledged by an unattended run (explicit option)",
    ),
}


def alarm_detail_parts(detail: str) -> tuple[str, list[str]] | None:
    """(code, parameters) of a coded detail; None for a sentence of an older row."""
    words = detail.split()
    if not words or words[0] not in PARAMETERS or len(words) - 1 != len(PARAMETERS[words[0]]):
        return None
    return words[0], words[1:]


def alarm_detail_text(detail: str, language: Language) -> str:
    """The detail in ``language``'s words (a sentence of an older row as it is)."""
    parts = alarm_detail_parts(detail)
    if parts is None:
        return detail
    code, parameters = parts
    values = dict(zip(PARAMETERS[code], parameters, strict=True))
    if "result" in values:
        values["result"] = name_of_code("DoseResult", values["result"], language).lower()
    for key in ("delivered_ul", "commanded_ul"):
        if key in values:
            try:
                volume_ul = float(values[key])
            except ValueError:
                continue
            values[key] = (
                number(volume_ul, 0 if volume_ul.is_integer() else 1, language)
                if language == "fr"
                else values[key]
            )
    french, english = _WORDS[code]
    if language == "fr":
        return french_spacing(french.format(nbsp=NBSP, **values))
    return english.format(nbsp=" ", **values)

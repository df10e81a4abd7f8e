"""Why an alarm row of the journal was written: a code and its parameters, never a sentence.

The ``detail`` of an alarm row is one of these, its parameters separated by spaces:

- ``gun_event N``: the gun raised it, in its event number N;
- ``link_lost N``: the gun raised it in its event N while the link was down (its watchdog);
- ``shot N RESULT DELIVERED_UL COMMANDED_UL``: a shot (event N) ended short because of it;
- ``found_on_return``, ``found_on_resume``: active when the link came back, when the session was
  resumed; ``command_refused``: the gun refused a command because of it;
- ``host_away``: the gun's watchdog, tripped while the host was away (recorded when the host is back);
- an acknowledgement row holds an :class:`~mesogun.session.acknowledgement.Acknowledgement` code.

Rows written before codes were used hold a sentence: :func:`detail_words` shows it as it is.
"""

from __future__ import annotations

from mesogun.session.acknowledgement import Acknowledgement

_WORDS = {
    "gun_event": "raised by the gun (event #{0})",
    "link_lost": "raised by the gun (event #{0}) while the link was down",
    "shot": "shot #{0} {1}: {2} of {3} µl",
    "found_on_return": "found active when the link came back",
    "found_on_resume": "found active when the session was resumed",
    "command_refused": "reported when the gun refused a command",
    "host_away": "the gun disarmed itself while the host was away (its watchdog)",
    Acknowledgement.OPERATOR.value: "acknowledged by a person",
    Acknowledgement.ON_RETURN.value: "acknowledged on the host's return, in an attended session",
    Acknowledgement.UNATTENDED.value: "acknowledged by an unattended run (explicit option)",
}


def alarm_detail(code: str, *parameters: object) -> str:
    """``alarm_detail("shot", 12, "partial", 3.9, 5)`` → ``"shot 12 partial 3.9 5"``."""
    return " ".join([code, *(f"{p:g}" if isinstance(p, float) else str(p) for p in parameters)])


def detail_parts(detail: str) -> tuple[str, list[str]] | None:
    """(code, parameters) of a coded detail; None for a sentence of an older row."""
    words = detail.split()
    if not words:
        return None
    code, parameters = words[0], words[1:]
    template = _WORDS.get(code)
    if template is None or template.count("{") != len(parameters):
        return None
    return code, parameters


def detail_words(detail: str) -> str:
    """The detail in English words (a sentence of an older row as it is)."""
    parts = detail_parts(detail)
    if parts is None:
        return detail
    code, parameters = parts
    return _WORDS[code].format(*parameters)

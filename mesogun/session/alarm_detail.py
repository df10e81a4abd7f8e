"""Why an alarm row of the journal was written: a code and its parameters, never a sentence.

The ``detail`` of an alarm row is one of these, its parameters separated by spaces:

- ``gun_event N``: the gun raised it, in its event number N;
- ``link_lost N``: the gun raised it in its event N while the link was down (its watchdog);
- ``shot N RESULT DELIVERED_UL COMMANDED_UL``: a shot (event N) ended short because of it;
- ``found_on_return``, ``found_on_resume``: active when the link came back, when the session was
  resumed; ``command_refused``: the gun refused a command because of it;
- ``host_away``: the gun's watchdog, tripped while the host was away (recorded when the host is back);
- an acknowledgement row holds an :class:`~mesogun.session.acknowledgement.Acknowledgement` code.

Rows written before codes were used hold a sentence: it is shown as it is. The words of each code, in
French and English, are in :mod:`mesogun.vocabulary.alarm_details`.
"""

from __future__ import annotations

from mesogun.vocabulary.alarm_details import alarm_detail_parts, alarm_detail_text


def alarm_detail(code: str, *parameters: object) -> str:
    """``alarm_detail("shot", 12, "partial", 3.9, 5)`` → ``"shot 12 partial 3.9 5"``."""
    return " ".join([code, *(f"{p:g}" if isinstance(p, float) else str(p) for p in parameters)])


def detail_parts(detail: str) -> tuple[str, list[str]] | None:
    """(code, parameters) of a coded detail; None for a sentence of an older row."""
    return alarm_detail_parts(detail)


def detail_words(detail: str) -> str:
    """The detail in English words (a sentence of an older row as it is)."""
    return alarm_detail_text(detail, "en")

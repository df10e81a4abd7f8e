"""What a running session says it is doing (its notices), in French and English.

A session's snapshot carries a :class:`~mesogun.session.notices.Notice`, a code and its parameters;
:func:`notice_text` says it. The words are keyed by the code's value, so that this table imports
nothing of the session package (which uses the vocabulary). The place of a point (``{place}``: its
number, the plan's count and its site in the language) is given by the caller, who knows the plan.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

from mesogun.vocabulary.formatting import Language, french_spacing, quantity
from mesogun.vocabulary.names import name_of_code
from mesogun.vocabulary.remarks import remark_text

Words = tuple[str, str]  # (French, English)


class SaidNotice(Protocol):
    """A notice as the session carries it (``mesogun.session.notices.Notice``)."""

    @property
    def code(self) -> str: ...

    @property
    def parameters(self) -> tuple[tuple[str, object], ...]: ...


#: Notice code -> its words (``{name}``: filled by :func:`notice_text`).
NOTICE_WORDS: dict[str, Words] = {
    "screening": (
        "questionnaire : recueillez le consentement et répondez à chaque contre-indication",
        "screening: give consent and answer each contraindication",
    ),
    "opened": (
        "questionnaire validé ; séance {session} ouverte : commencez quand tout est prêt",
        "screening passed; session {session} opened: start when ready",
    ),
    "running": ("en cours", "running"),
    "armed": ("{place} : armé, injection", "{place}: armed, firing"),
    "paused": ("en pause au {place}", "paused at {place}"),
    "completed": ("séance {session} terminée", "session {session} completed"),
    "stopped": ("séance {session} arrêtée{note}", "session {session} stopped{note}"),
    "aborted": (
        "séance {session} interrompue : {reason}{note}",
        "session {session} aborted: {reason}{note}",
    ),
    "gun_stopped": (
        "le pistolet a été arrêté : reprenez, terminez ou interrompez la séance",
        "the gun was stopped: resume, stop or abort",
    ),
    "emergency_stop": (
        "arrêt d’urgence : le pistolet est arrêté et désarmé ; reprenez, terminez ou interrompez la séance",
        "emergency stop: the gun is halted and disarmed; resume, stop or abort",
    ),
    "alarm": (
        "ALARME {alarms} au {place} : corrigez la cause, puis acquittez",
        "ALARM {alarms} at {place}: fix the cause, then acknowledge",
    ),
    "acknowledged": (
        "alarme acquittée : reprenez quand tout est prêt",
        "alarm acknowledged: resume when ready",
    ),
    "link_lost": (
        "liaison perdue : en pause ; la séance reprend quand le pistolet répond à nouveau",
        "link lost: paused; the session resumes when the gun answers again",
    ),
    "link_back": ("liaison rétablie : la séance reprend", "link back: running again"),
    "paused_after_error": ("en pause après une erreur", "paused after an error"),
    "resumed_from_journal": (
        "séance {session} reprise d’après le journal au {place}",
        "session {session} resumed from the journal at {place}",
    ),
    "partial_waits": (
        "le point {point} a reçu {delivered} sur {target} : complétez avec le reste, "
        "terminez-le tel quel ou sautez-le",
        "point {point} has {delivered} of {target}: complete with the remainder, end it as it is, or skip it",
    ),
    "outside_usual": (
        "le point {point} est hors de la plage habituelle",
        "point {point} is outside the usual range",
    ),
    "point_refused": (
        "point {point} refusé : sautez le point ou modifiez le protocole",
        "point {point} refused: skip the point or change the plan",
    ),
    "completing": (
        "le point {point} est complété avec ce qui reste",
        "completing point {point} with what is left",
    ),
    "point_left": ("point {point} quitté : {reason}", "left point {point}: {reason}"),
    "point_ended": ("point {point} terminé tel quel", "point {point} ended as it is"),
    "repeating": ("{place} à refaire", "repeating {place}"),
    "override_confirmed": (
        "dépassement confirmé pour le point {point} : {reason}",
        "override confirmed for point {point}: {reason}",
    ),
    "syringe_changed": (
        "seringue changée : {capacity} contenant {fill} ({lots})",
        "syringe changed: {capacity} holding {fill} ({lots})",
    ),
}
_MANUAL_ARMED: Words = ("{place} : armé, appuyez sur la gâchette", "{place}: armed, press the trigger")
_NOT_DISARMED: Words = (" (désarmement du pistolet non confirmé)", " (gun not confirmed disarmed)")
_NO_POINT: Words = ("point —", "point —")
_LOT: Words = ("{product} lot {lot}", "{product} lot {lot}")


def _words(words: Words, language: Language) -> str:
    return french_spacing(words[0]) if language == "fr" else words[1]


def _volume(value: object, language: Language) -> str:
    volume_ul = float(value) if isinstance(value, int | float) else 0.0
    return quantity(volume_ul, "µl", 0 if volume_ul.is_integer() else 1, language)


def notice_text(notice: SaidNotice, language: Language, place: Callable[[int], str]) -> str:
    """``notice`` in ``language``; ``place(number)`` says where point ``number`` (from 1) is."""
    values: Mapping[str, object] = dict(notice.parameters)
    words = NOTICE_WORDS.get(str(notice.code))
    if words is None:  # a notice this table does not know: its code
        return str(notice.code)
    if notice.code == "armed" and not values.get("auto"):
        words = _MANUAL_ARMED
    point = values.get("point", 0)
    point_number = point if isinstance(point, int) else 0
    fields: dict[str, str] = {
        "session": str(values.get("session", "")),
        "point": str(point_number),
        "place": place(point_number) if point_number else _words(_NO_POINT, language),
        "note": _words(_NOT_DISARMED, language) if values.get("error") else "",
        "reason": remark_text(str(values.get("reason", "")), language),
        "delivered": _volume(values.get("delivered_ul", 0.0), language),
        "target": _volume(values.get("target_ul", 0.0), language),
        "fill": _volume(values.get("fill_ul", 0.0), language),
    }
    capacity = values.get("capacity_ml", 0)
    fields["capacity"] = quantity(
        float(capacity) if isinstance(capacity, int | float) else 0.0, "ml", 0, language
    )
    codes = [code.strip() for code in str(values.get("alarms", "")).split(",") if code.strip()]
    fields["alarms"] = ", ".join(name_of_code("AlarmCode", code, language, short=True) for code in codes)
    lots = values.get("lots", ())
    if isinstance(lots, tuple):
        fields["lots"] = ", ".join(
            _words(_LOT, language).format(product=product, lot=lot or "?") for product, lot in lots
        )
    text = _words(words, language)
    return text.format(**fields)

"""What went wrong, in French or English: the errors a user meets at the chair, from their codes.

The errors of :mod:`mesogun.errors` carry their figures (field, value, range, the gun's refusal
status, its alarms), the session's refusals a code (:class:`~mesogun.session.errors.Refusal`) and
the journal's errors a :class:`~mesogun.journal.errors.JournalProblem` (said in
:mod:`mesogun.vocabulary.journal_words`), each with its parameters; their messages stay in English
for the log. :func:`error_text` says them in the user's language; an error without a known code is
shown as its own message.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import Enum

from mesogun.errors import (
    DeviceAlarmError,
    DeviceRefusedError,
    DeviceTimeoutError,
    InvalidChoiceError,
    LinkLostError,
    OutcomeUnknownError,
    OutOfRangeError,
)
from mesogun.vocabulary.formatting import Language, french_spacing
from mesogun.vocabulary.journal_words import journal_problem_text
from mesogun.vocabulary.names import name_of_code

Words = tuple[str, str]  # (French, English)

#: Why the session refused a command (``{name}``: the refusal's parameters), by Refusal member name.
REFUSAL_WORDS: dict[str, Words] = {
    "WRONG_STATE": ("refusé dans l’état de la séance : {state}", "refused while the session is {state}"),
    "REASON_NEEDED": (
        "un motif en toutes lettres est nécessaire ; un motif vide est refusé",
        "a reason in words is needed; an empty one is refused",
    ),
    "GUN_ALARM": (
        "le pistolet signale : {alarms} ; corrigez la cause et acquittez l’alarme d’abord",
        "the gun reports: {alarms}; fix the cause and acknowledge the alarm first",
    ),
    "NO_SYRINGE": (
        "aucune seringue remplie dans le pistolet : chargez-en une et déclarez-la (changer de seringue) "
        "avant d’injecter",
        "no filled syringe in the gun: load one and declare it (change syringe) before delivering",
    ),
    "NO_CURRENT_POINT": ("aucun point en cours", "no current point"),
    "NOTHING_DELIVERED_YET": (
        "rien n’a encore été injecté au point {point} : sautez-le avec un motif",
        "nothing delivered yet on point {point}: skip it with a reason instead",
    ),
    "NO_DECISION_AWAITED": (
        "aucun point n’attend de décision sur ce qui en reste",
        "no point is waiting for a decision about what is left of it",
    ),
    "REMAINDER_TOO_SMALL": (
        "les {remainder_ul}\u00a0µl restant au point {point} sont moins que la plus petite injection du "
        "pistolet ({min_ul}\u00a0µl) : terminez le point tel quel ou sautez-le",
        "the {remainder_ul} µl left on point {point} are less than the gun's smallest shot ({min_ul} µl): "
        "end the point as it is or skip it",
    ),
    "NOTHING_TO_REPEAT": (
        "aucun point terminé dans cette séance : rien à refaire",
        "no point completed yet in this run: nothing to repeat",
    ),
    "NOT_CURRENT_POINT": (
        "le point {point} n’est plus le point en cours : rien n’a été injecté",
        "point {point} is no longer the current one: nothing fired",
    ),
    "NOT_ARMED": (
        "le point {point} n’est pas armé : rien n’a été injecté",
        "point {point} is not armed: nothing fired",
    ),
    "SHOTS_IN_FLIGHT": (
        "les injections précédentes sont encore en cours : rien n’a été injecté",
        "the shots fired before are still being delivered: nothing fired",
    ),
    "EXPIRED_PRODUCT": (
        "produit périmé refusé ({lots} ; nous sommes le {today}) : utilisez un produit dans sa date",
        "expired product refused ({lots}; today is {today}): load a product within its expiry date",
    ),
    "ALARM_STILL_PRESENT": (
        "l’alarme {alarms} est toujours là : corrigez sa cause, puis acquittez à nouveau",
        "alarm {alarms} still present: fix its cause, then acknowledge again",
    ),
    "EVENTS_NOT_JOURNALED": (
        "le journal contient les événements du pistolet jusqu’au n° {held}, le pistolet en a numéroté "
        "jusqu’au n° {numbered} ; l’attente a dépassé {timeout_s} s : vérifiez la liaison, puis reprenez",
        "the journal holds the gun's events up to #{held} but the gun numbered #{numbered}; waiting for "
        "them timed out after {timeout_s} s: check the link, then resume",
    ),
    "EVENT_MEMORY_RESET": (
        "le pistolet {serial} numérote ses événements jusqu’au n° {numbered}, mais le journal contient déjà "
        "le n° {held} d’un pistolet de ce numéro de série : sa mémoire a été effacée, ou c’est un autre "
        "pistolet ; faites-le vérifier avant toute séance (ses doses ne pourraient pas être journalisées "
        "sûrement)",
        "gun {serial} numbers its events up to #{numbered}, but the journal already holds #{held} from a "
        "gun with this serial number: its event memory was reset, or it is another gun; have it checked "
        "before any session (its doses could not be journaled safely)",
    ),
    "OTHER_PLAN": (
        "la séance {session} a été faite avec le protocole « {plan} » version {version} : "
        "donnez ce protocole",
        "session {session} was run with plan '{plan}' version {version}: give that plan",
    ),
    "NOT_OPEN": (
        "la séance {session} est {status} : rien à reprendre",
        "session {session} is {status}: nothing to resume",
    ),
    "NO_CONFIRMATION_AWAITED": (
        "aucune confirmation de limite souple n’est attendue",
        "no soft-limit confirmation is awaited",
    ),
}

#: What to do when the gun refuses a command, by its status (firmware_protocol.Status member name).
STATUS_ADVICE: dict[str, Words] = {
    "BAD_REQUEST": (
        "le pistolet n’a pas pu lire la commande ; réessayez, et signalez-le si cela se reproduit",
        "the gun could not read the command; retry, and report it if it happens again",
    ),
    "UNSUPPORTED": (
        "le micrologiciel de ce pistolet ne connaît pas cette commande ; vérifiez sa version",
        "this gun's firmware does not support the command; check the firmware version",
    ),
    "OUT_OF_RANGE": ("une valeur est hors de la plage du pistolet", "a value is outside the gun's range"),
    "BUSY": (
        "le pistolet injecte ou se déplace ; attendez la fin ou appuyez sur STOP",
        "the gun is delivering or moving; wait for it to finish or press stop",
    ),
    "NOT_ARMED": (
        "le pistolet n’est pas armé ; armez-le avant d’injecter",
        "the gun is not armed; arm it before firing",
    ),
    "ALARM_ACTIVE": (
        "une alarme est active ; corrigez sa cause et acquittez-la",
        "an alarm is active; fix its cause and acknowledge it",
    ),
    "NOT_PERMITTED": (
        "non permis ; passez d’abord en mode technicien avec le code d’accès",
        "not permitted; enter technician mode with the access code first",
    ),
    "PROTOCOL_MISMATCH": (
        "le pistolet parle une autre version du protocole ; mettez à jour le logiciel ou le micrologiciel",
        "the gun speaks another protocol version; update the software or the firmware",
    ),
    "SCHEMA_MISMATCH": (
        "le pistolet utilise une autre table de messages ; mettez à jour le logiciel ou le micrologiciel",
        "the gun uses another message table; update the software or the firmware",
    ),
    "NOT_CONFIGURED": (
        "le pistolet n’est pas réglé ; envoyez d’abord un réglage (profondeur, volume, débit)",
        "the gun is not configured; send a configuration (depth, volume, flow) first",
    ),
    "NO_SYRINGE": (
        "aucune seringue n’est chargée, ou elle est vide ; chargez une seringue remplie",
        "no syringe is loaded, or it is empty; load a filled syringe",
    ),
    "HANDSHAKE_REQUIRED": (
        "le pistolet a redémarré ; reconnectez-vous",
        "the gun restarted; reconnect to it",
    ),
}

#: The settings a range error names, as a practitioner or a technician calls them.
FIELD_WORDS: dict[str, Words] = {
    "depth_mm": ("profondeur", "depth"),
    "volume_ul": ("volume", "volume"),
    "flow_ul_s": ("débit", "flow"),
    "set_flow_ul_s": ("débit réglé", "set flow"),
    "burst_rate_per_s": ("cadence", "burst rate"),
    "shot_limit": ("nombre d’injections", "number of shots"),
    "capacity_ml": ("contenance de la seringue", "syringe capacity"),
    "fill_ul": ("remplissage", "fill"),
    "temperature_c": ("température", "temperature"),
    "pressure_hpa": ("pression", "pressure"),
    "humidity_pct": ("humidité", "humidity"),
    "gauge_mm": ("lecture du comparateur", "gauge reading"),
    "tolerance_pct": ("tolérance", "tolerance"),
    "tolerance_mm": ("tolérance", "tolerance"),
    "validity_days": ("validité", "validity"),
}

_MESSAGES: dict[str, Words] = {
    "out_of_range": (
        "{field} = {value} est hors de la plage permise ({allowed}) : choisissez une valeur dans la plage",
        "{field} = {value} is out of range (allowed {allowed}); choose a value in it",
    ),
    "not_accepted": (
        "{field} = {value} n’est pas accepté (permis : {allowed}) : choisissez une autre valeur",
        "{field} = {value} is not accepted (allowed {allowed}); choose another value",
    ),
    "off_step": (
        "{field} = {value} ne tombe pas sur un pas de {step} (permis : {allowed} par pas de {step}) : "
        "choisissez une valeur sur le pas",
        "{field} = {value} is not a multiple of the {step} step (allowed {allowed} in steps of {step}); "
        "choose a value on the step",
    ),
    "by_gun": (" (refusé par le pistolet)", " (refused by the gun)"),
    "invalid_choice": (
        "{field} = {value} n’est pas permis par ce pistolet (permis : {choices})",
        "{field} = {value} is not allowed by this gun (allowed: {choices})",
    ),
    "alarm": (
        "refusé : alarme active ({alarms}) ; corrigez la cause, puis acquittez l’alarme avant de continuer",
        "refused: active alarm(s) {alarms}; fix the cause, then acknowledge the alarm before going on",
    ),
    "refused": ("refusé par le pistolet : {advice}", "refused by the gun: {advice}"),
    "link_lost": (
        "La liaison avec le pistolet est perdue. Vérifiez le câble USB et que le pistolet est allumé.",
        "The connection to the gun was lost. Check the USB cable and that the gun is switched on.",
    ),
    "timeout": (
        "Le pistolet n’a pas répondu dans les {timeout}\u00a0s. Vérifiez le câble ; s’il est occupé, "
        "réessayez.",
        "The gun did not answer within {timeout} s. Check the cable; if the gun is busy, try again.",
    ),
    "outcome_unknown": (
        "La commande a été envoyée mais son résultat est inconnu. Elle n’a pas été répétée : consultez "
        "l’état et les événements du pistolet avant de la renvoyer.",
        "The command was sent but its outcome is unknown. It was not repeated; check the gun's status "
        "and events before sending it again.",
    ),
}


def _words(words: Words, language: Language) -> str:
    return french_spacing(words[0]) if language == "fr" else words[1]


def _message(key: str, language: Language) -> str:
    return _words(_MESSAGES[key], language)


def _figure(value: float, language: Language) -> str:
    """A figure without float noise, with the language's decimal separator."""
    text = f"{value:.6g}"
    return text.replace(".", ",") if language == "fr" else text


def _with_unit(value: float, unit: str, language: Language) -> str:
    figure = _figure(value, language)
    return f"{figure}\u00a0{unit}" if unit else figure


def field_text(field: str, language: Language) -> str:
    """The name of a setting (``depth_mm``: ``profondeur``); an unknown one is shown as its code."""
    words = FIELD_WORDS.get(field)
    return field if words is None else _words(words, language)


def _day(iso_date: str, language: Language) -> str:
    """An ISO date as the language writes it (day/month/year in French)."""
    if language != "fr":
        return iso_date
    try:
        return date.fromisoformat(iso_date).strftime("%d/%m/%Y")
    except ValueError:
        return iso_date


def _lot(item: object, language: Language) -> str:
    """One expired lot, ``(product, lot or None, expiry ISO date)``, in words."""
    if not isinstance(item, tuple | list) or len(item) != 3:
        return str(item)
    product, lot, expiry = item
    if language == "fr":
        return f"{product} lot {lot or '(sans numéro)'} périmé le {_day(str(expiry), language)}"
    return f"{product} lot {lot or '(no lot)'} expired on {expiry}"


def refusal_text(refusal: Enum, parameters: Mapping[str, object], language: Language) -> str:
    """A session refusal (a :class:`~mesogun.session.errors.Refusal`) with its parameters, in words."""
    words = REFUSAL_WORDS.get(refusal.name)
    if words is None:
        return refusal.value if isinstance(refusal.value, str) else refusal.name
    values: dict[str, str] = {}
    for key, value in parameters.items():
        if isinstance(value, float):
            values[key] = _figure(value, language)
        elif key == "today":
            values[key] = _day(str(value), language)
        elif key == "lots" and isinstance(value, tuple | list):
            separator = "\u202f; " if language == "fr" else "; "
            values[key] = separator.join(_lot(item, language) for item in value)
        elif key == "state":
            values[key] = name_of_code("SessionState", str(value), language).lower()
        elif key == "status":
            values[key] = name_of_code("SessionStatus", str(value), language).lower()
        elif key == "alarms":
            codes = [code.strip() for code in str(value).split(",") if code.strip()]
            values[key] = ", ".join(name_of_code("AlarmCode", code, language, short=True) for code in codes)
        else:
            values[key] = str(value)
    return _words(words, language).format(**values)


def _out_of_range(error: OutOfRangeError, language: Language) -> str:
    field = field_text(error.field, language)
    value = _with_unit(error.value, error.unit, language)
    allowed = f"{_figure(error.minimum, language)}–{_with_unit(error.maximum, error.unit, language)}"
    inside = error.minimum <= error.value <= error.maximum
    if error.step is not None and inside:
        step = _with_unit(error.step, error.unit, language)
        text = _message("off_step", language).format(field=field, value=value, allowed=allowed, step=step)
    else:
        key = "not_accepted" if inside else "out_of_range"
        text = _message(key, language).format(field=field, value=value, allowed=allowed)
    return text + (_message("by_gun", language) if error.refused_by_device else "")


def error_text(error: BaseException, language: Language) -> str:
    """``error`` said in ``language``: from its code and figures when it has them, else its message."""
    refusal = getattr(error, "refusal", None)
    if isinstance(refusal, Enum):
        return refusal_text(refusal, getattr(error, "parameters", {}), language)
    problem = getattr(error, "journal_problem", None)
    if isinstance(problem, Enum):
        return journal_problem_text(problem, getattr(error, "parameters", {}), language)
    if isinstance(error, OutOfRangeError):
        return _out_of_range(error, language)
    if isinstance(error, InvalidChoiceError):
        suffix = f"\u00a0{error.unit}" if error.unit else ""
        choices = ", ".join(str(choice) for choice in error.choices) or "—"
        return _message("invalid_choice", language).format(
            field=field_text(error.field, language), value=f"{error.value}{suffix}", choices=choices + suffix
        )
    if isinstance(error, DeviceAlarmError):
        names = ", ".join(
            sorted(name_of_code("AlarmCode", code.name, language, short=True) for code in error.alarms)
        )
        return _message("alarm", language).format(alarms=names or "—")
    if isinstance(error, DeviceRefusedError):
        advice = STATUS_ADVICE.get(error.status.name)
        return _message("refused", language).format(
            advice=_words(advice, language) if advice else error.status.name
        )
    if isinstance(error, LinkLostError):
        return _message("link_lost", language)
    if isinstance(error, DeviceTimeoutError):
        return _message("timeout", language).format(timeout=_figure(error.timeout_s, language))
    if isinstance(error, OutcomeUnknownError):
        return _message("outcome_unknown", language)
    return str(error) or type(error).__name__

"""A value the dose journal refuses, in French or English: the field, the value and the rule broken.

The journal refuses a value (never clips it) with an :class:`~mesogun.journal.errors.InvalidRecordError`
naming the field, the value and a :class:`~mesogun.journal.errors.RecordRule` with its parameters; its
message says the rule in English, for the log. Here the rule is said from its code.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from mesogun.vocabulary.formatting import Language, french_spacing
from mesogun.vocabulary.names import name_of_code

Words = tuple[str, str]  # (French, English)

#: The rule a refused value breaks (``{name}``: the rule's parameters), by RecordRule member name.
RECORD_RULE_WORDS: dict[str, Words] = {
    "TEXT_NEEDED": ("un texte non vide est nécessaire", "non-empty text is required"),
    "INTEGER_NEEDED": ("un nombre entier est nécessaire", "an integer is required"),
    "NUMBER_NEEDED": ("un nombre est nécessaire", "a number is required"),
    "FINITE_NUMBER_NEEDED": ("un nombre fini est nécessaire", "a finite number is required"),
    "NO_SUCH_COLUMN": ("le journal n’a pas cette colonne", "no such column in the journal"),
    "AWARE_TIME_NEEDED": (
        "une heure avec son fuseau horaire est nécessaire (UTC)",
        "a timezone-aware time is required (use UTC)",
    ),
    "PSEUDONYM_NEEDED": ("un pseudonyme est nécessaire", "a pseudonym is required"),
    "PSEUDONYM_TOO_LONG": (
        "un pseudonyme compte au plus {maximum} caractères",
        "a pseudonym has at most {maximum} characters",
    ),
    "PSEUDONYM_WITH_SPACES": (
        "un pseudonyme est un seul mot sans espace : ne saisissez jamais le nom du patient",
        "a pseudonym is one word without spaces: never enter the patient's name",
    ),
    "PSEUDONYM_CHARACTERS": (
        "lettres, chiffres et - _ . uniquement, en commençant par une lettre ou un chiffre",
        "use letters, digits and - _ . only, starting with a letter or a digit",
    ),
    "PSEUDONYM_LIKE_A_DATE": (
        "ceci ressemble à une date : ne saisissez jamais la date de naissance du patient",
        "this looks like a date: never enter the patient's birth date",
    ),
    "ONE_OF": ("une valeur parmi {choices}", "one of {choices}"),
    "WHOLE_NUMBER_IN_RANGE": (
        "un nombre entier de {low} à {high}",
        "a whole number from {low} to {high}",
    ),
    "IN_RANGE": ("de {low} à {high}", "from {low} to {high}"),
    "SHARES_NOT_100": (
        "les parts font {total_pct} %, pas 100 %",
        "the shares add up to {total_pct} %, not 100 %",
    ),
    "CONSENT_TIME_NEEDED": (
        "l’heure du consentement est nécessaire quand il est donné",
        "the time of consent is required when consent is given",
    ),
    "POINT_INDEX_FROM_ZERO": ("les points sont numérotés à partir de 0", "point indexes start at 0"),
    "SYRINGE_CONTENTS_NEEDED": (
        "indiquez ce que contient la nouvelle seringue",
        "name what the new syringe holds",
    ),
    "NO_SUCH_ROW": ("aucune ligne {seq} dans {table}", "no row {seq} in {table}"),
    "EVENT_NUMBER_FROM_ONE": (
        "les événements du pistolet sont numérotés à partir de 1",
        "the gun's events are numbered from 1",
    ),
    "NOT_CORRECTABLE_TABLE": (
        "les corrections portent seulement sur : {tables}",
        "corrections apply to {tables} only",
    ),
    "NO_CHANGE": ("indiquez au moins un champ à corriger", "name at least one field to correct"),
    "NOT_CORRECTABLE_FIELD": (
        "champs corrigeables de {table} : {fields}",
        "correctable fields of {table}: {fields}",
    ),
    "FAILED_CALIBRATION_REASON": (
        "un étalonnage échoué a besoin de son motif",
        "a failed calibration needs its reason",
    ),
    "FAILED_CALIBRATION_FACTORS": (
        "un étalonnage échoué laisse les facteurs du pistolet tels qu’ils étaient",
        "a failed calibration leaves the gun's factors as they were",
    ),
    "EXPIRY_NEEDED": (
        "un étalonnage réussi a une date d’expiration",
        "a passed calibration has an expiry date",
    ),
    "ENDS_BEFORE_START": (
        "un étalonnage se termine après son début",
        "a calibration ends after it starts",
    ),
}

#: The journal's fields a refusal names, as the user calls them; another is shown as its code.
RECORD_FIELD_WORDS: dict[str, Words] = {
    "patient_pseudonym": ("pseudonyme du patient", "patient's pseudonym"),
    "practitioner": ("praticien", "practitioner"),
    "indication": ("indication", "indication"),
    "text": ("texte", "text"),
    "author": ("auteur", "author"),
    "description": ("description", "description"),
    "action": ("mesure prise", "action taken"),
    "reason": ("motif", "reason"),
    "entered_by": ("saisi par", "entered by"),
    "operator": ("opérateur", "operator"),
    "screened_by": ("questionnaire posé par", "screened by"),
    "reported_by": ("signalé par", "reported by"),
    "acknowledged_by": ("acquitté par", "acknowledged by"),
    "consent_at": ("heure du consentement", "time of consent"),
    "products": ("produits", "products"),
    "status": ("statut", "status"),
    "score.code": ("score", "score"),
}


def _words(words: Words, language: Language) -> str:
    return french_spacing(words[0]) if language == "fr" else words[1]


def record_field_text(field: str, language: Language) -> str:
    """The name of a journal field (``score.ham_a``: ``score HAM-A (anxiété)``); else its code."""
    words = RECORD_FIELD_WORDS.get(field)
    if words is not None:
        return _words(words, language)
    if field.startswith("score."):
        return f"score {name_of_code('ScoreCode', field.removeprefix('score.'), language)}"
    return field


def _choices(parameters: Mapping[str, object], language: Language) -> str:
    choices = parameters.get("choices", ())
    codes = [str(code) for code in choices] if isinstance(choices, tuple | list) else [str(choices)]
    named_by = parameters.get("named_by")
    if isinstance(named_by, str):
        codes = [name_of_code(named_by, code, language) for code in codes]
    return ", ".join(codes)


def record_rule_text(
    rule: Enum, parameters: Mapping[str, object], language: Language, *, sentence: bool = False
) -> str:
    """The rule ``rule`` (a RecordRule) with its parameters, in words; ``sentence``: capitalised."""
    words = RECORD_RULE_WORDS.get(rule.name)
    if words is None:
        text = str(rule.value)
    else:
        values = {key: str(value) for key, value in parameters.items()}
        values["choices"] = _choices(parameters, language)
        try:
            text = _words(words, language).format(**values)
        except (KeyError, IndexError):
            text = str(rule.value)  # raised without its parameters: its code says what was refused
    return text[:1].upper() + text[1:] if sentence else text


def record_values(parameters: Mapping[str, object], language: Language) -> dict[str, str]:
    """The ``field``, ``value`` and ``rule`` of a refused value (and the rule's parameters), in words."""
    rule = parameters.get("rule")
    value = parameters.get("value")
    if value is None:
        shown = "—"
    elif isinstance(value, str):
        shown = f"«\u00a0{value}\u00a0»" if language == "fr" else repr(value)
    else:
        shown = str(value)
    return {
        "field": record_field_text(str(parameters.get("field", "")), language),
        "value": shown,
        "rule": record_rule_text(rule, parameters, language) if isinstance(rule, Enum) else str(rule),
    }

"""The words of the command line's listings of a plan and of the limits library, in French and English.

``mesogun plans show`` and ``mesogun limits show`` print headings, column names and labels from
:data:`LISTING_WORDS` (``{name}``: a figure or a name filled in by the caller), and a setting outside
its usual range with :func:`violation_words`.
"""

from __future__ import annotations

from mesogun.vocabulary.error_words import field_text
from mesogun.vocabulary.formatting import Language, french_spacing

Words = tuple[str, str]  # (French, English)

LISTING_WORDS: dict[str, Words] = {
    # plans show
    "plan_heading": ("{title} ({name}, version {version})", "{title} ({name}, version {version})"),
    "example_note": (
        "Exemple modifiable, pas une prescription : adaptez-le au patient.",
        "Editable example, not a prescription: adapt it to the patient.",
    ),
    "indication": ("Indication : {indication}", "Indication: {indication}"),
    "cocktail": ("Cocktail : {name} ({volume}) : {parts}", "Cocktail: {name} ({volume}): {parts}"),
    "contraindications": (
        "Contre-indications à rechercher : {count} (dont {blocking} bloquantes)",
        "Contraindications to screen: {count} ({blocking} blocking)",
    ),
    "shot": ("{count} injection", "{count} shot"),
    "shots": ("{count} injections", "{count} shots"),
    "col_site": ("site / zone", "site / zone"),
    "col_technique": ("technique", "technique"),
    "col_depth": ("profondeur", "depth"),
    "col_per_shot": ("par injection", "per shot"),
    "col_target": ("objectif", "target"),
    "col_flow": ("débit", "flow"),
    "col_rate": ("cadence", "rate"),
    "planned_volume": ("Volume prévu : {volume}", "Planned volume: {volume}"),
    "estimated_time": (
        "Durée estimée : {minutes} min {seconds} s",
        "Estimated time: {minutes} min {seconds} s",
    ),
    "outside_usual": (
        "Hors des plages habituelles (confirmation avec un motif pendant la séance) :",
        "Outside the usual ranges (needs a confirmation with a reason at run time):",
    ),
    "point_note": ("point {number} : {what}", "point {number}: {what}"),
    # limits show
    "limits_heading": ("Bibliothèque de limites, version {version}", "Limits library version {version}"),
    "hard_heading": (
        "Limites strictes (les plages du pistolet : refusé en dehors) :",
        "Hard limits (the gun's ranges: refused outside):",
    ),
    "hard_depth": ("profondeur : {range} par pas de {step}", "depth: {range} in steps of {step}"),
    "hard_volume": ("volume par injection : {range}", "volume per shot: {range}"),
    "hard_flow": ("débit : {range}", "flow: {range}"),
    "hard_rate": ("cadence : {range}", "burst rate: {range}"),
    "soft_heading": (
        "Limites souples par technique (confirmation avec un motif en dehors) :",
        "Soft limits per technique (a confirmation with a reason outside them):",
    ),
    "col_mode": ("mode", "mode"),
    "col_depth_default": ("profondeur par défaut (plage)", "depth default (range)"),
    "col_volume_shot": ("volume/injection", "volume/shot"),
    "caps_heading": (
        "Plafonds par substance active (mg ; catalogue des produits {version} ; refusé au-delà) :",
        "Caps by active substance (mg; product catalogue {version}; refused beyond):",
    ),
    "refused_corticoid": ("refusé (corticoïde)", "refused (corticoid)"),
    "col_substance": ("substance", "substance"),
    "col_atc": ("ATC", "ATC"),
    "col_per_point": ("par point", "per point"),
    "col_per_session": ("par séance", "per session"),
    "col_per_24h": ("par 24 h", "per 24 h"),
    "col_per_7d": ("par 7 jours", "per 7 days"),
    "per_kg": ("{value} mg/kg", "{value} mg/kg"),
    "shots_per_s": ("injections/s", "shots/s"),
    # a setting outside a range
    "soft_violation": (
        "{field} : {value}, hors de la plage habituelle {range}",
        "{field}: {value}, outside the usual range {range}",
    ),
    "hard_violation": (
        "{field} : {value}, hors de la plage permise {range}",
        "{field}: {value}, outside the allowed range {range}",
    ),
}


def listing_word(key: str, language: Language, **values: object) -> str:
    """The word or line ``key`` in ``language``, its ``{name}`` places filled with ``values``."""
    french, english = LISTING_WORDS[key]
    text = (french_spacing(french) if language == "fr" else english).format(**values)
    return text


def figure(value: float, language: Language) -> str:
    """A figure as typed in a plan (no float noise, no trailing zeros), with the language's decimal mark."""
    text = f"{value:g}"
    return text.replace(".", ",") if language == "fr" else text


def amount(value: float, unit: str, language: Language) -> str:
    """A figure with its unit, never cut from it at a line's end in French."""
    if unit == "shots/s":
        unit = listing_word("shots_per_s", language)
    return f"{figure(value, language)}{chr(0xA0) if language == 'fr' else ' '}{unit}".strip()


def span(minimum: float, maximum: float, unit: str, language: Language) -> str:
    """A range with its unit: ``0,5–13 mm``."""
    return f"{figure(minimum, language)}–{amount(maximum, unit, language)}"


def violation_words(
    field: str, value: float, minimum: float, maximum: float, unit: str, soft: bool, language: Language
) -> str:
    """A setting outside a range: which setting, its value and the range, in ``language``."""
    return listing_word(
        "soft_violation" if soft else "hard_violation",
        language,
        field=field_text(field, language),
        value=amount(value, unit, language),
        range=span(minimum, maximum, unit, language),
    )

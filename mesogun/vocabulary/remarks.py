"""The words of what the host writes into the journal of its own accord, and reading it back.

The journal holds a host remark as a code and its parameters (:mod:`mesogun.journal.host_remarks`);
journals written by earlier versions hold the same remarks as English sentences, in the forms of
:data:`LEGACY_FORMS`. :func:`read_remark` reads both: the code and its parameters under one set of
names. :func:`remark_text` says a remark in French or English, for every surface (screens, command
line, paper, exports); any other text (a person's words) is shown as it was written, and an old
English sentence is shown as it is in English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from mesogun.journal.host_remarks import HostRemark, parse_host_remark
from mesogun.vocabulary.formatting import NBSP, Language, quantity
from mesogun.vocabulary.names import name_of_code

#: Remark code -> its English sentence, with ``{name}`` parameters: what earlier versions stored (read
#: back by :func:`read_remark`), and the English words of a stored code. ``label``: a point's site and zone.
LEGACY_FORMS: dict[str, str] = {
    "left_point_shots": (
        "ended by the practitioner at {shots} shot(s), {volume_ul} µl (target {target_shots} shots)"
    ),
    "left_point_volume": (
        "ended by the practitioner at {shots} shot(s), {volume_ul} µl (target {target_ul} µl)"
    ),
    "repeated_point": (
        "point {point_number} ({label}) repeated: its target is delivered again on top of "
        "{shots} shot(s), {volume_ul} µl"
    ),
    "early_end": "stopped by {practitioner} (clean early end) after {points_done} of {points_total} points",
    "early_end_not_disarmed": (
        "stopped by {practitioner} (clean early end) after {points_done} of {points_total} points "
        "(gun not confirmed disarmed: {error})"
    ),
    "reason_not_disarmed": "{reason} (gun not confirmed disarmed: {error})",
    "not_disarmed": "gun not confirmed disarmed: {error}",
    # calibration findings (mesogun/calibration/status.py)
    "gun_never_calibrated": "the gun reports that it was never calibrated",
    "gun_expired": "the gun reports that its calibration #{calibration_id} expired on {expires_on}",
    "no_record": "this journal holds no passed {kind} calibration of gun {device_serial}",
    "record_expired": (
        "the last {kind} calibration of gun {device_serial} ({finished_on}) expired on {expires_on}"
    ),
    "last_failed": "the last {kind} calibration of gun {device_serial} ({finished_on}) failed: {reason}",
    "unrecorded_calibration": (
        "the gun holds calibration #{calibration_id}, of which this journal has no passed record: "
        "have it calibrated again"
    ),
    # a product taken without a lot (mesogun run --no-lot)
    "no_lot": "no-lot {product}: {reason}",
    # why a calibration failed (its record's reason)
    "depth_not_linear": (
        "the needle depth does not follow a straight line of the set depth: a reading is {residual_mm} mm "
        "from the fitted line (tolerance ±{tolerance_mm} mm); read the gauge again, check the needle hub "
        "and the actuator, or send the gun for service"
    ),
    "depth_offset_beyond": (
        "the depth offset needed ({offset_mm} mm) is beyond what the gun can correct (±{max_offset_mm} mm): "
        "check the needle and its hub, or send the gun for service"
    ),
    "depth_scale_beyond": (
        "the depth scale needed ({scale}) is beyond what the gun can correct ({min_scale}–{max_scale}): "
        "send the gun for service"
    ),
    "volume_drift": (
        "The gun delivers {delivered_pct} % of the commanded volume: drift beyond what calibration can "
        "correct (±{max_correction_pct} %). Check for leaks, air in the syringe and the needle; if the "
        "result stays, send the gun for service."
    ),
    "volume_factor_beyond": (
        "the corrected factor {volume_per_step_nl} nl/step is outside what the gun accepts "
        "({min_nl}–{max_nl} nl/step): send the gun for service"
    ),
    "volume_not_proportional": (
        "one factor cannot correct the gun: at {nominal_ul} µl the mean would still be {error_pct} % off "
        "(the error depends on the volume): check the syringe and the plunger, or send the gun for service"
    ),
    "volume_scatter": (
        "the shots scatter too much to calibrate: at {nominal_ul} µl the CV is {cv_pct} % and "
        "{shots_outside} shot(s) would stay outside ±{tolerance_ul} µl after correction; check the balance "
        "(draught shield, vibration, a container touching), air in the syringe and the needle, then start "
        "again"
    ),
    "verification_failed": "verification failed after the new factor: {findings}",
    "verification_out_of_tolerance": (
        "verification failed after the new factor: at {nominal_ul} µl the mean is {mean_ul} µl "
        "(tolerance ±{tolerance_ul} µl) and {shots_outside} shot(s) of {count} are outside it "
        "({min_shots} shots needed)"
    ),
    "flow_not_analysed": "the samples cannot be analysed: {error}",
    "flow_out_of_tolerance": (
        "the flow error over the analysis period is {error_pct} %, outside ±{tolerance_pct} %"
    ),
    "failed_and_not_restored": "{reason} (and: {problems})",
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
        "point {point_number} ({label}) refait{nbsp}: son objectif est injecté à nouveau en plus de "
        "{shots}, {volume_ul}"
    ),
    "early_end": "fin anticipée par {practitioner}, sans incident, après {points_done} sur {points_total}",
    "early_end_not_disarmed": (
        "fin anticipée par {practitioner}, sans incident, après {points_done} sur {points_total} "
        "(désarmement du pistolet non confirmé{nbsp}: {error})"
    ),
    "reason_not_disarmed": "{reason} (désarmement du pistolet non confirmé{nbsp}: {error})",
    "not_disarmed": "désarmement du pistolet non confirmé{nbsp}: {error}",
    "gun_never_calibrated": "le pistolet indique n’avoir jamais été étalonné",
    "gun_expired": (
        "le pistolet indique que son étalonnage n°{nbsp}{calibration_id} a expiré le {expires_on}"
    ),
    "no_record": "ce journal ne contient aucun étalonnage réussi ({kind}) du pistolet {device_serial}",
    "record_expired": (
        "le dernier étalonnage ({kind}) du pistolet {device_serial}, du {finished_on}, "
        "a expiré le {expires_on}"
    ),
    "last_failed": (
        "le dernier étalonnage ({kind}) du pistolet {device_serial}, du {finished_on}, "
        "a échoué{nbsp}: {reason}"
    ),
    "unrecorded_calibration": (
        "le pistolet contient l’étalonnage n°{nbsp}{calibration_id}, dont ce journal n’a aucun "
        "enregistrement réussi{nbsp}: faites-le étalonner à nouveau"
    ),
    "no_lot": "{product} sans numéro de lot ni date de péremption{nbsp}: {reason}",
    "depth_not_linear": (
        "la profondeur de l’aiguille ne suit pas une droite de la profondeur réglée{nbsp}: une lecture est à "
        "{residual_mm}{nbsp}mm de la droite ajustée (tolérance ±{tolerance_mm}{nbsp}mm){nbsp}; relisez le "
        "comparateur, vérifiez l’embase de l’aiguille et l’actionneur, ou envoyez le pistolet en maintenance"
    ),
    "depth_offset_beyond": (
        "le décalage de profondeur nécessaire ({offset_mm}{nbsp}mm) dépasse ce que le pistolet peut corriger "
        "(±{max_offset_mm}{nbsp}mm){nbsp}: vérifiez l’aiguille et son embase, ou envoyez le pistolet en "
        "maintenance"
    ),
    "depth_scale_beyond": (
        "l’échelle de profondeur nécessaire ({scale}) dépasse ce que le pistolet peut corriger "
        "({min_scale}–{max_scale}){nbsp}: envoyez le pistolet en maintenance"
    ),
    "volume_drift": (
        "le pistolet injecte {delivered_pct}{nbsp}% du volume commandé{nbsp}: une dérive au-delà de ce que "
        "l’étalonnage peut corriger (±{max_correction_pct}{nbsp}%). Cherchez une fuite, de l’air dans la "
        "seringue et l’aiguille{nbsp}; si le résultat persiste, envoyez le pistolet en maintenance."
    ),
    "volume_factor_beyond": (
        "le facteur corrigé, {volume_per_step_nl}{nbsp}nl par pas, est hors de ce que le pistolet accepte "
        "({min_nl}–{max_nl}{nbsp}nl par pas){nbsp}: envoyez le pistolet en maintenance"
    ),
    "volume_not_proportional": (
        "un seul facteur ne peut pas corriger le pistolet{nbsp}: à {nominal_ul}{nbsp}µl, la moyenne "
        "s’écarterait encore de {error_pct}{nbsp}% (l’erreur dépend du volume){nbsp}: vérifiez la seringue "
        "et le piston, ou envoyez le pistolet en maintenance"
    ),
    "volume_scatter": (
        "les injections sont trop dispersées pour étalonner{nbsp}: à {nominal_ul}{nbsp}µl, le CV est de "
        "{cv_pct}{nbsp}% et {shots_outside} resteraient hors de ±{tolerance_ul}{nbsp}µl après correction"
        "{nbsp}; vérifiez la balance (pare-courant, vibrations, un récipient qui touche), l’air dans la "
        "seringue et l’aiguille, puis recommencez"
    ),
    "verification_failed": "vérification échouée après le nouveau facteur{nbsp}: {findings}",
    "verification_out_of_tolerance": (
        "vérification échouée après le nouveau facteur{nbsp}: à {nominal_ul}{nbsp}µl, la moyenne est de "
        "{mean_ul}{nbsp}µl (tolérance ±{tolerance_ul}{nbsp}µl) et {shots_outside} sur {count} sont hors "
        "tolérance ({min_shots} nécessaires)"
    ),
    "flow_not_analysed": "les prélèvements ne peuvent pas être analysés{nbsp}: {error}",
    "flow_out_of_tolerance": (
        "l’erreur de débit sur la période d’analyse est de {error_pct}{nbsp}%, "
        "hors de ±{tolerance_pct}{nbsp}%"
    ),
    "failed_and_not_restored": "{reason} (et{nbsp}: {problems})",
}

_KINDS_FR = {"volume": "volume", "depth": "profondeur", "flow": "débit"}

#: Old sentences tried from the most to the least specific (a longer form may contain a shorter one).
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
    "no_lot",
    "depth_not_linear",
    "depth_offset_beyond",
    "depth_scale_beyond",
    "volume_drift",
    "volume_factor_beyond",
    "volume_not_proportional",
    "volume_scatter",
    "verification_failed",
    "verification_out_of_tolerance",
    "flow_not_analysed",
    "flow_out_of_tolerance",
    "failed_and_not_restored",
)
_FIELD = re.compile(r"\{(\w+)\}")


def _pattern(form: str) -> re.Pattern[str]:
    parts = _FIELD.split(form)
    # split() alternates literal text and field names: text, name, text, name, ..., text
    regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts))
    return re.compile(regex, re.DOTALL)


_PATTERNS = {code: _pattern(LEGACY_FORMS[code]) for code in _ORDER}


@dataclass(frozen=True)
class Remark:
    """A host remark read from the journal: its ``code``, its parameters (``values``, named as in
    :mod:`mesogun.journal.host_remarks`) and ``legacy``: read from an English sentence of an older
    version (its values are then the sentence's words; ``label`` stands for region, side and zone)."""

    code: HostRemark
    values: dict[str, Any]
    legacy: bool = False


def read_remark(text: str | None) -> Remark | None:
    """The host remark ``text`` holds (stored code, or an old version's sentence); None for anything
    else (a person's words)."""
    if not text:
        return None
    stored = parse_host_remark(text)
    if stored is not None:
        return Remark(stored[0], dict(stored[1]))
    for code, pattern in _PATTERNS.items():
        match = pattern.fullmatch(text)
        if match:
            return Remark(HostRemark(code), match.groupdict(), legacy=True)
    return None


def _as_number(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _count(value: object, word: str, language: Language) -> str:
    """A count; in French followed by ``word``, plural from two on (0 and 1: singular)."""
    number = _as_number(value)
    text = f"{number:g}" if number is not None else str(value)
    if language != "fr":
        return text
    if number is None:
        return f"{value} {word}s"
    return f"{text}{NBSP}{word}{'s' if number > 1 else ''}"


def _volume(value: object, language: Language) -> str:
    volume_ul = _as_number(value)
    if language != "fr":
        return f"{volume_ul:g}" if volume_ul is not None else str(value)
    if volume_ul is None:
        return f"{value}{NBSP}µl"
    return quantity(volume_ul, "µl", 0 if volume_ul.is_integer() else 1, "fr")


def _day(value: object, language: Language) -> str:
    if language != "fr":
        return str(value)
    try:
        return date.fromisoformat(str(value)).strftime("%d/%m/%Y")
    except ValueError:
        return str(value)


def _legacy_label(label: str, language: Language) -> str:
    """A point's label as older versions wrote it (``MC6 (PC6) Neiguan, left``, see ``Site.label``),
    with its side in ``language``."""
    if language != "fr":
        return label
    place, comma, side = label.rpartition(", ")
    if not comma or side not in ("left", "right", "bilateral"):
        return label
    return f"{place} {name_of_code('Laterality', side, 'fr')}"


def _site(values: dict[str, Any], language: Language) -> str:
    """Region, side and zone of a point, as the language writes them (``MC6 (PC6) Neiguan gauche``)."""
    region, laterality, zone = values.get("region"), values.get("laterality"), values.get("zone")
    site = region or ""
    if region and laterality and laterality != "midline":
        side = name_of_code("Laterality", str(laterality), language)
        site = f"{region} {side}" if language == "fr" else f"{region}, {side}"
    return " — ".join(part for part in (site, zone) if part)


#: Measured figures written with a fixed number of decimals (and a sign where it says a direction).
_DECIMALS = {
    "residual_mm": 3,
    "offset_mm": 3,
    "scale": 4,
    "delivered_pct": 1,
    "volume_per_step_nl": 3,
    "error_pct": 2,
    "cv_pct": 2,
    "tolerance_ul": 3,
    "mean_ul": 3,
}
_SIGNED = frozenset({"offset_mm", "error_pct"})
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def _figure(key: str, value: object, language: Language) -> str:
    """A number parameter as ``language`` writes it (a decimal comma in French)."""
    if isinstance(value, str) and language == "fr" and _NUMBER.fullmatch(value):
        return value.replace(".", ",")  # a figure read from an older version's sentence
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    decimals = _DECIMALS.get(key)
    text = f"{value:{'+' if key in _SIGNED else ''}.{decimals}f}" if decimals is not None else f"{value:g}"
    return text.replace(".", ",") if language == "fr" else text


def _words(remark: Remark, language: Language) -> dict[str, str]:
    """The parameters as ``language`` writes them: counts, volumes, days, kinds, nested reasons."""
    values = remark.values
    words = {key: _figure(key, value, language) for key, value in values.items()}
    if "shots_outside" in values:
        words["shots_outside"] = _count(values["shots_outside"], "injection", language)
    if "min_shots" in values:
        words["min_shots"] = _count(values["min_shots"], "injection", language)
    for key in ("shots", "target_shots"):
        if key in values:
            words[key] = _count(values[key], "injection", language)
    if "points_done" in values:
        words["points_done"] = _count(values["points_done"], "point", language)
    for key in ("volume_ul", "target_ul"):
        if key in values:
            words[key] = _volume(values[key], language)
    for key in ("finished_on", "expires_on"):
        if key in values:
            words[key] = _day(values[key], language)
    if "label" in values:
        words["label"] = _legacy_label(str(values["label"]), language)
    elif remark.code is HostRemark.REPEATED_POINT:
        words["label"] = _site(values, language)
    if "kind" in values and language == "fr":
        words["kind"] = _KINDS_FR.get(str(values["kind"]), str(values["kind"]))
    for key in ("reason", "findings", "problems", "error"):
        if key in values and values[key] is not None:
            words[key] = remark_text(str(values[key]), language)
    return words


def remark_text(text: str, language: Language) -> str:
    """``text`` from the journal in ``language``: a host remark in that language's words, else as is
    (a person's words; an old version's English sentence, in English)."""
    remark = read_remark(text)
    if remark is None or (remark.legacy and language != "fr"):
        return text
    template = FRENCH[remark.code] if language == "fr" else LEGACY_FORMS[remark.code]
    words = _words(remark, language)
    fields = {name: words.get(name, "?") for name in _FIELD.findall(template) if name != "nbsp"}
    return template.format(nbsp=NBSP, **fields)


def remark_code(text: str | None) -> HostRemark | None:
    """The code of a host remark held in ``text`` (stored or old sentence); None for a person's words."""
    remark = read_remark(text)
    return remark.code if remark is not None else None

"""What a plan check found, said in the user's language: a ``PlanCheck`` code and its parameters.

The parameters are kept as the checks give them (numbers in their unit, field names and codes); here
they are written the language's way: decimal comma and no-break spaces in French, the names of the
gun's settings, of body areas, of techniques and of substances in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

from mesogun.vocabulary.formatting import Language, french_spacing, quantity
from mesogun.vocabulary.names import name_of_code
from mesogun.vocabulary.plan_check_words import PLAN_CHECK_WORDS

#: The gun's settings as a plan file names them, (French, English).
FIELD_NAMES: dict[str, tuple[str, str]] = {
    "depth_mm": ("profondeur", "depth_mm"),
    "volume_per_shot_ul": ("volume par injection", "volume_per_shot_ul"),
    "flow_ul_s": ("débit", "flow_ul_s"),
    "burst_rate_per_s": ("cadence de rafale", "burst_rate_per_s"),
}
_UNITS_FR = {"shots/s": "injections/s"}
#: Parameters whose name ends so are quantities in this unit.
_SUFFIX_UNITS = {"_ul": "µl", "_pct": "%", "_mg": "mg", "_mm": "mm"}


def _decimal(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value))
    except ValueError:
        return None


def _plain(value: float, language: Language) -> str:
    """A number as written in a plan (``2.5``, ``20``), with a decimal comma in French."""
    text = f"{value:g}"
    return text.replace(".", ",") if language == "fr" else text


def _amount(value: Any, unit: str, language: Language) -> str:
    decimal = _decimal(value)
    if decimal is None:
        return str(value)
    if unit == "mg":
        text = f"{decimal:.3g}" if decimal < 100 else f"{decimal:.0f}"
        return quantity(float(text), "mg", max(0, len(text.partition(".")[2])), language)
    plain = _plain(decimal, language)
    if not unit:
        return plain
    return f"{plain}\u00a0{unit}" if language == "fr" or unit == "%" else f"{plain} {unit}"


def _localised(params: Mapping[str, Any], language: Language) -> dict[str, str]:
    fr = language == "fr"
    unit = str(params.get("unit", ""))
    if fr:
        unit = _UNITS_FR.get(unit, unit)
    values: dict[str, str] = {}
    for key, value in params.items():
        suffix_unit = next((u for suffix, u in _SUFFIX_UNITS.items() if key.endswith(suffix)), None)
        if key in ("minimum", "bound"):
            values[key] = _amount(value, "", language)
        elif key in ("maximum", "step", "value"):
            values[key] = _amount(value, unit, language)
        elif suffix_unit is not None:
            values[key] = _amount(value, suffix_unit, language)
        elif key == "field":
            words = FIELD_NAMES.get(str(value))
            values[key] = (words[0] if fr else words[1]) if words else str(value)
        elif key == "area":
            values[key] = name_of_code("BodyArea", str(value), language)
        elif key == "technique":
            named = name_of_code("Technique", str(value), language)
            values[key] = named if len(named) > 1 and named[1].isupper() else named[:1].lower() + named[1:]
        elif key == "product":
            values[key] = f"« {value} »" if fr else repr(str(value))
        else:
            values[key] = str(value)
    close = params.get("close")
    if close:
        values["hint"] = f"vouliez-vous dire « {close} » ? " if fr else f"did you mean '{close}'? "
    else:
        values["hint"] = ""
    substance = params.get(f"substance_{language}")
    if substance is not None:
        values["substance"] = str(substance)
    return values


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def plan_check_text(code: Enum | str, params: Mapping[str, Any], language: Language) -> str:
    """What the check ``code`` found, with ``params``, in ``language`` (see ``mesogun.plans.PlanCheck``)."""
    key = code.name if isinstance(code, Enum) else str(code).upper()
    words = PLAN_CHECK_WORDS.get(key)
    if words is None:
        return str(params.get("text", key))
    template = words[0] if language == "fr" else words[1]
    text = template.format_map(_Blank(_localised(params, language)))
    if language != "fr":
        return text
    return french_spacing(text).replace("« ", "«\u00a0").replace(" »", "\u00a0»")

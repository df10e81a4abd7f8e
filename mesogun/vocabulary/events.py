"""One description of each of the gun's events, for every surface that shows the gun's own log."""

from __future__ import annotations

from mesogun.device_events import (
    AlarmChanged,
    CalibrationWritten,
    DeviceEvent,
    Primed,
    Shot,
    StateChanged,
    SyringeLoaded,
    TriggerChanged,
)
from mesogun.vocabulary.formatting import Language, french_spacing, number, quantity
from mesogun.vocabulary.names import name

_KINDS: dict[type, tuple[str, str]] = {
    Shot: ("Injection", "Shot"),
    TriggerChanged: ("Gâchette", "Trigger"),
    AlarmChanged: ("Alarme", "Alarm"),
    StateChanged: ("État", "State"),
    Primed: ("Purge", "Priming"),
    SyringeLoaded: ("Seringue", "Syringe"),
    CalibrationWritten: ("Étalonnage", "Calibration"),
}


def event_kind(event: DeviceEvent, language: Language) -> str:
    """The kind of an event in a word (``Injection``, ``Alarme``…)."""
    words = _KINDS.get(type(event))
    if words is None:
        return type(event).__name__
    return words[0] if language == "fr" else words[1]


def describe(event: DeviceEvent, language: Language) -> str:
    """What an event says, in a short sentence (its number, time and kind are shown beside it)."""
    text = _describe(event, language)
    return french_spacing(text) if language == "fr" else text


def _describe(event: DeviceEvent, language: Language) -> str:
    fr = language == "fr"
    if isinstance(event, Shot):
        text = (
            "{delivered} sur {commanded} µl à {depth}, {mode} : {result}"
            if fr
            else "{delivered} of {commanded} µl at {depth}, {mode}: {result}"
        ).format(
            delivered=number(event.delivered_volume_ul, 1, language),
            commanded=number(event.commanded_volume_ul, 1, language),
            depth=quantity(event.measured_depth_mm, "mm", 2, language),
            mode=name(event.mode, language),
            result=name(event.result, language),
        )
        if event.cause.name != "NONE":
            text += f" ({name(event.cause, language)})"
        return text
    if isinstance(event, TriggerChanged):
        if event.pressed:
            return "appuyée" if fr else "pressed"
        return "relâchée" if fr else "released"
    if isinstance(event, AlarmChanged):
        alarm, priority = name(event.code, language), name(event.priority, language)
        if fr:
            verb = "déclenchée" if event.raised else "levée"
            return f"{alarm} ({verb}, priorité {priority})"
        return f"{alarm} ({'raised' if event.raised else 'cleared'}, {priority} priority)"
    if isinstance(event, StateChanged):
        return f"{name(event.old, language)} → {name(event.new, language)} ({name(event.reason, language)})"
    if isinstance(event, Primed):
        pushed = quantity(event.volume_ul, "µl", 1, language)
        left = quantity(event.syringe_remaining_ul, "µl", 0, language)
        return (
            f"{pushed} poussés ; il reste {left} dans la seringue"
            if fr
            else f"{pushed} pushed; {left} left in the syringe"
        )
    if isinstance(event, SyringeLoaded):
        capacity = quantity(event.capacity_ml, "ml", 0, language)
        fill = quantity(event.fill_ul, "µl", 0, language)
        return f"seringue de {capacity} contenant {fill}" if fr else f"{capacity} syringe holding {fill}"
    if isinstance(event, CalibrationWritten):
        step = number(event.volume_per_step_nl, 4, language)
        offset = quantity(event.depth_offset_mm, "mm", 3, language)
        if fr:
            return (
                f"étalonnage n° {event.calibration_id} : {step} nl par pas, décalage de profondeur {offset}"
            )
        return f"calibration #{event.calibration_id}: {step} nl per step, depth offset {offset}"
    return ""

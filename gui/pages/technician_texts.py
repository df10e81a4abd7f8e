"""Words of the technician area: the gun's log entries, alarm priorities, self-test verdicts (translated).

Each function turns one host value into text in the interface language; nothing here talks to the gun.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from PySide6.QtCore import QCoreApplication

from gui.device_texts import alarm_text, mode_text, result_text, state_text
from gui.formatting import number
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


def local_datetime(moment: datetime | None) -> str:
    """Date and time of an aware ``moment`` locally (ISO order: unambiguous in any language)."""
    if moment is None:
        return "—"
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def local_date(moment: datetime | None) -> str:
    """The local date of an aware ``moment`` (``—`` for none)."""
    if moment is None:
        return "—"
    return moment.astimezone().strftime("%Y-%m-%d")


def event_type_text(event: DeviceEvent) -> str:
    """The kind of a log entry in a word or two."""
    if isinstance(event, Shot):
        return QCoreApplication.translate("TechnicianTexts", "Shot")
    if isinstance(event, TriggerChanged):
        return QCoreApplication.translate("TechnicianTexts", "Trigger")
    if isinstance(event, AlarmChanged):
        return QCoreApplication.translate("TechnicianTexts", "Alarm")
    if isinstance(event, StateChanged):
        return QCoreApplication.translate("TechnicianTexts", "State")
    if isinstance(event, Primed):
        return QCoreApplication.translate("TechnicianTexts", "Priming")
    if isinstance(event, SyringeLoaded):
        return QCoreApplication.translate("TechnicianTexts", "Syringe")
    if isinstance(event, CalibrationWritten):
        return QCoreApplication.translate("TechnicianTexts", "Calibration")
    return type(event).__name__


def reason_text(reason: Enum) -> str:
    """Why the gun changed state."""
    texts = {
        "COMMAND": QCoreApplication.translate("TechnicianTexts", "command"),
        "TRIGGER": QCoreApplication.translate("TechnicianTexts", "trigger"),
        "ALARM": QCoreApplication.translate("TechnicianTexts", "alarm"),
        "WATCHDOG": QCoreApplication.translate("TechnicianTexts", "watchdog"),
        "STOP": QCoreApplication.translate("TechnicianTexts", "emergency stop"),
        "POWER_ON": QCoreApplication.translate("TechnicianTexts", "power on"),
        "DELIVERY_DONE": QCoreApplication.translate("TechnicianTexts", "delivery done"),
        "SHOT_LIMIT": QCoreApplication.translate("TechnicianTexts", "shots allowed delivered"),
    }
    return texts.get(reason.name, reason.name)


def priority_text(priority: Enum) -> str:
    """An alarm priority (IEC 60601-1-8)."""
    texts = {
        "HIGH": QCoreApplication.translate("TechnicianTexts", "high"),
        "MEDIUM": QCoreApplication.translate("TechnicianTexts", "medium"),
        "LOW": QCoreApplication.translate("TechnicianTexts", "low"),
        "INFO": QCoreApplication.translate("TechnicianTexts", "information"),
    }
    return texts.get(priority.name, priority.name)


def event_details_text(event: DeviceEvent) -> str:
    """What a log entry says, in a short sentence (number, time and kind are columns of their own)."""
    if isinstance(event, Shot):
        text = QCoreApplication.translate(
            "TechnicianTexts", "{delivered} of {commanded} µl at {depth} mm, {mode}: {result}"
        ).format(
            delivered=number(event.delivered_volume_ul, 1),
            commanded=number(event.commanded_volume_ul, 1),
            depth=number(event.measured_depth_mm, 2),
            mode=mode_text(event.mode),
            result=result_text(event.result),
        )
        if event.cause.name != "NONE":
            text += f" ({alarm_text(event.cause)})"
        return text
    if isinstance(event, TriggerChanged):
        return (
            QCoreApplication.translate("TechnicianTexts", "pressed")
            if event.pressed
            else QCoreApplication.translate("TechnicianTexts", "released")
        )
    if isinstance(event, AlarmChanged):
        template = (
            QCoreApplication.translate("TechnicianTexts", "{alarm} (raised, {priority} priority)")
            if event.raised
            else QCoreApplication.translate("TechnicianTexts", "{alarm} (cleared, {priority} priority)")
        )
        return template.format(alarm=alarm_text(event.code), priority=priority_text(event.priority))
    if isinstance(event, StateChanged):
        return QCoreApplication.translate("TechnicianTexts", "{old} → {new} ({reason})").format(
            old=state_text(event.old), new=state_text(event.new), reason=reason_text(event.reason)
        )
    if isinstance(event, Primed):
        return QCoreApplication.translate(
            "TechnicianTexts", "{volume} µl pushed; {remaining} µl left in the syringe"
        ).format(volume=number(event.volume_ul, 1), remaining=number(event.syringe_remaining_ul, 0))
    if isinstance(event, SyringeLoaded):
        return QCoreApplication.translate(
            "TechnicianTexts", "{capacity} ml syringe holding {fill} µl"
        ).format(capacity=number(event.capacity_ml, 0), fill=number(event.fill_ul, 0))
    if isinstance(event, CalibrationWritten):
        return QCoreApplication.translate(
            "TechnicianTexts", "calibration #{id}: {step} nl per step, depth offset {offset} mm"
        ).format(
            id=event.calibration_id,
            step=number(event.volume_per_step_nl, 4),
            offset=number(event.depth_offset_mm, 3),
        )
    return ""


def self_test_text(failures: frozenset[Enum]) -> str:
    """The self-test verdict: passed, or the failed checks."""
    if not failures:
        return QCoreApplication.translate("TechnicianTexts", "Self-test passed: every check is OK")
    names = ", ".join(alarm_text(code) for code in sorted(failures, key=lambda code: code.name))
    return QCoreApplication.translate("TechnicianTexts", "Self-test failed: {checks}").format(checks=names)


def duration_text(seconds: int) -> str:
    """Motor running time: ``12 h 05 min``, or seconds below a minute."""
    if seconds < 60:
        return QCoreApplication.translate("TechnicianTexts", "{seconds} s").format(seconds=seconds)
    hours, minutes = divmod(seconds // 60, 60)
    return QCoreApplication.translate("TechnicianTexts", "{hours} h {minutes} min").format(
        hours=hours, minutes=f"{minutes:02d}"
    )

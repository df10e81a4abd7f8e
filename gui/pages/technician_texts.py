"""Words of the technician area: the gun's log entries, alarm priorities, self-test verdicts (translated).

Each function turns one host value into text in the interface language; nothing here talks to the gun.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from PySide6.QtCore import QCoreApplication

from gui.device_texts import alarm_text
from gui.language import current_language
from mesogun.device_events import DeviceEvent
from mesogun.vocabulary import describe, event_kind, name


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
    return event_kind(event, current_language())


def reason_text(reason: Enum) -> str:
    """Why the gun changed state."""
    return name(reason, current_language())


def priority_text(priority: Enum) -> str:
    """An alarm priority (IEC 60601-1-8)."""
    return name(priority, current_language())


def event_details_text(event: DeviceEvent) -> str:
    """What a log entry says, in a short sentence (number, time and kind are columns of their own)."""
    return describe(event, current_language())


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

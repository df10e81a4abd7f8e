"""The domain's words: every value named in both languages, every event described in both, French
written as French (decimal comma, spaces that do not break, no English word, no raw code)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from enum import Enum

import pytest

from firmware_protocol.enums import StateChangeReason
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
from mesogun.device_values import AlarmCode, AlarmPriority, DeviceState, Mode, ShotResult
from mesogun.journal.calibration_records import CalibrationKind
from mesogun.journal.errors import JournalProblem
from mesogun.journal.host_remarks import HostRemark
from mesogun.journal.outcome_scores import ScoreCode
from mesogun.journal.records import AdverseSeverity, DoseResult, PartialChoice, SessionStatus
from mesogun.models import Laterality, Technique
from mesogun.models.body_area import BodyArea
from mesogun.plans.check_codes import PlanCheck
from mesogun.session import PointStatus, SessionState
from mesogun.vocabulary import NAMED_ENUMS, describe, event_kind, name, name_of_code, number, quantity

ENUMS: tuple[type[Enum], ...] = (
    AlarmCode,
    DeviceState,
    Mode,
    ShotResult,
    StateChangeReason,
    AlarmPriority,
    Technique,
    Laterality,
    DoseResult,
    SessionStatus,
    AdverseSeverity,
    SessionState,
    HostRemark,
    PointStatus,
    ScoreCode,
    BodyArea,
    PlanCheck,
    CalibrationKind,
    JournalProblem,
    PartialChoice,
)
AT = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)
EVENTS: tuple[DeviceEvent, ...] = (
    Shot(7, AT, 3, Mode.SINGLE, 4.0, 3.98, 50.0, 34.2, 50.0, ShotResult.PARTIAL, AlarmCode.WATCHDOG, 1965.8),
    Shot(
        8, AT, 3, Mode.BURST, 1.0, 1.0, 20.0, 12.0, 50.0, ShotResult.INTERRUPTED, AlarmCode.POWER_LOSS, 900.0
    ),
    TriggerChanged(9, AT, True),
    AlarmChanged(10, AT, AlarmCode.OCCLUSION, AlarmPriority.HIGH, True),
    StateChanged(11, AT, DeviceState.ARMED, DeviceState.IDLE, StateChangeReason.SHOT_LIMIT),
    Primed(12, AT, 120.0, 9880.0),
    SyringeLoaded(13, AT, 10.0, 10000.0),
    CalibrationWritten(14, AT, 5, 1.0416, -0.02),
)
# Words that give English away in a French text.
ENGLISH = re.compile(r"\b(of|at|the|shot|syringe|left|raised|cleared|priority|pushed|per|step|offset)\b")
RAW_CODE = re.compile(r"\b[A-Z]{2,}_[A-Z_]+\b")


def test_every_enumeration_of_the_table_is_checked_here() -> None:
    assert {cls.__name__ for cls in ENUMS} == set(NAMED_ENUMS)


@pytest.mark.parametrize("enum_cls", ENUMS, ids=lambda cls: cls.__name__)
def test_every_value_has_a_french_and_an_english_name(enum_cls: type[Enum]) -> None:
    for member in enum_cls:
        french, english = name(member, "fr"), name(member, "en")
        assert french and english, member
        assert french != member.name and english != member.name, f"{member!r} has no name"


@pytest.mark.parametrize("event", EVENTS, ids=lambda event: type(event).__name__)
def test_every_event_is_described_in_both_languages(event: DeviceEvent) -> None:
    french, english = describe(event, "fr"), describe(event, "en")
    assert french and english and french != english
    assert not ENGLISH.search(french.lower()), french
    assert not RAW_CODE.search(french) and not RAW_CODE.search(english)
    assert event_kind(event, "fr") != type(event).__name__


def test_french_numbers_and_units() -> None:
    assert number(2000, 0, "fr") == "2\u202f000"
    assert number(259.87, 1, "fr") == "259,9"
    assert quantity(50, "µl", 1, "fr") == "50,0\u00a0µl"
    assert quantity(5, "%", 0, "fr") == "5\u00a0%"
    assert number(2000, 1, "en") == "2,000.0"
    assert quantity(4, "mm", 1, "en") == "4.0 mm"


def test_french_typography_in_names() -> None:
    assert name(AlarmCode.SYRINGE_EMPTY, "fr") == "Seringue vide\u00a0: chargez une nouvelle seringue"
    assert "Interrompue" not in name(ShotResult.INTERRUPTED, "fr")  # "Interrompue" only for an abort


def test_recorded_codes_are_named() -> None:
    assert name_of_code("Technique", "point_par_point", "fr") == "Point par point"
    assert name_of_code("AlarmCode", "occlusion", "en").startswith("Occlusion")
    assert name_of_code("Technique", "unknown-code", "fr") == "unknown-code"

"""The one interface every journal backend implements (SQLite today, a clinic-wide store later).

The session runner, the link (as its event sink), the exports and the CLI use only these methods.
A backend guarantees: each write is durable when it returns; rows are never updated or deleted;
a device event already held is ignored; a Shot becomes a dose in the same transaction as its device
event; ``verify`` finds any edit, deletion, insertion or reordering of rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any, Protocol

from firmware_protocol import AlarmCode, AlarmPriority, Mode
from mesogun.device_events import DeviceEvent
from mesogun.journal.calibration_records import CalibrationEntry, CalibrationKind, CalibrationRecord
from mesogun.journal.inputs import OverrideLike, ProductInput, SiteLike
from mesogun.journal.outcome_scores import ScoreCode
from mesogun.journal.records import (
    AdverseSeverity,
    CloseStatus,
    DoseRecord,
    PartialChoice,
    ScreeningAnswer,
    SessionRecord,
    SessionSummary,
    VerifyReport,
)


class JournalStore(Protocol):
    """Append-only, tamper-evident dose journal (see ``SqliteJournal`` for each method's contract)."""

    # event sink (the link)
    def last_event_number(self, device_serial: str) -> int: ...

    def store(self, device_serial: str, event: DeviceEvent) -> None: ...

    # writes (the session runner)
    def open_session(
        self,
        *,
        patient_pseudonym: str,
        practitioner: str,
        indication: str,
        limits_version: str,
        products: Sequence[ProductInput] = (),
        plan_name: str | None = None,
        plan_version: str | None = None,
        plan_hash: str | None = None,
        device_serial: str | None = None,
        device_firmware: str | None = None,
        calibration_id: str | None = None,
        started_at: datetime | None = None,
    ) -> str: ...

    def record_screening(
        self,
        session_id: str,
        answers: Sequence[ScreeningAnswer],
        *,
        consent_given: bool,
        consent_at: datetime | None,
        screened_by: str,
    ) -> int: ...

    def record_point_configured(
        self,
        session_id: str,
        *,
        point_index: int,
        device_serial: str,
        config_id: int,
        technique: Enum | str,
        mode: Mode | str,
        depth_mm: float,
        volume_ul: float,
        flow_ul_s: float,
        burst_rate_per_s: float,
        limits_version: str,
        operator: str,
        site: SiteLike | None = None,
        zone: str | None = None,
        overrides: Sequence[OverrideLike] = (),
    ) -> int: ...

    def record_override(
        self, session_id: str, override: OverrideLike, *, point_index: int | None = None
    ) -> int: ...

    def record_skip(self, session_id: str, point_index: int, reason: str, operator: str) -> int: ...

    def record_point_decision(
        self,
        session_id: str,
        point_index: int,
        choice: PartialChoice,
        *,
        target_ul: float,
        delivered_ul: float,
        remainder_ul: float,
        operator: str,
        remainder_shot_ul: float | None = None,
        reason: str | None = None,
    ) -> int: ...

    def record_alarm(
        self,
        session_id: str,
        code: AlarmCode,
        *,
        raised: bool = True,
        priority: AlarmPriority | None = None,
        point_index: int | None = None,
        detail: str = "",
        operator: str = "",
    ) -> int: ...

    def record_syringe_change(
        self,
        session_id: str,
        products: Sequence[ProductInput],
        *,
        operator: str,
        capacity_ml: int | None = None,
        fill_ul: float | None = None,
    ) -> int: ...

    def add_note(self, session_id: str, text: str, author: str) -> int: ...

    def add_adverse_event(
        self,
        session_id: str,
        description: str,
        *,
        reported_by: str,
        observed_at: datetime | None = None,
        severity: AdverseSeverity | None = None,
        action_taken: str = "",
    ) -> int: ...

    def record_score(
        self,
        session_id: str,
        code: ScoreCode | str,
        value: int,
        *,
        entered_by: str,
        scored_at: datetime | None = None,
    ) -> int: ...

    def record_calibration_warning(
        self,
        device_serial: str,
        message: str,
        *,
        acknowledged_by: str,
        calibration_id: str | None = None,
        session_id: str | None = None,
    ) -> int: ...

    def close_session(self, session_id: str, status: CloseStatus, reason: str | None = None) -> int: ...

    # calibration records (the technician's procedures)
    def record_calibration(self, entry: CalibrationEntry) -> CalibrationRecord: ...

    def calibrations(
        self, device_serial: str | None = None, kind: CalibrationKind | None = None
    ) -> list[CalibrationRecord]: ...

    def calibration(self, record_id: str) -> CalibrationRecord: ...

    def record_correction(
        self, target_table: str, target_seq: int, changes: Mapping[str, Any], *, reason: str, author: str
    ) -> int: ...

    # reads
    def resolve_session_id(self, text: str) -> str: ...

    def sessions(
        self,
        patient: str | None = None,
        since: date | datetime | None = None,
        until: date | datetime | None = None,
    ) -> list[SessionSummary]: ...

    def session(self, session_id: str) -> SessionRecord: ...

    def doses(self, session_id: str) -> list[DoseRecord]: ...

    def delivered_per_point(self, session_id: str) -> dict[int, tuple[int, float]]: ...

    def verify(self) -> VerifyReport: ...

    def close(self) -> None: ...

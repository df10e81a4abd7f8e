"""What the journal gives back: immutable records of sessions and doses, in host units.

Volumes in microlitres (``_ul``), depths in millimetres (``_mm``), flows in microlitres per second
(``_ul_s``), times as aware UTC datetimes. Records are views of the journal: building one never
writes anything.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from mesogun.journal.outcome_scores import ScoreCode


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DoseResult(StrEnum):
    """Outcome of one dose (the device's measurement, read with its cause)."""

    COMPLETE = "complete"  # delivered within tolerance of the commanded volume
    PARTIAL = "partial"  # finished with modification: less than commanded, the alarm says why
    CANCELLED = "cancelled"  # stopped by the operator (STOP) before the commanded volume
    FAILED = "failed"  # nothing measurable delivered


class PartialChoice(StrEnum):
    """The practitioner's choice for a point a cut shot left short of its target (stored as the code)."""

    COMPLETE = "complete"  # deliver exactly what is left (a remainder shot, then any whole shots)
    DONE = "done"  # end the point as it is
    SKIP = "skip"  # leave the point, with a reason


class SessionStatus(StrEnum):
    OPEN = "open"
    COMPLETED = "completed"
    ABORTED = "aborted"


class AdverseSeverity(StrEnum):
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


class SessionIngredient(_Record):
    """An active substance of a product: its catalogue code and its strength (mg/ml)."""

    substance: str = Field(min_length=1)
    mg_per_ml: float = Field(gt=0.0)


class SessionProduct(_Record):
    """A product in the syringe: name, concentration, lot and expiry, and its share of the volume.

    ``ingredients``: its active substances as resolved when the session opened (catalogue or the
    practitioner's declaration); empty in sessions recorded before substances were recorded.
    """

    name: str = Field(min_length=1)
    concentration: str = ""
    lot: str | None = None
    expiry: date | None = None
    proportion_pct: float = Field(default=100.0, gt=0.0, le=100.0)
    ingredients: tuple[SessionIngredient, ...] = ()


class ScreeningAnswer(_Record):
    """One contraindication question as it was asked, and the answer given (True: present)."""

    code: str = Field(min_length=1)
    question: str = Field(min_length=1)
    answer: bool
    blocking: bool = False


class OverrideRecord(_Record):
    """A soft limit passed on purpose: which field, the value, the limit, why and who confirmed."""

    seq: int
    session_id: str
    point_index: int | None
    field: str
    value: float
    limit: float
    reason: str
    confirmed_by: str
    confirmed_at: datetime


class DoseRecord(_Record):
    """One shot the device delivered inside a session (the device's numbers, attributed to a point)."""

    seq: int
    session_id: str
    device_serial: str
    event_number: int
    time_utc: datetime
    config_id: int
    point_index: int
    site_region: str | None
    laterality: str | None
    acupoint_code: str | None
    zone: str | None
    technique: str
    mode: str
    commanded_depth_mm: float
    measured_depth_mm: float
    commanded_volume_ul: float
    delivered_volume_ul: float
    commanded_flow_ul_s: float
    delivered_flow_ul_s: float
    result: DoseResult
    alarm: str | None
    products: tuple[SessionProduct, ...]
    syringe_remaining_ul: float
    overrides: tuple[OverrideRecord, ...] = ()
    limits_version: str
    operator: str

    @property
    def product(self) -> str:
        """Product names in the syringe, ``" + "``-joined for a cocktail."""
        return " + ".join(product.name for product in self.products)

    @property
    def lot(self) -> str:
        """Lot numbers in the syringe, in the order of ``products`` (``?`` where none was recorded)."""
        return " + ".join(product.lot or "?" for product in self.products)

    @property
    def override_reason(self) -> str:
        """Reasons of the overrides in force for this dose, ``"; "``-joined (empty if none)."""
        return "; ".join(f"{item.field}: {item.reason}" for item in self.overrides)


class ProductTotal(_Record):
    """Volume of one product (one lot) delivered in a session, from its share of each dose."""

    name: str
    concentration: str
    lot: str | None
    delivered_ul: float


class AdverseEventRecord(_Record):
    seq: int
    observed_at: datetime
    description: str
    severity: AdverseSeverity | None
    action_taken: str
    reported_by: str


class NoteRecord(_Record):
    seq: int
    recorded_at: datetime
    text: str
    author: str


class SkipRecord(_Record):
    seq: int
    recorded_at: datetime
    point_index: int
    reason: str
    operator: str


class PointDecisionRecord(_Record):
    """A choice made for a point left short by a cut shot, with the volumes it was made on (µl)."""

    seq: int
    recorded_at: datetime
    point_index: int
    choice: PartialChoice
    target_ul: float
    delivered_ul: float
    remainder_ul: float
    remainder_shot_ul: float | None  # the volume of the remainder shot ("complete"), if any
    reason: str | None  # the practitioner's words ("skip")
    operator: str


class AlarmRecord(_Record):
    seq: int
    recorded_at: datetime
    point_index: int | None
    code: str
    priority: str
    raised: bool
    detail: str
    operator: str


class SyringeChangeRecord(_Record):
    seq: int
    recorded_at: datetime
    products: tuple[SessionProduct, ...]
    capacity_ml: int | None
    fill_ul: float | None
    operator: str


class CalibrationWarningRecord(_Record):
    seq: int
    recorded_at: datetime
    device_serial: str
    calibration_id: str | None
    message: str
    acknowledged_by: str


class OutcomeScoreRecord(_Record):
    """A score entered for a session: the scale's code, its value in whole points, when and by whom.

    A scale scored again in the same session keeps both rows; the later one is the session's score.
    """

    seq: int
    recorded_at: datetime
    code: ScoreCode
    value: int
    scored_at: datetime
    entered_by: str


class CorrectionRecord(_Record):
    """A correction: new values for some fields of an earlier row, which stays as it was."""

    seq: int
    recorded_at: datetime
    target_table: str
    target_seq: int
    changes: dict[str, str | float | int | None]
    previous: dict[str, str | float | int | None]
    reason: str
    author: str


class SessionSummary(_Record):
    """One line of ``sessions()``."""

    session_id: str
    patient_pseudonym: str
    practitioner: str
    indication: str
    plan_name: str | None
    started_at: datetime
    ended_at: datetime | None
    status: SessionStatus
    dose_count: int
    delivered_ul: float


class SessionRecord(_Record):
    """Everything the journal holds about one session (corrections applied, and listed)."""

    session_id: str
    seq: int
    patient_pseudonym: str  # validated when written (see pseudonym.py); read back as stored
    practitioner: str
    indication: str
    plan_name: str | None
    plan_version: str | None
    limits_version: str
    consent_given: bool | None
    consent_at: datetime | None
    screened_by: str | None
    contraindications: tuple[ScreeningAnswer, ...]
    device_serial: str | None
    device_firmware: str | None
    calibration_id: str | None
    products: tuple[SessionProduct, ...]
    started_at: datetime
    ended_at: datetime | None
    status: SessionStatus
    abort_reason: str | None
    totals: tuple[ProductTotal, ...]
    dose_count: int
    delivered_ul: float
    adverse_events: tuple[AdverseEventRecord, ...]
    notes: tuple[NoteRecord, ...]
    skips: tuple[SkipRecord, ...]
    alarms: tuple[AlarmRecord, ...]
    overrides: tuple[OverrideRecord, ...]
    syringe_changes: tuple[SyringeChangeRecord, ...]
    calibration_warnings: tuple[CalibrationWarningRecord, ...]
    corrections: tuple[CorrectionRecord, ...]
    scores: tuple[OutcomeScoreRecord, ...] = ()
    plan_hash: str | None = None  # content hash of the plan run (mesogun/plans/identity.py)
    decisions: tuple[PointDecisionRecord, ...] = ()

    def score(self, code: ScoreCode) -> int | None:
        """The session's score on one scale (the latest entered), or None if it was not scored."""
        values = [item.value for item in self.scores if item.code is code]
        return values[-1] if values else None


class BrokenLink(_Record):
    """Where the chain first breaks: the table and append position of the row, and why."""

    table: str
    seq: int
    reason: str


class VerifyReport(_Record):
    """Result of ``verify()``: ``ok`` when every row is intact, in order, and none is missing."""

    ok: bool
    rows_checked: int
    first_broken: BrokenLink | None
    head_seq: int
    head_hash: str
    warnings: tuple[str, ...] = ()


CloseStatus = Literal["completed", "aborted"]

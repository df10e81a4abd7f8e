"""The data of a volume calibration: its setup, the planned and weighed shots, progress, the result.

See :mod:`mesogun.calibration.volume_procedure` for how a run is driven. Volumes in µl, masses in mg,
flows in µl/s, depths in mm.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from mesogun.calibration.gravimetry import (
    MAX_VOLUME_CORRECTION,
    MIN_SHOTS_PER_LEVEL,
    LevelResult,
    VolumeFactorFit,
    WeighingConditions,
)
from mesogun.calibration.procedure import (
    DEFAULT_VALIDITY_DAYS,
    CalibrationError,
    ProcedureState,
    Stage,
    check_text,
    check_validity_days,
)
from mesogun.device_info import CalibrationFactors, DeviceInfo
from mesogun.errors import OutOfRangeError
from mesogun.journal.calibration_records import CalibrationRecord

MAX_SHOTS_PER_LEVEL = 50


@dataclass(frozen=True)
class VolumeSetup:
    """What the technician sets before a volume calibration.

    ``volumes_ul`` None: the gun's minimum, middle and maximum volume. ``flow_ul_s`` None: the gun's
    maximum flow. ``depth_mm``: needle depth of the shots (into the vessel; it does not change the
    volume). ``stability_timeout_s``: longest wait for a stable balance reading (wall-clock s).
    ``access_code``: the gun's technician access code. ``balance_model``, ``balance_resolution_mg``
    (its smallest step) and ``balance_verified_on`` (its last verification) are recorded with the run
    when given; a balance on a port gives its model and resolution itself.
    """

    technician: str
    syringe_model: str
    syringe_capacity_ml: int
    conditions: WeighingConditions = field(default_factory=WeighingConditions)
    volumes_ul: tuple[float, ...] | None = None
    shots_per_level: int = MIN_SHOTS_PER_LEVEL
    flow_ul_s: float | None = None
    depth_mm: float = 1.0
    access_code: int = 0
    validity_days: int = DEFAULT_VALIDITY_DAYS
    stability_timeout_s: float = 30.0
    max_correction: float = MAX_VOLUME_CORRECTION
    balance_model: str | None = None
    balance_resolution_mg: float | None = None
    balance_verified_on: date | None = None

    def __post_init__(self) -> None:
        check_text("technician", self.technician)
        check_text("syringe_model", self.syringe_model)
        check_validity_days(self.validity_days)
        if not MIN_SHOTS_PER_LEVEL <= self.shots_per_level <= MAX_SHOTS_PER_LEVEL:
            raise OutOfRangeError(
                "shots_per_level", self.shots_per_level, MIN_SHOTS_PER_LEVEL, MAX_SHOTS_PER_LEVEL, "shots"
            )
        if self.volumes_ul is not None:
            if not self.volumes_ul:
                raise CalibrationError("volumes_ul = () refused: give at least one volume, or None")
            if len(set(self.volumes_ul)) != len(self.volumes_ul):
                raise CalibrationError(f"volumes_ul = {self.volumes_ul} refused: each volume once")
        if not 0.0 < self.max_correction <= MAX_VOLUME_CORRECTION:
            raise OutOfRangeError("max_correction", self.max_correction, 0.0, MAX_VOLUME_CORRECTION, "")
        if not 1.0 <= self.stability_timeout_s <= 600.0:
            raise OutOfRangeError("stability_timeout_s", self.stability_timeout_s, 1.0, 600.0, "s")
        if self.balance_resolution_mg is not None and not 0.0001 <= self.balance_resolution_mg <= 100.0:
            raise OutOfRangeError("balance_resolution_mg", self.balance_resolution_mg, 0.0001, 100.0, "mg")


@dataclass(frozen=True)
class PlannedShot:
    """Which shot comes next: stage, level index, shot index (both from 0) and commanded volume (µl)."""

    stage: Stage
    level: int
    shot: int
    nominal_ul: float


@dataclass(frozen=True)
class WeighedShot:
    """A shot fired: the gun's SHOT event and, once known, its mass (mg) and volume (µl)."""

    planned: PlannedShot
    event_number: int
    gun_volume_ul: float  # what the gun says it delivered
    mass_mg: float | None = None
    volume_ul: float | None = None


@dataclass(frozen=True)
class VolumeProgress:
    """Sent to the listener after every change. ``text`` is one English line for a console or a log."""

    state: ProcedureState
    stage: Stage | None
    shots_done: int  # in the current stage, masses known
    shots_total: int
    text: str
    shot: WeighedShot | None = None
    level: LevelResult | None = None


@dataclass(frozen=True)
class VolumeCalibrationResult:
    """How it ended: verdict, reason, factors before and after, both runs, and the journal record."""

    passed: bool
    reason: str | None
    device: DeviceInfo
    factors_before: CalibrationFactors
    factors_after: CalibrationFactors | None  # None: nothing (left) written
    as_found: tuple[LevelResult, ...]
    verification: tuple[LevelResult, ...]
    assessment: VolumeAssessment | None
    balance_id: str
    started_at: datetime
    finished_at: datetime
    expires_at: datetime | None
    record: CalibrationRecord | None
    balance_model: str | None = None  # as the balance on a port says (MT-SICS I2)
    balance_resolution_mg: float | None = None  # its smallest step, from the digits of its readings


class SyringeRefillNeeded(CalibrationError):
    """The next level needs more liquid than the syringe holds: load a full one, then ``load_syringe``."""

    def __init__(self, needed_ul: float, remaining_ul: float, capacity_ml: int) -> None:
        self.needed_ul = needed_ul
        self.remaining_ul = remaining_ul
        self.capacity_ul = capacity_ml * 1000.0
        super().__init__(
            f"the next level needs {needed_ul:.0f} µl and the syringe holds {remaining_ul:.0f} µl: "
            f"load a full {capacity_ml} ml syringe of water (no air), then go on"
        )


@dataclass(frozen=True)
class VolumeAssessment:
    """The as-found run judged: its levels, the fit, the new factor, or why the gun cannot be corrected."""

    levels: tuple[LevelResult, ...]
    fit: VolumeFactorFit | None
    new_volume_per_step_nl: float | None
    failure: str | None

    @property
    def as_found_passed(self) -> bool:
        return all(level.passed for level in self.levels)

    @property
    def correctable(self) -> bool:
        return self.failure is None and self.new_volume_per_step_nl is not None

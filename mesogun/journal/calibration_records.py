"""Calibration records in the journal: what a procedure hands in, and what the journal gives back.

A technician's calibration (volume, depth) or check (flow accuracy) is one append-only, chained row
of the ``calibrations`` table: who, when, the gun, the syringe, the instrument (balance or depth
gauge), the room, the raw readings, the figures computed from them, the factors before and after,
the verdict, the reason when it failed, and the expiry. Volumes in µl, masses in mg (raw balance
readings in g for a flow test), depths in mm, flows in µl/s, errors in %, times as aware UTC datetimes.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CalibrationKind(StrEnum):
    VOLUME = "volume"  # gravimetric dose accuracy and the volume-per-step factor
    DEPTH = "depth"  # needle protrusion against a gauge: depth offset and scale
    FLOW = "flow"  # continuous-mode flow accuracy (trumpet curve); a check, writes nothing


class CalibrationVerdict(StrEnum):
    PASSED = "passed"
    FAILED = "failed"


class GunFactors(_Record):
    """Calibration factors of the gun: id, plunger volume per step (nl), depth offset (mm), scale."""

    calibration_id: int = Field(ge=0)
    volume_per_step_nl: float = Field(gt=0.0)
    depth_offset_mm: float
    depth_scale: float = Field(gt=0.0)


# ---------------------------------------------------------------------- raw readings


class WeighedLevel(_Record):
    """The balance readings of the shots at one commanded volume: mass of each shot in mg."""

    stage: str  # "as_found" or "verification"
    nominal_ul: float = Field(gt=0.0)
    masses_mg: tuple[float, ...]


class GaugeReading(_Record):
    """One depth gauge reading: the depth set on the gun and the needle protrusion measured, in mm."""

    stage: str
    set_depth_mm: float
    gauge_mm: float
    gun_depth_mm: float | None = None  # what the gun reported for the shot


class FlowReading(_Record):
    """One balance sample of a flow test: seconds since the infusion started, net mass in g."""

    time_s: float
    mass_g: float


class _InstrumentIdentity(_Record):
    """An instrument as recorded with a procedure; a field is None when it was not known.

    ``verified_on``: the date of its last verification, as the technician typed it. Each kind of
    instrument adds its resolution (its smallest step) in its own unit.
    """

    model: str | None = None
    serial: str | None = None
    verified_on: date | None = None


class BalanceIdentity(_InstrumentIdentity):
    """The balance of a gravimetric run; ``resolution_mg`` read from the digits of its readings, or typed."""

    resolution_mg: float | None = Field(default=None, gt=0.0)


class GaugeIdentity(_InstrumentIdentity):
    """The depth gauge of a depth calibration; ``serial``: its serial number or asset tag, as typed,
    ``resolution_mm``: its smallest step, as typed."""

    resolution_mm: float | None = Field(default=None, gt=0.0)


class RawReadings(_Record):
    """Everything read during the procedure, as read (one of the three lists is used per kind), and the
    instrument that read it: ``balance`` for a volume or flow run, ``depth_gauge`` for a depth
    calibration (records made before they were recorded have None)."""

    levels: tuple[WeighedLevel, ...] = ()
    gauge: tuple[GaugeReading, ...] = ()
    flow: tuple[FlowReading, ...] = ()
    balance: BalanceIdentity | None = None
    depth_gauge: GaugeIdentity | None = None


# ---------------------------------------------------------------------- computed figures


class LevelFigures(_Record):
    """Statistics of one volume level (µl unless % in the name) and its verdict."""

    stage: str
    nominal_ul: float
    count: int
    mean_ul: float
    systematic_error_ul: float
    systematic_error_pct: float
    sd_ul: float
    cv_pct: float
    worst_shot: int  # 0-based index
    worst_error_ul: float
    tolerance_ul: float
    passed: bool


class DepthFigures(_Record):
    """The depth fit (gauge = offset + scale · set) and the worst deviation per stage, in mm / µm."""

    offset_um: float
    scale_ppm: float
    max_residual_um: float
    scale_fitted: bool  # False: offset only, the scale was kept
    as_found_max_error_mm: float
    verification_max_error_mm: float | None
    tolerance_mm: float


class TrumpetFigure(_Record):
    window_min: float
    max_error_pct: float
    min_error_pct: float
    window_count: int


class FlowFigures(_Record):
    """Flow accuracy over the analysis period (errors in % of the set flow) and the trumpet curve."""

    set_flow_ul_s: float
    analysis_start_s: float
    analysis_end_s: float
    analysis_volume_ul: float
    mean_flow_ul_s: float
    overall_error_pct: float
    tolerance_pct: float
    trumpet: tuple[TrumpetFigure, ...]


class CalibrationFigures(_Record):
    """What was computed from the raw readings (the parts that apply to the kind)."""

    levels: tuple[LevelFigures, ...] = ()
    fit_ratio: float | None = None  # volume: delivered / commanded before correction
    fit_residuals_pct: tuple[float, ...] = ()
    depth: DepthFigures | None = None
    flow: FlowFigures | None = None


# ---------------------------------------------------------------------- the record


class CalibrationEntry(_Record):
    """A finished procedure, as handed to ``SqliteJournal.record_calibration``."""

    kind: CalibrationKind
    device_serial: str = Field(min_length=1)
    device_model: str | None = None
    device_firmware: str | None = None
    technician: str = Field(min_length=1)
    started_at: datetime
    finished_at: datetime
    syringe: str | None = None  # model, e.g. "BD Plastipak 10 ml"
    syringe_capacity_ml: int | None = None
    balance_id: str | None = None  # serial number of the balance, or what the technician typed
    gauge_id: str | None = None
    temperature_c: float | None = None
    pressure_hpa: float | None = None
    humidity_pct: float | None = None
    z_ul_per_mg: float | None = None
    factors_before: GunFactors
    factors_after: GunFactors | None = None  # None: nothing written (failed, or a flow test)
    raw: RawReadings
    figures: CalibrationFigures
    verdict: CalibrationVerdict
    reason: str | None = None
    expires_at: datetime | None = None


class CalibrationRecord(CalibrationEntry):
    """A calibration as the journal holds it: the entry plus its id and place in the chain."""

    record_id: str
    seq: int
    recorded_at: datetime

    @property
    def passed(self) -> bool:
        return self.verdict is CalibrationVerdict.PASSED

    def expired_at(self, now: datetime) -> bool:
        """True when the calibration has an expiry and it is past at ``now``."""
        return self.expires_at is not None and self.expires_at <= now

"""Depth calibration data and judgement: the setup, the gauge readings, and the offset/scale correction.

The gun sets its needle actuator to ``(set − offset) / scale``; the gauge reads how far the needle
really protrudes. Physically ``gauge = k · actuator + T`` (T: the mounting offset, k: the actuator's
true scale). From readings at several set depths:

- offset only (the scale kept) when the readings differ from the set depths by one constant within
  half the tolerance: ``T = offset + mean(gauge − set)``;
- otherwise a least-squares line ``gauge = a + b · set``, giving ``k = b · scale`` and
  ``T = a + b · offset``.

The corrected factors are ``offset = T``, ``scale = k``. Correctable *(design)*: what the gun accepts
(|offset| ≤ 1 mm, scale 0.9–1.1) and a fitted line that leaves no reading further than the tolerance
from it; otherwise the actuator, the needle hub or the reading needs attention, not new factors.
Tolerance *(design)*: ±0.1 mm, the gun's depth step. Depths in mm, offsets in mm (µm where named).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from firmware_protocol.constants import DEPTH_OFFSET_MAX_UM, DEPTH_SCALE_MAX_PPM, DEPTH_SCALE_MIN_PPM
from mesogun.calibration.gravimetry import fit_depth
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
from mesogun.journal.host_remarks import HostRemark, host_remark

DEPTH_TOLERANCE_MM = 0.1
DEFAULT_SET_DEPTHS_MM = (0.5, 1.0, 2.0, 4.0, 6.0, 13.0)
MIN_READINGS = 3
# A depth gauge's smallest step: from a laboratory gauge's 0.1 µm to 0.1 mm, the tolerance itself
# (a coarser gauge cannot tell a good needle from a bad one).
GAUGE_RESOLUTION_MIN_MM = 0.0001
GAUGE_RESOLUTION_MAX_MM = 0.1


@dataclass(frozen=True)
class DepthSetup:
    """What the technician sets before a depth calibration.

    ``set_depths_mm`` None: :data:`DEFAULT_SET_DEPTHS_MM` within the gun's range. Each reading fires
    one small shot (``volume_ul``, None: the gun's minimum) so that the needle goes out to depth,
    into a gauze, while a max-hold depth gauge on the nose reads the protrusion.
    ``gauge_model``, ``gauge_resolution_mm`` (its smallest step) and ``gauge_verified_on`` (its last
    verification) are recorded with the calibration when given; the certificate's uncertainty counts
    the resolution.
    """

    technician: str
    gauge_id: str
    set_depths_mm: tuple[float, ...] | None = None
    access_code: int = 0
    validity_days: int = DEFAULT_VALIDITY_DAYS
    tolerance_mm: float = DEPTH_TOLERANCE_MM
    volume_ul: float | None = None
    gauge_model: str | None = None
    gauge_resolution_mm: float | None = None
    gauge_verified_on: date | None = None

    def __post_init__(self) -> None:
        check_text("technician", self.technician)
        check_text("gauge_id", self.gauge_id)
        if self.gauge_model is not None:
            check_text("gauge_model", self.gauge_model)
        resolution = self.gauge_resolution_mm
        if resolution is not None and not GAUGE_RESOLUTION_MIN_MM <= resolution <= GAUGE_RESOLUTION_MAX_MM:
            raise OutOfRangeError(
                "gauge_resolution_mm", resolution, GAUGE_RESOLUTION_MIN_MM, GAUGE_RESOLUTION_MAX_MM, "mm"
            )
        check_validity_days(self.validity_days)
        if not 0.01 <= self.tolerance_mm <= 1.0:
            raise OutOfRangeError("tolerance_mm", self.tolerance_mm, 0.01, 1.0, "mm")
        depths = self.set_depths_mm
        if depths is not None and (len(set(depths)) < MIN_READINGS or len(set(depths)) != len(depths)):
            raise CalibrationError(
                f"set_depths_mm = {depths} refused: at least {MIN_READINGS} different depths, each once"
            )


@dataclass(frozen=True)
class PlannedReading:
    """Which reading comes next: stage, index (from 0) and the depth set on the gun (mm)."""

    stage: Stage
    index: int
    set_depth_mm: float


@dataclass(frozen=True)
class DepthReading:
    """One reading: the depth set, what the gun reported for the shot, and the gauge (mm)."""

    planned: PlannedReading
    gun_depth_mm: float
    gauge_mm: float | None = None

    @property
    def error_mm(self) -> float | None:
        return None if self.gauge_mm is None else self.gauge_mm - self.planned.set_depth_mm


@dataclass(frozen=True)
class DepthProgress:
    """Sent to the listener after every change; ``text`` is one English line."""

    state: ProcedureState
    stage: Stage | None
    readings_done: int
    readings_total: int
    text: str
    reading: DepthReading | None = None


@dataclass(frozen=True)
class DepthAssessment:
    """The as-found readings judged: the fit, the corrected factors, or why it cannot be corrected."""

    max_error_mm: float  # worst |gauge − set| as found
    offset_um: float  # the fitted line gauge = offset + scale · set
    scale_ppm: float
    max_residual_um: float
    scale_fitted: bool
    new_offset_mm: float | None
    new_scale: float | None
    failure: str | None

    @property
    def correctable(self) -> bool:
        return self.failure is None


@dataclass(frozen=True)
class DepthCalibrationResult:
    """How it ended: verdict, reason, factors before and after, both runs, and the journal record."""

    passed: bool
    reason: str | None
    device: DeviceInfo
    factors_before: CalibrationFactors
    factors_after: CalibrationFactors | None
    as_found: tuple[DepthReading, ...]
    verification: tuple[DepthReading, ...]
    assessment: DepthAssessment | None
    gauge_id: str
    started_at: datetime
    finished_at: datetime
    expires_at: datetime | None
    record: CalibrationRecord | None


def assess_depth(
    set_mm: Sequence[float], gauge_mm: Sequence[float], before: CalibrationFactors, tolerance_mm: float
) -> DepthAssessment:
    """Offset (and scale if needed) that make the gauge read the set depth, or why none can."""
    errors = [g - s for s, g in zip(set_mm, gauge_mm, strict=True)]
    max_error_mm = max(abs(e) for e in errors)
    line = fit_depth(set_mm, gauge_mm)
    mean_error_mm = statistics.fmean(errors)
    offset_only = all(abs(e - mean_error_mm) <= tolerance_mm / 2.0 for e in errors)
    if offset_only:
        new_offset_mm, new_scale = before.depth_offset_mm + mean_error_mm, before.depth_scale
        residual_um = 1000.0 * max(abs(e - mean_error_mm) for e in errors)
    else:
        b = line.scale_ppm / 1e6
        new_scale = b * before.depth_scale
        new_offset_mm = line.offset_um / 1000.0 + b * before.depth_offset_mm
        residual_um = line.max_abs_residual_um
    new_offset_mm, new_scale = round(new_offset_mm, 3), round(new_scale, 6)

    def judged(failure: str | None) -> DepthAssessment:
        ok = failure is None
        return DepthAssessment(
            max_error_mm=max_error_mm,
            offset_um=line.offset_um,
            scale_ppm=line.scale_ppm,
            max_residual_um=residual_um,
            scale_fitted=not offset_only,
            new_offset_mm=new_offset_mm if ok else None,
            new_scale=new_scale if ok else None,
            failure=failure,
        )

    if residual_um > 1000.0 * tolerance_mm:
        return judged(
            host_remark(
                HostRemark.DEPTH_NOT_LINEAR,
                residual_mm=round(residual_um / 1000, 3),
                tolerance_mm=tolerance_mm,
            )
        )
    if abs(new_offset_mm) * 1000.0 > DEPTH_OFFSET_MAX_UM:
        return judged(
            host_remark(
                HostRemark.DEPTH_OFFSET_BEYOND,
                offset_mm=new_offset_mm,
                max_offset_mm=DEPTH_OFFSET_MAX_UM / 1000,
            )
        )
    if not DEPTH_SCALE_MIN_PPM <= new_scale * 1e6 <= DEPTH_SCALE_MAX_PPM:
        return judged(
            host_remark(
                HostRemark.DEPTH_SCALE_BEYOND,
                scale=new_scale,
                min_scale=DEPTH_SCALE_MIN_PPM / 1e6,
                max_scale=DEPTH_SCALE_MAX_PPM / 1e6,
            )
        )
    return judged(None)

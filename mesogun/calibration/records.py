"""From a finished procedure to its journal record: the journal interface the procedures need, and the entry.

The procedures hand a :class:`~mesogun.journal.calibration_records.CalibrationEntry` to any object
with ``record_calibration(entry) -> CalibrationRecord`` (``SqliteJournal`` has it); they never store
anything else, and nothing at all when cancelled.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from mesogun.calibration.gravimetry import WeighingConditions
from mesogun.device_info import CalibrationFactors, DeviceInfo
from mesogun.journal.calibration_records import (
    CalibrationEntry,
    CalibrationFigures,
    CalibrationKind,
    CalibrationRecord,
    CalibrationVerdict,
    GunFactors,
    RawReadings,
)


class CalibrationJournal(Protocol):
    """Where a procedure records its result (``SqliteJournal`` is one)."""

    def record_calibration(self, entry: CalibrationEntry) -> CalibrationRecord: ...


def gun_factors(factors: CalibrationFactors) -> GunFactors:
    """The journal's copy of the factors the gun holds."""
    return GunFactors(
        calibration_id=factors.calibration_id,
        volume_per_step_nl=factors.volume_per_step_nl,
        depth_offset_mm=factors.depth_offset_mm,
        depth_scale=factors.depth_scale,
    )


def make_entry(
    *,
    kind: CalibrationKind,
    device: DeviceInfo,
    technician: str,
    started_at: datetime,
    finished_at: datetime,
    factors_before: CalibrationFactors,
    factors_after: CalibrationFactors | None,
    raw: RawReadings,
    figures: CalibrationFigures,
    passed: bool,
    reason: str | None,
    expires_at: datetime | None,
    syringe: str | None = None,
    syringe_capacity_ml: int | None = None,
    balance_id: str | None = None,
    gauge_id: str | None = None,
    conditions: WeighingConditions | None = None,
) -> CalibrationEntry:
    """The journal entry of a finished procedure (room conditions and Z from ``conditions``)."""
    return CalibrationEntry(
        kind=kind,
        device_serial=device.serial_number,
        device_model=device.model,
        device_firmware=device.firmware_version,
        technician=technician,
        started_at=started_at,
        finished_at=finished_at,
        syringe=syringe,
        syringe_capacity_ml=syringe_capacity_ml,
        balance_id=balance_id,
        gauge_id=gauge_id,
        temperature_c=conditions.temperature_c if conditions is not None else None,
        pressure_hpa=conditions.pressure_hpa if conditions is not None else None,
        humidity_pct=conditions.humidity_pct if conditions is not None else None,
        z_ul_per_mg=conditions.z_ul_per_mg if conditions is not None else None,
        factors_before=gun_factors(factors_before),
        factors_after=gun_factors(factors_after) if factors_after is not None else None,
        raw=raw,
        figures=figures,
        verdict=CalibrationVerdict.PASSED if passed else CalibrationVerdict.FAILED,
        reason=reason,
        expires_at=expires_at,
    )

"""Is the gun's calibration in force? Missing, expired, expiring soon or valid, from the factors it holds.

The gun is the authority: the factors it reports (READ_CALIBRATION) are the ones it doses with, and
their expiry is the one that raises its CALIBRATION_EXPIRED alarm. A clinical session should warn
before it starts when the result is MISSING or EXPIRED (the practitioner decides, the warning is
logged with the session).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from mesogun.device_info import CalibrationFactors

#: *(design)* From this many days before expiry the technician area says a calibration is due soon.
DUE_SOON_DAYS = 30


class CalibrationState(StrEnum):
    MISSING = "missing"  # factory values: the gun was never calibrated
    EXPIRED = "expired"
    DUE_SOON = "due_soon"  # valid, expires within DUE_SOON_DAYS
    VALID = "valid"  # valid, or calibrated without an expiry date


@dataclass(frozen=True)
class CalibrationCheck:
    """The verdict on the gun's calibration at ``checked_at``; ``days_left`` None when it never expires."""

    state: CalibrationState
    calibration_id: int
    calibrated_at: datetime | None
    expires_at: datetime | None
    days_left: int | None
    checked_at: datetime

    @property
    def needs_warning(self) -> bool:
        """True when a clinical session should warn before it starts (missing or expired)."""
        return self.state in (CalibrationState.MISSING, CalibrationState.EXPIRED)


def check_calibration(
    factors: CalibrationFactors, now: datetime | None = None, *, due_soon_days: int = DUE_SOON_DAYS
) -> CalibrationCheck:
    """The state of ``factors`` at ``now`` (aware; default: the host's UTC time)."""
    moment = now if now is not None else datetime.now(UTC)
    if moment.tzinfo is None:
        raise ValueError(f"now = {moment!r} refused: a timezone-aware time is required")
    never_calibrated = factors.calibration_id == 0 and factors.calibrated_at is None
    expires_at = factors.expires_at
    days_left = None if expires_at is None else (expires_at - moment).days
    if never_calibrated:
        state = CalibrationState.MISSING
    elif expires_at is not None and expires_at <= moment:
        state = CalibrationState.EXPIRED
    elif days_left is not None and days_left < due_soon_days:
        state = CalibrationState.DUE_SOON
    else:
        state = CalibrationState.VALID
    return CalibrationCheck(
        state=state,
        calibration_id=factors.calibration_id,
        calibrated_at=factors.calibrated_at,
        expires_at=expires_at,
        days_left=days_left,
        checked_at=moment,
    )

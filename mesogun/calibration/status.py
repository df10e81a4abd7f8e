"""Is this gun's calibration in force? What the gun says, and what the journal's calibration records say.

Before a clinical session the session opening records one warning per finding (``calibration_warnings``
table, with the session and the practitioner who went on). The findings:

- the gun reports it was never calibrated, or that its calibration expired;
- the journal holds no passed volume (or depth) calibration of this gun, or the last one expired,
  or the last attempt failed after it;
- the gun holds a calibration id the journal has no passing record of (written elsewhere, or a
  verification that never finished).

Each finding has a stable ``code`` (for a GUI to translate) and an English ``message``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from mesogun.device_info import CalibrationFactors
from mesogun.journal.calibration_records import CalibrationKind, CalibrationRecord

#: The calibrations a gun needs in force before treating patients (a flow test is a check).
REQUIRED_KINDS = (CalibrationKind.VOLUME, CalibrationKind.DEPTH)


class CalibrationHistory(Protocol):
    """The part of the journal the check reads (``SqliteJournal`` is one)."""

    def calibrations(
        self, device_serial: str | None = None, kind: CalibrationKind | None = None
    ) -> list[CalibrationRecord]: ...


@dataclass(frozen=True)
class CalibrationFinding:
    """Why the calibration is not in force. ``code``: gun_never_calibrated, gun_expired,
    no_record, record_expired, last_failed, unrecorded_calibration."""

    code: str
    message: str
    kind: CalibrationKind | None = None
    at: datetime | None = None  # the expiry, or when the failed attempt ended


def _day(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d")


def gun_findings(factors: CalibrationFactors, now: datetime) -> list[CalibrationFinding]:
    """What the gun itself says about its calibration."""
    if factors.expires_at is None:
        return [CalibrationFinding("gun_never_calibrated", "the gun reports that it was never calibrated")]
    if factors.expires_at <= now:
        return [
            CalibrationFinding(
                "gun_expired",
                f"the gun reports that its calibration #{factors.calibration_id} expired on "
                f"{_day(factors.expires_at)}",
                at=factors.expires_at,
            )
        ]
    return []


def journal_findings(
    records: Sequence[CalibrationRecord],
    device_serial: str,
    now: datetime,
    factors: CalibrationFactors | None = None,
) -> list[CalibrationFinding]:
    """What the journal's records of ``device_serial`` say (``records``: its history, oldest first)."""
    findings: list[CalibrationFinding] = []
    for kind in REQUIRED_KINDS:
        mine = [r for r in records if r.kind is kind and r.device_serial == device_serial]
        passed = [r for r in mine if r.passed]
        if not passed:
            findings.append(
                CalibrationFinding(
                    "no_record",
                    f"this journal holds no passed {kind.value} calibration of gun {device_serial}",
                    kind,
                )
            )
            continue
        last_pass = passed[-1]
        later_failures = [r for r in mine if not r.passed and r.seq > last_pass.seq]
        if last_pass.expired_at(now):
            assert last_pass.expires_at is not None
            findings.append(
                CalibrationFinding(
                    "record_expired",
                    f"the last {kind.value} calibration of gun {device_serial} "
                    f"({_day(last_pass.finished_at)}) expired on {_day(last_pass.expires_at)}",
                    kind,
                    last_pass.expires_at,
                )
            )
        elif later_failures:
            failed = later_failures[-1]
            findings.append(
                CalibrationFinding(
                    "last_failed",
                    f"the last {kind.value} calibration of gun {device_serial} "
                    f"({_day(failed.finished_at)}) failed: {failed.reason}",
                    kind,
                    failed.finished_at,
                )
            )
    written = [r for r in records if r.device_serial == device_serial and r.passed and r.factors_after]
    if factors is not None and written:
        recorded = {r.factors_after.calibration_id for r in written if r.factors_after is not None}
        if factors.calibration_id not in recorded:
            findings.append(
                CalibrationFinding(
                    "unrecorded_calibration",
                    f"the gun holds calibration #{factors.calibration_id}, of which this journal has no "
                    "passed record: have it calibrated again",
                )
            )
    return findings


def calibration_findings(
    journal: CalibrationHistory,
    device_serial: str,
    factors: CalibrationFactors | None,
    now: datetime,
) -> list[CalibrationFinding]:
    """Every reason the calibration of ``device_serial`` is not in force at ``now`` (empty: in force).

    ``factors``: what the gun reports (None when it could not be read: only the journal is checked).
    """
    findings = gun_findings(factors, now) if factors is not None else []
    return findings + journal_findings(journal.calibrations(device_serial), device_serial, now, factors)

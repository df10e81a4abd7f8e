"""Is this gun's calibration in force? What the gun says, and what the journal's calibration records say.

Before a clinical session the session opening records one warning per finding (``calibration_warnings``
table, with the session and the practitioner who went on). The findings:

- the gun reports it was never calibrated, or that its calibration expired;
- the journal holds no passed volume (or depth) calibration of this gun, or the last one expired,
  or the last attempt failed after it;
- the gun holds a calibration id the journal has no passing record of (written elsewhere, or a
  verification that never finished).

Each finding has a stable ``code`` (a :class:`~mesogun.journal.host_remarks.HostRemark`) and its
parameters; ``remark`` is what the journal stores (code and parameters), ``message`` the same in English
words (for the log). Every surface words it through :func:`mesogun.vocabulary.remark_text`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from mesogun.device_info import CalibrationFactors
from mesogun.journal.calibration_records import CalibrationKind, CalibrationRecord
from mesogun.journal.host_remarks import HostRemark, Parameter, host_remark
from mesogun.vocabulary.remarks import remark_text

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
    no_record, record_expired, last_failed, unrecorded_calibration; ``parameters``: see the code."""

    code: HostRemark
    parameters: dict[str, Parameter] = field(default_factory=dict)
    kind: CalibrationKind | None = None
    at: datetime | None = None  # the expiry, or when the failed attempt ended

    @property
    def remark(self) -> str:
        """What the journal stores: the code and its parameters."""
        return host_remark(self.code, **self.parameters)

    @property
    def message(self) -> str:
        """The finding in English words."""
        return remark_text(self.remark, "en")


def _day(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d")


def gun_findings(factors: CalibrationFactors, now: datetime) -> list[CalibrationFinding]:
    """What the gun itself says about its calibration."""
    if factors.expires_at is None:
        return [CalibrationFinding(HostRemark.GUN_NEVER_CALIBRATED)]
    if factors.expires_at <= now:
        return [
            CalibrationFinding(
                HostRemark.GUN_EXPIRED,
                {"calibration_id": factors.calibration_id, "expires_on": _day(factors.expires_at)},
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
                    HostRemark.NO_RECORD, {"kind": kind.value, "device_serial": device_serial}, kind
                )
            )
            continue
        last_pass = passed[-1]
        later_failures = [r for r in mine if not r.passed and r.seq > last_pass.seq]
        if last_pass.expired_at(now):
            assert last_pass.expires_at is not None
            findings.append(
                CalibrationFinding(
                    HostRemark.RECORD_EXPIRED,
                    {
                        "kind": kind.value,
                        "device_serial": device_serial,
                        "finished_on": _day(last_pass.finished_at),
                        "expires_on": _day(last_pass.expires_at),
                    },
                    kind,
                    last_pass.expires_at,
                )
            )
        elif later_failures:
            failed = later_failures[-1]
            findings.append(
                CalibrationFinding(
                    HostRemark.LAST_FAILED,
                    {
                        "kind": kind.value,
                        "device_serial": device_serial,
                        "finished_on": _day(failed.finished_at),
                        "reason": failed.reason,
                    },
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
                    HostRemark.UNRECORDED_CALIBRATION, {"calibration_id": factors.calibration_id}
                )
            )
    return findings


def last_passed(
    records: Sequence[CalibrationRecord], device_serial: str, at: datetime
) -> dict[CalibrationKind, CalibrationRecord | None]:
    """For each kind a gun needs (volume, depth), the last passed calibration of ``device_serial`` that
    had finished at ``at`` (None: the journal holds none); ``records``: its history, oldest first.

    What a session started at ``at`` ran on; whether it was still valid then is the record's
    ``expired_at(at)``.
    """
    found: dict[CalibrationKind, CalibrationRecord | None] = {}
    for kind in REQUIRED_KINDS:
        passed = [
            r
            for r in records
            if r.kind is kind and r.device_serial == device_serial and r.passed and r.finished_at <= at
        ]
        found[kind] = passed[-1] if passed else None
    return found


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

"""Calibration records on the SQLite journal: append one (chained like every row) and read them back.

The raw readings and the figures are stored as canonical JSON text, so the row hash covers every
mass, gauge reading and flow sample; the factors before and after are columns (the drift of a gun's
factor over time is a plain query). ``SqliteJournal`` exposes these as methods.
"""

from __future__ import annotations

import sqlite3
import uuid
from typing import Any

from mesogun.journal.calibration_records import (
    CalibrationEntry,
    CalibrationFigures,
    CalibrationKind,
    CalibrationRecord,
    CalibrationVerdict,
    GunFactors,
    RawReadings,
)
from mesogun.journal.errors import InvalidRecordError, JournalError, JournalProblem, RecordRule
from mesogun.journal.sqlite_db import Appender
from mesogun.journal.timefmt import from_text, to_text

_COLUMNS = (
    "seq, recorded_at, record_id, kind, device_serial, device_model, device_firmware, technician, "
    "started_at, finished_at, syringe, syringe_capacity_ml, balance_id, gauge_id, temperature_c, "
    "pressure_hpa, humidity_pct, z_ul_per_mg, calibration_id_before, volume_per_step_nl_before, "
    "depth_offset_mm_before, depth_scale_before, calibration_id_after, volume_per_step_nl_after, "
    "depth_offset_mm_after, depth_scale_after, raw_json, figures_json, verdict, reason, expires_at"
)
MIN_PREFIX = 4


class CalibrationNotFoundError(JournalError, KeyError):
    """No calibration record with this id (or id prefix) is in the journal; ``problem`` says what was
    wrong with the id (CALIBRATION_NOT_FOUND, CALIBRATION_ID_TOO_SHORT or CALIBRATION_ID_AMBIGUOUS)."""

    def __init__(
        self,
        record_id: str,
        problem: JournalProblem = JournalProblem.CALIBRATION_NOT_FOUND,
        **parameters: object,
    ) -> None:
        self.record_id = record_id
        self.journal_problem = problem
        self.parameters = {"record_id": record_id, **parameters}
        message = f"no calibration {record_id!r} in the journal"
        if problem is JournalProblem.CALIBRATION_ID_TOO_SHORT:
            message += f": give the id or at least {parameters['minimum']} of its first characters"
        elif problem is JournalProblem.CALIBRATION_ID_AMBIGUOUS:
            message += f": {parameters['count']} records start with it; give more characters"
        super().__init__(message + "; list them with `mesogun calibrations list`")

    def __str__(self) -> str:
        return str(self.args[0])


def _factor_columns(suffix: str, factors: GunFactors | None) -> dict[str, Any]:
    return {
        f"calibration_id_{suffix}": factors.calibration_id if factors else None,
        f"volume_per_step_nl_{suffix}": factors.volume_per_step_nl if factors else None,
        f"depth_offset_mm_{suffix}": factors.depth_offset_mm if factors else None,
        f"depth_scale_{suffix}": factors.depth_scale if factors else None,
    }


def calibration_row(entry: CalibrationEntry) -> dict[str, Any]:
    """The row of ``entry`` (checked: a failed record has a reason and no factors after)."""
    if entry.verdict is CalibrationVerdict.FAILED:
        if not (entry.reason or "").strip():
            raise InvalidRecordError(
                "reason",
                entry.reason,
                "a failed calibration needs its reason",
                RecordRule.FAILED_CALIBRATION_REASON,
            )
        if entry.factors_after is not None:
            raise InvalidRecordError(
                "factors_after",
                entry.factors_after,
                "a failed calibration leaves the gun's factors as they were",
                RecordRule.FAILED_CALIBRATION_FACTORS,
            )
    elif entry.kind is not CalibrationKind.FLOW and entry.expires_at is None:
        raise InvalidRecordError(
            "expires_at", None, "a passed calibration has an expiry date", RecordRule.EXPIRY_NEEDED
        )
    if entry.finished_at < entry.started_at:
        raise InvalidRecordError(
            "finished_at",
            entry.finished_at,
            "a calibration ends after it starts",
            RecordRule.ENDS_BEFORE_START,
        )
    return {
        "record_id": str(uuid.uuid4()),
        "kind": entry.kind.value,
        "device_serial": entry.device_serial,
        "device_model": entry.device_model,
        "device_firmware": entry.device_firmware,
        "technician": entry.technician.strip(),
        "started_at": to_text(entry.started_at, "started_at"),
        "finished_at": to_text(entry.finished_at, "finished_at"),
        "syringe": entry.syringe,
        "syringe_capacity_ml": entry.syringe_capacity_ml,
        "balance_id": entry.balance_id,
        "gauge_id": entry.gauge_id,
        "temperature_c": entry.temperature_c,
        "pressure_hpa": entry.pressure_hpa,
        "humidity_pct": entry.humidity_pct,
        "z_ul_per_mg": entry.z_ul_per_mg,
        **_factor_columns("before", entry.factors_before),
        **_factor_columns("after", entry.factors_after),
        "raw_json": entry.raw.model_dump_json(),
        "figures_json": entry.figures.model_dump_json(),
        "verdict": entry.verdict.value,
        "reason": entry.reason,
        "expires_at": to_text(entry.expires_at, "expires_at") if entry.expires_at is not None else None,
    }


def append_calibration(tx: Appender, entry: CalibrationEntry) -> str:
    """Append the record of ``entry`` inside ``tx``; returns its record id."""
    row = calibration_row(entry)
    tx.append("calibrations", row)
    return str(row["record_id"])


def _factors(row: sqlite3.Row, when: str) -> GunFactors | None:
    """The gun's factors ``when`` (``before`` or ``after``) the calibration; None when not recorded."""
    if row[f"calibration_id_{when}"] is None:
        return None
    return GunFactors(
        calibration_id=row[f"calibration_id_{when}"],
        volume_per_step_nl=row[f"volume_per_step_nl_{when}"],
        depth_offset_mm=row[f"depth_offset_mm_{when}"],
        depth_scale=row[f"depth_scale_{when}"],
    )


def _record(row: sqlite3.Row) -> CalibrationRecord:
    before = _factors(row, "before")
    assert before is not None  # NOT NULL columns
    return CalibrationRecord(
        seq=row["seq"],
        recorded_at=from_text(row["recorded_at"]),
        record_id=row["record_id"],
        kind=CalibrationKind(row["kind"]),
        device_serial=row["device_serial"],
        device_model=row["device_model"],
        device_firmware=row["device_firmware"],
        technician=row["technician"],
        started_at=from_text(row["started_at"]),
        finished_at=from_text(row["finished_at"]),
        syringe=row["syringe"],
        syringe_capacity_ml=row["syringe_capacity_ml"],
        balance_id=row["balance_id"],
        gauge_id=row["gauge_id"],
        temperature_c=row["temperature_c"],
        pressure_hpa=row["pressure_hpa"],
        humidity_pct=row["humidity_pct"],
        z_ul_per_mg=row["z_ul_per_mg"],
        factors_before=before,
        factors_after=_factors(row, "after"),
        raw=RawReadings.model_validate_json(row["raw_json"]),
        figures=CalibrationFigures.model_validate_json(row["figures_json"]),
        verdict=CalibrationVerdict(row["verdict"]),
        reason=row["reason"],
        expires_at=from_text(row["expires_at"]) if row["expires_at"] is not None else None,
    )


def _select(connection: sqlite3.Connection, sql: str, parameters: tuple[Any, ...]) -> list[sqlite3.Row]:
    """The rows of ``sql``, each read by column name."""
    cursor = connection.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(sql, parameters).fetchall()


def load_calibration(connection: sqlite3.Connection, text: str) -> CalibrationRecord:
    """The record whose id is ``text`` or starts with it (at least 4 characters, unique)."""
    wanted = text.strip()
    rows = _select(connection, f"SELECT {_COLUMNS} FROM calibrations WHERE record_id = ?", (wanted,))
    if not rows:
        if len(wanted) < MIN_PREFIX:
            raise CalibrationNotFoundError(text, JournalProblem.CALIBRATION_ID_TOO_SHORT, minimum=MIN_PREFIX)
        rows = _select(
            connection,
            f"SELECT {_COLUMNS} FROM calibrations WHERE substr(record_id, 1, ?) = ? ORDER BY seq",
            (len(wanted), wanted),
        )
    if not rows:
        raise CalibrationNotFoundError(text)
    if len(rows) > 1:
        raise CalibrationNotFoundError(text, JournalProblem.CALIBRATION_ID_AMBIGUOUS, count=len(rows))
    return _record(rows[0])


def list_calibrations(
    connection: sqlite3.Connection,
    device_serial: str | None = None,
    kind: CalibrationKind | None = None,
) -> list[CalibrationRecord]:
    """Records in the order they were finished (oldest first), for one gun and/or one kind, or all."""
    clauses, parameters = [], []
    if device_serial is not None:
        clauses.append("device_serial = ?")
        parameters.append(device_serial)
    if kind is not None:
        clauses.append("kind = ?")
        parameters.append(CalibrationKind(kind).value)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = _select(
        connection, f"SELECT {_COLUMNS} FROM calibrations{where} ORDER BY finished_at, seq", tuple(parameters)
    )
    return [_record(row) for row in rows]

"""Calibration records in the journal: stored, read back, chained; verify catches tampering."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from record_builders import SERIAL, depth_entry, flow_entry, volume_entry

from mesogun.journal import (
    CURRENT_VERSION,
    CalibrationKind,
    CalibrationNotFoundError,
    InvalidRecordError,
    SqliteJournal,
)
from mesogun.journal.chain import row_hash


def _tamper(path: Path, statement: str, parameters: tuple[object, ...] = ()) -> None:
    """Drop the append-only triggers and change the file, as someone holding it could."""
    connection = sqlite3.connect(path)
    try:
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            connection.execute(f"DROP TRIGGER {name}")
        connection.execute(statement, parameters)
        connection.commit()
    finally:
        connection.close()


def test_records_come_back_as_recorded_and_the_history_is_in_order(tmp_path: Path) -> None:
    with SqliteJournal(tmp_path / "j.sqlite") as journal:
        volume = journal.record_calibration(volume_entry())
        failed = journal.record_calibration(volume_entry(passed=False))
        depth = journal.record_calibration(depth_entry())
        flow = journal.record_calibration(flow_entry())
        journal.record_calibration(volume_entry(serial="OTHER-1"))

        assert [r.kind for r in journal.calibrations(SERIAL)] == [
            CalibrationKind.VOLUME,
            CalibrationKind.VOLUME,
            CalibrationKind.DEPTH,
            CalibrationKind.FLOW,
        ]
        assert [r.record_id for r in journal.calibrations(SERIAL, CalibrationKind.VOLUME)] == [
            volume.record_id,
            failed.record_id,
        ]
        assert len(journal.calibrations()) == 5
        again = journal.calibration(volume.record_id[:6])
        assert again == volume
        assert again.raw.levels[0].masses_mg[3] == 105.70
        assert again.factors_after is not None and again.factors_after.volume_per_step_nl == 10.6
        assert again.expires_at is not None and again.expires_at.year == 2027
        assert journal.calibration(failed.record_id).reason == "the shots scatter too much to calibrate"
        assert journal.calibration(depth.record_id).raw.gauge[0].gauge_mm == pytest.approx(1.15)
        assert journal.calibration(flow.record_id).figures.flow is not None
        with pytest.raises(CalibrationNotFoundError, match="no calibration 'zzzz'"):
            journal.calibration("zzzz")
        with pytest.raises(CalibrationNotFoundError, match="at least 4"):
            journal.calibration("ab")
        report = journal.verify()
        assert report.ok and report.rows_checked == 5


def test_a_failed_record_needs_its_reason_and_cannot_claim_new_factors(tmp_path: Path) -> None:
    with SqliteJournal(tmp_path / "j.sqlite") as journal:
        no_reason = volume_entry(passed=False).model_copy(update={"reason": "  "})
        with pytest.raises(InvalidRecordError, match="a failed calibration needs its reason"):
            journal.record_calibration(no_reason)
        with_factors = volume_entry(passed=False).model_copy(
            update={"factors_after": volume_entry().factors_after}
        )
        with pytest.raises(InvalidRecordError, match="leaves the gun's factors as they were"):
            journal.record_calibration(with_factors)
        no_expiry = volume_entry().model_copy(update={"expires_at": None})
        with pytest.raises(InvalidRecordError, match="a passed calibration has an expiry date"):
            journal.record_calibration(no_expiry)
        assert journal.calibrations() == []
        assert journal.verify().rows_checked == 0


def test_records_cannot_be_updated_or_deleted_through_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    with SqliteJournal(path) as journal:
        journal.record_calibration(volume_entry())
    connection = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only: calibrations cannot be updated"):
            connection.execute("UPDATE calibrations SET verdict = 'failed', reason = 'x'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only: calibrations cannot be deleted"):
            connection.execute("DELETE FROM calibrations")
    finally:
        connection.close()


def test_an_edited_raw_mass_is_caught_by_verify(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    with SqliteJournal(path) as journal:
        journal.record_calibration(volume_entry())
        record = journal.record_calibration(depth_entry())
    raw = json.loads(record.raw.model_dump_json())
    raw["gauge"][0]["gauge_mm"] = 1.0  # as if the needle had been found exact
    _tamper(path, "UPDATE calibrations SET raw_json = ? WHERE seq = ?", (json.dumps(raw), record.seq))
    with SqliteJournal(path) as journal:
        report = journal.verify()
    assert not report.ok
    assert report.first_broken is not None
    assert (report.first_broken.table, report.first_broken.seq) == ("calibrations", record.seq)
    assert "does not match its hash" in report.first_broken.reason
    assert "append-only trigger missing: calibrations_no_update" in report.warnings


def test_a_deleted_failed_record_is_caught_even_with_its_hash_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    with SqliteJournal(path) as journal:
        journal.record_calibration(volume_entry(passed=False))
        passed = journal.record_calibration(volume_entry())
    # Hide the failure: delete it and re-hash the passed record as if it came first.
    _tamper(path, "DELETE FROM calibrations WHERE seq = 1")
    connection = sqlite3.connect(path)
    try:
        cursor = connection.execute("SELECT * FROM calibrations WHERE seq = ?", (passed.seq,))
        names = [d[0] for d in cursor.description]
        row = dict(zip(names, cursor.fetchone(), strict=True))
        row["prev_hash"] = "0" * 64
        new_hash = row_hash("calibrations", row)
        connection.execute(
            "UPDATE calibrations SET prev_hash = ?, row_hash = ? WHERE seq = ?",
            ("0" * 64, new_hash, passed.seq),
        )
        connection.commit()
    finally:
        connection.close()
    with SqliteJournal(path) as journal:
        report = journal.verify()
    assert not report.ok
    assert report.first_broken is not None and "append position 1 is missing" in report.first_broken.reason


def test_a_version_2_journal_gains_the_calibrations_table_and_keeps_its_chain(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    with SqliteJournal(path, schema_version=2) as old:
        old.record_calibration_warning(SERIAL, "calibration expired", acknowledged_by="Dr Martin")
        with pytest.raises(Exception, match="no table calibrations"):
            old.record_calibration(volume_entry())
    with SqliteJournal(path) as journal:
        assert journal.schema_version == CURRENT_VERSION >= 3
        journal.record_calibration(volume_entry())
        report = journal.verify()
    assert report.ok and report.rows_checked == 2

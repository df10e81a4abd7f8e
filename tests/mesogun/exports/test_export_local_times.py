"""Times in the CSV, FHIR and PDF exports are local with their UTC offset (the machine's zone: Paris)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from export_builders import DAY_ONE, PROCAINE, SERIAL, Filled
from pdf_reading import needs_pdftotext, pdf_text

from firmware_protocol import AlarmCode, Mode, ShotResult
from mesogun.device_events import Shot
from mesogun.exports import export
from mesogun.exports.pdf_report import write_session_report
from mesogun.journal import SqliteJournal
from mesogun.models import Technique

#: Paris changes to summer time at 01:00 UTC on 30 March 2025 (02:00 local becomes 03:00).
CLOCK_CHANGE = datetime(2025, 3, 30, 1, 0, tzinfo=UTC)


def test_csv_times_are_local_with_their_offset(filled: Filled) -> None:
    rows = list(csv.DictReader(io.StringIO(export(filled.journal, "csv", session_id=filled.first))))
    doses = filled.journal.doses(filled.first)

    assert [row["time"] for row in rows] == [
        (dose.time_utc + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S.000+01:00") for dose in doses
    ]
    assert datetime.fromisoformat(rows[0]["time"]) == doses[0].time_utc  # the same instant


def test_fhir_times_are_local_with_their_offset(filled: Filled) -> None:
    bundle = json.loads(export(filled.journal, "fhir", session_id=filled.first))
    resources = [entry["resource"] for entry in bundle["entry"]]
    procedure = next(r for r in resources if r["resourceType"] == "Procedure")
    given = [r["effectiveDateTime"] for r in resources if r["resourceType"] == "MedicationAdministration"]

    assert procedure["performedPeriod"]["start"] == "2025-03-04T10:00:00.000+01:00"
    assert given[0] == "2025-03-04T10:01:00.000+01:00"
    assert all(value.endswith("+01:00") for value in given)
    assert not bundle["timestamp"].endswith("Z")


def _session_across_the_clock_change(journal: SqliteJournal) -> str:
    """Two shots, one on each side of the change to summer time."""
    session_id = journal.open_session(
        patient_pseudonym="NUIT-0001",
        practitioner="Dr Claire Martin",
        indication="lombalgie",
        limits_version="limits-2025.1",
        products=[PROCAINE],
        plan_name="lombalgie",
        plan_version="1.0",
        device_serial=SERIAL,
        started_at=CLOCK_CHANGE - timedelta(minutes=10),
    )
    journal.record_point_configured(
        session_id,
        point_index=0,
        device_serial=SERIAL,
        config_id=77,
        technique=Technique.POINT_PAR_POINT,
        mode=Mode.SINGLE,
        depth_mm=4.0,
        volume_ul=50.0,
        flow_ul_s=40.0,
        burst_rate_per_s=1.0,
        limits_version="limits-2025.1",
        operator="Dr Claire Martin",
    )
    for number, moment in (
        (701, CLOCK_CHANGE - timedelta(minutes=5)),
        (702, CLOCK_CHANGE + timedelta(minutes=5)),
    ):
        journal.store(
            SERIAL,
            Shot(
                event_number=number,
                device_time=moment,
                config_id=77,
                mode=Mode.SINGLE,
                commanded_depth_mm=4.0,
                measured_depth_mm=4.0,
                commanded_volume_ul=50.0,
                delivered_volume_ul=50.0,
                flow_ul_s=40.0,
                result=ShotResult.COMPLETE,
                cause=AlarmCode.NONE,
                syringe_remaining_ul=1000.0,
            ),
        )
    return session_id


def test_two_shots_across_the_clock_change_keep_their_order_and_their_own_offsets(tmp_path: Path) -> None:
    with SqliteJournal(tmp_path / "journal.sqlite3") as journal:
        session_id = _session_across_the_clock_change(journal)
        rows = list(csv.DictReader(io.StringIO(export(journal, "csv", session_id=session_id))))

    # Ten minutes apart on the wall clock would read 01:55 and 03:05: the offsets tell they are not.
    assert [row["time"] for row in rows] == [
        "2025-03-30T01:55:00.000+01:00",
        "2025-03-30T03:05:00.000+02:00",
    ]


@needs_pdftotext
@pytest.mark.usefixtures("qapp")
def test_a_report_across_the_clock_change_gives_each_time_its_offset(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    with SqliteJournal(tmp_path / "journal.sqlite3") as journal:
        session_id = _session_across_the_clock_change(journal)
        write_session_report(journal, session_id, path, language="fr", aftercare=False)

    text = pdf_text(path)
    assert "701 01:55:00+01:00" in text and "702 03:05:00+02:00" in text
    assert "Début 30/03/2025 01:50:00 UTC+01:00" in text
    assert "Conseils après votre séance" not in text  # no after-care sheet when told


@needs_pdftotext
@pytest.mark.usefixtures("qapp")
def test_the_report_states_the_offset_of_its_doses_once_when_they_share_it(
    filled: Filled, tmp_path: Path
) -> None:
    path = tmp_path / "report.pdf"
    write_session_report(filled.journal, filled.first, path, language="fr", aftercare=False)
    text = pdf_text(path)
    assert "Heure (UTC +01:00)" in text
    assert "1 10:01:00 1 MC6 (PC6) Neiguan" in text
    assert DAY_ONE.hour == 9  # recorded in UTC, printed one hour later

"""A shot cut by a power loss (INTERRUPTED, reported after the gun's power-on) is a dose of its point in
every view of the journal: CSV, JSON, FHIR (sub-potent, with its reason) and the PDF report."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from export_builders import DAY_ONE, PROCAINE, SERIAL
from pdf_reading import needs_pdftotext, pdf_text

from firmware_protocol import AlarmCode, Mode, ShotResult
from mesogun.device_events import Shot
from mesogun.exports import export
from mesogun.exports.pdf_report import write_session_report
from mesogun.journal import DoseResult, PartialChoice, SqliteJournal
from mesogun.models import Technique


@pytest.fixture
def journal(tmp_path: Path) -> Any:
    with SqliteJournal(tmp_path / "journal.sqlite3") as opened:
        session = opened.open_session(
            patient_pseudonym="MST-0050",
            practitioner="Dr Claire Martin",
            indication="anxiété légère",
            limits_version="limits-2025.1",
            products=[PROCAINE.model_copy(update={"lot": "PRC-1"})],
            device_serial=SERIAL,
            started_at=DAY_ONE,
        )
        opened.record_point_configured(
            session,
            point_index=0,
            device_serial=SERIAL,
            config_id=7,
            technique=Technique.POINT_PAR_POINT,
            mode=Mode.SINGLE,
            depth_mm=4.0,
            volume_ul=50.0,
            flow_ul_s=20.0,
            burst_rate_per_s=1.0,
            limits_version="limits-2025.1",
            operator="Dr Claire Martin",
        )
        cut = Shot(
            event_number=50,
            device_time=DAY_ONE,
            config_id=7,
            mode=Mode.SINGLE,
            commanded_depth_mm=4.0,
            measured_depth_mm=3.99,
            commanded_volume_ul=50.0,
            delivered_volume_ul=22.0,
            flow_ul_s=20.0,
            result=ShotResult.INTERRUPTED,
            cause=AlarmCode.POWER_LOSS,
            syringe_remaining_ul=4676.0,
        )
        opened.store(SERIAL, cut)
        opened.record_point_decision(
            session,
            0,
            PartialChoice.COMPLETE,
            target_ul=50.0,
            delivered_ul=22.0,
            remainder_ul=28.0,
            remainder_shot_ul=28.0,
            operator="Dr Claire Martin",
        )
        yield opened, session


def test_an_interrupted_shot_is_a_partial_dose_named_by_its_power_loss(journal: Any) -> None:
    opened, session = journal
    (dose,) = opened.doses(session)
    assert (dose.result, dose.alarm, dose.delivered_volume_ul) == (DoseResult.PARTIAL, "power_loss", 22.0)
    assert opened.delivered_per_point(session)[0] == (1, 22.0)

    rows = list(csv.DictReader(io.StringIO(export(opened, "csv", session_id=session))))
    assert [(r["result"], r["alarm"], r["delivered_volume_ul"]) for r in rows] == [
        ("partial", "power_loss", "22.0")
    ]
    (exported,) = json.loads(export(opened, "json", session_id=session))["sessions"][0]["doses"]
    assert (exported["result"], exported["alarm"]) == ("partial", "power_loss")

    bundle = json.loads(export(opened, "fhir", session_id=session))
    (administration,) = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "MedicationAdministration"
    ]
    extensions = {ext["url"].rsplit(".", 1)[-1]: ext for ext in administration["extension"]}
    assert extensions["isSubPotent"]["valueBoolean"] is True
    assert extensions["subPotentReason"]["valueCodeableConcept"]["text"] == "power_loss"


@needs_pdftotext
def test_the_report_names_the_power_loss_of_the_dose(journal: Any, tmp_path: Path, qapp: object) -> None:
    opened, session = journal
    path = tmp_path / "report.pdf"
    write_session_report(opened, session, path, language="fr")
    text = "".join(pdf_text(path).split())  # a table cell may wrap anywhere
    assert "partielle(coupured’alimentationpendantl’injection)" in text
    # The practitioner's choice for the point it left short, with the volumes it was made on.
    assert "Pointslaissésincompletsparuneinjectioncoupée" in text
    assert "compléteraveclereste" in text and "22,0/50,0" in text and "28,0" in text

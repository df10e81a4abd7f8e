"""CSV and JSON exports say exactly what the journal says, for one session or a date range."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from export_builders import Filled

from mesogun.exports import export
from mesogun.exports.csv_export import COLUMNS
from mesogun.journal import DoseRecord


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_one_row_per_dose_with_the_journaled_numbers(filled: Filled) -> None:
    doses = filled.journal.doses(filled.first)
    rows = _csv_rows(export(filled.journal, "csv", session_id=filled.first))

    assert len(rows) == len(doses) == 4
    for row, dose in zip(rows, doses, strict=True):
        assert int(row["event_number"]) == dose.event_number
        assert int(row["point_index"]) == dose.point_index
        assert float(row["delivered_volume_ul"]) == dose.delivered_volume_ul
        assert float(row["commanded_volume_ul"]) == dose.commanded_volume_ul
        assert float(row["measured_depth_mm"]) == dose.measured_depth_mm
        assert float(row["delivered_flow_ul_s"]) == dose.delivered_flow_ul_s
        assert float(row["syringe_remaining_ul"]) == dose.syringe_remaining_ul
        assert (row["result"], row["product"], row["lot"]) == (dose.result.value, dose.product, dose.lot)
    assert (
        sum(float(row["delivered_volume_ul"]) for row in rows)
        == filled.journal.session(filled.first).delivered_ul
    )


def test_csv_columns_carry_their_units(filled: Filled) -> None:
    header = export(filled.journal, "csv", session_id=filled.first).splitlines()[0].split(",")
    assert header == list(COLUMNS)
    for quantity in ("depth_mm", "volume_ul", "flow_ul_s"):
        assert f"delivered_{quantity}" in header or f"measured_{quantity}" in header
    assert "syringe_remaining_ul" in header


def test_csv_shows_partial_doses_overrides_and_the_new_lot(filled: Filled) -> None:
    rows = _csv_rows(export(filled.journal, "csv", session_id=filled.first))

    partial = rows[1]
    assert (partial["result"], partial["alarm"], partial["acupoint_code"], partial["laterality"]) == (
        "partial",
        "occlusion",
        "PC6",
        "right",
    )
    assert partial["override_reason"] == "depth_mm: épaisseur cutanée"
    assert partial["lot"] == "PRC-2411 + PXM-0917"
    assert rows[2]["lot"] == "PRC-2502"


def test_csv_text_that_a_spreadsheet_would_run_is_quoted(filled: Filled) -> None:
    rows = _csv_rows(export(filled.journal, "csv", session_id=filled.first))
    assert rows[2]["zone"] == "'=cmd|' /C calc'!A0"


def test_a_date_range_selects_the_sessions_started_in_it(filled: Filled) -> None:
    def sessions_in(text: str) -> set[str]:
        return {row["session_id"] for row in _csv_rows(text)}

    assert sessions_in(export(filled.journal, "csv", since=date(2025, 3, 4), until=date(2025, 3, 11))) == {
        filled.first,
        filled.second,
    }
    assert sessions_in(export(filled.journal, "csv", since=date(2025, 3, 5))) == {filled.second}
    assert sessions_in(export(filled.journal, "csv", until=date(2025, 3, 4))) == {filled.first}
    assert sessions_in(export(filled.journal, "csv", since=date(2025, 4, 1))) == set()


def test_json_holds_each_session_with_its_doses(filled: Filled) -> None:
    document = json.loads(export(filled.journal, "json", since=date(2025, 3, 1)))

    assert document["format"] == "mesogun.journal-export" and document["version"] == 1
    assert [s["session_id"] for s in document["sessions"]] == [filled.first, filled.second]
    first = document["sessions"][0]
    assert [DoseRecord.model_validate(d) for d in first["doses"]] == filled.journal.doses(filled.first)
    assert first["status"] == "completed" and first["consent_given"] is True
    second = document["sessions"][1]
    assert (second["status"], second["abort_reason"]) == ("aborted", "malaise vagal")
    assert second["adverse_events"][0]["description"] == "malaise vagal"

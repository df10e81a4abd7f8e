"""CSV export: one row per dose, units in the column names, numbers exactly as journaled.

``time`` is the dose's local time with its UTC offset (ISO 8601, ``2025-03-04T10:00:01.000+01:00``):
unambiguous, and what the clinic's clock showed. The rows are doses only: what the host recorded of its
own accord about a session (an early end, a point left short) is in the JSON and FHIR exports, with its
code and parameters, and in the PDF report in words.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import TextIO

from mesogun.exports.selection import ExportedSession
from mesogun.journal.records import DoseRecord, SessionRecord
from mesogun.local_time import local_iso

COLUMNS: tuple[str, ...] = (
    "session_id",
    "patient_pseudonym",
    "device_serial",
    "event_number",
    "time",
    "point_index",
    "site_region",
    "laterality",
    "acupoint_code",
    "zone",
    "technique",
    "mode",
    "commanded_depth_mm",
    "measured_depth_mm",
    "commanded_volume_ul",
    "delivered_volume_ul",
    "commanded_flow_ul_s",
    "delivered_flow_ul_s",
    "result",
    "alarm",
    "product",
    "lot",
    "syringe_remaining_ul",
    "override",
    "override_reason",
    "limits_version",
    "operator",
)

# A spreadsheet runs a cell starting with one of these as a formula: quote such text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str | None) -> str:
    if value is None:
        return ""
    return "'" + value if value.startswith(_FORMULA_START) else value


def spreadsheet_text(value: str | None) -> str:
    """Text for a spreadsheet cell: one a spreadsheet would run as a formula is quoted with ``'``."""
    return _text(value)


def _number(value: float | int) -> str:
    return repr(value)


def dose_row(session: SessionRecord, dose: DoseRecord) -> dict[str, str]:
    """The CSV cells of one dose."""
    return {
        "session_id": session.session_id,
        "patient_pseudonym": _text(session.patient_pseudonym),
        "device_serial": _text(dose.device_serial),
        "event_number": _number(dose.event_number),
        "time": local_iso(dose.time_utc),
        "point_index": _number(dose.point_index),
        "site_region": _text(dose.site_region),
        "laterality": _text(dose.laterality),
        "acupoint_code": _text(dose.acupoint_code),
        "zone": _text(dose.zone),
        "technique": dose.technique,
        "mode": dose.mode,
        "commanded_depth_mm": _number(dose.commanded_depth_mm),
        "measured_depth_mm": _number(dose.measured_depth_mm),
        "commanded_volume_ul": _number(dose.commanded_volume_ul),
        "delivered_volume_ul": _number(dose.delivered_volume_ul),
        "commanded_flow_ul_s": _number(dose.commanded_flow_ul_s),
        "delivered_flow_ul_s": _number(dose.delivered_flow_ul_s),
        "result": dose.result.value,
        "alarm": dose.alarm or "",
        "product": _text(dose.product),
        "lot": _text(dose.lot),
        "syringe_remaining_ul": _number(dose.syringe_remaining_ul),
        "override": _text("; ".join(f"{o.field}={o.value!r} (limit {o.limit!r})" for o in dose.overrides)),
        "override_reason": _text(dose.override_reason),
        "limits_version": _text(dose.limits_version),
        "operator": _text(dose.operator),
    }


def dose_rows(sessions: Iterable[ExportedSession]) -> Iterator[dict[str, str]]:
    """Rows of every dose of the sessions, session by session, doses in journal order."""
    for exported in sessions:
        for dose in exported.doses:
            yield dose_row(exported.session, dose)


def write_csv(sessions: Iterable[ExportedSession], stream: TextIO) -> int:
    """Write the header and one row per dose to ``stream``; return the number of doses written."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in dose_rows(sessions):
        writer.writerow(row)
        count += 1
    return count


def to_csv(sessions: Iterable[ExportedSession]) -> str:
    """The CSV text of the sessions' doses."""
    buffer = io.StringIO()
    write_csv(sessions, buffer)
    return buffer.getvalue()

"""Exports of the journal (views only: nothing is stored only in an export).

CSV (one row per dose), JSON (session records with their doses) and FHIR R4 (a Bundle), for one
session or for the sessions started in a date range.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Literal

from mesogun.exports.csv_export import to_csv
from mesogun.exports.fhir_export import fhir_bundle, to_fhir_json
from mesogun.exports.json_export import export_document, to_json
from mesogun.exports.selection import ExportedSession, select_sessions
from mesogun.journal.store import JournalStore

ExportFormat = Literal["csv", "json", "fhir"]

_RENDERERS: dict[str, Callable[[Sequence[ExportedSession]], str]] = {
    "csv": to_csv,
    "json": to_json,
    "fhir": to_fhir_json,
}
FORMATS: tuple[str, ...] = tuple(_RENDERERS)


def export(
    journal: JournalStore,
    export_format: ExportFormat,
    *,
    session_id: str | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    patient: str | None = None,
) -> str:
    """The export text of one session (id or unique prefix) or of the sessions in a date range."""
    renderer = _RENDERERS.get(export_format)
    if renderer is None:
        raise ValueError(f"export format {export_format!r} is unknown; choose one of {', '.join(FORMATS)}")
    sessions = select_sessions(journal, session_id=session_id, since=since, until=until, patient=patient)
    return renderer(sessions)


__all__ = [
    "FORMATS",
    "ExportFormat",
    "ExportedSession",
    "export",
    "export_document",
    "fhir_bundle",
    "select_sessions",
    "to_csv",
    "to_fhir_json",
    "to_json",
]

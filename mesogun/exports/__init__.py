"""Exports of the journal (views only: nothing is stored only in an export).

CSV (one row per dose), a CSV for French spreadsheets (``csv-fr``: one row per dose and product and
lot, ``;``, decimal comma, byte order mark), JSON (session records with their doses) and FHIR R4 (a
Bundle), for one session or for the sessions started in a date range; the PDF session report for one
session (``pdf_report``, drawn with the ``pdf_document`` toolkit; Qt is imported only when a PDF is
made) and the patient's after-care sheet (``pdf_aftercare``). Times are local with their UTC offset.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from mesogun.exports.csv_export import to_csv
from mesogun.exports.csv_french import to_french_csv
from mesogun.exports.fhir_export import fhir_bundle, to_fhir_json
from mesogun.exports.json_export import export_document, to_json
from mesogun.exports.selection import ExportedSession, select_sessions
from mesogun.journal.store import JournalStore
from mesogun.practice import Practice
from mesogun.private_files import ExportWriteError, write_private

ExportFormat = Literal["csv", "csv-fr", "json", "fhir"]

_RENDERERS: dict[str, Callable[[Sequence[ExportedSession]], str]] = {
    "csv": to_csv,
    "csv-fr": to_french_csv,
    "json": to_json,
    "fhir": to_fhir_json,
}
FORMATS: tuple[str, ...] = tuple(_RENDERERS)
"""The text formats of ``export``."""
PDF_FORMAT = "pdf"
AFTERCARE_FORMAT = "aftercare"
"""The patient's after-care sheet on its own (a PDF; the report carries it too)."""
ALL_FORMATS: tuple[str, ...] = (*FORMATS, PDF_FORMAT, AFTERCARE_FORMAT)
"""Every format ``save_export`` writes: the text formats, the PDF report and the after-care sheet."""


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


def save_export(
    journal: JournalStore,
    export_format: str,
    session_id: str,
    path: Path | str,
    *,
    language: str = "fr",
    check_chain: bool = True,
    overwrite: bool = False,
    practice: Practice | None = None,
) -> Path:
    """Write one session's export (csv, csv-fr, json, fhir, pdf or aftercare) to ``path``, owner-only.

    The file is written safely (see :mod:`mesogun.private_files`); an existing ``path`` is replaced
    only with ``overwrite``. ``language``, ``check_chain`` and ``practice`` apply to the PDF report
    (see ``pdf_report.write_session_report``).
    Returns the path written.
    """
    if export_format not in ALL_FORMATS:
        raise ValueError(
            f"export format {export_format!r} is unknown; choose one of {', '.join(ALL_FORMATS)}"
        )
    target = Path(path)
    if export_format == PDF_FORMAT:
        from mesogun.exports.pdf_report import write_session_report

        write_session_report(
            journal,
            session_id,
            target,
            language=language,
            check_chain=check_chain,
            overwrite=overwrite,
            practice=practice,
        )
        return target
    if export_format == AFTERCARE_FORMAT:
        from mesogun.exports.pdf_aftercare import write_aftercare_sheet

        write_aftercare_sheet(
            journal, session_id, target, language=language, overwrite=overwrite, practice=practice
        )
        return target
    text = export(journal, export_format, session_id=session_id)  # type: ignore[arg-type]  # checked above
    write_private(target, text.encode("utf-8"), overwrite=overwrite)
    return target


__all__ = [
    "AFTERCARE_FORMAT",
    "ALL_FORMATS",
    "FORMATS",
    "PDF_FORMAT",
    "ExportFormat",
    "ExportWriteError",
    "ExportedSession",
    "export",
    "export_document",
    "fhir_bundle",
    "save_export",
    "select_sessions",
    "to_csv",
    "to_fhir_json",
    "to_french_csv",
    "to_json",
    "write_private",
]

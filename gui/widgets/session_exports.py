"""Buttons that write one session's PDF report, the patient's after-care sheet, or its CSV (plain or for a
French spreadsheet), JSON or FHIR export to a file the user picks.

The file is chosen in a save dialog; the journal is read and the file written on a worker thread
(a report of a long nappage session takes a moment), and the outcome is shown beside the buttons.
Files are readable by their owner only: they hold health data.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from gui.language import current_language
from gui.worker import CallWorker
from mesogun.exports import save_export
from mesogun.journal import SqliteJournal
from mesogun.practice import load_practice
from mesogun.vocabulary import error_text

_EXTENSIONS = {
    "pdf": ".pdf",
    "aftercare": ".pdf",
    "csv": ".csv",
    "csv-fr": ".csv",
    "json": ".json",
    "fhir": ".fhir.json",
}


def write_export(journal_path: Path, export_format: str, session_id: str, path: Path, language: str) -> Path:
    """Write the export (on the calling thread): what the buttons run on their worker."""
    if export_format in ("pdf", "aftercare"):
        from mesogun.exports.pdf_document import ensure_gui_application

        ensure_gui_application()
    with SqliteJournal(journal_path) as journal:
        # The save dialog has already asked before replacing a file: that answer is the overwrite.
        return save_export(
            journal,
            export_format,
            session_id,
            path,
            language=language,
            overwrite=True,
            practice=load_practice(),
        )


class SessionExportButtons(QWidget):
    """PDF report, CSV, JSON and FHIR buttons for one session; ``written(format, path)``, ``failed(text)``."""

    written = Signal(str, str)
    failed = Signal(str)

    def __init__(self, journal_path: Path, worker: CallWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._journal_path = journal_path
        self._worker = worker
        self._session_id: str | None = None
        self._file_stem = "session"
        self._directory = Path.home()
        self._busy = False
        self.pdf_button = QPushButton(self.tr("PDF report…"), self)
        self.pdf_button.setProperty("accent", True)
        self.aftercare_button = QPushButton(self.tr("After-care sheet…"), self)
        self.aftercare_button.setToolTip(
            self.tr(
                "The advice for the patient after the session, to print and hand out (also in the report)"
            )
        )
        self.csv_button = QPushButton(self.tr("CSV…"), self)
        self.csv_fr_button = QPushButton(self.tr("Spreadsheet CSV…"), self)
        self.csv_fr_button.setToolTip(
            self.tr("For a French spreadsheet: ';' between cells, decimal comma, one row per product and lot")
        )
        self.json_button = QPushButton(self.tr("JSON…"), self)
        self.fhir_button = QPushButton(self.tr("FHIR…"), self)
        self.csv_button.setToolTip(self.tr("One row per dose, for a spreadsheet"))
        self.json_button.setToolTip(self.tr("The session record and its doses"))
        self.fhir_button.setToolTip(self.tr("FHIR R4 bundle for a health record system"))
        self.status = QLabel(self)
        self.status.setProperty("muted", True)
        self.status.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._buttons = {
            "pdf": self.pdf_button,
            "aftercare": self.aftercare_button,
            "csv": self.csv_button,
            "csv-fr": self.csv_fr_button,
            "json": self.json_button,
            "fhir": self.fhir_button,
        }
        for export_format, button in self._buttons.items():
            button.clicked.connect(lambda _=False, chosen=export_format: self.export(chosen))
            layout.addWidget(button)
        layout.addWidget(self.status, 1)
        self._update_buttons()

    def set_session(self, session_id: str | None, file_stem: str = "session") -> None:
        """The session the buttons export (None: buttons disabled); ``file_stem`` names the suggested file."""
        self._session_id = session_id
        self._file_stem = file_stem or "session"
        self._update_buttons()

    def export(self, export_format: str) -> None:
        """Ask where to write the export, then write it on the worker thread."""
        session_id = self._session_id
        if session_id is None or self._busy:
            return
        titles = {
            "pdf": self.tr("Save the session report"),
            "aftercare": self.tr("Save the after-care sheet"),
            "csv": self.tr("Export the doses as CSV"),
            "csv-fr": self.tr("Export the doses for a spreadsheet"),
            "json": self.tr("Export the session as JSON"),
            "fhir": self.tr("Export the session as FHIR R4"),
        }
        filters = {
            "pdf": self.tr("PDF documents (*.pdf)"),
            "aftercare": self.tr("PDF documents (*.pdf)"),
            "csv": self.tr("CSV files (*.csv)"),
            "csv-fr": self.tr("CSV files (*.csv)"),
            "json": self.tr("JSON files (*.json)"),
            "fhir": self.tr("FHIR JSON files (*.json)"),
        }
        extension = _EXTENSIONS[export_format]
        suffix = {"aftercare": "-aftercare", "csv-fr": "-fr"}.get(export_format, "")
        suggested = self._directory / f"{self._file_stem}{suffix}{extension}"
        chosen, _ = QFileDialog.getSaveFileName(
            self, titles[export_format], str(suggested), filters[export_format]
        )
        if not chosen:
            return
        path = Path(chosen)
        if not path.name.endswith((extension, ".json")):
            path = path.with_name(path.name + extension)
        self._directory = path.parent
        self._busy = True
        self._update_buttons()
        self.status.setText(self.tr("Writing {file}…").format(file=path.name))
        language = current_language()
        journal_path = self._journal_path
        self._worker.submit(
            lambda: write_export(journal_path, export_format, session_id, path, language),
            lambda written: self._on_written(export_format, written),
            lambda error: self._on_failed(path, error),
        )

    def _on_written(self, export_format: str, path: Path) -> None:
        self._busy = False
        self._update_buttons()
        self.status.setText(self.tr("Written: {path}").format(path=path))
        self.written.emit(export_format, str(path))

    def _on_failed(self, path: Path, error: BaseException) -> None:
        self._busy = False
        self._update_buttons()
        text = self.tr("Could not write {path}: {error}").format(
            path=path, error=error_text(error, current_language())
        )
        self.status.setText(text)
        self.failed.emit(text)

    def _update_buttons(self) -> None:
        for button in self._buttons.values():
            button.setEnabled(self._session_id is not None and not self._busy)

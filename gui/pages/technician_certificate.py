"""Saving a calibration certificate as a PDF: the technician picks the file, a worker thread writes it.

The certificate is :func:`mesogun.exports.pdf_certificate.write_certificate` over the journal's record
(and the gun's calibration history, for the drift of its factor), in the interface language.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from gui.language import current_language
from gui.pages.technician_journal import JournalFile
from gui.worker import CallWorker
from mesogun.journal.calibration_records import CalibrationRecord


def write_certificate_file(
    journal: JournalFile, record: CalibrationRecord, path: Path, language: str
) -> Path:
    """Write the certificate of ``record`` to ``path`` (blocks: worker thread); returns the path."""
    from mesogun.exports.pdf_certificate import write_certificate

    opened = journal.open()
    history = opened.calibrations(record.device_serial)
    # The save dialog has already asked before replacing a file: that answer is the overwrite.
    write_certificate(record, path, history=history, language=language, overwrite=True)
    return path


class CertificateSaver(QObject):
    """``save(record)`` asks where, then writes; ``written(str path)`` or ``failed(str reason)`` follow."""

    written = Signal(str)
    failed = Signal(str)

    def __init__(self, journal: JournalFile, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._journal = journal
        self._widget = parent_widget
        self._directory = Path.home()
        self.worker = CallWorker("gui-certificate", self)

    def save(self, record: CalibrationRecord) -> None:
        """Ask for the file (suggesting one named after the gun and the date), then write it."""
        name = f"certificate-{record.device_serial}-{record.finished_at:%Y%m%d}-{record.record_id[:8]}.pdf"
        chosen, _ = QFileDialog.getSaveFileName(
            self._widget,
            self.tr("Save the calibration certificate"),
            str(self._directory / name),
            self.tr("PDF documents (*.pdf)"),
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self._directory = path.parent
        journal, language = self._journal, current_language()
        self.worker.submit(
            lambda: write_certificate_file(journal, record, path, language),
            lambda written: self.written.emit(str(written)),
            lambda error: self.failed.emit(
                self.tr("Could not write {path}: {error}").format(path=path, error=error)
            ),
        )

    def shutdown(self) -> None:
        self.worker.shutdown(wait=True)

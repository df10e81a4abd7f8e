"""The dose journal's integrity verdict in plain words: intact with N rows, or broken at row X of table Y.

Shows a ``VerifyReport`` (from the journal's ``verify``): green when every row is intact, red with
the first broken row, its table and what happened to it (edited, deleted, inserted...) otherwise. A
file's verdict (``verify_journal_file``) adds two more, never shown as intact: an empty file, and a
damaged one (part of it unreadable), with the rows still read in each table it cuts short.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from gui import style
from gui.language import current_language
from mesogun.exports.pdf_texts import broken_kind
from mesogun.journal import VerifyReport
from mesogun.journal.file_verify import FileState, FileVerdict
from mesogun.vocabulary import error_text
from mesogun.vocabulary.journal_words import journal_problem_text


def table_name(table: str) -> str:
    """A journal table in words."""
    texts = {
        "sessions_opened": QCoreApplication.translate("JournalVerdict", "session openings"),
        "sessions_closed": QCoreApplication.translate("JournalVerdict", "session closings"),
        "screenings": QCoreApplication.translate("JournalVerdict", "screenings"),
        "syringe_changes": QCoreApplication.translate("JournalVerdict", "syringe changes"),
        "points_configured": QCoreApplication.translate("JournalVerdict", "point settings"),
        "overrides": QCoreApplication.translate("JournalVerdict", "overrides"),
        "device_events": QCoreApplication.translate("JournalVerdict", "gun events"),
        "doses": QCoreApplication.translate("JournalVerdict", "doses"),
        "alarms": QCoreApplication.translate("JournalVerdict", "alarms"),
        "skips": QCoreApplication.translate("JournalVerdict", "skipped points"),
        "notes": QCoreApplication.translate("JournalVerdict", "notes"),
        "adverse_events": QCoreApplication.translate("JournalVerdict", "adverse events"),
        "corrections": QCoreApplication.translate("JournalVerdict", "corrections"),
        "calibration_warnings": QCoreApplication.translate("JournalVerdict", "calibration warnings"),
        "chain_head": QCoreApplication.translate("JournalVerdict", "chain head"),
    }
    return texts.get(table, table)


def broken_text(reason: str) -> str:
    """What a broken link's reason says happened, in words (the reason itself when unknown)."""
    texts = {
        "broken.edited": QCoreApplication.translate("JournalVerdict", "a row was edited or moved"),
        "broken.deleted": QCoreApplication.translate("JournalVerdict", "a row was deleted"),
        "broken.inserted": QCoreApplication.translate("JournalVerdict", "a row was inserted"),
        "broken.relinked": QCoreApplication.translate(
            "JournalVerdict", "a row was inserted, replaced or moved"
        ),
        "broken.truncated": QCoreApplication.translate("JournalVerdict", "rows were deleted from the end"),
        "broken.extended": QCoreApplication.translate(
            "JournalVerdict", "rows were added or replaced outside the journal"
        ),
    }
    return texts.get(broken_kind(reason), reason)


class JournalVerdict(QLabel):
    """One line (wrapped) telling whether the journal is intact; empty until a check ran."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("journalVerdict")
        self.setWordWrap(True)
        self.intact: bool | None = None

    def show_checking(self) -> None:
        """The check is running."""
        self.intact = None
        self._show(self.tr("Checking the journal…"), style.TEXT_MUTED)

    def show_report(self, report: VerifyReport) -> None:
        """The verdict of ``report``."""
        self.intact = report.ok
        if report.ok:
            text = self.tr(
                "Journal intact: %n row(s) checked, none altered (head: row {head}).", "", report.rows_checked
            ).format(head=report.head_seq)
            self._show(text, style.POINT_DONE)
            return
        broken = report.first_broken
        seq, table, reason = (broken.seq, broken.table, broken.reason) if broken else (0, "?", "")
        text = self.tr(
            "Journal ALTERED: the chain breaks at row {row} of the table “{table}”: {what}."
        ).format(row=seq, table=table_name(table), what=broken_text(reason))
        text += " " + self.tr("%n earlier row(s) intact.", "", report.rows_checked)
        self._show(text, style.STOP_RED)

    def show_verdict(self, verdict: FileVerdict) -> None:
        """The verdict on a journal file: its chain's report, or why there is none to trust."""
        if verdict.state in (FileState.INTACT, FileState.BROKEN) and verdict.chain is not None:
            self.show_report(verdict.chain)
            return
        self.intact = False
        if verdict.state is FileState.EMPTY:
            self._show(
                self.tr("Journal EMPTY: the file holds no journal (0 bytes); nothing could be checked."),
                style.STOP_RED,
            )
            return
        if verdict.state is FileState.DAMAGED:
            cut = [f"{table_name(t.table)} {t.rows_read}" for t in verdict.readable if t.error is not None]
            text = self.tr("Journal DAMAGED: part of the file cannot be read.")
            if cut:
                text += " " + self.tr("Rows read before the damage: {tables}.").format(tables=", ".join(cut))
            self._show(text, style.STOP_RED)
            # SQLite's own words, for whoever repairs the file: they have no translation.
            self.setToolTip(self.tr("SQLite reports: {problem}").format(problem=verdict.problem or ""))
            return
        code = verdict.problem_code
        said = (
            journal_problem_text(code, {"path": str(verdict.path)}, current_language())
            if code is not None
            else verdict.problem or ""
        )
        self._show(self.tr("The journal could not be checked: {error}").format(error=said), style.STOP_RED)

    def show_missing(self) -> None:
        """There is no journal file yet (no session was recorded on this computer)."""
        self.intact = None
        self._show(self.tr("No journal yet: it is created by the first session."), style.TEXT_MUTED)

    def show_error(self, error: BaseException) -> None:
        """The check could not run (file unreadable, not a journal...)."""
        self.intact = False
        text = self.tr("The journal could not be checked: {error}").format(
            error=error_text(error, current_language())
        )
        self._show(text, style.STOP_RED)

    def _show(self, text: str, color: str) -> None:
        self.setToolTip("")
        self.setText(text)
        self.setStyleSheet(f"color: {color}; font-weight: 600;")

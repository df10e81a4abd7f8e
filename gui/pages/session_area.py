"""The Séance screen: the setup form before a session, the running session once it starts.

``SessionArea`` turns the setup page's requests into runner calls through the session bridge (a new
session on the connected gun, or an open session of the journal taken up where it stopped) and
switches to the run page. After the end the main window shows the session's summary; ``show_setup``
prepares the next session.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStackedWidget, QWidget

from gui.clinical_texts import refusal_text, too_soon_text
from gui.device_bridge import DeviceBridge
from gui.language import current_language
from gui.pages.session_setup_page import SessionSetupPage
from gui.session_bridge import SessionBridge, SessionRequest
from gui.widgets.calibration_warning import CalibrationWarningBanner
from gui.widgets.session_dialogs import TooSoonDialog
from mesogun.device_info import DeviceInfo
from mesogun.errors import MesogunError
from mesogun.journal import JournalError, JournalStore
from mesogun.models import SessionPlan
from mesogun.session import SessionError, TooSoonError
from mesogun.vocabulary import error_text

if TYPE_CHECKING:
    from gui.pages.session_run_page import SessionRunPage


class SessionArea(QStackedWidget):
    """Setup page, then run page, over one session bridge and the device bridge."""

    def __init__(
        self,
        journal: JournalStore,
        bridge: DeviceBridge,
        session: SessionBridge,
        *,
        journal_path: Path,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionArea")
        self._bridge = bridge
        self._session = session
        self.setup_page = SessionSetupPage(journal, today=today, parent=self)
        self._today = today
        self._run_page: SessionRunPage | None = None  # built when the first session starts (plots)
        #: open while the practitioner says why a session too soon in its course goes on
        self.too_soon_dialog: TooSoonDialog | None = None
        # The gun's calibration not in force: shown before a session, and confirmed to start one.
        self.calibration = CalibrationWarningBanner(bridge, journal_path, self.setup_page)
        self.setup_page.set_calibration_banner(self.calibration)
        self.addWidget(self.setup_page)
        self.setup_page.start_requested.connect(self.start)
        self.setup_page.resume_requested.connect(self.resume)
        session.command_failed.connect(self._on_command_failed)

    @property
    def run_page(self) -> SessionRunPage:
        """The running session's page, built on first use: start-up shows only the setup form."""
        if self._run_page is None:
            from gui.pages.session_run_page import SessionRunPage

            page = SessionRunPage(self._session, self._bridge, today=self._today, parent=self)
            page.new_session_requested.connect(lambda: self.show_setup(reset=True))
            self.addWidget(page)
            self._run_page = page
        return self._run_page

    def shutdown(self) -> None:
        """For application exit: stop following the device bridge."""
        self.calibration.detach()

    def set_device(self, info: DeviceInfo | None) -> None:
        """The gun connected (None when none is)."""
        self.setup_page.set_device(info)

    def start(self, request: SessionRequest) -> None:
        """Open and start the session of ``request`` on the connected gun.

        The patient's history is read off the GUI thread (every room's, over the network, when a clinic
        store is set): meanwhile the form says so and Start waits; the session's page shows once the
        session is attached, or the form says why it cannot start.
        """
        injector = self._bridge.injector
        if injector is None:
            self.setup_page.show_refusal(self.tr("Connect the gun first"))
            return
        if self._session.opening:
            return  # a second click while the first is being opened
        self.run_page  # noqa: B018  (built before the session starts, so that it follows it from the start)

        def started() -> None:
            self.setup_page.update_start()
            self.run_page.set_patient(request.patient_pseudonym)
            self.show_run()

        def refused(error: BaseException) -> None:
            self.setup_page.update_start()
            if isinstance(error, TooSoonError):
                self._ask_too_soon(error, request)
                return
            if not isinstance(error, SessionError | JournalError | MesogunError | ValueError):
                raise error
            reason = refusal_text(error) or error_text(error, current_language())
            self.setup_page.show_refusal(self.tr("The session cannot start: {reason}").format(reason=reason))

        self._session.start_new(injector, request, on_refused=refused, on_started=started)
        self._show_opening()

    def _show_opening(self) -> None:
        """While the patient's history is read: Start waits, the form says what is going on."""
        if self._session.opening:
            self.setup_page.start_button.setEnabled(False)
            self.setup_page.missing.setText(self.tr("Reading the patient's history…"))

    def _ask_too_soon(self, error: TooSoonError, request: SessionRequest) -> None:
        """Ask why the session goes on although it comes too soon; start it with that reason (recorded)."""
        dialog = TooSoonDialog(too_soon_text(error), self)
        self.too_soon_dialog = dialog

        def finished(result: int) -> None:
            self.too_soon_dialog = None
            if result == TooSoonDialog.DialogCode.Accepted and dialog.reason():
                self.start(replace(request, too_soon_reason=dialog.reason()))
            else:
                self.setup_page.show_refusal(
                    self.tr("The session cannot start: {reason}").format(reason=too_soon_text(error))
                )
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def resume(self, session_id: str, plan: SessionPlan) -> None:
        """Take up the open session ``session_id`` of the journal with ``plan``."""
        injector = self._bridge.injector
        if injector is None:
            self.setup_page.show_refusal(self.tr("Connect the gun first"))
            return
        if self._session.opening:
            return
        practitioner = self.setup_page.practitioner_edit.text().strip() or None
        self.run_page  # noqa: B018  (built before the session resumes, so that it follows it from the start)

        def started() -> None:
            self.setup_page.update_start()
            patient = next(
                (
                    s.patient_pseudonym
                    for s in self.setup_page.open_sessions.sessions
                    if s.session_id == session_id
                ),
                "",
            )
            self.run_page.set_patient(patient)
            self.show_run()

        def refused(error: BaseException) -> None:
            self.setup_page.update_start()
            if not isinstance(error, SessionError | JournalError | MesogunError | ValueError):
                raise error
            self.setup_page.show_refusal(
                self.tr("The session cannot be resumed: {reason}").format(
                    reason=error_text(error, current_language())
                )
            )

        self._session.resume_open(
            injector, session_id, plan, practitioner, on_refused=refused, on_started=started
        )
        self._show_opening()

    def _on_command_failed(self, operation: str, error: BaseException) -> None:
        snapshot = self._session.snapshot
        opening = operation in ("begin_screening", "give_consent", "answer", "resume_session")
        if opening and snapshot is not None and snapshot.session_id is None:
            # Refused before anything was opened in the journal: back to the form, which says why.
            self._session.release()
            self.setCurrentWidget(self.setup_page)
            self.setup_page.show_refusal(
                self.tr("The session cannot start: {reason}").format(
                    reason=error_text(error, current_language())
                )
            )

    def show_run(self) -> None:
        """Show the running session."""
        self.setCurrentWidget(self.run_page)
        self.run_page.setFocus()

    def show_setup(self, *, reset: bool) -> None:
        """Show the setup form (``reset``: cleared for the next patient, the last session let go)."""
        if reset:
            self._session.release()
            self.setup_page.reset()
        self.setCurrentWidget(self.setup_page)

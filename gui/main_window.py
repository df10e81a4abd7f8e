"""The application shell: toolbar with the screens and STOP, alarm banners, the connection panel, pages.

Screens, reached from the toolbar or Ctrl+1…4: Séance (the session workflow, shown first), Historique,
Technicien and Banc d'essai (the bench: connect, telemetry, trigger, shots). The window owns the dose
journal (``journal_path``, default ``default_journal_path()``): the gun is opened with it as its event
sink, so every shot the gun reports, in a session or on the bench, is stored before it is acknowledged.
It sends STOP to the gun from the button, Esc or F12 (from any window: see ``gui.stop_everywhere``),
which also halts a running session; it asks before closing while a gun is connected or a session runs,
and then leaves the session resumable.

Start-up builds the first screen and paints it; what that screen does not need to be seen (the built-in
plans, the serial port scan, the journal's sessions left open) comes right after the first paint, and
``ready`` is emitted then (``is_ready`` says whether it was).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gui.alarm_sound import AlarmSound
from gui.clinic_sync import ClinicSync
from gui.device_bridge import DeviceBridge, LinkState, ReportingSink, journaled_opener
from gui.first_paint import after_first_paint
from gui.language import current_language
from gui.lazy_screen import LazyScreen
from gui.pages.session_area import SessionArea
from gui.session_bridge import SessionBridge
from gui.settings import AppSettings
from gui.settings_dialog import SettingsDialog
from gui.simulated_gun_host import SimulatedGunHandle, SimulatedGunHost, SimulatorFactory, default_simulator
from gui.stop_everywhere import StopEverywhere, add_stop_button
from gui.wheel_guard import install_wheel_guard
from gui.widgets.alarm_banner import AlarmBanner, BannerLevel
from gui.widgets.connection_dock import ConnectionDock
from gui.widgets.connection_panel import ConnectionTarget, PortChoice, TargetKind
from gui.widgets.emergency_stop import EmergencyStopButton
from gui.widgets.main_toolbar import MainToolbar
from gui.widgets.screen_navigation import Screen, ScreenNavigation
from gui.widgets.session_exit import CloseChoice, ask_close_during_session, confirm_disconnect_during_session
from gui.widgets.simulator_panel import SimulatorPanel
from mesogun.device_events import AlarmChanged
from mesogun.device_info import DeviceInfo
from mesogun.device_values import AlarmCode
from mesogun.journal import SqliteJournal, default_journal_path
from mesogun.models import SessionPlan
from mesogun.ports import list_serial_ports
from mesogun.session import SessionState, Timeouts
from mesogun.vocabulary import error_text

if TYPE_CHECKING:
    from gui.pages.connection_page import ConnectionPage
    from gui.pages.history_page import HistoryPage
    from gui.pages.patient_page import PatientPage
    from gui.pages.summary_page import SessionSummaryPage
    from gui.pages.technician_page import TechnicianPage

LAST_FRAME_REFRESH_MS = 250
#: What waits for the first paint is done by then even if the window is never painted (ms after show).
START_UP_AT_THE_LATEST_MS = 2000
MESSAGE_TIMEOUT_MS = 10_000
#: A journal that cannot take the gun's events is said for longer (the gun retries until it can).
JOURNAL_MESSAGE_TIMEOUT_MS = 60_000


class MainWindow(QMainWindow):
    """The main window. ``bridge``, ``simulator_factory``, ``journal_path`` and ``session_timeouts``
    can be given (tests, screenshots)."""

    #: Emitted once, after the first paint, when the plan list is filled and the port scan is asked for.
    ready = Signal()
    #: An event of the gun (a dose) could not be written to the journal (from the link's thread).
    journal_write_failed = Signal(object)

    def __init__(
        self,
        settings: AppSettings,
        bridge: DeviceBridge | None = None,
        simulator_factory: SimulatorFactory | None = None,
        parent: QWidget | None = None,
        *,
        journal_path: Path | None = None,
        session_timeouts: Timeouts | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("mesogun — mesotherapy injector"))
        self.settings = settings
        self.journal_path = journal_path if journal_path is not None else default_journal_path()
        # Opened once, at start-up; from then on it is written by the link's and the runner's threads.
        self.journal = SqliteJournal(self.journal_path)
        sink = ReportingSink(self.journal, self.journal_write_failed.emit)
        self.journal_write_failed.connect(self._say_journal_write_failed)
        self.bridge = bridge if bridge is not None else DeviceBridge(journaled_opener(sink), parent=self)
        self.last_error: tuple[str, BaseException] | None = None
        self.session = SessionBridge(self.journal, timeouts=session_timeouts, parent=self)
        self._close_confirmed = False
        self._shut_down = False
        self._close_box: QMessageBox | None = None
        self._ready = False
        self._start_up_scheduled = False

        self.stop_button = EmergencyStopButton(self)
        self.stop_button.stop_requested.connect(self.emergency_stop)
        # F12 (and Esc while a gun is connected) from every window, modal dialogs included.
        self.stop_keys = StopEverywhere(lambda: self.bridge.is_connected, self)
        self.stop_keys.stop_requested.connect(self.emergency_stop)
        self.settings_action = QAction(self.tr("Settings…"), self)
        self.settings_action.triggered.connect(self.open_settings)

        # Each widget is made inside the one that holds it on screen: moving a built tree to another
        # parent restyles every widget in it (the app has a style sheet), which start-up cannot afford.
        central = QWidget(self)
        self.alarm_banner = AlarmBanner(central)
        # Heard as well as seen: the burst of the loudest alarm not yet acknowledged.
        self.alarm_sound = AlarmSound(parent=self)
        self.alarm_banner.loudest_changed.connect(self.alarm_sound.set_level)
        self.stack = QStackedWidget(central)
        self.session_area = SessionArea(
            self.journal, self.bridge, self.session, journal_path=self.journal_path, parent=self.stack
        )
        # Only the first screen is built at start-up; the others (and the modules they need: plots,
        # calibration, exports) when they are first opened.
        self.bench_simulator = SimulatorPanel()  # the bench's trigger and faults; on the bench page
        self._balance_url: str | None = None
        self._balance_gun: SimulatedGunHandle | None = None
        self._history = LazyScreen(self._build_history_page, self)
        self._technician = LazyScreen(self._build_technician_page, self, scrollable=True)
        self._bench = LazyScreen(self._build_connection_page, self)
        self._summary = LazyScreen(self._build_summary_page, self)
        self._patient = LazyScreen(self._build_patient_page, self, scrollable=True)
        self._lazy_screens = (self._history, self._technician, self._bench, self._summary, self._patient)
        self.add_page(self.session_area)
        for screen in self._lazy_screens:
            self.add_page(screen.placeholder)
        self._summary_return: QWidget = self.session_area
        self._patient_return: QWidget = self._history.placeholder

        toolbar = MainToolbar(self.tr("Main toolbar"), self.tr("Mesotherapy injector"), self)
        self.navigation = ScreenNavigation(
            toolbar,
            [
                Screen(
                    "session", self.tr("Session"), self.tr("Prepare and run a session"), self.session_area
                ),
                Screen(
                    "history",
                    self.tr("History"),
                    self.tr("Sessions in the journal"),
                    self._history.placeholder,
                ),
                Screen(
                    "technician",
                    self.tr("Technician"),
                    self.tr("Diagnostics and calibration"),
                    self._technician.placeholder,
                ),
                Screen(
                    "bench",
                    self.tr("Bench test"),
                    self.tr("Try the gun outside a session"),
                    self._bench.placeholder,
                ),
            ],
            self.show_page,
            lambda tip, key: self.tr("{what} — shortcut {key}").format(what=tip, key=key),
            self,
        )
        self.nav_actions = self.navigation.actions
        toolbar.add_trailing(self.settings_action, self.stop_button)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

        dock = ConnectionDock(self.tr("Connection"), self)
        self.connection_panel = dock.panel
        self.dock_simulator = dock.simulator
        self.simulator_host = SimulatedGunHost(
            simulator_factory or default_simulator(self.journal_path),
            self.bench_simulator.worker,
            (self.bench_simulator, self.dock_simulator),
            self,
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)

        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.alarm_banner)
        central_layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.statusBar().setSizeGripEnabled(True)
        self.clinic_sync = ClinicSync(self.journal_path, self)
        self.statusBar().addPermanentWidget(self.clinic_sync.label)

        self._wire()
        self._last_frame_timer = QTimer(self)
        self._last_frame_timer.setInterval(LAST_FRAME_REFRESH_MS)
        self._last_frame_timer.timeout.connect(
            lambda: self.connection_panel.set_last_frame_age(self.bridge.seconds_since_last_frame())
        )
        self._last_frame_timer.start()
        self.resize(1280, 800)
        self._restore_layout()
        self.show_page(self.session_area)
        # Application-wide event filters see every event of the GUI thread: installed once the window
        # is built, so that the events of building it do not all pass through them.
        self.stop_keys.install()
        install_wheel_guard()

    # ----------------------------------------------------------------- start-up
    @property
    def is_ready(self) -> bool:
        """True once the work left for after the first paint is done (``ready`` was emitted)."""
        return self._ready

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        handle = self.windowHandle()
        if not self._start_up_scheduled and handle is not None:
            self._start_up_scheduled = True
            after_first_paint(handle, self.finish_start_up)
            # A window shown but never exposed (started minimised, on another desktop) still gets its
            # plans, its port scan and its connection; the timer is the window's, and goes with it.
            at_the_latest = QTimer(self)
            at_the_latest.setSingleShot(True)
            at_the_latest.timeout.connect(self.finish_start_up)
            at_the_latest.start(START_UP_AT_THE_LATEST_MS)

    def finish_start_up(self) -> None:
        """What the first screen does not need to be painted: the built-in plans listed (and the default
        one chosen), the journal's sessions left open read and the serial ports scanned (both on worker
        threads). Called after the first paint; does nothing the second time."""
        if self._ready or self._shut_down:
            return
        self._ready = True
        self.session_area.setup_page.load_builtin_plans()
        self.session_area.setup_page.refresh()
        self.refresh_ports()
        self.ready.emit()

    # ----------------------------------------------------------------- pages
    def add_page(self, page: QWidget) -> int:
        """Add a screen to the central stack; returns its index."""
        return self.stack.addWidget(page)

    def show_page(self, page: QWidget) -> None:
        """Bring ``page`` (already added, or a screen's page or placeholder) to the front, building it
        if it was not yet, and mark its screen in the toolbar."""
        screen = self._screen_of(page)
        frame = page if screen is None else screen.placeholder
        if screen is not None:
            screen.page()
        self.stack.setCurrentWidget(frame)
        self._show_dock_simulator()
        if screen is self._history:
            self.history_page.refresh()
        self.navigation.mark(frame)

    def current_page(self) -> QWidget:
        """The screen shown (a page, not the placeholder or scroll area that holds it)."""
        shown = self.stack.currentWidget()
        assert shown is not None  # the stack always holds the pages
        screen = self._screen_of(shown)
        return shown if screen is None else screen.page()

    def _screen_of(self, widget: QWidget) -> LazyScreen[Any] | None:
        return next((screen for screen in self._lazy_screens if screen.holds(widget)), None)

    @property
    def history_page(self) -> HistoryPage:
        """The History screen (built on first use)."""
        return self._history.page()

    @property
    def technician_page(self) -> TechnicianPage:
        """The Technician screen (built on first use)."""
        return self._technician.page()

    @property
    def connection_page(self) -> ConnectionPage:
        """The bench screen (built on first use)."""
        return self._bench.page()

    @property
    def summary_page(self) -> SessionSummaryPage:
        """The session summary (built on first use)."""
        return self._summary.page()

    def _build_history_page(self, parent: QWidget) -> HistoryPage:
        from gui.pages.history_page import HistoryPage

        page = HistoryPage(self.journal_path, parent)
        page.session_opened.connect(
            lambda session_id: self.show_summary(session_id, read_only=True, back_to=self.history_page)
        )
        page.patient_opened.connect(lambda p: self.show_patient(p, back_to=self.history_page))
        return page

    def _build_technician_page(self, parent: QWidget) -> TechnicianPage:
        from gui.pages.technician_page import TechnicianPage

        page = TechnicianPage(self.bridge, self.journal_path, parent)
        if self._balance_url is not None:
            page.offer_balance(self._balance_url, self._balance_gun)
        return page

    def _build_connection_page(self, parent: QWidget) -> ConnectionPage:
        from gui.pages.connection_page import ConnectionPage

        return ConnectionPage(self.bridge, self.bench_simulator, parent)

    def _build_summary_page(self, parent: QWidget) -> SessionSummaryPage:
        from gui.pages.summary_page import SessionSummaryPage

        page = SessionSummaryPage(self.journal_path, parent)
        page.closed.connect(self._on_summary_closed)
        page.new_session_requested.connect(self._new_session)
        page.patient_requested.connect(self._patient_from_summary)
        return page

    @property
    def patient_page(self) -> PatientPage:
        """The patient over time (built on first use)."""
        return self._patient.page()

    def _build_patient_page(self, parent: QWidget) -> PatientPage:
        from gui.pages.patient_page import PatientPage

        page = PatientPage(self.journal_path, parent)
        page.session_opened.connect(
            lambda session_id: self.show_summary(session_id, read_only=True, back_to=self.patient_page)
        )
        page.closed.connect(lambda: self.show_page(self._patient_return))
        return page

    def show_summary(
        self, session_id: str, *, read_only: bool, back_to: QWidget, plan: SessionPlan | None = None
    ) -> None:
        """The summary of ``session_id``; its Back button returns to ``back_to``."""
        self._summary_return = back_to
        self.summary_page.show_session(session_id, read_only=read_only, plan=plan)
        self.stack.setCurrentWidget(self._summary.placeholder)

    # ----------------------------------------------------------------- connection
    def refresh_ports(self) -> None:
        """Scan the serial ports (on a worker thread) and list them in the connection panel."""

        def scan() -> list[PortChoice]:
            return [PortChoice(p.port, p.serial_number or None, p.description) for p in list_serial_ports()]

        self.bench_simulator.worker.submit(scan, self.connection_panel.set_ports, self._show_error("ports"))

    def connect_to(self, target: ConnectionTarget) -> None:
        """Connect to ``target``; the simulated gun is started first when it is the target."""
        rate_hz = self.settings.telemetry_rate_hz
        if target.kind is TargetKind.SIMULATOR:
            self.connection_panel.set_link_state(LinkState.CONNECTING, "")
            self.simulator_host.start()
        elif target.kind is TargetKind.PORT:
            self.bridge.connect_device(port=target.value, telemetry_rate_hz=rate_hz)
        else:
            self.bridge.connect_device(url=target.value, telemetry_rate_hz=rate_hz)

    def disconnect_from_gun(self) -> None:
        """Close the link; a session in progress is paused and left open first (it can be resumed)."""
        if self.session.active and not confirm_disconnect_during_session(self):
            return
        self.session.leave_then(self.bridge.disconnect_device)

    def emergency_stop(self) -> None:
        """STOP: sent to the gun at once (its own worker, ahead of any queued call); a running session
        halts too and waits paused (resume, end or abort)."""
        if self.session.active:
            self.session.emergency_stop()
        if self.bridge.is_connected:
            self.bridge.stop()
            self.statusBar().showMessage(self.tr("STOP sent to the gun"), MESSAGE_TIMEOUT_MS)
        else:
            self.statusBar().showMessage(self.tr("STOP: no gun connected"), MESSAGE_TIMEOUT_MS)

    def acknowledge_alarm(self, code: object) -> None:
        """An alarm acknowledged in the banner: through the session when it is halted by the alarm (the
        session then goes on), else on the gun directly."""
        snapshot = self.session.snapshot
        if self.session.active and snapshot is not None and snapshot.state is SessionState.ALARM:
            self.session.acknowledge_alarm(then_resume=True)
        elif isinstance(code, AlarmCode):  # the banner's rows of the gun's own alarms
            self.bridge.acknowledge_alarm(code)

    def open_settings(self) -> None:
        """Show the settings dialog; apply its values on OK."""
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            dialog.apply()
            if self.bridge.is_connected:
                self.bridge.set_telemetry_rate(self.settings.telemetry_rate_hz)
            self.clinic_sync.reconfigure()

    # ----------------------------------------------------------------- size
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # After the layout settles: a window grown past its screen (a long message, a restored size
        # from a larger screen) is brought back inside it, so STOP at the right stays in view.
        QTimer.singleShot(0, self.fit_screen)

    def fit_screen(self) -> None:
        """Shrink the window to its screen's available area if it is larger (never below its minimum)."""
        screen = self.screen()
        if screen is None or self.isMaximized() or self.isFullScreen() or not self.isVisible():
            return
        available = screen.availableGeometry()
        frame = self.frameGeometry()
        width = min(self.width(), available.width() - (frame.width() - self.width()))
        height = min(self.height(), available.height() - (frame.height() - self.height()))
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        frame = self.frameGeometry()
        x = max(available.left(), min(frame.left(), available.right() - frame.width() + 1))
        y = max(available.top(), min(frame.top(), available.bottom() - frame.height() + 1))
        if (x, y) != (frame.left(), frame.top()):
            self.move(x, y)

    # ----------------------------------------------------------------- closing
    def closeEvent(self, event: QCloseEvent) -> None:
        if self._shut_down:  # closed once already: everything is stopped
            event.accept()
            return
        if not self._close_confirmed:
            if self.session.active:
                event.ignore()
                self._ask_close_during_session()
                return
            if self.bridge.is_connected and not self.confirm_close():
                event.ignore()
                return
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.stop_keys.uninstall()
        self.alarm_sound.shutdown()
        self.session.shutdown()
        self.session_area.shutdown()
        for screen in (self._technician, self._history, self._summary, self._patient):
            built = screen.built
            if built is not None:
                built.shutdown()
        self.bridge.shutdown()
        self.clinic_sync.shutdown()
        worker = self.bench_simulator.worker
        worker.cancel_pending()
        self.simulator_host.close()
        worker.shutdown(wait=True, cancel_pending=False)
        self.dock_simulator.worker.shutdown(wait=True)
        self.journal.close()
        self._shut_down = True
        event.accept()

    def confirm_close(self) -> bool:
        """Ask whether to close while a gun is connected (the gun disarms itself once the link closes)."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Close mesogun?"),
            self.tr("A gun is connected. Closing disconnects it; an armed gun disarms itself."),
            QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        add_stop_button(box)  # stops the gun and stays open
        self._close_box = box
        return box.exec() == QMessageBox.StandardButton.Close

    def _ask_close_during_session(self) -> None:
        """Closing mid-session: pause and leave it open (resumable), or end it, or stay."""
        box, choice = ask_close_during_session(self)
        self._close_box = box
        if choice is CloseChoice.PAUSE:
            self.session.leave_then(self._close_now)
        elif choice is CloseChoice.END:
            self.session.end_then(self._close_now)

    def _close_now(self) -> None:
        self._close_confirmed = True
        # Possibly asked from inside closeEvent, where a nested close() does nothing: close at the next turn.
        QTimer.singleShot(0, self.close)

    # ----------------------------------------------------------------- internals
    def _wire(self) -> None:
        panel = self.connection_panel
        panel.connect_requested.connect(self.connect_to)
        panel.disconnect_requested.connect(self.disconnect_from_gun)
        panel.refresh_requested.connect(self.refresh_ports)
        self.bridge.link_state_changed.connect(self._on_link_state)
        self.bridge.connected.connect(self._on_connected)
        self.bridge.status_received.connect(panel.set_status)
        self.bridge.event_received.connect(self._on_event)
        self.bridge.call_failed.connect(lambda operation, error: self._show_error(operation)(error))
        self.alarm_banner.acknowledge_requested.connect(self.acknowledge_alarm)
        self.simulator_host.started.connect(self._on_simulator_started)
        self.simulator_host.start_failed.connect(self._on_simulator_failed)
        self.simulator_host.close_failed.connect(self._show_error("simulator"))
        for simulator in (self.bench_simulator, self.dock_simulator):
            simulator.action_failed.connect(
                lambda text: self.statusBar().showMessage(text, MESSAGE_TIMEOUT_MS)
            )
        self.session.session_ended.connect(self._on_session_ended)
        self.session.command_failed.connect(self._on_session_command_failed)
        self.session.runner_changed.connect(self._update_navigation)
        self.session.snapshot_changed.connect(lambda _snapshot: self._update_navigation())

    def show_patient(self, pseudonym: str, *, back_to: QWidget) -> None:
        """The patient view of ``pseudonym``; its Back button returns to ``back_to``."""
        self._patient_return = back_to
        self.patient_page.show_patient(pseudonym)
        self.stack.setCurrentWidget(self._patient.placeholder)

    def _patient_from_summary(self, pseudonym: str) -> None:
        # A summary opened from the patient view goes back to it: no loop between the two.
        back = self._patient_return if self._patient.holds(self._summary_return) else self.summary_page
        self.show_patient(pseudonym, back_to=back)

    def _on_session_ended(self, session_id: str, _state: SessionState) -> None:
        self.clinic_sync.sync_soon()  # the other rooms see the session now, not at the next interval
        self.session_area.setup_page.refresh()
        if session_id:
            self.show_summary(session_id, read_only=False, back_to=self.session_area, plan=self.session.plan)

    def _on_summary_closed(self) -> None:
        back = self._summary_return
        if back is self.session_area:
            self._new_session()
            return
        self.show_page(back)

    def _new_session(self) -> None:
        self.session_area.show_setup(reset=True)
        self.show_page(self.session_area)

    def _update_navigation(self) -> None:
        # The technician's procedures and the bench command the gun themselves: not while a session runs.
        busy = self.session.active
        why_not = self.tr("Not during a session: end or leave the session first")
        for key in ("technician", "bench"):
            self.navigation.set_available(key, not busy, why_not)

    def _on_session_command_failed(self, operation: str, error: BaseException) -> None:
        self._show_error(operation)(error)
        if operation == "acknowledge_alarm":
            # The alarm is still there: its banner row may be acknowledged again.
            for code in self.alarm_banner.active_codes():
                level = self.alarm_banner.level_of(code)
                if level is not None:
                    self.alarm_banner.show_alarm(code, level)

    def _on_simulator_started(self, gun: SimulatedGunHandle) -> None:
        self._show_dock_simulator()
        # The simulated balance weighs what this simulated gun really delivers: calibration can be practised.
        self._balance_url = f"simbalance://{gun.name}-balance?gun={gun.name}"
        self._balance_gun = gun  # its clock is the balance's: the flow test's time scale sets it
        technician = self._technician.built
        if technician is not None:
            technician.offer_balance(self._balance_url, gun)
        self.bridge.connect_device(url=gun.url, telemetry_rate_hz=self.settings.telemetry_rate_hz)

    def _show_dock_simulator(self) -> None:
        simulator = getattr(self, "dock_simulator", None)
        if simulator is not None:
            bench = self.stack.currentWidget() is self._bench.placeholder
            simulator.setVisible(simulator.gun is not None and not bench)

    def _on_simulator_failed(self, error: BaseException) -> None:
        self.connection_panel.set_link_state(LinkState.DISCONNECTED, str(error))
        self._show_error("simulator")(error)

    def _on_link_state(self, state: LinkState, detail: str) -> None:
        self.connection_panel.set_link_state(state, detail)
        if (
            state is LinkState.DISCONNECTED
            and self.simulator_host.gun is not None
            and not self.bridge.is_connected
        ):
            # The connection failed or was closed: a simulated gun started for it is no longer needed.
            self.simulator_host.close()
            self._show_dock_simulator()
        if state is LinkState.DISCONNECTED:
            self.alarm_banner.keep_only(set())
            self.session_area.set_device(None)

    def _on_connected(self, info: DeviceInfo) -> None:
        self.connection_panel.set_device_info(info)
        self.session_area.set_device(info)
        self.statusBar().showMessage(
            self.tr("Connected to {serial}").format(serial=info.serial_number), MESSAGE_TIMEOUT_MS
        )

    def _on_event(self, event: object) -> None:
        if not isinstance(event, AlarmChanged):
            return
        level = BannerLevel.of(event.priority)
        if event.raised and level is not None:
            self.alarm_banner.show_alarm(event.code, level)
        elif not event.raised:
            self.alarm_banner.clear_alarm(event.code)

    def _say_journal_write_failed(self, error: BaseException) -> None:
        # Shots delivered are not lost (the gun keeps them until the journal takes them), but the
        # screen cannot count them until then: the practitioner must know why, to free the disk.
        self.statusBar().showMessage(
            # The cause and what to do first: a status bar cuts what does not fit.
            self.tr(
                "Not written to the journal: {error} (the gun keeps its last events and sends them again)"
            ).format(error=error_text(error, current_language())),
            JOURNAL_MESSAGE_TIMEOUT_MS,
        )

    def _show_error(self, operation: str) -> Callable[[BaseException], None]:
        # The library's errors name the field, value and range, and say what to do: in the user's language.
        def show(error: BaseException) -> None:
            text = error_text(error, current_language())
            self.statusBar().showMessage(text, MESSAGE_TIMEOUT_MS)
            self.last_error = (operation, error)

        return show

    def _restore_layout(self) -> None:
        geometry = self.settings.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)

"""The application shell: toolbar with STOP, alarm banners, the connection panel, the page stack.

Session screens are added to the central stack with ``add_page``; the first page (bench: connect,
telemetry, trigger, shots) works on its own. The window remembers its geometry and layout, asks before
closing while a gun is connected, and sends STOP to the gun from the button, Esc or F12.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gui.device_bridge import DeviceBridge, LinkState
from gui.pages.connection_page import ConnectionPage
from gui.settings import AppSettings
from gui.settings_dialog import SettingsDialog
from gui.widgets.alarm_banner import AlarmBanner, BannerLevel
from gui.widgets.connection_panel import ConnectionPanel, ConnectionTarget, PortChoice, TargetKind
from gui.widgets.emergency_stop import EmergencyStopButton
from gui.widgets.simulator_panel import SimulatedGunControls
from mesogun.device_events import AlarmChanged
from mesogun.device_info import DeviceInfo
from mesogun.ports import list_serial_ports

LAST_FRAME_REFRESH_MS = 250
MESSAGE_TIMEOUT_MS = 10_000


class SimulatedGunHandle(SimulatedGunControls, Protocol):
    """A running simulated gun: its URL to connect to, its controls, and ``close()``."""

    @property
    def url(self) -> str: ...

    def close(self) -> None: ...


SimulatorFactory = Callable[[], SimulatedGunHandle]


def _start_default_simulator() -> SimulatedGunHandle:
    from mesogun.simulation import start_simulated_gun

    return start_simulated_gun("desktop")


class MainWindow(QMainWindow):
    """The main window. ``bridge`` and ``simulator_factory`` can be given (tests, screenshots)."""

    def __init__(
        self,
        settings: AppSettings,
        bridge: DeviceBridge | None = None,
        simulator_factory: SimulatorFactory = _start_default_simulator,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("mesogun — mesotherapy injector"))
        self.settings = settings
        self.bridge = bridge if bridge is not None else DeviceBridge(parent=self)
        self._simulator_factory = simulator_factory
        self.simulated_gun: SimulatedGunHandle | None = None
        self.last_error: tuple[str, BaseException] | None = None

        self.stop_button = EmergencyStopButton(self)
        self.stop_button.install_shortcuts(self)
        self.stop_button.stop_requested.connect(self.emergency_stop)
        self.settings_action = QAction(self.tr("Settings…"), self)
        self.settings_action.triggered.connect(self.open_settings)
        toolbar = QToolBar(self.tr("Main toolbar"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        title = QLabel(self.tr("Mesotherapy injector"), toolbar)
        title.setProperty("heading", True)
        toolbar.addWidget(title)
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addAction(self.settings_action)
        toolbar.addWidget(self.stop_button)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

        self.connection_panel = ConnectionPanel(self)
        dock = QDockWidget(self.tr("Connection"), self)
        dock.setObjectName("connectionDock")
        dock.setWidget(self.connection_panel)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        dock.setTitleBarWidget(QWidget(dock))  # the panel's own title says what it is
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)

        self.alarm_banner = AlarmBanner(self)
        self.stack = QStackedWidget(self)
        self.connection_page = ConnectionPage(self.bridge, self)
        self.add_page(self.connection_page)
        central = QWidget(self)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.alarm_banner)
        central_layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.statusBar().setSizeGripEnabled(True)

        self._wire()
        self._last_frame_timer = QTimer(self)
        self._last_frame_timer.setInterval(LAST_FRAME_REFRESH_MS)
        self._last_frame_timer.timeout.connect(
            lambda: self.connection_panel.set_last_frame_age(self.bridge.seconds_since_last_frame())
        )
        self._last_frame_timer.start()
        self.resize(1280, 800)
        self._restore_layout()
        self.refresh_ports()

    # ----------------------------------------------------------------- pages
    def add_page(self, page: QWidget) -> int:
        """Add a screen to the central stack; returns its index."""
        return self.stack.addWidget(page)

    def show_page(self, page: QWidget) -> None:
        """Bring ``page`` (already added) to the front."""
        self.stack.setCurrentWidget(page)

    # ----------------------------------------------------------------- connection
    def refresh_ports(self) -> None:
        """Scan the serial ports (on a worker thread) and list them in the connection panel."""

        def scan() -> list[PortChoice]:
            return [PortChoice(p.port, p.serial_number or None, p.description) for p in list_serial_ports()]

        self.connection_page.simulator.worker.submit(
            scan, self.connection_panel.set_ports, self._show_error("ports")
        )

    def connect_to(self, target: ConnectionTarget) -> None:
        """Connect to ``target``; the simulated gun is started first when it is the target."""
        rate_hz = self.settings.telemetry_rate_hz
        if target.kind is TargetKind.SIMULATOR:
            self.connection_panel.set_link_state(LinkState.CONNECTING, "")
            self.connection_page.simulator.worker.submit(
                self._simulator_factory, self._on_simulator_started, self._on_simulator_failed
            )
        elif target.kind is TargetKind.PORT:
            self.bridge.connect_device(port=target.value, telemetry_rate_hz=rate_hz)
        else:
            self.bridge.connect_device(url=target.value, telemetry_rate_hz=rate_hz)

    def disconnect_from_gun(self) -> None:
        """Close the link; a simulated gun started for it stops once the link is closed."""
        self.bridge.disconnect_device()

    def emergency_stop(self) -> None:
        """STOP: sent to the gun at once (its own worker, ahead of any queued call)."""
        if self.bridge.is_connected:
            self.bridge.stop()
            self.statusBar().showMessage(self.tr("STOP sent to the gun"), MESSAGE_TIMEOUT_MS)
        else:
            self.statusBar().showMessage(self.tr("STOP: no gun connected"), MESSAGE_TIMEOUT_MS)

    def open_settings(self) -> None:
        """Show the settings dialog; apply its values on OK."""
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            dialog.apply()
            if self.bridge.is_connected:
                self.bridge.set_telemetry_rate(self.settings.telemetry_rate_hz)

    # ----------------------------------------------------------------- closing
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.bridge.is_connected and not self.confirm_close():
            event.ignore()
            return
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.bridge.shutdown()
        worker = self.connection_page.simulator.worker
        worker.cancel_pending()
        self._stop_simulator()
        worker.shutdown(wait=True, cancel_pending=False)
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
        self._close_box = box
        return box.exec() == QMessageBox.StandardButton.Close

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
        self.alarm_banner.acknowledge_requested.connect(self.bridge.acknowledge_alarm)
        self.connection_page.simulator.action_failed.connect(
            lambda text: self.statusBar().showMessage(text, MESSAGE_TIMEOUT_MS)
        )

    def _on_simulator_started(self, gun: SimulatedGunHandle) -> None:
        self.simulated_gun = gun
        self.connection_page.simulator.set_gun(gun)
        self.bridge.connect_device(url=gun.url, telemetry_rate_hz=self.settings.telemetry_rate_hz)

    def _on_simulator_failed(self, error: BaseException) -> None:
        self.connection_panel.set_link_state(LinkState.DISCONNECTED, str(error))
        self._show_error("simulator")(error)

    def _stop_simulator(self) -> None:
        gun = self.simulated_gun
        if gun is None:
            return
        self.simulated_gun = None
        self.connection_page.simulator.set_gun(None)
        self.connection_page.simulator.worker.submit(gun.close, None, self._show_error("simulator"))

    def _on_link_state(self, state: LinkState, detail: str) -> None:
        self.connection_panel.set_link_state(state, detail)
        if (
            state is LinkState.DISCONNECTED
            and self.simulated_gun is not None
            and not self.bridge.is_connected
        ):
            # The connection failed or was closed: a simulated gun started for it is no longer needed.
            self._stop_simulator()
        if state is LinkState.DISCONNECTED:
            self.alarm_banner.keep_only(set())

    def _on_connected(self, info: DeviceInfo) -> None:
        self.connection_panel.set_device_info(info)
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

    def _show_error(self, operation: str) -> Callable[[BaseException], None]:
        # The library's messages name the field, value and range, and say what to do: show them as they are.
        def show(error: BaseException) -> None:
            text = str(error) or type(error).__name__
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

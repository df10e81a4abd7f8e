"""Shared fixtures of the desktop application's tests: offscreen Qt, isolated settings, simulated guns."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

# Offscreen, on a desktop-sized virtual screen (the plugin's default screen is 800×800, smaller than
# the main window's minimum width, so window geometry could not be checked on it).
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = (
        f"offscreen:configfile={Path(__file__).with_name('offscreen_screen.json')}"
    )

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.app import APPLICATION_NAME, ORGANIZATION_NAME
from gui.gui_thread_gc import install_gui_thread_collector
from gui.language import install_language
from gui.settings import AppSettings
from gui.style import apply_theme
from mesogun.journal import DATA_DIR_ENV

_names = itertools.count(1)


@pytest.fixture(scope="session", autouse=True)
def _themed_app(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> None:
    # Settings written by the code under test go to a temporary directory, never the user's.
    QCoreApplication.setOrganizationName(ORGANIZATION_NAME)
    QCoreApplication.setApplicationName(APPLICATION_NAME)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("settings"))
    )
    apply_theme(qapp)
    install_language("en")  # as the app does: English has its plural forms from a catalogue too


@pytest.fixture(autouse=True)
def _gui_thread_collection(qapp: QApplication) -> Iterator[None]:
    # As in the app: reference cycles holding widgets are collected on this thread, never on a link
    # or worker thread (that can destroy a window on the wrong thread and crash the interpreter). What
    # a test leaves behind is collected here at its end, and the tests that follow without Qt get the
    # interpreter's own collection back.
    collector = install_gui_thread_collector(qapp)
    yield
    collector.collect_now()
    collector.stop()


@pytest.fixture
def app_settings(tmp_path: Path) -> AppSettings:
    """Settings stored in a file of the test's own directory."""
    return AppSettings(QSettings(str(tmp_path / "mesogun.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def french() -> Iterator[None]:
    """The French translations installed for the test (English restored afterwards)."""
    install_language("fr")
    yield
    install_language("en")


@pytest.fixture
def sim_name() -> str:
    """A simulated-gun name no other test uses (the simulator registry is per process)."""
    return f"gui-test-{os.getpid()}-{next(_names)}"


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The main window opens the dose journal at the default path: each test gets its own, never the
    # user's (the simulated gun's event memory lives beside it).
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))


# ---------------------------------------------------------------------------- the session screens

#: Generous bound for one step of a session on a loaded machine (ms).
SESSION_WAIT_MS = 30_000
#: The simulated gun's mechanics run this many times faster than real time (its watchdog does not).
SESSION_CLOCK_SCALE = 40.0


class SessionDriver:
    """Drives the main window as a practitioner would, on a simulated gun, with a journal in tmp_path."""

    def __init__(self, qtbot: Any, window: Any, gun_name: str, journal_path: Path) -> None:
        self.qtbot = qtbot
        self.window = window
        self.gun_name = gun_name
        self.journal_path = journal_path

    # ------------------------------------------------------------------ the gun
    @property
    def gun(self) -> Any:
        """The simulated gun (simulators.gun.SimulatedGun): control surface and ground truth."""
        from simulators import registry

        return registry.get_gun(self.gun_name)

    def true_event_numbers(self) -> list[int]:
        """Event numbers of every shot the gun really delivered."""
        return [shot.event_number for shot in self.gun.truth.shots]

    def connect(self) -> None:
        from gui.device_bridge import LinkState
        from gui.widgets.connection_panel import ConnectionTarget, TargetKind

        panel = self.window.connection_panel
        panel.select_target(ConnectionTarget(TargetKind.SIMULATOR))
        self.qtbot.mouseClick(panel.connect_button, Qt.MouseButton.LeftButton)
        self.qtbot.waitUntil(lambda: self.window.bridge.state is LinkState.CONNECTED, timeout=SESSION_WAIT_MS)
        setup = self.window.session_area.setup_page
        self.qtbot.waitUntil(lambda: setup.device is not None, timeout=SESSION_WAIT_MS)
        banner = setup.calibration_banner
        self.qtbot.waitUntil(lambda: banner.checked > 0, timeout=SESSION_WAIT_MS)  # calibration read

    # ------------------------------------------------------------------ the setup form
    @property
    def setup(self) -> Any:
        return self.window.session_area.setup_page

    @property
    def run(self) -> Any:
        return self.window.session_area.run_page

    def fill_setup(self, pseudonym: str = "MST-0042", expiry: date = date(2030, 6, 30)) -> None:
        """Pseudonym, a lot per product, consent, 'no' to every contraindication, and the calibration
        warning confirmed (the simulated gun was never calibrated)."""
        setup = self.setup
        self.confirm_calibration()
        setup.patient.pseudonym_edit.setText(pseudonym)
        for index in range(len(setup.lots.rows)):
            setup.lots.fill(index, f"L{index + 1}-2301", expiry)
        self.qtbot.mouseClick(setup.screening.consent_box, Qt.MouseButton.LeftButton)
        rows = list(setup.screening.rows.values())
        # Rows of a plan just chosen are laid out at the next event-loop turn: click them once shown.
        self.qtbot.waitUntil(lambda: all(row.no.isVisible() and row.no.width() > 1 for row in rows))
        for row in rows:
            self.qtbot.mouseClick(row.no, Qt.MouseButton.LeftButton)

    def confirm_calibration(self) -> None:
        """Tick 'I have read the calibration warning' when the gun's calibration is not in force."""
        box = self.setup.calibration_confirm
        if box.isVisibleTo(self.setup) and not box.isChecked():
            self.qtbot.waitUntil(lambda: box.isVisible() and box.width() > 1)
            self.qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
            assert box.isChecked()

    def start(self) -> None:
        """Click Start; wait until the first point is armed."""
        button = self.setup.start_button
        assert button.isEnabled(), self.setup.problems()
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        self.qtbot.waitUntil(
            lambda: self.window.session_area.currentWidget() is self.run, timeout=SESSION_WAIT_MS
        )
        self.wait_for(lambda s: s.armed and s.current_index == 0)

    # ------------------------------------------------------------------ the session
    @property
    def snapshot(self) -> Any:
        return self.window.session.snapshot

    def wait_for(self, predicate: Any, timeout_ms: int = SESSION_WAIT_MS) -> Any:
        """The session's snapshot (on the GUI thread) once ``predicate(snapshot)`` holds."""
        self.qtbot.waitUntil(
            lambda: self.snapshot is not None and predicate(self.snapshot), timeout=timeout_ms
        )
        return self.snapshot

    def wait_armed_at(self, index: int) -> Any:
        return self.wait_for(lambda s: s.armed and s.current_index == index and s.state.value == "running")

    def pull_trigger(self) -> None:
        """One pull of the simulated gun's trigger (press, delivery, release), off the GUI thread."""
        self.gun.pull_trigger()

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        """Press ``key`` on the session screen (a foot pedal is a keyboard)."""
        # The session's keys belong to the main window: after a dialog closes, the window manager gives
        # the focus back to it; the offscreen platform has none, so the test does it.
        self.window.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is self.window, timeout=SESSION_WAIT_MS)
        self.qtbot.keyClick(self.run, key, modifier)

    def doses(self) -> list[Any]:
        from mesogun.journal import SqliteJournal

        session_id = self.snapshot.session_id
        with SqliteJournal(self.journal_path) as journal:
            return journal.doses(session_id)


@pytest.fixture
def session_window(qtbot: Any, app_settings: AppSettings, sim_name: str, tmp_path: Path) -> Iterator[Any]:
    """The main window on a simulated gun (scaled clock) and a journal file of the test's own."""
    from gui.main_window import MainWindow
    from mesogun.simulation import start_simulated_gun

    def factory() -> Any:
        return start_simulated_gun(
            sim_name, clock_scale=SESSION_CLOCK_SCALE, journal_path=tmp_path / "gun-journal.bin"
        )

    window = MainWindow(app_settings, simulator_factory=factory, journal_path=tmp_path / "journal.sqlite")
    window.resize(1440, 900)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    yield window
    close_window(qtbot, window)


def close_window(qtbot: Any, window: Any) -> None:
    """Close ``window``, answering its questions with Close (a session is paused and left open)."""
    if window.isVisible():
        if window.session.active or window.bridge.is_connected:
            # Only then is a question asked: a press left waiting would answer a later test's box.
            press_on_next_box(QMessageBox.StandardButton.Close)
        window.close()
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=SESSION_WAIT_MS)
    window.deleteLater()


#: Presses still waiting for their message box; every one is called off when its test ends, so that
#: a press whose question never came cannot answer a later test's box.
_waiting_presses: list[dict[str, bool]] = []


def press_on_next_box(button: QMessageBox.StandardButton) -> None:
    """Press ``button`` on the next modal message box that has it (within the current test)."""
    waiting = {"live": True}
    _waiting_presses.append(waiting)

    def press() -> None:
        if not waiting["live"]:
            return
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.button(button) is not None:
            waiting["live"] = False
            box.button(button).click()
        else:
            QTimer.singleShot(20, press)

    QTimer.singleShot(0, press)


@pytest.fixture(autouse=True)
def _call_off_waiting_presses() -> Iterator[None]:
    yield
    for waiting in _waiting_presses:
        waiting["live"] = False
    _waiting_presses.clear()


@pytest.fixture
def driver(qtbot: Any, session_window: Any, sim_name: str, tmp_path: Path) -> SessionDriver:
    """Drives the session screens of ``session_window``."""
    return SessionDriver(qtbot, session_window, sim_name, tmp_path / "journal.sqlite")

"""Start-up builds the first screen only: the others, and the heavy modules they need, come when first
opened, and a screen built late starts from what the gun link already knows."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from test_main_window import TIMEOUT_MS, _answer_next_box, _connect_simulated

from gui.main_window import MainWindow
from gui.settings import AppSettings
from mesogun.simulation import SimulatedGunHandle, start_simulated_gun

ROOT = Path(__file__).resolve().parents[2]

_START_UP = """
import sys
from PySide6.QtCore import QSettings
from gui.app import create_application
from gui.main_window import MainWindow
from gui.settings import AppSettings
app = create_application(["test"])
window = MainWindow(AppSettings(QSettings(sys.argv[1], QSettings.Format.IniFormat)), journal_path=sys.argv[2])
window.show()
app.processEvents()
heavy = (
    "pyqtgraph",
    "numpy",
    "mesogun.calibration.volume_procedure",
    "mesogun.exports",
    "gui.pages.technician_page",
    "gui.pages.history_page",
)
print(" ".join(name for name in heavy if name in sys.modules))
window.bridge.shutdown()
"""


def test_start_up_imports_no_plot_calibration_or_export_code(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _START_UP, str(tmp_path / "settings.ini"), str(tmp_path / "journal.sqlite3")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1:] in ([], [""])


@pytest.fixture
def window(qtbot: QtBot, app_settings: AppSettings, sim_name: str, tmp_path: Path) -> Iterator[MainWindow]:
    def factory() -> SimulatedGunHandle:
        return start_simulated_gun(sim_name, clock_scale=20.0, journal_path=tmp_path / "gun-journal")

    win = MainWindow(app_settings, simulator_factory=factory, journal_path=tmp_path / "journal.sqlite3")
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.isVisible():
        _answer_next_box(QMessageBox.StandardButton.Close)
        win.close()
    win.deleteLater()


def test_a_screen_is_built_when_first_opened(qtbot: QtBot, window: MainWindow) -> None:
    assert window._history.built is None and window._technician.built is None
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window._history.built is not None
    assert window.current_page() is window.history_page
    assert window.nav_actions["history"].isChecked()
    assert window._technician.built is None  # still not opened


def test_the_bench_opened_after_connecting_knows_the_gun(qtbot: QtBot, window: MainWindow) -> None:
    _connect_simulated(qtbot, window)
    assert window._bench.built is None
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    controls = window.connection_page.delivery
    qtbot.waitUntil(lambda: controls.load_button.isEnabled(), timeout=TIMEOUT_MS)

"""The first screen is painted before anything it does not show: the built-in plans are parsed, the
sessions left open read and the serial ports scanned once the window is on screen, and ``ready`` says
when. How long that takes is measured by ``benchmarks/gui_benchmark.py``, not here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget
from pytest_mock import MockerFixture
from pytestqt.qtbot import QtBot

import gui.pages.session_setup_page as setup_page_module
from gui.main_window import MainWindow
from gui.settings import AppSettings
from mesogun.plans import list_builtin_plans

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_MS = 20_000

# The real entry point (``mesogun gui``): what the window holds at its first paint, then once ready.
_ENTRY = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget
from gui.app import create_application, run_app

app = create_application(["test"])
heavy = ("pyqtgraph", "numpy", "mesogun.exports", "mesogun.calibration.volume_procedure")
seen = []

def report_ready(window):
    setup = window.session_area.setup_page
    print("ready:", setup.plan_combo.count(), setup.plan.name, flush=True)
    QTimer.singleShot(0, window.close)

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if not seen and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            window = watched.window()
            if window.objectName() == "mainWindow":
                seen.append(window)
                setup = window.session_area.setup_page
                loaded = [name for name in heavy if name in sys.modules]
                print("painted:", setup.plan_combo.count(), window.is_ready, loaded, flush=True)
                window.ready.connect(lambda: report_ready(window))
        return False

first_paint = FirstPaint()
app.installEventFilter(first_paint)
print("exit:", run_app(["--journal", sys.argv[1], "--lang", "fr"]), flush=True)
"""


def test_the_app_paints_its_window_before_it_reads_the_plans(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # the app's settings, not the user's
    }
    done = subprocess.run(
        [sys.executable, "-c", _ENTRY, str(tmp_path / "journal.sqlite3")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    lines = [line for line in done.stdout.splitlines() if line.split(":")[0] in ("painted", "ready", "exit")]
    builtins = len(list_builtin_plans())
    assert lines == ["painted: 0 False []", f"ready: {builtins} mesostress", "exit: 0"], done.stderr


class _FirstPaintOf(QObject):
    """Calls ``at_first_paint`` when a widget of ``window`` is first painted."""

    def __init__(self, window: QWidget, at_first_paint: object) -> None:
        super().__init__()
        self._window = window
        self._at_first_paint = at_first_paint
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self.painted
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            self.painted = True
            assert callable(self._at_first_paint)
            self._at_first_paint()
        return False


def test_plans_and_ports_come_after_the_first_paint(
    qtbot: QtBot, app_settings: AppSettings, tmp_path: Path, mocker: MockerFixture
) -> None:
    parsed = mocker.spy(setup_page_module, "builtin_plan")  # counts the plans read; each is still read
    scans = mocker.spy(MainWindow, "refresh_ports")
    window = MainWindow(app_settings, journal_path=tmp_path / "journal.sqlite3")
    setup = window.session_area.setup_page
    at_paint: dict[str, object] = {}

    def record() -> None:
        at_paint.update(
            parsed=parsed.call_count,
            scans=scans.call_count,
            listed=setup.plan_combo.count(),
            ready=window.is_ready,
        )

    first_paint = _FirstPaintOf(window, record)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(first_paint)
    try:
        with qtbot.waitSignal(window.ready, timeout=TIMEOUT_MS):
            window.show()
    finally:
        app.removeEventFilter(first_paint)
    try:
        assert at_paint == {"parsed": 0, "scans": 0, "listed": 0, "ready": False}
        builtins = len(list_builtin_plans())
        assert window.is_ready and parsed.call_count == builtins and scans.call_count == 1
        assert setup.plan_combo.count() == builtins and setup.plan is not None
        assert setup.plan.name == "mesostress" and setup.preview.table.rowCount() > 0
        window.finish_start_up()  # a second time does nothing
        assert parsed.call_count == builtins and scans.call_count == 1
    finally:
        window.close()
        window.deleteLater()


def test_asking_for_the_plan_before_the_first_paint_reads_the_plans(
    qtbot: QtBot, app_settings: AppSettings, tmp_path: Path
) -> None:
    window = MainWindow(app_settings, journal_path=tmp_path / "journal.sqlite3")
    qtbot.addWidget(window)
    setup = window.session_area.setup_page
    assert not setup.builtin_plans_loaded
    setup.choose_builtin("mesolift")  # never shown: the plans are read when asked for
    assert setup.plan is not None and setup.plan.name == "mesolift"
    assert setup.plan_combo.count() == len(list_builtin_plans())

"""Desktop app benchmark: live-plot redraw rate, start-up time and memory, each next to a bare baseline.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_benchmark.py`` (or under Xvfb).
Prints a Markdown table. Absolute times vary with the machine's load; compare the ratios, which are
measured in the same run.

- Live plot: the application's TelemetryPlot (ring buffer + min/max decimation) against two bare
  pyqtgraph windows that draw the same 30 s × 1 kHz noisy traces: one without decimation, one with
  pyqtgraph's own downsampling ("peak" mode, automatic factor, clipped to the view). All three redraw
  as fast as they can while 1 kHz telemetry keeps arriving in 20-sample batches, in alternating rounds
  so that the machine's load falls on each alike.
- Paced: the TelemetryPlot with its own ≤ 30 Hz timer, fed at 1 kHz: frames drawn per second and the
  share of the GUI thread's time spent drawing.
- Start-up: a fresh interpreter until the main window's first paint, against one showing a bare
  QMainWindow and one showing a bare pyqtgraph plot window (runs alternate).
- Bounded buffer: resident set size after pushing 10 minutes' worth of 1 kHz telemetry through the plot
  (as fast as it goes, not at the real rate) against the size after the first minute's worth: the ring
  buffer is fixed, so it must not grow. The app at its real rate over a long day is measured by
  ``gui_session_memory.py``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QElapsedTimer
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_common import load_average  # noqa: E402

from gui.style import apply_theme  # noqa: E402
from gui.widgets.telemetry_plot import TelemetryPlot  # noqa: E402

RATE_HZ = 1000
BATCH = 20
WINDOW_S = 30.0
RUN_S = 4.0


class Feed:
    """Synthetic noisy telemetry at 1 kHz, in 20-sample batches, on a simulated device clock."""

    def __init__(self) -> None:
        self._rng = np.random.default_rng(1)
        self.sample = 0

    def batch(self, count: int = BATCH) -> tuple[np.ndarray, np.ndarray]:
        index = self.sample + np.arange(count)
        self.sample += count
        time_s = index / RATE_HZ
        needle = 2.0 + 1.5 * np.sin(time_s * 3.0) + self._rng.normal(0, 0.05, count)
        plunger = 10.0 + time_s * 0.01 + self._rng.normal(0, 0.02, count)
        pressure = 20.0 + 15.0 * (np.sin(time_s * 7.0) > 0.9) + self._rng.normal(0, 1.0, count)
        return time_s, np.vstack([needle, plunger, pressure])


def _fill_window(feed: Feed, add: Callable[[np.ndarray, np.ndarray], None]) -> None:
    for _ in range(int(WINDOW_S * RATE_HZ / BATCH)):
        add(*feed.batch())


def bench_app_plot(app: QApplication, run_s: float) -> float:
    """Frames per second of the application's plot redrawn as fast as possible."""
    plot = TelemetryPlot(WINDOW_S, RATE_HZ)
    plot.resize(1000, 600)
    plot.show()
    feed = Feed()
    _fill_window(feed, plot.add_samples)
    frames = 0
    start = time.perf_counter()
    next_batch = start
    while time.perf_counter() - start < run_s:
        while next_batch <= time.perf_counter():  # keep the 1 kHz stream flowing in real time
            plot.add_samples(*feed.batch())
            next_batch += BATCH / RATE_HZ
        plot.redraw()
        plot.repaint_now()
        app.processEvents()
        frames += 1
    elapsed = time.perf_counter() - start
    plot.close()
    return frames / elapsed


def bench_bare_plot(app: QApplication, run_s: float, *, downsample: bool) -> float:
    """Frames per second of a bare pyqtgraph window given the full 30 s traces each frame; with
    ``downsample``, pyqtgraph's own peak downsampling (automatic factor) and clipping to the view."""
    widget = pg.GraphicsLayoutWidget()
    curves = []
    for row in range(3):
        item = widget.addPlot(row=row, col=0)
        curve = item.plot(pen=pg.mkPen("#1D6FA5", width=1), antialias=False)
        if downsample:
            curve.setDownsampling(auto=True, method="peak")
            curve.setClipToView(True)
        curves.append(curve)
    widget.resize(1000, 600)
    widget.show()
    feed = Feed()
    capacity = int(WINDOW_S * RATE_HZ)
    time_s = np.zeros(0)
    values = np.zeros((3, 0))

    def add(t: np.ndarray, v: np.ndarray) -> None:
        nonlocal time_s, values
        time_s = np.concatenate((time_s, t))[-capacity:]
        values = np.concatenate((values, v), axis=1)[:, -capacity:]

    _fill_window(feed, add)
    frames = 0
    start = time.perf_counter()
    next_batch = start
    while time.perf_counter() - start < run_s:
        while next_batch <= time.perf_counter():
            add(*feed.batch())
            next_batch += BATCH / RATE_HZ
        for row, curve in enumerate(curves):
            curve.setData(time_s - time_s[-1], values[row])
        widget.viewport().repaint()
        app.processEvents()
        frames += 1
    elapsed = time.perf_counter() - start
    widget.close()
    return frames / elapsed


def bench_paced(app: QApplication) -> tuple[float, float]:
    """(frames/s, share of time drawing) of the plot on its own ≤ 30 Hz timer, fed at 1 kHz."""
    plot = TelemetryPlot(WINDOW_S, RATE_HZ)
    plot.resize(1000, 600)
    plot.show()
    feed = Feed()
    _fill_window(feed, plot.add_samples)
    drawing_s = 0.0
    original = plot.redraw

    def timed_redraw() -> None:
        nonlocal drawing_s
        timer = QElapsedTimer()
        timer.start()
        original()
        plot.repaint_now()
        drawing_s += timer.nsecsElapsed() / 1e9

    plot.redraw = timed_redraw  # type: ignore[method-assign]
    frames_before = plot.frames_drawn
    start = time.perf_counter()
    next_batch = start
    while time.perf_counter() - start < RUN_S:
        while next_batch <= time.perf_counter():
            plot.add_samples(*feed.batch())
            next_batch += BATCH / RATE_HZ
        app.processEvents()
        time.sleep(0.002)
    elapsed = time.perf_counter() - start
    plot.close()
    return (plot.frames_drawn - frames_before) / elapsed, drawing_s / elapsed


# Each program prints the seconds from its first line to the first paint of a widget of its window.
_FIRST_PAINT = """
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is window
            and not getattr(self, "seen", False)
        ):
            self.seen = True
            print(time.perf_counter() - start, flush=True)
            QTimer.singleShot(0, finish)
        return False
"""

_STARTUP_APP = (
    "import time; start = time.perf_counter()\n"
    + _FIRST_PAINT
    + """
from gui.app import create_application
from gui.settings import AppSettings
from PySide6.QtCore import QSettings
app = create_application(["bench"])
from gui.main_window import MainWindow
window = MainWindow(AppSettings(QSettings({ini!r}, QSettings.Format.IniFormat)))
painted = FirstPaint()
app.installEventFilter(painted)
def finish():
    window.bridge.shutdown()
    app.quit()
window.show()
app.exec()
"""
)

_STARTUP_BARE = (
    "import time; start = time.perf_counter()\n"
    + _FIRST_PAINT
    + """
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(["bench"])
window = QMainWindow(); window.setCentralWidget(QLabel("bare")); window.resize(1280, 800)
painted = FirstPaint()
app.installEventFilter(painted)
finish = app.quit
window.show()
app.exec()
"""
)

_STARTUP_PYQTGRAPH = (
    "import time; start = time.perf_counter()\n"
    + _FIRST_PAINT
    + """
import pyqtgraph as pg
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(["bench"])
window = QMainWindow(); plot = pg.PlotWidget(); plot.plot([0, 1, 2], [0, 1, 0])
window.setCentralWidget(plot); window.resize(1280, 800)
painted = FirstPaint()
app.installEventFilter(painted)
finish = app.quit
window.show()
app.exec()
"""
)


def bench_startup(runs: int = 3) -> dict[str, tuple[float, float]]:
    """Median seconds per program (app, bare Qt, bare pyqtgraph): (whole process until it exits, from
    the interpreter's first line to the window's first paint). Runs alternate between the programs."""
    ini = str(Path(os.environ.get("TMPDIR", "/tmp")) / "mesogun-bench-settings.ini")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    programs = {
        "app": _STARTUP_APP.format(ini=ini),
        "qt": _STARTUP_BARE,
        "pyqtgraph": _STARTUP_PYQTGRAPH,
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in programs}
    for _ in range(runs):
        for name, code in programs.items():
            begin = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, timeout=120
            )
            total = time.perf_counter() - begin
            times[name].append((total, float(out.stdout.strip().splitlines()[0])))
    return {
        name: (statistics.median(t for t, _ in found), statistics.median(p for _, p in found))
        for name, found in times.items()
    }


def rss_mb() -> float:
    """Resident set size of this process, MB (Linux)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def bench_memory(app: QApplication, minutes: int = 10) -> tuple[float, float]:
    """RSS (MB) after 1 minute and after ``minutes`` minutes of 1 kHz telemetry through the plot."""
    plot = TelemetryPlot(WINDOW_S, RATE_HZ)
    plot.resize(1000, 600)
    plot.show()
    feed = Feed()
    batches_per_frame = 33  # ~30 frames per simulated second
    after_first_minute = 0.0
    for index in range(minutes * 60 * RATE_HZ // BATCH):
        plot.add_samples(*feed.batch())
        if index % batches_per_frame == 0:
            plot.redraw()
            app.processEvents()
        if index == 60 * RATE_HZ // BATCH:
            after_first_minute = rss_mb()
    end = rss_mb()
    plot.close()
    return after_first_minute, end


def bench_plots(app: QApplication, rounds: int = 3) -> tuple[float, float, float]:
    """Median frames/s of (the app's plot, bare pyqtgraph, bare pyqtgraph with its downsampling),
    measured in alternating rounds."""
    run_s = RUN_S / rounds
    found: tuple[list[float], list[float], list[float]] = ([], [], [])
    for _ in range(rounds):
        found[0].append(bench_app_plot(app, run_s))
        found[1].append(bench_bare_plot(app, run_s, downsample=False))
        found[2].append(bench_bare_plot(app, run_s, downsample=True))
    ours, bare, downsampled = (statistics.median(values) for values in found)
    return ours, bare, downsampled


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_theme(app)
    print(f"Before: {load_average()}\n")
    ours, bare, downsampled = bench_plots(app)
    paced_fps, paced_busy = bench_paced(app)
    startup = bench_startup()
    rss_first, rss_end = bench_memory(app)
    platform = os.environ.get("QT_QPA_PLATFORM") or "xcb"
    print(f"GUI benchmark (Qt platform: {platform}; 30 s window at {RATE_HZ} Hz, noisy traces)\n")
    print("| measure | mesogun | baseline | ratio |")
    print("|---|---|---|---|")
    print(
        f"| live plot, redraws as fast as possible (frames/s) | {ours:.1f} | {bare:.1f} (bare pyqtgraph, "
        f"no decimation) | {ours / bare:.2f}× |"
    )
    print(
        f"| live plot, redraws as fast as possible (frames/s) | {ours:.1f} | {downsampled:.1f} (bare "
        f"pyqtgraph, its own peak downsampling and clipping) | {ours / downsampled:.2f}× |"
    )
    print(
        f"| live plot on its 30 Hz timer (frames/s) | {paced_fps:.1f} | 30 (target) | {paced_fps / 30:.2f} |"
    )
    print(f"| GUI thread time spent drawing, paced | {paced_busy:.1%} | — | — |")
    app_total, app_paint = startup["app"]
    for name, label in (("qt", "bare QMainWindow"), ("pyqtgraph", "bare pyqtgraph plot window")):
        total, paint = startup[name]
        print(
            f"| start-up: first paint of the window (s) | {app_paint:.2f} | {paint:.2f} ({label}) | "
            f"{app_paint / paint:.2f}× |"
        )
        print(
            f"| start-up: whole process, start to exit (s) | {app_total:.2f} | {total:.2f} ({label}) | "
            f"{app_total / total:.2f}× |"
        )
    print(
        f"| bounded buffer: RSS after 10 min of 1 kHz samples, fed as fast as possible (MB) | "
        f"{rss_end:.1f} | {rss_first:.1f} (after 1 min) | {rss_end / rss_first:.3f} |"
    )
    print(f"\nAfter: {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

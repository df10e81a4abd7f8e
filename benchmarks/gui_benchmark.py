"""Desktop app benchmark: live-plot redraw rate, start-up time and memory, each next to a bare baseline.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_benchmark.py`` (or under Xvfb).
Prints a Markdown table. Absolute times vary with the machine's load; compare the ratios, which are
measured in the same run.

- Live plot: the application's TelemetryPlot (ring buffer + min/max decimation) against a bare
  pyqtgraph window that draws the same 30 s × 1 kHz noisy traces without decimation; both redraw as
  fast as they can for a few seconds while 1 kHz telemetry keeps arriving in 20-sample batches.
- Paced: the TelemetryPlot with its own ≤ 30 Hz timer, fed at 1 kHz: frames drawn per second and the
  share of the GUI thread's time spent drawing.
- Start-up: a fresh interpreter showing the main window (first paint) against one showing a bare
  QMainWindow.
- Memory: resident set size after feeding the plot 10 minutes of 1 kHz telemetry (as fast as possible)
  against the size after the first minute: the ring buffer is fixed, so it must not grow.
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


def bench_app_plot(app: QApplication) -> float:
    """Frames per second of the application's plot redrawn as fast as possible."""
    plot = TelemetryPlot(WINDOW_S, RATE_HZ)
    plot.resize(1000, 600)
    plot.show()
    feed = Feed()
    _fill_window(feed, plot.add_samples)
    frames = 0
    start = time.perf_counter()
    next_batch = start
    while time.perf_counter() - start < RUN_S:
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


def bench_bare_plot(app: QApplication) -> float:
    """Frames per second of a bare pyqtgraph window given the full 30 s traces each frame."""
    widget = pg.GraphicsLayoutWidget()
    curves = []
    for row in range(3):
        item = widget.addPlot(row=row, col=0)
        curves.append(item.plot(pen=pg.mkPen("#1D6FA5", width=1), antialias=False))
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
    while time.perf_counter() - start < RUN_S:
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


_STARTUP_APP = """
import time; start = time.perf_counter()
from PySide6.QtCore import QTimer
from gui.app import create_application
from gui.settings import AppSettings
from PySide6.QtCore import QSettings
app = create_application(["bench"])
from gui.main_window import MainWindow
window = MainWindow(AppSettings(QSettings({ini!r}, QSettings.Format.IniFormat)))
window.show()
def done():
    print(time.perf_counter() - start)
    window.bridge.shutdown()
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""

_STARTUP_BARE = """
import time; start = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(["bench"])
window = QMainWindow(); window.setCentralWidget(QLabel("bare")); window.resize(1280, 800); window.show()
QTimer.singleShot(0, lambda: (print(time.perf_counter() - start), app.quit()))
app.exec()
"""


def bench_startup(runs: int = 3) -> tuple[float, float]:
    """Median seconds (app main window, bare window) from interpreter start to the first event loop turn."""
    ini = str(Path(os.environ.get("TMPDIR", "/tmp")) / "mesogun-bench-settings.ini")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(code: str) -> float:
        begin = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, timeout=120
        )
        # Whole process time (interpreter start-up and imports included), not only the inner timing.
        total = time.perf_counter() - begin
        float(out.stdout.strip().splitlines()[-1])
        return total

    app_times = [run(_STARTUP_APP.format(ini=ini)) for _ in range(runs)]
    bare_times = [run(_STARTUP_BARE) for _ in range(runs)]
    return statistics.median(app_times), statistics.median(bare_times)


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


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_theme(app)
    ours = bench_app_plot(app)
    bare = bench_bare_plot(app)
    paced_fps, paced_busy = bench_paced(app)
    app_start, bare_start = bench_startup()
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
        f"| live plot on its 30 Hz timer (frames/s) | {paced_fps:.1f} | 30 (target) | {paced_fps / 30:.2f} |"
    )
    print(f"| GUI thread time spent drawing, paced | {paced_busy:.1%} | — | — |")
    print(
        f"| start-up to first event loop turn (s, process) | {app_start:.2f} | {bare_start:.2f} "
        f"(bare QMainWindow) | {app_start / bare_start:.2f}× |"
    )
    print(
        f"| RSS after 10 min of 1 kHz telemetry (MB) | {rss_end:.1f} | {rss_first:.1f} (after 1 min) | "
        f"{rss_end / rss_first:.3f} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

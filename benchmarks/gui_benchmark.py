"""Desktop app benchmark: live-plot redraw rate, start-up time and memory, each next to a bare baseline.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_benchmark.py [--startup]`` (or under
Xvfb; ``--startup``: the start-up rows only). Prints a Markdown table. Absolute times vary with the
machine's load; compare the ratios, which are measured in the same run.

- Live plot: the application's TelemetryPlot (ring buffer + min/max decimation) against two bare
  pyqtgraph windows that draw the same 30 s × 1 kHz noisy traces: one without decimation, one with
  pyqtgraph's own downsampling ("peak" mode, automatic factor, clipped to the view). All three redraw
  as fast as they can while 1 kHz telemetry keeps arriving in 20-sample batches, in alternating rounds
  so that the machine's load falls on each alike.
- Paced: the TelemetryPlot with its own ≤ 30 Hz timer, fed at 1 kHz: frames drawn per second and the
  share of the GUI thread's time spent drawing.
- Start-up: a fresh interpreter through the app's real entry point (``mesogun gui``, French) until the
  main window's first paint, and until it is ready (plan list filled, ports and open sessions asked
  for), against one showing a bare QMainWindow and one showing a bare pyqtgraph plot window (runs
  alternate), all from compiled bytecode as an installed package runs.
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
import tempfile
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


# Each program prints "<mark> <seconds since its first line> <CPU seconds since then>" lines (CPU time
# moves less than wall-clock time with the load of a shared machine): "qt" once the QApplication exists,
# "paint" at the first paint of a widget of its window (``is_ours``), "ready" when it is ready
# (``when_ready``); then it quits. The app also prints "modules" (its window's modules imported) and
# "built" (its window built and shown).
_FIRST_PAINT = """
import time; start = time.perf_counter(); start_cpu = time.process_time()
def mark(name):
    print(name, time.perf_counter() - start, time.process_time() - start_cpu, flush=True)
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        kind = event.type()
        if kind == QEvent.Type.Show and watched is window_of_ours():
            mark("built")
        if (
            kind == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and is_ours(watched)
            and not getattr(self, "seen", False)
        ):
            self.seen = True
            mark("paint")
            when_ready(lambda: (mark("ready"), QTimer.singleShot(0, finish)))
        return False
"""

# The real entry point, ``mesogun gui``: settings, French translations, the window, its first paint;
# then ready (the plan list filled, the ports and the sessions left open asked for).
_STARTUP_APP = (
    _FIRST_PAINT
    + """
from gui.app import create_application
app = create_application(["bench"])
mark("qt")
import gui.main_window
from gui.entry import main
mark("modules")
def window_of_ours():
    return next((w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow"), None)
def is_ours(widget):
    return widget.window().objectName() == "mainWindow"
def when_ready(then):
    window_of_ours().ready.connect(then)
def finish():
    for widget in QApplication.topLevelWidgets():
        widget.close()
painted = FirstPaint()
app.installEventFilter(painted)
main(["gui", "--journal", {journal!r}, "--lang", "fr"])
"""
)

_STARTUP_BARE = (
    _FIRST_PAINT
    + """
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(["bench"])
mark("qt")
window = QMainWindow(); window.setCentralWidget(QLabel("bare")); window.resize(1280, 800)
window_of_ours = lambda: window
is_ours = lambda widget: widget.window() is window
when_ready = lambda then: then()
painted = FirstPaint()
app.installEventFilter(painted)
finish = app.quit
window.show()
app.exec()
"""
)

_STARTUP_PYQTGRAPH = (
    _FIRST_PAINT
    + """
import pyqtgraph as pg
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(["bench"])
mark("qt")
window = QMainWindow(); plot = pg.PlotWidget(); plot.plot([0, 1, 2], [0, 1, 0])
window.setCentralWidget(plot); window.resize(1280, 800)
window_of_ours = lambda: window
is_ours = lambda widget: widget.window() is window
when_ready = lambda then: then()
painted = FirstPaint()
app.installEventFilter(painted)
finish = app.quit
window.show()
app.exec()
"""
)

#: The marks every start-up program prints, and the app's own.
_MARKS = ("qt", "built", "paint", "ready")
_APP_MARKS = ("qt", "modules", "built", "paint", "ready")


def bench_startup(runs: int = 5) -> dict[str, list[dict[str, float]]]:
    """Start-up of each program (app, bare Qt, bare pyqtgraph) in a fresh interpreter each run, runs
    alternating between the programs: per program, per run, the seconds from its first line to each
    mark, and to its exit ("exit").

    The programs run as an installed package does, from bytecode compiled once (pip compiles it at
    install): a first round writes the bytecode to a cache directory of its own and is not counted.
    Without it every start would compile the app's sources again (``PYTHONDONTWRITEBYTECODE``).
    """
    with tempfile.TemporaryDirectory(prefix="mesogun-startup-") as scratch:
        folder = Path(scratch)
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "PYTHONPYCACHEPREFIX": str(folder / "bytecode"),
            "XDG_CONFIG_HOME": str(folder / "config"),  # the app's settings: not the user's
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        programs = {
            "app": _STARTUP_APP.format(journal=str(folder / "journal.sqlite3")),
            "qt": _STARTUP_BARE,
            "pyqtgraph": _STARTUP_PYQTGRAPH,
        }
        runs_of: dict[str, list[dict[str, float]]] = {name: [] for name in programs}
        for round_number in range(runs + 1):
            for name, code in programs.items():
                begin = time.perf_counter()
                command = [sys.executable, "-c", code]
                out = subprocess.run(command, capture_output=True, text=True, env=env, check=True, timeout=99)
                marks = {"exit": time.perf_counter() - begin}
                for line in out.stdout.splitlines():
                    mark, seconds, cpu_seconds = line.split()
                    marks.setdefault(mark, float(seconds))  # the first of each
                    marks.setdefault(f"{mark} cpu", float(cpu_seconds))
                expected = _APP_MARKS if name == "app" else _MARKS
                if set(expected) - set(marks):
                    raise RuntimeError(f"start-up of {name}: marks missing in {out.stdout!r} {out.stderr!r}")
                if round_number > 0:  # the first round compiles the bytecode
                    runs_of[name].append(marks)
    return runs_of


def _median(runs: list[dict[str, float]], mark: str, after: str | None = None) -> float:
    """Median seconds to ``mark`` (from ``after``, else from the program's first line)."""
    return statistics.median(run[mark] - (run[after] if after else 0.0) for run in runs)


def print_startup(runs_of: dict[str, list[dict[str, float]]]) -> None:
    """The start-up rows of the table: the app against both bare windows (medians), then where the
    app's time goes (median of each phase)."""
    startup = {name: {mark: _median(runs, mark) for mark in runs[0]} for name, runs in runs_of.items()}
    app = startup["app"]
    rows = (
        ("paint", "first paint of the window (s)"),
        ("paint cpu", "CPU time to first paint (s)"),
        ("exit", "whole process, start to exit (s)"),
    )
    for mark, what in rows:
        for name, label in (("qt", "bare QMainWindow"), ("pyqtgraph", "bare pyqtgraph plot window")):
            ours, floor = app[mark], startup[name][mark]
            print(f"| start-up: {what} | {ours:.2f} | {floor:.2f} ({label}) | {ours / floor:.2f}× |")
    print(f"| start-up: ready, plan list filled and ports asked for (s) | {app['ready']:.2f} | — | — |")
    # (phase, its end mark, the app's mark before it, the bare window's mark before it or None)
    phases = (
        ("Python, Qt, `gui.app` and the QApplication", "qt", None, ""),
        ("importing the window's modules (journal, gun link, session, forms)", "modules", "qt", None),
        ("building the window and opening the journal", "built", "modules", "qt"),
        ("laying out and painting the window", "paint", "built", "built"),
        ("after the paint: plans read, ports and open sessions asked for", "ready", "paint", None),
    )
    print("\n| app start-up phase (median of each; s, CPU s) | app | app CPU | bare QMainWindow | bare CPU |")
    print("|---|---|---|---|---|")
    for what, mark, after, bare_after in phases:
        bare = "— | —" if bare_after is None else _phase(runs_of["qt"], mark, bare_after or None)
        print(f"| {what} | {_phase(runs_of['app'], mark, after)} | {bare} |")


def _phase(runs: list[dict[str, float]], mark: str, after: str | None) -> str:
    """Median seconds and CPU seconds from ``after`` (else the first line) to ``mark``, as two cells."""
    wall = _median(runs, mark, after)
    cpu = _median(runs, f"{mark} cpu", None if after is None else f"{after} cpu")
    return f"{wall:.3f} | {cpu:.3f}"


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
    if "--startup" in sys.argv[1:]:  # the start-up rows only
        print(f"Before: {load_average()}\n")
        startup = bench_startup()
        print("| measure | mesogun | baseline | ratio |")
        print("|---|---|---|---|")
        print_startup(startup)
        print(f"\nAfter: {load_average()}")
        return 0
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
    print_startup(startup)
    print(
        f"| bounded buffer: RSS after 10 min of 1 kHz samples, fed as fast as possible (MB) | "
        f"{rss_end:.1f} | {rss_first:.1f} (after 1 min) | {rss_end / rss_first:.3f} |"
    )
    print(f"\nAfter: {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

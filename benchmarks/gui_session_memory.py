"""Memory of the desktop app over a long simulated day: many nappage sessions through the main window.

The main window runs on a simulated gun (mechanics 40× real time by default, ``--clock 1`` for a
practitioner's pace; 1 kHz telemetry on the live plot):
the setup form is filled, the session started, and the gun's trigger held for every nappage point until
the plan completes; the summary shows, then the next session starts. The resident set size and the
number of live Python objects are read after the first sessions (warm) and at the end, and a 5 ms timer
on the GUI thread measures how long the event loop is ever kept from running. A fixed-size
ring buffer, widgets rebuilt rather than accumulated and a journal read in bounded pages mean the end
figures should match the warm ones.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_session_memory.py [--sessions 20]``
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gui.app import create_application  # noqa: E402
from gui.device_bridge import LinkState  # noqa: E402
from gui.gui_thread_gc import install_gui_thread_collector  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402
from gui.settings import AppSettings  # noqa: E402
from gui.widgets.connection_panel import ConnectionTarget, TargetKind  # noqa: E402
from mesogun.journal import DATA_DIR_ENV  # noqa: E402
from mesogun.session import SessionState  # noqa: E402
from mesogun.simulation import start_simulated_gun  # noqa: E402

PLAN = "cellulite"  # four nappage zones, 100 shots
WAIT_S = 60.0


def wait_until(app: QApplication, predicate: Callable[[], bool], what: str) -> None:
    """Turn the event loop until ``predicate()`` holds (the GUI keeps painting and receiving signals)."""
    deadline = time.monotonic() + WAIT_S
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit(f"gave up waiting for {what}")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        # No exec() runs here: deliver the deferred deletions a running event loop would.
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        time.sleep(0.002)


FRAME_S = 1 / 60


class LoopWatch:
    """Ticks every ``interval_ms`` on the GUI thread; a late tick is the event loop blocked that long.

    Each lateness is filed under ``running`` when ``running()`` is true at the tick (a session in the
    RUNNING state: the point list, card, body map, plots and 1 kHz telemetry all live), else under
    ``between`` (setup form, session end, summary).
    """

    def __init__(self, running: Callable[[], bool], interval_ms: int = 5) -> None:
        self.interval_s = interval_ms / 1000
        self.late_s: dict[str, list[float]] = {"running": [], "between": []}
        self._running = running
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.late_s["running" if self._running() else "between"].append(
            max(0.0, now - self._last - self.interval_s)
        )
        self._last = now

    def stop(self) -> None:
        self._timer.stop()

    def summary(self, part: str) -> str:
        """p50, p99, max and frames missed of one part of the run."""
        late = sorted(self.late_s[part])
        if not late:
            return "no ticks"

        def at(fraction: float) -> float:
            return late[min(len(late) - 1, round(fraction * (len(late) - 1)))] * 1000

        missed = sum(value > FRAME_S for value in late)
        return (
            f"{len(late):,} ticks, p50 {at(0.5):.1f} ms, p99 {at(0.99):.1f} ms, "
            f"max {late[-1] * 1000:.1f} ms, late by more than a frame {missed} times"
        )


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def live_objects() -> int:
    """Live Python objects of the app: the simulated gun's own memory (its event log and ground truth,
    which a real gun keeps in its flash) is left out."""
    gc.collect()
    # Objects frozen at start-up are out of gc.get_objects() but still alive: counted too.
    return gc.get_freeze_count() + sum(
        1
        for o in gc.get_objects()
        if not type(o).__module__.startswith(("simulators", "firmware_protocol.messages"))
    )


def run_one_session(app: QApplication, window: MainWindow, gun: Any, number: int) -> None:
    """Fill the setup form, start, hold the trigger through each nappage point, wait for the summary."""
    setup = window.session_area.setup_page
    wait_until(app, lambda: window.session_area.currentWidget() is setup, "the setup form")
    setup.choose_builtin(PLAN)
    box = setup.calibration_confirm
    if box.isVisibleTo(setup) and not box.isChecked():
        box.click()
    setup.patient.pseudonym_edit.setText(f"BENCH-{number:04d}")
    for index in range(len(setup.lots.rows)):
        setup.lots.fill(index, f"L{index + 1}", date(2030, 1, 31))
    if not setup.screening.consent_box.isChecked():
        setup.screening.consent_box.click()
    for row in setup.screening.rows.values():
        row.no.click()
    wait_until(app, setup.start_button.isEnabled, f"Start enabled ({setup.problems()})")
    setup.start_button.click()
    session = window.session

    def snapshot() -> Any:
        return session.snapshot

    while True:
        wait_until(
            app,
            lambda: (
                snapshot() is not None
                and (
                    snapshot().state is SessionState.COMPLETED
                    or (snapshot().armed and not gun.trigger_pressed)
                )
            ),
            "an armed point",
        )
        current = snapshot()
        if current.state is SessionState.COMPLETED:
            break
        index = current.current_index
        gun.press_trigger()  # nappage: the burst runs while the trigger is held
        wait_until(
            app,
            lambda i=index: snapshot().current_index != i or snapshot().state is SessionState.COMPLETED,
            "the point's target",
        )
        gun.release_trigger()
    summary = window.summary_page
    wait_until(app, lambda: window.current_page() is summary, "the summary")
    wait_until(app, lambda: getattr(summary, "record", None) is not None, "the summary's figures")
    summary.new_button.click()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--clock", type=float, default=40.0, help="the simulated gun's speed, × real time (default 40)"
    )
    parser.add_argument("--sessions", type=int, default=20, help="sessions to run (default 20)")
    parser.add_argument(
        "--warm",
        type=int,
        default=6,
        help="sessions before the first reading (default 6: the bench list is full)",
    )
    args = parser.parse_args()
    app = create_application(["mesogun-bench"])  # as the app: themed, garbage collected on this thread
    with tempfile.TemporaryDirectory(prefix="mesogun-gui-memory-") as scratch:
        directory = Path(scratch)
        os.environ[DATA_DIR_ENV] = str(directory / "data")
        settings = AppSettings(QSettings(str(directory / "settings.ini"), QSettings.Format.IniFormat))
        settings.telemetry_rate_hz = 1000
        name = "bench-memory"

        def factory() -> Any:
            return start_simulated_gun(name, clock_scale=args.clock, journal_path=directory / "gun.events")

        window = MainWindow(settings, simulator_factory=factory, journal_path=directory / "journal.sqlite3")
        window.resize(1440, 900)
        window.show()
        install_gui_thread_collector(app).freeze_survivors()
        window.connection_panel.select_target(ConnectionTarget(TargetKind.SIMULATOR))
        window.connection_panel.connect_button.click()
        wait_until(app, lambda: window.bridge.state is LinkState.CONNECTED, "the connection")
        from simulators import registry

        gun = registry.get_gun(name)
        started = time.perf_counter()
        watch = LoopWatch(
            lambda: (
                window.session.snapshot is not None and window.session.snapshot.state is SessionState.RUNNING
            )
        )
        readings: list[tuple[int, float, int, int]] = []
        for number in range(1, args.sessions + 1):
            run_one_session(app, window, gun, number)
            if number in (args.warm, args.sessions):
                readings.append((number, rss_mb(), live_objects(), len(gun.truth.shots)))
        elapsed = time.perf_counter() - started
        watch.stop()
        (warm_n, warm_rss, warm_objects, warm_shots), (end_n, end_rss, end_objects, end_shots) = readings
        print(f"GUI over a long day ({PLAN}, {args.clock:g}× clock, 1 kHz telemetry; {elapsed:.0f} s)\n")
        print("| after | sessions | shots journaled | RSS (MB) | live Python objects of the app |")
        print("|---|---|---|---|---|")
        print(f"| warm-up | {warm_n} | {warm_shots} | {warm_rss:.1f} | {warm_objects:,} |")
        print(f"| end | {end_n} | {end_shots} | {end_rss:.1f} | {end_objects:,} |")
        per_session = (end_rss - warm_rss) / max(1, end_n - warm_n)
        print(
            f"\nRSS end / warm-up: {end_rss / warm_rss:.3f} ({per_session * 1024:+.0f} kB per session); "
            f"objects end / warm-up: {end_objects / warm_objects:.3f}"
        )
        print("GUI thread, a 5 ms timer's lateness (a frame at 60 Hz: 16.7 ms):")
        print(f"- while a session runs: {watch.summary('running')}")
        print(f"- between sessions (setup, end, summary): {watch.summary('between')}")
        window.disconnect_from_gun()  # then closing asks nothing
        wait_until(app, lambda: window.bridge.state is LinkState.DISCONNECTED, "the disconnection")
        window.close()
        registry.remove_gun(name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

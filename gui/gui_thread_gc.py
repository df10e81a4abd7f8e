"""Python's cyclic garbage collection, run on the GUI thread only.

CPython collects reference cycles on whichever thread happens to allocate past the threshold. In this
app that is often a link, telemetry or worker thread. When such a cycle holds a Qt widget (a window
and the lambdas connected to its signals, say), the widget is destroyed on that thread: Qt then
deadlocks or the interpreter segfaults. So the automatic collector is switched off and the same
generational rule is applied from a timer on the GUI thread, where destroying widgets is safe.
Reference counting is untouched: objects without cycles are still freed at once, on any thread.

Once the main window is up, what start-up built (modules, Qt wrappers, plots: about 100 000 objects)
lives as long as the app. ``freeze_survivors`` moves it out of the collector's sight, so that a full
collection during a session looks at the session's objects only (``benchmarks/gc_pause_benchmark.py``:
34 ms before, under 0.01 ms after, so a full collection no longer costs frames).
"""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QCoreApplication, QObject, QTimer

#: How often the GUI thread looks at the collector's counts (ms). Allocation between two looks is
#: bounded by what the app does in that time; a look that finds nothing to do costs about a µs.
CHECK_INTERVAL_MS = 250


class GuiThreadCollector(QObject):
    """Disables automatic collection and collects, generation by generation, on its owner's thread.

    The thresholds are the interpreter's (``gc.get_threshold()`` when installed): generation 0 is
    collected once its allocation count passes the first threshold, generation 1 after as many
    generation-0 collections as the second, generation 2 after as many generation-1 collections as the
    third, which is what CPython itself does, only on the GUI thread.
    """

    def __init__(self, parent: QObject | None = None, interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._thread_id = threading.get_ident()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self.start()

    def start(self) -> None:
        """Switch automatic collection off and collect from the timer instead."""
        gc.disable()
        self._timer.start()

    def pause(self) -> None:
        """Stop looking at the counts until ``start`` (automatic collection stays off). Start-up allocates
        much that lives as long as the app: a collection before the window is painted only delays it."""
        self._timer.stop()

    @property
    def active(self) -> bool:
        """True while automatic collection is off and the timer collects instead."""
        return self._timer.isActive() and not gc.isenabled()

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds (on the calling thread)."""
        count_0, count_1, count_2 = gc.get_count()
        threshold_0, threshold_1, threshold_2 = self._thresholds
        if count_0 <= threshold_0:
            return
        generation = 0
        if count_1 >= threshold_1:
            generation = 2 if count_2 >= threshold_2 else 1
        gc.collect(generation)

    def collect_now(self) -> int:
        """A full collection right now, on the calling thread; returns the unreachable objects found."""
        if threading.get_ident() != self._thread_id:
            raise RuntimeError("garbage with Qt objects must be collected on the GUI thread")
        return gc.collect()

    def freeze_survivors(self) -> int:
        """Collect, then exempt every object still alive from later collections (they stay alive: the
        collector only stops scanning them). Returns how many objects are frozen."""
        self.collect_now()
        gc.freeze()
        return gc.get_freeze_count()

    def stop(self) -> None:
        """Stop the timer and give collection back to the interpreter."""
        self._timer.stop()
        gc.enable()


_installed: GuiThreadCollector | None = None


def install_gui_thread_collector(app: QCoreApplication) -> GuiThreadCollector:
    """The application's collector, created on first call and started again if stopped (call it on the
    GUI thread)."""
    global _installed
    if _installed is None:
        _installed = GuiThreadCollector(app)
    elif not _installed.active:
        _installed.start()
    return _installed

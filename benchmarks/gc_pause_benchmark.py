"""How long a full garbage collection holds the GUI thread, with the main window open.

The app collects reference cycles on the GUI thread only (``gui/gui_thread_gc.py``) and, once its
window is up, freezes what start-up built out of the collector's sight. This measures a full
collection (best of 7) with the window open, before and after that freeze, in the same process.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gc_pause_benchmark.py``
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402

from gui.app import create_application  # noqa: E402
from gui.gui_thread_gc import install_gui_thread_collector  # noqa: E402
from gui.settings import AppSettings  # noqa: E402
from mesogun.journal import DATA_DIR_ENV  # noqa: E402

REPEATS = 7


def full_collection_ms() -> float:
    """The shortest of ``REPEATS`` full collections, ms."""
    best_s = float("inf")
    for _ in range(REPEATS):
        started = time.perf_counter()
        gc.collect()
        best_s = min(best_s, time.perf_counter() - started)
    return best_s * 1000


def main() -> int:
    app = create_application(["mesogun-bench"])
    with tempfile.TemporaryDirectory(prefix="mesogun-gc-") as scratch:
        directory = Path(scratch)
        os.environ[DATA_DIR_ENV] = str(directory / "data")
        settings = AppSettings(QSettings(str(directory / "settings.ini"), QSettings.Format.IniFormat))
        from gui.main_window import MainWindow

        window = MainWindow(settings, journal_path=directory / "journal.sqlite3")
        window.show()
        app.processEvents()
        window.finish_start_up()  # what the app does right after the first paint (if not done yet)
        tracked = len(gc.get_objects())
        before_ms = full_collection_ms()
        frozen = install_gui_thread_collector(app).freeze_survivors()
        after_ms = full_collection_ms()
        print("Full garbage collection with the main window open (best of 7)\n")
        print("| | objects scanned | full collection (ms) |")
        print("|---|---|---|")
        print(f"| start-up objects scanned | {tracked:,} | {before_ms:.2f} |")
        print(f"| start-up objects frozen | {len(gc.get_objects()):,} | {after_ms:.3f} |")
        print(f"\n{frozen:,} objects frozen; after / before: {after_ms / before_ms:.4f}")
        window.close()
        gc.unfreeze()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Reference cycles are collected on the GUI thread, whichever thread allocates."""

from __future__ import annotations

import gc
import threading
import weakref
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from gui.app import create_application
from gui.gui_thread_gc import install_gui_thread_collector


class _Cycle:
    """An object that refers to itself: only the cyclic collector can free it."""

    def __init__(self, payload: Any = None) -> None:
        self.me = self
        self.payload = payload


def _allocate_garbage_cycles(count: int) -> None:
    for _ in range(count):
        _Cycle()


def test_a_cycle_dropped_while_a_worker_allocates_is_freed_on_the_gui_thread(
    qtbot: QtBot, qapp: QApplication
) -> None:
    install_gui_thread_collector(qapp)
    freed_on: list[int] = []
    cycle = _Cycle()
    weakref.finalize(cycle, lambda: freed_on.append(threading.get_ident()))
    del cycle

    # Far past the collector's first threshold: with automatic collection on, this worker thread
    # would collect the cycle (and with it any widget the cycle held).
    worker = threading.Thread(target=_allocate_garbage_cycles, args=(20 * gc.get_threshold()[0],))
    worker.start()
    worker.join()
    assert freed_on == []

    qtbot.waitUntil(lambda: bool(freed_on), timeout=5_000)
    assert freed_on == [threading.main_thread().ident]


def test_a_window_in_a_cycle_is_destroyed_on_the_gui_thread(qtbot: QtBot, qapp: QApplication) -> None:
    collector = install_gui_thread_collector(qapp)
    destroyed_on: list[int] = []
    window = QWidget()
    window.label = QLabel("cycle", window)  # type: ignore[attr-defined]
    window.holder = _Cycle(window)  # type: ignore[attr-defined]  # window -> holder -> window
    window.destroyed.connect(lambda: destroyed_on.append(threading.get_ident()))
    window.show()
    qtbot.waitExposed(window)
    window.close()
    del window

    worker = threading.Thread(target=_allocate_garbage_cycles, args=(20 * gc.get_threshold()[0],))
    worker.start()
    worker.join()
    assert destroyed_on == []

    collector.collect_now()
    assert destroyed_on == [threading.main_thread().ident]


def test_a_full_collection_is_refused_off_the_gui_thread(qapp: QApplication) -> None:
    collector = install_gui_thread_collector(qapp)
    errors: list[BaseException] = []

    def collect() -> None:
        try:
            collector.collect_now()
        except RuntimeError as exc:
            errors.append(exc)

    worker = threading.Thread(target=collect)
    worker.start()
    worker.join()
    assert len(errors) == 1 and "GUI thread" in str(errors[0])


def test_the_application_switches_automatic_collection_off(qapp: QApplication) -> None:
    collector = install_gui_thread_collector(qapp)
    collector.stop()
    assert gc.isenabled()
    create_application()
    assert not gc.isenabled()
    assert collector.active


@pytest.mark.parametrize("generation", [0, 1, 2])
def test_generations_are_collected_by_the_interpreters_rule(
    qapp: QApplication, mocker: Any, generation: int
) -> None:
    collector = install_gui_thread_collector(qapp)
    threshold_0, threshold_1, threshold_2 = gc.get_threshold()
    counts = {
        0: (threshold_0 + 1, 0, 0),
        1: (threshold_0 + 1, threshold_1, 0),
        2: (threshold_0 + 1, threshold_1, threshold_2),
    }[generation]
    mocker.patch("gui.gui_thread_gc.gc.get_count", return_value=counts)
    collect = mocker.patch("gui.gui_thread_gc.gc.collect", return_value=0)
    collector.check()
    collect.assert_called_once_with(generation)
    collect.reset_mock()
    mocker.patch("gui.gui_thread_gc.gc.get_count", return_value=(threshold_0, 50, 50))
    collector.check()
    collect.assert_not_called()


def test_survivors_are_frozen_and_later_garbage_is_still_collected(qtbot: QtBot, qapp: QApplication) -> None:
    collector = install_gui_thread_collector(qapp)
    kept = [_Cycle() for _ in range(100)]
    try:
        assert collector.freeze_survivors() >= len(kept)
        freed: list[bool] = []
        later = _Cycle()
        weakref.finalize(later, lambda: freed.append(True))
        del later
        collector.collect_now()
        assert freed == [True]
        assert all(cycle.me is cycle for cycle in kept)
    finally:
        gc.unfreeze()

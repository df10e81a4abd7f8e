"""The call worker: calls run in order off the GUI thread, outcomes come back on it, and whatever a
call captured is released on the GUI thread (a widget released elsewhere would be destroyed there)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from gui.worker import CallWorker


class _Tracked:
    """Records the thread that frees it."""

    def __init__(self, freed_on: list[str]) -> None:
        self._freed_on = freed_on

    def __del__(self) -> None:
        self._freed_on.append(threading.current_thread().name)


@pytest.fixture
def worker() -> Iterator[CallWorker]:
    call_worker = CallWorker("test-worker")
    yield call_worker
    call_worker.shutdown()


def test_results_come_back_in_order_on_the_gui_thread(qtbot: QtBot, worker: CallWorker) -> None:
    delivered: list[tuple[int, str]] = []
    ran_on: list[str] = []

    def call(value: int) -> int:
        ran_on.append(threading.current_thread().name)
        time.sleep(0.001)
        return value

    for value in range(20):
        worker.submit(
            lambda value=value: call(value),
            lambda result: delivered.append((result, threading.current_thread().name)),
        )
    qtbot.waitUntil(lambda: len(delivered) == 20, timeout=5_000)
    assert [value for value, _ in delivered] == list(range(20))
    assert {thread for _, thread in delivered} == {threading.main_thread().name}
    assert all(thread.startswith("test-worker") for thread in ran_on)
    assert worker.pending == 0


def test_an_error_reaches_its_callback_or_the_unhandled_signal(qtbot: QtBot, worker: CallWorker) -> None:
    errors: list[BaseException] = []
    unhandled: list[object] = []
    worker.unhandled_error.connect(unhandled.append)

    def fail() -> None:
        raise ValueError("the gun said no")

    worker.submit(fail, None, errors.append)
    worker.submit(fail)
    qtbot.waitUntil(lambda: len(errors) == 1 and len(unhandled) == 1, timeout=5_000)
    assert str(errors[0]) == "the gun said no"
    assert isinstance(unhandled[0], ValueError)


def test_what_a_call_captured_is_freed_on_the_gui_thread(qtbot: QtBot, worker: CallWorker) -> None:
    freed_on: list[str] = []
    delivered: list[object] = []
    captured = _Tracked(freed_on)
    worker.submit(lambda held=captured: held is not None, delivered.append)
    del captured
    qtbot.waitUntil(lambda: bool(delivered), timeout=5_000)
    assert freed_on == [threading.main_thread().name]


def test_a_result_and_an_error_are_freed_on_the_gui_thread(qtbot: QtBot, worker: CallWorker) -> None:
    freed_on: list[str] = []
    seen: list[str] = []

    def fail_holding_an_object() -> None:
        held = _Tracked(freed_on)  # referenced from the traceback's frame
        raise RuntimeError(f"failed with {type(held).__name__}")

    worker.submit(lambda: _Tracked(freed_on), lambda _result: seen.append("result"))
    worker.submit(fail_holding_an_object, None, lambda _error: seen.append("error"))
    qtbot.waitUntil(lambda: len(seen) == 2 and len(freed_on) == 2, timeout=5_000)
    assert freed_on == [threading.main_thread().name] * 2


def test_cancelled_calls_never_call_back(qtbot: QtBot, worker: CallWorker) -> None:
    started, release = threading.Event(), threading.Event()
    delivered: list[Any] = []
    worker.submit(lambda: (started.set(), release.wait())[1], delivered.append)
    assert started.wait(5.0)
    for value in range(5):
        worker.submit(lambda value=value: value, delivered.append)
    assert worker.cancel_pending() == 5
    release.set()
    qtbot.waitUntil(lambda: delivered == [True], timeout=5_000)
    qtbot.wait(50)
    assert delivered == [True]

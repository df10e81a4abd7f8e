"""The device bridge: every device call off the GUI thread, STOP never queued, telemetry batched whole."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from gui.device_bridge import DeviceBridge, LinkState
from mesogun.device_events import TelemetryBatch
from mesogun.injector import Injector
from mesogun.simulation import SimulatedGunHandle, start_simulated_gun

TIMEOUT_MS = 15_000


class RecordingInjector:
    """Forwards to a real Injector and records, for every call, the thread it ran on."""

    def __init__(self, injector: Injector, calls: list[tuple[str, threading.Thread]]) -> None:
        self._injector = injector
        self._calls = calls

    def __getattr__(self, name: str) -> Any:
        target = getattr(self._injector, name)
        if not callable(target):
            self._calls.append((name, threading.current_thread()))
            return target

        def recorded(*args: Any, **kwargs: Any) -> Any:
            self._calls.append((name, threading.current_thread()))
            return target(*args, **kwargs)

        return recorded


@pytest.fixture
def gun(sim_name: str, tmp_path: Path) -> Iterator[SimulatedGunHandle]:
    handle = start_simulated_gun(sim_name, clock_scale=20.0, journal_path=tmp_path / "gun-journal")
    yield handle
    handle.close()


@pytest.fixture
def calls() -> list[tuple[str, threading.Thread]]:
    return []


@pytest.fixture
def bridge(qtbot: QtBot, calls: list[tuple[str, threading.Thread]]) -> Iterator[DeviceBridge]:
    def opener(port: str | None = None, *, url: str | None = None, serial_number: str | None = None) -> Any:
        calls.append(("open", threading.current_thread()))
        return RecordingInjector(Injector.open(port, url=url, serial_number=serial_number), calls)

    instance = DeviceBridge(opener)
    yield instance
    instance.shutdown()


def _connect(qtbot: QtBot, bridge: DeviceBridge, gun: SimulatedGunHandle, rate_hz: int = 0) -> None:
    with qtbot.waitSignal(bridge.connected, timeout=TIMEOUT_MS):
        bridge.connect_device(url=gun.url, telemetry_rate_hz=rate_hz)
    assert bridge.state is LinkState.CONNECTED


def test_device_calls_never_run_on_the_gui_thread(
    qtbot: QtBot, bridge: DeviceBridge, gun: SimulatedGunHandle, calls: list[tuple[str, threading.Thread]]
) -> None:
    gui_thread = threading.current_thread()
    _connect(qtbot, bridge, gun, rate_hz=100)
    statuses: list[object] = []
    bridge.status_received.connect(statuses.append)
    bridge.refresh_status()
    bridge.set_telemetry_rate(50)
    bridge.call("load_syringe", lambda injector: injector.load_syringe(2, 2000.0))
    bridge.acknowledge_alarm(None)
    bridge.stop()
    qtbot.waitUntil(lambda: len(statuses) >= 2 and not bridge.busy, timeout=TIMEOUT_MS)
    names = {name for name, _ in calls}
    assert {"open", "status", "configure_telemetry", "load_syringe", "acknowledge_alarm", "stop"} <= names
    assert all(thread is not gui_thread for _, thread in calls)
    assert {thread.name.rsplit("_", 1)[0] for _, thread in calls} <= {"gui-device", "gui-device-stop"}


def test_gui_thread_keeps_running_while_a_device_call_blocks(
    qtbot: QtBot, bridge: DeviceBridge, gun: SimulatedGunHandle
) -> None:
    _connect(qtbot, bridge, gun)
    release = threading.Event()
    results: list[object] = []
    bridge.call("slow", lambda injector: release.wait(30) and injector.status(), results.append)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=TIMEOUT_MS)  # the event loop turns meanwhile
    assert results == []
    release.set()
    qtbot.waitUntil(lambda: len(results) == 1, timeout=TIMEOUT_MS)
    timer.stop()


def test_stop_overtakes_queued_calls(
    qtbot: QtBot, bridge: DeviceBridge, gun: SimulatedGunHandle, calls: list[tuple[str, threading.Thread]]
) -> None:
    _connect(qtbot, bridge, gun)
    qtbot.waitUntil(lambda: not bridge.busy, timeout=TIMEOUT_MS)
    first_new = len(calls)
    release = threading.Event()
    bridge.call("slow", lambda injector: release.wait(30))
    bridge.call("status", lambda injector: injector.status())  # queued behind the slow call
    bridge.stop()
    qtbot.waitUntil(lambda: len(calls) > first_new, timeout=TIMEOUT_MS)
    assert calls[first_new][0] == "stop"  # STOP went first, while the slow call still held the worker
    release.set()
    qtbot.waitUntil(lambda: not bridge.busy, timeout=TIMEOUT_MS)
    later = [name for name, _ in calls[first_new + 1 :]]
    assert later and set(later) == {"status"}  # the queued call (and status polls) ran after STOP


def test_telemetry_arrives_in_few_signals_with_every_sample(
    qtbot: QtBot, bridge: DeviceBridge, gun: SimulatedGunHandle
) -> None:
    emits: list[list[TelemetryBatch]] = []
    bridge.telemetry_received.connect(emits.append)
    _connect(qtbot, bridge, gun, rate_hz=1000)
    qtbot.waitUntil(lambda: sum(len(batches) for batches in emits) >= 60, timeout=TIMEOUT_MS)
    bridge.set_telemetry_rate(0)
    batches = [batch for emitted in emits for batch in emitted]
    assert len(emits) < len(batches)  # several link batches per GUI signal
    for previous, batch in itertools.pairwise(batches):
        # Consecutive sample numbers: nothing lost between the link and the GUI thread.
        assert batch.first_sample - batch.gap_before == previous.first_sample + len(previous.needle_mm)


def test_connection_failure_is_reported_not_raised(qtbot: QtBot, bridge: DeviceBridge) -> None:
    states: list[LinkState] = []
    bridge.link_state_changed.connect(lambda state, _detail: states.append(state))
    with qtbot.waitSignal(bridge.call_failed, timeout=TIMEOUT_MS) as failure:
        bridge.connect_device(port="/dev/mesogun-no-such-port")
    assert failure.args[0] == "connect"
    assert states == [LinkState.CONNECTING, LinkState.DISCONNECTED]
    assert not bridge.is_connected

"""If the host goes silent, the gun stops; while the host lives, even busy, it does not (invariant 3)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from link_bench import Bench
from pytest_mock import MockerFixture

from firmware_protocol import AlarmCode, DeviceState, StateChangeReason
from mesogun.device_events import AlarmChanged, DeviceEvent, StateChanged
from mesogun.errors import MesogunError
from mesogun.link.heartbeat import Heartbeat


def test_a_silent_host_gets_the_gun_disarmed_with_a_watchdog_alarm(
    url_bench: Bench, mocker: MockerFixture, ready_to_fire: Callable[..., int]
) -> None:
    mocker.patch.object(Heartbeat, "start")  # the host's keep-alive never runs: it falls silent
    heard: list[DeviceEvent] = []
    gun = url_bench.open()
    gun.subscribe_events(heard.append)
    ready_to_fire(gun)
    gun.arm()
    device = url_bench.gun
    assert device.wait_until(lambda: device.state is not DeviceState.ARMED, 5.0)
    assert device.state is DeviceState.IDLE
    assert AlarmCode.WATCHDOG in device.alarms

    def told(events: list[DeviceEvent]) -> bool:
        alarm = any(isinstance(e, AlarmChanged) and e.code is AlarmCode.WATCHDOG and e.raised for e in events)
        disarm = any(isinstance(e, StateChanged) and e.reason is StateChangeReason.WATCHDOG for e in events)
        return alarm and disarm

    deadline = time.monotonic() + 5.0
    while time.monotonic() < deadline and not told(list(heard)):
        time.sleep(0.02)
    assert told(heard), "the host was not told why the gun disarmed"


def _burn(stop: threading.Event) -> None:
    total = 0
    while not stop.is_set():
        total += sum(i * i for i in range(2000))


def test_a_busy_host_keeps_the_gun_armed(bench: Bench, ready_to_fire: Callable[..., int]) -> None:
    gun = bench.open()
    ready_to_fire(gun)
    gun.arm()
    stop = threading.Event()
    errors: list[MesogunError] = []

    def ask_now_and_then() -> None:
        # Sparse requests: between them only the heartbeat keeps the gun fed.
        while not stop.wait(0.3):
            try:
                gun.status()
            except MesogunError as exc:
                errors.append(exc)

    workers = [threading.Thread(target=_burn, args=(stop,)) for _ in range(2)]
    workers.append(threading.Thread(target=ask_now_and_then))
    for worker in workers:
        worker.start()
    try:
        # Five watchdog periods with the interpreter saturated by other threads.
        assert not bench.gun.wait_until(lambda: bench.gun.state is not DeviceState.ARMED, 2.5)
    finally:
        stop.set()
        for worker in workers:
            worker.join(5.0)
    assert bench.gun.state is DeviceState.ARMED
    assert AlarmCode.WATCHDOG not in bench.gun.alarms
    assert not errors


def test_an_idle_host_keeps_the_gun_armed_with_heartbeats_alone(
    url_bench: Bench, ready_to_fire: Callable[..., int]
) -> None:
    gun = url_bench.open()
    ready_to_fire(gun)
    gun.arm()
    heartbeats_before = gun.stats.heartbeats
    assert not url_bench.gun.wait_until(lambda: url_bench.gun.state is not DeviceState.ARMED, 2.0)
    assert gun.stats.heartbeats > heartbeats_before
    assert gun.status().state is DeviceState.ARMED

"""Every delivered shot reaches the journal exactly once (DESIGN invariant 1).

Shots are fired while the cable is noisy, unplugged and plugged back (a pty comes back under a new
path), and while the gun is power-cycled. The gun's ground truth lists every real delivery; the sink
must end up holding each of them once, stored in event-number order, never twice.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from link_bench import Bench, ListSink

from firmware_protocol import AlarmCode, DeviceState, Mode
from mesogun.device_events import DeviceEvent
from mesogun.errors import DeviceRefusedError, LinkLostError, MesogunError, OutcomeUnknownError
from mesogun.injector import Injector
from mesogun.link import LinkTiming
from simulators.link_faults import LinkFaults

NOISY = LinkFaults(corrupt=0.01, drop=0.01, duplicate=0.01, split=0.01, seed=21)
FAST_RETRIES = LinkTiming(timeout_s=1.0, first_retry_s=0.05, max_retry_s=0.2, reconnect_max_s=0.2)


def _arm(gun: Injector, attempts: int = 30) -> None:
    """Make the gun ARMED again, whatever a drop or a restart left it in (retrying on link errors)."""
    for _ in range(attempts):
        try:
            gun.wait_connected(5.0)
            status = gun.status()
            if status.state is DeviceState.ARMED:
                return
            if status.alarms & {AlarmCode.WATCHDOG, AlarmCode.OCCLUSION}:
                gun.acknowledge_alarm()
            if status.config_id == 0:
                gun.configure(Mode.SINGLE, 1.0, 2.0, 500.0)
            gun.arm()
        except (MesogunError, DeviceRefusedError):
            time.sleep(0.05)
    raise AssertionError("the gun could not be armed again")


def _wait_for_truth(sink: ListSink, bench: Bench, shots: int = 0, timeout_s: float = 20.0) -> set[int]:
    """Event numbers of every real shot (at least ``shots``), once the sink holds them or time is up."""
    bench.gun.wait_until(lambda: len(bench.gun.truth.shots) >= shots, timeout_s)
    expected = {shot.event_number for shot in bench.gun.truth.shots}
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if expected <= {shot.event_number for shot in sink.shots()}:
            break
        time.sleep(0.05)
    return expected


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["url", "pty"])
def test_shots_through_noise_unplugs_and_power_cycles_are_each_stored_once(
    kind: str, make_bench_at: Callable[..., Bench], sink: ListSink, ready_to_fire: Callable[..., int]
) -> None:
    bench = make_bench_at(kind, clock_scale=50.0, seed=21)
    gun = bench.open(event_sink=sink, timing=FAST_RETRIES)
    ready_to_fire(gun)
    bench.gun.set_link_faults(NOISY)
    paths = {bench.target}
    for round_number in range(12):
        _arm(gun)
        for _ in range(3):
            bench.gun.pull_trigger()
        disruption = round_number % 3
        if disruption == 0:
            bench.unplug()
            bench.gun.pull_trigger()  # still armed for a moment: this shot happens with no host
            bench.replug()
        elif disruption == 1:
            bench.gun.power_cycle()
        if bench.reopen is not None:
            paths.add(bench.reopen())
    gun.wait_connected(10.0)
    expected = _wait_for_truth(sink, bench)
    stored = {shot.event_number for shot in sink.shots()}
    assert len(expected) >= 36
    assert stored == expected
    assert len(sink.store_calls) == len(set(sink.store_calls)), "an event was stored twice"
    numbers = [n for _, n in sink.store_calls]
    assert numbers == sorted(numbers), "events were stored out of order"
    assert gun.stats.reconnects >= 8
    if kind == "pty":
        assert len(paths) > 1  # the gun really came back under another device path


def test_an_event_is_acknowledged_only_after_the_sink_stored_it(
    url_bench: Bench, ready_to_fire: Callable[..., int]
) -> None:
    class FailingOnce(ListSink):
        """A journal whose disk refuses the first shot once."""

        failed = False

        def store(self, device_serial: str, event: DeviceEvent) -> None:
            if not self.failed and type(event).__name__ == "Shot":
                self.failed = True
                acked = url_bench.gun.acked_event_number
                assert acked < event.event_number  # not acknowledged before it is durable
                raise OSError("disk full")
            super().store(device_serial, event)

    sink = FailingOnce()
    gun = url_bench.open(event_sink=sink)
    ready_to_fire(gun)
    gun.arm()
    gun.fire(2)
    expected = _wait_for_truth(sink, url_bench, shots=2)
    assert sink.failed
    assert {shot.event_number for shot in sink.shots()} == expected
    assert url_bench.gun.wait_until(lambda: url_bench.gun.acked_event_number >= max(expected), 5.0)


def test_after_a_restart_events_resume_from_the_journal_and_commands_are_not_repeated(
    url_bench: Bench, sink: ListSink, ready_to_fire: Callable[..., int]
) -> None:
    states: list[str] = []
    gun = url_bench.open(event_sink=sink, timing=FAST_RETRIES)
    gun.subscribe_connection(lambda state, detail: states.append(f"{state.value}: {detail}"))
    ready_to_fire(gun)
    gun.arm()
    gun.fire(2)
    _wait_for_truth(sink, url_bench, shots=2)
    boot_before = gun.info.boot_id
    url_bench.gun.power_cycle()
    assert gun.wait_connected(10.0)
    assert gun.status().state is DeviceState.IDLE  # a restart disarms; nothing re-armed it
    assert gun.info.boot_id != boot_before
    assert any(s.startswith("reconnecting") for s in states)
    assert any(s.startswith("connected") and "restarted" in s for s in states)
    assert len(url_bench.gun.truth.executions_of("Fire")) == 1


@pytest.mark.parametrize("kind", ["url", "pty", "tcp"])
def test_unplug_and_replug_reconnects_and_telemetry_resumes(
    kind: str, make_bench_at: Callable[..., Bench]
) -> None:
    bench = make_bench_at(kind)
    states: list[str] = []
    batches: list[object] = []
    gun = bench.open(timing=FAST_RETRIES)
    gun.subscribe_connection(lambda state, detail: states.append(state.value))
    gun.subscribe_telemetry(batches.append)
    gun.configure_telemetry(200)
    bench.unplug()
    deadline = time.monotonic() + 5.0
    while "reconnecting" not in states and time.monotonic() < deadline:
        time.sleep(0.02)
    with pytest.raises(LinkLostError, match="Check the USB cable"):
        gun.status()
    bench.replug()
    assert gun.wait_connected(10.0)
    assert gun.status().state is DeviceState.IDLE
    assert states[:2] == ["reconnecting", "connected"]
    count = len(batches)
    deadline = time.monotonic() + 5.0
    while len(batches) < count + 5 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(batches) >= count + 5, "telemetry did not resume after the reconnection"


def test_an_acting_command_in_flight_when_the_gun_restarts_is_reported_unknown(
    url_bench: Bench, ready_to_fire: Callable[..., int]
) -> None:
    gun = url_bench.open(timing=LinkTiming(timeout_s=5.0, first_retry_s=0.05, max_action_retransmits=1000))
    ready_to_fire(gun)
    url_bench.gun.set_link_faults(LinkFaults(drop=1.0))
    outcome: list[BaseException] = []

    def arm() -> None:
        try:
            gun.arm()
        except BaseException as exc:
            outcome.append(exc)

    caller = threading.Thread(target=arm)
    caller.start()
    deadline = time.monotonic() + 5.0
    while gun.stats.retransmissions < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    url_bench.gun.power_cycle()
    url_bench.gun.set_link_faults(LinkFaults())
    caller.join(10.0)
    assert len(outcome) == 1 and isinstance(outcome[0], OutcomeUnknownError)
    assert "connection dropped" in str(outcome[0])
    assert gun.wait_connected(10.0)
    assert len(url_bench.gun.truth.executions_of("Arm")) == 0

"""The Injector against the simulated gun over each transport: identity, status, shots, events, telemetry."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable

from link_bench import Bench, ListSink

from firmware_protocol import AlarmCode, DeviceState, Mode, ShotResult
from mesogun.device_events import EVENT_TYPES, Shot, StateChanged, TelemetryBatch
from mesogun.injector import Injector
from simulators.link_faults import LinkFaults


class Recorder:
    """Collects what a listener hears, and lets the test wait for a condition on it."""

    def __init__(self) -> None:
        self.items: list[object] = []
        self._cond = threading.Condition()

    def __call__(self, item: object) -> None:
        with self._cond:
            self.items.append(item)
            self._cond.notify_all()

    def wait_for(self, predicate: Callable[[list[object]], bool], timeout_s: float = 10.0) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: predicate(self.items), timeout_s)


def _shots(items: list[object]) -> list[Shot]:
    return [item for item in items if isinstance(item, Shot)]


def test_identity_and_capabilities_come_from_the_handshake(bench: Bench) -> None:
    gun = bench.open()
    info = gun.info
    caps = info.capabilities
    assert info.serial_number == "SIM-0001"
    assert info.boot_id == bench.gun.boot_id
    assert (caps.depth_min_mm, caps.depth_max_mm, caps.depth_step_mm) == (0.0, 13.0, 0.1)
    assert (caps.volume_min_ul, caps.volume_max_ul) == (1.0, 500.0)
    assert (caps.flow_min_ul_s, caps.flow_max_ul_s) == (5.0, 500.0)
    assert (caps.burst_rate_min_per_s, caps.burst_rate_max_per_s) == (1.0, 9.0)
    assert caps.modes == frozenset(Mode)
    assert caps.syringe_sizes_ml == (2, 3, 5, 10)
    assert caps.watchdog_ms == 500


def test_status_shows_configuration_in_host_units(bench: Bench, ready_to_fire: Callable[..., int]) -> None:
    gun = bench.open()
    assert gun.status().state is DeviceState.IDLE
    gun.load_syringe(5, 4_000)
    config_id = gun.configure(Mode.BURST, 1.5, 20.0, 50.0, burst_rate_per_s=3.0)
    status = gun.status()
    assert status.config_id == config_id
    assert (status.mode, status.depth_mm, status.volume_ul, status.flow_ul_s) == (Mode.BURST, 1.5, 20.0, 50.0)
    assert status.burst_rate_per_s == 3.0
    assert (status.syringe_capacity_ml, status.syringe_remaining_ul) == (5.0, 4000.0)


def test_fired_shots_are_stored_once_in_order_and_acknowledged(
    bench: Bench, sink: ListSink, ready_to_fire: Callable[..., int]
) -> None:
    heard = Recorder()
    gun = bench.open(event_sink=sink)
    gun.subscribe_events(heard)
    ready_to_fire(gun)
    gun.arm()
    first = gun.fire(3)
    assert heard.wait_for(lambda items: len(_shots(items)) == 3)
    numbers = [e.event_number for e in heard.items if isinstance(e, StateChanged | Shot)]
    assert numbers == sorted(numbers)
    assert all(s.event_number >= first for s in _shots(heard.items))
    assert all(s.result is ShotResult.COMPLETE and s.commanded_volume_ul == 2.0 for s in _shots(heard.items))
    assert bench.gun.wait_until(lambda: bench.gun.acked_event_number >= first + 2, 5.0)
    assert len(sink.store_calls) == len(set(sink.store_calls))
    # The gun records the acknowledgement before its reply reaches the host, which counts it then.
    deadline = time.monotonic() + 5.0
    while gun.stats.events_acknowledged < first + 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert gun.stats.events_acknowledged >= first + 2


def test_without_a_sink_listeners_hear_events_but_the_gun_keeps_them(
    url_bench: Bench, ready_to_fire: Callable[..., int]
) -> None:
    heard = Recorder()
    gun = url_bench.open()
    gun.subscribe_events(heard)
    ready_to_fire(gun)
    gun.arm()
    gun.fire(2)
    assert heard.wait_for(lambda items: len(_shots(items)) == 2)
    assert gun.status().acked_event_number == 0
    assert url_bench.gun.acked_event_number == 0


def test_shots_beyond_the_resend_window_still_reach_a_host_without_sink(
    url_bench: Bench, ready_to_fire: Callable[..., int]
) -> None:
    # The gun pushes at most 8 unacknowledged events; the link asks for the rest itself.
    heard = Recorder()
    gun = url_bench.open()
    gun.subscribe_events(heard)
    ready_to_fire(gun)
    gun.arm()
    gun.fire(12)
    assert heard.wait_for(lambda items: len(_shots(items)) == 12)
    numbers = [e.event_number for e in heard.items if isinstance(e, EVENT_TYPES)]  # type: ignore[attr-defined]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def test_trigger_pulls_on_the_gun_become_shot_events(bench: Bench, ready_to_fire: Callable[..., int]) -> None:
    heard = Recorder()
    gun = bench.open()
    gun.subscribe_events(heard)
    ready_to_fire(gun)
    gun.arm()
    for _ in range(3):
        bench.gun.pull_trigger()
    assert heard.wait_for(lambda items: len(_shots(items)) == 3)
    truth = [shot.event_number for shot in bench.gun.truth.shots]
    assert [s.event_number for s in _shots(heard.items)] == truth


def test_telemetry_batches_are_continuous_on_a_clean_link(url_bench: Bench) -> None:
    batches = Recorder()
    gun = url_bench.open()
    gun.subscribe_telemetry(batches)
    assert gun.configure_telemetry(500) == 10
    assert batches.wait_for(lambda items: len(items) >= 20)
    gun.configure_telemetry(0)
    received = [b for b in batches.items if isinstance(b, TelemetryBatch)]
    for before, after in itertools.pairwise(received):
        assert after.first_sample == before.first_sample + len(before.needle_mm)
        assert after.gap_before == 0
    assert received[0].period_s == 0.002


def test_telemetry_gaps_are_counted_when_frames_are_lost(url_bench: Bench) -> None:
    batches = Recorder()
    gun = url_bench.open()
    gun.subscribe_telemetry(batches)
    gun.configure_telemetry(1000)
    url_bench.gun.set_link_faults(LinkFaults(drop=0.2, seed=3))
    assert batches.wait_for(
        lambda items: sum(1 for b in items if isinstance(b, TelemetryBatch) and b.gap_before) >= 3
    )
    url_bench.gun.set_link_faults(LinkFaults())
    received = [b for b in batches.items if isinstance(b, TelemetryBatch)]
    for before, after in itertools.pairwise(received):
        assert after.first_sample == before.first_sample + len(before.needle_mm) + after.gap_before
    assert gun.stats.telemetry_gaps >= sum(1 for b in received if b.gap_before)


def test_alarm_refusal_and_acknowledgement(url_bench: Bench, ready_to_fire: Callable[..., int]) -> None:
    heard = Recorder()
    gun: Injector = url_bench.open()
    gun.subscribe_events(heard)
    ready_to_fire(gun)
    gun.arm()
    url_bench.gun.set_occlusion(True)
    gun.fire(1)
    assert heard.wait_for(lambda items: any(getattr(e, "code", None) is AlarmCode.OCCLUSION for e in items))
    shot = _shots(heard.items)[-1] if _shots(heard.items) else None
    assert shot is None or shot.result is not ShotResult.COMPLETE
    assert AlarmCode.OCCLUSION in gun.status().alarms
    url_bench.gun.set_occlusion(False)
    assert AlarmCode.OCCLUSION not in gun.acknowledge_alarm(AlarmCode.OCCLUSION)

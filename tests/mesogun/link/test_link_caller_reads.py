"""A caller waiting for its reply reads the connection itself: every guarantee of the reader thread holds.

The faults strike while a caller, not the link's reader thread, is reading: the cable goes, an event
arrives, another caller waits at the same time, the caller's own wait runs out.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
import serial
import serial.urlhandler.protocol_socket
from link_bench import Bench, ListSink
from pytest_mock import MockerFixture

from firmware_protocol import DeviceState
from mesogun.errors import DeviceTimeoutError, LinkLostError, MesogunError
from mesogun.injector import Injector
from mesogun.link import LinkTiming
from simulators.link_faults import LinkFaults
from simulators.rule_breaks import RuleBreaks

WAIT_S = 20.0
_SERIAL_CLASSES = (serial.Serial, serial.urlhandler.protocol_socket.Serial)


def _wait_until(predicate: Callable[[], bool], timeout_s: float = WAIT_S) -> bool:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def _in_background(call: Callable[[], object]) -> tuple[threading.Thread, list[object]]:
    """Run ``call`` in a thread; the list receives its result or the exception it raised."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


@pytest.mark.parametrize("kind", ["pty", "tcp", "url"])
def test_a_caller_reading_when_the_cable_goes_hears_of_the_loss_and_the_link_reconnects(
    kind: str, make_bench_at: Callable[..., Bench]
) -> None:
    bench = make_bench_at(kind)
    gun = bench.open(timing=LinkTiming(timeout_s=2.0, first_retry_s=1.5, reconnect_max_s=0.2))
    sent_before = gun.stats.frames_sent
    # Every frame is held half a second on the wire: the status request's caller is still waiting for
    # its reply, reading the connection, when the cable comes out.
    bench.gun.set_link_faults(LinkFaults(delay=1.0, delay_s=0.5))
    thread, outcome = _in_background(gun.status)
    assert _wait_until(lambda: gun.stats.frames_sent > sent_before)
    bench.unplug()
    thread.join(WAIT_S)
    assert len(outcome) == 1 and isinstance(outcome[0], LinkLostError), outcome
    bench.gun.set_link_faults(LinkFaults())
    bench.replug()
    assert gun.wait_connected(WAIT_S)
    assert gun.status().state is DeviceState.IDLE


@pytest.mark.parametrize("kind", ["pty", "tcp"])
def test_a_read_failing_under_a_reading_caller_is_a_lost_connection_even_while_writes_pass(
    kind: str, make_bench_at: Callable[..., Bench], mocker: MockerFixture
) -> None:
    bench = make_bench_at(kind)
    # No re-send within the budget: the caller waits (and reads) without a break.
    gun = bench.open(timing=LinkTiming(timeout_s=2.0, first_retry_s=3.0, reconnect_max_s=0.2))
    sent_before = gun.stats.frames_sent
    bench.gun.set_link_faults(LinkFaults(delay=1.0, delay_s=0.5))  # the caller is still waiting...
    thread, outcome = _in_background(gun.status)
    assert _wait_until(lambda: gun.stats.frames_sent > sent_before)
    # ...when reads start failing as pyserial reports a vanished USB adapter; writes still pass, so
    # only the caller's own read can tell that the connection is gone.
    unplugged = serial.SerialException("device reports readiness to read but returned no data")
    reads = [mocker.patch.object(cls, "read", side_effect=unplugged) for cls in _SERIAL_CLASSES]
    thread.join(WAIT_S)
    # Lost, not timed out: the reading caller reported the loss, so the query waited for a reconnection.
    assert len(outcome) == 1 and isinstance(outcome[0], LinkLostError), outcome
    for read in reads:
        mocker.stop(read)
    bench.gun.set_link_faults(LinkFaults())
    assert gun.wait_connected(WAIT_S)
    assert _wait_until(lambda: _answers(gun))


@pytest.mark.parametrize("kind", ["pty", "tcp", "url"])
def test_events_arriving_while_callers_read_are_stored_and_acknowledged_in_order(
    kind: str, make_bench_at: Callable[..., Bench], sink: ListSink, ready_to_fire: Callable[..., int]
) -> None:
    bench = make_bench_at(kind)
    # This gun sends each event once: one dropped by a reading caller would never come again.
    bench.gun.set_rule_breaks(RuleBreaks(no_event_resend=True))
    gun = bench.open(event_sink=sink)
    ready_to_fire(gun)
    gun.arm()
    stop = threading.Event()
    errors: list[BaseException] = []

    def keep_asking() -> None:
        while not stop.is_set():
            try:
                gun.status()
            except MesogunError as exc:
                errors.append(exc)

    askers = [threading.Thread(target=keep_asking, daemon=True) for _ in range(2)]
    for asker in askers:
        asker.start()
    try:
        for _ in range(8):
            bench.gun.pull_trigger()
        last = bench.gun.last_event_number
        assert bench.gun.wait_until(lambda: bench.gun.acked_event_number >= last, WAIT_S)
    finally:
        stop.set()
        for asker in askers:
            asker.join(WAIT_S)
    assert errors == []
    stored = [number for _, number in sink.store_calls]
    assert stored == sorted(stored)
    assert {shot.event_number for shot in bench.gun.truth.shots} <= {s.event_number for s in sink.shots()}


@pytest.mark.parametrize("kind", ["pty", "tcp", "url"])
def test_callers_at_once_each_get_their_own_reply_and_no_frame_is_torn(
    kind: str, make_bench_at: Callable[..., Bench], sink: ListSink, ready_to_fire: Callable[..., int]
) -> None:
    bench = make_bench_at(kind)
    gun = bench.open(event_sink=sink)
    ready_to_fire(gun)
    gun.configure_telemetry(500)  # frames of every kind arrive while the callers read
    # Frames cut in two on the wire: two threads reading at once would each take half of one.
    bench.gun.set_link_faults(LinkFaults(split=0.3, seed=5))

    def ask(count: int) -> list[int]:
        return [gun.status().config_id for _ in range(count)]

    def read_calibration(count: int) -> list[int]:
        return [gun.read_calibration().calibration_id for _ in range(count)]

    started = [
        *(_in_background(lambda: ask(150)) for _ in range(3)),
        *(_in_background(lambda: read_calibration(150)) for _ in range(2)),
    ]
    for thread, _ in started:
        thread.join(WAIT_S * 3)
    config_id = gun.status().config_id
    calibration_id = gun.read_calibration().calibration_id
    for index, (_, outcome) in enumerate(started):
        assert len(outcome) == 1 and isinstance(outcome[0], list), outcome
        expected = config_id if index < 3 else calibration_id
        assert outcome[0] == [expected] * 150
    stats = gun.stats
    # Two threads reading one stream at once tear frames apart: CRC errors, broken COBS, timeouts.
    assert (stats.crc_errors, stats.dropped, stats.undecodable, stats.timeouts) == (0, 0, 0, 0)
    assert stats.telemetry_batches > 0


@pytest.mark.parametrize("kind", ["pty", "tcp", "url"])
def test_a_caller_whose_wait_runs_out_while_reading_hands_the_reading_back(
    kind: str, make_bench_at: Callable[..., Bench], sink: ListSink, ready_to_fire: Callable[..., int]
) -> None:
    bench = make_bench_at(kind)
    gun: Injector = bench.open(event_sink=sink, timing=LinkTiming(timeout_s=1.0))
    ready_to_fire(gun)
    # Every frame is held longer than the request's whole budget: its caller reads until time is up.
    bench.gun.set_link_faults(LinkFaults(delay=1.0, delay_s=1.5))
    with pytest.raises(DeviceTimeoutError):
        gun.status()
    bench.gun.set_link_faults(LinkFaults())
    assert _wait_until(lambda: _answers(gun))
    gun.arm()
    bench.gun.pull_trigger()
    # No caller reads any more: the shot's event is read, stored and acknowledged all the same.
    last = bench.gun.last_event_number
    assert bench.gun.wait_until(lambda: bench.gun.acked_event_number >= last, WAIT_S)
    assert {shot.event_number for shot in bench.gun.truth.shots} <= {s.event_number for s in sink.shots()}


def _answers(gun: Injector) -> bool:
    try:
        gun.status()
    except (DeviceTimeoutError, LinkLostError):
        return False
    return True

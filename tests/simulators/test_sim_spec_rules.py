"""The simulated gun follows PROTOCOL.md's rules for the cases a firmware engineer once had to guess."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
import serial
from wire import Wire, arm

import firmware_protocol
from firmware_protocol import Frame, FrameDecoder, Packet, Response
from firmware_protocol.enums import AlarmCode, DeviceState, Mode, ShotResult, StateChangeReason
from firmware_protocol.messages import (
    AlarmEvent,
    GetStatus,
    Hello,
    LoadSyringe,
    Prime,
    PrimeEvent,
    RequestEvents,
    RequestEventsReply,
    SetTechnicianMode,
    ShotEvent,
    StateEvent,
    StateReply,
    StatusReply,
    TechnicianModeReply,
)
from simulators.delivery import DeliveryRun, Phase, ShotSpec
from simulators.gun import SimulatedGun
from simulators.physics import Hardware, Syringe


def _sends(wire: Wire, number: int) -> list[bool]:
    """The retransmission flag of every copy of event ``number`` received so far, in arrival order."""
    return [packet.retransmit for packet in wire.events if packet.message.event_number == number]


def test_an_events_first_send_is_unflagged_and_its_resends_and_replays_are_flagged(
    wire: Wire, gun: SimulatedGun
) -> None:
    wire.auto_ack = False
    arm(wire)
    gun.pull_trigger()
    shot = wire.wait_event(lambda event: isinstance(event, ShotEvent))
    assert wire.wait_for(lambda: len(_sends(wire, shot.event_number)) >= 2)
    flags = _sends(wire, shot.event_number)
    assert flags[0] is False
    assert all(flags[1:])
    wire.events.clear()
    wire.call(RequestEvents(shot.event_number, 1), RequestEventsReply)
    assert wire.wait_for(lambda: bool(_sends(wire, shot.event_number)))
    assert _sends(wire, shot.event_number)[0] is True


def test_events_journaled_while_no_host_listened_go_out_unflagged_right_after_hello(
    gun_url: str, gun: SimulatedGun
) -> None:
    gun.press_trigger()  # journaled (a TRIGGER event) before any host said HELLO
    gun.release_trigger()
    port = serial.serial_for_url(gun_url, timeout=0.05)
    try:
        wire = Wire(port, auto_ack=False, keepalive=False)
        hello_seq = wire.send(Hello(1, wire.hello().schema_hash, "again"))  # a second HELLO, then at once:
        status_seq = wire.send(GetStatus())
        order: list[str] = []

        def collect() -> bool:
            for item in wire.pump(0.02):
                if isinstance(item, Response) and item.seq in (hello_seq, status_seq):
                    order.append("hello" if item.seq == hello_seq else "status")
                elif isinstance(item, Packet) and "hello" in order and "status" not in order:
                    order.append(f"event{'+' if item.retransmit else ''}")
            return "status" in order

        assert wire.wait_for(collect, 3.0)
        # The new session's window (both trigger events, and the power-on STATE) came between the two
        # responses, none of them flagged: nothing had been sent in this session yet.
        assert order[0] == "hello" and order[-1] == "status"
        assert order[1:-1] == ["event"] * gun.last_event_number
    finally:
        port.close()


def test_hello_leaves_technician_mode(wire: Wire) -> None:
    assert wire.call(SetTechnicianMode(1, 1234), TechnicianModeReply).technician_mode == 1
    wire.hello()
    assert wire.call(GetStatus(), StatusReply).technician_mode == 0


def test_a_nearly_empty_alarm_follows_the_shot_that_caused_it(wire: Wire, gun: SimulatedGun) -> None:
    # 2 ml syringe holding 0.25 ml: one 60 µl shot leaves less than 10 % of the capacity.
    arm(wire, Mode.SINGLE, capacity_ul=2_000, fill_nl=250_000, volume_nl=60_000)
    gun.pull_trigger()
    alarm = wire.wait_event(
        lambda event: isinstance(event, AlarmEvent) and event.code == AlarmCode.SYRINGE_NEARLY_EMPTY
    )
    shot = wire.wait_event(lambda event: isinstance(event, ShotEvent))
    assert shot.event_number < alarm.event_number


def _run_to(phase: Phase) -> tuple[DeliveryRun, list[object]]:
    hardware = Hardware(true_volume_factor=1.0)
    hardware.syringe = Syringe(5_000, 5_000_000.0)
    spec = ShotSpec(Mode.SINGLE, 1, 4_000, 20_000, 100_000, 10_000, 0, 1_000_000)
    outcomes: list[object] = []
    run = DeliveryRun(
        hardware,
        spec,
        shots=1,
        period_s=1.0,
        stop_on_release=False,
        on_shot=outcomes.append,
        move=hardware.advance,
    )
    for _ in range(100_000):
        if run.phase == phase:
            return run, outcomes
        run.advance(0.0005)
    raise AssertionError(f"the shot never reached {phase}")


def test_a_shot_stopped_after_its_last_step_is_complete() -> None:
    run, outcomes = _run_to(Phase.RETRACT)
    run.halt(AlarmCode.WATCHDOG)
    (outcome,) = outcomes
    assert (outcome.result, outcome.cause) == (ShotResult.COMPLETE, AlarmCode.NONE)  # type: ignore[attr-defined]
    assert outcome.measured_volume_nl == 20_000  # type: ignore[attr-defined]
    assert run.end_cause == AlarmCode.WATCHDOG  # the run still ends as the watchdog says: FAULT follows


def _vectors() -> dict[str, Any]:
    path = Path(firmware_protocol.__file__).resolve().parent / "vectors.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _answer(wire: Wire, request: bytes) -> Frame:
    """The frame the gun answers to ``request``, read raw (an UNSUPPORTED answer has no class)."""
    seq = FrameDecoder().feed(request)[0].seq
    decoder = FrameDecoder()
    wire.send_raw(request)
    deadline = time.monotonic() + 3.0
    while time.monotonic() < deadline:
        for frame in decoder.feed(wire.port.read(4096)):
            if frame.msg_type & 0x80 and frame.seq == seq:
                return frame
        time.sleep(0.01)
    raise AssertionError(f"no answer to {request.hex()}")


@pytest.mark.parametrize(
    "name",
    [
        "configure_depth_off_grid",
        "request_events_from_zero",
        "write_calibration_expiry_not_after",
        "configure_telemetry_off",
    ],
)
def test_the_gun_answers_the_rule_vectors_byte_for_byte(wire: Wire, name: str) -> None:
    frames = {vector["name"]: bytes.fromhex(vector["hex"]) for vector in _vectors()["frames"]}
    answer = _answer(wire, frames[name])
    assert answer == FrameDecoder().feed(frames[f"{name}_reply"])[0]


@pytest.mark.parametrize("name", ["type_zero", "event_type_from_host"])
def test_the_gun_answers_unsupported_types_with_the_vectors_response_type(wire: Wire, name: str) -> None:
    vector = next(v for v in _vectors()["invalid"] if v["name"] == name)
    answer = _answer(wire, bytes.fromhex(vector["hex"]))
    assert answer == FrameDecoder().feed(bytes.fromhex(vector["device_response"]))[0]


def test_a_prime_that_empties_the_syringe_gives_prime_then_alarms_then_state(wire: Wire) -> None:
    wire.call(LoadSyringe(2_000, 250_000), StatusReply)  # above 10 % of 2 ml: no alarm yet
    assert wire.call(Prime(300_000), StateReply).state == DeviceState.PRIMING  # needs no CONFIGURE
    end = wire.wait_event(
        lambda event: isinstance(event, StateEvent) and event.old_state == DeviceState.PRIMING
    )
    assert (end.new_state, end.reason) == (DeviceState.IDLE, StateChangeReason.ALARM)
    events = [event for number, event in sorted(wire.event_messages().items())]
    prime = next(event for event in events if isinstance(event, PrimeEvent))
    alarms = [event for event in events if isinstance(event, AlarmEvent) and event.raised]
    assert {event.code for event in alarms} == {AlarmCode.SYRINGE_EMPTY, AlarmCode.SYRINGE_NEARLY_EMPTY}
    assert prime.event_number < min(event.event_number for event in alarms)
    assert max(event.event_number for event in alarms) < end.event_number

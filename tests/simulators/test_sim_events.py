"""Events: journaled durably, re-sent until acknowledged, replayed on request, numbered for good."""

from __future__ import annotations

from pathlib import Path

import serial
from wire import Wire, arm

from firmware_protocol.enums import Mode, StateChangeReason
from firmware_protocol.messages import (
    AckEvents,
    AckEventsReply,
    GetStatus,
    RequestEvents,
    RequestEventsReply,
    ShotEvent,
    StateEvent,
    StatusReply,
)
from simulators import registry
from simulators.gun import SimulatedGun


def _copies(wire: Wire, event_number: int) -> int:
    return sum(1 for packet in wire.events if packet.message.event_number == event_number)


def test_unacknowledged_event_is_resent_until_acknowledged(wire: Wire, gun: SimulatedGun) -> None:
    wire.auto_ack = False
    arm(wire)
    gun.pull_trigger()
    shot = wire.wait_event(lambda event: isinstance(event, ShotEvent))
    assert wire.wait_for(lambda: _copies(wire, shot.event_number) >= 3)  # every 250 ms
    reply = wire.call(AckEvents(gun.last_event_number), AckEventsReply)
    assert reply.acked_event_number == reply.last_event_number == gun.last_event_number
    wire.wait_for(lambda: False, 0.1)  # a re-send already on its way may still land
    copies = _copies(wire, shot.event_number)
    wire.wait_for(lambda: False, 0.8)
    assert _copies(wire, shot.event_number) == copies
    assert wire.call(GetStatus(), StatusReply).acked_event_number == gun.last_event_number


def test_request_events_replays_the_journal_in_order(wire: Wire, gun: SimulatedGun) -> None:
    arm(wire, Mode.SINGLE, volume_nl=10_000)
    gun.pull_trigger()
    gun.pull_trigger()
    assert wire.wait_for(lambda: len(wire.events_of(ShotEvent)) == 2)
    last = gun.last_event_number
    wire.events.clear()
    reply = wire.call(RequestEvents(1, 255), RequestEventsReply)
    assert (reply.sent_count, reply.last_event_number) == (last, last)
    assert wire.wait_for(lambda: len(wire.event_messages()) == last)
    replayed = [packet.message.event_number for packet in wire.events[:last]]
    assert replayed == list(range(1, last + 1))
    assert wire.call(RequestEvents(last - 1, 1), RequestEventsReply).sent_count == 1


def test_journal_survives_power_cycles_and_restarts(
    journal_path: Path, gun_url: str, gun: SimulatedGun
) -> None:
    with serial.serial_for_url(gun_url, timeout=0.05) as port:
        wire = Wire(port)
        wire.hello()
        arm(wire)
        gun.pull_trigger()
        shot = wire.wait_event(lambda event: isinstance(event, ShotEvent))
    before = gun.last_event_number
    gun.power_cycle()
    assert gun.last_event_number == before + 1  # the power-on, numbered after the rest
    gun.close()
    with SimulatedGun(journal_path, clock_scale=20) as restarted:
        registry.register_gun("restarted", restarted)
        try:
            with serial.serial_for_url("simgun://restarted", timeout=0.05) as port:
                wire = Wire(port)
                assert wire.hello().last_event_number == before + 2
                wire.events.clear()
                wire.call(RequestEvents(1, 255), RequestEventsReply)
                assert wire.wait_for(lambda: len(wire.event_messages()) == before + 2)
        finally:
            registry.remove_gun("restarted")
    events = wire.event_messages()
    assert events[shot.event_number] == shot
    power_ons = [
        number
        for number, event in events.items()
        if isinstance(event, StateEvent) and event.reason == StateChangeReason.POWER_ON
    ]
    assert power_ons == [1, before + 1, before + 2]


def test_torn_last_line_is_ignored_and_numbering_continues(journal_path: Path) -> None:
    with SimulatedGun(journal_path) as first:
        last = first.last_event_number
    with journal_path.open("a", encoding="utf-8") as handle:
        handle.write('{"event": "StateEvent", "fields": {"event_n')  # power lost mid-write
    with SimulatedGun(journal_path) as second:
        assert second.last_event_number == last + 1
    with SimulatedGun(journal_path) as third:
        assert third.last_event_number == last + 2

"""Checks that deliver (PROTOCOL.md §7.2, §9): run only with ``--fire``, needle out, over a vessel.

One shot by FIRE with a shot limit of 1, and one shot cut by STOP: their events, their order and the
COMPLETE tolerance."""

from __future__ import annotations

from typing import Any

from firmware_protocol import DeviceState, ShotResult, StateChangeReason
from firmware_protocol.enums import AlarmCode
from firmware_protocol.messages import (
    Arm,
    CalibrationReply,
    Configure,
    ConfigureReply,
    Fire,
    FireReply,
    ReadCalibration,
    ShotEvent,
    StateEvent,
    StateReply,
    Stop,
)
from mesogun.conformance.checklist import Check, CheckSkipped, DeviceUnderTest, expect
from mesogun.conformance.raw_link import CheckFailed, Received, message_of

WAIT_S = 5.0


def _events(items: list[Received], first: int) -> dict[int, Any]:
    found: dict[int, Any] = {}
    for item in items:
        message = message_of(item)
        if message is not None and message.event_number >= first:
            found.setdefault(message.event_number, message)
    return found


def _wait_for(device: DeviceUnderTest, start: int, first: int, predicate: Any) -> dict[int, Any]:
    link = device.link
    link.keepalive = True
    waited = 0.0
    while waited < WAIT_S:
        events = _events(link.events_since(start), first)
        if predicate(events):
            return events
        link.pump(0.05)
        waited += 0.05
    raise CheckFailed(f"the events expected from #{first} did not all come within {WAIT_S:g} s")


def _one_shot(device: DeviceUnderTest) -> None:
    link = device.link
    config_id = device.ready_to_arm()
    config = device.safe_configuration()
    vps_pl = link.call(ReadCalibration(), CalibrationReply).volume_per_step_pl
    expect(link.call(Arm(1), StateReply).state == DeviceState.ARMED, "ARM did not arm")
    start = link.mark()
    first = link.call(Fire(1), FireReply).first_event_number
    events = _wait_for(
        device,
        start,
        first,
        lambda found: (
            any(isinstance(e, ShotEvent) for e in found.values())
            and any(
                isinstance(e, StateEvent) and e.new_state != DeviceState.DELIVERING for e in found.values()
            )
        ),
    )
    kinds = [
        (n, type(e).__name__) for n, e in sorted(events.items()) if isinstance(e, ShotEvent | StateEvent)
    ]
    expect(
        [k for _, k in kinds] == ["StateEvent", "ShotEvent", "StateEvent"],
        f"FIRE's events in this order: {kinds}",
    )
    go, shot, end = (events[n] for n, _ in kinds)
    expect(
        (go.new_state, go.reason) == (DeviceState.DELIVERING, StateChangeReason.COMMAND),
        f"first STATE event {go}",
    )
    expect(
        shot.result == ShotResult.COMPLETE and shot.cause == AlarmCode.NONE,
        f"the shot is {ShotResult(shot.result).name}, cause {shot.cause}",
    )
    expect(shot.config_id == config_id, f"the SHOT quotes config_id {shot.config_id}, not {config_id}")
    tolerance_nl = vps_pl / 2000 + 1
    error_nl = abs(shot.measured_volume_nl - config.volume_nl)
    expect(
        error_nl <= tolerance_nl,
        f"COMPLETE shot measured {shot.measured_volume_nl} nl for {config.volume_nl} "
        f"(tolerance {tolerance_nl:g} nl)",
    )
    expect(
        (end.new_state, end.reason) == (DeviceState.IDLE, StateChangeReason.SHOT_LIMIT),
        f"after the shot limit: {end}",
    )
    answers = [i for i, item in enumerate(link.received[start:]) if item.frame.msg_type == 0x86]
    first_event = min(i for i, item in enumerate(link.received[start:]) if message_of(item) is not None)
    expect(bool(answers) and answers[0] < first_event, "an event of the FIRE came before its response")


def _stopped_shot(device: DeviceUnderTest) -> None:
    link = device.link
    caps = device.session()
    device.ready_to_arm()
    volume_nl = min(caps.volume_max_nl, max(caps.volume_min_nl, caps.flow_min_nl_s * 20))  # 20 s
    slow = Configure(
        0, device.safe_configuration().depth_um, volume_nl, caps.flow_min_nl_s, caps.burst_rate_min_mhz
    )
    link.call(slow, ConfigureReply)
    expect(link.call(Arm(1), StateReply).state == DeviceState.ARMED, "ARM did not arm")
    start = link.mark()
    first = link.call(Fire(1), FireReply).first_event_number
    link.keepalive = True
    link.pump(0.1)
    expect(link.call(Stop(), StateReply).state == DeviceState.IDLE, "STOP did not leave the device IDLE")
    events = _wait_for(
        device, start, first, lambda found: any(isinstance(e, ShotEvent) for e in found.values())
    )
    events = _wait_for(
        device, start, first, lambda found: sum(isinstance(e, StateEvent) for e in found.values()) >= 2
    )
    ordered = [e for _, e in sorted(events.items()) if isinstance(e, ShotEvent | StateEvent)]
    shot = next(e for e in ordered if isinstance(e, ShotEvent))
    stopped = ordered[-1]
    if shot.result == ShotResult.COMPLETE:
        raise CheckSkipped(f"the {volume_nl} nl shot at the slowest flow ended before STOP")
    expect(shot.cause == AlarmCode.STOPPED, f"a shot cut by STOP has cause {shot.cause}, not STOPPED")
    expect(shot.measured_volume_nl < volume_nl, "a PARTIAL shot measured its whole volume")
    expect(
        isinstance(stopped, StateEvent) and stopped.reason == StateChangeReason.STOP,
        f"after the shot: {stopped}",
    )
    expect(
        ordered.index(shot) < ordered.index(stopped), "the STATE event came before the SHOT event it follows"
    )


CHECKS = [
    Check(
        "fire-one-shot",
        "7.2",
        "FIRE delivers a COMPLETE shot within tolerance; STATE, SHOT, STATE in order",
        _one_shot,
        fires=True,
    ),
    Check(
        "stop-shot",
        "7.2",
        "STOP cuts a shot: SHOT (cause STOPPED) then STATE (reason STOP)",
        _stopped_shot,
        fires=True,
    ),
]

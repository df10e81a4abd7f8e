"""Checks of events and the watchdog (PROTOCOL.md §8, §9): pushed at once unflagged, re-sent flagged
every 250 ms until acknowledged, replayed on request, and an armed device that stops by itself when
the host goes silent. The events come from ARM and DISARM: no liquid moves."""

from __future__ import annotations

import time

from firmware_protocol import PROTOCOL_VERSION, SCHEMA_HASH, AlarmCode, DeviceState, StateChangeReason
from firmware_protocol.constants import EVENT_RESEND_MAX, EVENT_RESEND_MS
from firmware_protocol.messages import (
    AckAlarm,
    AckEvents,
    AckEventsReply,
    AlarmEvent,
    AlarmsReply,
    Arm,
    Disarm,
    GetStatus,
    Hello,
    Kind,
    RequestEvents,
    RequestEventsReply,
    StateEvent,
    StateReply,
    StatusReply,
    message_spec,
)
from mesogun.conformance.checklist import Check, CheckSkipped, DeviceUnderTest, expect
from mesogun.conformance.raw_link import CheckFailed, Received, message_of

RESEND_S = EVENT_RESEND_MS / 1000


def _number(item: Received) -> int:
    """The event number of an event frame."""
    return int(getattr(message_of(item), "event_number", 0))


def _arm_and_disarm(device: DeviceUnderTest) -> tuple[int, list[Received]]:
    """ARM then DISARM; returns where the frames after them start and the two STATE events' first sends."""
    device.ready_to_arm()
    status = device.status()
    if status.last_event_number - status.acked_event_number > EVENT_RESEND_MAX - 3:
        raise CheckSkipped(
            f"{status.last_event_number - status.acked_event_number} events wait for their host's "
            "acknowledgement: the window has no room for new ones"
        )
    link = device.link
    start = link.mark()
    expect(link.call(Arm(1), StateReply).state == DeviceState.ARMED, "ARM did not arm")
    expect(link.call(Disarm(), StateReply).state == DeviceState.IDLE, "DISARM did not disarm")
    link.pump(0.05)
    states = [item for item in link.events_since(start) if isinstance(message_of(item), StateEvent)]
    numbers = sorted({_number(item) for item in states})
    if len(numbers) < 2:
        raise CheckFailed(f"ARM and DISARM journaled {len(numbers)} STATE event(s) the device sent, not 2")
    return start, states


def _first_send_unflagged(device: DeviceUnderTest) -> None:
    _, states = _arm_and_disarm(device)
    firsts: dict[int, Received] = {}
    for item in states:
        firsts.setdefault(_number(item), item)
    for number, item in firsts.items():
        expect(not item.frame.retransmit, f"event #{number}'s first send carries the retransmission flag")
    a, b = sorted(firsts)[:2]
    first, second = (message_of(firsts[n]) for n in (a, b))
    expect(b == a + 1, f"ARM's and DISARM's STATE events are #{a} and #{b}, not consecutive")
    expect(
        (first.old_state, first.new_state, first.reason)
        == (DeviceState.IDLE, DeviceState.ARMED, StateChangeReason.COMMAND),
        f"ARM's STATE event is {first}",
    )
    expect(
        (second.old_state, second.new_state, second.reason)
        == (DeviceState.ARMED, DeviceState.IDLE, StateChangeReason.COMMAND),
        f"DISARM's STATE event is {second}",
    )


def _resent_until_acknowledged(device: DeviceUnderTest) -> None:
    link = device.link
    start, states = _arm_and_disarm(device)
    newest = max(_number(item) for item in states)
    link.pump(3 * RESEND_S)
    copies = [item for item in link.events_since(start) if _number(item) == newest]
    expect(
        len(copies) >= 2, f"event #{newest} was not re-sent within {3 * RESEND_S:g} s without acknowledgement"
    )
    expect(all(item.frame.retransmit for item in copies[1:]), f"a re-send of event #{newest} is not flagged")
    gap_s = copies[1].at_s - copies[0].at_s
    expect(
        0.5 * RESEND_S <= gap_s <= 2 * RESEND_S,
        f"event #{newest} re-sent after {gap_s * 1000:.0f} ms, not about {EVENT_RESEND_MS} ms",
    )
    status = link.call(GetStatus(), StatusReply)
    if status.acked_event_number < min(_number(item) for item in states) - 1 and not device.fire_allowed:
        raise CheckSkipped(
            "re-sends seen; the acknowledgement is not checked: events from "
            f"#{status.acked_event_number + 1} wait for their host (--fire acknowledges them on a bench)"
        )
    reply = link.call(AckEvents(newest), AckEventsReply)
    expect(
        reply.acked_event_number == newest, f"ACK_EVENTS {newest} answered acked {reply.acked_event_number}"
    )
    link.pump(0.05)  # a re-send already on its way may still land
    mark = link.mark()
    link.pump(3 * RESEND_S)
    late = [item for item in link.events_since(mark) if _number(item) <= newest]
    if late:
        raise CheckFailed(f"event #{_number(late[0])} was sent again after its acknowledgement")


def _window_after_hello(device: DeviceUnderTest) -> None:
    link = device.link
    status = device.status()
    if status.acked_event_number == status.last_event_number:
        _arm_and_disarm(device)  # something to send
        status = device.status()
    window = range(
        status.acked_event_number + 1, min(status.last_event_number, status.acked_event_number + 8) + 1
    )
    start = link.mark()
    hello_seq = link.send(Hello(PROTOCOL_VERSION, SCHEMA_HASH, "mesogun conformance"))
    status_seq = link.send(GetStatus())
    hello_answer = link.answer(hello_seq, after=start)
    status_answer = link.answer(status_seq, after=start)
    if hello_answer is None or status_answer is None:
        raise CheckFailed("HELLO and GET_STATUS sent back to back were not both answered")
    device.hello = None
    between = link.received[link.received.index(hello_answer) + 1 : link.received.index(status_answer)]
    firsts: dict[int, Received] = {}
    for item in between:
        message = message_of(item)
        if message is not None and message_spec(type(message)).kind == Kind.EVENT:
            firsts.setdefault(_number(item), item)
    missing = [number for number in window if number not in firsts]
    expect(not missing, f"events {missing} of the window did not follow the HELLO response at once")
    flagged = [number for number, item in firsts.items() if item.frame.retransmit]
    expect(not flagged, f"events {flagged}, the first sends of a new session, carry the retransmission flag")


def _request_events(device: DeviceUnderTest) -> None:
    link = device.link
    last = device.status().last_event_number
    if last == 0:
        raise CheckSkipped("the device has journaled no event yet")
    start = link.mark()
    seq = link.send(RequestEvents(last, 1))
    answer = link.answer(seq, after=start)
    if answer is None:
        raise CheckFailed("REQUEST_EVENTS not answered")
    reply = getattr(answer.decoded, "body", None)
    expect(isinstance(reply, RequestEventsReply), f"REQUEST_EVENTS answered {answer.decoded}")
    assert isinstance(reply, RequestEventsReply)
    expect(reply.sent_count == 1, f"REQUEST_EVENTS({last}, 1) says {reply.sent_count} events follow, not 1")
    link.pump(0.2)
    replayed = [item for item in link.events_since(start) if _number(item) == last]
    expect(bool(replayed), f"event #{last} asked for never came")
    expect(
        link.received.index(replayed[0]) > link.received.index(answer), "the event came before the response"
    )
    expect(replayed[0].frame.retransmit, f"event #{last} sent by REQUEST_EVENTS is not flagged")


def _watchdog(device: DeviceUnderTest) -> None:
    link = device.link
    watchdog_s = device.session().watchdog_ms / 1000
    device.ready_to_arm()
    expect(link.call(Arm(0), StateReply).state == DeviceState.ARMED, "ARM did not arm")
    link.keepalive = True
    link.pump(3 * watchdog_s)
    link.keepalive = False
    state = link.call(GetStatus(), StatusReply).state
    if state != DeviceState.ARMED:
        raise CheckFailed(f"fed every 100 ms, the device left ARMED for {DeviceState(state).name}")
    start = link.mark()
    silent_from = link.last_tx_s
    limit_s = watchdog_s * 1.5 + 0.1  # the device's clock, the link and this computer's scheduling
    tripped: Received | None = None
    while time.monotonic() < silent_from + limit_s:
        for item in link.pump(0.01):
            message = message_of(item)
            if (
                isinstance(message, StateEvent)
                and message.reason == StateChangeReason.WATCHDOG
                and tripped is None
            ):
                tripped = item
    # The events may wait outside a full window: the state says whether the device stopped.
    state = link.call(GetStatus(), StatusReply).state
    if state == DeviceState.ARMED:
        link.call(Disarm(), StateReply)
        raise CheckFailed(
            f"silent for {limit_s * 1000:.0f} ms, the armed device was still armed "
            f"(watchdog_ms {watchdog_s * 1000:.0f})"
        )
    expect(
        state == DeviceState.IDLE, f"after the watchdog from ARMED the device is {DeviceState(state).name}"
    )
    if tripped is not None:
        after_s = tripped.at_s - silent_from
        expect(
            after_s >= watchdog_s - 0.01,
            f"the watchdog tripped {after_s * 1000:.0f} ms after the last frame, "
            f"before {watchdog_s * 1000:.0f} ms",
        )
        message = message_of(tripped)
        expect(
            (message.old_state, message.new_state) == (DeviceState.ARMED, DeviceState.IDLE),
            f"watchdog STATE event {message}",
        )
        alarms = [
            item
            for item in link.events_since(start)
            if isinstance(message_of(item), AlarmEvent) and message_of(item).code == AlarmCode.WATCHDOG
        ]
        expect(bool(alarms), "no ALARM event raising WATCHDOG")
        expect(
            _number(alarms[0]) < _number(tripped),
            "the WATCHDOG ALARM event is numbered after the STATE event",
        )
    status = link.call(GetStatus(), StatusReply)
    expect(status.alarms & (1 << AlarmCode.WATCHDOG) != 0, "WATCHDOG is not active after the trip")
    remaining = link.call(AckAlarm(AlarmCode.WATCHDOG), AlarmsReply).alarms
    expect(
        remaining & (1 << AlarmCode.WATCHDOG) == 0,
        "WATCHDOG (one-off) stays active after its acknowledgement",
    )


CHECKS = [
    Check(
        "event-first-send",
        "9",
        "new events go out at once, unflagged, numbered in cause-and-effect order",
        _first_send_unflagged,
    ),
    Check(
        "event-resend",
        "9",
        "unacknowledged events are re-sent flagged every 250 ms, and no more once acknowledged",
        _resent_until_acknowledged,
    ),
    Check(
        "hello-window",
        "9",
        "a HELLO sends the unacknowledged events at once, unflagged, before the next response",
        _window_after_hello,
    ),
    Check(
        "request-events",
        "9",
        "REQUEST_EVENTS replays the event asked for, flagged, after its response",
        _request_events,
    ),
    Check(
        "watchdog",
        "8",
        "an armed device stays armed while fed and disarms watchdog_ms after the host went silent",
        _watchdog,
    ),
]

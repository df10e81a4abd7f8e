"""If the host goes silent while the gun is armed, the gun stops by itself (wall-clock watchdog)."""

from __future__ import annotations

import time

from wire import Wire, arm

from firmware_protocol import Status
from firmware_protocol.enums import AlarmCode, AlarmPriority, DeviceState, Mode, ShotResult, StateChangeReason
from firmware_protocol.messages import (
    AckAlarm,
    AlarmEvent,
    AlarmsReply,
    Arm,
    Fire,
    FireReply,
    ShotEvent,
    StateEvent,
)
from simulators.gun import SimulatedGun

WATCHDOG_S = 0.5
MARGIN_S = 1.5  # generous: the machine is shared


def test_silent_host_is_disarmed_within_the_watchdog_time(wire: Wire, gun: SimulatedGun) -> None:
    arm(wire)
    wire.keepalive = False
    silent_since = time.monotonic()
    assert gun.wait_until(lambda: gun.state != DeviceState.ARMED, WATCHDOG_S + MARGIN_S)
    elapsed = time.monotonic() - silent_since
    assert gun.state == DeviceState.IDLE
    assert AlarmCode.WATCHDOG in gun.alarms
    assert elapsed >= WATCHDOG_S * 0.9  # not before the host's time was up
    wire.keepalive = True
    alarm = wire.wait_event(lambda event: isinstance(event, AlarmEvent) and event.code == AlarmCode.WATCHDOG)
    assert (alarm.priority, alarm.raised) == (AlarmPriority.HIGH, 1)
    state = wire.events_of(StateEvent)[-1]
    assert (state.new_state, state.reason) == (DeviceState.IDLE, StateChangeReason.WATCHDOG)
    assert wire.request(Arm()).status == Status.ALARM_ACTIVE  # until acknowledged
    assert wire.call(AckAlarm(AlarmCode.WATCHDOG), AlarmsReply).alarms == 0
    assert wire.request(Arm()).status == Status.OK


def test_heartbeats_keep_the_gun_armed(wire: Wire, gun: SimulatedGun) -> None:
    arm(wire)
    wire.wait_for(lambda: False, 3 * WATCHDOG_S)  # pumping sends a Heartbeat every 100 ms
    assert gun.state == DeviceState.ARMED
    assert AlarmCode.WATCHDOG not in gun.alarms


def test_silence_during_an_infusion_stops_it_in_fault(wire: Wire, gun: SimulatedGun) -> None:
    arm(wire, Mode.CONTINUOUS, volume_nl=500_000, flow_nl_s=5_000)  # 100 s: longer than any margin
    wire.call(Fire(1), FireReply)
    wire.keepalive = False
    assert gun.wait_until(lambda: gun.state == DeviceState.FAULT, WATCHDOG_S + MARGIN_S)
    (truth,) = gun.truth.shots
    assert (truth.result, truth.cause) == (ShotResult.PARTIAL, AlarmCode.WATCHDOG)
    wire.keepalive = True
    shot = wire.wait_event(lambda event: isinstance(event, ShotEvent))
    assert (shot.result, shot.cause) == (ShotResult.PARTIAL, AlarmCode.WATCHDOG)

"""Alarms a practitioner meets: occlusion, empty syringe, jammed needle, low battery."""

from __future__ import annotations

from wire import Wire, arm, load_syringe

from firmware_protocol import Status
from firmware_protocol.enums import AlarmCode, AlarmPriority, DeviceState, Mode, ShotResult, alarms_in
from firmware_protocol.messages import (
    AckAlarm,
    AlarmEvent,
    AlarmsReply,
    Arm,
    Fire,
    FireReply,
    GetStatus,
    SelfTest,
    SelfTestReply,
    ShotEvent,
    StatusReply,
)
from simulators.gun import SimulatedGun


def _alarm_events(wire: Wire, code: AlarmCode) -> list[AlarmEvent]:
    return [event for event in wire.events_of(AlarmEvent) if event.code == code]


def test_occlusion_fails_the_shot_faults_and_clears_only_once_removed_and_acknowledged(
    wire: Wire, gun: SimulatedGun
) -> None:
    arm(wire)
    gun.set_occlusion(True)
    gun.pull_trigger()
    shot = wire.wait_event(lambda event: isinstance(event, ShotEvent))
    assert (shot.result, shot.cause) == (ShotResult.FAILED, AlarmCode.OCCLUSION)
    assert gun.truth.delivered_volume_nl == 0
    assert wire.wait_for(lambda: gun.state == DeviceState.FAULT)
    raised = wire.wait_event(
        lambda event: isinstance(event, AlarmEvent) and event.code == AlarmCode.OCCLUSION
    )
    assert (raised.priority, raised.raised) == (AlarmPriority.HIGH, 1)
    assert wire.request(Arm()).status == Status.ALARM_ACTIVE

    still = wire.call(AckAlarm(AlarmCode.OCCLUSION), AlarmsReply)  # the line is still blocked
    assert AlarmCode.OCCLUSION in alarms_in(still.alarms)
    gun.set_occlusion(False)
    cleared = wire.call(AckAlarm(255), AlarmsReply)
    assert AlarmCode.OCCLUSION not in alarms_in(cleared.alarms)
    assert wire.wait_for(lambda: [e.raised for e in _alarm_events(wire, AlarmCode.OCCLUSION)] == [1, 0])
    assert wire.call(GetStatus(), StatusReply).state == DeviceState.IDLE
    assert wire.request(Arm()).status == Status.OK


def test_occlusion_mid_infusion_stops_it_with_what_got_through(wire: Wire, gun: SimulatedGun) -> None:
    arm(wire, Mode.CONTINUOUS, volume_nl=500_000, flow_nl_s=5_000)
    wire.call(Fire(1), FireReply)
    assert wire.wait_for(lambda: gun.hardware.syringe is not None and gun.hardware.syringe.travel_steps > 50)
    gun.set_occlusion(True)
    shot = wire.wait_event(lambda event: isinstance(event, ShotEvent))
    assert (shot.result, shot.cause) == (ShotResult.PARTIAL, AlarmCode.OCCLUSION)
    assert 0 < shot.measured_volume_nl < 500_000
    assert gun.state == DeviceState.FAULT


def test_syringe_running_out_gives_a_partial_shot_and_blocks_until_a_new_one(
    wire: Wire, gun: SimulatedGun
) -> None:
    # 2 ml syringe holding 250 µl: the first 200 µl shot (212 µl really) passes, the second runs dry.
    arm(wire, Mode.SINGLE, capacity_ul=2_000, fill_nl=250_000, volume_nl=200_000, flow_nl_s=500_000)
    gun.pull_trigger()
    gun.pull_trigger()
    assert wire.wait_for(lambda: len(wire.events_of(ShotEvent)) == 2)
    first, second = wire.events_of(ShotEvent)
    assert first.result == ShotResult.COMPLETE
    assert (second.result, second.cause) == (ShotResult.PARTIAL, AlarmCode.SYRINGE_EMPTY)
    assert second.syringe_remaining_nl == 0
    assert gun.truth.delivered_volume_nl == 250_000  # every drop, no more
    assert wire.wait_for(lambda: gun.state == DeviceState.IDLE)
    assert {AlarmCode.SYRINGE_EMPTY, AlarmCode.SYRINGE_NEARLY_EMPTY} <= gun.alarms
    assert wire.request(Arm()).status == Status.NO_SYRINGE
    load_syringe(wire, 2_000, 2_000_000)
    assert AlarmCode.SYRINGE_NEARLY_EMPTY not in gun.alarms  # follows the level by itself
    assert wire.request(Arm()).status == Status.ALARM_ACTIVE  # empty syringe latched until acknowledged
    wire.call(AckAlarm(AlarmCode.SYRINGE_EMPTY), AlarmsReply)
    assert wire.request(Arm()).status == Status.OK


def test_emptied_syringe_fails_the_next_shot(wire: Wire, gun: SimulatedGun) -> None:
    arm(wire)
    gun.empty_syringe()
    gun.pull_trigger()
    shot = wire.wait_event(lambda event: isinstance(event, ShotEvent))
    assert (shot.result, shot.cause) == (ShotResult.FAILED, AlarmCode.SYRINGE_EMPTY)


def test_jammed_needle_is_a_position_alarm_and_fails_self_test(wire: Wire, gun: SimulatedGun) -> None:
    arm(wire, Mode.SINGLE, depth_um=4_000)
    gun.set_needle_jam(True)
    gun.pull_trigger()
    shot = wire.wait_event(lambda event: isinstance(event, ShotEvent))
    assert (shot.result, shot.cause) == (ShotResult.FAILED, AlarmCode.NEEDLE_POSITION)
    assert shot.measured_depth_um < 4_000
    assert wire.wait_for(lambda: gun.state == DeviceState.FAULT)
    assert AlarmCode.NEEDLE_POSITION in gun.alarms
    gun.set_needle_jam(False)
    wire.call(AckAlarm(255), AlarmsReply)
    assert wire.call(SelfTest(), SelfTestReply).failures == 0
    gun.set_needle_jam(True)
    failures = wire.call(SelfTest(), SelfTestReply).failures
    assert alarms_in(failures) == {AlarmCode.NEEDLE_POSITION}


def test_battery_alarms_follow_the_charge(wire: Wire, gun: SimulatedGun) -> None:
    gun.set_battery(25)
    assert wire.wait_for(lambda: bool(_alarm_events(wire, AlarmCode.BATTERY_BELOW_30)))
    gun.set_battery(5)
    assert wire.wait_for(lambda: bool(_alarm_events(wire, AlarmCode.BATTERY_LOW)))
    status = wire.call(GetStatus(), StatusReply)
    assert status.battery_pct == 5
    assert alarms_in(status.alarms) == {AlarmCode.BATTERY_LOW}  # one condition, one alarm
    gun.set_battery(80)
    assert wire.wait_for(lambda: [e.raised for e in _alarm_events(wire, AlarmCode.BATTERY_LOW)] == [1, 0])
    assert alarms_in(wire.call(GetStatus(), StatusReply).alarms) == set()


def test_a_battery_falling_straight_to_low_raises_one_alarm_and_the_warning_gives_way(
    wire: Wire, gun: SimulatedGun
) -> None:
    gun.set_battery(5)  # from full: below both thresholds at once
    assert wire.wait_for(lambda: bool(_alarm_events(wire, AlarmCode.BATTERY_LOW)))
    assert alarms_in(wire.call(GetStatus(), StatusReply).alarms) == {AlarmCode.BATTERY_LOW}
    assert _alarm_events(wire, AlarmCode.BATTERY_BELOW_30) == []
    gun.set_battery(20)  # charging: back to the low-priority warning only
    assert wire.wait_for(lambda: bool(_alarm_events(wire, AlarmCode.BATTERY_BELOW_30)))
    assert wire.wait_for(lambda: [e.raised for e in _alarm_events(wire, AlarmCode.BATTERY_LOW)] == [1, 0])
    assert alarms_in(wire.call(GetStatus(), StatusReply).alarms) == {AlarmCode.BATTERY_BELOW_30}
    gun.set_battery(25)
    gun.set_battery(5)  # falling again from the warning: the warning clears as the low alarm rises
    assert wire.wait_for(
        lambda: [e.raised for e in _alarm_events(wire, AlarmCode.BATTERY_BELOW_30)] == [1, 0]
    )
    assert alarms_in(wire.call(GetStatus(), StatusReply).alarms) == {AlarmCode.BATTERY_LOW}

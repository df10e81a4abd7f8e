"""Shots as the operator and the host trigger them, checked against the ground truth."""

from __future__ import annotations

import pytest
import serial
from wire import Wire, arm, load_syringe

from firmware_protocol import Status
from firmware_protocol.enums import AlarmCode, DeviceState, Mode, ShotResult
from firmware_protocol.messages import (
    CalibrationEvent,
    CalibrationReply,
    Fire,
    FireReply,
    GetStatus,
    Prime,
    PrimeEvent,
    ReadCalibration,
    SetTechnicianMode,
    ShotEvent,
    StateEvent,
    StateReply,
    StatusReply,
    Stop,
    TechnicianModeReply,
    TriggerEvent,
    WriteCalibration,
)
from simulators.gun import SimulatedGun


def _shots(wire: Wire) -> list[ShotEvent]:
    return wire.events_of(ShotEvent)


def test_trigger_pull_delivers_one_shot_and_the_truth_shows_the_uncalibrated_error(
    wire: Wire, gun: SimulatedGun
) -> None:
    config_id = arm(wire, Mode.SINGLE, depth_um=4_000, volume_nl=100_000, flow_nl_s=100_000)
    gun.pull_trigger()
    shot = wire.wait_event(lambda event: isinstance(event, ShotEvent))
    assert shot.result == ShotResult.COMPLETE and shot.cause == AlarmCode.NONE
    assert (shot.config_id, shot.mode) == (config_id, Mode.SINGLE)
    assert (shot.commanded_volume_nl, shot.measured_volume_nl) == (100_000, 100_000)
    assert (shot.commanded_depth_um, shot.measured_depth_um) == (4_000, 4_000)
    assert shot.syringe_remaining_nl == 5_000_000 - 100_000
    (truth,) = gun.truth.shots
    assert truth.event_number == shot.event_number
    assert truth.true_volume_nl == pytest.approx(106_000)  # 6 % more than the device believes
    assert truth.depth_um == 4_150  # the hidden mounting offset
    presses = [event.pressed for event in wire.events_of(TriggerEvent)]
    assert presses == [1, 0]
    assert wire.wait_for(lambda: gun.state == DeviceState.ARMED)


def test_trigger_held_in_burst_mode_fires_until_released(wire: Wire, gun: SimulatedGun) -> None:
    arm(wire, Mode.BURST, depth_um=1_000, volume_nl=10_000, flow_nl_s=200_000, burst_rate_mhz=9_000)
    gun.press_trigger()
    assert wire.wait_for(lambda: len(_shots(wire)) >= 3, 10)
    gun.release_trigger()
    assert wire.wait_for(lambda: gun.state == DeviceState.ARMED, 5)
    wire.wait_for(lambda: False, 0.3)  # any shot after the release would show up here
    shots = _shots(wire)
    assert len(shots) == len(gun.truth.shots) >= 3
    assert all(shot.result == ShotResult.COMPLETE for shot in shots)
    assert {shot.event_number for shot in shots} == {truth.event_number for truth in gun.truth.shots}
    states = [(event.new_state, event.reason) for event in wire.events_of(StateEvent)]
    assert states[-2:] == [(DeviceState.DELIVERING, 1), (DeviceState.ARMED, 6)]  # one run: TRIGGER … DONE


def test_fire_delivers_count_shots_numbered_from_the_reply(wire: Wire, gun: SimulatedGun) -> None:
    arm(wire, Mode.SINGLE, volume_nl=20_000, burst_rate_mhz=9_000)
    first = wire.call(Fire(3), FireReply).first_event_number
    assert wire.wait_for(lambda: len(_shots(wire)) == 3 and gun.state == DeviceState.ARMED, 10)
    assert all(shot.event_number >= first for shot in _shots(wire))
    assert len(gun.truth.shots) == 3
    assert len(gun.truth.executions_of("Fire")) == 1


def test_continuous_infusion_delivers_the_target_volume(wire: Wire, gun: SimulatedGun) -> None:
    arm(wire, Mode.CONTINUOUS, depth_um=3_000, volume_nl=200_000, flow_nl_s=100_000)
    assert wire.request(Fire(2)).status == Status.OUT_OF_RANGE  # one infusion per FIRE
    wire.call(Fire(1), FireReply)
    shot = wire.wait_event(lambda event: isinstance(event, ShotEvent), 10)
    assert (shot.result, shot.mode, shot.measured_volume_nl) == (
        ShotResult.COMPLETE,
        Mode.CONTINUOUS,
        200_000,
    )
    assert gun.truth.delivered_volume_nl == pytest.approx(212_000)


def test_releasing_the_trigger_cuts_an_infusion_short(wire: Wire, gun: SimulatedGun) -> None:
    arm(wire, Mode.CONTINUOUS, depth_um=3_000, volume_nl=500_000, flow_nl_s=5_000)  # 100 s of infusion
    gun.press_trigger()
    assert wire.wait_for(lambda: gun.hardware.syringe is not None and gun.hardware.syringe.travel_steps > 50)
    gun.release_trigger()
    shot = wire.wait_event(lambda event: isinstance(event, ShotEvent))
    assert shot.result == ShotResult.PARTIAL and shot.cause == AlarmCode.NONE
    assert 0 < shot.measured_volume_nl < 500_000
    assert wire.wait_for(lambda: gun.state == DeviceState.ARMED)


def test_stop_ends_a_delivery_at_once_as_partial_and_disarms(wire: Wire, gun: SimulatedGun) -> None:
    arm(wire, Mode.CONTINUOUS, depth_um=3_000, volume_nl=500_000, flow_nl_s=5_000)
    wire.call(Fire(1), FireReply)
    assert wire.wait_for(lambda: gun.hardware.syringe is not None and gun.hardware.syringe.travel_steps > 50)
    assert wire.call(Stop(), StateReply).state == DeviceState.IDLE
    shot = wire.wait_event(lambda event: isinstance(event, ShotEvent))
    assert (shot.result, shot.cause) == (ShotResult.PARTIAL, AlarmCode.STOPPED)
    assert gun.truth.shots[-1].result == ShotResult.PARTIAL
    assert wire.call(GetStatus(), StatusReply).state == DeviceState.IDLE


def test_prime_pushes_liquid_that_is_not_a_dose(wire: Wire, gun: SimulatedGun) -> None:
    load_syringe(wire, 5_000, 5_000_000)
    assert wire.call(Prime(50_000), StateReply).state == DeviceState.PRIMING
    primed = wire.wait_event(lambda event: isinstance(event, PrimeEvent))
    assert (primed.volume_nl, primed.syringe_remaining_nl) == (50_000, 4_950_000)
    assert wire.wait_for(lambda: gun.state == DeviceState.IDLE)
    assert gun.truth.shots == []
    assert gun.truth.primed_volume_nl == pytest.approx(53_000)


def test_pull_while_disarmed_delivers_nothing(wire: Wire, gun: SimulatedGun) -> None:
    gun.pull_trigger()
    assert wire.wait_for(lambda: len(wire.events_of(TriggerEvent)) == 2)
    assert [event.pressed for event in wire.events_of(TriggerEvent)] == [1, 0]
    assert gun.truth.shots == []
    assert gun.state == DeviceState.IDLE


def test_calibration_written_in_technician_mode_makes_the_truth_match(
    wire: Wire, gun: SimulatedGun, gun_url: str
) -> None:
    factors = WriteCalibration(7, 10_600, 150, 1_000_000, 1_700_000_000, 0)
    assert wire.request(factors).status == Status.NOT_PERMITTED
    assert wire.request(SetTechnicianMode(1, 4321)).status == Status.NOT_PERMITTED
    assert wire.call(SetTechnicianMode(1, 1234), TechnicianModeReply).technician_mode == 1
    stored = wire.call(factors, CalibrationReply)
    assert (stored.calibration_id, stored.volume_per_step_pl, stored.depth_offset_um) == (7, 10_600, 150)
    assert wire.wait_event(lambda event: isinstance(event, CalibrationEvent)).volume_per_step_pl == 10_600
    gun.power_cycle()  # calibration is non-volatile

    with serial.serial_for_url(gun_url, timeout=0.05) as port:
        again = Wire(port)
        again.hello()
        assert again.call(ReadCalibration(), CalibrationReply) == stored
        arm(again, Mode.SINGLE, depth_um=4_000, volume_nl=100_000)
        gun.pull_trigger()
        shot = again.wait_event(lambda event: isinstance(event, ShotEvent))
    truth = gun.truth.shots[-1]
    assert truth.event_number == shot.event_number
    assert truth.true_volume_nl == pytest.approx(100_000, abs=10.6)  # within one motor step
    assert truth.depth_um == 4_000

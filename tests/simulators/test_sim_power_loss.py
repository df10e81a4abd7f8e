"""A shot cut by a power loss is reported after the power-on, as an INTERRUPTED shot (PROTOCOL.md §7.4)."""

from __future__ import annotations

from pathlib import Path

import pytest
import serial
from wire import Wire, arm

from firmware_protocol.enums import AlarmCode, DeviceState, Mode, ShotResult, StateChangeReason
from firmware_protocol.messages import (
    Fire,
    FireReply,
    RequestEvents,
    RequestEventsReply,
    ShotEvent,
    StateEvent,
)
from simulators.gun import SimulatedGun


def _cut_mid_push(gun: SimulatedGun, wire: Wire, min_steps: float) -> float:
    """Fire a long shot and cut the power once the plunger made ``min_steps``; steps made before the cut."""
    wire.call(Fire(1), FireReply)
    syringe = gun.hardware.syringe
    assert syringe is not None
    assert wire.wait_for(lambda: syringe.travel_steps > min_steps)
    gun.power_cycle()
    return syringe.travel_steps


def test_a_shot_cut_by_a_power_loss_is_reported_before_the_power_on(gun_url: str, gun: SimulatedGun) -> None:
    with serial.serial_for_url(gun_url, timeout=0.05) as port:
        wire = Wire(port)
        wire.hello()
        # 50 µl at 20 µl/s: 2.5 s of push, cut after ~10 µl.
        arm(wire, Mode.SINGLE, depth_um=4_000, volume_nl=50_000, flow_nl_s=20_000)
        steps = _cut_mid_push(gun, wire, 1_000)
    assert gun.state == DeviceState.IDLE
    before = gun.last_event_number - 2  # the interrupted shot and the power-on
    with serial.serial_for_url(gun_url, timeout=0.05) as port:
        wire = Wire(port)
        wire.hello()
        wire.call(RequestEvents(before + 1, 255), RequestEventsReply)
        assert wire.wait_for(lambda: len(wire.event_messages()) >= 2)
    events = wire.event_messages()
    shot, power_on = events[before + 1], events[before + 2]
    assert isinstance(shot, ShotEvent) and isinstance(power_on, StateEvent)
    assert (shot.result, shot.cause) == (ShotResult.INTERRUPTED, AlarmCode.POWER_LOSS)
    assert power_on.reason == StateChangeReason.POWER_ON
    assert power_on.old_state == DeviceState.DELIVERING
    assert 0 < shot.measured_volume_nl < shot.commanded_volume_nl
    assert shot.measured_volume_nl == pytest.approx(steps * 10, abs=10)  # 10 nl per step, uncalibrated
    assert shot.measured_depth_um > 3_000
    true = gun.truth.shots[-1]
    assert (true.event_number, true.result) == (shot.event_number, ShotResult.INTERRUPTED)
    assert true.true_volume_nl == pytest.approx(shot.measured_volume_nl * 1.06, rel=0.01)


def test_an_interrupted_shot_is_reported_once_across_further_power_cycles(
    journal_path: Path, gun_url: str, gun: SimulatedGun
) -> None:
    with serial.serial_for_url(gun_url, timeout=0.05) as port:
        wire = Wire(port)
        wire.hello()
        arm(wire, Mode.SINGLE, depth_um=4_000, volume_nl=50_000, flow_nl_s=20_000)
        _cut_mid_push(gun, wire, 500)
    gun.power_cycle()
    gun.close()
    with SimulatedGun(journal_path, clock_scale=20) as restarted:
        interrupted = [
            restarted.firmware.journal.get(number)
            for number in range(1, restarted.last_event_number + 1)
            if getattr(restarted.firmware.journal.get(number), "result", None) == ShotResult.INTERRUPTED
        ]
    assert len(interrupted) == 1


def test_a_power_loss_between_shots_reports_no_shot(wire: Wire, gun: SimulatedGun) -> None:
    arm(wire, Mode.SINGLE, volume_nl=10_000)
    gun.pull_trigger()
    wire.wait_event(lambda event: isinstance(event, ShotEvent))
    before = gun.last_event_number
    gun.power_cycle()
    assert gun.last_event_number == before + 1
    assert sum(1 for shot in gun.truth.shots if shot.result == ShotResult.INTERRUPTED) == 0

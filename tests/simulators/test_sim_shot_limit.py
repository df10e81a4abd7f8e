"""ARM's shot limit: the gun delivers at most that many shots, then disarms itself."""

from __future__ import annotations

from wire import Wire, configure, load_syringe

from firmware_protocol import Status
from firmware_protocol.enums import DeviceState, Mode, StateChangeReason
from firmware_protocol.messages import Arm, Fire, FireReply, ShotEvent, StateEvent, StateReply
from simulators.gun import SimulatedGun

# Nappage at the fastest burst rate: at the simulated gun's scaled clock, far faster than a host's
# DISARM could follow.
BURST = {"depth_um": 1_000, "volume_nl": 10_000, "flow_nl_s": 200_000, "burst_rate_mhz": 9_000}


def _arm(wire: Wire, mode: Mode, shot_limit: int) -> None:
    configure(wire, mode, **BURST)
    load_syringe(wire)
    assert wire.call(Arm(shot_limit), StateReply).state == DeviceState.ARMED


def _settle(wire: Wire) -> None:
    wire.wait_for(lambda: False, 0.3)  # any shot beyond the limit would show up here


def test_a_held_burst_ends_at_the_limit_and_the_gun_disarms_itself(wire: Wire, gun: SimulatedGun) -> None:
    _arm(wire, Mode.BURST, shot_limit=4)
    gun.press_trigger()
    assert wire.wait_for(lambda: gun.state == DeviceState.IDLE, 10)
    _settle(wire)
    assert gun.trigger_pressed  # still held: the limit ended the burst, not the practitioner
    assert len(wire.events_of(ShotEvent)) == len(gun.truth.shots) == 4
    last_state = wire.events_of(StateEvent)[-1]
    assert (last_state.new_state, last_state.reason) == (DeviceState.IDLE, StateChangeReason.SHOT_LIMIT)
    gun.release_trigger()
    gun.press_trigger()  # disarmed: a new press delivers nothing
    _settle(wire)
    assert len(gun.truth.shots) == 4


def test_without_a_limit_the_burst_runs_until_release(wire: Wire, gun: SimulatedGun) -> None:
    _arm(wire, Mode.BURST, shot_limit=0)
    gun.press_trigger()
    assert wire.wait_for(lambda: len(gun.truth.shots) >= 6, 10)
    assert gun.state in (DeviceState.DELIVERING, DeviceState.ARMED)
    gun.release_trigger()
    assert wire.wait_for(lambda: gun.state == DeviceState.ARMED, 5)


def test_fire_beyond_the_shots_left_is_refused_with_the_limit(wire: Wire, gun: SimulatedGun) -> None:
    _arm(wire, Mode.SINGLE, shot_limit=3)
    wire.call(Fire(2), FireReply)
    assert wire.wait_for(lambda: len(gun.truth.shots) == 2 and gun.state == DeviceState.ARMED, 10)
    response = wire.request(Fire(2))
    assert response.status == Status.OUT_OF_RANGE
    assert response.error is not None
    assert (response.error.value, response.error.minimum, response.error.maximum) == (2, 1, 1)
    wire.call(Fire(1), FireReply)
    assert wire.wait_for(lambda: gun.state == DeviceState.IDLE, 10)
    assert len(gun.truth.shots) == 3


def test_arming_again_replaces_what_was_left_of_the_limit(wire: Wire, gun: SimulatedGun) -> None:
    _arm(wire, Mode.SINGLE, shot_limit=1)
    assert wire.call(Arm(5), StateReply).state == DeviceState.ARMED
    wire.call(Fire(5), FireReply)
    assert wire.wait_for(lambda: gun.state == DeviceState.IDLE, 10)
    _settle(wire)
    assert len(gun.truth.shots) == 5

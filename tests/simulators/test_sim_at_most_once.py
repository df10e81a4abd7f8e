"""ACTION requests execute at most once: a flagged retransmission is answered from the cache."""

from __future__ import annotations

import serial
from wire import Wire, arm

from firmware_protocol import Status, encode_message
from firmware_protocol.enums import DeviceState, Mode
from firmware_protocol.messages import DiagnosticsReply, Fire, FireReply, GetDiagnostics, Prime
from simulators.gun import SimulatedGun


def test_flagged_retransmission_replays_the_response_without_firing_again(
    wire: Wire, gun: SimulatedGun
) -> None:
    arm(wire, Mode.SINGLE, volume_nl=10_000)
    seq = wire.next_seq()
    first = wire.request(Fire(1), seq=seq)
    assert wire.wait_for(lambda: gun.state == DeviceState.ARMED and len(gun.truth.shots) == 1)
    replay = wire.request(Fire(1), seq=seq, retransmit=True)  # "the reply was lost, did you fire?"
    assert replay.status == first.status == Status.OK
    assert replay.body == first.body
    wire.wait_for(lambda: False, 0.2)
    assert len(gun.truth.shots) == 1
    assert gun.truth.executions_of("Fire") == [(gun.boot_id, seq, "Fire")]
    assert wire.call(GetDiagnostics(), DiagnosticsReply).retransmissions_replayed == 1


def test_flagged_retransmission_with_other_content_is_a_bad_request(wire: Wire, gun: SimulatedGun) -> None:
    arm(wire, Mode.SINGLE, volume_nl=10_000)
    seq = wire.next_seq()
    wire.call(Fire(1), FireReply, seq=seq)
    assert wire.request(Fire(2), seq=seq, retransmit=True).status == Status.BAD_REQUEST
    assert len(gun.truth.executions_of("Fire")) == 1


def test_flagged_request_never_seen_before_executes(wire: Wire, gun: SimulatedGun) -> None:
    arm(wire, Mode.SINGLE, volume_nl=10_000)
    wire.call(Fire(1), FireReply, retransmit=True)  # the original was lost on the way
    assert wire.wait_for(lambda: len(gun.truth.shots) == 1)


def test_unflagged_reuse_of_a_sequence_number_is_a_new_command(wire: Wire, gun: SimulatedGun) -> None:
    arm(wire, Mode.SINGLE, volume_nl=10_000)
    seq = wire.next_seq()
    wire.call(Fire(1), FireReply, seq=seq)
    assert wire.wait_for(lambda: gun.state == DeviceState.ARMED and len(gun.truth.shots) == 1)
    wire.call(Fire(2), FireReply, seq=seq)  # the host's counter wrapped around
    assert wire.wait_for(lambda: len(gun.truth.shots) == 3)
    assert [entry[1] for entry in gun.truth.executions_of("Fire")] == [seq, seq]


def test_the_same_frame_twice_in_a_row_is_not_a_second_command(wire: Wire, gun: SimulatedGun) -> None:
    arm(wire, Mode.SINGLE, volume_nl=10_000)
    frame = encode_message(Fire(1), 0x4242)
    wire.send_raw(frame + frame)  # a link that repeats itself
    wire.wait_for(lambda: False, 0.3)
    assert len(gun.truth.executions_of("Fire")) == 1
    assert len(gun.truth.shots) == 1


def test_a_power_cycle_forgets_the_cache_and_changes_the_boot_id(
    wire: Wire, gun: SimulatedGun, gun_url: str
) -> None:
    arm(wire)
    boot_before = gun.boot_id
    gun.power_cycle()
    with serial.serial_for_url(gun_url, timeout=0.05) as port:
        again = Wire(port)
        assert again.hello().boot_id == gun.boot_id != boot_before
        assert gun.state == DeviceState.IDLE  # RAM lost: disarmed, unconfigured
        assert again.request(Prime(1_000)).status == Status.OK  # the syringe is still there

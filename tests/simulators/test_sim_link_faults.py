"""A noisy cable: damaged frames are dropped and counted, never acted on; commands still run once."""

from __future__ import annotations

import pytest
from wire import Wire, arm

from firmware_protocol import Status, encode_message
from firmware_protocol.enums import DeviceState, Mode
from firmware_protocol.framing import encode_frame
from firmware_protocol.messages import (
    Configure,
    DiagnosticsReply,
    Fire,
    FireReply,
    GetDiagnostics,
    GetStatus,
    ShotEvent,
    StatusReply,
)
from simulators.gun import SimulatedGun
from simulators.link_faults import LinkFaults


def test_fault_specification_is_parsed_and_checked() -> None:
    faults = LinkFaults.parse("corrupt=0.01, drop=0.02,delay=0.1,delay_s=0.2,seed=3")
    assert (faults.corrupt, faults.drop, faults.delay, faults.delay_s, faults.seed) == (
        0.01,
        0.02,
        0.1,
        0.2,
        3,
    )
    assert LinkFaults.parse("") == LinkFaults()
    with pytest.raises(ValueError, match="garble"):
        LinkFaults.parse("garble=0.1")
    with pytest.raises(ValueError, match=r"drop = 1\.5"):
        LinkFaults.parse("drop=1.5")


def test_damaged_frame_is_dropped_counted_and_never_acted_on(wire: Wire, gun: SimulatedGun) -> None:
    arm(wire)
    frame = bytearray(encode_message(Fire(1), 0x2222))
    frame[4] ^= 0x5A  # a bit error inside the frame
    wire.send_raw(bytes(frame))
    diagnostics = wire.call(GetDiagnostics(), DiagnosticsReply)
    assert diagnostics.crc_errors == 1
    assert gun.truth.executions_of("Fire") == []
    assert gun.truth.shots == []
    assert wire.request(Fire(1), seq=0x2222).status == Status.OK  # the host's retry is a first delivery


def test_valid_frames_the_device_cannot_use_are_answered_not_acted_on(wire: Wire, gun: SimulatedGun) -> None:
    wire.send_raw(encode_frame(1, 0x3F, 0, 0x0101, b""))  # no such message
    wire.send_raw(encode_frame(1, Configure.MSG_ID, 0, 0x0102, b"\x00\xa0"))  # payload far too short
    assert wire.wait_for(lambda: bool(wire.undecodable) and any(r.seq == 0x0102 for r in wire.stray))
    (unknown,) = wire.undecodable  # a response to a type the table does not have
    assert (unknown.msg_type, unknown.seq, unknown.payload[0]) == (0xBF, 0x0101, Status.UNSUPPORTED)
    (malformed,) = [response for response in wire.stray if response.seq == 0x0102]
    assert malformed.status == Status.BAD_REQUEST
    assert wire.call(GetStatus(), StatusReply).config_id == 0
    assert gun.truth.executions == []


def test_noisy_link_delivers_every_command_exactly_once(wire: Wire, gun: SimulatedGun) -> None:
    wire.retries, wire.timeout_s = 20, 0.15
    gun.set_link_faults(LinkFaults(corrupt=0.1, drop=0.05, duplicate=0.1, delay=0.1, split=0.2, seed=7))
    arm(wire, Mode.SINGLE, volume_nl=10_000)
    for _ in range(5):
        wire.call(Fire(1), FireReply)
        assert wire.wait_for(lambda: gun.state == DeviceState.ARMED, 10)
    assert wire.wait_for(lambda: len(wire.events_of(ShotEvent)) == 5, 10)
    assert len(gun.truth.executions_of("Fire")) == 5
    assert len(gun.truth.shots) == 5
    for _ in range(30):  # queries may simply be asked again
        assert wire.call(GetStatus(), StatusReply).state == DeviceState.ARMED
    assert wire.decoder.stats.frames_dropped > 0  # the host saw damage
    assert wire.call(GetDiagnostics(), DiagnosticsReply).crc_errors > 0  # so did the device

"""HELLO first: identity and capabilities, refusal of another protocol or message table."""

from __future__ import annotations

import serial
from wire import Wire, arm

from firmware_protocol import PROTOCOL_VERSION, SCHEMA_HASH, Status
from firmware_protocol.enums import DeviceState, Mode
from firmware_protocol.framing import encode_frame
from firmware_protocol.messages import ErrorDetail, GetStatus, Hello, StatusReply, Stop
from firmware_protocol.payload import decode_body
from firmware_protocol.wire_types import as_int32
from simulators.gun import SimulatedGun


def test_hello_announces_identity_capabilities_and_boot(gun: SimulatedGun, gun_url: str) -> None:
    with serial.serial_for_url(gun_url, timeout=0.05) as port:
        reply = Wire(port).hello()
    assert reply.serial_number == "SIM-0001"
    assert reply.boot_id == gun.boot_id != 0
    assert (reply.depth_min_um, reply.depth_max_um, reply.depth_step_um) == (0, 13_000, 100)
    assert (reply.volume_min_nl, reply.volume_max_nl) == (1_000, 500_000)
    assert (reply.flow_min_nl_s, reply.flow_max_nl_s) == (5_000, 500_000)
    assert (reply.burst_rate_min_mhz, reply.burst_rate_max_mhz) == (1_000, 9_000)
    assert reply.modes_mask == sum(1 << mode for mode in Mode)
    assert list(reply.syringe_sizes_ml) == [2, 3, 5, 10]
    assert reply.watchdog_ms == 500
    assert reply.telemetry_max_hz == 1000
    assert reply.last_event_number == gun.last_event_number >= 1  # at least the power-on


def test_requests_before_hello_are_refused(gun_url: str) -> None:
    with serial.serial_for_url(gun_url, timeout=0.05) as port:
        wire = Wire(port, keepalive=False)
        response = wire.request(GetStatus())
        assert response.status == Status.HANDSHAKE_REQUIRED
        wire.hello()
        assert wire.request(GetStatus()).status == Status.OK


def test_stop_is_obeyed_even_before_hello(gun_url: str) -> None:
    with serial.serial_for_url(gun_url, timeout=0.05) as port:
        response = Wire(port, keepalive=False).request(Stop())
    assert response.status == Status.OK


def test_other_protocol_version_is_refused_with_the_device_version(gun_url: str) -> None:
    with serial.serial_for_url(gun_url, timeout=0.05) as port:
        wire = Wire(port, keepalive=False)
        response = wire.request(Hello(PROTOCOL_VERSION + 1, SCHEMA_HASH, "future host"))
        assert response.status == Status.PROTOCOL_MISMATCH
        assert response.error is not None and response.error.value == PROTOCOL_VERSION
        assert wire.request(GetStatus()).status == Status.HANDSHAKE_REQUIRED


def test_frame_of_another_protocol_version_gets_a_mismatch_answer_in_its_own_header(gun_url: str) -> None:
    with serial.serial_for_url(gun_url, timeout=0.05) as port:
        wire = Wire(port, keepalive=False)
        wire.send_raw(encode_frame(PROTOCOL_VERSION + 1, Hello.MSG_ID, 0, 77, b"\x02"))
        assert wire.wait_for(lambda: any(frame.seq == 77 for frame in wire.undecodable))
    # A version-2 header, which this codec cannot interpret, so that a version-2 host can read it.
    (frame,) = [frame for frame in wire.undecodable if frame.seq == 77]
    assert (frame.version, frame.msg_type) == (PROTOCOL_VERSION + 1, Hello.MSG_ID | 0x80)
    error = decode_body(ErrorDetail, frame.payload[1:])
    assert frame.payload[0] == Status.PROTOCOL_MISMATCH
    assert (error.field_index, error.value) == (0, PROTOCOL_VERSION)


def test_other_message_table_is_refused_with_the_device_hash(gun_url: str) -> None:
    with serial.serial_for_url(gun_url, timeout=0.05) as port:
        wire = Wire(port, keepalive=False)
        response = wire.request(Hello(PROTOCOL_VERSION, SCHEMA_HASH ^ 1, "other build"))
        assert response.status == Status.SCHEMA_MISMATCH
        assert response.error is not None and response.error.value == as_int32(SCHEMA_HASH)
        assert wire.request(GetStatus()).status == Status.HANDSHAKE_REQUIRED


def test_hello_again_leaves_the_device_as_it_was(wire: Wire, gun: SimulatedGun) -> None:
    arm(wire)
    wire.hello()
    assert wire.call(GetStatus(), StatusReply).state == DeviceState.ARMED
    assert gun.state == DeviceState.ARMED

"""Checks of the handshake (PROTOCOL.md §2, §4.5 rules 2 and 5, §6): who is served before HELLO, and
how a device refuses a host of another version or another message table."""

from __future__ import annotations

from firmware_protocol import PROTOCOL_VERSION, SCHEMA_HASH, Status
from firmware_protocol.codec import encode_body
from firmware_protocol.framing import encode_frame
from firmware_protocol.messages import GetStatus, Hello, StateReply, Stop
from mesogun.conformance.checklist import Check, DeviceUnderTest, expect, expect_refusal
from mesogun.conformance.raw_link import CheckFailed

OTHER_SCHEMA_HASH = SCHEMA_HASH ^ 0x5A5A5A5A


def _schema_mismatch(device: DeviceUnderTest) -> None:
    device.hello = None  # a refused HELLO ends any session
    response = device.link.request(Hello(PROTOCOL_VERSION, OTHER_SCHEMA_HASH, "conformance"))
    expect_refusal(
        response, Status.SCHEMA_MISMATCH, field_index=1, value=SCHEMA_HASH, what="HELLO, other schema"
    )


def _no_session_after_refusal(device: DeviceUnderTest) -> None:
    device.hello = None
    device.link.request(Hello(PROTOCOL_VERSION, OTHER_SCHEMA_HASH, "conformance"))
    expect_refusal(
        device.link.request(GetStatus()), Status.HANDSHAKE_REQUIRED, what="GET_STATUS without a link session"
    )
    response = device.link.request(Stop())
    expect(
        response.status == Status.OK, f"STOP without a link session answered {response.status.name}, not OK"
    )
    expect(isinstance(response.body, StateReply), "STOP's reply has no state")


def _protocol_mismatch(device: DeviceUnderTest) -> None:
    device.hello = None
    response = device.link.request(Hello(PROTOCOL_VERSION + 1, SCHEMA_HASH, "conformance"))
    expect_refusal(
        response,
        Status.PROTOCOL_MISMATCH,
        field_index=0,
        value=PROTOCOL_VERSION,
        minimum=PROTOCOL_VERSION,
        maximum=PROTOCOL_VERSION,
        what="HELLO naming version 2",
    )


def _other_header_version(device: DeviceUnderTest) -> None:
    device.hello = None
    link = device.link
    start = link.mark()
    seq = link.next_seq()
    payload = encode_body(Hello(PROTOCOL_VERSION + 1, 0, "future"))
    link.write(encode_frame(PROTOCOL_VERSION + 1, 0x01, 0, seq, payload))
    item = link.answer(seq, after=start)
    if item is None:
        raise CheckFailed("a HELLO in a version-2 header got no answer (expected PROTOCOL_MISMATCH)")
    frame = item.frame
    expect(
        frame.version == PROTOCOL_VERSION + 1, f"answered in a version-{frame.version} header, not version 2"
    )
    expect(frame.msg_type == 0x81, f"answered with type 0x{frame.msg_type:02X}, not 0x81")
    expect(
        frame.payload[:1] == bytes([Status.PROTOCOL_MISMATCH]),
        f"status {frame.payload[:1].hex()} instead of PROTOCOL_MISMATCH (8)",
    )


def _hello_accepted(device: DeviceUnderTest) -> None:
    device.hello = None
    reply = device.session()
    expect(
        reply.protocol_version == PROTOCOL_VERSION, f"HelloReply.protocol_version {reply.protocol_version}"
    )
    expect(reply.schema_hash == SCHEMA_HASH, f"HelloReply.schema_hash 0x{reply.schema_hash:08X}")
    expect(100 <= reply.watchdog_ms <= 5000, f"watchdog_ms {reply.watchdog_ms} outside 100..5000")
    expect(reply.depth_step_um >= 1, "depth_step_um is 0")
    expect(reply.depth_min_um <= reply.depth_max_um, "depth_min_um above depth_max_um")
    expect(reply.volume_min_nl <= reply.volume_max_nl, "volume_min_nl above volume_max_nl")
    expect(reply.flow_min_nl_s <= reply.flow_max_nl_s, "flow_min_nl_s above flow_max_nl_s")
    expect(reply.burst_rate_min_mhz <= reply.burst_rate_max_mhz, "burst_rate_min_mhz above the maximum")
    expect(len(reply.syringe_sizes_ml) >= 1, "no syringe size")
    expect(reply.modes_mask & ~0b111 == 0 and reply.modes_mask != 0, f"modes_mask 0x{reply.modes_mask:02X}")


CHECKS = [
    Check(
        "schema-mismatch",
        "6",
        "HELLO from another message table is refused with the device's hash",
        _schema_mismatch,
    ),
    Check(
        "handshake-required",
        "4.5",
        "without a link session only HELLO and STOP are served (HANDSHAKE_REQUIRED, STOP OK)",
        _no_session_after_refusal,
    ),
    Check(
        "protocol-mismatch",
        "6",
        "HELLO naming another version is refused with the device's",
        _protocol_mismatch,
    ),
    Check(
        "header-version",
        "4.5",
        "a frame in another header version is answered PROTOCOL_MISMATCH in that version's header",
        _other_header_version,
    ),
    Check("hello", "6", "HELLO with this table is accepted with consistent capabilities", _hello_accepted),
]

"""The least a gun can do to answer ``Injector.status()``, in a process of its own, on a pseudo-terminal.

One thread, one ``select`` loop: HELLO, HEARTBEAT, GET_STATUS, REQUEST_EVENTS and ACK_EVENTS are
answered with fixed replies through the protocol's own codec; nothing is modelled. Measured beside
the raw echo and the simulated gun, it splits a status round trip into the host's share (this peer
against the echo) and the simulated gun's own Python work (the simulated gun against this peer).
Prints the pty's path, then serves until terminated.
"""

from __future__ import annotations

import os
import select
import tty

from firmware_protocol import SCHEMA_HASH, FrameDecoder, Packet, Status, decode_frame
from firmware_protocol.codec import encode_response
from firmware_protocol.messages import (
    PROTOCOL_VERSION,
    AckEvents,
    AckEventsReply,
    GetStatus,
    Heartbeat,
    HeartbeatReply,
    Hello,
    HelloReply,
    RequestEvents,
    RequestEventsReply,
    StatusReply,
)
from simulators import capabilities as caps

HELLO = HelloReply(
    PROTOCOL_VERSION,
    SCHEMA_HASH,
    1,
    caps.MODEL,
    "PEER-0001",
    caps.FIRMWARE_VERSION,
    caps.DEPTH_MIN_UM,
    caps.DEPTH_MAX_UM,
    caps.DEPTH_STEP_UM,
    caps.VOLUME_MIN_NL,
    caps.VOLUME_MAX_NL,
    caps.FLOW_MIN_NL_S,
    caps.FLOW_MAX_NL_S,
    caps.BURST_RATE_MIN_MHZ,
    caps.BURST_RATE_MAX_MHZ,
    sum(1 << mode for mode in caps.MODES),
    bytes(caps.SYRINGE_SIZES_ML),
    500,
    caps.TELEMETRY_RATE_MAX_HZ,
    0,
)
STATUS = StatusReply(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100, 0, 0, 0, 0, 1_741_944_603_000)
REPLIES: dict[type, object] = {
    Hello: HELLO,
    GetStatus: STATUS,
    Heartbeat: HeartbeatReply(1, 0, 0),
    # A host asks for the events it missed on connecting: this peer holds none.
    RequestEvents: RequestEventsReply(0, 0),
    AckEvents: AckEventsReply(0, 0),
}


def main() -> None:
    device_fd, host_fd = os.openpty()
    tty.setraw(device_fd)
    tty.setraw(host_fd)
    print(os.ttyname(host_fd), flush=True)
    decoder = FrameDecoder()
    while True:
        ready, _, _ = select.select([device_fd], [], [], 1.0)
        if not ready:
            continue
        out = b""
        for frame in decoder.feed(os.read(device_fd, 65536)):
            packet = decode_frame(frame)
            if isinstance(packet, Packet) and type(packet.message) in REPLIES:
                cls = type(packet.message)
                out += encode_response(cls, packet.seq, Status.OK, REPLIES[cls])
        if out:
            os.write(device_fd, out)


if __name__ == "__main__":
    main()

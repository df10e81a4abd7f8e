"""HELLO: the first exchange of every connection, done before the link is handed to callers.

The host sends its protocol version and schema hash; the gun answers with its identity, its
capabilities and its ``boot_id`` (a change means the gun restarted), or refuses a mismatch.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from firmware_protocol import PROTOCOL_VERSION, DecodeError, Frame, Packet, Response, Status, decode_frame
from firmware_protocol.codec import encode_message
from firmware_protocol.messages import ErrorDetail, Hello, HelloReply
from firmware_protocol.schema import SCHEMA_HASH
from mesogun.errors import DeviceNotFoundError, DeviceRefusedError, ProtocolMismatchError
from mesogun.link.transport import Transport

#: Interval between HELLO attempts while the gun does not answer, in seconds.
RESEND_S = 0.25
#: The message-table fingerprint this host was built with (read at each handshake).
HOST_SCHEMA_HASH = SCHEMA_HASH


def handshake(
    transport: Transport,
    host_name: str,
    timeout_s: float,
    on_packet: Callable[[Frame, Packet], None],
    *,
    seq: int | None = None,
) -> HelloReply:
    """Run HELLO on a freshly opened transport; other packets that arrive go to ``on_packet`` (with
    the frame that carried them).

    ``seq``: the HELLO's sequence number (the connection's first; None: a random one). A HELLO sent
    again because nothing answered keeps it.

    Raises ProtocolMismatchError, DeviceRefusedError, DeviceNotFoundError (nothing answered within
    ``timeout_s``) or LinkLost.
    """
    hello = Hello(PROTOCOL_VERSION, HOST_SCHEMA_HASH, host_name.encode()[:32].decode(errors="ignore"))
    seq = random.randrange(0x10000) if seq is None else seq & 0xFFFF
    deadline = time.monotonic() + timeout_s
    next_send = 0.0
    while True:
        now = time.monotonic()
        if now >= deadline:
            raise DeviceNotFoundError(
                f"{transport.target} is open but no gun answered within {timeout_s:g} s. "
                "Check that the gun is switched on and that this is its port (see `mesogun ports`)."
            )
        if now >= next_send:
            transport.send(encode_message(hello, seq))
            next_send = now + RESEND_S
        for frame in transport.receive(min(next_send, deadline) - now):
            try:
                decoded = decode_frame(frame)
            except DecodeError:
                continue
            if isinstance(decoded, Packet):
                on_packet(frame, decoded)
            elif decoded.request_type is Hello and decoded.seq == seq:
                return _check(decoded)


def _check(response: Response) -> HelloReply:
    if response.status == Status.OK:
        reply = response.body
        assert isinstance(reply, HelloReply)
        if reply.protocol_version != PROTOCOL_VERSION:
            raise _version_mismatch(reply.protocol_version)
        if reply.schema_hash != HOST_SCHEMA_HASH:
            raise _schema_mismatch(reply.schema_hash)
        return reply
    detail = response.error or ErrorDetail(255, 0, 0, 0, 0)
    if response.status == Status.PROTOCOL_MISMATCH:
        raise _version_mismatch(detail.value)
    if response.status == Status.SCHEMA_MISMATCH:
        raise _schema_mismatch(detail.value & 0xFFFFFFFF)
    raise DeviceRefusedError(response.status, "HELLO")


def _version_mismatch(device_version: int) -> ProtocolMismatchError:
    return ProtocolMismatchError(
        f"The gun speaks protocol version {device_version}, this software version {PROTOCOL_VERSION}. "
        "Update mesogun or the gun's firmware so that both match."
    )


def _schema_mismatch(device_hash: int) -> ProtocolMismatchError:
    return ProtocolMismatchError(
        f"The gun's message table (schema 0x{device_hash:08X}) differs from this software's "
        f"(0x{HOST_SCHEMA_HASH:08X}). Update mesogun or the gun's firmware so that both match."
    )

"""The worked frames of vectors.json: each one decodes to its fields and re-encodes to its bytes."""

from __future__ import annotations

from typing import Any

import pytest
from vector_helpers import (
    DROP_COUNTERS,
    encode_vector,
    expected_decoding,
    frame_vector,
    frame_vectors,
    invalid_vectors,
    load_vectors,
    wire_bytes,
)

from firmware_protocol import SCHEMA_HASH, DecodeError, FrameDecoder, Status, decode_frame
from firmware_protocol.framing import crc16
from firmware_protocol.messages import MESSAGES, REQUESTS, message_spec


def _name(vector: dict[str, Any]) -> str:
    return str(vector["name"])


@pytest.mark.parametrize("vector", frame_vectors(), ids=_name)
def test_vector_decodes_to_its_fields(vector: dict[str, Any]) -> None:
    decoder = FrameDecoder()
    frames = decoder.feed(wire_bytes(vector))
    assert len(frames) == 1
    assert decoder.stats.frames_dropped == 0
    assert decode_frame(frames[0]) == expected_decoding(vector)


@pytest.mark.parametrize("vector", frame_vectors(), ids=_name)
def test_vector_reencodes_to_its_bytes(vector: dict[str, Any]) -> None:
    assert encode_vector(vector) == wire_bytes(vector)


@pytest.mark.parametrize("vector", [v for v in invalid_vectors() if v["drop"]], ids=_name)
def test_invalid_frame_is_dropped_for_its_reason(vector: dict[str, Any]) -> None:
    decoder = FrameDecoder()
    good = wire_bytes(frame_vector("get_status"))
    # The damaged frame costs nothing but itself: the next frame arrives intact.
    frames = decoder.feed(wire_bytes(vector) + good)
    assert [frame.payload for frame in frames] == [b""]
    assert decoder.stats.frames_dropped == 1
    assert getattr(decoder.stats, DROP_COUNTERS[vector["drop"]]) == 1


@pytest.mark.parametrize("vector", [v for v in invalid_vectors() if v["device_status"]], ids=_name)
def test_crc_valid_junk_is_refused_by_the_codec(vector: dict[str, Any]) -> None:
    frames = FrameDecoder().feed(wire_bytes(vector))
    assert len(frames) == 1  # the frame layer accepts it: only its interpretation fails
    assert Status[vector["device_status"]] != Status.OK
    with pytest.raises(DecodeError):
        decode_frame(frames[0])


def test_vectors_cover_every_message_type_and_reply() -> None:
    decoded = [v["decoded"] for v in frame_vectors()]
    sent = {d["type"] for d in decoded if d["kind"] != "response"}
    answered = {d["type"] for d in decoded if d["kind"] == "response" and d["status"] == "OK"}
    assert sent == {message_spec(cls).name for cls in MESSAGES}
    assert answered == {message_spec(cls).name for cls in REQUESTS}


def test_vectors_include_errors_retransmissions_and_telemetry() -> None:
    decoded = [v["decoded"] for v in frame_vectors()]
    statuses = {d["status"] for d in decoded if d["kind"] == "response"}
    assert {
        "OUT_OF_RANGE",
        "BAD_REQUEST",
        "SCHEMA_MISMATCH",
        "HANDSHAKE_REQUIRED",
        "ALARM_ACTIVE",
    } <= statuses
    assert any(d["retransmit"] and d["kind"] == "request" for d in decoded)
    assert any(d["retransmit"] and d["kind"] == "event" for d in decoded)
    assert {d["kind"] for d in decoded} == {"request", "response", "event", "stream"}
    assert {v["drop"] for v in invalid_vectors()} >= set(DROP_COUNTERS)


def test_vectors_name_the_schema_they_were_built_from() -> None:
    assert load_vectors()["schema_hash"] == f"0x{SCHEMA_HASH:08X}"
    names = [v["name"] for v in (*frame_vectors(), *invalid_vectors())]
    assert len(names) == len(set(names))


def test_crc_check_value_and_byte_order_of_a_vector() -> None:
    assert crc16(b"123456789") == 0x29B1
    # configure: the CRC of its body travels low byte first, just before the delimiter.
    frame = FrameDecoder().feed(wire_bytes(frame_vector("configure")))[0]
    body = (
        bytes([frame.version, frame.msg_type, frame.flags]) + frame.seq.to_bytes(2, "little") + frame.payload
    )
    assert wire_bytes(frame_vector("configure"))[-3:-1] == crc16(body).to_bytes(2, "little")

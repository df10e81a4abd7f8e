"""Every message of the table survives the wire, and junk never escapes as anything but DecodeError."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from protocol_strategies import error_details, instance_strategy, messages, request_classes, sequence_numbers

from firmware_protocol import (
    MAX_ENCODED,
    MAX_PAYLOAD,
    DecodeError,
    Frame,
    FrameDecoder,
    FrameError,
    Packet,
    Response,
    Status,
    decode_frame,
    encode_message,
    encode_response,
    wire_fields,
)
from firmware_protocol.framing import encode_frame
from firmware_protocol.layout import payload_size_range
from firmware_protocol.messages import MESSAGES, RESPONSE_BIT, ErrorDetail, Fire, Hello, Kind, message_spec
from firmware_protocol.schema import type_text
from firmware_protocol.wire_types import Int


def _one_frame(wire: bytes) -> Frame:
    decoder = FrameDecoder()
    frames = decoder.feed(wire)
    assert decoder.stats.frames_dropped == 0
    assert len(frames) == 1
    return frames[0]


@given(message=messages, seq=sequence_numbers, retransmit=st.booleans())
def test_every_message_round_trips(message: Any, seq: int, retransmit: bool) -> None:
    wire = encode_message(message, seq, retransmit=retransmit)
    assert len(wire) <= MAX_ENCODED + 1
    assert wire.index(0) == len(wire) - 1  # the delimiter is the only zero byte
    assert decode_frame(_one_frame(wire)) == Packet(seq, retransmit, message)


@given(st.data())
def test_every_response_round_trips(data: st.DataObject) -> None:
    request = data.draw(request_classes)
    seq = data.draw(sequence_numbers)
    status = data.draw(st.sampled_from(list(Status)))
    if status == Status.OK:
        reply = message_spec(request).reply
        body = data.draw(instance_strategy(reply)) if reply is not None else None
        expected = Response(seq, request, status, body, None)
        wire = encode_response(request, seq, status, body)
    else:
        error = data.draw(error_details)
        expected = Response(seq, request, status, None, error)
        wire = encode_response(request, seq, status, error=error)
    frame = _one_frame(wire)
    assert frame.msg_type == message_spec(request).msg_id | RESPONSE_BIT
    assert decode_frame(frame) == expected


@given(st.data())
def test_a_value_outside_its_wire_type_is_refused_naming_the_field(data: st.DataObject) -> None:
    cls = data.draw(st.sampled_from([cls for cls in MESSAGES if wire_fields(cls)]))
    message = data.draw(instance_strategy(cls))
    name, wire = data.draw(st.sampled_from([(n, w) for n, w in wire_fields(cls) if isinstance(w, Int)]))
    low, high = wire.bounds
    bad = data.draw(st.sampled_from([low - 1, high + 1]))
    with pytest.raises(FrameError, match=rf"{cls.__name__}\.{name}: {bad} does not fit"):
        encode_message(dataclasses.replace(message, **{name: bad}), 1)


def test_every_message_and_response_fits_one_frame() -> None:
    for cls in (*MESSAGES, ErrorDetail):
        assert payload_size_range(cls)[1] <= MAX_PAYLOAD, cls.__name__
        reply = message_spec(cls).reply if cls is not ErrorDetail else None
        if reply is not None:
            assert 1 + payload_size_range(reply)[1] <= MAX_PAYLOAD, reply.__name__


def test_message_ids_are_unique_and_in_their_ranges() -> None:
    ids = [message_spec(cls).msg_id for cls in MESSAGES]
    assert len(ids) == len(set(ids))
    for cls in MESSAGES:
        spec = message_spec(cls)
        if spec.kind in (Kind.QUERY, Kind.ACTION):
            assert 0x01 <= spec.msg_id <= 0x3F and spec.is_request
        elif spec.kind is Kind.EVENT:
            assert 0x40 <= spec.msg_id <= 0x5F and not spec.is_request
        else:
            assert 0x60 <= spec.msg_id <= 0x7F and not spec.is_request


def test_message_spec_refuses_a_class_outside_the_table() -> None:
    with pytest.raises(TypeError, match="ErrorDetail is not a message of the table"):
        message_spec(ErrorDetail)


def test_hello_and_error_detail_keep_their_frozen_layouts() -> None:
    # Two protocol versions recognise each other through these: their layouts never change.
    assert [(n, type_text(w)) for n, w in wire_fields(Hello)] == [
        ("protocol_version", "uint8"),
        ("schema_hash", "uint32"),
        ("host_name", "text(32)"),
    ]
    assert [type_text(w) for _, w in wire_fields(ErrorDetail)] == [
        "uint8",
        "int32",
        "int32",
        "int32",
        "uint32",
    ]


_known_types = st.sampled_from(
    [message_spec(cls).msg_id | bit for cls in MESSAGES for bit in (0, RESPONSE_BIT)]
)


@given(
    version=st.one_of(st.just(1), st.integers(0, 255)),
    msg_type=st.one_of(_known_types, st.integers(0, 255)),
    flags=st.integers(0, 255),
    seq=sequence_numbers,
    payload=st.binary(max_size=MAX_PAYLOAD),
)
def test_crc_valid_junk_raises_only_decode_error(
    version: int, msg_type: int, flags: int, seq: int, payload: bytes
) -> None:
    frame = _one_frame(encode_frame(version, msg_type, flags, seq, payload))
    try:
        decoded = decode_frame(frame)
    except DecodeError:
        return
    assert isinstance(decoded, Packet | Response)
    assert decoded.seq == seq


@given(message=messages, cut=st.integers(0, 300), extra=st.binary(min_size=1, max_size=8))
def test_a_payload_cut_short_or_lengthened_is_a_decode_error(message: Any, cut: int, extra: bytes) -> None:
    frame = _one_frame(encode_message(message, 7))
    shorter = dataclasses.replace(frame, payload=frame.payload[: min(cut, len(frame.payload) - 1)])
    if frame.payload:
        with pytest.raises(DecodeError):
            decode_frame(shorter)
    with pytest.raises(DecodeError):
        decode_frame(dataclasses.replace(frame, payload=frame.payload + extra))


@pytest.mark.parametrize("value", [True, 1.0, None, "1"])
def test_only_true_integers_go_into_integer_fields(value: object) -> None:
    with pytest.raises(FrameError, match=r"Fire\.count: .* does not fit uint8"):
        encode_message(Fire(count=value), 1)  # type: ignore[arg-type]

"""Telemetry decoded by channel says what the generic codec says, and refuses what it refuses."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from protocol_strategies import instance_strategy

from firmware_protocol import DecodeError, Frame, FrameDecoder, decode_frame, encode_message
from firmware_protocol.columns import TelemetryColumns, decode_telemetry_columns
from firmware_protocol.messages import PROTOCOL_VERSION, Telemetry, message_spec

TELEMETRY_ID = message_spec(Telemetry).msg_id


@given(instance_strategy(Telemetry), st.integers(0, 0xFFFF))
def test_columns_hold_the_samples_the_codec_decodes(message: Telemetry, seq: int) -> None:
    (frame,) = FrameDecoder().feed(encode_message(message, seq))
    columns = decode_telemetry_columns(frame)
    decoded = decode_frame(frame).message
    assert columns == TelemetryColumns.from_message(decoded)
    assert list(zip(columns.needle_um, columns.plunger_um, columns.pressure_hpa, strict=True)) == [
        (s.needle_um, s.plunger_um, s.pressure_hpa) for s in message.samples
    ]
    assert (columns.first_sample, columns.device_time_ms, columns.period_us) == (
        message.first_sample,
        message.device_time_ms,
        message.period_us,
    )


@given(st.binary(max_size=260), st.sampled_from([PROTOCOL_VERSION, PROTOCOL_VERSION + 1]))
def test_a_payload_is_refused_by_both_or_by_neither(payload: bytes, version: int) -> None:
    frame = Frame(version, TELEMETRY_ID, 0, 1, payload)
    try:
        expected = decode_frame(frame).message
    except DecodeError:
        expected = None
    try:
        columns: TelemetryColumns | None = decode_telemetry_columns(frame)
    except DecodeError:
        columns = None
    if expected is None:
        assert columns is None
    else:
        assert columns == TelemetryColumns.from_message(expected)

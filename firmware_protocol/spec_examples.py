"""Markdown for PROTOCOL.md's worked numbers: the bandwidth budget, COBS bytes, frames taken apart.

Each ``section_*`` function returns the text of one generated section (see :mod:`firmware_protocol.docgen`).
"""

from __future__ import annotations

from firmware_protocol import constants
from firmware_protocol.cobs import cobs_decode, cobs_encode
from firmware_protocol.codec import encode_message, encode_response
from firmware_protocol.enums import Status
from firmware_protocol.framing import CRC_SIZE, HEADER_SIZE, FrameDecoder
from firmware_protocol.layout import FieldLayout, field_layouts, record_size
from firmware_protocol.messages import (
    MESSAGES,
    RESPONSE_BIT,
    AckEvents,
    AckEventsReply,
    ErrorDetail,
    Heartbeat,
    HeartbeatReply,
    ShotEvent,
    Telemetry,
    TelemetrySample,
    message_spec,
)
from firmware_protocol.spec_tables import markdown_table
from firmware_protocol.vectors import build_vectors, examples, rule_examples
from firmware_protocol.wire_types import Array, Int


def section_budget() -> str:
    """Bytes per second each traffic needs, against what 115 200 and 921 600 baud carry."""
    slow = constants.BAUD_RATE_WORST_CASE / 10  # 8N1: 10 bit times per byte
    fast = constants.BAUD_RATE / 10
    lines = [
        f"A UART at 8N1 moves 10 bits per byte: {_n(slow)} bytes/s at 115 200 baud and {_n(fast)} bytes/s "
        "at 921 600, in each direction. Frame sizes are the bytes on the wire (COBS and delimiter "
        "included), computed from the message table.",
        "",
    ]
    rows = []
    for rate_hz in (1000, 500, 250, 100, 10):
        per_batch = constants.samples_per_batch(rate_hz)
        sample = TelemetrySample(1234, 5678, 910)
        frame = encode_message(Telemetry(1, 1, 1000, (sample,) * per_batch), 1)
        frames_s = rate_hz / per_batch
        bytes_s = frames_s * len(frame)
        rows.append(
            [
                f"{rate_hz}",
                f"{per_batch}",
                f"{len(frame)}",
                f"{frames_s:g}",
                _n(bytes_s),
                f"{bytes_s / rate_hz:.1f}",
                f"{100 * bytes_s / slow:.1f} %",
                f"{100 * bytes_s / fast:.1f} %",
            ]
        )
    lines += markdown_table(
        (
            "Telemetry rate (Hz)",
            "Samples/frame",
            "Frame bytes",
            "Frames/s",
            "Bytes/s",
            "Bytes/sample",
            "Share of 115 200",
            "Share of 921 600",
        ),
        rows,
    )
    heartbeat = len(encode_message(Heartbeat(), 1))
    heartbeat_reply = len(encode_response(Heartbeat, 1, Status.OK, HeartbeatReply(1, 0, 1)))
    shot = len(encode_message(ShotEvent(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1), 1))
    ack = len(encode_message(AckEvents(1), 1))
    ack_reply = len(encode_response(AckEvents, 1, Status.OK, AckEventsReply(1, 1)))
    beats = 1000 / constants.HEARTBEAT_PERIOD_MS
    shots = 9
    up = beats * heartbeat + shots * ack
    down = beats * heartbeat_reply + shots * (shot + ack_reply)
    worst_resend = 1000 / constants.EVENT_RESEND_MS * constants.EVENT_RESEND_MAX * shot
    full = _telemetry_bytes_s(constants.TELEMETRY_MAX_HZ)
    usual = 100 * (down + full) / slow
    worst = 100 * (down + worst_resend + full) / slow
    fast_share = 100 * (down + worst_resend + full) / fast
    lines += [
        "",
        f"Besides telemetry, an armed session at the fastest nappage (9 shots/s, each SHOT event "
        f"acknowledged at once, a HEARTBEAT every {constants.HEARTBEAT_PERIOD_MS} ms) needs "
        f"{_n(up)} bytes/s host → device and {_n(down)} bytes/s device → host "
        f"(HEARTBEAT {heartbeat} bytes + reply {heartbeat_reply}, SHOT_EVENT {shot}, ACK_EVENTS {ack} + "
        f"reply {ack_reply}). Unacknowledged events re-sent at the highest rate "
        f"({constants.EVENT_RESEND_MAX} every {constants.EVENT_RESEND_MS} ms) add "
        f"{_n(worst_resend)} bytes/s.",
        "",
        f"At 115 200 baud, {constants.TELEMETRY_MAX_HZ} Hz telemetry with that session takes "
        f"{usual:.0f} % of the device → host direction, {worst:.0f} % while events are being re-sent: "
        "it fits, with a thin margin, so a host on such a link should ask for 500 Hz or less. "
        f"USB CDC and 921 600 baud carry everything at under {fast_share:.0f} %.",
    ]
    return "\n".join(lines)


def _n(value: float) -> str:
    """A number for prose: rounded, thousands separated by a space (11 520)."""
    return f"{value:,.0f}".replace(",", " ")


def _telemetry_bytes_s(rate_hz: int) -> float:
    per_batch = constants.samples_per_batch(rate_hz)
    frame = encode_message(Telemetry(1, 1, 1000, (TelemetrySample(1, 1, 1),) * per_batch), 1)
    return rate_hz / per_batch * len(frame)


def _field_size(layout: FieldLayout, payload: bytes, offset: int) -> int:
    wire = layout.wire
    if isinstance(wire, Int):
        return wire.size
    if isinstance(wire, Array):
        return 1 + payload[offset] * record_size(wire.item)
    return 1 + payload[offset]


def _row(label: str, chunk: bytes, meaning: str) -> str:
    return f"  {label:<22} {chunk.hex(' '):<24} {meaning}".rstrip()


def _annotate(name: str) -> list[str]:
    """A frame of the vectors taken apart: header, payload fields, CRC, then the wire bytes."""
    example = next(e for e in (*examples(), *rule_examples()) if e.name == name)
    body = cobs_decode(example.wire[:-1])
    frame = FrameDecoder().feed(example.wire)[0]
    payload, crc = frame.payload, body[-CRC_SIZE:]
    lines = [f"{name}: {example.description}", ""]
    lines.append(
        _row(
            "header",
            body[:HEADER_SIZE],
            f"version {frame.version}, type 0x{frame.msg_type:02X}, "
            f"flags 0x{frame.flags:02X}, seq 0x{frame.seq:04X}",
        )
    )
    offset = 0
    body_cls: type | None
    if frame.msg_type & RESPONSE_BIT:
        lines.append(_row("status", payload[:1], Status(payload[0]).name))
        offset = 1
        spec = message_spec(_class_of(frame.msg_type & ~RESPONSE_BIT))
        body_cls = spec.reply if payload[0] == Status.OK else ErrorDetail
    else:
        body_cls = _class_of(frame.msg_type)
    for layout in field_layouts(body_cls) if body_cls is not None else []:
        size = _field_size(layout, payload, offset)
        chunk = payload[offset : offset + size]
        shown = ""
        if isinstance(layout.wire, Int):
            shown = str(int.from_bytes(chunk, "little", signed=layout.wire.bounds[0] < 0))
        lines.append(_row(layout.name, chunk, shown))
        offset += size
    crc_value = int.from_bytes(crc, "little")
    lines.append(_row("crc", crc, f"0x{crc_value:04X}: CRC of the {len(body) - CRC_SIZE} bytes above"))
    lines.append(f"  wire (COBS, then 00): {example.wire.hex(' ')}")
    return lines


def _class_of(msg_type: int) -> type:
    return next(cls for cls in MESSAGES if message_spec(cls).msg_id == msg_type)


def section_examples() -> str:
    lines = ["```"]
    for name in ("configure", "configure_reply", "configure_out_of_range", "shot_event"):
        lines += [*_annotate(name), ""]
    lines[-1] = "```"
    lines += ["", "Every frame of `vectors.json`:", ""]
    vectors = build_vectors()
    rows = [[f"`{v['name']}`", v["description"], f"`{v['hex']}`"] for v in vectors["frames"]]
    lines += markdown_table(("Name", "What", "Wire bytes (hex, delimiter included)"), rows)
    lines += ["", "Frames a receiver must reject:", ""]
    rows = [
        [f"`{v['name']}`", v["description"], v["drop"] or f"answered {v['device_status']}", f"`{v['hex']}`"]
        for v in vectors["invalid"]
    ]
    lines += markdown_table(("Name", "What", "Outcome", "Wire bytes"), rows)
    return "\n".join(lines)


def _hex_short(data: bytes) -> str:
    text = data.hex(" ").upper()
    return (
        text
        if len(data) <= 12
        else f"{data[:4].hex(' ').upper()} … {data[-3:].hex(' ').upper()} ({len(data)} bytes)"
    )


def section_cobs() -> str:
    cases = [
        (bytes([0x00]), "a single zero"),
        (bytes([0x00, 0x00]), "two zeros"),
        (bytes([0x11, 0x22, 0x00, 0x33]), "a zero inside"),
        (bytes([0x11, 0x22, 0x33, 0x44]), "no zero"),
        (bytes([0x11, 0x00, 0x00, 0x00]), "trailing zeros"),
        (bytes(range(1, 255)), "254 non-zero bytes: a full 0xFF block, then an empty 0x01 block"),
        (bytes(range(0, 255)), "a zero, then 254 non-zero bytes"),
    ]
    rows = [[f"`{_hex_short(data)}`", f"`{_hex_short(cobs_encode(data))}`", what] for data, what in cases]
    return "\n".join(markdown_table(("Body", "COBS (delimiter not shown)", "Case"), rows))

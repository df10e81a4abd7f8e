"""Checks of framing and interpretation (PROTOCOL.md §2, §4, §5.2): CRC, COBS, damaged frames dropped
without stopping the receiver, a byte stream cut anywhere, and the answers to frames no table knows."""

from __future__ import annotations

import statistics
import time

from firmware_protocol import PROTOCOL_VERSION, Response, Status, crc16
from firmware_protocol.cobs import cobs_encode
from firmware_protocol.codec import encode_body, encode_message
from firmware_protocol.constants import RESPONSE_TIME_MAX_MS
from firmware_protocol.messages import NO_FIELD, ErrorDetail, GetStatus
from mesogun.conformance.checklist import Check, DeviceUnderTest, expect, expect_refusal
from mesogun.conformance.raw_link import CheckFailed

SILENCE_S = 0.3  # how long a frame that must not be answered is given to be answered anyway


def _raw(body: bytes) -> bytes:
    """A frame around header + payload ``body`` with a correct CRC."""
    body += crc16(body).to_bytes(2, "little")
    return cobs_encode(body) + b"\x00"


def _header(msg_type: int, seq: int) -> bytes:
    return bytes([PROTOCOL_VERSION, msg_type, 0]) + seq.to_bytes(2, "little")


def _answers_carry_a_valid_crc(device: DeviceUnderTest) -> None:
    link = device.link
    before = link.decoder.stats.crc_errors
    start = link.mark()
    for _ in range(3):
        seq = link.send(GetStatus())  # answered OK or HANDSHAKE_REQUIRED: either way, a valid frame
        link.answer(seq, after=start)
    bad = link.decoder.stats.crc_errors - before
    answered = sum(1 for item in link.received[start:] if item.frame.msg_type == 0x82)
    expect(bad == 0, f"{bad} frame(s) from the device failed the CRC-16/CCITT-FALSE check")
    expect(answered == 3, f"{answered} of 3 GET_STATUS requests answered with a valid frame")


def _damaged_frames_dropped(device: DeviceUnderTest) -> None:
    link = device.link
    device.session()
    good = encode_message(GetStatus(), link.next_seq())
    flipped = bytearray(good)
    flipped[4] ^= 0x04  # a bit of the sequence number: the CRC no longer matches
    junk = {
        "a bad CRC": bytes(flipped),
        "broken COBS": bytes([0x09, 0x01, 0x02, 0x00]),
        "300 bytes without a delimiter": bytes([0x55] * 300) + b"\x00",
        "a runt of 4 bytes": cobs_encode(bytes([1, 2, 0, 4])) + b"\x00",
    }
    dropped_before = device.diagnostics().crc_errors
    for what, data in junk.items():
        start = link.mark()
        link.write(data)
        link.pump(SILENCE_S)
        answers = [item for item in link.received[start:] if item.frame.msg_type & 0x80]
        if answers:
            raise CheckFailed(f"a frame with {what} was answered (type 0x{answers[0].frame.msg_type:02X})")
        response = link.request(GetStatus())  # the next frame is received intact
        expect(
            response.status == Status.OK,
            f"after a frame with {what}, GET_STATUS answered {response.status.name}",
        )
    dropped = device.diagnostics().crc_errors - dropped_before
    expect(dropped >= 1, "GET_DIAGNOSTICS.crc_errors did not count the frame with a bad CRC")


def _byte_stream(device: DeviceUnderTest) -> None:
    link = device.link
    device.session()
    start = link.mark()
    seq = link.next_seq()
    for byte in b"\x00\x00" + encode_message(GetStatus(), seq):  # idle filler, then one byte at a time
        link.write(bytes([byte]))
        time.sleep(0.002)
    expect(link.answer(seq, after=start) is not None, "a request written one byte at a time was not answered")
    first, second = link.next_seq(), link.next_seq()
    start = link.mark()
    link.write(encode_message(GetStatus(), first) + encode_message(GetStatus(), second))
    a, b = link.answer(first, after=start), link.answer(second, after=start)
    expect(a is not None and b is not None, "two requests in one write were not both answered")
    assert a is not None and b is not None
    expect(link.received.index(a) < link.received.index(b), "answers left in another order than the requests")


def _unsupported_types(device: DeviceUnderTest) -> None:
    link = device.link
    device.session()
    for msg_type, expected_type in ((0x3F, 0xBF), (0x00, 0x80), (0x40, 0xC0)):
        start = link.mark()
        seq = link.next_seq()
        link.write(_raw(_header(msg_type, seq)))
        item = link.answer(seq, after=start)
        if item is None:
            raise CheckFailed(f"a request of type 0x{msg_type:02X} got no answer (expected UNSUPPORTED)")
        frame = item.frame
        expect(
            frame.msg_type == expected_type,
            f"UNSUPPORTED answer to type 0x{msg_type:02X} has type 0x{frame.msg_type:02X}, "
            f"not 0x{expected_type:02X}",
        )
        expected = bytes([Status.UNSUPPORTED]) + encode_body(ErrorDetail(NO_FIELD, msg_type, 0, 0, 0))
        got = frame.payload[:-4]  # the alarm mask at the end may be anything
        expect(got == expected[:-4], f"answer to type 0x{msg_type:02X}: payload {frame.payload.hex()}")


def _responses_ignored(device: DeviceUnderTest) -> None:
    link = device.link
    device.session()
    start = link.mark()
    seq = link.next_seq()
    link.write(_raw(_header(0xC1, seq)))
    link.pump(SILENCE_S)
    answers = [item for item in link.received[start:] if item.frame.msg_type & 0x80 and item.frame.seq == seq]
    expect(not answers, "a frame with bit 7 of its type set (a response) was answered")


def _malformed_payload(device: DeviceUnderTest) -> None:
    link = device.link
    device.session()
    payload = encode_body(device.safe_configuration())
    for what, body in (("one byte short", payload[:-1]), ("one byte too many", payload + b"\x01")):
        start = link.mark()
        seq = link.next_seq()
        link.write(_raw(_header(0x03, seq) + body))
        item = link.answer(seq, after=start)
        if item is None or item.decoded is None:
            raise CheckFailed(f"a CONFIGURE {what} got no interpretable answer (expected BAD_REQUEST)")
        response = item.decoded
        if not isinstance(response, Response):
            raise CheckFailed(f"a CONFIGURE {what} was answered with a request frame")
        expect_refusal(response, Status.BAD_REQUEST, field_index=NO_FIELD, what=f"CONFIGURE {what}")


def _response_time(device: DeviceUnderTest) -> None:
    link = device.link
    device.session()
    times_ms = []
    for _ in range(10):
        start = link.mark()
        sent = time.monotonic()
        seq = link.send(GetStatus())
        item = link.answer(seq, after=start)
        if item is None:
            raise CheckFailed("GET_STATUS not answered")
        expect(item.frame.flags == 0, f"a response carries flags 0x{item.frame.flags:02X}, not 0")
        expect(item.decoded is not None, "a GET_STATUS answer the codec cannot interpret")
        times_ms.append((item.at_s - sent) * 1000)
    median = statistics.median(times_ms)
    expect(
        median <= RESPONSE_TIME_MAX_MS,
        f"median answer time {median:.1f} ms over 10 GET_STATUS (allowed {RESPONSE_TIME_MAX_MS} ms)",
    )


CHECKS = [
    Check("crc", "4.2", "the device's frames carry a valid CRC-16/CCITT-FALSE", _answers_carry_a_valid_crc),
    Check(
        "drop-damaged",
        "4.5",
        "damaged frames are dropped unanswered; the next frame is received",
        _damaged_frames_dropped,
    ),
    Check(
        "byte-stream",
        "2",
        "frames split into single bytes or merged in one write are all answered, in order",
        _byte_stream,
    ),
    Check(
        "unsupported",
        "4.5",
        "unknown, 0x00 and event types are answered UNSUPPORTED with type | 0x80",
        _unsupported_types,
    ),
    Check(
        "ignore-responses", "4.5", "a frame with bit 7 of its type set is never answered", _responses_ignored
    ),
    Check("bad-request", "3", "a payload one byte short or long is answered BAD_REQUEST", _malformed_payload),
    Check("response-time", "5.2", "answers come within 50 ms, flags 0", _response_time),
]

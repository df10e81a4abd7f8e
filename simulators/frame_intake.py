"""The device side of the link: bytes in, requests dispatched, responses and unsolicited frames out.

Invalid frames (bad CRC, broken COBS, runts) are dropped and counted by the decoder, never acted on. A
CRC-valid frame the firmware cannot decode still gets an answer: UNSUPPORTED for an unknown type,
BAD_REQUEST for a payload that does not fit its type, PROTOCOL_MISMATCH for another protocol version.
Before a successful HELLO only HELLO (and STOP, which must work whatever happened before) is served.
ACTION requests run at most once, through the :class:`~simulators.response_cache.ResponseCache`; an
identical unflagged ACTION frame arriving again within a second is taken for a link duplicate and
answered from the cache too (a host cannot wrap its 16-bit sequence counter that fast).
Events pushed while a request is handled go out after its response.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from firmware_protocol import DecodeError, Frame, FrameDecoder, Packet, decode_frame, encode_message
from firmware_protocol.cobs import cobs_decode, cobs_encode
from firmware_protocol.codec import MESSAGE_BY_ID, encode_body, encode_response
from firmware_protocol.enums import Status
from firmware_protocol.framing import encode_frame
from firmware_protocol.messages import (
    NO_FIELD,
    PROTOCOL_VERSION,
    REPLY_OF,
    RESPONSE_BIT,
    ErrorDetail,
    Hello,
    Kind,
    Stop,
    message_spec,
)
from simulators.capabilities import Refusal
from simulators.command_handlers import HANDLERS
from simulators.response_cache import ResponseCache

DUPLICATE_WINDOW_S = 1.0

if TYPE_CHECKING:
    from simulators.firmware import GunFirmware


class FrameIntake:
    """Frames from the host to the firmware's handlers, and every frame back."""

    def __init__(self, firmware: GunFirmware, write: Callable[[bytes], None], first_seq: int) -> None:
        self._fw = firmware
        self._write = write
        self.decoder = FrameDecoder()
        self.cache = ResponseCache()
        self._tx_seq = first_seq & 0xFFFF
        self._deferred: list[bytes] | None = None
        self.retransmissions_replayed = 0
        self.duplicates_ignored = 0  # identical unflagged ACTION frames repeated by the link
        self.ignored_frames = 0  # CRC-valid frames that are not requests (responses, events)
        self._frames_ok_before = 0
        self._frames_dropped_before = 0

    def new_connection(self) -> None:
        """Start decoding afresh (a partial frame of the old connection means nothing now)."""
        self._frames_ok_before += self.decoder.stats.frames_ok
        self._frames_dropped_before += self.decoder.stats.frames_dropped
        self.decoder = FrameDecoder()

    @property
    def frames_ok(self) -> int:
        return self._frames_ok_before + self.decoder.stats.frames_ok

    @property
    def frames_dropped(self) -> int:
        return self._frames_dropped_before + self.decoder.stats.frames_dropped

    # ------------------------------------------------------------------ out

    def send(self, message: object, retransmit: bool = False) -> None:
        """An unsolicited frame (event, telemetry) with the device's own sequence counter."""
        self._tx_seq = (self._tx_seq + 1) & 0xFFFF
        data = encode_message(message, self._tx_seq, retransmit=retransmit)
        if self._deferred is not None:
            self._deferred.append(data)  # after the response being built
        else:
            self._write(data)

    def _error(self, refusal: Refusal) -> ErrorDetail:
        mask = self._fw.alarms.mask
        return ErrorDetail(refusal.field_index, refusal.value, refusal.minimum, refusal.maximum, mask)

    def _refusal(self, cls: type, seq: int, status: Status) -> bytes:
        return encode_response(cls, seq, status, error=self._error(Refusal(status)))

    def _raw_response(self, frame: Frame, status: Status, detail: ErrorDetail) -> bytes:
        """A response to a request the table does not describe (unknown type, other version)."""
        payload = bytes([int(status)]) + encode_body(detail)
        msg_type = (frame.msg_type | RESPONSE_BIT) & 0xFF
        if status == Status.UNSUPPORTED and self._fw.breaks.wrong_unsupported_type:
            msg_type = 0x81
        own_header = status == Status.PROTOCOL_MISMATCH and not self._fw.breaks.v1_header_mismatch
        version = frame.version if own_header else PROTOCOL_VERSION
        return encode_frame(version, msg_type, 0, frame.seq, payload)

    def _respond(self, data: bytes) -> None:
        """Write a response (late or with a wrong CRC when a rule-breaking switch says so)."""
        if self._fw.breaks.slow_responses:
            time.sleep(0.08)
        if self._fw.breaks.bad_crc_replies:
            body = bytearray(cobs_decode(data[:-1]))
            body[-1] ^= 0x5A
            data = cobs_encode(bytes(body)) + b"\x00"
        self._write(data)

    # ------------------------------------------------------------------ in

    def receive(self, data: bytes, now_wall_s: float) -> None:
        """Bytes from the host: every valid frame feeds the watchdog and is handled in order."""
        if self._fw.breaks.frames_need_whole_reads:
            self.decoder = FrameDecoder()  # broken on purpose: a partial frame is forgotten
        for frame in self.decoder.feed(data):
            self._fw.last_frame_wall_s = now_wall_s
            self._handle(frame, now_wall_s)

    def _handle(self, frame: Frame, now_wall_s: float) -> None:
        if frame.msg_type & RESPONSE_BIT:
            self.ignored_frames += 1  # the host never sends responses
            if self._fw.breaks.answer_responses:
                detail = ErrorDetail(NO_FIELD, frame.msg_type, 0, 0, self._fw.alarms.mask)
                self._respond(self._raw_response(frame, Status.UNSUPPORTED, detail))
            return
        if frame.version != PROTOCOL_VERSION:
            # In the request's own header version, so that a host of that version can read it; the
            # field is HELLO's protocol_version, or none for any other request.
            version = PROTOCOL_VERSION
            field_index = 0 if frame.msg_type == message_spec(Hello).msg_id else NO_FIELD
            detail = ErrorDetail(field_index, version, version, version, self._fw.alarms.mask)
            self._respond(self._raw_response(frame, Status.PROTOCOL_MISMATCH, detail))
            return
        cls = MESSAGE_BY_ID.get(frame.msg_type)
        if cls is None or cls not in REPLY_OF:
            detail = ErrorDetail(NO_FIELD, frame.msg_type, 0, 0, self._fw.alarms.mask)
            self._respond(self._raw_response(frame, Status.UNSUPPORTED, detail))
            return
        try:
            packet = decode_frame(frame)
        except DecodeError:
            status = Status.UNSUPPORTED if self._fw.breaks.malformed_as_unsupported else Status.BAD_REQUEST
            self._respond(self._refusal(cls, frame.seq, status))
            return
        if not isinstance(packet, Packet):  # cannot happen: the response bit was checked above
            return
        self._deferred = []
        try:
            response = self._dispatch(packet, frame, now_wall_s)
        finally:
            deferred, self._deferred = self._deferred, None
        if self._fw.breaks.events_before_response:
            for pending in deferred:
                self._write(pending)
            deferred = []
        self._respond(response)
        for pending in deferred:
            self._write(pending)

    def _dispatch(self, packet: Packet, frame: Frame, now_wall_s: float) -> bytes:
        cls = type(packet.message)
        if not self._fw.handshake_done and cls not in (Hello, Stop) and not self._fw.breaks.skip_handshake:
            return self._refusal(cls, packet.seq, Status.HANDSHAKE_REQUIRED)
        if message_spec(cls).kind != Kind.ACTION:
            return self._execute(packet)[0]
        cached = self.cache.lookup(packet.seq)
        if cached is not None and packet.retransmit and self._fw.breaks.ignore_retransmit_flag:
            cached = None  # broken on purpose: executed again
            self.cache.evict(packet.seq)
        if cached is not None:
            same = cached.matches(frame.msg_type, frame.payload)
            if packet.retransmit:
                if same:
                    self.retransmissions_replayed += 1
                    return cached.response  # answered again, not executed again
                if not self._fw.breaks.retransmit_other_content:
                    return self._refusal(cls, packet.seq, Status.BAD_REQUEST)
            elif same and now_wall_s - cached.stored_at_s < DUPLICATE_WINDOW_S:
                # The same frame twice within a second is the link repeating itself: no host can
                # wrap its 16-bit counter that fast, so this is not a new command.
                self.duplicates_ignored += 1
                return cached.response
            self.cache.evict(packet.seq)  # unflagged: the host's counter wrapped, a new command
        response, executed = self._execute(packet)
        if executed or not self._fw.breaks.refusals_not_cached:
            self.cache.store(packet.seq, frame.msg_type, frame.payload, response, now_wall_s)
        if executed:
            self._fw.truth.add_execution(self._fw.boot_id, packet.seq, cls.__name__)
        return response

    def _execute(self, packet: Packet) -> tuple[bytes, bool]:
        cls = type(packet.message)
        try:
            body = HANDLERS[cls](self._fw, packet.message)
        except Refusal as refusal:
            return encode_response(cls, packet.seq, refusal.status, error=self._error(refusal)), False
        return encode_response(cls, packet.seq, Status.OK, body), True

"""How the link reports a frame whose CRC is valid but whose content it cannot interpret.

Such a frame (an unknown type or enumeration value, a payload that does not fit its type, a time
past the year 9999, an event numbered 0) is damage the CRC did not catch, or a gun that breaks the
protocol. The link counts it (``LinkStats.undecodable``) and drops it like a CRC error; this module
logs each one once, with its bytes, so that a firmware engineer can replay it. A flood of them
(line noise) is not allowed to flood the log: after the first :data:`WARN_FIRST` the rest go to the
debug level.
"""

from __future__ import annotations

import logging
import struct
import threading

from firmware_protocol import Frame, crc16

#: Undecodable frames logged as warnings per link; later ones are logged at debug level.
WARN_FIRST = 20

_HEADER = struct.Struct("<BBBH")


def frame_body(frame: Frame) -> bytes:
    """The frame's bytes as they were before COBS: header, payload and CRC."""
    body = _HEADER.pack(frame.version, frame.msg_type, frame.flags, frame.seq) + frame.payload
    return body + struct.pack("<H", crc16(body))


class UndecodableLog:
    """Logs each undecodable frame once with its hex bytes; warnings for the first few only."""

    def __init__(self, logger: logging.Logger) -> None:
        self._log = logger
        self._lock = threading.Lock()  # the reader and the telemetry thread both report
        self._reported = 0

    def report(self, frame: Frame, reason: Exception) -> None:
        with self._lock:
            self._reported += 1
            count = self._reported
        level = logging.WARNING if count <= WARN_FIRST else logging.DEBUG
        if not self._log.isEnabledFor(level):
            return
        self._log.log(
            level,
            "undecodable frame dropped (%s): %s",
            reason,
            frame_body(frame).hex(" "),
        )
        if count == WARN_FIRST:
            self._log.warning("further undecodable frames are logged at debug level only")

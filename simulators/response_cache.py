"""The at-most-once memory: the last 64 ACTION responses, keyed by sequence number.

A request flagged as a retransmission whose sequence number is here, with the same type and payload,
gets the stored response again without acting. The cache lives in RAM: a power cycle clears it (and
changes the boot id, so the host knows not to retransmit across it).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from firmware_protocol.constants import RESPONSE_CACHE_SIZE


@dataclass(frozen=True)
class CachedResponse:
    msg_type: int
    payload: bytes
    response: bytes  # the whole response frame as sent
    stored_at_s: float  # wall-clock monotonic time of the execution

    def matches(self, msg_type: int, payload: bytes) -> bool:
        return self.msg_type == msg_type and self.payload == payload


class ResponseCache:
    """Responses of executed ACTION requests, oldest evicted first."""

    def __init__(self, size: int = RESPONSE_CACHE_SIZE) -> None:
        self._size = size
        self._entries: OrderedDict[int, CachedResponse] = OrderedDict()

    def lookup(self, seq: int) -> CachedResponse | None:
        return self._entries.get(seq)

    def store(self, seq: int, msg_type: int, payload: bytes, response: bytes, now_s: float) -> None:
        self._entries.pop(seq, None)
        self._entries[seq] = CachedResponse(msg_type, payload, response, now_s)
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)

    def evict(self, seq: int) -> None:
        self._entries.pop(seq, None)

    def __len__(self) -> int:
        return len(self._entries)

"""One request to the gun and its response: sending, re-sending and deciding what a silence means.

Queries are re-sent as they are until answered, and sent again on the next connection if this one
drops. An acting command is re-sent only with the retransmission flag and its first sequence number, a
bounded number of times, on the connection it was first sent on; when its reply never comes, or the
connection drops before it does, its outcome is unknown and it is reported so, never re-sent.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from firmware_protocol import Kind, Response, Status
from firmware_protocol.codec import encode_message
from firmware_protocol.constants import RESPONSE_TIME_MAX_MS
from firmware_protocol.messages import message_spec
from mesogun.errors import DeviceTimeoutError, OutcomeUnknownError, OutOfRangeError
from mesogun.link.connection import Connection
from mesogun.link.pending import PendingRequest, PendingTable
from mesogun.link.stats import LinkStatsCollector
from mesogun.link.transport import LinkLost, Transport


@dataclass(frozen=True)
class LinkTiming:
    """Time budgets of the link, in seconds."""

    timeout_s: float = 1.0  # default budget of one request, re-sends and reconnection waits included
    first_retry_s: float = 3 * RESPONSE_TIME_MAX_MS / 1000  # wait before the first re-send; then doubles
    max_retry_s: float = 0.6
    max_action_retransmits: int = 3  # flagged re-sends of an acting command
    handshake_timeout_s: float = 2.0
    silence_s: float = 5.0  # frames sent and nothing received for this long: the link is lost
    reconnect_min_s: float = 0.05  # first pause between reconnection attempts; doubles
    reconnect_max_s: float = 1.0
    ack_timeout_s: float = 0.5  # AckEvents / RequestEvents sent by the event dispatcher

    def __post_init__(self) -> None:
        # A NaN budget compares false with every deadline: a request would wait forever. Refuse it.
        for name, value in vars(self).items():
            if name.endswith("_s") and not (isinstance(value, int | float) and 0 < value < math.inf):
                raise OutOfRangeError(
                    name, value if isinstance(value, int | float) else math.nan, 0, math.inf, "s"
                )


Writer = Callable[[Transport, bytes], None]
LossReporter = Callable[[Transport, str], None]
#: Waits up to ``wait_s`` for the reply of a request sent on a transport (reading it when no one else
#: does); True once the request is answered or lost.
ReplyWaiter = Callable[[Transport, PendingRequest, float], bool]


class RequestSender:
    """Sends requests for any number of caller threads; each call blocks only its caller."""

    def __init__(
        self,
        *,
        connection: Connection,
        pending: PendingTable,
        stats: LinkStatsCollector,
        timing: LinkTiming,
        write: Writer,
        lost: LossReporter,
        await_reply: ReplyWaiter,
    ) -> None:
        self._connection = connection
        self._pending = pending
        self._stats = stats
        self._timing = timing
        self._write = write
        self._lost = lost
        self._await_reply = await_reply

    def request(self, message: object, *, timeout_s: float | None, first_retry_s: float | None) -> Response:
        """Send ``message`` and return the gun's response (whatever its status).

        Raises LinkLostError (not connected, nothing acted), DeviceTimeoutError (a query got no
        answer) or OutcomeUnknownError (an acting command was sent and its answer never came).
        """
        cls = type(message)
        is_action = message_spec(cls).kind is Kind.ACTION
        name = cls.__name__
        budget_s = self._timing.timeout_s if timeout_s is None else timeout_s
        deadline = time.monotonic() + budget_s
        self._stats.count("requests")
        while True:
            transport, generation = self._connection.wait_usable(deadline)
            entry = self._pending.register(cls, generation, is_action=is_action)
            try:
                self._exchange(transport, entry, message, is_action, deadline, first_retry_s)
            finally:
                self._pending.discard(entry)
            response = entry.response
            if response is not None and response.status != Status.HANDSHAKE_REQUIRED:
                return response
            if response is not None:
                # The gun restarted without the link noticing: it acted on none of this connection's
                # requests since, but an earlier copy of this one may have run before the restart.
                self._lost(transport, "the gun asks for a new handshake")
                if is_action and entry.attempts > 1:
                    raise self._outcome_unknown(name, "the gun restarted while it was being sent")
                continue
            if entry.lost is not None:
                if is_action and entry.attempts > 0:
                    detail = f"the connection dropped before the reply: {entry.lost}"
                    raise self._outcome_unknown(name, detail)
                continue  # nothing acted: send it again once reconnected (within the budget)
            self._stats.count("timeouts")
            if is_action:
                raise self._outcome_unknown(name, f"no reply within {budget_s:g} s")
            raise DeviceTimeoutError(name, budget_s)

    def _outcome_unknown(self, name: str, detail: str) -> OutcomeUnknownError:
        self._stats.count("outcome_unknown")
        return OutcomeUnknownError(name, detail)

    def _exchange(
        self,
        transport: Transport,
        entry: PendingRequest,
        message: object,
        is_action: bool,
        deadline: float,
        first_retry_s: float | None,
    ) -> None:
        """Send (and re-send) one request on one connection until answered, lost or out of time."""
        timing = self._timing
        retry_s = timing.first_retry_s if first_retry_s is None else first_retry_s
        while True:
            now = time.monotonic()
            if now >= deadline:
                return
            if entry.attempts == 0 or not is_action or entry.attempts <= timing.max_action_retransmits:
                retransmit = entry.attempts > 0
                frame = encode_message(message, entry.seq, retransmit=is_action and retransmit)
                try:
                    self._write(transport, frame)
                except LinkLost as exc:
                    self._lost(transport, str(exc))
                    entry.fail(str(exc))
                    return
                entry.sent_at_s = time.monotonic()
                entry.attempts += 1
                if retransmit:
                    self._stats.count("retransmissions")
                wait_s = min(retry_s, deadline - entry.sent_at_s)
                retry_s = min(retry_s * 2, timing.max_retry_s)
            else:
                wait_s = deadline - now  # no re-send left: wait for a late reply
            if self._await_reply(transport, entry, wait_s):
                if entry.response is not None and entry.attempts == 1:
                    self._stats.rtt(time.monotonic() - entry.sent_at_s)
                return
            if not self._connection.is_current(transport):
                entry.fail("the connection was replaced")
                return

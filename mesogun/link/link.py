"""The link to one gun: its threads, the frames they read, keep-alive, event replies and reconnection.

Threads (all daemons, all owned here):

* the reader (``mesogun-link-reader``) reads frames while no caller does, completes waiting requests,
  hands events and telemetry on, and, when the connection drops, reopens it and runs HELLO again;
* the event dispatcher stores, publishes and acknowledges events (:mod:`.event_dispatch`);
* the telemetry dispatcher publishes telemetry batches (:mod:`.telemetry`);
* the heartbeat keeps the gun's watchdog fed (:mod:`.heartbeat`).

Callers block only their own thread in :meth:`Link.request` (see :mod:`.requests` for what is re-sent
and when). A caller waiting for its reply reads the connection itself when no one else does, and
dispatches every frame it reads exactly as the reader thread would (see :mod:`.read_role`): its reply
then reaches it without a hand-off between threads.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable

from firmware_protocol import DecodeError, Frame, Kind, Packet, Response, Status, decode_frame
from firmware_protocol.codec import encode_message
from firmware_protocol.columns import TELEMETRY_MSG_ID
from firmware_protocol.constants import WATCHDOG_MS
from firmware_protocol.messages import (
    AckEvents,
    AckEventsReply,
    ConfigureTelemetry,
    HelloReply,
    RequestEvents,
    Telemetry,
    message_spec,
)
from firmware_protocol.messages import Heartbeat as HeartbeatMessage
from mesogun.device_events import DeviceEvent, EventSink, event_from_wire
from mesogun.device_info import check_reply
from mesogun.errors import DeviceNotFoundError, LinkLostError, MesogunError, ProtocolMismatchError
from mesogun.link.connection import Connection, ConnectionListener, ConnectionState
from mesogun.link.event_dispatch import EventDispatcher, EventListener
from mesogun.link.handshake import handshake
from mesogun.link.heartbeat import WATCHDOG_FRACTION, Heartbeat
from mesogun.link.listeners import Listeners
from mesogun.link.pending import PendingRequest, PendingTable
from mesogun.link.read_role import ReadRole
from mesogun.link.requests import LinkTiming, RequestSender
from mesogun.link.stats import LinkStats, LinkStatsCollector
from mesogun.link.telemetry import TelemetryDispatcher, TelemetryListener
from mesogun.link.transport import LinkLost, Transport
from mesogun.link.undecodable import UndecodableLog

log = logging.getLogger("mesogun.link")

#: How long one read waits when nothing arrives (bounds how fast the reader notices a close).
READ_POLL_S = 0.05

#: Opens a new connection to the gun; raises LinkLost (or a MesogunError) when it cannot.
Opener = Callable[[], Transport]


class Link:
    """A connection to one gun, kept alive and reopened until :meth:`close`."""

    def __init__(
        self,
        opener: Opener,
        *,
        target: str,
        host_name: str = "mesogun",
        timing: LinkTiming | None = None,
        reconnect: bool = True,
        event_sink: EventSink | None = None,
    ) -> None:
        self._opener = opener
        self._target = target
        self._host_name = host_name
        self._timing = timing or LinkTiming()
        self._connection = Connection(reconnect=reconnect)
        self._wake = threading.Event()  # cuts reconnection pauses short on close
        self._pending = PendingTable()
        self._role = ReadRole()
        # A byte in this pipe cuts the reader thread's wait short: a caller wants to read.
        self._wake_reader_fd, self._wake_writer_fd = os.pipe()
        os.set_blocking(self._wake_reader_fd, False)
        os.set_blocking(self._wake_writer_fd, False)
        self._wake_pipe_lock = threading.Lock()
        self._stats = LinkStatsCollector()
        self._requests = RequestSender(
            connection=self._connection,
            pending=self._pending,
            stats=self._stats,
            timing=self._timing,
            write=self._write,
            lost=self._lost,
            await_reply=self._await_reply,
        )
        self._event_listeners: Listeners[EventListener] = Listeners()
        self._event_frame_listeners: Listeners[EventListener] = Listeners()
        self._telemetry_listeners: Listeners[TelemetryListener] = Listeners()
        self._last_heartbeat: PendingRequest | None = None
        self._device_last_told = 0  # highest event number the gun reported that the dispatcher heard of
        self._telemetry_setting: ConfigureTelemetry | None = None  # re-applied after a reconnection
        self._events = EventDispatcher(
            sink=event_sink,
            stats=self._stats,
            acknowledge=self._acknowledge,
            request_events=self._request_events,
            listeners=self._event_listeners.snapshot,
        )
        self._undecodable_log = UndecodableLog(log)
        self._telemetry = TelemetryDispatcher(
            self._stats, self._telemetry_listeners.snapshot, undecodable=self._undecodable
        )
        self._heartbeat = Heartbeat(
            period_s=self._heartbeat_period_s,
            idle_for_s=self._idle_for_s,
            send=lambda: self._send_heartbeat(),
        )
        self._reader = threading.Thread(target=self._read_loop, name="mesogun-link-reader", daemon=True)

    # ------------------------------------------------------------------ life cycle

    def connect(self) -> HelloReply:
        """Open the first connection and run HELLO, in the calling thread; then start the threads.

        Raises DeviceNotFoundError, ProtocolMismatchError or DeviceRefusedError.
        """
        self._events.start()
        self._telemetry.start()
        try:
            transport = self._opener()
        except MesogunError:
            self._abandon()
            raise
        except LinkLost as exc:
            self._abandon()
            raise DeviceNotFoundError(
                f"No gun found at {self._target} ({exc}). Check the USB cable and the port name "
                "(`mesogun ports` lists them)."
            ) from exc
        try:
            hello = handshake(
                transport,
                self._host_name,
                self._timing.handshake_timeout_s,
                self._on_packet,
                seq=self._pending.hello_seq(),
            )
        except LinkLost as exc:
            transport.close()
            self._abandon()
            raise DeviceNotFoundError(
                f"The connection to {self._target} dropped during the handshake ({exc}). "
                "Check the USB cable and that the gun is switched on."
            ) from exc
        except BaseException:
            transport.close()
            self._abandon()
            raise
        self._publish(transport, hello, first=True)
        self._reader.start()
        self._heartbeat.start()
        return hello

    def close(self) -> None:
        """Stop every link thread and close the connection. Safe to call twice."""
        if not self._connection.close():
            return
        self._wake.set()
        self._role.wake_reader()
        self._heartbeat.stop()
        if self._reader.is_alive() and threading.current_thread() is not self._reader:
            self._reader.join(self._timing.handshake_timeout_s + 1.0)
        self._pending.fail_all("the connection was closed")
        self._stop_dispatchers()
        if not self._reader.is_alive():
            self._close_wake_pipe()
        self._connection.notify(ConnectionState.CLOSED, "closed by the host")

    def _close_wake_pipe(self) -> None:
        with self._wake_pipe_lock:
            if self._wake_writer_fd < 0:
                return
            os.close(self._wake_writer_fd)
            os.close(self._wake_reader_fd)
            self._wake_writer_fd = self._wake_reader_fd = -1

    def _poke_reader(self) -> None:
        """Cut the reader thread's wait short, so that it hands the read role to a caller."""
        with self._wake_pipe_lock, contextlib.suppress(BlockingIOError, InterruptedError):
            if self._wake_writer_fd >= 0:
                os.write(self._wake_writer_fd, b"\x01")

    def _abandon(self) -> None:
        """The first connection failed: nothing was started but the dispatchers."""
        self._stop_dispatchers()
        self._close_wake_pipe()

    def _stop_dispatchers(self) -> None:
        self._events.stop()
        self._telemetry.stop()

    # ------------------------------------------------------------------ public view

    @property
    def hello(self) -> HelloReply:
        """The HELLO reply of the current (or last) connection."""
        hello = self._connection.hello
        if hello is None:
            raise LinkLostError("not connected yet")
        return hello

    @property
    def state(self) -> ConnectionState:
        return self._connection.state

    @property
    def timing(self) -> LinkTiming:
        return self._timing

    @property
    def stats(self) -> LinkStats:
        return self._stats.snapshot()

    def wait_connected(self, timeout_s: float) -> bool:
        """True once the link is connected (at once if it is)."""
        return self._connection.wait_connected(timeout_s)

    def wait_events_handled(self, timeout_s: float) -> bool:
        """True once every event frame received so far went through the dispatcher."""
        return self._events.wait_handled(timeout_s)

    def subscribe_events(self, listener: EventListener) -> Callable[[], None]:
        return self._event_listeners.subscribe(listener)

    def subscribe_telemetry(self, listener: TelemetryListener) -> Callable[[], None]:
        return self._telemetry_listeners.subscribe(listener)

    def subscribe_event_frames(self, listener: EventListener) -> Callable[[], None]:
        """Call ``listener(event)`` for every event frame as it arrives (in the thread that read it).

        Unlike :meth:`subscribe_events`: re-sent, replayed and out-of-order copies included, nothing
        stored or acknowledged because of it. For reading the gun's own log (REQUEST_EVENTS replays).
        """
        return self._event_frame_listeners.subscribe(listener)

    def subscribe_connection(self, listener: ConnectionListener) -> Callable[[], None]:
        return self._connection.listeners.subscribe(listener)

    # ------------------------------------------------------------------ requests

    def request(
        self,
        message: object,
        *,
        timeout_s: float | None = None,
        first_retry_s: float | None = None,
    ) -> Response:
        """Send a request and return the gun's response (whatever its status).

        ``timeout_s`` bounds the whole call, waits for a reconnection included. Raises LinkLostError,
        DeviceTimeoutError (a query got no answer) or OutcomeUnknownError (an acting command was sent
        and its answer never came).
        """
        response = self._requests.request(message, timeout_s=timeout_s, first_retry_s=first_retry_s)
        if isinstance(message, ConfigureTelemetry) and response.status == Status.OK:
            self._telemetry_setting = message if message.rate_hz else None
        return response

    def _write(self, transport: Transport, frame: bytes) -> None:
        gap_s = time.monotonic() - transport.last_tx_s
        transport.send(frame)
        self._stats.keepalive_gap(gap_s)
        self._stats.count("frames_sent")

    def _acknowledge(self, through_event_number: int) -> None:
        response = self.request(AckEvents(through_event_number), timeout_s=self._timing.ack_timeout_s)
        if response.status == Status.OK and isinstance(response.body, AckEventsReply):
            self._stats.acknowledged(response.body.acked_event_number)

    def _request_events(self, from_event_number: int, max_count: int) -> None:
        self.request(RequestEvents(from_event_number, max_count), timeout_s=self._timing.ack_timeout_s)

    def _restore_telemetry(self, setting: ConfigureTelemetry) -> None:
        try:
            self.request(setting)
        except MesogunError as exc:
            log.warning("telemetry not restored after reconnection: %s", exc)

    # ------------------------------------------------------------------ keep-alive

    def _heartbeat_period_s(self) -> float:
        hello = self._connection.hello
        watchdog_ms = hello.watchdog_ms if hello is not None and hello.watchdog_ms > 0 else WATCHDOG_MS
        return max(0.005, watchdog_ms / WATCHDOG_FRACTION / 1000)

    def _idle_for_s(self) -> float | None:
        transport, _ = self._connection.current()
        return None if transport is None else time.monotonic() - transport.last_tx_s

    def _send_heartbeat(self) -> None:
        transport, generation = self._connection.current()
        if transport is None:
            return
        previous = self._last_heartbeat
        if previous is not None:
            self._pending.discard(previous)  # its reply is overdue; stop waiting for it
        entry = self._pending.register(HeartbeatMessage, generation)
        self._last_heartbeat = entry
        try:
            self._write(transport, encode_message(HeartbeatMessage(), entry.seq))
        except LinkLost as exc:
            self._lost(transport, str(exc))
            return
        self._stats.count("heartbeats")

    # ------------------------------------------------------------------ reader thread

    def _read_loop(self) -> None:
        current, _ = self._connection.current()
        pause_s = self._timing.reconnect_min_s
        try:
            while not self._connection.closing:
                if current is not None and not self._connection.is_current(current):
                    self._retire(current)
                    current = None
                if current is None:
                    if self._connection.state is not ConnectionState.RECONNECTING:
                        return
                    current = self._reopen()
                    if current is None:
                        self._wake.wait(pause_s)
                        pause_s = min(pause_s * 2, self._timing.reconnect_max_s)
                    else:
                        pause_s = self._timing.reconnect_min_s
                    continue
                if current.can_be_woken:
                    self._watch_and_read(current)
                    continue
                if not self._role.take_for_reader(READ_POLL_S):
                    continue  # a caller reads meanwhile, and dispatches whatever arrives
                try:
                    self._read_once(current, READ_POLL_S)
                finally:
                    self._role.leave_reader()
        except Exception:
            log.exception("link reader failed")
            if current is not None:
                self._lost(current, "internal error in the link reader")
        finally:
            if current is not None:
                self._retire(current)

    def _retire(self, transport: Transport) -> None:
        # A caller may still be reading it: close the port only once the read role is back.
        taken = self._role.take_for_reader(self._timing.timeout_s + READ_POLL_S)
        try:
            transport.close()
            self._stats.detach_decoder()
        finally:
            if taken:
                self._role.leave_reader()

    def _watch_and_read(self, transport: Transport) -> None:
        """Reader thread, on a connection with a descriptor: wait for bytes while no caller reads, and
        read them with the role; a caller that starts reading meanwhile wakes it through the pipe."""
        if not self._role.wait_to_watch(READ_POLL_S):
            return  # a caller reads meanwhile, and dispatches whatever arrives
        try:
            readable = transport.wait_readable(READ_POLL_S, self._wake_reader_fd)
        except LinkLost as exc:
            self._role.take_after_watch(False)
            self._lost(transport, str(exc))
            return
        if not self._role.take_after_watch(readable):
            self._check_silence(transport)
            return
        try:
            self._read_once(transport, 0.0)
        finally:
            self._role.leave_reader()

    def _check_silence(self, transport: Transport) -> bool:
        if transport.unanswered_for_s() > self._timing.silence_s:
            self._lost(transport, f"the gun stopped answering for {self._timing.silence_s:g} s")
            return False
        return True

    def _read_once(self, transport: Transport, timeout_s: float) -> bool:
        """Read what arrives within ``timeout_s`` and dispatch it (holder of the read role only).

        False when the connection was found lost.
        """
        try:
            frames = transport.receive(timeout_s)
        except LinkLost as exc:
            self._lost(transport, str(exc))
            return False
        for frame in frames:
            try:
                self._on_frame(transport, frame)
            except Exception as exc:
                # A frame must never stop its reader: the reader thread is the one that reconnects,
                # and a caller has its own reply to wait for.
                log.exception("link reader could not handle a frame")
                self._undecodable(frame, exc)
        return self._check_silence(transport)

    def _await_reply(self, transport: Transport, entry: PendingRequest, wait_s: float) -> bool:
        """Wait up to ``wait_s`` for the reply to ``entry``, reading the connection while no one else
        does (the caller's own thread); True once answered or lost."""
        deadline = time.monotonic() + wait_s
        try:
            if self._role.join(entry) and transport.can_be_woken and self._role.reader_in_the_way():
                self._poke_reader()
            while not entry.finished:
                remaining_s = deadline - time.monotonic()
                if remaining_s <= 0:
                    break
                if not self._role.holds(entry):
                    entry.wait(remaining_s)  # until answered, lost, or handed the role
                    continue
                if not self._connection.is_current(transport):
                    entry.fail("the connection was replaced")
                elif not self._read_once(transport, min(remaining_s, READ_POLL_S)):
                    entry.fail("the connection was lost")
        finally:
            self._role.leave(entry)
        return entry.finished

    def _on_frame(self, transport: Transport, frame: Frame) -> None:
        if frame.msg_type == TELEMETRY_MSG_ID:
            self._telemetry.offer(frame)  # decoded by channel on the telemetry thread
            return
        try:
            decoded = decode_frame(frame)
            if isinstance(decoded, Response):
                check_reply(decoded.body)
        except DecodeError as exc:
            self._undecodable(frame, exc)
            return
        if isinstance(decoded, Packet):
            self._on_packet(frame, decoded)
            return
        if self._pending.resolve(decoded) is None:
            # A duplicate, a reply we stopped waiting for, or a frame whose sequence number was
            # damaged: nothing it says is acted on.
            self._stats.count("unmatched_responses")
            return
        last_event_number = getattr(decoded.body, "last_event_number", None)
        if isinstance(last_event_number, int) and last_event_number > self._device_last_told:
            # Only news wakes the event dispatcher: most replies (every status, every heartbeat) repeat
            # the number it already knows, and it looks for missing events on its own timer anyway.
            self._device_last_told = last_event_number
            self._events.device_last(last_event_number)
        if decoded.status == Status.HANDSHAKE_REQUIRED:
            self._lost(transport, "the gun asks for a new handshake (it restarted)")

    def _on_packet(self, frame: Frame, packet: Packet) -> None:
        message = packet.message
        kind = message_spec(type(message)).kind
        if kind is Kind.EVENT:
            try:
                event = event_from_wire(message)
            except (DecodeError, TypeError) as exc:
                self._undecodable(frame, exc)
                return
            self._events.offer(event)
            frame_listeners = self._event_frame_listeners.snapshot()
            if frame_listeners:
                self._tell_event_frame(event, frame_listeners)
        elif isinstance(message, Telemetry):
            self._telemetry.offer(frame)
        else:
            # A request from the gun: not part of the protocol. Dropped unanswered (§4).
            self._undecodable(frame, DecodeError(f"{type(message).__name__} is a request, not for a host"))

    def _undecodable(self, frame: Frame, reason: Exception) -> None:
        """Count and drop a CRC-valid frame the host cannot interpret; log it with its bytes."""
        self._stats.count("undecodable")
        self._undecodable_log.report(frame, reason)

    def _tell_event_frame(self, event: DeviceEvent, listeners: list[EventListener]) -> None:
        for listener in listeners:
            try:
                listener(event)
            except Exception:
                log.exception("event frame listener failed on event #%d", event.event_number)

    # ------------------------------------------------------------------ connection changes

    def _reopen(self) -> Transport | None:
        """One reconnection attempt (reader thread): open, HELLO, check it is the same gun."""
        try:
            transport = self._opener()
        except (LinkLost, MesogunError) as exc:
            self._connection.set_detail(str(exc))
            return None
        try:
            hello = handshake(
                transport,
                self._host_name,
                self._timing.handshake_timeout_s,
                self._on_packet,
                seq=self._pending.hello_seq(),
            )
        except ProtocolMismatchError as exc:
            transport.close()
            if self._connection.give_up(str(exc)):
                log.error("giving up on %s: %s", self._target, exc)
                self._connection.notify(ConnectionState.LOST, str(exc))
            return None
        except (LinkLost, MesogunError) as exc:
            transport.close()
            self._connection.set_detail(str(exc))
            return None
        expected = self.hello.serial_number
        if hello.serial_number != expected:
            transport.close()
            detail = f"another gun ({hello.serial_number}) is at {transport.target}; waiting for {expected}"
            if self._connection.set_detail(detail):
                self._connection.notify(ConnectionState.RECONNECTING, detail)
            return None
        return transport if self._publish(transport, hello, first=False) else None

    def _publish(self, transport: Transport, hello: HelloReply, *, first: bool) -> bool:
        # No one reads the new connection before the event dispatcher and the connection listeners
        # heard of it: a caller may send at once, but its reply is read after the announcement.
        taken = self._role.take_for_reader(self._timing.timeout_s + READ_POLL_S)
        try:
            return self._announce(transport, hello, first=first)
        finally:
            if taken:
                self._role.leave_reader()

    def _announce(self, transport: Transport, hello: HelloReply, *, first: bool) -> bool:
        previous = self._connection.hello
        restarted = previous is not None and previous.boot_id != hello.boot_id
        self._pending.new_connection(device_restarted=restarted)
        if not self._connection.publish(transport, hello):
            transport.close()  # closed meanwhile
            return False
        self._stats.attach_decoder(transport.decoder_stats)
        self._events.connected(hello.serial_number, hello.last_event_number)
        self._device_last_told = hello.last_event_number
        if first:
            log.info("connected to %s %s at %s", hello.model, hello.serial_number, transport.target)
            return True
        self._stats.count("reconnects")
        setting = self._telemetry_setting
        if setting is not None:
            # A new connection starts without telemetry; the host asked for it, so ask again.
            threading.Thread(
                target=self._restore_telemetry, args=(setting,), name="mesogun-link-restore", daemon=True
            ).start()
        detail = f"reconnected at {transport.target}"
        if restarted:
            detail += "; the gun restarted (commands in flight were not repeated)"
        log.info("%s", detail)
        self._connection.notify(ConnectionState.CONNECTED, detail)
        return True

    def _lost(self, transport: Transport, reason: str) -> None:
        """The connection ``transport`` is gone (any thread). The reader closes it and reconnects."""
        state = self._connection.drop(transport, reason)
        if state is None:
            return
        log.warning("link to %s lost: %s", transport.target, reason)
        self._pending.fail_all(reason)
        self._role.wake_reader()  # it reconnects
        self._connection.notify(state, reason)

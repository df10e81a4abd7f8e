"""The GUI's only door to the gun: device calls posted to worker threads, results as queued signals.

``DeviceBridge`` lives on the GUI thread. Every method returns at once: the ``Injector`` call runs on
the bridge's worker thread (one call at a time, in order) and its result or error comes back through a
callback or a signal on the GUI thread. STOP has a worker of its own so it never waits behind another
call. The link's callbacks (events, telemetry, connection state) arrive on link threads and are
re-emitted as signals, which Qt queues to the GUI thread. Telemetry is gathered on a batching thread
and emitted at most ``TELEMETRY_EMIT_HZ`` times a second, each emit carrying every batch since the
previous one, so a busy GUI thread receives tens of signals a second, not a thousand.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from enum import Enum, StrEnum
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from gui.worker import CallWorker, ErrorCallback, ResultCallback
from mesogun.device_events import DeviceEvent, EventSink, TelemetryBatch
from mesogun.device_info import DeviceInfo, DeviceStatus
from mesogun.device_values import AlarmCode
from mesogun.injector import Injector

TELEMETRY_EMIT_HZ = 30.0
STATUS_POLL_MS = 500


class LinkState(StrEnum):
    """The connection as the GUI shows it."""

    DISCONNECTED = "disconnected"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    LOST = "lost"


class InjectorOpener(Protocol):
    """How the bridge opens a gun (``Injector.open`` by default; tests may pass another opener)."""

    def __call__(
        self, port: str | None = None, *, url: str | None = None, serial_number: str | None = None
    ) -> Injector: ...


class ReportingSink:
    """The dose journal as the link's event sink, telling ``on_failure`` when an event could not be
    made durable (a full disk, a read-only file). The error still goes on to the link, which does not
    acknowledge the event: the gun keeps it and sends it again. ``on_failure`` runs on the link's
    dispatcher thread (give it a Qt signal's ``emit``)."""

    def __init__(self, sink: EventSink, on_failure: Callable[[BaseException], None]) -> None:
        self._sink = sink
        self._on_failure = on_failure

    def last_event_number(self, device_serial: str) -> int:
        return self._sink.last_event_number(device_serial)

    def store(self, device_serial: str, event: DeviceEvent) -> None:
        try:
            self._sink.store(device_serial, event)
        except Exception as error:
            self._on_failure(error)
            raise


def journaled_opener(event_sink: EventSink | None) -> InjectorOpener:
    """``Injector.open`` storing every event in ``event_sink`` (the dose journal) before acknowledging it."""

    def open_injector(
        port: str | None = None, *, url: str | None = None, serial_number: str | None = None
    ) -> Injector:
        return Injector.open(
            port, url=url, serial_number=serial_number, host_name="mesogun-gui", event_sink=event_sink
        )

    return open_injector


_open_injector = journaled_opener(None)


class _TelemetryBatcher:
    """Collects telemetry batches from the link thread and hands them on at a bounded rate."""

    def __init__(self, emit: Callable[[list[TelemetryBatch]], None], rate_hz: float) -> None:
        self._emit = emit
        self._period_s = 1.0 / rate_hz
        self._pending: list[TelemetryBatch] = []
        self._condition = threading.Condition()
        self._stopped = False
        self.emits = 0
        self._thread = threading.Thread(target=self._run, name="gui-telemetry", daemon=True)
        self._thread.start()

    def offer(self, batch: TelemetryBatch) -> None:
        """Called on a link thread for every batch: store it and return at once."""
        with self._condition:
            self._pending.append(batch)
            self._condition.notify()

    def stop(self) -> None:
        """End the batching thread (pending batches are dropped)."""
        with self._condition:
            self._stopped = True
            self._condition.notify()
        self._thread.join(timeout=2.0)

    def _run(self) -> None:
        last_emit = 0.0
        while True:
            with self._condition:
                while not self._pending and not self._stopped:
                    self._condition.wait()
                if self._stopped:
                    return
            # Let the batches of one emit period accumulate, then hand them all on at once.
            delay_s = last_emit + self._period_s - time.monotonic()
            if delay_s > 0:
                time.sleep(delay_s)
            with self._condition:
                if self._stopped:
                    return
                batches, self._pending = self._pending, []
            last_emit = time.monotonic()
            self.emits += 1
            self._emit(batches)


class DeviceBridge(QObject):
    """Non-blocking access to one gun for the GUI thread.

    Signals (all delivered on the GUI thread): ``link_state_changed(LinkState, detail)``,
    ``connected(DeviceInfo)``, ``status_received(DeviceStatus)``, ``event_received(DeviceEvent)``,
    ``telemetry_received(list[TelemetryBatch])``, ``call_failed(operation, exception)``.
    """

    link_state_changed = Signal(object, str)
    connected = Signal(object)
    status_received = Signal(object)
    event_received = Signal(object)
    telemetry_received = Signal(object)
    call_failed = Signal(str, object)
    # Link connection callbacks (link threads) reach the GUI thread through this private signal.
    _link_state_from_device = Signal(str, str)

    def __init__(self, opener: InjectorOpener = _open_injector, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._opener = opener
        self._worker = CallWorker("gui-device", self)
        self._urgent = CallWorker("gui-device-stop", self)
        self._injector: Injector | None = None
        self._info: DeviceInfo | None = None
        self._unsubscribe: list[Callable[[], None]] = []
        self._batcher: _TelemetryBatcher | None = None
        self._state = LinkState.DISCONNECTED
        self._telemetry_rate_hz = 0
        self._status_in_flight = False
        self._last_frame_monotonic: float | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(STATUS_POLL_MS)
        self._poll.timeout.connect(self.refresh_status)
        self._link_state_from_device.connect(self._on_link_state)

    # ----------------------------------------------------------------- observation
    @property
    def state(self) -> LinkState:
        """The connection as last reported."""
        return self._state

    @property
    def info(self) -> DeviceInfo | None:
        """Identity and capabilities of the connected gun (None when not connected)."""
        return self._info

    @property
    def injector(self) -> Injector | None:
        """The connected gun's driver, for components that run their own worker (None when not connected).

        Its calls block: use it only off the GUI thread.
        """
        return self._injector

    @property
    def is_connected(self) -> bool:
        """True from a successful open until disconnect (also while the link reconnects)."""
        return self._injector is not None

    @property
    def busy(self) -> bool:
        """True while device calls are queued or running."""
        return self._worker.pending > 0 or self._urgent.pending > 0

    def seconds_since_last_frame(self) -> float | None:
        """Seconds since the gun last sent anything (reply, event or telemetry); None before the first."""
        last = self._last_frame_monotonic
        return None if last is None else time.monotonic() - last

    # ----------------------------------------------------------------- connection
    def connect_device(
        self,
        *,
        port: str | None = None,
        url: str | None = None,
        serial_number: str | None = None,
        telemetry_rate_hz: int = 0,
    ) -> None:
        """Open the gun at ``port`` / ``url`` (or found by ``serial_number``) on the worker thread."""
        if self._injector is not None:
            raise RuntimeError("already connected: disconnect first")
        self._telemetry_rate_hz = telemetry_rate_hz
        self._set_state(LinkState.CONNECTING, url or port or serial_number or "")

        def open_and_subscribe() -> tuple[Injector, DeviceInfo, DeviceStatus]:
            injector = self._opener(port, url=url, serial_number=serial_number)
            try:
                self._subscribe(injector)
                if telemetry_rate_hz > 0:
                    injector.configure_telemetry(telemetry_rate_hz)
                status = injector.status()
            except BaseException:
                self._drop_subscriptions()
                injector.close()
                raise
            return injector, injector.info, status

        self._worker.submit(open_and_subscribe, self._on_opened, self._on_open_failed)

    def disconnect_device(self) -> None:
        """Close the link (on the worker thread, after the calls already queued)."""
        injector = self._injector
        if injector is None:
            return
        self._injector = None
        self._info = None
        self._poll.stop()

        def close() -> None:
            self._drop_subscriptions()
            injector.close()

        self._worker.submit(
            close, lambda _: self._set_state(LinkState.DISCONNECTED, ""), self._report("disconnect")
        )

    def shutdown(self) -> None:
        """For application exit: drop queued calls, close the link, stop the worker threads.

        Waits for the running call (bounded by the device timeout) and the close, on the worker thread.
        """
        self._worker.cancel_pending()
        self.disconnect_device()
        self._worker.shutdown(wait=True, cancel_pending=False)
        self._urgent.shutdown(wait=True, cancel_pending=False)

    # ----------------------------------------------------------------- commands
    def call(
        self,
        operation: str,
        action: Callable[[Injector], Any],
        on_result: ResultCallback | None = None,
        on_error: ErrorCallback | None = None,
    ) -> int:
        """Run ``action(injector)`` on the worker thread; returns a call id at once.

        Without ``on_error``, a failure is emitted as ``call_failed(operation, exception)``.
        """
        injector = self._require()
        return self._worker.submit(lambda: action(injector), on_result, on_error or self._report(operation))

    def stop(self) -> None:
        """Emergency stop: sent at once on the STOP worker, never queued behind other calls."""
        injector = self._injector
        if injector is None:
            return
        self._urgent.submit(injector.stop, None, self._report("stop"))

    def refresh_status(self) -> None:
        """Ask for a status snapshot (skipped while the previous one is still on its way)."""
        if self._injector is None or self._status_in_flight:
            return
        self._status_in_flight = True
        self.call("status", lambda injector: injector.status(), self._on_status, self._on_status_failed)

    def acknowledge_alarm(self, code: AlarmCode | None = None) -> None:
        """Acknowledge ``code`` (the gun's own alarm code, from an event; None: every alarm) on the gun."""
        self.call(
            "acknowledge_alarm",
            lambda injector: injector.acknowledge_alarm(code),
            self._refresh_after,
        )

    def set_telemetry_rate(self, rate_hz: int) -> None:
        """Ask the gun for ``rate_hz`` telemetry samples per second (0 stops the stream)."""
        self._telemetry_rate_hz = rate_hz
        if self._injector is not None:
            self.call("configure_telemetry", lambda injector: injector.configure_telemetry(rate_hz))

    # ----------------------------------------------------------------- internals
    def _require(self) -> Injector:
        if self._injector is None:
            raise RuntimeError("no gun connected")
        return self._injector

    def _report(self, operation: str) -> ErrorCallback:
        return lambda error: self.call_failed.emit(operation, error)

    def _refresh_after(self, _result: object) -> None:
        self.refresh_status()

    def _set_state(self, state: LinkState, detail: str) -> None:
        self._state = state
        self.link_state_changed.emit(state, detail)

    def _subscribe(self, injector: Injector) -> None:
        # Runs on the worker thread; the callbacks below run on link threads and only emit signals.
        self._batcher = _TelemetryBatcher(self.telemetry_received.emit, TELEMETRY_EMIT_HZ)
        batcher = self._batcher

        def on_event(event: DeviceEvent) -> None:
            self._last_frame_monotonic = time.monotonic()
            self.event_received.emit(event)

        def on_telemetry(batch: TelemetryBatch) -> None:
            self._last_frame_monotonic = time.monotonic()
            batcher.offer(batch)

        def on_connection(state: Enum, detail: str) -> None:
            self._link_state_from_device.emit(state.name, detail)

        self._unsubscribe = [
            injector.subscribe_events(on_event),
            injector.subscribe_telemetry(on_telemetry),
            injector.subscribe_connection(on_connection),
        ]

    def _drop_subscriptions(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        if self._batcher is not None:
            self._batcher.stop()
            self._batcher = None

    def _on_opened(self, result: tuple[Injector, DeviceInfo, DeviceStatus]) -> None:
        injector, info, status = result
        self._injector = injector
        self._info = info
        self._last_frame_monotonic = time.monotonic()
        self._set_state(LinkState.CONNECTED, info.serial_number)
        self.connected.emit(info)
        self.status_received.emit(status)
        self._poll.start()

    def _on_open_failed(self, error: BaseException) -> None:
        self._set_state(LinkState.DISCONNECTED, str(error))
        self.call_failed.emit("connect", error)

    def _on_link_state(self, name: str, detail: str) -> None:
        if self._injector is None:
            return
        state = {
            "CONNECTED": LinkState.CONNECTED,
            "RECONNECTING": LinkState.RECONNECTING,
            "LOST": LinkState.LOST,
        }.get(name)
        if state is None:  # CLOSED: our own disconnect, reported by disconnect_device
            return
        was_down = self._state in (LinkState.RECONNECTING, LinkState.LOST)
        self._set_state(state, detail)
        if state is LinkState.CONNECTED and was_down and self._telemetry_rate_hz > 0:
            # The gun may have restarted: ask for the telemetry stream again.
            self.set_telemetry_rate(self._telemetry_rate_hz)

    def _on_status(self, status: DeviceStatus) -> None:
        self._status_in_flight = False
        self._last_frame_monotonic = time.monotonic()
        self.status_received.emit(status)

    def _on_status_failed(self, error: BaseException) -> None:
        self._status_in_flight = False
        # While the link reconnects, status polls fail by design: the state signal already says so.
        if self._state is LinkState.CONNECTED:
            self.call_failed.emit("status", error)

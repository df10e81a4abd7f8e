"""The gun as a Python object: configure, arm, fire, watch events. Host units in, typed errors out.

Every call blocks only its calling thread (never call it from a GUI thread) and is thread-safe.
Values are checked against the gun's own capabilities before anything is sent, and refused, never
clipped, with an error that names the field, the value and the allowed range. A refusal by the gun
itself is mapped to the same typed errors.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import TypeVar

from firmware_protocol import AlarmCode, DeviceState, Mode, Response, Status, alarms_in
from firmware_protocol.codec import wire_fields
from firmware_protocol.constants import (
    ACK_ALL_ALARMS,
    FIRE_COUNT_MAX,
    PRIME_VOLUME_MAX_NL,
    PRIME_VOLUME_MIN_NL,
    SELF_TEST_TIME_MAX_MS,
)
from firmware_protocol.messages import (
    AckAlarm,
    AlarmsReply,
    Arm,
    CalibrationReply,
    Configure,
    ConfigureReply,
    ConfigureTelemetry,
    DiagnosticsReply,
    Disarm,
    ErrorDetail,
    Fire,
    FireReply,
    GetDiagnostics,
    GetStatus,
    HelloReply,
    LoadSyringe,
    Prime,
    ReadCalibration,
    RequestEvents,
    RequestEventsReply,
    SelfTest,
    SelfTestReply,
    SetTechnicianMode,
    StateReply,
    StatusReply,
    Stop,
    TechnicianModeReply,
    TelemetryReply,
    WriteCalibration,
)
from mesogun import units
from mesogun.device_events import EventSink
from mesogun.device_info import (
    CalibrationFactors,
    DeviceInfo,
    DeviceStatus,
    Diagnostics,
    calibration_from_wire,
    device_info_from_wire,
    diagnostics_from_wire,
    status_from_wire,
)
from mesogun.errors import (
    DeviceAlarmError,
    DeviceRefusedError,
    InvalidChoiceError,
    MesogunError,
    OutOfRangeError,
    ProtocolMismatchError,
)
from mesogun.link import ConnectionListener, ConnectionState, Link, LinkStats, LinkTiming
from mesogun.link.event_dispatch import EventListener
from mesogun.link.openers import make_opener
from mesogun.link.telemetry import TelemetryListener
from mesogun.link.transport import DEFAULT_BAUDRATE

__all__ = ["ConnectionState", "Injector"]

#: Most shots one fire() may ask for.
MAX_FIRE_COUNT = FIRE_COUNT_MAX
#: Largest shot limit ARM carries (a 16-bit field).
MAX_SHOT_LIMIT = 0xFFFF
#: The self-test answers only once it ran: wait for it twice as long as the protocol allows.
SELF_TEST_RETRY_S = 2 * SELF_TEST_TIME_MAX_MS / 1000
_Reply = TypeVar("_Reply")
_U32_MAX = 0xFFFF_FFFF
_I16_MIN, _I16_MAX = -0x8000, 0x7FFF
_U8_MAX = 0xFF


class Injector:
    """One connected gun. Open with :meth:`Injector.open`; use as a context manager or call close()."""

    def __init__(self, link: Link) -> None:
        self._link = link
        self._info_from: HelloReply | None = None
        self._info: DeviceInfo | None = None
        self._on_close: list[Callable[[], None]] = []

    @classmethod
    def open(
        cls,
        port: str | None = None,
        *,
        url: str | None = None,
        serial_number: str | None = None,
        host_name: str = "mesogun",
        timeout_s: float = 1.0,
        reconnect: bool = True,
        event_sink: EventSink | None = None,
        reopen: Callable[[], str] | None = None,
        baudrate: int = DEFAULT_BAUDRATE,
        timing: LinkTiming | None = None,
    ) -> Injector:
        """Connect to a gun and run the handshake.

        Give a serial ``port`` (``/dev/ttyACM0``, ``COM3``), a pyserial ``url`` (``socket://``,
        ``simgun://``), or the gun's USB ``serial_number``; with none of them the one connected gun
        is found automatically. After an unplug the link reopens the same port, or finds the gun
        again by its USB serial number when its port name changed; ``reopen`` (called at each
        attempt) names the port or URL to try instead. ``timeout_s`` bounds each command.
        Raises DeviceNotFoundError or ProtocolMismatchError.
        """
        opener, target = make_opener(
            port=port, url=url, serial_number=serial_number, reopen=reopen, baudrate=baudrate
        )
        if timing is None:
            timing = LinkTiming(timeout_s=timeout_s)
        link = Link(
            opener,
            target=target,
            host_name=host_name,
            timing=timing,
            reconnect=reconnect,
            event_sink=event_sink,
        )
        link.connect()
        return cls(link)

    def close(self) -> None:
        """Close the connection and stop the link's threads. The gun's watchdog disarms it if armed."""
        self._link.close()
        callbacks, self._on_close = self._on_close, []
        for callback in callbacks:
            callback()

    def call_on_close(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` after the connection is closed (e.g. stop a simulated gun)."""
        self._on_close.append(callback)

    def __enter__(self) -> Injector:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ what the gun is

    @property
    def info(self) -> DeviceInfo:
        """Identity and capabilities, from the last handshake (updated after a reconnection)."""
        hello = self._link.hello
        if self._info is None or self._info_from is not hello:
            self._info = device_info_from_wire(hello)
            self._info_from = hello
        return self._info

    @property
    def stats(self) -> LinkStats:
        return self._link.stats

    @property
    def connection_state(self) -> ConnectionState:
        return self._link.state

    def subscribe_events(self, callback: EventListener) -> Callable[[], None]:
        """Call ``callback(event)`` for each device event, once, in order (on a link thread)."""
        return self._link.subscribe_events(callback)

    def subscribe_telemetry(self, callback: TelemetryListener) -> Callable[[], None]:
        """Call ``callback(batch)`` for each telemetry batch (on a link thread)."""
        return self._link.subscribe_telemetry(callback)

    def subscribe_event_frames(self, callback: EventListener) -> Callable[[], None]:
        """Call ``callback(event)`` for every event frame received, duplicates and replays included.

        On the link's reader thread; keep it short. For reading the gun's own log with
        :meth:`request_events`; :meth:`subscribe_events` is the once-each, in-order stream.
        """
        return self._link.subscribe_event_frames(callback)

    def subscribe_connection(self, callback: ConnectionListener) -> Callable[[], None]:
        """Call ``callback(state, detail)`` on each connection change (on a link thread)."""
        return self._link.subscribe_connection(callback)

    def wait_connected(self, timeout_s: float) -> bool:
        """True once connected (at once if already), False if not within ``timeout_s``."""
        return self._link.wait_connected(timeout_s)

    def wait_events_handled(self, timeout_s: float) -> bool:
        """True once every event received so far has been stored and published."""
        return self._link.wait_events_handled(timeout_s)

    # ------------------------------------------------------------------ queries

    def status(self) -> DeviceStatus:
        """The gun's current state, configuration, syringe, battery and event counters."""
        reply = self._call(GetStatus(), "status", StatusReply)
        return status_from_wire(reply)

    def read_calibration(self) -> CalibrationFactors:
        return calibration_from_wire(self._call(ReadCalibration(), "read calibration", CalibrationReply))

    def diagnostics(self) -> Diagnostics:
        return diagnostics_from_wire(self._call(GetDiagnostics(), "diagnostics", DiagnosticsReply))

    def request_events(self, from_event_number: int, max_count: int) -> tuple[int, int]:
        """Ask the gun to re-send its journaled events from ``from_event_number`` (≥ 1), at most
        ``max_count`` (0–255), acknowledged or not; returns (events it is sending, its newest number).

        The copies arrive as event frames (:meth:`subscribe_event_frames`); the acknowledgement state
        does not change: events already journaled are recognised as duplicates.
        """
        first = units.to_wire(
            "from_event_number", from_event_number, units.COUNT, minimum=1, maximum=_U32_MAX
        )
        count = units.to_wire("max_count", max_count, units.COUNT, minimum=0, maximum=_U8_MAX)
        reply = self._call(RequestEvents(first, count), "request events", RequestEventsReply)
        return reply.sent_count, reply.last_event_number

    # ------------------------------------------------------------------ commands

    def configure(
        self,
        mode: Mode,
        depth_mm: float,
        volume_ul: float,
        flow_ul_s: float,
        burst_rate_per_s: float = 1.0,
    ) -> int:
        """Set the whole delivery configuration; returns the gun's new configuration id.

        ``depth_mm``: needle depth; ``volume_ul``: volume per shot (CONTINUOUS: volume to infuse);
        ``flow_ul_s``: delivery speed; ``burst_rate_per_s``: shots per second in BURST mode.
        """
        message = self._configure_message(mode, depth_mm, volume_ul, flow_ul_s, burst_rate_per_s)
        return self._call(message, "configure", ConfigureReply).config_id

    def _configure_message(
        self, mode: Mode, depth_mm: float, volume_ul: float, flow_ul_s: float, burst_rate_per_s: float
    ) -> Configure:
        info = self.info
        caps = info.capabilities
        if mode not in caps.modes:
            raise InvalidChoiceError("mode", _name(mode), sorted(_name(m) for m in caps.modes))
        return Configure(
            mode=int(mode),
            depth_um=units.to_wire(
                "depth_mm",
                depth_mm,
                units.DEPTH,
                minimum=caps.depth_min_mm,
                maximum=caps.depth_max_mm,
                step_wire=max(1, round(caps.depth_step_mm * units.DEPTH.wire_per_host)),
            ),
            volume_nl=units.to_wire(
                "volume_ul", volume_ul, units.VOLUME, minimum=caps.volume_min_ul, maximum=caps.volume_max_ul
            ),
            flow_nl_s=units.to_wire(
                "flow_ul_s", flow_ul_s, units.FLOW, minimum=caps.flow_min_ul_s, maximum=caps.flow_max_ul_s
            ),
            burst_rate_mhz=units.to_wire(
                "burst_rate_per_s",
                burst_rate_per_s,
                units.RATE,
                minimum=caps.burst_rate_min_per_s,
                maximum=caps.burst_rate_max_per_s,
            ),
        )

    def arm(self, shot_limit: int = 0) -> DeviceState:
        """Arm the gun with its current configuration: a trigger press (or fire()) then delivers.

        ``shot_limit`` (0–65 535; 0: none): the gun delivers at most that many shots (infusions in
        continuous mode) from this arm on, then disarms itself, however late a disarm would come.
        """
        wire_limit = units.to_wire("shot_limit", shot_limit, units.COUNT, minimum=0, maximum=MAX_SHOT_LIMIT)
        return DeviceState(self._call(Arm(wire_limit), "arm", StateReply).state)

    def disarm(self) -> DeviceState:
        return DeviceState(self._call(Disarm(), "disarm", StateReply).state)

    def fire(self, count: int = 1) -> int:
        """Deliver ``count`` shots (1–50) as configured.

        Returns the first event number of this delivery: its SHOT events carry this number or later.
        """
        wire_count = units.to_wire("count", count, units.COUNT, minimum=1, maximum=MAX_FIRE_COUNT)
        return self._call(Fire(wire_count), "fire", FireReply).first_event_number

    def stop(self) -> DeviceState:
        """Emergency stop: halt the motor, retract the needle, disarm. Accepted in every state."""
        return DeviceState(self._call(Stop(), "stop", StateReply).state)

    def prime(self, volume_ul: float) -> DeviceState:
        """Push ``volume_ul`` through the line to purge air (needle out of the skin). Not a dose."""
        volume_nl = units.to_wire(
            "volume_ul",
            volume_ul,
            units.VOLUME,
            minimum=units.from_wire(PRIME_VOLUME_MIN_NL, units.VOLUME),
            maximum=units.from_wire(PRIME_VOLUME_MAX_NL, units.VOLUME),
        )
        return DeviceState(self._call(Prime(volume_nl), "prime", StateReply).state)

    def load_syringe(self, capacity_ml: int, fill_ul: float) -> DeviceStatus:
        """Declare a newly loaded syringe of ``capacity_ml`` holding ``fill_ul``."""
        sizes = self.info.capabilities.syringe_sizes_ml
        if isinstance(capacity_ml, bool) or capacity_ml not in sizes:
            raise InvalidChoiceError("capacity_ml", capacity_ml, sizes, "ml")
        capacity_ul = units.to_wire("capacity_ml", capacity_ml, units.CAPACITY)
        fill_nl = units.to_wire("fill_ul", fill_ul, units.VOLUME, minimum=0.001, maximum=capacity_ml * 1000.0)
        return status_from_wire(self._call(LoadSyringe(capacity_ul, fill_nl), "load syringe", StatusReply))

    def acknowledge_alarm(self, code: AlarmCode | None = None) -> frozenset[AlarmCode]:
        """Acknowledge one alarm (or all with None); returns the alarms still active."""
        wire_code = ACK_ALL_ALARMS if code is None else int(code)
        return alarms_in(self._call(AckAlarm(wire_code), "acknowledge alarm", AlarmsReply).alarms)

    def configure_telemetry(self, rate_hz: int, channels: int = 7) -> int:
        """Sample telemetry at ``rate_hz`` (0 switches it off); returns the samples per batch."""
        max_hz = self.info.capabilities.telemetry_max_hz
        rate = units.to_wire("rate_hz", rate_hz, units.COUNT, minimum=0, maximum=max_hz)
        mask = units.to_wire("channels", channels, units.COUNT, minimum=0, maximum=7)
        reply = self._call(ConfigureTelemetry(rate, mask), "configure telemetry", TelemetryReply)
        return reply.samples_per_batch

    def write_calibration(self, factors: CalibrationFactors) -> CalibrationFactors:
        """Store new calibration factors (technician mode only); returns what the gun stored."""
        message = WriteCalibration(
            calibration_id=units.to_wire(
                "calibration_id", factors.calibration_id, units.COUNT, minimum=0, maximum=_U32_MAX
            ),
            volume_per_step_pl=units.to_wire(
                "volume_per_step_nl",
                factors.volume_per_step_nl,
                units.STEP_VOLUME,
                minimum=0.001,
                maximum=_U32_MAX / 1000,
            ),
            depth_offset_um=units.to_wire(
                "depth_offset_mm",
                factors.depth_offset_mm,
                units.DEPTH,
                minimum=_I16_MIN / 1000,
                maximum=_I16_MAX / 1000,
            ),
            depth_scale_ppm=units.to_wire(
                "depth_scale", factors.depth_scale, units.SCALE, minimum=0.000001, maximum=_U32_MAX / 1e6
            ),
            calibrated_at_s=units.time_to_wire_s(factors.calibrated_at),
            expires_at_s=units.time_to_wire_s(factors.expires_at),
        )
        return calibration_from_wire(self._call(message, "write calibration", CalibrationReply))

    def set_technician_mode(self, enable: bool, access_code: int = 0) -> bool:
        """Enter technician mode (with the access code) or leave it; returns the mode now in force."""
        code = units.to_wire("access_code", access_code, units.COUNT, minimum=0, maximum=_U32_MAX)
        reply = self._call(SetTechnicianMode(int(bool(enable)), code), "technician mode", TechnicianModeReply)
        return bool(reply.technician_mode)

    def self_test(self) -> frozenset[AlarmCode]:
        """Run the built-in self-test (gun idle); returns the failed checks (empty: passed)."""
        timeout_s = max(3 * SELF_TEST_RETRY_S, self._link.timing.timeout_s)
        reply = self._call(
            SelfTest(), "self-test", SelfTestReply, timeout_s=timeout_s, first_retry_s=SELF_TEST_RETRY_S
        )
        return alarms_in(reply.failures)

    # ------------------------------------------------------------------ plumbing

    def _call(
        self,
        message: object,
        action: str,
        reply_type: type[_Reply],
        *,
        timeout_s: float | None = None,
        first_retry_s: float | None = None,
    ) -> _Reply:
        response = self._link.request(message, timeout_s=timeout_s, first_retry_s=first_retry_s)
        if response.status != Status.OK:
            raise refusal_error(message, response, action)
        if not isinstance(response.body, reply_type):
            raise DeviceRefusedError(Status.BAD_REQUEST, action)
        return response.body


def refusal_error(message: object, response: Response, action: str) -> MesogunError:
    """The typed error for a response whose status is not OK, in host units."""
    detail = response.error or ErrorDetail(255, 0, 0, 0, 0)
    status = response.status
    if status == Status.OUT_OF_RANGE:
        fields = wire_fields(type(message))
        if detail.field_index < len(fields):
            wire_name = fields[detail.field_index][0]
            name, quantity = units.host_field(wire_name)
            return OutOfRangeError(
                name,
                units.from_wire(detail.value, quantity),
                units.from_wire(detail.minimum, quantity),
                units.from_wire(detail.maximum, quantity),
                quantity.host_unit,
                refused_by_device=True,
            )
        return DeviceRefusedError(status, action)
    if status == Status.ALARM_ACTIVE:
        return DeviceAlarmError(alarms_in(detail.alarms), action)
    if status in (Status.PROTOCOL_MISMATCH, Status.SCHEMA_MISMATCH):
        return ProtocolMismatchError(str(DeviceRefusedError(status, action)))
    return DeviceRefusedError(status, action)


def _name(mode: Mode) -> str:
    return mode.name

"""The gun's firmware for one power-on: state, alarms, events, stored settings, watchdog and timing.

A :class:`GunFirmware`'s attributes are the device's RAM (state, configuration, technician mode,
response cache, handshake) and are lost on a power cycle; the journal file and the
:class:`~simulators.physics.Hardware` survive it. It is not thread-aware:
:class:`simulators.gun.SimulatedGun` calls it under one lock from its loop thread and its control
surface. Its parts: :mod:`~simulators.frame_intake` (the link), :mod:`~simulators.command_handlers`
(requests), :mod:`~simulators.delivery_control` (trigger and deliveries).
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable
from typing import Any

from firmware_protocol.enums import ALARM_PRIORITY, AlarmCode, DeviceState, ShotResult, StateChangeReason
from firmware_protocol.messages import (
    AlarmEvent,
    CalibrationEvent,
    CalibrationReply,
    Configure,
    PrimeEvent,
    ShotEvent,
    StateEvent,
    SyringeEvent,
)
from simulators import capabilities as caps
from simulators.alarms import AlarmBoard
from simulators.clock import SimClock
from simulators.delivery_control import DeliveryControl
from simulators.device_journal import DeviceJournal
from simulators.event_outbox import EventOutbox
from simulators.frame_intake import FrameIntake
from simulators.physics import SETTLED, Hardware, Syringe
from simulators.rule_breaks import RuleBreaks
from simulators.shot_record import MILLI, ShotRecord, interrupted_shot, moved_steps, open_record
from simulators.telemetry import TelemetryStream
from simulators.truth import TrueShot, Truth

IDLE_TICK_S = 0.25  # the loop wakes at least this often (alarm conditions, expiry)
MOTION_TICK_S = 0.02  # while something moves outside a delivery (retraction, pressure decay)


class GunFirmware:
    """The device's logic for one power-on. ``write`` sends bytes to the host (if connected)."""

    def __init__(
        self,
        *,
        hardware: Hardware,
        journal: DeviceJournal,
        truth: Truth,
        clock: SimClock,
        serial_number: str,
        watchdog_ms: int,
        access_code: int,
        boot_id: int,
        seed: int,
        write: Callable[[bytes], None],
    ) -> None:
        self.hw = hardware
        self.journal = journal
        self.truth = truth
        self.clock = clock
        self.serial_number = serial_number
        self.watchdog_ms = watchdog_ms
        self.access_code = access_code
        self.boot_id = boot_id
        self.state = DeviceState.IDLE
        self.config: Configure | None = None
        self.config_id = 0
        self.technician_mode = False
        self.handshake_done = False
        self.last_frame_wall_s = clock.wall_s()
        self._sim_s = clock.monotonic_s()
        self.watchdog_trips = 0
        self.breaks = RuleBreaks()  # a conforming device unless a test switches a rule off
        self.link = FrameIntake(self, write, first_seq=seed)
        self.alarms = AlarmBoard(self._alarm_condition, self._alarm_changed)
        self.outbox = EventOutbox(journal, self._send_event, acked=journal.settings.get("acked", 0))
        self.telemetry = TelemetryStream(clock, self.link.send, seed)
        self.deliveries = DeliveryControl(self)
        # Non-volatile values.
        settings = journal.settings
        self.calibration = CalibrationReply(
            settings.get("cal_id", 0),
            settings.get("cal_volume_per_step_pl", 10_000),
            settings.get("cal_depth_offset_um", 0),
            settings.get("cal_depth_scale_ppm", 1_000_000),
            settings.get("cal_at_s", 0),
            settings.get("cal_expires_s", 0),
        )
        self._last_config_id = settings.get("config_id", 0)
        self.shot_counter = journal.count(ShotEvent)
        self.power_cycles = settings.get("power_cycles", 0)
        self._motor_s_base = settings.get("motor_s", 0) - hardware.motor_s
        # What the firmware believes about the syringe (the syringe itself is physical).
        self.syringe_capacity_ul = 0
        self.syringe_remaining_nl = 0
        self.syringe_empty_detected = False
        if hardware.syringe is not None:
            self._restore_syringe_belief()

    def _restore_syringe_belief(self) -> None:
        loaded = self.journal.last_of((SyringeEvent,))
        if loaded is None:
            return
        self.syringe_capacity_ul = loaded.capacity_ul
        latest = self.journal.last_of((SyringeEvent, ShotEvent, PrimeEvent)) or loaded
        is_load = isinstance(latest, SyringeEvent)
        self.syringe_remaining_nl = latest.fill_nl if is_load else latest.syringe_remaining_nl
        self.syringe_empty_detected = self.hw.steps_available() <= SETTLED

    # ------------------------------------------------------------------ power

    def power_on(self) -> None:
        """Boot: home the needle, count the power cycle, report a shot the power cut, announce the restart."""
        self.hw.halt()
        self.power_cycles += 1
        self.journal.store_settings({"power_cycles": self.power_cycles}, durable=True)
        last = self.journal.last_of((StateEvent,))
        old = last.new_state if last is not None else int(DeviceState.IDLE)
        self._report_interrupted_shot()
        self.emit(StateEvent(0, 0, old, int(DeviceState.IDLE), int(StateChangeReason.POWER_ON)))
        self.update_conditions()

    def _report_interrupted_shot(self) -> None:
        """A shot record no SHOT event closed: the power cut that shot; journal what the plunger moved."""
        record = open_record(self.journal)
        if record is None:
            return
        syringe = self.hw.syringe
        travel_steps = syringe.travel_steps if syringe is not None else record.plunger_millisteps / MILLI
        steps = moved_steps(record, travel_steps)
        measured_nl = steps * record.volume_per_step_pl // 1000
        self.consume_syringe(measured_nl, emptied=False)
        self.shot_counter += 1
        event = self.emit(interrupted_shot(record, steps, self.syringe_remaining_nl), at_ms=record.started_ms)
        true_steps = max(0.0, travel_steps - record.plunger_millisteps / MILLI)
        self.truth.add_shot(
            TrueShot(
                event_number=event.event_number,
                config_id=record.config_id,
                true_volume_nl=true_steps * self.hw.true_nl_per_step,
                depth_um=record.measured_depth_um,
                result=ShotResult.INTERRUPTED,
                measured_volume_nl=measured_nl,
                cause=AlarmCode.POWER_LOSS,
                boot_id=self.boot_id,
                journaled_monotonic_s=time.monotonic(),
            )
        )

    def switch_off(self) -> None:
        """The power switch: the firmware halts a delivery in progress and journals it as stopped."""
        self.deliveries.halt(AlarmCode.STOPPED)
        self.journal.store_settings({"motor_s": self.motor_seconds}, durable=True)

    def power_lost(self) -> None:
        """The power fails: motors stop where they are and nothing more is journaled (the RAM is gone).

        A shot in progress is reported at the next power-on from its shot record.
        """
        self.hw.stop_push()
        self.deliveries.run = None

    def open_shot_record(self, record: ShotRecord) -> None:
        """Write a shot's record before its plunger moves (see :mod:`simulators.shot_record`)."""
        record.store(self.journal)

    @property
    def motor_seconds(self) -> int:
        return int(self._motor_s_base + self.hw.motor_s)

    def connection_opened(self) -> None:
        """A new connection: it must say HELLO, and it gets no telemetry until it asks."""
        self.handshake_done = False
        self.link.new_connection()
        self.telemetry.configure(0, self.telemetry.channels, self.clock.wall_s())
        self.outbox.forget_sends()

    def set_breaks(self, breaks: RuleBreaks) -> None:
        """Break the rules ``breaks`` names from now on (see :mod:`simulators.rule_breaks`)."""
        self.breaks = breaks
        self.telemetry.skip_per_batch = 1 if breaks.telemetry_gaps else 0
        self.outbox.replay_flagged = not breaks.unflagged_replay

    def _send_event(self, event: Any, retransmit: bool) -> None:
        self.link.send(event, retransmit or self.breaks.flag_first_send)

    def receive(self, data: bytes, now_wall_s: float) -> None:
        self.link.receive(data, now_wall_s)
        self.deliveries.check_run()

    # ------------------------------------------------------------------ events, state, alarms

    def emit(self, event: Any, *, at_ms: int | None = None) -> Any:
        """Journal an event (durably, stamped with the RTC or ``at_ms``), push it; returns it numbered."""
        stamp = self.clock.wall_ms() if at_ms is None else at_ms
        numbered = self.journal.append(dataclasses.replace(event, device_time_ms=stamp))
        self.outbox.push(numbered, self.clock.wall_s(), self.handshake_done)
        return numbered

    def set_state(self, new: DeviceState, reason: StateChangeReason) -> None:
        if new != self.state:
            old, self.state = self.state, new
            self.emit(StateEvent(0, 0, int(old), int(new), int(reason)))

    def _alarm_condition(self, code: AlarmCode) -> bool:
        if code == AlarmCode.OCCLUSION:
            return self.hw.occlusion
        if code == AlarmCode.NEEDLE_POSITION:
            return self.hw.needle_jam
        if code == AlarmCode.SYRINGE_EMPTY:
            return self.syringe_empty_detected
        return False

    def _alarm_changed(self, code: AlarmCode, raised: bool) -> None:
        self.emit(AlarmEvent(0, 0, int(code), int(ALARM_PRIORITY[code]), int(raised)))

    def update_conditions(self) -> None:
        """Re-evaluate the alarms that follow a condition (battery, syringe level, calibration)."""
        battery = self.hw.battery_pct
        # One condition, one alarm: the battery's charge raises BATTERY_LOW below 10 %, which replaces the
        # low-priority BATTERY_BELOW_30 (raised first, so the charge is never shown without its alarm).
        low = battery < caps.BATTERY_LOW_PCT
        self.alarms.follow(AlarmCode.BATTERY_LOW, low)
        self.alarms.follow(AlarmCode.BATTERY_BELOW_30, battery < caps.BATTERY_WARNING_PCT and not low)
        capacity_nl = self.syringe_capacity_ul * 1000
        low = capacity_nl > 0 and self.syringe_remaining_nl < capacity_nl * caps.NEARLY_EMPTY_FRACTION
        self.alarms.follow(AlarmCode.SYRINGE_NEARLY_EMPTY, low)
        expires_s = self.calibration.expires_at_s
        expired = expires_s != 0 and self.clock.wall_ms() // 1000 > expires_s
        self.alarms.follow(AlarmCode.CALIBRATION_EXPIRED, expired)

    def acknowledge_alarm(self, code: AlarmCode | None) -> None:
        self.alarms.acknowledge(code)
        if self.state == DeviceState.FAULT and not self.alarms.any_high():
            self.set_state(DeviceState.IDLE, StateChangeReason.COMMAND)

    def acknowledge_events(self, through: int) -> None:
        if through > self.outbox.acked:
            self.outbox.acknowledge(through)
            self.journal.store_settings({"acked": through}, durable=False)

    # ------------------------------------------------------------------ syringe, configuration, calibration

    @property
    def syringe_ready(self) -> bool:
        return (
            self.syringe_capacity_ul > 0 and self.syringe_remaining_nl > 0 and not self.syringe_empty_detected
        )

    def load_syringe(self, capacity_ul: int, fill_nl: int) -> None:
        self.hw.syringe = Syringe(capacity_ul, float(fill_nl))
        self.syringe_capacity_ul = capacity_ul
        self.syringe_remaining_nl = fill_nl
        self.syringe_empty_detected = False
        self.emit(SyringeEvent(0, 0, capacity_ul, fill_nl))
        self.update_conditions()

    def consume_syringe(self, measured_nl: int, *, emptied: bool) -> None:
        """A push took ``measured_nl`` (as measured); ``emptied``: the plunger bottomed out.

        The level alarms are not re-evaluated here: the caller journals the SHOT or PRIME event first,
        then calls :meth:`update_conditions` (one occurrence's events in cause-and-effect order).
        """
        self.syringe_remaining_nl = max(0, self.syringe_remaining_nl - measured_nl)
        if emptied:
            self.syringe_remaining_nl = 0
            self.syringe_empty_detected = True

    def store_config(self, config: Configure) -> int:
        """Keep a validated configuration; returns its id (1..65535, continuing across power cycles)."""
        self._last_config_id = self._last_config_id % 0xFFFF + 1
        self.journal.store_settings({"config_id": self._last_config_id}, durable=False)
        self.config = config
        self.config_id = self._last_config_id
        return self.config_id

    def store_calibration(self, calibration: CalibrationReply) -> None:
        self.calibration = calibration
        values = {
            "cal_id": calibration.calibration_id,
            "cal_volume_per_step_pl": calibration.volume_per_step_pl,
            "cal_depth_offset_um": calibration.depth_offset_um,
            "cal_depth_scale_ppm": calibration.depth_scale_ppm,
            "cal_at_s": calibration.calibrated_at_s,
            "cal_expires_s": calibration.expires_at_s,
        }
        self.journal.store_settings(values, durable=True)
        cal = calibration
        self.emit(CalibrationEvent(0, 0, cal.calibration_id, cal.volume_per_step_pl, cal.depth_offset_um))
        self.update_conditions()

    # ------------------------------------------------------------------ time

    def move(self, dt_s: float) -> float:
        """Let ``dt_s`` simulated seconds pass on the hardware; returns the plunger steps made."""
        hw, cal = self.hw, self.calibration
        steps = hw.advance(dt_s)
        self._sim_s += dt_s
        # Telemetry reports what the firmware's sensors say: the actuator through the calibration.
        motor = hw.needle_motor_um
        needle = motor * cal.depth_scale_ppm / 1e6 + cal.depth_offset_um if motor > SETTLED else 0.0
        self.telemetry.record(self._sim_s, needle, hw.plunger_travel_um(), hw.pressure_hpa)
        return steps

    def advance_physics(self, sim_now_s: float) -> None:
        """Let simulated time pass up to ``sim_now_s`` (deliveries progress, the needle moves)."""
        dt = sim_now_s - self._sim_s
        if dt > 0:
            self.deliveries.advance(dt)
            self._sim_s = sim_now_s
        self.deliveries.check_run()

    def run_timers(self, wall_now_s: float) -> None:
        """The wall-clock duties: watchdog, alarm conditions, event re-sends, telemetry batches."""
        if self.state in (DeviceState.ARMED, DeviceState.DELIVERING) and self._watchdog_expired(wall_now_s):
            self._watchdog_trip()
        self.update_conditions()
        if self.handshake_done:
            if not self.breaks.no_event_resend:
                self.outbox.resend_due(wall_now_s)
            self.telemetry.emit_due(wall_now_s)

    @property
    def _watchdog_s(self) -> float:
        return self.watchdog_ms / 1000 * (2 if self.breaks.slow_watchdog else 1)

    def _watchdog_expired(self, wall_now_s: float) -> bool:
        return wall_now_s - self.last_frame_wall_s >= self._watchdog_s

    def _watchdog_trip(self) -> None:
        """The host went silent while armed: halt, retract, disarm, alarm."""
        self.watchdog_trips += 1
        if not self.deliveries.halt(AlarmCode.WATCHDOG):
            self.alarms.raise_alarm(AlarmCode.WATCHDOG)
            self.set_state(DeviceState.IDLE, StateChangeReason.WATCHDOG)

    def next_wake_s(self, wall_now_s: float) -> float:
        """Wall time at which something is next due (never later than :data:`IDLE_TICK_S` from now)."""
        due = [wall_now_s + IDLE_TICK_S]
        if self.state in (DeviceState.ARMED, DeviceState.DELIVERING):
            due.append(self.last_frame_wall_s + self._watchdog_s)
        if self.handshake_done:
            resend_s = None if self.breaks.no_event_resend else self.outbox.next_due_s()
            for when in (resend_s, self.telemetry.next_due_s()):
                if when is not None:
                    due.append(when)
        run = self.deliveries.run
        if run is not None:
            to_next_s = run.time_to_next_s()
            if math.isfinite(to_next_s):
                due.append(self.clock.wall_after(wall_now_s, to_next_s))
        elif self.hw.needle_time_s() > 0 or (self.hw.pressure_hpa > 0 and not self.hw.occlusion):
            due.append(wall_now_s + MOTION_TICK_S)
        return min(due)

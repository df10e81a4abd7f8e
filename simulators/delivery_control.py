"""Deliveries as the firmware runs them: the trigger, FIRE, prime, STOP and what follows each run.

One :class:`~simulators.delivery.DeliveryRun` at a time. A trigger press in ARMED starts a run whose
length the mode decides (SINGLE: one shot; BURST: until release; CONTINUOUS: the infusion, cut short by
release); FIRE(count) starts ``count`` shots at the burst period. Each shot becomes a journaled SHOT
event and a :class:`~simulators.truth.TrueShot`; when the run ends the device raises the alarm of its
cause and leaves DELIVERING (back to ARMED, or IDLE / FAULT).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from firmware_protocol.enums import AlarmCode, DeviceState, Mode, StateChangeReason
from firmware_protocol.messages import PrimeEvent, ShotEvent, TriggerEvent
from simulators import capabilities as caps
from simulators.delivery import DeliveryRun, ShotOutcome, ShotSpec
from simulators.shot_record import ShotRecord
from simulators.truth import TrueShot

if TYPE_CHECKING:
    from simulators.firmware import GunFirmware

_FAULT_CAUSES = {AlarmCode.OCCLUSION, AlarmCode.NEEDLE_POSITION, AlarmCode.MOTOR_STALL, AlarmCode.WATCHDOG}


class DeliveryControl:
    """The trigger and the current run of the firmware ``fw``."""

    def __init__(self, fw: GunFirmware) -> None:
        self._fw = fw
        self.trigger_pressed = False
        self.run: DeliveryRun | None = None
        self._auto_release = False
        self._run_is_prime = False
        self._run_from_trigger = False
        #: Shots the current ARM still allows (None: no limit); see ARM's ``shot_limit``.
        self.shots_allowed: int | None = None

    # ------------------------------------------------------------------ the trigger

    def press_trigger(self, *, auto_release: bool = False) -> None:
        """The operator presses the trigger; ``auto_release`` lets go after the first shot."""
        fw = self._fw
        if self.trigger_pressed:
            return
        self.trigger_pressed = True
        fw.emit(TriggerEvent(0, 0, 1))
        if fw.state == DeviceState.ARMED and self.run is None and fw.config is not None:
            self.start_shots(from_trigger=True, count=None)
            self._auto_release = auto_release
        elif auto_release:
            self.release_trigger()

    def release_trigger(self) -> None:
        if not self.trigger_pressed:
            return
        self.trigger_pressed = False
        self._auto_release = False
        self._fw.emit(TriggerEvent(0, 0, 0))
        if self.run is not None and self._run_from_trigger:
            self.run.release()

    # ------------------------------------------------------------------ starting runs

    def _spec(self, prime_volume_nl: int | None = None) -> ShotSpec:
        fw = self._fw
        cal = fw.calibration
        if prime_volume_nl is not None:
            return ShotSpec(
                Mode.SINGLE,
                0,
                0,
                prime_volume_nl,
                caps.PRIME_FLOW_NL_S,
                cal.volume_per_step_pl,
                cal.depth_offset_um,
                cal.depth_scale_ppm,
                uses_needle=False,
            )
        config = fw.config
        if config is None:
            raise RuntimeError("a delivery needs a configuration")  # handlers check this first
        return ShotSpec(
            Mode(config.mode),
            fw.config_id,
            config.depth_um,
            config.volume_nl,
            config.flow_nl_s,
            cal.volume_per_step_pl,
            cal.depth_offset_um,
            cal.depth_scale_ppm,
        )

    def start_shots(self, *, from_trigger: bool, count: int | None) -> None:
        """ARMED → DELIVERING: a trigger press (the mode decides how many shots) or FIRE(count)."""
        fw = self._fw
        spec = self._spec()
        config = fw.config
        assert config is not None  # _spec checked it
        shots = count if not from_trigger else (None if spec.mode == Mode.BURST else 1)
        if self.shots_allowed is not None:
            # A held trigger's burst ends at the limit, like a FIRE of that many shots.
            shots = self.shots_allowed if shots is None else min(shots, self.shots_allowed)
        reason = StateChangeReason.TRIGGER if from_trigger else StateChangeReason.COMMAND
        fw.set_state(DeviceState.DELIVERING, reason)
        self._run_is_prime = False
        self._run_from_trigger = from_trigger
        self.run = DeliveryRun(
            fw.hw,
            spec,
            shots=shots,
            period_s=1000 / config.burst_rate_mhz,
            stop_on_release=from_trigger and spec.mode == Mode.CONTINUOUS,
            on_shot=self._shot_done,
            move=fw.move,
            on_push=self._push_starting,
        )

    def _push_starting(self, measured_depth_um: int) -> None:
        """Before the plunger moves: the shot record goes to non-volatile memory (PROTOCOL.md §7.4)."""
        fw = self._fw
        run = self.run
        spec = run.spec if run is not None else self._spec()
        syringe = fw.hw.syringe
        fw.open_shot_record(
            ShotRecord.of(
                spec,
                open_after=fw.journal.last_event_number,
                measured_depth_um=measured_depth_um,
                plunger_steps=syringe.travel_steps if syringe is not None else 0.0,
                started_ms=fw.clock.wall_ms(),
            )
        )

    def start_prime(self, volume_nl: int) -> None:
        fw = self._fw
        fw.set_state(DeviceState.PRIMING, StateChangeReason.COMMAND)
        self._run_is_prime = True
        self._run_from_trigger = False
        spec = self._spec(prime_volume_nl=volume_nl)
        self.run = DeliveryRun(
            fw.hw, spec, shots=1, period_s=0.0, stop_on_release=False, on_shot=self._prime_done, move=fw.move
        )

    # ------------------------------------------------------------------ outcomes

    def _shot_done(self, outcome: ShotOutcome) -> None:
        fw = self._fw
        fw.consume_syringe(outcome.measured_volume_nl, emptied=outcome.cause == AlarmCode.SYRINGE_EMPTY)
        fw.shot_counter += 1
        if self.shots_allowed is not None:
            self.shots_allowed = max(0, self.shots_allowed - 1)
        spec = outcome.spec
        journaled_monotonic_s = time.monotonic()
        event = fw.emit(
            ShotEvent(
                event_number=0,
                device_time_ms=0,
                config_id=spec.config_id,
                mode=int(spec.mode),
                commanded_depth_um=spec.commanded_depth_um,
                measured_depth_um=outcome.measured_depth_um,
                commanded_volume_nl=spec.commanded_volume_nl,
                measured_volume_nl=outcome.measured_volume_nl,
                flow_nl_s=spec.flow_nl_s,
                result=int(outcome.result),
                cause=int(outcome.cause),
                syringe_remaining_nl=fw.syringe_remaining_nl,
            )
        )
        fw.truth.add_shot(
            TrueShot(
                event_number=event.event_number,
                config_id=spec.config_id,
                true_volume_nl=outcome.true_volume_nl,
                depth_um=outcome.true_depth_um,
                result=outcome.result,
                measured_volume_nl=outcome.measured_volume_nl,
                cause=outcome.cause,
                boot_id=fw.boot_id,
                journaled_monotonic_s=journaled_monotonic_s,
            )
        )
        fw.update_conditions()  # after the SHOT event: a level alarm it causes comes next
        if self._auto_release:
            self.release_trigger()

    def _prime_done(self, outcome: ShotOutcome) -> None:
        fw = self._fw
        fw.consume_syringe(outcome.measured_volume_nl, emptied=outcome.cause == AlarmCode.SYRINGE_EMPTY)
        fw.truth.primed_volume_nl += outcome.true_volume_nl
        fw.emit(PrimeEvent(0, 0, outcome.measured_volume_nl, fw.syringe_remaining_nl))
        fw.update_conditions()

    def check_run(self) -> None:
        """After a run ended: raise the alarm of its cause and leave DELIVERING / PRIMING."""
        fw = self._fw
        run = self.run
        if run is None or not run.finished:
            return
        self.run = None
        cause = run.end_cause
        if cause in _FAULT_CAUSES:
            fw.alarms.raise_alarm(cause)
            reason = StateChangeReason.WATCHDOG if cause == AlarmCode.WATCHDOG else StateChangeReason.ALARM
            fw.set_state(DeviceState.FAULT, reason)
        elif cause == AlarmCode.SYRINGE_EMPTY:
            fw.alarms.raise_alarm(cause)
            fw.set_state(DeviceState.IDLE, StateChangeReason.ALARM)
        elif cause == AlarmCode.STOPPED:
            fw.set_state(DeviceState.IDLE, StateChangeReason.STOP)
        elif self._run_is_prime:
            fw.set_state(DeviceState.IDLE, StateChangeReason.DELIVERY_DONE)
        elif self.shots_allowed == 0:
            self.shots_allowed = None
            fw.set_state(DeviceState.IDLE, StateChangeReason.SHOT_LIMIT)
        else:
            fw.set_state(DeviceState.ARMED, StateChangeReason.DELIVERY_DONE)
        if self._auto_release:
            self.release_trigger()

    # ------------------------------------------------------------------ ending early

    def halt(self, cause: AlarmCode) -> bool:
        """End a run in progress now with ``cause`` (STOP, watchdog, power loss). True if there was one."""
        self._fw.hw.halt()
        if self.run is None:
            return False
        self.run.halt(cause)
        self.check_run()
        return True

    def advance(self, dt_s: float) -> None:
        """Let ``dt_s`` simulated seconds pass for the run, or for the idle hardware."""
        if self.run is not None:
            self.run.advance(dt_s)
        else:
            self._fw.move(dt_s)
        self.check_run()

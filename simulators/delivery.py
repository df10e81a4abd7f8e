"""The delivery sequencer: one run of shots (a trigger press, a FIRE, a prime) as timed phases.

A shot is ADVANCE (needle out to depth) → PUSH (plunger at the configured flow) → DWELL (let the
papule form) → RETRACT (needle home); a run repeats shots at the burst period while it has shots left
(or, for a held trigger in BURST mode, until release). A prime is a PUSH alone. Anything abnormal (an
occlusion, the syringe bottoming out, a jammed needle, STOP, the watchdog) ends the shot at once with
its cause and ends the run; the needle goes home on its own.

Phases advance on simulated time; :meth:`DeliveryRun.time_to_next_s` says when the next boundary
comes so the firmware loop sleeps exactly that long.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from firmware_protocol.enums import AlarmCode, Mode, ShotResult
from simulators.physics import SETTLED, Hardware

DWELL_S = 0.01  # the needle stays in place after the push (the papule forms)
STALL_TIMEOUT_S = 0.1  # a needle that makes no progress for this long is a position error


class Phase(Enum):
    ADVANCE = "advance"
    PUSH = "push"
    DWELL = "dwell"
    RETRACT = "retract"
    WAIT = "wait"  # between two shots of a run
    DONE = "done"


@dataclass(frozen=True)
class ShotSpec:
    """One shot as the firmware planned it, with the calibration it used."""

    mode: Mode
    config_id: int
    commanded_depth_um: int
    commanded_volume_nl: int
    flow_nl_s: int
    volume_per_step_pl: int
    depth_offset_um: int
    depth_scale_ppm: int
    uses_needle: bool = True  # False for a prime: the plunger alone

    @property
    def motor_target_um(self) -> float:
        """Actuator position that the calibration says reaches the commanded depth."""
        if not self.uses_needle:
            return 0.0
        return max(0.0, (self.commanded_depth_um - self.depth_offset_um) * 1e6 / self.depth_scale_ppm)

    @property
    def steps_target(self) -> int:
        return max(1, round(self.commanded_volume_nl * 1000 / self.volume_per_step_pl))

    @property
    def step_rate_s(self) -> float:
        return self.flow_nl_s * 1000 / self.volume_per_step_pl

    def believed_depth_um(self, motor_um: float) -> int:
        """The depth the firmware reports for an actuator position (what its calibration says)."""
        if motor_um <= SETTLED:
            return 0
        return max(0, round(motor_um * self.depth_scale_ppm / 1e6 + self.depth_offset_um))

    def believed_volume_nl(self, steps: int) -> int:
        return steps * self.volume_per_step_pl // 1000


@dataclass(frozen=True)
class ShotOutcome:
    """How one shot ended: what the firmware measured and what really happened."""

    spec: ShotSpec
    steps: int
    measured_volume_nl: int
    true_volume_nl: float
    measured_depth_um: int
    true_depth_um: int
    result: ShotResult
    cause: AlarmCode


class DeliveryRun:
    """A sequence of shots driving :class:`Hardware`. ``on_shot`` receives each outcome."""

    def __init__(
        self,
        hardware: Hardware,
        spec: ShotSpec,
        *,
        shots: int | None,
        period_s: float,
        stop_on_release: bool,
        on_shot: Callable[[ShotOutcome], None],
        move: Callable[[float], float],
        on_push: Callable[[int], None] | None = None,
    ) -> None:
        """``shots`` None: repeat until :meth:`release`.

        ``move(dt)`` lets ``dt`` simulated seconds pass on the hardware and returns the plunger steps made.
        ``on_push(measured_depth_um)`` is called just before the plunger starts each shot's push.
        """
        self._hw = hardware
        self.spec = spec
        self._shots_left = shots
        self._period_s = period_s
        self._stop_on_release = stop_on_release
        self._on_shot = on_shot
        self._move = move
        self._on_push = on_push
        self._released = False
        self._t = 0.0  # simulated seconds since the run started
        self.phase = Phase.DONE
        self.finished = False
        self.end_cause = AlarmCode.NONE
        self.shots_done = 0
        # The shot in progress (reset by _start_shot).
        self._shot_started_t = 0.0
        self._phase_end_t = 0.0  # end of the DWELL phase
        self._steps = 0.0  # plunger steps made
        self._true_nl = 0.0  # volume that really left the needle
        self._deepest_um = 0.0  # furthest actuator position reached
        self._stall_s = 0.0  # time the needle has made no progress towards its target
        self._start_shot()

    # ------------------------------------------------------------------ shot bookkeeping

    def _start_shot(self) -> None:
        self._shot_started_t = self._t
        self._steps = 0.0
        self._true_nl = 0.0
        self._deepest_um = 0.0
        self._stall_s = 0.0
        if self.spec.motor_target_um > SETTLED:
            self.phase = Phase.ADVANCE
            self._hw.needle_target_um = self.spec.motor_target_um
        else:
            self._begin_push()

    def _begin_push(self) -> None:
        if self._on_push is not None:
            self._on_push(self.spec.believed_depth_um(self._deepest_um))
        self.phase = Phase.PUSH
        self._hw.start_push(self.spec.steps_target, self.spec.step_rate_s)

    def _outcome(self, cause: AlarmCode) -> ShotOutcome:
        steps = round(self._steps)
        if steps >= self.spec.steps_target:
            # Every step moved: the dose is in, whatever ended the dwell or the retraction.
            result, cause = ShotResult.COMPLETE, AlarmCode.NONE
        elif steps == 0:
            result = ShotResult.FAILED
        else:
            result = ShotResult.PARTIAL
        return ShotOutcome(
            spec=self.spec,
            steps=steps,
            measured_volume_nl=self.spec.believed_volume_nl(steps),
            true_volume_nl=self._true_nl,
            measured_depth_um=self.spec.believed_depth_um(self._deepest_um),
            true_depth_um=round(self._hw.true_depth_um(self._deepest_um)),
            result=result,
            cause=cause,
        )

    def _end_shot_abnormally(self, cause: AlarmCode) -> None:
        self._hw.halt()
        outcome = self._outcome(cause)
        self._finish(cause)
        self._on_shot(outcome)

    def _shot_completed(self) -> None:
        outcome = self._outcome(AlarmCode.NONE)
        self.shots_done += 1
        if self._shots_left is not None:
            self._shots_left -= 1
        if self._released or self._shots_left == 0 or self._stop_on_release:
            self._finish(AlarmCode.NONE)
        else:
            self.phase = Phase.WAIT
        self._on_shot(outcome)

    def _finish(self, cause: AlarmCode) -> None:
        self.phase = Phase.DONE
        self.finished = True
        self.end_cause = cause

    @property
    def in_progress_true_nl(self) -> float:
        """True volume that has left the needle during the shot still in progress (0 between shots)."""
        return 0.0 if self.phase in (Phase.WAIT, Phase.DONE) else self._true_nl

    # ------------------------------------------------------------------ outside events

    def release(self) -> None:
        """The trigger was released: a held burst stops after the current shot, an infusion now."""
        self._released = True
        if self.phase == Phase.WAIT:
            self._finish(AlarmCode.NONE)
        elif self._stop_on_release and self.phase in (Phase.ADVANCE, Phase.PUSH):
            self._hw.stop_push()
            self._hw.needle_target_um = 0.0
            self.phase = Phase.RETRACT

    def halt(self, cause: AlarmCode) -> None:
        """Emergency end (STOP, watchdog, power loss): a shot in progress ends now with ``cause``."""
        if self.finished:
            return
        if self.phase == Phase.WAIT:
            self._hw.halt()
            self._finish(cause)
        else:
            self._end_shot_abnormally(cause)

    # ------------------------------------------------------------------ time

    def time_to_next_s(self) -> float:
        """Simulated seconds until the next phase boundary (inf when nothing is pending)."""
        hw = self._hw
        if self.phase == Phase.ADVANCE:
            if hw.needle_reachable_um() < hw.needle_target_um - SETTLED and hw.needle_time_s() <= SETTLED:
                return max(0.0, STALL_TIMEOUT_S - self._stall_s)
            return hw.needle_time_s()
        if self.phase == Phase.PUSH:
            return hw.push_time_s()
        if self.phase == Phase.DWELL:
            return max(0.0, self._phase_end_t - self._t)
        if self.phase == Phase.RETRACT:
            return hw.needle_time_s()
        if self.phase == Phase.WAIT:
            return max(0.0, self._shot_started_t + self._period_s - self._t)
        return math.inf

    def advance(self, dt_s: float) -> None:
        """Let ``dt_s`` simulated seconds pass, crossing as many phase boundaries as they hold."""
        remaining = dt_s
        for _ in range(10_000):  # boundaries per call; a bound only against a logic error
            if self.finished:
                break
            step = min(remaining, self.time_to_next_s())
            if step > 0:
                self._elapse(step)
                remaining -= step
            if not self._cross_boundary() and remaining <= 1e-12:
                break
        if remaining > 1e-12:
            self._move(remaining)

    def _elapse(self, step: float) -> None:
        hw = self._hw
        stuck = self.phase == Phase.ADVANCE and hw.needle_time_s() <= SETTLED
        steps = self._move(step)
        self._steps += steps
        self._true_nl += steps * hw.true_nl_per_step
        self._t += step
        self._deepest_um = max(self._deepest_um, hw.needle_motor_um)
        if stuck:
            self._stall_s += step

    def _cross_boundary(self) -> bool:
        """Move to the next phase if the current one is over; True when something changed."""
        hw = self._hw
        if self.phase == Phase.ADVANCE:
            if abs(hw.needle_motor_um - hw.needle_target_um) <= SETTLED:
                self._begin_push()
                return True
            if self._stall_s >= STALL_TIMEOUT_S - 1e-9:
                self._end_shot_abnormally(AlarmCode.NEEDLE_POSITION)
                return True
            return False
        if self.phase == Phase.PUSH:
            if hw.occlusion and hw.over_pressure:
                self._end_shot_abnormally(AlarmCode.OCCLUSION)
                return True
            if not hw.pushing:
                self._end_push()
                return True
            if hw.steps_available() <= SETTLED:
                self._end_shot_abnormally(AlarmCode.SYRINGE_EMPTY)
                return True
            return False
        if self.phase == Phase.DWELL:
            if self._t >= self._phase_end_t - 1e-12:
                self.phase = Phase.RETRACT
                hw.needle_target_um = 0.0
                return True
            return False
        if self.phase == Phase.RETRACT:
            if hw.needle_motor_um <= SETTLED:
                self._shot_completed()
                return True
            return False
        if self.phase == Phase.WAIT and self._t >= self._shot_started_t + self._period_s - 1e-12:
            self._start_shot()
            return True
        return False

    def _end_push(self) -> None:
        if not self.spec.uses_needle:
            self._shot_completed()
            return
        self.phase = Phase.DWELL
        self._phase_end_t = self._t + DWELL_S

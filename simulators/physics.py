"""The physical gun: needle actuator, plunger motor, syringe and line pressure.

This is the hardware, not the firmware: it knows the *true* volume per motor step (``true_volume_factor``
× nominal) and the true needle depth (the actuator position plus a hidden mounting offset), and it
survives a power cycle. The firmware only commands targets and rates and reads what its own sensors
would tell it. All motion is piecewise linear in simulated seconds, so :meth:`Hardware.advance` is exact
for any time step and the delivery sequencer can ask how long until the next thing happens.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from firmware_protocol.constants import NOMINAL_VOLUME_PER_STEP_PL

NEEDLE_SPEED_UM_S = 20_000.0  # actuator speed, both ways (20 mm/s)
NEEDLE_JAM_UM = 300.0  # a jammed needle cannot get further out than this
PLUNGER_STROKE_UM = 60_000.0  # full plunger travel of any supported syringe
PRESSURE_HPA_PER_UL_S = 1.5  # steady line pressure per µl/s of flow through the needle
PRESSURE_TAU_S = 0.02  # time constant of the line pressure
OCCLUSION_RISE_HPA_S = 20_000.0  # pressure rise while the plunger pushes against a blocked line
OCCLUSION_THRESHOLD_HPA = 1_500.0  # the firmware stops and alarms above this
TRUE_DEPTH_OFFSET_UM = 150.0  # the needle really protrudes this much further than the firmware thinks
SETTLED = 1e-6  # distances (µm, steps) below this count as arrived


@dataclass
class Syringe:
    """A syringe in the gun: its nominal capacity and the liquid really in it."""

    capacity_ul: int
    content_nl: float
    travel_steps: float = 0.0  # plunger travel since it was loaded, in motor steps


@dataclass
class Hardware:
    """Physical state of the gun, advanced in simulated seconds."""

    true_volume_factor: float = 1.06
    true_depth_offset_um: float = TRUE_DEPTH_OFFSET_UM
    needle_motor_um: float = 0.0  # actuator position (0: needle retracted)
    needle_target_um: float = 0.0
    plunger_steps_to_go: float = 0.0
    plunger_rate_steps_s: float = 0.0
    pressure_hpa: float = 0.0
    syringe: Syringe | None = None
    occlusion: bool = False
    needle_jam: bool = False
    battery_pct: int = 100
    motor_s: float = 0.0  # time any motor was running (diagnostics)

    # ------------------------------------------------------------------ what is true

    @property
    def true_nl_per_step(self) -> float:
        return NOMINAL_VOLUME_PER_STEP_PL / 1000 * self.true_volume_factor

    def true_depth_um(self, motor_um: float) -> float:
        """How deep the needle really is with the actuator at ``motor_um``."""
        return motor_um + self.true_depth_offset_um if motor_um > SETTLED else 0.0

    def steps_available(self) -> float:
        """Motor steps the plunger can still make before it bottoms out."""
        if self.syringe is None:
            return 0.0
        return max(0.0, self.syringe.content_nl) / self.true_nl_per_step

    def plunger_travel_um(self) -> float:
        """Plunger travel since the syringe was loaded."""
        if self.syringe is None:
            return 0.0
        steps_per_stroke = self.syringe.capacity_ul * 1000 / (NOMINAL_VOLUME_PER_STEP_PL / 1000)
        return self.syringe.travel_steps * PLUNGER_STROKE_UM / steps_per_stroke

    # ------------------------------------------------------------------ commands from the firmware

    def start_push(self, steps: float, rate_steps_s: float) -> None:
        self.plunger_steps_to_go = max(0.0, steps)
        self.plunger_rate_steps_s = max(0.0, rate_steps_s)

    def stop_push(self) -> None:
        self.plunger_steps_to_go = 0.0
        self.plunger_rate_steps_s = 0.0

    def halt(self) -> None:
        """Stop the plunger and send the needle home."""
        self.stop_push()
        self.needle_target_um = 0.0

    # ------------------------------------------------------------------ timing of the next change

    def needle_reachable_um(self) -> float:
        """Where the needle is heading and can get to (a jam holds it back on the way out)."""
        target = self.needle_target_um
        if self.needle_jam and target > self.needle_motor_um:
            return min(target, max(self.needle_motor_um, NEEDLE_JAM_UM))
        return target

    def needle_time_s(self) -> float:
        """Seconds until the needle stops moving."""
        return abs(self.needle_reachable_um() - self.needle_motor_um) / NEEDLE_SPEED_UM_S

    @property
    def pushing(self) -> bool:
        return self.plunger_steps_to_go > SETTLED and self.plunger_rate_steps_s > 0

    def push_time_s(self) -> float:
        """Seconds until the plunger stops: commanded steps done, syringe empty, or occlusion alarm."""
        if not self.pushing:
            return 0.0
        if self.occlusion:
            return max(0.0, OCCLUSION_THRESHOLD_HPA - self.pressure_hpa) / OCCLUSION_RISE_HPA_S
        return min(self.plunger_steps_to_go, self.steps_available()) / self.plunger_rate_steps_s

    @property
    def over_pressure(self) -> bool:
        return self.pressure_hpa >= OCCLUSION_THRESHOLD_HPA - 1e-6

    # ------------------------------------------------------------------ time passes

    def advance(self, dt_s: float) -> float:
        """Let ``dt_s`` simulated seconds pass; returns the plunger steps made."""
        if dt_s <= 0:
            return 0.0
        moving = self._move_needle(dt_s)
        steps = 0.0
        if self.pushing:
            moving = True
            if self.occlusion:
                # The line is blocked: the motor compresses the liquid instead of moving it.
                self.pressure_hpa += OCCLUSION_RISE_HPA_S * dt_s
            else:
                steps = min(
                    self.plunger_rate_steps_s * dt_s, self.plunger_steps_to_go, self.steps_available()
                )
                self.plunger_steps_to_go -= steps
                if self.plunger_steps_to_go <= SETTLED:
                    self.plunger_steps_to_go = 0.0
                if self.syringe is not None:
                    self.syringe.content_nl -= steps * self.true_nl_per_step
                    self.syringe.travel_steps += steps
                    if self.syringe.content_nl * 1000 < SETTLED:
                        self.syringe.content_nl = 0.0
                flow_ul_s = steps * self.true_nl_per_step / 1000 / dt_s
                self._relax_pressure(flow_ul_s * PRESSURE_HPA_PER_UL_S, dt_s)
        elif not self.occlusion:
            self._relax_pressure(0.0, dt_s)
        # else: a blocked line keeps its pressure until the occlusion is removed
        if moving:
            self.motor_s += dt_s
        return steps

    def _move_needle(self, dt_s: float) -> bool:
        reachable = self.needle_reachable_um()
        distance = reachable - self.needle_motor_um
        if abs(distance) <= SETTLED:
            self.needle_motor_um = reachable
            return False
        travel = NEEDLE_SPEED_UM_S * dt_s
        if abs(distance) <= travel + SETTLED:
            self.needle_motor_um = reachable
        else:
            self.needle_motor_um += math.copysign(travel, distance)
        return True

    def _relax_pressure(self, target_hpa: float, dt_s: float) -> None:
        self.pressure_hpa = target_hpa + (self.pressure_hpa - target_hpa) * math.exp(-dt_s / PRESSURE_TAU_S)
        if abs(self.pressure_hpa) < 0.01:
            self.pressure_hpa = 0.0

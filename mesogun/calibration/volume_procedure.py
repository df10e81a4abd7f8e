"""Gravimetric volume calibration (ISO 8655-6 method): weigh shots, fit the plunger factor, write, verify.

The gun fires ``shots_per_level`` shots (≥ 10) at each volume level (by default the minimum, middle
and maximum of its range) into a weighing vessel; each shot's mass becomes a volume with the factor Z
at the water temperature (:mod:`mesogun.calibration.gravimetry`). Per level: mean, systematic error,
CV, worst shot, and the verdict: the mean and every shot within ±max(1 µl, 5 %). Then one
volume-per-step factor is fitted over every shot, written to the gun in technician mode, and the
whole run is repeated with it (verification), which must pass.

Correctable range *(design)*, see :mod:`mesogun.calibration.volume_assessment`: the factor changes by
at most ±15 %, the new factor is one the gun accepts (5–20 nl per step), and after the correction
every level's mean and every shot are within tolerance. Otherwise the calibration fails with the
reason and nothing is written to the gun.

Driving a run step by step, from ONE worker thread (every call blocks while the gun works)::

    proc = VolumeCalibration(injector, setup, balance=balance, journal=journal, listener=on_progress)
    proc.start()                          # gun idle, ranges checked, technician mode, factors before
    while proc.state in (MEASURING, ASSESSED, VERIFYING):
        if proc.state is ASSESSED:
            proc.write_factors()          # the fitted factor, provisionally (previous expiry kept)
        elif proc.next_shot is not None:
            try:
                proc.fire_next()          # one shot; weighed at once when there is a balance
            except SyringeRefillNeeded as need:   # before a level, when the syringe holds too little
                ...the technician loads a full syringe...
                proc.load_syringe(prime_ul=20.0)
        elif proc.awaiting_masses:        # no balance: the shot's mass, or the whole level's
            proc.enter_masses([...mg...])
        else:
            break                         # verification complete
    result = proc.finish()                # new expiry written if the verification passed; recorded

:func:`mesogun.calibration.volume_run.run_volume_calibration` is that loop. ``next_shot`` names the
next shot (stage, level, shot, nominal µl). ``assessment`` holds the fit once the as-found run is
complete. A step that finds a failure raises :class:`CalibrationFailed` (state ``FAILED``, gun safe,
factors as before); ``finish()`` then returns the failed result and records it. The listener gets a
:class:`VolumeProgress` after every shot, mass, level and change of state, on the worker thread.
Cancel: see :mod:`mesogun.calibration.procedure`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from firmware_protocol import Mode
from mesogun.calibration.balance import BalanceError, ManualBalance, WeighingInstrument
from mesogun.calibration.gravimetry import LevelResult, weighed_level
from mesogun.calibration.procedure import (
    CalibrationError,
    CalibrationFailed,
    ProcedureOrderError,
    ProcedureState,
    Stage,
)
from mesogun.calibration.procedure_base import ProcedureBase
from mesogun.calibration.records import CalibrationJournal
from mesogun.calibration.volume_assessment import assess_volume, volume_entry
from mesogun.calibration.volume_setup import (
    PlannedShot,
    SyringeRefillNeeded,
    VolumeAssessment,
    VolumeCalibrationResult,
    VolumeProgress,
    VolumeSetup,
    WeighedShot,
)
from mesogun.device_info import CalibrationFactors, DeviceInfo
from mesogun.errors import InvalidChoiceError, MesogunError, OutOfRangeError
from mesogun.injector import Injector
from mesogun.journal.host_remarks import HostRemark, host_remark
from mesogun.journal.timefmt import utc_now

SYRINGE_MARGIN = 1.2  # a level starts only if the syringe holds 20 % more than it will push


class VolumeCalibration(ProcedureBase):
    """One gravimetric volume calibration of one gun (see the module documentation for the steps)."""

    kind = "volume"

    def __init__(
        self,
        injector: Injector,
        setup: VolumeSetup,
        *,
        balance: WeighingInstrument | None = None,
        balance_id: str | None = None,
        journal: CalibrationJournal | None = None,
        listener: Callable[[VolumeProgress], None] | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        """``balance`` None: the masses are typed (``enter_masses``); ``balance_id`` names that balance."""
        super().__init__(injector, access_code=setup.access_code, clock=clock)
        self.setup = setup
        self._balance = balance
        self._balance_id = balance_id
        self._balance_model: str | None = None
        self._journal = journal
        self._listener = listener
        self.volumes_ul: tuple[float, ...] = ()
        self.flow_ul_s = 0.0
        self.assessment: VolumeAssessment | None = None
        self._shots: dict[Stage, list[WeighedShot]] = {Stage.AS_FOUND: [], Stage.VERIFICATION: []}
        self._levels: dict[Stage, list[LevelResult]] = {Stage.AS_FOUND: [], Stage.VERIFICATION: []}
        self._last_weight_g = 0.0

    # ------------------------------------------------------------------ what it knows

    def shots(self, stage: Stage) -> tuple[WeighedShot, ...]:
        return tuple(self._shots[stage])

    def levels(self, stage: Stage) -> tuple[LevelResult, ...]:
        """Results of the levels of ``stage`` completed so far."""
        return tuple(self._levels[stage])

    @property
    def shots_total(self) -> int:
        """Shots per stage: levels × shots per level."""
        return len(self.volumes_ul) * self.setup.shots_per_level

    @property
    def awaiting_masses(self) -> tuple[PlannedShot, ...]:
        """Shots fired whose masses are still to be typed (only without a balance)."""
        if self.stage is None:
            return ()
        return tuple(s.planned for s in self._shots[self.stage] if s.mass_mg is None)

    @property
    def next_shot(self) -> PlannedShot | None:
        """The shot ``fire_next()`` would fire (None: masses awaited, stage complete, or not running)."""
        if self.state not in (ProcedureState.MEASURING, ProcedureState.VERIFYING) or self.stage is None:
            return None
        fired = len(self._shots[self.stage])
        if fired >= self.shots_total:
            return None
        level, shot = divmod(fired, self.setup.shots_per_level)
        if shot == 0 and self.awaiting_masses:
            return None  # a level's masses are entered before the next level starts
        return PlannedShot(self.stage, level, shot, self.volumes_ul[level])

    # ------------------------------------------------------------------ steps

    def start(self) -> CalibrationFactors:
        """Check the gun is idle and the setup fits its ranges; enter technician mode.

        Returns the gun's factors before the calibration. Raises CalibrationError (nothing changed).
        """
        self._begin()
        self._notify(
            f"volume calibration of {self.device.serial_number}: "
            f"{len(self.volumes_ul)} volume{'s' if len(self.volumes_ul) > 1 else ''} "
            f"({', '.join(f'{v:g}' for v in self.volumes_ul)} µl) × {self.setup.shots_per_level} shots"
        )
        return self.factors_before

    def _check_setup(self, info: DeviceInfo) -> None:
        caps, setup = info.capabilities, self.setup
        if setup.syringe_capacity_ml not in caps.syringe_sizes_ml:
            raise InvalidChoiceError(
                "syringe_capacity_ml", setup.syringe_capacity_ml, caps.syringe_sizes_ml, "ml"
            )
        volumes = setup.volumes_ul or (
            caps.volume_min_ul,
            round((caps.volume_min_ul + caps.volume_max_ul) / 2.0, 1),
            caps.volume_max_ul,
        )
        for i, volume_ul in enumerate(volumes):
            if not caps.volume_min_ul <= volume_ul <= caps.volume_max_ul:
                raise OutOfRangeError(
                    f"volumes_ul[{i}]", volume_ul, caps.volume_min_ul, caps.volume_max_ul, "µl"
                )
        flow = setup.flow_ul_s if setup.flow_ul_s is not None else caps.flow_max_ul_s
        if not caps.flow_min_ul_s <= flow <= caps.flow_max_ul_s:
            raise OutOfRangeError("flow_ul_s", flow, caps.flow_min_ul_s, caps.flow_max_ul_s, "µl/s")
        self.volumes_ul, self.flow_ul_s = tuple(sorted(volumes)), flow

    def _identify_instrument(self) -> None:
        if self._balance is not None:
            self._balance_id = self._balance.serial_number()
            model = getattr(self._balance, "model", None)  # a balance on a port says its type
            if callable(model):
                try:
                    self._balance_model = str(model()) or None
                except BalanceError:
                    self._balance_model = None  # a balance that does not answer I2 keeps its model unknown

    def load_syringe(self, fill_ul: float | None = None, *, prime_ul: float = 0.0) -> None:
        """Declare the syringe the technician just loaded (full when ``fill_ul`` is None), then prime.

        Prime with the needle over a waste container, not over the weighing vessel.
        """
        self._require_running("load a syringe")
        capacity_ml = self.setup.syringe_capacity_ml
        fill = fill_ul if fill_ul is not None else capacity_ml * 1000.0
        self._step(lambda: self._load(capacity_ml, fill, prime_ul))

    def _load(self, capacity_ml: int, fill_ul: float, prime_ul: float) -> None:
        injector = self._gun.injector
        injector.load_syringe(capacity_ml, fill_ul)
        if prime_ul > 0.0:
            injector.prime(prime_ul)
            self._gun.wait_idle()
        self._notify(f"syringe loaded: {fill_ul:g} µl")

    def fire_next(self) -> WeighedShot:
        """Fire the next planned shot and, with a balance, weigh it. Returns the shot.

        Raises SyringeRefillNeeded before a level the syringe cannot cover (nothing fired),
        CalibrationFailed when a failure is found (state FAILED, gun safe), CalibrationCancelled.
        """
        planned = self.next_shot
        if planned is None:
            raise ProcedureOrderError(self._why_no_shot())
        return self._step(lambda: self._fire(planned))

    def _fire(self, planned: PlannedShot) -> WeighedShot:
        if planned.shot == 0:
            self._begin_level(planned)
        shot = self._gun.deliver(planned.nominal_ul / self.flow_ul_s)
        weighed = WeighedShot(planned, shot.event_number, shot.delivered_volume_ul)
        self._shots[planned.stage].append(weighed)
        if self._balance is not None:
            weight_g = self._balance.stable_weight_g(timeout_s=self.setup.stability_timeout_s)
            mass_mg = (weight_g - self._last_weight_g) * 1000.0
            self._last_weight_g = weight_g
            weighed = self._set_mass(len(self._shots[planned.stage]) - 1, mass_mg)
        else:
            self._notify(f"shot {self._label(planned)} fired: enter its mass", shot=weighed)
        self._after_masses()
        return weighed

    def _begin_level(self, planned: PlannedShot) -> None:
        need_ul = planned.nominal_ul * self.setup.shots_per_level * SYRINGE_MARGIN
        status = self._gun.status()
        if status.syringe_capacity_ml <= 0 or status.syringe_remaining_ul < need_ul:
            raise SyringeRefillNeeded(need_ul, status.syringe_remaining_ul, self.setup.syringe_capacity_ml)
        self._gun.configure(Mode.SINGLE, self.setup.depth_mm, planned.nominal_ul, self.flow_ul_s)
        if self._balance is not None:
            timeout_s = self.setup.stability_timeout_s
            self._balance.tare(timeout_s=timeout_s)
            # After a tare a real balance reads zero up to its noise; a typed tare is zero by definition.
            manual = isinstance(self._balance, ManualBalance)
            self._last_weight_g = 0.0 if manual else self._balance.stable_weight_g(timeout_s=timeout_s)
        self._notify(f"level {planned.level + 1}/{len(self.volumes_ul)}: {planned.nominal_ul:g} µl")

    def _is_failure(self, exc: MesogunError) -> bool:
        return not isinstance(exc, SyringeRefillNeeded)

    def enter_masses(self, masses_mg: Sequence[float]) -> None:
        """Masses (mg) of the shots awaiting them, in firing order: one shot's, or a whole group's."""
        awaiting = self.awaiting_masses
        if not masses_mg or len(masses_mg) > len(awaiting):
            raise CalibrationError(
                f"{len(masses_mg)} mass(es) given, {len(awaiting)} shot(s) await one: "
                "give one mass per shot fired, in order"
            )
        for i, mass_mg in enumerate(masses_mg):
            if isinstance(mass_mg, bool) or not (0.0 <= mass_mg < 1e6):
                raise OutOfRangeError(f"masses_mg[{i}]", mass_mg, 0.0, 1e6, "mg")
        assert self.stage is not None
        first = len(self._shots[self.stage]) - len(awaiting)
        for i, mass_mg in enumerate(masses_mg):
            self._set_mass(first + i, float(mass_mg))
        self._step(self._after_masses)

    def _set_mass(self, index: int, mass_mg: float) -> WeighedShot:
        assert self.stage is not None
        shots = self._shots[self.stage]
        volume_ul = mass_mg * self.setup.conditions.z_ul_per_mg
        shots[index] = weighed = replace(shots[index], mass_mg=mass_mg, volume_ul=volume_ul)
        self._notify(
            f"shot {self._label(weighed.planned)}: {mass_mg:.3f} mg = {volume_ul:.3f} µl", shot=weighed
        )
        return weighed

    def _after_masses(self) -> None:
        """Complete the levels whose masses are all known; assess or judge a complete stage."""
        assert self.stage is not None
        stage, n = self.stage, self.setup.shots_per_level
        shots, levels = self._shots[stage], self._levels[stage]
        while len(shots) >= (len(levels) + 1) * n:
            group = shots[len(levels) * n : (len(levels) + 1) * n]
            masses = [s.mass_mg for s in group if s.mass_mg is not None]
            if len(masses) < n:
                return
            result = weighed_level(self.volumes_ul[len(levels)], masses, self.setup.conditions, min_shots=n)
            levels.append(result)
            verdict = "within tolerance" if result.passed else "OUT of tolerance"
            self._notify(
                f"{result.nominal_ul:g} µl: mean {result.mean_ul:.3f} µl "
                f"({result.systematic_error_pct:+.2f} %), CV {result.cv_pct:.2f} %, "
                f"worst shot {result.worst_error_ul:+.3f} µl — {verdict}",
                level=result,
            )
        if len(levels) == len(self.volumes_ul):
            if stage is Stage.AS_FOUND:
                self._assess()
            else:
                self._judge_verification()

    def _assess(self) -> None:
        assessment = assess_volume(
            self._levels[Stage.AS_FOUND], self.factors_before.volume_per_step_nl, self.setup.max_correction
        )
        self.assessment = assessment
        if assessment.failure is not None:
            raise CalibrationFailed(assessment.failure)
        fit = assessment.fit
        assert fit is not None
        self.state = ProcedureState.ASSESSED
        self._notify(
            f"as found: the gun delivers {fit.ratio * 100:.2f} % of the commanded volume; new factor "
            f"{assessment.new_volume_per_step_nl:.3f} nl/step "
            f"(was {fit.current_volume_per_step_pl / 1000:.3f})"
        )

    def write_factors(self) -> CalibrationFactors:
        """Write the fitted factor (new calibration id, previous dates kept) and start the verification."""
        assessment = self.assessment
        if assessment is None or assessment.new_volume_per_step_nl is None:
            raise ProcedureOrderError(
                f"cannot write the factors: the volume calibration is {self.state.value}"
            )
        stored = self._write_provisional(volume_per_step_nl=assessment.new_volume_per_step_nl)
        self._notify(
            f"factor {stored.volume_per_step_nl:.3f} nl/step written (#{stored.calibration_id}): verifying"
        )
        return stored

    def _judge_verification(self) -> None:
        failed = [level for level in self._levels[Stage.VERIFICATION] if not level.passed]
        if failed:
            # The record keeps every level's figures; the reason names the first level that failed.
            level = failed[0]
            raise CalibrationFailed(
                host_remark(
                    HostRemark.VERIFICATION_OUT_OF_TOLERANCE,
                    nominal_ul=level.nominal_ul,
                    mean_ul=round(level.mean_ul, 3),
                    tolerance_ul=round(level.tolerance_ul, 3),
                    shots_outside=len(level.shots_outside),
                    count=level.count,
                    min_shots=level.min_shots,
                )
            )
        self._notify("verification passed: every level within tolerance")

    def finish(self) -> VolumeCalibrationResult:
        """End the run: after a passed verification write the new expiry; leave technician mode; record.

        Allowed once the verification passed, or after a failure. Returns the result (with its
        journal record when a journal was given).
        """
        if self.state is ProcedureState.VERIFYING and self._verification_complete():
            self._write_final(self.setup.validity_days)
        elif self.state is not ProcedureState.FAILED:
            raise ProcedureOrderError(
                f"finish() needs a complete verification or a failure; the calibration is {self.state.value}"
            )
        self._end()
        result = self._result(self._clock())
        if self._journal is not None:
            entry = volume_entry(self.setup, self.volumes_ul, self._shots, result)
            result = replace(result, record=self._journal.record_calibration(entry))
        self._notify(f"volume calibration {'PASSED' if result.passed else 'FAILED'}")
        return result

    # ------------------------------------------------------------------ plumbing

    def _verification_complete(self) -> bool:
        return len(self._levels[Stage.VERIFICATION]) == len(self.volumes_ul)

    def _why_no_shot(self) -> str:
        if self.awaiting_masses:
            return f"{len(self.awaiting_masses)} shot(s) await their mass: enter_masses() first"
        if self.state is ProcedureState.ASSESSED:
            return "the as-found run is complete: write_factors() next"
        if self.state is ProcedureState.VERIFYING:
            return "the verification is complete: finish() next"
        return f"no shot to fire: the calibration is {self.state.value}"

    def _label(self, planned: PlannedShot) -> str:
        return f"{planned.shot + 1}/{self.setup.shots_per_level} at {planned.nominal_ul:g} µl"

    def _notify(
        self, text: str, *, shot: WeighedShot | None = None, level: LevelResult | None = None
    ) -> None:
        super()._notify(text)
        if self._listener is None:
            return
        stage = self.stage
        done = sum(1 for s in self._shots[stage] if s.mass_mg is not None) if stage is not None else 0
        self._listener(VolumeProgress(self.state, stage, done, self.shots_total, text, shot, level))

    def _result(self, finished_at: datetime) -> VolumeCalibrationResult:
        final = self.factors_after
        return VolumeCalibrationResult(
            passed=final is not None,
            reason=None if final is not None else self.reason,
            device=self.device,
            factors_before=self.factors_before,
            factors_after=final,
            as_found=self.levels(Stage.AS_FOUND),
            verification=self.levels(Stage.VERIFICATION),
            assessment=self.assessment,
            balance_id=self._balance_id or "manual",
            balance_model=self._balance_model,
            balance_resolution_mg=getattr(self._balance, "resolution_mg", None),
            started_at=self.started_at,
            finished_at=finished_at,
            expires_at=final.expires_at if final is not None else None,
            record=None,
        )


__all__ = [
    "PlannedShot",
    "SyringeRefillNeeded",
    "VolumeAssessment",
    "VolumeCalibration",
    "VolumeCalibrationResult",
    "VolumeProgress",
    "VolumeSetup",
    "WeighedShot",
    "assess_volume",
]

"""Depth calibration: gauge readings of the needle's protrusion at several set depths, offset/scale, verify.

For each set depth the gun fires one small shot (the needle goes out to depth and back, into a
gauze) and the technician types what the max-hold depth gauge on the nose read. From the as-found
readings the offset (and the scale if needed) is fitted (see :mod:`mesogun.calibration.depth_assessment`),
written to the gun in technician mode, and the readings are taken again (verification): every one
must be within the tolerance (±0.1 mm). The record and certificate path is the volume calibration's.

Driving it step by step from ONE worker thread::

    proc = DepthCalibration(injector, setup, journal=journal, listener=on_progress)
    proc.start()
    while proc.state in (MEASURING, ASSESSED, VERIFYING):
        if proc.state is ASSESSED:
            proc.write_factors()              # provisional (previous expiry kept)
        elif proc.next_reading is None:
            break                             # verification complete
        else:
            reading = proc.present_needle()   # one shot at the next set depth
            proc.enter_gauge(gauge_mm)        # what the gauge read, mm
    result = proc.finish()

A failure raises CalibrationFailed (state FAILED, gun safe, factors as before); ``finish()``
records it. Cancel: see :mod:`mesogun.calibration.procedure`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from firmware_protocol import Mode
from mesogun.calibration.depth_assessment import (
    DEFAULT_SET_DEPTHS_MM,
    DepthAssessment,
    DepthCalibrationResult,
    DepthProgress,
    DepthReading,
    DepthSetup,
    PlannedReading,
    assess_depth,
)
from mesogun.calibration.procedure import (
    CalibrationError,
    CalibrationFailed,
    ProcedureOrderError,
    ProcedureState,
    Stage,
)
from mesogun.calibration.procedure_base import ProcedureBase
from mesogun.calibration.records import CalibrationJournal, make_entry
from mesogun.device_info import CalibrationFactors, DeviceInfo
from mesogun.errors import OutOfRangeError
from mesogun.injector import Injector
from mesogun.journal.calibration_records import (
    CalibrationEntry,
    CalibrationFigures,
    CalibrationKind,
    DepthFigures,
    GaugeIdentity,
    GaugeReading,
    RawReadings,
)
from mesogun.journal.timefmt import utc_now

MAX_GAUGE_MM = 30.0  # no needle of a mesotherapy gun protrudes further


class DepthCalibration(ProcedureBase):
    """One depth calibration of one gun (see the module documentation for the steps)."""

    kind = "depth"

    def __init__(
        self,
        injector: Injector,
        setup: DepthSetup,
        *,
        journal: CalibrationJournal | None = None,
        listener: Callable[[DepthProgress], None] | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        super().__init__(injector, access_code=setup.access_code, clock=clock)
        self.setup = setup
        self._journal = journal
        self._listener = listener
        self.set_depths_mm: tuple[float, ...] = ()
        self.assessment: DepthAssessment | None = None
        self._volume_ul = 0.0
        self._flow_ul_s = 0.0
        self._readings: dict[Stage, list[DepthReading]] = {Stage.AS_FOUND: [], Stage.VERIFICATION: []}

    # ------------------------------------------------------------------ what it knows

    def readings(self, stage: Stage) -> tuple[DepthReading, ...]:
        return tuple(self._readings[stage])

    @property
    def awaiting_gauge(self) -> PlannedReading | None:
        """The reading whose needle was presented and whose gauge value is still to be typed."""
        if self.stage is None or not self._readings[self.stage]:
            return None
        last = self._readings[self.stage][-1]
        return last.planned if last.gauge_mm is None else None

    @property
    def next_reading(self) -> PlannedReading | None:
        """The reading ``present_needle()`` would take (None: gauge awaited, stage complete, not running)."""
        if self.state not in (ProcedureState.MEASURING, ProcedureState.VERIFYING) or self.stage is None:
            return None
        if self.awaiting_gauge is not None:
            return None
        done = len(self._readings[self.stage])
        if done >= len(self.set_depths_mm):
            return None
        return PlannedReading(self.stage, done, self.set_depths_mm[done])

    # ------------------------------------------------------------------ steps

    def start(self) -> CalibrationFactors:
        """Check the gun is idle and the depths fit its range; enter technician mode. Returns factors."""
        self._begin()
        self._notify(
            f"depth calibration of {self.device.serial_number}: gauge readings at "
            f"{', '.join(f'{d:g}' for d in self.set_depths_mm)} mm"
        )
        return self.factors_before

    def _check_setup(self, info: DeviceInfo) -> None:
        caps = info.capabilities
        depths = self.setup.set_depths_mm or tuple(
            d for d in DEFAULT_SET_DEPTHS_MM if caps.depth_min_mm < d <= caps.depth_max_mm
        )
        for i, depth_mm in enumerate(depths):
            if not caps.depth_min_mm < depth_mm <= caps.depth_max_mm:
                raise OutOfRangeError(
                    f"set_depths_mm[{i}]", depth_mm, caps.depth_min_mm, caps.depth_max_mm, "mm"
                )
        self.set_depths_mm = tuple(sorted(depths))
        self._volume_ul = self.setup.volume_ul or caps.volume_min_ul
        self._flow_ul_s = caps.flow_max_ul_s

    def present_needle(self) -> DepthReading:
        """Set the next depth and fire one small shot: the needle goes out for the gauge to read."""
        planned = self.next_reading
        if planned is None:
            raise ProcedureOrderError(self._why_no_reading())

        def present() -> DepthReading:
            status = self._gun.status()
            if status.syringe_capacity_ml <= 0 or status.syringe_remaining_ul < self._volume_ul:
                raise CalibrationError(
                    "the gun needs a filled syringe for the depth shots: "
                    "load and declare one, then start again"
                )
            self._gun.configure(Mode.SINGLE, planned.set_depth_mm, self._volume_ul, self._flow_ul_s)
            shot = self._gun.deliver(self._volume_ul / self._flow_ul_s)
            reading = DepthReading(planned, shot.measured_depth_mm)
            self._readings[planned.stage].append(reading)
            self._notify(
                f"needle out at {planned.set_depth_mm:g} mm (the gun reports {shot.measured_depth_mm:g} mm): "
                "enter the gauge reading",
                reading=reading,
            )
            return reading

        return self._step(present)

    def enter_gauge(self, gauge_mm: float) -> DepthReading:
        """The protrusion the gauge read for the needle just presented, in mm."""
        planned = self.awaiting_gauge
        if planned is None:
            raise ProcedureOrderError("no needle presented: present_needle() first")
        if isinstance(gauge_mm, bool) or not 0.0 <= gauge_mm <= MAX_GAUGE_MM:
            raise OutOfRangeError("gauge_mm", gauge_mm, 0.0, MAX_GAUGE_MM, "mm")
        readings = self._readings[planned.stage]
        readings[-1] = reading = replace(readings[-1], gauge_mm=float(gauge_mm))
        error = reading.error_mm or 0.0
        self._notify(
            f"{planned.set_depth_mm:g} mm set: gauge {gauge_mm:.3f} mm ({error:+.3f} mm)", reading=reading
        )
        if len(readings) == len(self.set_depths_mm):
            self._step(self._assess if planned.stage is Stage.AS_FOUND else self._judge_verification)
        return reading

    def _assess(self) -> None:
        readings = self._readings[Stage.AS_FOUND]
        assessment = assess_depth(
            [r.planned.set_depth_mm for r in readings],
            [r.gauge_mm or 0.0 for r in readings],
            self.factors_before,
            self.setup.tolerance_mm,
        )
        self.assessment = assessment
        if assessment.failure is not None:
            raise CalibrationFailed(assessment.failure)
        self.state = ProcedureState.ASSESSED
        self._notify(
            f"as found: worst error {assessment.max_error_mm:.3f} mm; new offset "
            f"{assessment.new_offset_mm:+.3f} mm, scale {assessment.new_scale:.6f}"
        )

    def write_factors(self) -> CalibrationFactors:
        """Write the fitted offset and scale (new id, previous dates kept) and start the verification."""
        a = self.assessment
        if a is None or a.new_offset_mm is None or a.new_scale is None:
            raise ProcedureOrderError(
                f"cannot write the factors: the depth calibration is {self.state.value}"
            )
        stored = self._write_provisional(depth_offset_mm=a.new_offset_mm, depth_scale=a.new_scale)
        self._notify(
            f"depth offset {stored.depth_offset_mm:+.3f} mm, scale {stored.depth_scale:.6f} written "
            f"(#{stored.calibration_id}): verifying"
        )
        return stored

    def _judge_verification(self) -> None:
        tolerance = self.setup.tolerance_mm
        outside = [r for r in self._readings[Stage.VERIFICATION] if abs(r.error_mm or 0.0) > tolerance]
        if outside:
            raise CalibrationFailed(
                "verification failed after the new factors: "
                + "; ".join(
                    f"{r.planned.set_depth_mm:g} mm set, gauge {r.gauge_mm:.3f} mm "
                    f"({r.error_mm or 0.0:+.3f} mm, tolerance ±{tolerance:g} mm)"
                    for r in outside
                )
            )
        self._notify("verification passed: every reading within tolerance")

    def finish(self) -> DepthCalibrationResult:
        """End the run (new expiry written after a passed verification), leave technician mode, record."""
        complete = len(self._readings[Stage.VERIFICATION]) == len(self.set_depths_mm)
        if self.state is ProcedureState.VERIFYING and complete and self.awaiting_gauge is None:
            self._write_final(self.setup.validity_days)
        elif self.state is not ProcedureState.FAILED:
            raise ProcedureOrderError(
                f"finish() needs a complete verification or a failure; the calibration is {self.state.value}"
            )
        self._end()
        final = self.factors_after
        result = DepthCalibrationResult(
            passed=final is not None,
            reason=None if final is not None else self.reason,
            device=self.device,
            factors_before=self.factors_before,
            factors_after=final,
            as_found=self.readings(Stage.AS_FOUND),
            verification=self.readings(Stage.VERIFICATION),
            assessment=self.assessment,
            gauge_id=self.setup.gauge_id,
            started_at=self.started_at,
            finished_at=self._clock(),
            expires_at=final.expires_at if final is not None else None,
            record=None,
        )
        if self._journal is not None:
            result = replace(result, record=self._journal.record_calibration(self._entry(result)))
        self._notify(f"depth calibration {'PASSED' if result.passed else 'FAILED'}")
        return result

    # ------------------------------------------------------------------ plumbing

    def _why_no_reading(self) -> str:
        if self.awaiting_gauge is not None:
            return "the gauge reading of the needle presented is awaited: enter_gauge() first"
        if self.state is ProcedureState.ASSESSED:
            return "the as-found readings are complete: write_factors() next"
        if self.state is ProcedureState.VERIFYING:
            return "the verification is complete: finish() next"
        return f"no reading to take: the calibration is {self.state.value}"

    def _notify(self, text: str, *, reading: DepthReading | None = None) -> None:
        super()._notify(text)
        if self._listener is None:
            return
        stage = self.stage
        done = sum(1 for r in self._readings[stage] if r.gauge_mm is not None) if stage is not None else 0
        self._listener(DepthProgress(self.state, stage, done, len(self.set_depths_mm), text, reading))

    def _entry(self, result: DepthCalibrationResult) -> CalibrationEntry:
        a = result.assessment
        verification_errors = [abs(r.error_mm) for r in result.verification if r.error_mm is not None]
        figures = CalibrationFigures(
            depth=DepthFigures(
                offset_um=a.offset_um,
                scale_ppm=a.scale_ppm,
                max_residual_um=a.max_residual_um,
                scale_fitted=a.scale_fitted,
                as_found_max_error_mm=a.max_error_mm,
                verification_max_error_mm=max(verification_errors) if verification_errors else None,
                tolerance_mm=self.setup.tolerance_mm,
            )
            if a is not None
            else None
        )
        raw = RawReadings(
            gauge=tuple(
                GaugeReading(
                    stage=r.planned.stage.value,
                    set_depth_mm=r.planned.set_depth_mm,
                    gauge_mm=r.gauge_mm,
                    gun_depth_mm=r.gun_depth_mm,
                )
                for r in (*result.as_found, *result.verification)
                if r.gauge_mm is not None
            ),
            depth_gauge=GaugeIdentity(
                model=self.setup.gauge_model,
                serial=self.setup.gauge_id,
                resolution_mm=self.setup.gauge_resolution_mm,
                verified_on=self.setup.gauge_verified_on,
            ),
        )
        return make_entry(
            kind=CalibrationKind.DEPTH,
            device=result.device,
            technician=self.setup.technician,
            started_at=result.started_at,
            finished_at=result.finished_at,
            factors_before=result.factors_before,
            factors_after=result.factors_after,
            raw=raw,
            figures=figures,
            passed=result.passed,
            reason=result.reason,
            expires_at=result.expires_at,
            gauge_id=result.gauge_id,
        )


__all__ = [
    "DepthAssessment",
    "DepthCalibration",
    "DepthCalibrationResult",
    "DepthProgress",
    "DepthReading",
    "DepthSetup",
    "PlannedReading",
]

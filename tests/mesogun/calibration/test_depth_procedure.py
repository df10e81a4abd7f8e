"""Depth calibration: the needle's true protrusion (ground truth, as a gauge reads it) vs the set depth."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from calibration_bench import ACCESS_CODE, cal_bench

from firmware_protocol import DeviceState, Mode
from mesogun.calibration.depth_assessment import assess_depth
from mesogun.calibration.depth_procedure import DepthCalibration, DepthCalibrationResult, DepthSetup
from mesogun.calibration.procedure import (
    CalibrationError,
    CalibrationFailed,
    ProcedureOrderError,
    ProcedureState,
)
from mesogun.device_info import CalibrationFactors
from mesogun.errors import OutOfRangeError
from mesogun.journal import CalibrationKind
from mesogun.journal.calibration_records import GaugeIdentity
from mesogun.journal.host_remarks import HostRemark
from mesogun.vocabulary import remark_code, remark_text
from simulators.gun import SimulatedGun
from simulators.physics import TRUE_DEPTH_OFFSET_UM

SETUP = DepthSetup(technician="Camille Roux", gauge_id="Mitutoyo 543-390 #77", access_code=ACCESS_CODE)
UNCALIBRATED = CalibrationFactors(0, 10.0, 0.0, 1.0, None, None)


def gauge_of(gun: SimulatedGun) -> Callable[[float], float]:
    """A max-hold gauge on the nose: how far the needle really went on the last shot (mm)."""
    return lambda _set_mm: gun.truth.shots[-1].depth_um / 1000.0


def run(proc: DepthCalibration, gauge: Callable[[float], float]) -> DepthCalibrationResult:
    proc.start()
    try:
        while proc.state in (ProcedureState.MEASURING, ProcedureState.ASSESSED, ProcedureState.VERIFYING):
            if proc.state is ProcedureState.ASSESSED:
                proc.write_factors()
            elif (planned := proc.next_reading) is not None:
                proc.present_needle()
                proc.enter_gauge(gauge(planned.set_depth_mm))
            else:
                break
    except CalibrationFailed:
        pass
    return proc.finish()


def test_depth_calibration_round_trip(tmp_path: Path) -> None:
    with cal_bench(tmp_path) as bench:
        bench.injector.load_syringe(10, 10_000.0)
        setup = replace(
            SETUP,
            gauge_model="Mitutoyo 543-390",
            gauge_resolution_mm=0.01,
            gauge_verified_on=date(2026, 1, 12),
        )
        result = run(DepthCalibration(bench.injector, setup, journal=bench.journal), gauge_of(bench.gun))

        assert result.passed, result.reason
        # As found, the needle goes 0.15 mm further than set (its mounting offset), at every depth.
        assert [r.planned.set_depth_mm for r in result.as_found] == [0.5, 1.0, 2.0, 4.0, 6.0, 13.0]
        for reading in result.as_found:
            assert reading.error_mm == pytest.approx(TRUE_DEPTH_OFFSET_UM / 1000.0, abs=0.001)
        assert result.assessment is not None and not result.assessment.scale_fitted
        assert result.factors_after is not None
        assert result.factors_after.depth_offset_mm == pytest.approx(0.15)
        assert result.factors_after.depth_scale == pytest.approx(1.0)
        assert result.factors_after.volume_per_step_nl == result.factors_before.volume_per_step_nl
        assert [round(r.error_mm or 0.0, 3) for r in result.verification] == [0.0] * 6
        assert all(r.gauge_mm is not None for r in result.verification)
        assert not bench.gun.firmware.technician_mode and bench.gun.state is DeviceState.IDLE

        # Afterwards a papule set at 1.5 mm really goes 1.5 mm deep.
        bench.injector.configure(Mode.SINGLE, 1.5, 10.0, 100.0)
        bench.injector.arm()
        shots = len(bench.gun.truth.shots)
        bench.injector.fire(1)
        assert bench.gun.wait_until(lambda: len(bench.gun.truth.shots) > shots, 10.0)
        bench.injector.disarm()
        assert bench.gun.truth.shots[-1].depth_um == pytest.approx(1500, abs=1)

        record = result.record
        assert record is not None and record.kind is CalibrationKind.DEPTH and record.passed
        assert record.gauge_id == "Mitutoyo 543-390 #77"
        # The gauge as the technician named it, recorded with its readings.
        assert record.raw.depth_gauge == GaugeIdentity(
            model="Mitutoyo 543-390",
            serial="Mitutoyo 543-390 #77",
            resolution_mm=0.01,
            verified_on=date(2026, 1, 12),
        )
        assert [(g.stage, g.set_depth_mm) for g in record.raw.gauge][:2] == [
            ("as_found", 0.5),
            ("as_found", 1.0),
        ]
        assert len(record.raw.gauge) == 12
        assert record.figures.depth is not None
        assert record.figures.depth.as_found_max_error_mm == pytest.approx(0.15, abs=0.001)
        assert bench.journal.verify().ok


def test_readings_off_a_straight_line_fail_and_change_nothing(tmp_path: Path) -> None:
    with cal_bench(tmp_path) as bench:
        bench.injector.load_syringe(10, 10_000.0)
        before = bench.firmware_factors()
        true_gauge = gauge_of(bench.gun)
        # A misread (or a bent needle) at 4 mm: 0.3 mm off the others.
        result = run(
            DepthCalibration(bench.injector, SETUP, journal=bench.journal),
            lambda set_mm: true_gauge(set_mm) + (0.3 if set_mm == 4.0 else 0.0),
        )
        assert not result.passed
        assert result.reason is not None and remark_code(result.reason) is HostRemark.DEPTH_NOT_LINEAR
        assert "does not follow a straight line" in remark_text(result.reason, "en")
        assert "ne suit pas une droite" in remark_text(result.reason, "fr")
        assert bench.firmware_factors() == before
        assert not bench.gun.firmware.technician_mode
        assert result.record is not None and not result.record.passed


def test_gauge_readings_are_refused_out_of_order_or_out_of_range(tmp_path: Path) -> None:
    with pytest.raises(CalibrationError, match="at least 3 different depths"):
        replace(SETUP, set_depths_mm=(1.0, 2.0))
    with pytest.raises(OutOfRangeError, match=r"gauge_resolution_mm = 0.5 mm is out of range"):
        replace(SETUP, gauge_resolution_mm=0.5)
    with pytest.raises(CalibrationError, match="gauge_model = ' ' refused"):
        replace(SETUP, gauge_model=" ")
    with cal_bench(tmp_path) as bench:
        bench.injector.load_syringe(10, 10_000.0)
        proc = DepthCalibration(bench.injector, replace(SETUP, set_depths_mm=(1.0, 2.0, 14.0)))
        with pytest.raises(OutOfRangeError, match=r"set_depths_mm\[2\] = 14 mm is out of range"):
            proc.start()
        proc = DepthCalibration(bench.injector, replace(SETUP, set_depths_mm=(1.0, 2.0, 3.0)))
        proc.start()
        with pytest.raises(ProcedureOrderError, match="present_needle"):
            proc.enter_gauge(1.0)
        proc.present_needle()
        with pytest.raises(ProcedureOrderError, match="enter_gauge"):
            proc.present_needle()
        with pytest.raises(OutOfRangeError, match="gauge_mm = -1 mm is out of range"):
            proc.enter_gauge(-1.0)
        proc.cancel()
        assert not bench.gun.firmware.technician_mode


def test_assessment_fits_the_scale_when_an_offset_is_not_enough() -> None:
    set_mm = [1.0, 2.0, 4.0, 8.0, 13.0]
    # The actuator travels 2 % too far and the needle sits 50 µm out.
    gauge_mm = [0.05 + 1.02 * s for s in set_mm]
    a = assess_depth(set_mm, gauge_mm, UNCALIBRATED, 0.1)
    assert a.correctable and a.scale_fitted
    assert a.new_scale == pytest.approx(1.02)
    assert a.new_offset_mm == pytest.approx(0.05)

    # Already corrected once (offset 0.1 mm, scale 0.99): the correction composes with it.
    before = replace(UNCALIBRATED, depth_offset_mm=0.1, depth_scale=0.99)
    # actuator = (set - 0.1) / 0.99; gauge = 1.02 · actuator + 0.05
    gauge_mm = [1.02 * (s - 0.1) / 0.99 + 0.05 for s in set_mm]
    a = assess_depth(set_mm, gauge_mm, before, 0.1)
    assert a.new_scale == pytest.approx(1.02, abs=1e-6)
    assert a.new_offset_mm == pytest.approx(0.05, abs=1e-3)


def test_assessment_refuses_what_the_gun_cannot_correct() -> None:
    set_mm = [1.0, 2.0, 4.0]
    a = assess_depth(set_mm, [s + 1.2 for s in set_mm], UNCALIBRATED, 0.1)
    assert not a.correctable and a.new_offset_mm is None
    assert a.failure is not None
    assert "+1.200 mm) is beyond what the gun can correct (±1 mm)" in remark_text(a.failure, "en")
    assert "(+1,200\u00a0mm) dépasse ce que le pistolet peut corriger (±1\u00a0mm)" in remark_text(
        a.failure, "fr"
    )
    a = assess_depth(set_mm, [1.15 * s for s in set_mm], UNCALIBRATED, 0.1)
    assert a.failure is not None and "depth scale needed (1.1500)" in remark_text(a.failure, "en")

"""The gravimetric volume calibration against a simulated gun and balance, each on a real pty."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from calibration_bench import ACCESS_CODE, CONDITIONS, CalBench, cal_bench, true_volumes_ul

from firmware_protocol import DeviceState, Mode
from mesogun.calibration.gravimetry import acceptance_tolerance_ul
from mesogun.calibration.procedure import (
    CalibrationCancelled,
    CalibrationError,
    CalibrationFailed,
    ProcedureOrderError,
    ProcedureState,
    Stage,
)
from mesogun.calibration.volume_procedure import (
    SyringeRefillNeeded,
    VolumeCalibration,
    VolumeProgress,
    VolumeSetup,
)
from mesogun.calibration.volume_run import run_volume_calibration
from mesogun.device_events import CalibrationWritten
from mesogun.errors import OutOfRangeError
from mesogun.journal import CalibrationKind, CalibrationVerdict
from mesogun.vocabulary import remark_text

TECHNICIAN = "Camille Roux"


def setup(**changes: object) -> VolumeSetup:
    values: dict[str, object] = {
        "technician": TECHNICIAN,
        "syringe_model": "BD Plastipak 10 ml",
        "syringe_capacity_ml": 10,
        "conditions": CONDITIONS,
        "access_code": ACCESS_CODE,
    }
    values.update(changes)
    return VolumeSetup(**values)  # type: ignore[arg-type]


def full_syringe(need: SyringeRefillNeeded) -> tuple[float | None, float]:
    return None, 20.0


def assert_safe_and_unchanged(bench: CalBench, before: tuple[int, int, int, int, int]) -> None:
    assert bench.gun.state is DeviceState.IDLE
    assert not bench.gun.firmware.technician_mode
    assert bench.firmware_factors() == before


def test_a_gun_6_percent_off_is_found_corrected_and_verified(tmp_path: Path) -> None:
    progress: list[VolumeProgress] = []
    refills: list[SyringeRefillNeeded] = []

    def refill(need: SyringeRefillNeeded) -> tuple[float | None, float]:
        refills.append(need)
        return None, 20.0

    with cal_bench(tmp_path, true_volume_factor=1.06) as bench:
        proc = VolumeCalibration(
            bench.injector, setup(), balance=bench.balance, journal=bench.journal, listener=progress.append
        )
        result = run_volume_calibration(proc, refill=refill)

        assert result.passed, result.reason
        assert proc.volumes_ul == (1.0, 250.5, 500.0)  # the gun's minimum, middle and maximum
        found = {level.nominal_ul: level for level in result.as_found}
        # Found: 6 % too much, outside ±5 % at 250.5 and 500 µl (inside the 1 µl floor at 1 µl).
        assert found[500.0].systematic_error_pct == pytest.approx(6.0, abs=0.1)
        assert found[250.5].systematic_error_pct == pytest.approx(6.0, abs=0.1)
        assert [found[v].passed for v in (1.0, 250.5, 500.0)] == [True, False, False]
        assert all(level.count == 10 for level in result.as_found)
        # Corrected: the factor written is the true volume per step of this gun (10 nl × 1.06).
        assert result.factors_after is not None
        assert result.factors_after.volume_per_step_nl == pytest.approx(10.6, abs=0.01)
        assert result.factors_after.calibration_id == result.factors_before.calibration_id + 1
        assert result.expires_at is not None
        assert (result.expires_at - result.finished_at).days in (364, 365)
        assert all(level.passed for level in result.verification)
        assert bench.factors().volume_per_step_nl == pytest.approx(10.6, abs=0.01)
        assert not bench.gun.firmware.technician_mode
        assert bench.gun.state is DeviceState.IDLE
        # A syringe at the start, and another one when the verification needed more than was left.
        assert len(refills) == 2

        # Afterwards the gun really delivers what is commanded (ground truth, not its own belief).
        bench.injector.configure(Mode.SINGLE, 1.0, 100.0, 500.0)
        bench.injector.arm()
        first = len(bench.gun.truth.shots)
        for shot in range(1, 6):
            bench.injector.fire(1)
            expected = first + shot
            assert bench.gun.wait_until(lambda: len(bench.gun.truth.shots) >= expected, 10)  # noqa: B023
        bench.injector.disarm()
        for volume_ul in true_volumes_ul(bench.gun, first):
            assert abs(volume_ul - 100.0) <= acceptance_tolerance_ul(100.0) / 5  # well inside ±5 µl

        record = result.record
        assert record is not None
        assert record.kind is CalibrationKind.VOLUME and record.verdict is CalibrationVerdict.PASSED
        assert record.device_serial == "SIM-CAL-1" and record.technician == TECHNICIAN
        assert record.balance_id == "B123456789"
        assert record.factors_after is not None and record.factors_after.volume_per_step_nl == pytest.approx(
            10.6, abs=0.01
        )
        assert [len(level.masses_mg) for level in record.raw.levels] == [10] * 6
        assert bench.journal.verify().ok

    assert progress[-1].state is ProcedureState.PASSED
    shots = [p for p in progress if p.shot is not None and p.shot.mass_mg is not None]
    assert len(shots) == 60
    assert {p.shots_total for p in progress if p.stage is Stage.AS_FOUND} == {30}


def test_a_gun_beyond_correction_fails_and_keeps_its_factors(tmp_path: Path) -> None:
    with cal_bench(tmp_path, true_volume_factor=1.25) as bench:
        before = bench.firmware_factors()
        proc = VolumeCalibration(
            bench.injector, setup(volumes_ul=(50.0, 200.0)), balance=bench.balance, journal=bench.journal
        )
        result = run_volume_calibration(proc, refill=full_syringe)

        assert not result.passed
        assert result.reason is not None
        assert json.loads(result.reason) == {
            "remark": "volume_drift",
            "delivered_pct": 125.0,
            "max_correction_pct": 15.0,
        }
        assert "125.0 % of the commanded volume" in remark_text(result.reason, "en")
        assert "beyond what calibration can correct (±15 %)" in remark_text(result.reason, "en")
        assert "le pistolet injecte 125,0\u00a0% du volume commandé" in remark_text(result.reason, "fr")
        assert result.factors_after is None
        assert result.verification == ()
        assert_safe_and_unchanged(bench, before)
        assert len(bench.gun.truth.shots) == 20  # the as-found run only
        record = result.record
        assert record is not None
        assert record.verdict is CalibrationVerdict.FAILED and record.factors_after is None
        assert record.reason == result.reason
        assert record.expires_at is None


def test_a_noisy_balance_fails_the_calibration_and_nothing_is_written(tmp_path: Path) -> None:
    with cal_bench(tmp_path, noise_mg=0.5) as bench:  # never settles: its noise is above its stability band
        before = bench.firmware_factors()
        proc = VolumeCalibration(
            bench.injector,
            setup(volumes_ul=(100.0,), stability_timeout_s=1.0),
            balance=bench.balance,
            journal=bench.journal,
        )
        result = run_volume_calibration(proc, refill=full_syringe)

        assert not result.passed
        assert result.reason is not None and "did not become stable within 1 s" in result.reason
        assert "draught shield" in result.reason
        assert_safe_and_unchanged(bench, before)
        assert bench.journal.calibrations("SIM-CAL-1")[0].verdict is CalibrationVerdict.FAILED


def test_masses_typed_per_group_from_a_balance_without_interface(tmp_path: Path) -> None:
    """No balance: the shots of a level are fired, then their masses are typed together."""
    with cal_bench(tmp_path, true_volume_factor=1.06) as bench:
        bench.injector.load_syringe(10, 10_000.0)
        proc = VolumeCalibration(
            bench.injector, setup(volumes_ul=(100.0, 200.0)), balance_id="AB-0042", journal=bench.journal
        )
        proc.start()
        z = CONDITIONS.z_ul_per_mg
        while proc.state in (ProcedureState.MEASURING, ProcedureState.ASSESSED, ProcedureState.VERIFYING):
            if proc.state is ProcedureState.ASSESSED:
                proc.write_factors()
            elif proc.next_shot is not None:
                first = len(bench.gun.truth.shots)
                proc.fire_next()
                assert len(bench.gun.truth.shots) == first + 1
            elif proc.awaiting_masses:
                awaiting = proc.awaiting_masses
                assert len(awaiting) == 10 and len({s.nominal_ul for s in awaiting}) == 1
                with pytest.raises(ProcedureOrderError, match="await their mass"):
                    proc.fire_next()
                # What the technician reads on the balance: the true volume as an apparent mass.
                proc.enter_masses(
                    [v / z for v in true_volumes_ul(bench.gun, len(bench.gun.truth.shots) - 10)]
                )
            else:
                break
        result = proc.finish()

    assert result.passed, result.reason
    assert result.balance_id == "AB-0042"
    assert result.as_found[0].mean_ul == pytest.approx(106.0, abs=0.1)
    assert result.factors_after is not None
    assert result.factors_after.volume_per_step_nl == pytest.approx(10.6, abs=0.005)
    assert result.record is not None and result.record.balance_id == "AB-0042"


def test_cancel_during_the_verification_puts_the_previous_factors_back(tmp_path: Path) -> None:
    with cal_bench(tmp_path, true_volume_factor=1.06) as bench:
        before = bench.firmware_factors()
        written: list[CalibrationWritten] = []
        bench.injector.subscribe_events(
            lambda e: written.append(e) if isinstance(e, CalibrationWritten) else None
        )
        proc: VolumeCalibration

        def listener(progress: VolumeProgress) -> None:
            # A GUI's Cancel button: another thread only raises the flag.
            if progress.stage is Stage.VERIFICATION and progress.shots_done == 3:
                threading.Thread(target=proc.request_cancel).start()

        proc = VolumeCalibration(
            bench.injector,
            setup(volumes_ul=(100.0, 300.0)),
            balance=bench.balance,
            journal=bench.journal,
            listener=listener,
        )
        with pytest.raises(CalibrationCancelled):
            run_volume_calibration(proc, refill=full_syringe)

        assert proc.state is ProcedureState.CANCELLED
        assert 10.59 < (proc.assessment.new_volume_per_step_nl or 0.0) < 10.61  # type: ignore[union-attr]
        assert_safe_and_unchanged(bench, before)
        # The fitted factor was in the gun for the verification, then the previous one went back.
        assert bench.injector.wait_events_handled(10.0)
        assert [round(e.volume_per_step_nl, 2) for e in written] == [10.6, 10.0]
        assert bench.journal.calibrations() == []  # a cancelled run is not a calibration
        with pytest.raises(ProcedureOrderError):
            proc.fire_next()


def test_cancel_while_the_gun_is_armed_in_the_verification_puts_the_factors_back(tmp_path: Path) -> None:
    """Ctrl-C between arming and firing: the gun is disarmed first, then takes its factors back."""
    with cal_bench(tmp_path) as bench:
        before = bench.firmware_factors()
        proc = VolumeCalibration(bench.injector, setup(volumes_ul=(100.0,)), balance=bench.balance)
        proc.start()
        proc.load_syringe()
        while proc.state is ProcedureState.MEASURING:
            proc.fire_next()
        proc.write_factors()
        proc.fire_next()
        assert bench.firmware_factors()[1] == pytest.approx(10_600, abs=10)
        bench.injector.arm()  # where a KeyboardInterrupt can leave it
        assert proc.cancel() == []
        assert_safe_and_unchanged(bench, before)


def test_cancel_while_a_shot_is_being_weighed_stops_at_once(tmp_path: Path) -> None:
    with cal_bench(tmp_path) as bench:
        before = bench.firmware_factors()
        proc = VolumeCalibration(bench.injector, setup(volumes_ul=(100.0,)), balance=bench.balance)
        proc.start()
        proc.load_syringe()
        proc.fire_next()
        assert bench.gun.firmware.technician_mode  # entered at the start: the code was checked first
        problems = proc.cancel()  # on the worker thread, between two steps (e.g. after Ctrl-C)
        assert problems == []
        assert_safe_and_unchanged(bench, before)
        assert proc.state is ProcedureState.CANCELLED


def test_steps_out_of_order_and_bad_setups_are_refused(tmp_path: Path) -> None:
    with pytest.raises(OutOfRangeError, match=r"shots_per_level = 9 shots is out of range \(allowed 10–50"):
        setup(shots_per_level=9)
    with cal_bench(tmp_path) as bench:
        proc = VolumeCalibration(bench.injector, setup(volumes_ul=(100.0, 600.0)), balance=bench.balance)
        with pytest.raises(
            OutOfRangeError, match=r"volumes_ul\[1\] = 600 µl is out of range \(allowed 1–500 µl\)"
        ):
            proc.start()
        assert proc.state is ProcedureState.READY
        wrong = VolumeCalibration(bench.injector, setup(access_code=4321), balance=bench.balance)
        with pytest.raises(CalibrationError, match="technician access code"):
            wrong.start()
        proc = VolumeCalibration(bench.injector, setup(volumes_ul=(100.0,)), balance=bench.balance)
        with pytest.raises(ProcedureOrderError, match="cannot write the factors"):
            proc.write_factors()
        proc.start()
        with pytest.raises(SyringeRefillNeeded, match="load a full 10 ml syringe"):
            proc.fire_next()  # no syringe declared yet: nothing fired
        assert proc.state is ProcedureState.MEASURING
        with pytest.raises(ProcedureOrderError, match="finish\\(\\) needs a complete verification"):
            proc.finish()
        proc.fail("the balance was moved during the run")
        result = proc.finish()
        assert result.reason == "the balance was moved during the run"
        assert bench.gun.truth.shots == []
        assert not bench.gun.firmware.technician_mode


def test_a_shot_the_gun_does_not_complete_fails_the_calibration(tmp_path: Path) -> None:
    with cal_bench(tmp_path) as bench:
        before = bench.firmware_factors()
        proc = VolumeCalibration(bench.injector, setup(volumes_ul=(100.0,)), balance=bench.balance)
        proc.start()
        proc.load_syringe()
        proc.fire_next()
        bench.gun.set_occlusion(True)
        with pytest.raises(CalibrationFailed, match="cause: occlusion"):
            proc.fire_next()
        assert proc.state is ProcedureState.FAILED
        assert not bench.gun.firmware.technician_mode
        assert bench.firmware_factors() == before


def test_a_gun_that_drifts_during_the_verification_fails_with_the_level_s_figures(tmp_path: Path) -> None:
    with cal_bench(tmp_path, true_volume_factor=1.06) as bench:
        before = bench.firmware_factors()

        def listener(progress: VolumeProgress) -> None:
            # The plunger starts to slip once the new factor is in the gun: 12 % more than before.
            if progress.stage is Stage.VERIFICATION:
                bench.gun.hardware.true_volume_factor = 1.06 * 1.12

        proc = VolumeCalibration(
            bench.injector,
            setup(volumes_ul=(100.0,)),
            balance=bench.balance,
            journal=bench.journal,
            listener=listener,
        )
        result = run_volume_calibration(proc, refill=full_syringe)

        assert not result.passed and result.reason is not None
        stored = json.loads(result.reason)
        assert stored["remark"] == "verification_out_of_tolerance" and stored["nominal_ul"] == 100.0
        assert stored["mean_ul"] == pytest.approx(112.0, abs=1.0)
        assert "verification failed after the new factor: at 100 µl the mean is" in remark_text(
            result.reason, "en"
        )
        assert "vérification échouée après le nouveau facteur" in remark_text(result.reason, "fr")
        assert_safe_and_unchanged(bench, before)
        (record,) = bench.journal.calibrations()
        assert record.verdict is CalibrationVerdict.FAILED and record.reason == result.reason

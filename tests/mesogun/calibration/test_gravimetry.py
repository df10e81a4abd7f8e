"""Gravimetry: water density, mass → volume, per-level statistics and verdict, the calibration fits."""

from __future__ import annotations

import math

import pytest

from firmware_protocol.enums import Mode
from mesogun.calibration.balance import Balance
from mesogun.calibration.gravimetry import (
    CalibrationDriftError,
    LevelResult,
    WeighingConditions,
    acceptance_tolerance_ul,
    fit_depth,
    fit_volume_factor,
    level_result,
    mass_to_volume_ul,
    water_density_kg_m3,
    weighed_level,
)
from mesogun.errors import OutOfRangeError
from mesogun.injector import Injector
from simulators import register_url_handler
from simulators.balance import SimulatedBalance
from simulators.gun import SimulatedGun
from simulators.protocol_simbalance import forget_balance, register_balance
from simulators.registry import register_gun, remove_gun

register_url_handler()

# Tanaka et al. (2001), Table 2 (kg/m³), and ISO 8655-6 Table A.1 (Z in µl/mg at 101.3 kPa).
TANAKA_TABLE = {15.0: 999.1026, 20.0: 998.2067, 25.0: 997.0470, 30.0: 995.6488}
ISO_8655_Z_TABLE = {15.0: 1.0020, 20.0: 1.0029, 25.0: 1.0040, 30.0: 1.0054}


@pytest.mark.parametrize(("temperature_c", "density"), sorted(TANAKA_TABLE.items()))
def test_water_density_matches_the_published_table(temperature_c: float, density: float) -> None:
    assert water_density_kg_m3(temperature_c) == pytest.approx(density, abs=0.00006)


def test_water_density_at_20_c_is_the_familiar_998_2() -> None:
    assert round(water_density_kg_m3(20.0), 1) == 998.2


@pytest.mark.parametrize("temperature_c", [14.9, 30.1, -5.0])
def test_temperatures_outside_15_to_30_are_refused(temperature_c: float) -> None:
    with pytest.raises(OutOfRangeError, match=rf"temperature_c = {temperature_c:g} °C .*15–30 °C"):
        water_density_kg_m3(temperature_c)
    with pytest.raises(OutOfRangeError, match="temperature_c"):
        WeighingConditions(temperature_c)


def test_room_conditions_outside_their_ranges_are_refused() -> None:
    with pytest.raises(OutOfRangeError, match="pressure_hpa"):
        WeighingConditions(20.0, pressure_hpa=500.0)
    with pytest.raises(OutOfRangeError, match="humidity_pct"):
        WeighingConditions(20.0, humidity_pct=120.0)


@pytest.mark.parametrize(("temperature_c", "z"), sorted(ISO_8655_Z_TABLE.items()))
def test_z_factor_matches_iso_8655_6(temperature_c: float, z: float) -> None:
    assert WeighingConditions(temperature_c, pressure_hpa=1013.0).z_ul_per_mg == pytest.approx(z, abs=0.0001)


def test_mass_to_volume_applies_the_buoyancy_correction() -> None:
    # 1 mg of reading is more than 1 µl: 99.71 mg of water at 20 °C is 100 µl.
    assert mass_to_volume_ul(99.71, WeighingConditions(20.0)) == pytest.approx(100.0, abs=0.01)
    # Warmer water is lighter: the same reading is more volume.
    assert mass_to_volume_ul(100.0, WeighingConditions(28.0)) > mass_to_volume_ul(
        100.0, WeighingConditions(18.0)
    )


@pytest.mark.parametrize(("nominal_ul", "tolerance_ul"), [(1.0, 1.0), (10.0, 1.0), (20.0, 1.0), (100.0, 5.0)])
def test_tolerance_is_the_larger_of_1_ul_and_5_percent(nominal_ul: float, tolerance_ul: float) -> None:
    assert acceptance_tolerance_ul(nominal_ul) == pytest.approx(tolerance_ul)


def test_statistics_on_known_numbers() -> None:
    result = level_result(10.0, [9.8, 10.2] * 5)
    assert result.count == 10
    assert result.mean_ul == pytest.approx(10.0)
    assert result.systematic_error_ul == pytest.approx(0.0, abs=1e-12)
    assert result.sd_ul == pytest.approx(math.sqrt(10 * 0.2**2 / 9))  # 0.2108 µl
    assert result.cv_pct == pytest.approx(2.108185, abs=1e-6)
    assert abs(result.worst_error_ul) == pytest.approx(0.2)
    assert result.passed
    assert result.findings == ()


def test_one_shot_outside_fails_the_level_even_with_a_good_mean() -> None:
    result = level_result(100.0, [104.0] * 9 + [106.5])
    assert result.mean_ul == pytest.approx(104.25)
    assert result.systematic_error_pct == pytest.approx(4.25)
    assert result.mean_within_tolerance
    assert result.worst_shot == 9
    assert result.worst_error_ul == pytest.approx(6.5)
    assert result.shots_outside == (9,)
    assert not result.passed
    assert result.findings == ("shot 10 at 100 µl delivered 106.500 µl, outside 95.000–105.000 µl",)


def test_a_biased_level_fails_on_its_mean() -> None:
    # 20 µl: 5 % is 1 µl, so the floor of 1 µl applies.
    result = level_result(20.0, [21.1, 21.3] * 5)
    assert result.systematic_error_ul == pytest.approx(1.2)
    assert not result.mean_within_tolerance
    assert not result.passed
    assert result.findings[0] == "mean 21.200 µl at 20 µl is outside 19.000–21.000 µl (+1.200 µl)"
    assert len(result.findings) == 11  # the mean and each of the ten shots


def test_fewer_than_ten_shots_cannot_pass() -> None:
    result = level_result(50.0, [50.0] * 9)
    assert result.mean_within_tolerance and not result.shots_outside
    assert not result.passed
    assert result.findings == ("only 9 shots at 50 µl; at least 10 needed",)


def test_statistics_need_two_finite_volumes_and_a_positive_nominal() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        level_result(10.0, [10.0])
    with pytest.raises(ValueError, match="not a number"):
        level_result(10.0, [10.0, math.nan])
    with pytest.raises(OutOfRangeError, match="nominal_ul"):
        level_result(0.0, [1.0, 1.0])


def test_weighed_level_converts_each_reading() -> None:
    result = weighed_level(10.0, [9.971] * 10, WeighingConditions(20.0))
    assert result.mean_ul == pytest.approx(10.0, abs=0.001)
    assert result.passed


def _level(nominal_ul: float, ratio: float, n: int = 10) -> LevelResult:
    scatter = [(-1) ** i * 0.01 for i in range(n)]  # ±1 %, mean zero
    return level_result(nominal_ul, [ratio * nominal_ul * (1.0 + e) for e in scatter])


def test_factor_fit_recovers_a_6_percent_error() -> None:
    levels = [_level(10.0, 1.06), _level(100.0, 1.06), _level(500.0, 1.06)]
    fit = fit_volume_factor(levels, current_volume_per_step_pl=10_000.0)
    assert fit.ratio == pytest.approx(1.06)
    assert fit.volume_per_step_pl == pytest.approx(10_600.0)
    assert fit.correction_pct == pytest.approx(6.0)
    assert fit.level_residuals_pct == pytest.approx((0.0, 0.0, 0.0), abs=1e-9)


def test_factor_fit_shows_what_one_factor_cannot_correct() -> None:
    # A gun linear in its steps but with a fixed loss of 1 µl per shot: the small level stays short.
    levels = [level_result(c, [1.05 * c - 1.0] * 10) for c in (10.0, 100.0, 500.0)]
    fit = fit_volume_factor(levels, current_volume_per_step_pl=10_000.0)
    assert fit.level_residuals_pct[0] < -5.0
    assert abs(fit.level_residuals_pct[2]) < 0.1


def test_factor_fit_refuses_drift_beyond_15_percent() -> None:
    assert fit_volume_factor([_level(100.0, 0.86)], 10_000.0).volume_per_step_pl == pytest.approx(8_600.0)
    with pytest.raises(CalibrationDriftError, match="drift beyond what calibration can correct") as caught:
        fit_volume_factor([_level(100.0, 1.2)], 10_000.0)
    assert caught.value.ratio == pytest.approx(1.2)


def test_factor_fit_with_the_simulated_balance_finds_the_guns_6_percent() -> None:
    """Shots of 1.06 × commanded volume, weighed cumulatively through the driver, as at the bench."""
    delivered = [0.0]
    sim = SimulatedBalance(lambda: delivered[0], clock_scale=100.0, seed=11)
    register_balance("factor-bench", sim)
    conditions = WeighingConditions(20.0)
    levels = []
    try:
        with Balance.open("simbalance://factor-bench", response_timeout_s=10.0) as balance:
            balance.tare()
            for nominal_ul in (10.0, 100.0, 500.0):
                before_g = balance.stable_weight_g()
                masses_mg = []
                for _ in range(10):
                    delivered[0] += 1.06 * nominal_ul
                    after_g = balance.stable_weight_g()
                    masses_mg.append((after_g - before_g) * 1000.0)
                    before_g = after_g
                levels.append(weighed_level(nominal_ul, masses_mg, conditions))
    finally:
        forget_balance("factor-bench")
    # 6 % off: within the 1 µl floor at 10 µl, outside ±5 % at 100 and 500 µl.
    assert [level.passed for level in levels] == [True, False, False]
    fit = fit_volume_factor(levels, current_volume_per_step_pl=10_000.0)
    assert fit.volume_per_step_pl == pytest.approx(10_600.0, rel=0.002)


def test_depth_fit_recovers_offset_and_scale() -> None:
    set_mm = [0.5, 1.0, 2.0, 4.0, 6.0, 13.0]
    gauge_mm = [0.05 + 1.002 * x for x in set_mm]
    fit = fit_depth(set_mm, gauge_mm)
    assert fit.offset_um == pytest.approx(50.0)
    assert fit.scale_ppm == pytest.approx(1_002_000.0)
    assert fit.max_abs_residual_um == pytest.approx(0.0, abs=1e-9)
    assert fit.expected_gauge_mm(3.0) == pytest.approx(0.05 + 3.006)


def test_depth_fit_residuals_point_at_the_odd_reading() -> None:
    set_mm = [1.0, 2.0, 3.0, 4.0, 5.0]
    gauge_mm = [1.0, 2.0, 3.02, 4.0, 5.0]
    fit = fit_depth(set_mm, gauge_mm)
    worst = max(range(5), key=lambda i: abs(fit.residuals_um[i]))
    assert worst == 2
    assert fit.residuals_um[2] == pytest.approx(16.0)  # 20 µm minus the 4 µm the line moved up
    assert sum(fit.residuals_um) == pytest.approx(0.0, abs=1e-9)


def test_depth_fit_needs_two_different_depths_in_pairs() -> None:
    with pytest.raises(ValueError, match="two different set depths"):
        fit_depth([2.0, 2.0], [2.1, 2.1])
    with pytest.raises(ValueError, match="pairs"):
        fit_depth([1.0, 2.0], [1.0])


def test_weighing_the_simulated_guns_shots_finds_its_6_percent() -> None:
    """The bench end to end: the gun fires through the host library, the balance weighs what left it."""
    gun = SimulatedGun(serial_number="SIM-CAL", clock_scale=50.0, true_volume_factor=1.06)
    register_gun("calibration-gun", gun)
    conditions = WeighingConditions(20.0)
    levels = []
    try:
        with (
            Injector.open(url="simgun://calibration-gun") as injector,
            Balance.open("simbalance://calibration-balance?gun=calibration-gun&seed=2") as balance,
        ):
            injector.load_syringe(10, 10_000.0)
            balance.tare()
            for nominal_ul in (10.0, 100.0, 500.0):
                injector.configure(Mode.SINGLE, depth_mm=1.0, volume_ul=nominal_ul, flow_ul_s=500.0)
                injector.arm()
                before_g = balance.stable_weight_g()
                masses_mg = []
                for _ in range(10):
                    gun.pull_trigger()
                    after_g = balance.stable_weight_g()
                    masses_mg.append((after_g - before_g) * 1000.0)
                    before_g = after_g
                injector.disarm()
                levels.append(weighed_level(nominal_ul, masses_mg, conditions))
    finally:
        forget_balance("calibration-balance")
        remove_gun("calibration-gun")
    assert len(gun.truth.shots) == 30
    assert levels[1].mean_ul == pytest.approx(106.0, abs=0.05)
    fit = fit_volume_factor(levels, current_volume_per_step_pl=10_000.0)
    assert fit.volume_per_step_pl == pytest.approx(10_600.0, rel=0.001)

"""Flow accuracy and trumpet curves (IEC 60601-2-24) on synthetic series with known answers."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from mesogun.calibration.balance import Balance
from mesogun.calibration.flow import BalanceSample, analyse_flow, flow_intervals, trumpet_curve
from mesogun.calibration.gravimetry import WeighingConditions
from mesogun.errors import OutOfRangeError
from simulators.balance import SimulatedBalance
from simulators.protocol_simbalance import forget_balance, register_balance

CONDITIONS = WeighingConditions(20.0)
SET_FLOW_UL_S = 0.5


def samples_of(
    volume_ul: Callable[[float], float], end_s: float, every_s: float = 30.0
) -> list[BalanceSample]:
    """Balance readings (g) every ``every_s`` of a delivered volume given as a function of time."""
    z = CONDITIONS.z_ul_per_mg
    count = round(end_s / every_s) + 1
    return [BalanceSample(i * every_s, volume_ul(i * every_s) / z / 1000.0) for i in range(count)]


def test_constant_error_gives_flat_trumpet_curves() -> None:
    samples = samples_of(lambda t: 1.02 * SET_FLOW_UL_S * t, end_s=7200.0)
    analysis = analyse_flow(samples, SET_FLOW_UL_S, conditions=CONDITIONS)
    assert (analysis.analysis_start_s, analysis.analysis_end_s) == (3600.0, 7200.0)
    assert analysis.overall_error_pct == pytest.approx(2.0)
    assert analysis.mean_flow_ul_s == pytest.approx(0.51)
    assert analysis.analysis_volume_ul == pytest.approx(0.51 * 3600.0)
    assert [p.window_min for p in analysis.trumpet] == [2.0, 5.0, 11.0, 19.0, 31.0]
    # 120 intervals of 30 s in the hour: a window of m intervals fits 120 - m + 1 times.
    assert [p.window_count for p in analysis.trumpet] == [117, 111, 99, 83, 59]
    for point in analysis.trumpet:
        assert point.max_error_pct == pytest.approx(2.0)
        assert point.min_error_pct == pytest.approx(2.0)
    assert len(analysis.intervals) == 240
    assert all(iv.flow_ul_s == pytest.approx(0.51) for iv in analysis.intervals)


def test_sinusoidal_error_gives_the_expected_shrinking_envelope() -> None:
    amplitude, period_s = 0.10, 420.0  # ±10 % flow error, one cycle every 7 min
    omega = 2.0 * math.pi / period_s

    def delivered_ul(t: float) -> float:  # ∫ r · (1 + A sin ωτ) dτ from 0 to t
        return SET_FLOW_UL_S * (t + amplitude * (1.0 - math.cos(omega * t)) / omega)

    end_s = 2400.0  # a 40 min analysis period instead of the second hour
    analysis = analyse_flow(
        samples_of(delivered_ul, end_s), SET_FLOW_UL_S, analysis_start_s=0.0, analysis_end_s=end_s
    )
    for point in analysis.trumpet:
        window_s = point.window_min * 60.0
        # The mean error of a window starting at t is the sinusoid's mean over [t, t + P].
        means = [
            100.0 * amplitude * (math.cos(omega * t) - math.cos(omega * (t + window_s))) / (omega * window_s)
            for t in (30.0 * j for j in range(round((end_s - window_s) / 30.0) + 1))
        ]
        assert point.window_count == len(means)
        assert point.max_error_pct == pytest.approx(max(means), abs=1e-8)
        assert point.min_error_pct == pytest.approx(min(means), abs=1e-8)
    maxima = [p.max_error_pct for p in analysis.trumpet]
    minima = [p.min_error_pct for p in analysis.trumpet]
    assert maxima == sorted(maxima, reverse=True) and len(set(maxima)) == 5
    assert minima == sorted(minima) and len(set(minima)) == 5
    assert maxima[0] > 8.0 and maxima[-1] < 1.0


def test_default_analysis_is_the_second_hour() -> None:
    # 10 % too fast during the first hour (start-up), exact during the second.
    def delivered_ul(t: float) -> float:
        return SET_FLOW_UL_S * (1.1 * min(t, 3600.0) + max(t - 3600.0, 0.0))

    analysis = analyse_flow(samples_of(delivered_ul, 7200.0), SET_FLOW_UL_S)
    assert analysis.overall_error_pct == pytest.approx(0.0, abs=1e-9)
    assert all(abs(p.max_error_pct) < 1e-9 and abs(p.min_error_pct) < 1e-9 for p in analysis.trumpet)
    assert analysis.intervals[0].error_pct == pytest.approx(10.0)


def test_a_short_period_leaves_out_the_windows_that_do_not_fit() -> None:
    analysis = analyse_flow(
        samples_of(lambda t: SET_FLOW_UL_S * t, 600.0),
        SET_FLOW_UL_S,
        analysis_start_s=0.0,
        analysis_end_s=600.0,
    )
    assert [p.window_min for p in analysis.trumpet] == [2.0, 5.0]


def test_samples_must_cover_the_period_regularly_and_in_order() -> None:
    regular = samples_of(lambda t: SET_FLOW_UL_S * t, 3000.0)
    with pytest.raises(ValueError, match="do not cover the analysis period 3600–7200 s"):
        analyse_flow(regular, SET_FLOW_UL_S)
    gappy = regular[:10] + regular[12:]
    with pytest.raises(ValueError, match="270 s and 360 s are 90 s apart"):
        analyse_flow(gappy, SET_FLOW_UL_S, analysis_start_s=0.0, analysis_end_s=3000.0)
    with pytest.raises(ValueError, match="not in time order"):
        flow_intervals([regular[1], regular[0]], SET_FLOW_UL_S, CONDITIONS)
    with pytest.raises(OutOfRangeError, match="set_flow_ul_s"):
        analyse_flow(regular, 0.0, analysis_start_s=0.0, analysis_end_s=3000.0)


def test_windows_must_hold_whole_intervals() -> None:
    with pytest.raises(ValueError, match=r"2\.5 min window"):
        trumpet_curve([0.0] * 100, sample_interval_s=60.0, windows_min=[2.5])


def test_flow_from_the_simulated_balance_shows_its_evaporation() -> None:
    """1 µl/s into an open container losing 0.2 mg/min reads about 0.33 % low."""

    class Clock:
        now_s = 0.0

        def __call__(self) -> float:
            return self.now_s

    clock = Clock()
    flow_ul_s = 1.0
    sim = SimulatedBalance(lambda: flow_ul_s * clock.now_s, drift_mg_per_min=-0.2, seed=5, clock=clock)
    register_balance("flow-bench", sim)
    samples = []
    try:
        with Balance.open("simbalance://flow-bench", response_timeout_s=10.0) as balance:
            for _ in range(81):  # 40 min, a reading every 30 s
                samples.append(BalanceSample(clock.now_s, balance.immediate_weight_g()))
                clock.now_s += 30.0
    finally:
        forget_balance("flow-bench")
    analysis = analyse_flow(samples, flow_ul_s, analysis_start_s=0.0, analysis_end_s=2400.0)
    expected_pct = 100.0 * CONDITIONS.z_ul_per_mg * (-0.2 / 60.0) / flow_ul_s
    assert analysis.overall_error_pct == pytest.approx(expected_pct, abs=0.01)
    assert analysis.trumpet[-1].max_error_pct == pytest.approx(expected_pct, abs=0.05)

"""The continuous-mode flow test: the simulated gun infuses into the simulated balance.

They run on one stepped clock that moves only while the test waits (``cal_bench(stepped=True)``): a
host slowed down by a loaded machine adds no simulated time, so the figures do not depend on the load.
"""

from __future__ import annotations

import itertools
import math
from datetime import date
from pathlib import Path

import pytest
from calibration_bench import CONDITIONS, cal_bench

from firmware_protocol import DeviceState
from mesogun.calibration.flow import analyse_flow
from mesogun.calibration.flow_procedure import FlowProgress, FlowSetup, FlowTest, FlowTestResult
from mesogun.calibration.procedure import CalibrationError, CalibrationFailed
from mesogun.journal import CalibrationKind
from mesogun.vocabulary import remark_text

SCALE = 60.0  # the setup's nominal time scale (a simulated gun's): the host's short waits count × 60


def flow_setup(**changes: object) -> FlowSetup:
    values: dict[str, object] = {
        "technician": "Camille Roux",
        "syringe_model": "BD Plastipak 10 ml",
        "syringe_capacity_ml": 10,
        "conditions": CONDITIONS,
        "duration_s": 600.0,
        "analysis_start_s": 120.0,
        "time_scale": SCALE,
    }
    values.update(changes)
    return FlowSetup(**values)  # type: ignore[arg-type]


def run(test: FlowTest) -> FlowTestResult:
    try:
        test.start()
        while test.samples_left:
            test.next_sample()
    except CalibrationFailed:
        pass
    return test.finish()


def test_an_exact_gun_passes_with_its_trumpet_curve_recorded(tmp_path: Path) -> None:
    progress: list[FlowProgress] = []
    with cal_bench(tmp_path, true_volume_factor=1.0, stepped=True) as bench:
        bench.injector.load_syringe(10, 10_000.0)
        before = bench.firmware_factors()
        test = FlowTest(
            bench.injector,
            bench.balance,
            flow_setup(balance_verified_on=date(2026, 1, 15)),
            journal=bench.journal,
            listener=progress.append,
            test_time=bench.stepped_time(),
        )
        result = run(test)

        assert result.passed, result.reason
        assert result.set_flow_ul_s == 5.0  # the gun's lowest flow: the mésoperfusion end
        assert len(result.samples) == 21  # 0, 30, … 600 s
        times = [s.time_s for s in result.samples]
        assert all(abs(b - a - 30.0) < 3.0 for a, b in itertools.pairwise(times))
        analysis = result.analysis
        assert analysis is not None
        # Evaporation (0.2 mg/min against 300 mg/min) and the pauses between deliveries cost a little.
        assert -1.0 < analysis.overall_error_pct < 0.2
        assert [p.window_min for p in analysis.trumpet] == [2.0, 5.0]  # an 8 min analysis period
        assert bench.gun.state is DeviceState.IDLE  # the infusion in progress was stopped at the end
        assert bench.firmware_factors() == before  # a flow test writes nothing

        record = result.record
        assert record is not None and record.kind is CalibrationKind.FLOW and record.passed
        assert len(record.raw.flow) == 21
        assert record.figures.flow is not None
        assert record.figures.flow.overall_error_pct == pytest.approx(analysis.overall_error_pct)
        assert [t.window_min for t in record.figures.flow.trumpet] == [2.0, 5.0]
        assert record.factors_after is None and record.expires_at is None
        # The balance as recorded with the test: its type and step as it says them, its last
        # verification as typed (the uncertainty of the overall error counts its resolution).
        balance = record.raw.balance
        assert balance is not None and balance.serial == result.balance_id
        assert (balance.model, balance.resolution_mg) == ("SIM-AB125-5", 0.01)
        assert balance.verified_on == date(2026, 1, 15)
    assert progress[-1].samples_done == 21
    assert [p.interval_error_pct is not None for p in progress if p.sample][1:] == [True] * 20


def test_a_gun_10_percent_off_fails_the_flow_test(tmp_path: Path) -> None:
    with cal_bench(tmp_path, true_volume_factor=1.10, stepped=True) as bench:
        bench.injector.load_syringe(10, 10_000.0)
        setup = flow_setup(duration_s=300.0, analysis_start_s=60.0)
        result = run(FlowTest(bench.injector, bench.balance, setup, test_time=bench.stepped_time()))
        assert not result.passed
        assert result.analysis is not None and result.analysis.overall_error_pct > 8.0
        assert result.reason is not None and "outside ±5 %" in remark_text(result.reason, "en")
        assert "hors de ±5\u00a0%" in remark_text(result.reason, "fr")


def test_a_syringe_too_small_for_the_test_is_refused_before_anything_runs(tmp_path: Path) -> None:
    with cal_bench(tmp_path, clock_scale=SCALE) as bench:
        bench.injector.load_syringe(2, 2_000.0)
        test = FlowTest(bench.injector, bench.balance, flow_setup(syringe_capacity_ml=2))
        with pytest.raises(
            CalibrationError,
            match="infuses 3000 µl, 3600 µl with its 20 % margin, and the syringe holds 2000 µl: load a full",
        ):
            test.start()
        # An hour at 5 µl/s outgrows even the gun's largest syringe: the advice is a shorter test.
        hour = FlowTest(bench.injector, bench.balance, flow_setup(syringe_capacity_ml=2, duration_s=3600.0))
        with pytest.raises(
            CalibrationError, match=r"no syringe of this gun holds that much: .* at most 28 min"
        ):
            hour.start()
        assert bench.gun.truth.shots == []


class SyntheticBalance:
    """A balance whose reading is a known function of the test clock: ±10 % flow error, 7 min period."""

    amplitude = 0.10
    period_s = 420.0

    def __init__(self, set_flow_ul_s: float) -> None:
        self.set_flow_ul_s = set_flow_ul_s
        self.test: FlowTest | None = None

    def delivered_ul(self, t: float) -> float:  # ∫ r (1 + A sin ωτ) dτ from 0 to t
        omega = 2.0 * math.pi / self.period_s
        return self.set_flow_ul_s * (t + self.amplitude * (1.0 - math.cos(omega * t)) / omega)

    def serial_number(self) -> str:
        return "SYNTH-1"

    def tare(self, timeout_s: float = 10.0) -> float:
        return 0.0

    def immediate_weight_g(self) -> float:
        assert self.test is not None
        t = self.test.now_s() if self.test.samples else 0.0
        return self.delivered_ul(t) / CONDITIONS.z_ul_per_mg / 1000.0


def test_trumpet_figures_of_a_known_series_come_out_right(tmp_path: Path) -> None:
    balance = SyntheticBalance(5.0)
    end_s = 1200.0
    with cal_bench(tmp_path, true_volume_factor=1.0, stepped=True) as bench:
        bench.injector.load_syringe(10, 10_000.0)
        test = FlowTest(
            bench.injector,
            balance,
            flow_setup(duration_s=end_s, analysis_start_s=0.0, time_scale=120.0),
            test_time=bench.stepped_time(),
        )
        balance.test = test
        result = run(test)
    analysis = result.analysis
    assert analysis is not None
    assert [p.window_min for p in analysis.trumpet] == [2.0, 5.0, 11.0, 19.0]
    omega = 2.0 * math.pi / balance.period_s
    for point in analysis.trumpet:
        window_s = point.window_min * 60.0
        # The mean error of a window starting at t is the sinusoid's mean over [t, t + P].
        means = [
            100.0
            * balance.amplitude
            * (math.cos(omega * t) - math.cos(omega * (t + window_s)))
            / (omega * window_s)
            for t in (30.0 * j for j in range(round((end_s - window_s) / 30.0) + 1))
        ]
        assert point.window_count == len(means)
        assert point.max_error_pct == pytest.approx(max(means), abs=0.05)
        assert point.min_error_pct == pytest.approx(min(means), abs=0.05)
    expected_overall = 100.0 * (balance.delivered_ul(end_s) / (balance.set_flow_ul_s * end_s) - 1.0)
    assert analysis.overall_error_pct == pytest.approx(expected_overall, abs=0.05)
    # The record's figures are the flow maths applied to the recorded samples.
    again = analyse_flow(
        result.samples, 5.0, conditions=CONDITIONS, analysis_start_s=0.0, analysis_end_s=end_s
    )
    assert again.trumpet == analysis.trumpet

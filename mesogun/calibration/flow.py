"""Flow accuracy of continuous delivery (mésoperfusion), IEC 60601-2-24 style.

The gun delivers into a container on a balance read every 30 s. From the readings:

- the flow of each interval, Q_i = ΔV_i / Δt_i, and its error E_i = 100 · (Q_i − r) / r against the
  set flow r;
- the overall flow error over the analysis period (the second hour by default),
  A = 100 · (V / T − r) / r;
- the trumpet curve: for each observation window of P minutes (2, 5, 11, 19, 31) holding m = P / S
  intervals of S = 30 s, the mean error of every run of m consecutive intervals in the analysis period,
  Ep(j) = (1/m) · Σ E_i for i = j .. j + m − 1, and its maximum and minimum over j. Short windows show
  how far the flow strays over minutes; long ones converge on the overall error.

Masses become volumes with ISO 8655-6's factor Z (:mod:`mesogun.calibration.gravimetry`). Evaporation
is not corrected: cover the container (oil layer or evaporation trap) as the standard asks.
Times are seconds since the start of the infusion.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from mesogun.calibration.gravimetry import WeighingConditions
from mesogun.errors import OutOfRangeError

SAMPLE_INTERVAL_S = 30.0
TRUMPET_WINDOWS_MIN: tuple[float, ...] = (2.0, 5.0, 11.0, 19.0, 31.0)
SECOND_HOUR_START_S = 3600.0
SECOND_HOUR_END_S = 7200.0
INTERVAL_TOLERANCE = 0.1  # an interval may differ from the sample interval by 10 %


@dataclass(frozen=True)
class BalanceSample:
    """One balance reading: seconds since the infusion started, net mass in g."""

    time_s: float
    mass_g: float


@dataclass(frozen=True)
class FlowInterval:
    """Between two consecutive samples: volume delivered (µl), mean flow (µl/s), error vs set flow (%)."""

    start_s: float
    end_s: float
    volume_ul: float
    flow_ul_s: float
    error_pct: float


@dataclass(frozen=True)
class TrumpetPoint:
    """Extremes of the mean flow error (%) over all observation windows of ``window_min`` minutes."""

    window_min: float
    max_error_pct: float
    min_error_pct: float
    window_count: int


@dataclass(frozen=True)
class FlowAnalysis:
    """Flow accuracy of one run. Volumes µl, flows µl/s, errors %."""

    set_flow_ul_s: float
    intervals: tuple[FlowInterval, ...]  # the whole record
    analysis_start_s: float
    analysis_end_s: float
    analysis_volume_ul: float
    mean_flow_ul_s: float  # over the analysis period
    overall_error_pct: float  # over the analysis period
    trumpet: tuple[TrumpetPoint, ...]  # windows longer than the analysis period are left out


def _check_set_flow(set_flow_ul_s: float) -> None:
    if not (set_flow_ul_s > 0.0 and math.isfinite(set_flow_ul_s)):
        raise OutOfRangeError("set_flow_ul_s", set_flow_ul_s, 0.0, math.inf, "µl/s")


def flow_intervals(
    samples: Sequence[BalanceSample], set_flow_ul_s: float, conditions: WeighingConditions
) -> tuple[FlowInterval, ...]:
    """Volume, flow and flow error of every interval between consecutive samples."""
    _check_set_flow(set_flow_ul_s)
    if len(samples) < 2:
        raise ValueError(f"{len(samples)} balance sample(s): at least 2 are needed for a flow")
    z_ul_per_mg = conditions.z_ul_per_mg
    intervals: list[FlowInterval] = []
    for i, (a, b) in enumerate(itertools.pairwise(samples)):
        dt_s = b.time_s - a.time_s
        if not dt_s > 0.0:
            raise ValueError(
                f"samples {i} and {i + 1} are not in time order ({a.time_s:g} s, then {b.time_s:g} s)"
            )
        volume_ul = (b.mass_g - a.mass_g) * 1000.0 * z_ul_per_mg
        flow_ul_s = volume_ul / dt_s
        error_pct = 100.0 * (flow_ul_s - set_flow_ul_s) / set_flow_ul_s
        intervals.append(FlowInterval(a.time_s, b.time_s, volume_ul, flow_ul_s, error_pct))
    return tuple(intervals)


def trumpet_curve(
    errors_pct: Sequence[float],
    *,
    sample_interval_s: float = SAMPLE_INTERVAL_S,
    windows_min: Sequence[float] = TRUMPET_WINDOWS_MIN,
) -> tuple[TrumpetPoint, ...]:
    """Maximum and minimum mean error over every window of consecutive intervals, per window length.

    ``errors_pct`` are the errors of consecutive intervals of ``sample_interval_s`` each. A window of
    P minutes must hold a whole number of intervals; windows longer than the series are left out.
    """
    points: list[TrumpetPoint] = []
    for window_min in windows_min:
        exact = window_min * 60.0 / sample_interval_s
        m = round(exact)
        if m < 1 or abs(exact - m) > 1e-9:
            raise ValueError(
                f"a {window_min:g} min window does not hold a whole number of "
                f"{sample_interval_s:g} s intervals"
            )
        if m > len(errors_pct):
            continue
        means = [math.fsum(errors_pct[j : j + m]) / m for j in range(len(errors_pct) - m + 1)]
        points.append(TrumpetPoint(window_min, max(means), min(means), len(means)))
    return tuple(points)


def analyse_flow(
    samples: Sequence[BalanceSample],
    set_flow_ul_s: float,
    *,
    conditions: WeighingConditions | None = None,
    analysis_start_s: float = SECOND_HOUR_START_S,
    analysis_end_s: float = SECOND_HOUR_END_S,
    sample_interval_s: float = SAMPLE_INTERVAL_S,
    windows_min: Sequence[float] = TRUMPET_WINDOWS_MIN,
) -> FlowAnalysis:
    """Flow per interval, overall error and trumpet curve over [``analysis_start_s``, ``analysis_end_s``].

    The samples must cover the analysis period, one every ``sample_interval_s`` (±10 %) inside it.
    """
    conditions = conditions or WeighingConditions()
    if not analysis_end_s > analysis_start_s >= 0.0:
        raise ValueError(
            f"analysis period {analysis_start_s:g}–{analysis_end_s:g} s: it must start at 0 s or later "
            "and end after it starts"
        )
    intervals = flow_intervals(samples, set_flow_ul_s, conditions)
    tolerance_s = INTERVAL_TOLERANCE * sample_interval_s
    inside = [
        iv
        for iv in intervals
        if iv.start_s >= analysis_start_s - tolerance_s and iv.end_s <= analysis_end_s + tolerance_s
    ]
    if (
        not inside
        or abs(inside[0].start_s - analysis_start_s) > tolerance_s
        or abs(inside[-1].end_s - analysis_end_s) > tolerance_s
    ):
        covered = f"{samples[0].time_s:g}–{samples[-1].time_s:g} s"
        raise ValueError(
            f"the samples ({covered}) do not cover the analysis period "
            f"{analysis_start_s:g}–{analysis_end_s:g} s with a sample at each end"
        )
    for iv in inside:
        if abs((iv.end_s - iv.start_s) - sample_interval_s) > tolerance_s:
            raise ValueError(
                f"samples at {iv.start_s:g} s and {iv.end_s:g} s are {iv.end_s - iv.start_s:g} s apart; "
                f"the method needs one every {sample_interval_s:g} s"
            )
    volume_ul = math.fsum(iv.volume_ul for iv in inside)
    duration_s = inside[-1].end_s - inside[0].start_s
    mean_flow_ul_s = volume_ul / duration_s
    return FlowAnalysis(
        set_flow_ul_s=set_flow_ul_s,
        intervals=intervals,
        analysis_start_s=inside[0].start_s,
        analysis_end_s=inside[-1].end_s,
        analysis_volume_ul=volume_ul,
        mean_flow_ul_s=mean_flow_ul_s,
        overall_error_pct=100.0 * (mean_flow_ul_s - set_flow_ul_s) / set_flow_ul_s,
        trumpet=trumpet_curve(
            [iv.error_pct for iv in inside], sample_interval_s=sample_interval_s, windows_min=windows_min
        ),
    )

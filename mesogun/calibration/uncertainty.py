"""The measurement uncertainty of a volume level, a flow error and a depth correction, after the GUM.

Method (JCGM 100:2008, *Guide to the expression of uncertainty in measurement*):

- type A (GUM 4.2.3): the repeatability of the mean of the n shots of a level, ``s / √n``, with s
  the experimental standard deviation of the shots' volumes;
- type B (GUM 4.3.7, rectangular distribution): the balance's resolution d. Each mass is the
  difference of two readings (the vessel before and after the shot), each known to ±d/2, so
  ``u = d / √12 · √2 = d / √6`` in mg, converted to µl with the run's factor Z (ISO 8655-6);
- combined standard uncertainty ``u_c = √(u_A² + u_B²)`` (GUM 5.1.2, uncorrelated inputs) and
  expanded uncertainty ``U = k · u_c`` with the coverage factor k = 2 (GUM 6.2.1, 6.3.3: about a
  95 % level of confidence).

The uncertainty of Z itself (temperature, air density) and evaporation are not counted here: at the
volumes of a mesotherapy gun they are well below the balance's resolution. Without a recorded
resolution, only type A is counted, and the result says so (``type_b_ul`` None).

The overall flow error of a flow test, A = 100 · (V / T − r) / r over the analysis period T, is
evaluated the same way, in percentage points of the set flow r:

- type A: the n intervals of the period tile it, so A is the mean of their errors E_i (exactly when
  they are of equal length, as the sampling makes them within 10 %), and its type A is the standard
  deviation of that mean, ``s(E) / √n`` (GUM 4.2.3), the E_i taken as n independent observations
  of the gun's flow error;
- type B: V is the difference of two readings (start and end of the period), each known to ±d/2,
  so ``u(V) = d / √6 · Z`` in µl, and ``u_B = 100 · u(V) / (r · T)``.

Why s(E)/√n although A is computed from the two end readings only: the measurand is the gun's mean
flow error at the set flow, of which this period is one sample, and the way the gun's flow wanders
from one interval to the next is what a second period would not repeat. Two limits, said plainly:

- the scatter of the balance readings themselves cancels in A except at the two end readings
  (neighbouring intervals share a reading, with opposite signs), so for that part s(E)/√n states
  about √n times what it adds to A: on the safe side;
- a flow that drifts slowly (neighbouring intervals alike) makes the E_i correlated and s(E)/√n too
  small; the trumpet curve on the same certificate shows such a drift (its long windows do not
  converge on A).

Taking only the two end readings (the period's own volume, the gun's variation not counted) would
give a smaller figure that says nothing of the next period, so it is not used.

Evaporation is not counted there either: the flow procedure neither corrects nor estimates it (it
asks for a covered vessel, :mod:`mesogun.calibration.flow`); nor is the clock, whose few parts per
million are far below the balance's share.

The depth correction of a depth calibration is evaluated from its as-found gauge readings g_i at the
set depths s_i, in mm:

- offset only (the scale kept): the correction is the mean error, mean(g_i − s_i); type A is the
  standard deviation of that mean, ``s(e) / √n``, the errors e_i at the n set depths taken as
  repeated readings of the one offset (their scatter is the gauge's and the needle's repeatability);
- offset and scale fitted: the correction at a set depth x is the fitted line a + b·x; type A is the
  standard uncertainty of the line where it is least known within the set depths (their extremes),
  ``s_r · √(1/n + (x − x̄)² / Σ(s_i − x̄)²)`` with s_r the residual standard deviation on n − 2
  degrees of freedom (GUM H.3);
- type B: each reading is the needle's position against the gauge's zero set on the gun's nose, both
  known to ±d/2 (d: the gauge's resolution), so ``d / √6`` as for a weighing. It is not reduced by
  the number of readings: the zero is common to all of them, and a quantisation error does not
  average out when the readings scatter by less than a step (GUM F.2.2.1).

Not counted: the gauge's own error of indication (its verification states it), the needle's bending
or the gauze giving way under it, and temperature. Without a recorded resolution only type A is
counted (``type_b_mm`` None).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

COVERAGE_FACTOR = 2.0  # k = 2: about 95 % (GUM 6.3.3)


@dataclass(frozen=True)
class LevelUncertainty:
    """The uncertainty of a level's mean volume, in µl (``expanded_pct``: U as % of the commanded volume)."""

    nominal_ul: float
    mean_ul: float
    type_a_ul: float
    type_b_ul: float | None  # None: the balance's resolution was not recorded
    combined_ul: float
    expanded_ul: float
    coverage_factor: float

    @property
    def expanded_pct(self) -> float:
        return 100.0 * self.expanded_ul / self.nominal_ul


def level_uncertainty(
    *,
    nominal_ul: float,
    mean_ul: float,
    sd_ul: float,
    count: int,
    resolution_mg: float | None,
    z_ul_per_mg: float,
) -> LevelUncertainty:
    """The uncertainty of the mean of ``count`` shots whose volumes scatter by ``sd_ul`` (see above)."""
    if count < 2:
        raise ValueError(f"count: {count} shots give no standard deviation; at least 2 are needed")
    type_a = sd_ul / math.sqrt(count)
    type_b = resolution_mg / math.sqrt(6.0) * z_ul_per_mg if resolution_mg is not None else None
    combined = math.hypot(type_a, type_b or 0.0)
    return LevelUncertainty(
        nominal_ul=nominal_ul,
        mean_ul=mean_ul,
        type_a_ul=type_a,
        type_b_ul=type_b,
        combined_ul=combined,
        expanded_ul=COVERAGE_FACTOR * combined,
        coverage_factor=COVERAGE_FACTOR,
    )


@dataclass(frozen=True)
class FlowErrorUncertainty:
    """The uncertainty of a flow test's overall error, in percentage points of the set flow."""

    interval_count: int
    type_a_pct: float
    type_b_pct: float | None  # None: the balance's resolution was not recorded
    combined_pct: float
    expanded_pct: float
    coverage_factor: float


def flow_error_uncertainty(
    *,
    set_flow_ul_s: float,
    duration_s: float,
    interval_errors_pct: Sequence[float],
    resolution_mg: float | None,
    z_ul_per_mg: float,
) -> FlowErrorUncertainty:
    """The uncertainty of the overall flow error over ``duration_s`` s at ``set_flow_ul_s`` (see above).

    ``interval_errors_pct``: the error of each interval of the analysis period, in %.
    """
    n = len(interval_errors_pct)
    if n < 2:
        raise ValueError(f"{n} interval(s) give no standard deviation; at least 2 are needed")
    if not (set_flow_ul_s > 0.0 and duration_s > 0.0):
        raise ValueError(f"set flow {set_flow_ul_s:g} µl/s over {duration_s:g} s: both must be positive")
    type_a = statistics.stdev(interval_errors_pct) / math.sqrt(n)
    type_b = (
        100.0 * resolution_mg / math.sqrt(6.0) * z_ul_per_mg / (set_flow_ul_s * duration_s)
        if resolution_mg is not None
        else None
    )
    combined = math.hypot(type_a, type_b or 0.0)
    return FlowErrorUncertainty(
        interval_count=n,
        type_a_pct=type_a,
        type_b_pct=type_b,
        combined_pct=combined,
        expanded_pct=COVERAGE_FACTOR * combined,
        coverage_factor=COVERAGE_FACTOR,
    )


@dataclass(frozen=True)
class DepthUncertainty:
    """The uncertainty of a depth calibration's correction (offset, or fitted line), in mm."""

    reading_count: int
    scale_fitted: bool
    type_a_mm: float
    type_b_mm: float | None  # None: the gauge's resolution was not recorded
    combined_mm: float
    expanded_mm: float
    coverage_factor: float


def depth_uncertainty(
    *,
    set_depths_mm: Sequence[float],
    gauge_mm: Sequence[float],
    scale_fitted: bool,
    resolution_mm: float | None,
) -> DepthUncertainty:
    """The uncertainty of the offset (``scale_fitted`` False) or of the fitted line (see above)."""
    n = len(set_depths_mm)
    if len(gauge_mm) != n:
        raise ValueError(f"{n} set depths but {len(gauge_mm)} gauge readings: they go in pairs")
    needed = 3 if scale_fitted else 2
    if n < needed or len(set(set_depths_mm)) < (2 if scale_fitted else 1):
        raise ValueError(f"{n} reading(s) give no standard deviation; at least {needed} are needed")
    if scale_fitted:
        x_mean = statistics.fmean(set_depths_mm)
        sxx = math.fsum((x - x_mean) ** 2 for x in set_depths_mm)
        y_mean = statistics.fmean(gauge_mm)
        slope = (
            math.fsum((x - x_mean) * (y - y_mean) for x, y in zip(set_depths_mm, gauge_mm, strict=True)) / sxx
        )
        residuals = [
            y - (y_mean + slope * (x - x_mean)) for x, y in zip(set_depths_mm, gauge_mm, strict=True)
        ]
        s_r = math.sqrt(math.fsum(r * r for r in residuals) / (n - 2))
        widest = max(abs(x - x_mean) for x in set_depths_mm)
        type_a = s_r * math.sqrt(1.0 / n + widest**2 / sxx)
    else:
        errors = [g - x for x, g in zip(set_depths_mm, gauge_mm, strict=True)]
        type_a = statistics.stdev(errors) / math.sqrt(n)
    type_b = resolution_mm / math.sqrt(6.0) if resolution_mm is not None else None
    combined = math.hypot(type_a, type_b or 0.0)
    return DepthUncertainty(
        reading_count=n,
        scale_fitted=scale_fitted,
        type_a_mm=type_a,
        type_b_mm=type_b,
        combined_mm=combined,
        expanded_mm=COVERAGE_FACTOR * combined,
        coverage_factor=COVERAGE_FACTOR,
    )

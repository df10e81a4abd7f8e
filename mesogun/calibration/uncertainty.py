"""The measurement uncertainty of a gravimetric volume level, evaluated after the GUM.

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
"""

from __future__ import annotations

import math
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

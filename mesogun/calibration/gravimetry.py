"""Gravimetric dose accuracy (ISO 8655-6 method, ISO 11608-1 acceptance) and the calibration fits.

Volumes are weighed as water. A balance reading is an *apparent* mass: the water is buoyed up by the
air it displaces, and the balance was adjusted with steel weights buoyed up by theirs. ISO 8655-6
converts it with the factor Z::

    V = m · Z,   Z = 1 / (ρ_W − ρ_A) · (1 − ρ_A / ρ_B)

with ρ_W the density of water at the measured temperature (Tanaka et al. 2001), ρ_A the density of air
(OIML R 111 approximation from temperature, pressure and humidity) and ρ_B = 8000 kg/m³ the density of
the balance's reference weights. In kg/m³ this gives Z in m³/kg; ×1000 gives µl/mg. At 20 °C and
1013 hPa Z = 1.0029 µl/mg: taking 1 mg for 1 µl would under-read volumes by about 0.3 %. The table
printed in ISO 8655-6 assumes a fixed air density near 1.2 kg/m³; computing it from the room, as here,
differs from that table by at most one unit in the fourth decimal.

Acceptance *(design)*: at every volume level, the mean and every single shot within
±max(1 µl, 5 % of nominal), with at least 10 shots.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from mesogun.errors import MesogunError, OutOfRangeError

TEMPERATURE_MIN_C = 15.0
TEMPERATURE_MAX_C = 30.0
REFERENCE_WEIGHT_DENSITY_KG_M3 = 8000.0
MIN_SHOTS_PER_LEVEL = 10
TOLERANCE_FLOOR_UL = 1.0
TOLERANCE_FRACTION = 0.05
MAX_VOLUME_CORRECTION = 0.15  # beyond ±15 % the gun needs service, not a new factor

# Tanaka, Girard, Davis, Peuto, Bignell (2001), Metrologia 38, 301-309, air-free water, 101.325 kPa.
_A1_C = -3.983035
_A2_C = 301.797
_A3_C2 = 522528.9
_A4_C = 69.34881
_A5_KG_M3 = 999.974950


class CalibrationDriftError(MesogunError):
    """The measured volumes are so far off that a new factor would hide a fault instead of fixing it."""

    def __init__(self, ratio: float, limit: float) -> None:
        self.ratio = ratio
        self.limit = limit
        super().__init__(
            f"The gun delivers {ratio * 100:.1f} % of the commanded volume: drift beyond what calibration "
            f"can correct (±{limit * 100:g} %). Check for leaks, air in the syringe and the needle; "
            "if the result stays, send the gun for service."
        )


def water_density_kg_m3(temperature_c: float) -> float:
    """Density of water in kg/m³ at ``temperature_c`` (15–30 °C; Tanaka et al. 2001: 998.2067 at 20 °C).

    Air-free water; air-saturated water is lighter by about 0.0025 kg/m³ (2.5 ppm), negligible here.
    """
    if not TEMPERATURE_MIN_C <= temperature_c <= TEMPERATURE_MAX_C:
        raise OutOfRangeError("temperature_c", temperature_c, TEMPERATURE_MIN_C, TEMPERATURE_MAX_C, "°C")
    t = temperature_c
    return _A5_KG_M3 * (1.0 - (t + _A1_C) ** 2 * (t + _A2_C) / (_A3_C2 * (t + _A4_C)))


def air_density_kg_m3(temperature_c: float, pressure_hpa: float, humidity_pct: float) -> float:
    """Density of moist air in kg/m³ (OIML R 111-1 approximation, ±2·10⁻⁴ relative)."""
    return (0.34848 * pressure_hpa - 0.009 * humidity_pct * math.exp(0.061 * temperature_c)) / (
        273.15 + temperature_c
    )


@dataclass(frozen=True)
class WeighingConditions:
    """The room during a gravimetric run: water temperature °C, air pressure hPa, relative humidity %."""

    temperature_c: float = 20.0
    pressure_hpa: float = 1013.25
    humidity_pct: float = 50.0

    def __post_init__(self) -> None:
        if not TEMPERATURE_MIN_C <= self.temperature_c <= TEMPERATURE_MAX_C:
            raise OutOfRangeError(
                "temperature_c", self.temperature_c, TEMPERATURE_MIN_C, TEMPERATURE_MAX_C, "°C"
            )
        if not 800.0 <= self.pressure_hpa <= 1070.0:
            raise OutOfRangeError("pressure_hpa", self.pressure_hpa, 800.0, 1070.0, "hPa")
        if not 0.0 <= self.humidity_pct <= 100.0:
            raise OutOfRangeError("humidity_pct", self.humidity_pct, 0.0, 100.0, "%")

    @property
    def z_ul_per_mg(self) -> float:
        """ISO 8655-6 conversion factor Z in µl/mg for these conditions."""
        rho_w = water_density_kg_m3(self.temperature_c)
        rho_a = air_density_kg_m3(self.temperature_c, self.pressure_hpa, self.humidity_pct)
        return 1000.0 * (1.0 - rho_a / REFERENCE_WEIGHT_DENSITY_KG_M3) / (rho_w - rho_a)


def mass_to_volume_ul(mass_mg: float, conditions: WeighingConditions) -> float:
    """Volume of water in µl whose balance reading is ``mass_mg`` (V = m · Z)."""
    if not math.isfinite(mass_mg):
        raise ValueError(f"mass_mg = {mass_mg} is not a number")
    return mass_mg * conditions.z_ul_per_mg


def acceptance_tolerance_ul(nominal_ul: float) -> float:
    """Allowed deviation in µl at ``nominal_ul``: max(1 µl, 5 %)."""
    return max(TOLERANCE_FLOOR_UL, TOLERANCE_FRACTION * nominal_ul)


@dataclass(frozen=True)
class LevelResult:
    """Statistics of the shots at one commanded volume, in µl unless the name says %."""

    nominal_ul: float
    volumes_ul: tuple[float, ...]
    mean_ul: float
    systematic_error_ul: float  # mean − nominal
    systematic_error_pct: float  # of nominal
    sd_ul: float  # random error: sample standard deviation (n − 1)
    cv_pct: float  # sd / mean
    worst_shot: int  # index of the shot furthest from nominal
    worst_error_ul: float  # its volume − nominal
    tolerance_ul: float
    min_shots: int

    @property
    def count(self) -> int:
        return len(self.volumes_ul)

    @property
    def mean_within_tolerance(self) -> bool:
        return abs(self.systematic_error_ul) <= self.tolerance_ul

    @property
    def shots_outside(self) -> tuple[int, ...]:
        """Indices of the shots outside ±tolerance."""
        return tuple(i for i, v in enumerate(self.volumes_ul) if abs(v - self.nominal_ul) > self.tolerance_ul)

    @property
    def passed(self) -> bool:
        return self.count >= self.min_shots and self.mean_within_tolerance and not self.shots_outside

    @property
    def findings(self) -> tuple[str, ...]:
        """Why the level failed, in words (empty when it passed)."""
        found: list[str] = []
        if self.count < self.min_shots:
            found.append(
                f"only {self.count} shots at {self.nominal_ul:g} µl; at least {self.min_shots} needed"
            )
        low_ul, high_ul = self.nominal_ul - self.tolerance_ul, self.nominal_ul + self.tolerance_ul
        if not self.mean_within_tolerance:
            found.append(
                f"mean {self.mean_ul:.3f} µl at {self.nominal_ul:g} µl is outside "
                f"{low_ul:.3f}–{high_ul:.3f} µl ({self.systematic_error_ul:+.3f} µl)"
            )
        for i in self.shots_outside:
            found.append(
                f"shot {i + 1} at {self.nominal_ul:g} µl delivered {self.volumes_ul[i]:.3f} µl, "
                f"outside {low_ul:.3f}–{high_ul:.3f} µl"
            )
        return tuple(found)


def level_result(
    nominal_ul: float, volumes_ul: Sequence[float], *, min_shots: int = MIN_SHOTS_PER_LEVEL
) -> LevelResult:
    """Statistics and verdict for the volumes (µl) measured at one commanded volume ``nominal_ul``.

    At least 2 volumes are needed to compute a spread; fewer than ``min_shots`` fails the verdict.
    """
    if not nominal_ul > 0.0:
        raise OutOfRangeError("nominal_ul", nominal_ul, 0.0, math.inf, "µl")
    if len(volumes_ul) < 2:
        raise ValueError(
            f"{len(volumes_ul)} volume(s) at {nominal_ul:g} µl: at least 2 needed for statistics"
        )
    if not all(math.isfinite(v) for v in volumes_ul):
        raise ValueError(
            f"volumes at {nominal_ul:g} µl hold a value that is not a number: {list(volumes_ul)}"
        )
    volumes = tuple(float(v) for v in volumes_ul)
    mean_ul = statistics.fmean(volumes)
    sd_ul = statistics.stdev(volumes)
    worst = max(range(len(volumes)), key=lambda i: abs(volumes[i] - nominal_ul))
    return LevelResult(
        nominal_ul=nominal_ul,
        volumes_ul=volumes,
        mean_ul=mean_ul,
        systematic_error_ul=mean_ul - nominal_ul,
        systematic_error_pct=100.0 * (mean_ul - nominal_ul) / nominal_ul,
        sd_ul=sd_ul,
        cv_pct=100.0 * sd_ul / mean_ul if mean_ul > 0.0 else math.inf,
        worst_shot=worst,
        worst_error_ul=volumes[worst] - nominal_ul,
        tolerance_ul=acceptance_tolerance_ul(nominal_ul),
        min_shots=min_shots,
    )


def weighed_level(
    nominal_ul: float,
    masses_mg: Sequence[float],
    conditions: WeighingConditions,
    *,
    min_shots: int = MIN_SHOTS_PER_LEVEL,
) -> LevelResult:
    """:func:`level_result` from the balance readings of each shot, in mg."""
    return level_result(
        nominal_ul, [mass_to_volume_ul(m, conditions) for m in masses_mg], min_shots=min_shots
    )


@dataclass(frozen=True)
class VolumeFactorFit:
    """A new plunger factor from measured volumes: commanded × ``ratio`` is what the gun delivers."""

    current_volume_per_step_pl: float  # the factor the gun used during the measurements
    volume_per_step_pl: float  # corrected: write this to the gun
    ratio: float  # delivered / commanded, least squares through the origin
    level_residuals_pct: tuple[float, ...]  # per level: mean vs ratio × nominal, what one factor leaves

    @property
    def correction_pct(self) -> float:
        return 100.0 * (self.ratio - 1.0)


def fit_volume_factor(
    results: Sequence[LevelResult],
    current_volume_per_step_pl: float,
    *,
    max_correction: float = MAX_VOLUME_CORRECTION,
) -> VolumeFactorFit:
    """Corrected volume per motor step (pl) from the shots of every level.

    The gun turns a commanded volume C into C / factor steps, so it delivers C · (true / factor).
    The ratio k = Σ C·V / Σ C² over every shot of every level (least squares through the origin) is
    that true/factor; the corrected factor is ``current × k``. A ratio beyond ±``max_correction``
    raises :class:`CalibrationDriftError`.
    """
    if not current_volume_per_step_pl > 0.0:
        raise OutOfRangeError("current_volume_per_step_pl", current_volume_per_step_pl, 0.0, math.inf, "pl")
    if not results:
        raise ValueError("no volume level to fit: weigh at least one level")
    sum_cv = sum(r.nominal_ul * v for r in results for v in r.volumes_ul)
    sum_cc = sum(r.nominal_ul**2 * r.count for r in results)
    ratio = sum_cv / sum_cc
    if abs(ratio - 1.0) > max_correction:
        raise CalibrationDriftError(ratio, max_correction)
    return VolumeFactorFit(
        current_volume_per_step_pl=current_volume_per_step_pl,
        volume_per_step_pl=current_volume_per_step_pl * ratio,
        ratio=ratio,
        level_residuals_pct=tuple(100.0 * (r.mean_ul / (ratio * r.nominal_ul) - 1.0) for r in results),
    )


@dataclass(frozen=True)
class DepthFit:
    """The needle depth the gauge measured as a line of the depth set: gauge = offset + scale · set."""

    offset_um: float
    scale_ppm: float  # 1 000 000 = the gun reaches exactly the depth set (apart from the offset)
    residuals_um: tuple[float, ...]  # gauge − fitted line, per point

    @property
    def max_abs_residual_um(self) -> float:
        return max(abs(r) for r in self.residuals_um)

    def expected_gauge_mm(self, set_depth_mm: float) -> float:
        """Depth in mm the gun reaches when ``set_depth_mm`` is set, according to the fit."""
        return self.offset_um / 1000.0 + self.scale_ppm / 1e6 * set_depth_mm


def fit_depth(set_depths_mm: Sequence[float], gauge_depths_mm: Sequence[float]) -> DepthFit:
    """Least-squares line through (set depth, gauge reading) pairs, both in mm.

    Needs at least two distinct set depths; three or more make the residuals meaningful.
    """
    if len(set_depths_mm) != len(gauge_depths_mm):
        raise ValueError(
            f"{len(set_depths_mm)} set depths but {len(gauge_depths_mm)} gauge readings: they go in pairs"
        )
    if len(set_depths_mm) < 2 or len(set(set_depths_mm)) < 2:
        raise ValueError("at least two different set depths are needed to fit offset and scale")
    xs = [float(x) for x in set_depths_mm]
    ys = [float(y) for y in gauge_depths_mm]
    x_mean, y_mean = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - x_mean) ** 2 for x in xs)
    sxy = sum((x - x_mean) * (y - y_mean) for x, y in zip(xs, ys, strict=True))
    scale = sxy / sxx
    offset_mm = y_mean - scale * x_mean
    residuals = tuple(1000.0 * (y - (offset_mm + scale * x)) for x, y in zip(xs, ys, strict=True))
    return DepthFit(offset_um=1000.0 * offset_mm, scale_ppm=1e6 * scale, residuals_um=residuals)

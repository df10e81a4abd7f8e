"""Judging a volume calibration: is the gun correctable by one factor, and what the journal keeps of it.

Correctable *(design)*: the factor changes by at most ``max_correction`` (±15 %), the new factor is
one the gun accepts (5–20 nl per step), and, with the measured volumes divided by the fitted ratio,
every level's mean and every shot fall within ±max(1 µl, 5 %). A mean still off means the error
depends on the volume (a plunger or syringe fault); shots still outside mean too much scatter (a
noisy or draughty balance, air in the syringe).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from firmware_protocol.constants import VOLUME_PER_STEP_MAX_PL, VOLUME_PER_STEP_MIN_PL
from mesogun.calibration.gravimetry import (
    MAX_VOLUME_CORRECTION,
    CalibrationDriftError,
    LevelResult,
    fit_volume_factor,
    level_result,
)
from mesogun.calibration.procedure import Stage
from mesogun.calibration.records import make_entry
from mesogun.calibration.volume_setup import (
    VolumeAssessment,
    VolumeCalibrationResult,
    VolumeSetup,
    WeighedShot,
)
from mesogun.journal.calibration_records import (
    BalanceIdentity,
    CalibrationEntry,
    CalibrationFigures,
    CalibrationKind,
    LevelFigures,
    RawReadings,
    WeighedLevel,
)
from mesogun.journal.host_remarks import HostRemark, host_remark


def assess_volume(
    levels: Sequence[LevelResult],
    current_volume_per_step_nl: float,
    max_correction: float = MAX_VOLUME_CORRECTION,
) -> VolumeAssessment:
    """Fit one factor over the as-found levels and say whether it brings every shot within tolerance."""
    levels = tuple(levels)
    try:
        fit = fit_volume_factor(levels, current_volume_per_step_nl * 1000.0, max_correction=max_correction)
    except CalibrationDriftError as exc:
        drift = host_remark(
            HostRemark.VOLUME_DRIFT,
            delivered_pct=round(exc.ratio * 100, 1),
            max_correction_pct=round(exc.limit * 100, 6),
        )
        return VolumeAssessment(levels, None, None, drift)
    new_pl = round(fit.volume_per_step_pl)
    if not VOLUME_PER_STEP_MIN_PL <= new_pl <= VOLUME_PER_STEP_MAX_PL:
        return VolumeAssessment(
            levels,
            fit,
            None,
            host_remark(
                HostRemark.VOLUME_FACTOR_BEYOND,
                volume_per_step_nl=new_pl / 1000,
                min_nl=VOLUME_PER_STEP_MIN_PL / 1000,
                max_nl=VOLUME_PER_STEP_MAX_PL / 1000,
            ),
        )
    for level in levels:
        corrected = level_result(
            level.nominal_ul, [v / fit.ratio for v in level.volumes_ul], min_shots=level.min_shots
        )
        if not corrected.mean_within_tolerance:
            return VolumeAssessment(
                levels,
                fit,
                None,
                host_remark(
                    HostRemark.VOLUME_NOT_PROPORTIONAL,
                    nominal_ul=level.nominal_ul,
                    error_pct=round(corrected.systematic_error_pct, 2),
                ),
            )
        if corrected.shots_outside:
            return VolumeAssessment(
                levels,
                fit,
                None,
                host_remark(
                    HostRemark.VOLUME_SCATTER,
                    nominal_ul=level.nominal_ul,
                    cv_pct=round(level.cv_pct, 2),
                    shots_outside=len(corrected.shots_outside),
                    tolerance_ul=round(corrected.tolerance_ul, 3),
                ),
            )
    return VolumeAssessment(levels, fit, new_pl / 1000.0, None)


def level_figures(stage: Stage, level: LevelResult) -> LevelFigures:
    return LevelFigures(
        stage=stage.value,
        nominal_ul=level.nominal_ul,
        count=level.count,
        mean_ul=level.mean_ul,
        systematic_error_ul=level.systematic_error_ul,
        systematic_error_pct=level.systematic_error_pct,
        sd_ul=level.sd_ul,
        cv_pct=level.cv_pct,
        worst_shot=level.worst_shot,
        worst_error_ul=level.worst_error_ul,
        tolerance_ul=level.tolerance_ul,
        passed=level.passed,
    )


def volume_entry(
    setup: VolumeSetup,
    volumes_ul: tuple[float, ...],
    shots: Mapping[Stage, Sequence[WeighedShot]],
    result: VolumeCalibrationResult,
) -> CalibrationEntry:
    """The journal entry of a finished volume calibration: raw masses, figures, factors, verdict."""
    raw = RawReadings(
        levels=tuple(
            WeighedLevel(
                stage=stage.value,
                nominal_ul=volumes_ul[i],
                masses_mg=tuple(
                    s.mass_mg
                    for s in shots[stage][i * setup.shots_per_level :][: setup.shots_per_level]
                    if s.mass_mg is not None
                ),
            )
            for stage in Stage
            for i in range(len(volumes_ul))
            if len(shots[stage]) > i * setup.shots_per_level
        ),
        balance=BalanceIdentity(
            model=setup.balance_model or result.balance_model,
            serial=result.balance_id if result.balance_id != "manual" else None,
            resolution_mg=setup.balance_resolution_mg or result.balance_resolution_mg,
            verified_on=setup.balance_verified_on,
        ),
    )
    fit = result.assessment.fit if result.assessment is not None else None
    figures = CalibrationFigures(
        levels=(
            *(level_figures(Stage.AS_FOUND, level) for level in result.as_found),
            *(level_figures(Stage.VERIFICATION, level) for level in result.verification),
        ),
        fit_ratio=fit.ratio if fit is not None else None,
        fit_residuals_pct=fit.level_residuals_pct if fit is not None else (),
    )
    return make_entry(
        kind=CalibrationKind.VOLUME,
        device=result.device,
        technician=setup.technician,
        started_at=result.started_at,
        finished_at=result.finished_at,
        syringe=setup.syringe_model,
        syringe_capacity_ml=setup.syringe_capacity_ml,
        balance_id=result.balance_id,
        conditions=setup.conditions,
        factors_before=result.factors_before,
        factors_after=result.factors_after,
        raw=raw,
        figures=figures,
        passed=result.passed,
        reason=result.reason,
        expires_at=result.expires_at,
    )

"""Calibration records with known numbers, for journal, status and certificate tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mesogun.journal.calibration_records import (
    CalibrationEntry,
    CalibrationFigures,
    CalibrationKind,
    CalibrationVerdict,
    DepthFigures,
    FlowFigures,
    FlowReading,
    GaugeReading,
    GunFactors,
    LevelFigures,
    RawReadings,
    TrumpetFigure,
    WeighedLevel,
)

SERIAL = "SIM-REC-7"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
Z = 1.0029


def factors(calibration_id: int = 0, volume_per_step_nl: float = 10.0, offset_mm: float = 0.0) -> GunFactors:
    return GunFactors(
        calibration_id=calibration_id,
        volume_per_step_nl=volume_per_step_nl,
        depth_offset_mm=offset_mm,
        depth_scale=1.0,
    )


def _level(stage: str, nominal_ul: float, masses_mg: tuple[float, ...], passed: bool) -> LevelFigures:
    volumes = [m * Z for m in masses_mg]
    mean = sum(volumes) / len(volumes)
    worst = max(range(len(volumes)), key=lambda i: abs(volumes[i] - nominal_ul))
    return LevelFigures(
        stage=stage,
        nominal_ul=nominal_ul,
        count=len(volumes),
        mean_ul=mean,
        systematic_error_ul=mean - nominal_ul,
        systematic_error_pct=100.0 * (mean - nominal_ul) / nominal_ul,
        sd_ul=0.05,
        cv_pct=0.02,
        worst_shot=worst,
        worst_error_ul=volumes[worst] - nominal_ul,
        tolerance_ul=max(1.0, 0.05 * nominal_ul),
        passed=passed,
    )


AS_FOUND_MASSES = (105.61, 105.72, 105.66, 105.70, 105.64, 105.69, 105.58, 105.73, 105.62, 105.67)
VERIFIED_MASSES = (99.71, 99.74, 99.69, 99.77, 99.70, 99.72, 99.75, 99.68, 99.73, 99.71)


def volume_entry(
    *,
    passed: bool = True,
    finished_at: datetime = START + timedelta(minutes=20),
    before: GunFactors | None = None,
    after_id: int = 1,
    volume_per_step_nl: float = 10.6,
    validity_days: int = 365,
    serial: str = SERIAL,
) -> CalibrationEntry:
    before = before or factors()
    levels = [WeighedLevel(stage="as_found", nominal_ul=100.0, masses_mg=AS_FOUND_MASSES)]
    figures = [_level("as_found", 100.0, AS_FOUND_MASSES, False)]
    if passed:
        levels.append(WeighedLevel(stage="verification", nominal_ul=100.0, masses_mg=VERIFIED_MASSES))
        figures.append(_level("verification", 100.0, VERIFIED_MASSES, True))
    return CalibrationEntry(
        kind=CalibrationKind.VOLUME,
        device_serial=serial,
        device_model="MesoGun S1",
        device_firmware="1.0.0",
        technician="Camille Roux",
        started_at=finished_at - timedelta(minutes=20),
        finished_at=finished_at,
        syringe="BD Plastipak 10 ml",
        syringe_capacity_ml=10,
        balance_id="XS205-1129",
        temperature_c=21.5,
        pressure_hpa=1008.0,
        humidity_pct=45.0,
        z_ul_per_mg=Z,
        factors_before=before,
        factors_after=factors(after_id, volume_per_step_nl, before.depth_offset_mm) if passed else None,
        raw=RawReadings(levels=tuple(levels)),
        figures=CalibrationFigures(levels=tuple(figures), fit_ratio=1.0593, fit_residuals_pct=(0.0,)),
        verdict=CalibrationVerdict.PASSED if passed else CalibrationVerdict.FAILED,
        reason=None if passed else "the shots scatter too much to calibrate",
        expires_at=finished_at + timedelta(days=validity_days) if passed else None,
    )


def depth_entry(
    *, finished_at: datetime = START + timedelta(hours=1), before: GunFactors | None = None, after_id: int = 2
) -> CalibrationEntry:
    before = before or factors(1, 10.6)
    gauge = tuple(
        GaugeReading(stage=stage, set_depth_mm=d, gauge_mm=d + error, gun_depth_mm=d)
        for stage, error in (("as_found", 0.15), ("verification", 0.0))
        for d in (1.0, 4.0, 13.0)
    )
    return CalibrationEntry(
        kind=CalibrationKind.DEPTH,
        device_serial=SERIAL,
        technician="Camille Roux",
        started_at=finished_at - timedelta(minutes=10),
        finished_at=finished_at,
        gauge_id="Mitutoyo 543-390 #77",
        factors_before=before,
        factors_after=factors(after_id, before.volume_per_step_nl, 0.15),
        raw=RawReadings(gauge=gauge),
        figures=CalibrationFigures(
            depth=DepthFigures(
                offset_um=150.0,
                scale_ppm=1_000_000.0,
                max_residual_um=0.0,
                scale_fitted=False,
                as_found_max_error_mm=0.15,
                verification_max_error_mm=0.0,
                tolerance_mm=0.1,
            )
        ),
        verdict=CalibrationVerdict.PASSED,
        expires_at=finished_at + timedelta(days=365),
    )


def flow_entry(*, finished_at: datetime = START + timedelta(hours=2)) -> CalibrationEntry:
    samples = tuple(FlowReading(time_s=30.0 * i, mass_g=round(0.1502 * i, 5)) for i in range(21))
    return CalibrationEntry(
        kind=CalibrationKind.FLOW,
        device_serial=SERIAL,
        technician="Camille Roux",
        started_at=finished_at - timedelta(minutes=10),
        finished_at=finished_at,
        syringe="BD Plastipak 10 ml",
        syringe_capacity_ml=10,
        balance_id="XS205-1129",
        temperature_c=21.5,
        pressure_hpa=1008.0,
        humidity_pct=45.0,
        z_ul_per_mg=Z,
        factors_before=factors(2, 10.6, 0.15),
        raw=RawReadings(flow=samples),
        figures=CalibrationFigures(
            flow=FlowFigures(
                set_flow_ul_s=5.0,
                analysis_start_s=120.0,
                analysis_end_s=600.0,
                analysis_volume_ul=2410.4,
                mean_flow_ul_s=5.0217,
                overall_error_pct=0.43,
                tolerance_pct=5.0,
                trumpet=(
                    TrumpetFigure(window_min=2.0, max_error_pct=1.87, min_error_pct=-1.24, window_count=13),
                    TrumpetFigure(window_min=5.0, max_error_pct=0.91, min_error_pct=-0.12, window_count=7),
                ),
            )
        ),
        verdict=CalibrationVerdict.PASSED,
    )

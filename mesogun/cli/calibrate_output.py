"""What ``mesogun calibrate`` and ``mesogun calibrations`` print: intros, summaries, a record, the list."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from mesogun.calibration.depth_procedure import DepthCalibrationResult, DepthSetup
from mesogun.calibration.flow_procedure import FlowSetup, FlowTestResult
from mesogun.calibration.gravimetry import LevelResult
from mesogun.calibration.volume_setup import VolumeCalibrationResult, VolumeSetup
from mesogun.device_info import DeviceInfo
from mesogun.journal.calibration_records import BalanceIdentity, CalibrationRecord, GaugeIdentity, GunFactors
from mesogun.journal.calibration_records import CalibrationKind as Kind
from mesogun.vocabulary import remark_text


def _when(moment: datetime | None) -> str:
    return "—" if moment is None else moment.strftime("%Y-%m-%d %H:%M UTC")


def _day(moment: datetime | None) -> str:
    return "—" if moment is None else moment.strftime("%Y-%m-%d")


def _next_steps(record_id: str | None, journal: Path) -> list[str]:
    if record_id is None:
        return []
    short = record_id[:8]
    return [
        f"  recorded as {short} in {journal}",
        f"  certificate: mesogun calibrations certificate {short} --out certificate-{short}.pdf",
    ]


# ---------------------------------------------------------------------- volume


def volume_intro(info: DeviceInfo, setup: VolumeSetup, how: str) -> str:
    """``how``: how the masses are known (read from the balance, typed after each shot, typed per level)."""
    return "\n".join(
        [
            f"Volume calibration of {info.model} {info.serial_number} by {setup.technician}",
            f"  water at {setup.conditions.temperature_c:g} °C "
            f"(Z = {setup.conditions.z_ul_per_mg:.5f} µl/mg), "
            f"{setup.shots_per_level} shots per volume; {how}.",
            "  Needle over the weighing vessel (oil layer or lid against evaporation), never over a patient.",
        ]
    )


def level_lines(levels: Sequence[LevelResult]) -> list[str]:
    return [
        f"    {level.nominal_ul:>7g} µl  mean {level.mean_ul:9.3f} µl  {level.systematic_error_pct:+6.2f} %  "
        f"CV {level.cv_pct:5.2f} %  worst {level.worst_error_ul:+.3f} µl  "
        f"{'pass' if level.passed else 'FAIL'}"
        for level in levels
    ]


def volume_summary(result: VolumeCalibrationResult, journal: Path) -> str:
    before, after = result.factors_before, result.factors_after
    lines = [""]
    if result.passed and after is not None:
        lines.append(f"volume calibration PASSED — gun {result.device.serial_number}")
        lines.append(
            f"  factor {before.volume_per_step_nl:.3f} → {after.volume_per_step_nl:.3f} nl/step, "
            f"calibration #{after.calibration_id}, valid until {_day(result.expires_at)}"
        )
    else:
        lines.append(f"volume calibration FAILED — gun {result.device.serial_number}")
        lines.append(f"  reason: {remark_text(result.reason or '', 'en')}")
        lines.append(
            f"  nothing was written to the gun: it keeps calibration #{before.calibration_id} "
            f"({before.volume_per_step_nl:.3f} nl/step)"
        )
    if result.as_found:
        lines += ["  as found:", *level_lines(result.as_found)]
    if result.verification:
        lines += ["  verification:", *level_lines(result.verification)]
    lines += _next_steps(result.record.record_id if result.record else None, journal)
    return "\n".join(lines)


# ---------------------------------------------------------------------- depth


def depth_intro(info: DeviceInfo, setup: DepthSetup) -> str:
    return "\n".join(
        [
            f"Depth calibration of {info.model} {info.serial_number} by {setup.technician}, "
            f"gauge {setup.gauge_id}",
            "  At each depth the gun fires one small shot into a gauze: read the max-hold gauge on the nose,",
            f"  type the needle's protrusion in mm. Tolerance ±{setup.tolerance_mm:g} mm.",
        ]
    )


def depth_summary(result: DepthCalibrationResult, journal: Path) -> str:
    before, after = result.factors_before, result.factors_after
    lines = [""]
    if result.passed and after is not None:
        lines.append(f"depth calibration PASSED — gun {result.device.serial_number}")
        lines.append(
            f"  offset {before.depth_offset_mm:+.3f} → {after.depth_offset_mm:+.3f} mm, scale "
            f"{before.depth_scale:.6f} → {after.depth_scale:.6f}, calibration #{after.calibration_id}, "
            f"valid until {_day(result.expires_at)}"
        )
    else:
        lines.append(f"depth calibration FAILED — gun {result.device.serial_number}")
        lines.append(f"  reason: {remark_text(result.reason or '', 'en')}")
        lines.append(f"  nothing was written to the gun: it keeps calibration #{before.calibration_id}")
    for title, readings in (("as found", result.as_found), ("verification", result.verification)):
        if readings:
            lines.append(f"  {title}:")
            lines += [
                f"    {r.planned.set_depth_mm:>5g} mm set  gauge {r.gauge_mm:6.3f} mm  ({r.error_mm:+.3f} mm)"
                for r in readings
                if r.gauge_mm is not None and r.error_mm is not None
            ]
    lines += _next_steps(result.record.record_id if result.record else None, journal)
    return "\n".join(lines)


# ---------------------------------------------------------------------- flow


def flow_intro(info: DeviceInfo, setup: FlowSetup) -> str:
    scaled = f" (clock ×{setup.time_scale:g})" if setup.time_scale != 1.0 else ""
    return "\n".join(
        [
            f"Flow test of {info.model} {info.serial_number} by {setup.technician}{scaled}",
            f"  {setup.duration_s / 60:g} min, a balance reading every {setup.sample_interval_s:g} s, "
            f"analysed from minute {setup.analysis_start_s / 60:g}. Cover the vessel against evaporation.",
        ]
    )


def flow_summary(result: FlowTestResult, journal: Path) -> str:
    lines = ["", f"flow test {'PASSED' if result.passed else 'FAILED'} — gun {result.device.serial_number}"]
    if not result.passed:
        lines.append(f"  reason: {remark_text(result.reason or '', 'en')}")
    a = result.analysis
    if a is not None:
        lines.append(
            f"  set {a.set_flow_ul_s:g} µl/s, measured {a.mean_flow_ul_s:.4f} µl/s over "
            f"{a.analysis_start_s / 60:.1f}–{a.analysis_end_s / 60:.1f} min: "
            f"error {a.overall_error_pct:+.2f} %"
        )
        lines.append("  trumpet curve (mean error per observation window):")
        lines += [
            f"    {p.window_min:>4g} min  max {p.max_error_pct:+6.2f} %  min {p.min_error_pct:+6.2f} %  "
            f"({p.window_count} windows)"
            for p in a.trumpet
        ]
    lines += _next_steps(result.record.record_id if result.record else None, journal)
    return "\n".join(lines)


# ---------------------------------------------------------------------- records


def _factor_text(kind: Kind, factors: GunFactors | None) -> str:
    if factors is None:
        return "—"
    if kind is Kind.DEPTH:
        return f"{factors.depth_offset_mm:+.3f} mm ×{factors.depth_scale:.4f}"
    return f"{factors.volume_per_step_nl:.3f} nl/step"


def records_table(records: Sequence[CalibrationRecord]) -> str:
    if not records:
        return "no calibration recorded in this journal"
    header = (
        f"{'id':8}  {'kind':6}  {'finished':20}  {'gun':12}  {'technician':16}  {'verdict':7}  factor after"
    )
    lines = [header, "-" * len(header)]
    for r in records:
        after = _factor_text(r.kind, r.factors_after) if r.kind is not Kind.FLOW else "—"
        lines.append(
            f"{r.record_id[:8]:8}  {r.kind.value:6}  {_when(r.finished_at):20}  {r.device_serial[:12]:12}  "
            f"{r.technician[:16]:16}  {r.verdict.value:7}  {after}"
        )
    return "\n".join(lines)


def record_text(r: CalibrationRecord) -> str:
    """Everything one record holds, for ``mesogun calibrations show``."""
    lines = [
        f"{r.kind.value} calibration {r.record_id}",
        f"  verdict:     {r.verdict.value.upper()}"
        + (f" — {remark_text(r.reason, 'en')}" if r.reason else ""),
        f"  gun:         {r.device_model or ''} {r.device_serial} (firmware {r.device_firmware or '?'})",
        f"  technician:  {r.technician}",
        f"  when:        {_when(r.started_at)} – {_when(r.finished_at)}",
        f"  expires:     {_day(r.expires_at)}",
    ]
    if r.syringe:
        lines.append(f"  syringe:     {r.syringe} ({r.syringe_capacity_ml} ml)")
    balance = _instrument(r.raw.balance, r.balance_id, "mg")
    if balance:
        lines.append(f"  balance:     {balance}")
    gauge = _instrument(r.raw.depth_gauge, r.gauge_id, "mm")
    if gauge:
        lines.append(f"  gauge:       {gauge}")
    if r.temperature_c is not None:
        lines.append(
            f"  room:        water {r.temperature_c:g} °C, {r.pressure_hpa:g} hPa, {r.humidity_pct:g} % RH, "
            f"Z = {r.z_ul_per_mg:.5f} µl/mg"
        )
    before, after = r.factors_before, r.factors_after
    lines.append(
        f"  factors:     #{before.calibration_id} {before.volume_per_step_nl:.3f} nl/step, "
        f"{before.depth_offset_mm:+.3f} mm, ×{before.depth_scale:.6f}"
        + (
            f"  →  #{after.calibration_id} {after.volume_per_step_nl:.3f} nl/step, "
            f"{after.depth_offset_mm:+.3f} mm, ×{after.depth_scale:.6f}"
            if after is not None
            else "  (unchanged)"
        )
    )
    for level in r.figures.levels:
        lines.append(
            f"  {level.stage:12} {level.nominal_ul:>7g} µl: mean {level.mean_ul:.3f} µl "
            f"({level.systematic_error_pct:+.2f} %), CV {level.cv_pct:.2f} %, "
            f"worst {level.worst_error_ul:+.3f} µl, "
            f"{'pass' if level.passed else 'FAIL'}"
        )
    for weighed in r.raw.levels:
        masses = " ".join(f"{m:.3f}" for m in weighed.masses_mg)
        lines.append(f"  masses mg    {weighed.stage} {weighed.nominal_ul:g} µl: {masses}")
    for reading in r.raw.gauge:
        lines.append(
            f"  gauge        {reading.stage} {reading.set_depth_mm:g} mm set: {reading.gauge_mm:.3f} mm "
            f"({reading.gauge_mm - reading.set_depth_mm:+.3f})"
        )
    if r.figures.flow is not None:
        f = r.figures.flow
        lines.append(
            f"  flow:        set {f.set_flow_ul_s:g} µl/s, measured {f.mean_flow_ul_s:.4f} µl/s, "
            f"error {f.overall_error_pct:+.2f} % ({f.analysis_start_s / 60:g}–{f.analysis_end_s / 60:g} min)"
        )
        for p in f.trumpet:
            lines.append(
                f"  trumpet      {p.window_min:g} min: {p.min_error_pct:+.2f} … {p.max_error_pct:+.2f} %"
            )
        lines.append(f"  samples:     {len(r.raw.flow)} balance readings")
    return "\n".join(lines)


def _instrument(identity: BalanceIdentity | GaugeIdentity | None, named: str | None, unit: str) -> str:
    """An instrument as recorded: model, number, resolution (in ``unit``), last verification.

    Records made before the identity was recorded give the name typed or read then (or nothing).
    """
    if identity is None:
        return named or ""
    resolution = identity.resolution_mg if isinstance(identity, BalanceIdentity) else identity.resolution_mm
    serial = identity.serial or named
    parts = [
        identity.model,
        f"no. {serial}" if serial else None,
        f"resolution {resolution:g} {unit}" if resolution is not None else None,
        f"verified {identity.verified_on.isoformat()}" if identity.verified_on is not None else None,
    ]
    return ", ".join(part for part in parts if part)

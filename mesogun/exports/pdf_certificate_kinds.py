"""The kind-specific sections of a calibration certificate: volume levels, gauge readings, flow and trumpet.

Each ``add_*`` lays its sections out on the document (see :mod:`mesogun.exports.pdf_certificate`).
"""

from __future__ import annotations

import itertools

from mesogun.calibration.uncertainty import depth_uncertainty, flow_error_uncertainty, level_uncertainty
from mesogun.exports.pdf_certificate_texts import CertificateTexts
from mesogun.exports.pdf_charts import Guide, LineChart, LineSeries
from mesogun.exports.pdf_document import ACCENT, Align, Column, PdfDocument, TableRow, Tone
from mesogun.journal.calibration_records import CalibrationRecord

SECOND_SERIES = "#B5651D"
UNCERTAINTY_KEY_WIDTH_MM = 62.0  # "U de l’erreur globale, k = 2" and a gap before its value


def add_volume(doc: PdfDocument, t: CertificateTexts, r: CalibrationRecord) -> None:
    """Per volume level: figures, a chart of the systematic error, the fit, every raw mass."""
    levels = r.figures.levels
    doc.heading(t("section.levels"), keep_with_next_mm=80)
    doc.table(
        [
            Column(t("stage"), 2),
            Column(t("nominal"), 2, Align.RIGHT),
            Column(t("count"), 1, Align.RIGHT),
            Column(t("mean"), 2, Align.RIGHT),
            Column(t("systematic"), 2, Align.RIGHT),
            Column(t("cv"), 1.4, Align.RIGHT),
            Column(t("worst"), 2, Align.RIGHT),
            Column(t("tolerance"), 2, Align.RIGHT),
            Column(t("verdict"), 2),
        ],
        [
            TableRow(
                [
                    t(f"stage.{level.stage}"),
                    t.number(level.nominal_ul, 1),
                    str(level.count),
                    t.number(level.mean_ul, 3),
                    t.signed(level.systematic_error_pct),
                    t.number(level.cv_pct, 2),
                    t.signed(level.worst_error_ul, 3),
                    "±" + t.number(level.tolerance_ul, 3),
                    t("pass") if level.passed else t("fail"),
                ],
                Tone.NORMAL if level.passed else Tone.ALERT,
            )
            for level in levels
        ],
    )
    if levels:
        series = []
        for stage, color in (("as_found", SECOND_SERIES), ("verification", ACCENT)):
            points = [(lv.nominal_ul, lv.systematic_error_pct) for lv in levels if lv.stage == stage]
            if points:
                series.append(LineSeries(t(f"stage.{stage}"), points, color=color, markers=True))
        doc.chart(
            LineChart(
                t("chart.levels"),
                t("chart.levels_x"),
                t("chart.levels_y"),
                series,
                guides=[Guide(5.0, f"+5 % {t('limit')}"), Guide(-5.0, f"-5 % {t('limit')}")],
            ),
            height_mm=60,
            number_format=t.tick,
        )
    if r.figures.fit_ratio is not None:
        doc.heading(t("section.fit"))
        residuals = t.semicolon.join(
            f"{t.number(lv.nominal_ul, 1)}\u00a0µl{t.colon}{t.percent(res)}"
            for lv, res in zip(
                [lv for lv in levels if lv.stage == "as_found"], r.figures.fit_residuals_pct, strict=False
            )
        )
        doc.key_values(
            [
                (t("ratio"), t.number(r.figures.fit_ratio, 5)),
                (t("correction"), t.percent(100.0 * (r.figures.fit_ratio - 1.0))),
                (t("residuals"), residuals or t("none")),
            ]
        )
    _uncertainty(doc, t, r)
    rows: list[list[str]] = []
    z = r.z_ul_per_mg or 1.0
    for weighed in r.raw.levels:
        for i, mass_mg in enumerate(weighed.masses_mg):
            volume = mass_mg * z
            rows.append(
                [
                    t(f"stage.{weighed.stage}"),
                    t.number(weighed.nominal_ul, 1),
                    str(i + 1),
                    t.number(mass_mg, 3),
                    t.number(volume, 3),
                    t.signed(volume - weighed.nominal_ul, 3),
                ]
            )
    doc.heading(t("section.masses"))
    doc.table(
        [
            Column(t("stage"), 2),
            Column(t("nominal"), 2, Align.RIGHT),
            Column(t("shot"), 1, Align.RIGHT),
            Column(t("mass"), 2, Align.RIGHT),
            Column(t("volume"), 2, Align.RIGHT),
            Column(t("deviation"), 2, Align.RIGHT),
        ],
        rows,
        font_pt=8,
    )


def _uncertainty(doc: PdfDocument, t: CertificateTexts, r: CalibrationRecord) -> None:
    """The expanded uncertainty (k = 2) of each level's mean volume and how it was evaluated."""
    levels = [level for level in r.figures.levels if level.count >= 2]
    if not levels:
        return
    resolution = r.raw.balance.resolution_mg if r.raw.balance is not None else None
    found = [
        level_uncertainty(
            nominal_ul=level.nominal_ul,
            mean_ul=level.mean_ul,
            sd_ul=level.sd_ul,
            count=level.count,
            resolution_mg=resolution,
            z_ul_per_mg=r.z_ul_per_mg or 1.0,
        )
        for level in levels
    ]
    doc.heading(t("section.uncertainty"))
    doc.paragraph(
        t("uncertainty.method") + " " + (t("uncertainty.no_resolution") if resolution is None else ""),
        muted=True,
    )
    doc.table(
        [
            Column(t("stage"), 2),
            Column(t("nominal"), 2, Align.RIGHT),
            Column(t("mean"), 2, Align.RIGHT),
            Column(t("type_a"), 2, Align.RIGHT),
            Column(t("type_b"), 2, Align.RIGHT),
            Column(t("expanded"), 2, Align.RIGHT),
            Column(t("expanded_pct"), 2, Align.RIGHT),
        ],
        [
            [
                t(f"stage.{level.stage}"),
                t.number(u.nominal_ul, 1),
                t.number(u.mean_ul, 3),
                t.number(u.type_a_ul, 4),
                t.number(u.type_b_ul, 4) if u.type_b_ul is not None else t("none"),
                "±" + t.number(u.expanded_ul, 3),
                "±" + t.number(u.expanded_pct, 2),
            ]
            for level, u in zip(levels, found, strict=True)
        ],
    )


# ------------------------------------------------------------------ depth


def add_depth(doc: PdfDocument, t: CertificateTexts, r: CalibrationRecord) -> None:
    """The gauge readings, a chart of the depth error and the fitted line."""
    fig = r.figures.depth
    tolerance = fig.tolerance_mm if fig is not None else 0.1
    doc.heading(t("section.gauge"), keep_with_next_mm=60)
    doc.table(
        [
            Column(t("stage"), 2),
            Column(t("set_depth"), 2, Align.RIGHT),
            Column(t("gun_depth"), 2, Align.RIGHT),
            Column(t("gauge_mm"), 2, Align.RIGHT),
            Column(t("error_mm"), 2, Align.RIGHT),
        ],
        [
            TableRow(
                [
                    t(f"stage.{g.stage}"),
                    t.number(g.set_depth_mm, 1),
                    t.number(g.gun_depth_mm, 3) if g.gun_depth_mm is not None else t("none"),
                    t.number(g.gauge_mm, 3),
                    t.signed(g.gauge_mm - g.set_depth_mm, 3),
                ],
                Tone.NORMAL if abs(g.gauge_mm - g.set_depth_mm) <= tolerance else Tone.WARNING,
            )
            for g in r.raw.gauge
        ],
    )
    series = []
    for stage, color in (("as_found", SECOND_SERIES), ("verification", ACCENT)):
        points = [(g.set_depth_mm, g.gauge_mm - g.set_depth_mm) for g in r.raw.gauge if g.stage == stage]
        if points:
            series.append(LineSeries(t(f"stage.{stage}"), points, color=color, markers=True))
    if series:
        doc.chart(
            LineChart(
                t("chart.depth"),
                t("chart.depth_x"),
                t("chart.depth_y"),
                series,
                guides=[
                    Guide(tolerance, t.guide(tolerance, "mm")),
                    Guide(-tolerance, t.guide(-tolerance, "mm")),
                ],
            ),
            height_mm=55,
            number_format=t.tick,
        )
    if fig is not None:
        doc.heading(t("section.fit"))
        doc.key_values(
            [
                (
                    t("fit_line"),
                    t(
                        "fit_line_value",
                        offset=t.number(fig.offset_um, 1),
                        scale=t.number(fig.scale_ppm / 1e6, 6),
                    ),
                ),
                (t("correction"), t("fit_mode.scale") if fig.scale_fitted else t("fit_mode.offset")),
                (t("residual"), f"{t.number(fig.max_residual_um, 1)}\u00a0µm"),
            ]
        )
        _depth_uncertainty(doc, t, r)


def _depth_uncertainty(doc: PdfDocument, t: CertificateTexts, r: CalibrationRecord) -> None:
    """The expanded uncertainty (k = 2) of the depth correction (offset, or fitted line) and its method."""
    fig = r.figures.depth
    found = [g for g in r.raw.gauge if g.stage == "as_found"]
    if fig is None or len(found) < (3 if fig.scale_fitted else 2):
        return
    resolution = r.raw.depth_gauge.resolution_mm if r.raw.depth_gauge is not None else None
    u = depth_uncertainty(
        set_depths_mm=[g.set_depth_mm for g in found],
        gauge_mm=[g.gauge_mm for g in found],
        scale_fitted=fig.scale_fitted,
        resolution_mm=resolution,
    )
    which = "fitted" if u.scale_fitted else "offset"
    doc.heading(t("section.uncertainty"))
    doc.paragraph(
        t(f"uncertainty.depth_{which}")
        + " "
        + t("uncertainty.depth_not_counted")
        + (" " + t("uncertainty.no_gauge_resolution") if resolution is None else ""),
        muted=True,
    )
    doc.spacer(1.5)
    doc.key_values(
        [
            (t("depth_type_a", n=u.reading_count), t.number(u.type_a_mm, 4) + "\u00a0mm"),
            (
                t("depth_type_b"),
                t.number(u.type_b_mm, 4) + "\u00a0mm" if u.type_b_mm is not None else t("none"),
            ),
            (t(f"depth_expanded.{which}"), "±" + t.number(u.expanded_mm, 3) + "\u00a0mm"),
        ],
        key_width_mm=UNCERTAINTY_KEY_WIDTH_MM,
    )


# ------------------------------------------------------------------ flow


def add_flow(doc: PdfDocument, t: CertificateTexts, r: CalibrationRecord) -> None:
    """The flow figures, the trumpet curve, the error per interval and the balance readings."""
    f = r.figures.flow
    if f is not None:
        doc.heading(t("section.flow"))
        doc.key_values(
            [
                (t("set_flow"), f"{t.number(f.set_flow_ul_s, 3)}\u00a0µl/s"),
                (t("mean_flow"), f"{t.number(f.mean_flow_ul_s, 4)}\u00a0µl/s"),
                (t("overall_error"), t.percent(f.overall_error_pct)),
                (
                    t("analysis_period"),
                    t(
                        "analysis_value",
                        start=t.number(f.analysis_start_s / 60.0, 1),
                        end=t.number(f.analysis_end_s / 60.0, 1),
                        volume=t.volume(f.analysis_volume_ul),
                    ),
                ),
            ]
        )
        _flow_uncertainty(doc, t, r)
        doc.heading(t("section.trumpet"), keep_with_next_mm=90)
        if f.trumpet:
            doc.chart(
                LineChart(
                    t("chart.trumpet"),
                    t("chart.trumpet_x"),
                    t("chart.trumpet_y"),
                    [
                        LineSeries(
                            t("series.max"),
                            [(p.window_min, p.max_error_pct) for p in f.trumpet],
                            markers=True,
                        ),
                        LineSeries(
                            t("series.min"),
                            [(p.window_min, p.min_error_pct) for p in f.trumpet],
                            color=SECOND_SERIES,
                            markers=True,
                        ),
                    ],
                    guides=[Guide(f.overall_error_pct, t("series.overall"), color="#5B6B78")],
                ),
                height_mm=65,
                number_format=t.tick,
            )
        doc.table(
            [
                Column(t("window"), 2, Align.RIGHT),
                Column(t("max_error"), 2, Align.RIGHT),
                Column(t("min_error"), 2, Align.RIGHT),
                Column(t("windows"), 1, Align.RIGHT),
            ],
            [
                [
                    t.number(p.window_min, 0),
                    t.signed(p.max_error_pct),
                    t.signed(p.min_error_pct),
                    str(p.window_count),
                ]
                for p in f.trumpet
            ],
        )
    samples = r.raw.flow
    z = r.z_ul_per_mg or 1.0
    if len(samples) >= 2 and f is not None:
        points = [
            (
                b.time_s / 60.0,
                100.0
                * (((b.mass_g - a.mass_g) * 1000.0 * z / (b.time_s - a.time_s)) / f.set_flow_ul_s - 1.0),
            )
            for a, b in itertools.pairwise(samples)
            if b.time_s > a.time_s
        ]
        doc.chart(
            LineChart(
                t("chart.flow_time"),
                t("chart.flow_time_x"),
                t("chart.trumpet_y"),
                [LineSeries(t("chart.flow_time"), points, step=True)],
                guides=[
                    Guide(f.tolerance_pct, t.guide(f.tolerance_pct, "%")),
                    Guide(-f.tolerance_pct, t.guide(-f.tolerance_pct, "%")),
                ],
            ),
            height_mm=55,
            number_format=t.tick,
        )
    doc.heading(t("section.samples"))
    doc.table(
        [Column(t("time_s"), 1, Align.RIGHT), Column(t("mass_g"), 1, Align.RIGHT)],
        [[t.number(s.time_s, 1), t.number(s.mass_g, 5)] for s in samples],
        font_pt=8,
    )


def _flow_uncertainty(doc: PdfDocument, t: CertificateTexts, r: CalibrationRecord) -> None:
    """The expanded uncertainty (k = 2) of the overall flow error and how it was evaluated."""
    f = r.figures.flow
    if f is None:
        return
    z = r.z_ul_per_mg or 1.0
    # The intervals of the analysis period, between the samples that bound it.
    errors_pct = [
        100.0 * (((b.mass_g - a.mass_g) * 1000.0 * z / (b.time_s - a.time_s)) / f.set_flow_ul_s - 1.0)
        for a, b in itertools.pairwise(r.raw.flow)
        if b.time_s > a.time_s and a.time_s >= f.analysis_start_s and b.time_s <= f.analysis_end_s
    ]
    if len(errors_pct) < 2:
        return
    resolution = r.raw.balance.resolution_mg if r.raw.balance is not None else None
    u = flow_error_uncertainty(
        set_flow_ul_s=f.set_flow_ul_s,
        duration_s=f.analysis_end_s - f.analysis_start_s,
        interval_errors_pct=errors_pct,
        resolution_mg=resolution,
        z_ul_per_mg=z,
    )
    doc.heading(t("section.uncertainty"))
    doc.paragraph(
        t("uncertainty.flow_method") + (" " + t("uncertainty.no_resolution") if resolution is None else ""),
        muted=True,
    )
    doc.spacer(1.5)
    doc.key_values(
        [
            (t("flow_type_a", n=u.interval_count), t.number(u.type_a_pct, 4) + "\u00a0%"),
            (
                t("flow_type_b"),
                t.number(u.type_b_pct, 4) + "\u00a0%" if u.type_b_pct is not None else t("none"),
            ),
            (t("flow_expanded"), "±" + t.number(u.expanded_pct, 3) + "\u00a0%"),
        ],
        key_width_mm=UNCERTAINTY_KEY_WIDTH_MM,
    )


# ------------------------------------------------------------------ history

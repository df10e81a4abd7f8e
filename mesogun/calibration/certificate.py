"""The calibration certificate (PDF) of a journal record, written with the reports' PDF toolkit.

Every kind: who, when, the gun, the instrument, the room, the factors before and after, the verdict
(with its reason when it failed) and the expiry. Then, per kind: the figures per volume level with a
chart of the systematic error, the fit and every raw mass (volume); the gauge table and a chart of the
depth error (depth); the flow figures, the trumpet curve and the balance readings (flow). Last, the
gun's calibration history up to this record, with the volume per step over time (its drift).

``certificate(record, history=..., language="fr")`` lays it out; ``write_certificate`` also saves it.
Texts come from :mod:`mesogun.calibration.certificate_texts` (French or English).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from mesogun import __version__
from mesogun.calibration.certificate_texts import CertificateTexts
from mesogun.exports.pdf_charts import ChartStyle, Guide, LineChart, LineSeries
from mesogun.exports.pdf_document import (
    ACCENT,
    ALERT_TEXT,
    FONT_FAMILY,
    Align,
    Column,
    PdfDocument,
    TableRow,
    Tone,
)
from mesogun.journal.calibration_records import CalibrationKind, CalibrationRecord, GunFactors

_SECOND_SERIES = "#B5651D"
_NOMINAL_VOLUME_PER_STEP_NL = 10.0  # the gun's factory factor (firmware_protocol NOMINAL_VOLUME_PER_STEP_PL)


class _Certificate:
    def __init__(
        self,
        record: CalibrationRecord,
        history: Sequence[CalibrationRecord],
        texts: CertificateTexts,
        generated_at: datetime | None,
    ) -> None:
        self.r = record
        self.history = [h for h in history if h.device_serial == record.device_serial and h.seq <= record.seq]
        self.t = texts
        self.doc = PdfDocument(
            texts(f"title.{record.kind.value}"),
            page_label=lambda number, total: texts("page", number=number, total=total),
            generated_at=generated_at,
        )
        self.doc.footer = texts(
            "footer", version=__version__, time=self.doc.generated_at.strftime("%Y-%m-%d %H:%M")
        )
        self.style = ChartStyle(px_per_mm=self.doc.px(1.0), font_family=FONT_FAMILY, number_format=texts.tick)

    # ------------------------------------------------------------------ the common parts

    def build(self) -> PdfDocument:
        r, t, doc = self.r, self.t, self.doc
        doc.title_block(
            t(f"title.{r.kind.value}"),
            subtitle=t("subtitle", model=r.device_model or "—", serial=r.device_serial),
            lines=[t("record", record=r.record_id, seq=r.seq)],
        )
        self._verdict()
        doc.paragraph(self._method(), muted=True)
        self._identity()
        self._factors()
        if r.kind is CalibrationKind.VOLUME:
            self._volume()
        elif r.kind is CalibrationKind.DEPTH:
            self._depth()
        else:
            self._flow()
        self._history()
        return doc

    def _method(self) -> str:
        r, t = self.r, self.t
        if r.kind is CalibrationKind.DEPTH:
            tolerance = r.figures.depth.tolerance_mm if r.figures.depth else 0.1
            return t("method.depth", tolerance=t.number(tolerance, 2))
        if r.kind is CalibrationKind.FLOW:
            tolerance = r.figures.flow.tolerance_pct if r.figures.flow else 5.0
            return t("method.flow", tolerance=t.number(tolerance, 1))
        return t("method.volume")

    def _verdict(self) -> None:
        r, t, doc = self.r, self.t, self.doc
        if r.passed:
            text = (
                t("verdict.passed", date=t.date(r.expires_at.date()))
                if r.expires_at is not None
                else t("verdict.passed_check")
            )
            doc.paragraph(text, size_pt=13, bold=True, color=ACCENT)
            return
        doc.paragraph(t("verdict.failed"), size_pt=13, bold=True, color=ALERT_TEXT)
        doc.paragraph(f"{t('reason')}{t.colon}{r.reason}", color=ALERT_TEXT)
        doc.paragraph(t("verdict.failed_note", id=r.factors_before.calibration_id))

    def _identity(self) -> None:
        r, t = self.r, self.t
        pairs = [
            (t("gun"), f"{r.device_model or '—'} — {r.device_serial}"),
            (t("firmware"), r.device_firmware or t("none")),
            (t("technician"), r.technician),
            (t("started"), t.moment(r.started_at)),
            (t("finished"), t.moment(r.finished_at)),
        ]
        if r.expires_at is not None:
            pairs.append((t("expires"), t.date(r.expires_at.date())))
        if r.syringe:
            pairs.append((t("syringe"), f"{r.syringe} ({r.syringe_capacity_ml}\u00a0ml)"))
        if r.balance_id:
            pairs.append((t("balance"), r.balance_id))
        if r.gauge_id:
            pairs.append((t("gauge"), r.gauge_id))
        if r.temperature_c is not None and r.z_ul_per_mg is not None:
            pairs.append(
                (
                    t("water"),
                    t("water_value", temperature=t.number(r.temperature_c, 1), z=t.number(r.z_ul_per_mg, 5)),
                )
            )
        if r.pressure_hpa is not None and r.humidity_pct is not None:
            pairs.append(
                (
                    t("air"),
                    t(
                        "air_value",
                        pressure=t.number(r.pressure_hpa, 1),
                        humidity=t.number(r.humidity_pct, 0),
                    ),
                )
            )
        self.doc.heading(t("section.identity"))
        self.doc.key_values(pairs)

    def _factors(self) -> None:
        t, before, after = self.t, self.r.factors_before, self.r.factors_after

        rows = [
            [
                t("factor.id"),
                str(before.calibration_id),
                str(after.calibration_id) if after else t("unchanged"),
            ],
            self._factor_row(t("factor.volume"), before, after, "volume_per_step_nl", 3),
            self._factor_row(t("factor.offset"), before, after, "depth_offset_mm", 3),
            self._factor_row(t("factor.scale"), before, after, "depth_scale", 6),
        ]
        self.doc.heading(t("section.factors"))
        self.doc.table(
            [Column(t("factor"), 3), Column(t("before"), 2, Align.RIGHT), Column(t("after"), 2, Align.RIGHT)],
            rows,
        )

    def _factor_row(
        self, label: str, before: GunFactors, after: GunFactors | None, name: str, decimals: int
    ) -> list[str]:
        t = self.t
        old = float(getattr(before, name))
        new = t.number(float(getattr(after, name)), decimals) if after is not None else t("unchanged")
        return [label, t.number(old, decimals), new]

    # ------------------------------------------------------------------ volume

    def _volume(self) -> None:
        r, t, doc = self.r, self.t, self.doc
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
            for stage, color in (("as_found", _SECOND_SERIES), ("verification", ACCENT)):
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
                style=self.style,
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

    # ------------------------------------------------------------------ depth

    def _depth(self) -> None:
        r, t, doc = self.r, self.t, self.doc
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
        for stage, color in (("as_found", _SECOND_SERIES), ("verification", ACCENT)):
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
                    guides=[Guide(tolerance, f"+{tolerance:g} mm"), Guide(-tolerance, f"-{tolerance:g} mm")],
                ),
                height_mm=55,
                style=self.style,
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

    # ------------------------------------------------------------------ flow

    def _flow(self) -> None:
        r, t, doc = self.r, self.t, self.doc
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
                                color=_SECOND_SERIES,
                                markers=True,
                            ),
                        ],
                        guides=[Guide(f.overall_error_pct, t("series.overall"), color="#5B6B78")],
                    ),
                    height_mm=65,
                    style=self.style,
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
                        Guide(f.tolerance_pct, f"+{f.tolerance_pct:g} %"),
                        Guide(-f.tolerance_pct, f"-{f.tolerance_pct:g} %"),
                    ],
                ),
                height_mm=55,
                style=self.style,
            )
        doc.heading(t("section.samples"))
        doc.table(
            [Column(t("time_s"), 1, Align.RIGHT), Column(t("mass_g"), 1, Align.RIGHT)],
            [[t.number(s.time_s, 1), t.number(s.mass_g, 5)] for s in samples],
            font_pt=8,
        )

    # ------------------------------------------------------------------ history

    def _history(self) -> None:
        t, doc = self.t, self.doc
        if not self.history:
            return
        doc.heading(t("section.history"), keep_with_next_mm=90)
        volumes = [
            h for h in self.history if h.kind is CalibrationKind.VOLUME and h.passed and h.factors_after
        ]
        if len(volumes) >= 2:
            first = volumes[0].finished_at
            points = [
                ((h.finished_at - first).total_seconds() / 86400.0, h.factors_after.volume_per_step_nl)
                for h in volumes
                if h.factors_after
            ]
            doc.chart(
                LineChart(
                    t("chart.drift"),
                    t("chart.drift_x", date=t.date(first.date())),
                    t("chart.drift_y"),
                    [LineSeries(t("series.factor"), points, markers=True)],
                    guides=[Guide(_NOMINAL_VOLUME_PER_STEP_NL, t("series.nominal"), color="#5B6B78")],
                ),
                height_mm=55,
                style=self.style,
            )
        doc.table(
            [
                Column(t("date"), 2),
                Column(t("kind"), 2),
                Column(t("technician"), 3),
                Column(t("verdict"), 2),
                Column(t("factor_after"), 3, Align.RIGHT),
            ],
            [
                TableRow(
                    [
                        t.date(h.finished_at.date()),
                        t(f"kind.{h.kind.value}"),
                        h.technician,
                        t("pass") if h.passed else t("fail"),
                        self._factor_summary(h),
                    ],
                    Tone.NORMAL if h.passed else Tone.ALERT,
                )
                for h in self.history
            ],
        )

    def _factor_summary(self, h: CalibrationRecord) -> str:
        t, after = self.t, h.factors_after
        if after is None:
            return t("none")
        if h.kind is CalibrationKind.DEPTH:
            return f"{t.signed(after.depth_offset_mm, 3)}\u00a0mm × {t.number(after.depth_scale, 4)}"
        return f"{t.number(after.volume_per_step_nl, 3)}\u00a0nl"


def certificate(
    record: CalibrationRecord,
    *,
    history: Sequence[CalibrationRecord] = (),
    language: str = "fr",
    generated_at: datetime | None = None,
) -> PdfDocument:
    """The certificate of ``record`` laid out (``save()`` or ``to_bytes()`` it).

    ``history``: the gun's records (``journal.calibrations(serial)``); those up to ``record`` are shown
    with the drift of its volume factor. ``language``: "fr" or "en".
    """
    return _Certificate(record, history, CertificateTexts(language), generated_at).build()


def write_certificate(
    record: CalibrationRecord,
    path: Path | str,
    *,
    history: Sequence[CalibrationRecord] = (),
    language: str = "fr",
    generated_at: datetime | None = None,
) -> int:
    """Write the certificate of ``record`` to ``path`` (owner-only file); returns its number of pages."""
    return certificate(record, history=history, language=language, generated_at=generated_at).save(Path(path))

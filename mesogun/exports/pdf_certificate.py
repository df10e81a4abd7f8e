"""The calibration certificate (PDF) of a journal record, written with the reports' PDF toolkit.

Every kind: who, when, the gun, the instrument, the room, the factors before and after, the verdict
(with its reason when it failed) and the expiry. Then, per kind: the figures per volume level with a
chart of the systematic error, the fit and every raw mass (volume); the gauge table and a chart of the
depth error (depth); the flow figures, the trumpet curve and the balance readings (flow). Last, the
gun's calibration history up to this record, with the volume per step over time (its drift).

``certificate(record, history=..., language="fr")`` lays it out; ``write_certificate`` also saves it.
Texts come from :mod:`mesogun.exports.pdf_certificate_texts` (French or English).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from firmware_protocol.constants import NOMINAL_VOLUME_PER_STEP_PL
from mesogun import __version__
from mesogun.exports.pdf_certificate_kinds import add_depth, add_flow, add_volume
from mesogun.exports.pdf_certificate_texts import CertificateTexts
from mesogun.exports.pdf_charts import Guide, LineChart, LineSeries
from mesogun.exports.pdf_document import (
    ACCENT,
    ALERT_TEXT,
    Align,
    Column,
    PdfDocument,
    TableRow,
    Tone,
)
from mesogun.journal.calibration_records import (
    BalanceIdentity,
    CalibrationKind,
    CalibrationRecord,
    GaugeIdentity,
    GunFactors,
)

_NOMINAL_VOLUME_PER_STEP_NL = NOMINAL_VOLUME_PER_STEP_PL / 1000.0  # the factory factor, the drift's reference


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
            add_volume(doc, t, r)
        elif r.kind is CalibrationKind.DEPTH:
            add_depth(doc, t, r)
        else:
            add_flow(doc, t, r)
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
        doc.paragraph(f"{t('reason')}{t.colon}{t.remark(r.reason or '')}", color=ALERT_TEXT)
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
        pairs += self._balance()
        pairs += self._gauge()
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

    def _balance(self) -> list[tuple[str, str]]:
        """The balance as recorded with the run: model and serial number, resolution, last verification."""
        identity = self.r.raw.balance
        resolution_mg = None if identity is None else identity.resolution_mg
        return self._instrument("balance", identity, self.r.balance_id, resolution_mg, "mg")

    def _gauge(self) -> list[tuple[str, str]]:
        """The depth gauge as recorded with the calibration: model and number, resolution, verification."""
        identity = self.r.raw.depth_gauge
        resolution_mm = None if identity is None else identity.resolution_mm
        return self._instrument("gauge", identity, self.r.gauge_id, resolution_mm, "mm")

    def _instrument(
        self,
        key: str,
        identity: BalanceIdentity | GaugeIdentity | None,
        named_id: str | None,
        resolution: float | None,
        unit: str,
    ) -> list[tuple[str, str]]:
        """An instrument's lines (``key``: its texts' prefix); a record made before the instrument's
        identity was recorded (``identity`` None) shows the name given then."""
        t = self.t
        if identity is None:
            return [(t(key), named_id)] if named_id else []
        serial = identity.serial or named_id
        named = " — ".join(
            part for part in (identity.model, t(f"{key}.serial", serial=serial) if serial else None) if part
        )
        pairs = [(t(key), named)] if named else []
        if resolution is not None:
            pairs.append((t(f"{key}.resolution"), f"{t.tick(resolution)}\u00a0{unit}"))
        if identity.verified_on is not None:
            pairs.append((t(f"{key}.verified"), t.date(identity.verified_on)))
        return pairs

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
                number_format=t.tick,
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
    overwrite: bool = False,
) -> int:
    """Write the certificate of ``record`` to ``path`` (owner-only file, an existing one replaced only
    with ``overwrite``); returns its number of pages."""
    document = certificate(record, history=history, language=language, generated_at=generated_at)
    return document.save(Path(path), overwrite=overwrite)

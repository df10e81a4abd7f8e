"""The session report (PDF) for the patient file: a printed view of what the journal holds on a session.

Identity (pseudonym, practitioner, indication, plan and version, limits version, gun serial, firmware
and calibration, consent and screening, start, end, status and reason, the next session's due date),
products with lot, expiry and what was delivered of each (µl of the product, mg of its active
substance), the delivery per point (planned vs delivered, chart and table), the volume over time, every
dose, alarms, overrides, skipped points, syringe changes, calibration warnings, notes, adverse events,
corrections, and where the record stands in the journal's hash chain (with the chain checked at
printing when asked). Volumes in µl, depths in mm, times in UTC.

Nothing is computed here that the journal does not say: the report is a view, like the other exports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mesogun import __version__
from mesogun.catalogue.contraindications import load_contraindications
from mesogun.catalogue.texts import substance_name
from mesogun.exports.pdf_aftercare import add_aftercare, add_letterhead
from mesogun.exports.pdf_charts import BarChart, BarSeries, LineChart, LineSeries
from mesogun.exports.pdf_document import Align, Column, PdfDocument, TableRow, Tone
from mesogun.exports.pdf_summary import PointOutcome, SessionFigures, builtin_plan_for, session_figures
from mesogun.exports.pdf_texts import ReportTexts
from mesogun.journal.records import DoseRecord, DoseResult, SessionProduct, SessionRecord, VerifyReport
from mesogun.journal.store import JournalStore
from mesogun.models import SessionPlan
from mesogun.patients.history import JournalHistory, delivered_mg
from mesogun.patients.rhythm import next_due_after
from mesogun.practice import Practice
from mesogun.vocabulary.alarm_details import alarm_detail_text

_DOSE_TONES = {
    DoseResult.COMPLETE: Tone.NORMAL,
    DoseResult.PARTIAL: Tone.WARNING,
    DoseResult.CANCELLED: Tone.WARNING,
    DoseResult.FAILED: Tone.ALERT,
}


@dataclass(frozen=True)
class WrittenReport:
    """A report written to ``path``: its pages and the doses it lists."""

    path: Path
    pages: int
    dose_count: int


class _Report:
    """Lays out one session's report on a PdfDocument."""

    def __init__(
        self,
        record: SessionRecord,
        doses: Sequence[DoseRecord],
        texts: ReportTexts,
        figures: SessionFigures,
        plan: SessionPlan | None,
        chain: VerifyReport | None,
        generated_at: datetime | None,
        next_due: datetime | None = None,
        practice: Practice | None = None,
    ) -> None:
        self.record, self.doses, self.t, self.figures = record, doses, texts, figures
        self.plan, self.chain, self.next_due = plan, chain, next_due
        self.practice = practice or Practice()
        self.doc = PdfDocument(
            f"{texts('report.title')} — {record.patient_pseudonym}",
            page_label=lambda number, total: texts("page", number=number, total=total),
            generated_at=generated_at,
        )
        self.doc.footer = texts("footer", version=__version__, time=texts.minute(self.doc.generated_at))

    def build(self) -> PdfDocument:
        self._identity()
        self._screening()
        self._products()
        self._delivery()
        self._doses()
        self._alarms()
        self._overrides()
        self._skips()
        self._decisions()
        self._syringes()
        self._calibration()
        self._notes()
        self._adverse()
        self._corrections()
        self._journal()
        self._signature()
        return self.doc

    # ------------------------------------------------------------------ sections

    def _signature(self) -> None:
        """Places for the date and the practitioner's signature, side by side."""
        t, doc = self.t, self.doc
        doc.spacer(6)
        doc.signature([t("signature.date"), t("signature.practitioner")])

    def _identity(self) -> None:
        r, t, doc = self.record, self.t, self.doc
        add_letterhead(doc, self.practice, t)
        doc.title_block(
            t("report.title"),
            subtitle=t("report.subtitle", patient=r.patient_pseudonym, date=t.date(r.started_at.date())),
            lines=[t("report.purpose")],
        )
        doc.heading(t("section.session"))
        status = t.word("status", r.status.value)
        if r.abort_reason:
            status = t("status.with_reason", status=status, reason=t.remark(r.abort_reason))
        plan = (
            t("plan.version", name=r.plan_name, version=r.plan_version or t("none"))
            if r.plan_name
            else t("none")
        )
        if r.plan_hash:
            # The first 12 hex digits of the content hash: enough to match a plan file by eye.
            plan = t("plan.hash", plan=plan, hash=r.plan_hash[:12])
        device = t("none")
        if r.device_serial:
            device = (
                t("device.firmware", serial=r.device_serial, firmware=r.device_firmware)
                if r.device_firmware
                else r.device_serial
            )
        doc.key_values(
            [
                (t("field.session_id"), r.session_id),
                (t("field.patient"), r.patient_pseudonym),
                (t("field.practitioner"), r.practitioner),
                (t("field.indication"), r.indication),
                (t("field.plan"), plan),
                (t("field.limits"), r.limits_version),
                (t("field.device"), device),
                (t("field.calibration"), r.calibration_id or t("none")),
                (t("field.started"), t.moment(r.started_at)),
                (t("field.ended"), t.moment(r.ended_at) if r.ended_at else t("none")),
                (t("field.status"), status),
                *([(t("field.next_due"), t.date(self.next_due.date()))] if self.next_due else []),
            ]
        )

    def _screening(self) -> None:
        r, t, doc = self.record, self.t, self.doc
        doc.heading(t("section.screening"))
        if r.consent_given is None:
            consent = t("consent.unknown")
        elif r.consent_given:
            consent = t("consent.given", time=t.moment(r.consent_at)) if r.consent_at else t("yes")
        else:
            consent = t("consent.refused")
        doc.key_values([(t("field.consent"), consent), (t("field.screened_by"), r.screened_by or t("none"))])
        # The questions as the sources word them (product- and point-linked ones are not in the plan).
        registry = load_contraindications()
        questions = {code: registry.question(code, t.language) for code in registry.contraindications}
        if self.plan is not None and t.language == "fr":
            questions |= {c.code: c.question_fr for c in self.plan.contraindications}
        # The question in words only: its code is the journal's key, not something to read.
        doc.table(
            [
                Column(t("col.question"), 6.3),
                Column(t("col.answer"), 0.9),
                Column(t("col.blocking"), 0.9),
            ],
            [
                TableRow(
                    [
                        questions.get(a.code, a.question),
                        t("yes") if a.answer else t("no"),
                        t("yes") if a.blocking else t("no"),
                    ],
                    Tone.ALERT if a.answer and a.blocking else (Tone.WARNING if a.answer else Tone.NORMAL),
                )
                for a in r.contraindications
            ],
            empty_text=t("empty.screening"),
        )

    def _products(self) -> None:
        r, t, doc = self.record, self.t, self.doc
        doc.heading(t("section.products"))
        totals = {(x.name, x.concentration, x.lot): x.delivered_ul for x in r.totals}
        doc.table(
            [
                Column(t("col.product"), 2.2),
                Column(t("col.concentration"), 1.4),
                Column(t("col.lot"), 1.4),
                Column(t("col.expiry"), 1.2),
                Column(t("col.share"), 0.9, Align.RIGHT),
                Column(t("col.delivered_ul"), 1.2, Align.RIGHT),
                Column(t("col.delivered_mg"), 1.6, Align.RIGHT),
            ],
            [
                [
                    p.name,
                    p.concentration or t("none"),
                    p.lot or t("none"),
                    t.date(p.expiry) if p.expiry else t("none"),
                    t.number(p.proportion_pct, 0),
                    t.number(totals.get((p.name, p.concentration, p.lot), 0.0)),
                    self._mg_text(p, totals.get((p.name, p.concentration, p.lot), 0.0)),
                ]
                for p in r.products
            ],
            empty_text=t("empty.products"),
        )

    def _mg_text(self, product: SessionProduct, delivered_ul: float) -> str:
        """Mg of each active substance in ``delivered_ul`` of the product (its name when several)."""
        t = self.t
        amounts = delivered_mg(product, delivered_ul)
        if not amounts:
            return t("none")
        parts = [(t.number(mg, 2), substance_name(code, t.language)) for code, mg in amounts.items()]
        if len(parts) == 1:
            return parts[0][0]
        return ", ".join(f"{value} ({name})" for value, name in parts)

    def _delivery(self) -> None:
        f, t, doc = self.figures, self.t, self.doc
        doc.heading(t("section.delivery"), keep_with_next_mm=70)
        if f.plan_known:
            points = t(
                "delivery.points_value",
                done=f.count(PointOutcome.DONE),
                partial=f.count(PointOutcome.PARTIAL),
                skipped=f.count(PointOutcome.SKIPPED),
                not_done=f.count(PointOutcome.NOT_DONE),
            )
        else:
            points = t(
                "delivery.points_no_plan",
                delivered=f.count(PointOutcome.DELIVERED)
                + f.count(PointOutcome.PARTIAL)
                + f.count(PointOutcome.DONE),
                skipped=f.count(PointOutcome.SKIPPED),
            )
        pairs = [
            (t("delivery.doses"), str(f.dose_count)),
            (t("delivery.delivered"), t.volume(f.delivered_ul)),
        ]
        if f.planned_ul is not None:
            pairs.append((t("delivery.planned"), t.volume(f.planned_ul)))
        pairs += [(t("delivery.short_doses"), str(f.partial_doses)), (t("delivery.points"), points)]
        doc.key_values(pairs)
        if not f.plan_known:
            doc.paragraph(t("delivery.plan_unknown"), muted=True)
        if f.points:
            categories = [str(point.index + 1) for point in f.points]
            series = [BarSeries(t("chart.delivered"), [p.delivered_ul for p in f.points])]
            if f.plan_known:
                planned = BarSeries(t("chart.planned"), [p.planned_ul or 0.0 for p in f.points], outline=True)
                series.insert(0, planned)
            title = t("chart.points") if f.plan_known else t("chart.points_delivered")
            doc.chart(
                BarChart(title, categories, series, t("chart.volume"), x_label=t("chart.point_axis")),
                number_format=self._tick,
            )
        if len(f.cumulative_ul) > 1:
            minutes = [(seconds / 60.0, volume) for seconds, volume in f.cumulative_ul]
            doc.chart(
                LineChart(
                    t("chart.cumulative"),
                    t("chart.minutes"),
                    t("chart.volume"),
                    [LineSeries(t("chart.delivered"), minutes, step=True)],
                ),
                height_mm=50,
                number_format=self._tick,
            )
        doc.table(
            [
                Column(t("col.point"), 0.6, Align.RIGHT),
                Column(t("col.site"), 3.2),
                Column(t("col.technique"), 1.4),
                Column(t("col.planned_ul"), 1, Align.RIGHT),
                Column(t("col.delivered_ul"), 1, Align.RIGHT),
                Column(t("col.shots"), 0.6, Align.RIGHT),
                Column(t("col.outcome"), 1.1),
            ],
            [
                TableRow(
                    [
                        str(p.index + 1),
                        t.site(p.site_region, p.laterality, p.acupoint_code, p.zone),
                        t.word("technique", p.technique),
                        t.number(p.planned_ul) if p.planned_ul is not None else t("none"),
                        t.number(p.delivered_ul),
                        str(p.shots),
                        t.word("outcome", p.outcome.value),
                    ],
                    Tone.WARNING
                    if p.outcome in (PointOutcome.PARTIAL, PointOutcome.NOT_DONE)
                    else Tone.NORMAL,
                )
                for p in f.points
            ],
        )

    def _tick(self, value: float) -> str:
        return self.t.number(value, 0 if float(value).is_integer() else 1)

    def _doses(self) -> None:
        t, doc = self.t, self.doc
        doc.heading(t("section.doses", count=len(self.doses)))
        start_day = t.local(self.record.started_at).date()

        def same_day(dose: DoseRecord) -> bool:
            return t.local(dose.time_utc).date() == start_day

        # One offset for every dose (no change of clocks during the session): the header states it.
        offsets = {t.offset(d.time_utc) for d in self.doses}
        shared = offsets.pop() if len(offsets) == 1 else None
        # "UTC +01:00" in two words: the header may wrap rather than widen the column.
        time_header = f"{t('col.time')} ({shared.replace('UTC', 'UTC ')})" if shared else t("col.time")

        def when(dose: DoseRecord) -> str:
            with_offset = shared is None
            if same_day(dose):
                return t.clock(dose.time_utc, offset=with_offset)
            return t.day_and_clock(dose.time_utc, offset=with_offset)

        # A session that runs past local midnight shows the date with the time: a wider column.
        time_weight = 1.05 if all(same_day(d) for d in self.doses) else 2.4
        if shared is None:
            time_weight += 0.8
        doc.table(
            [
                Column(t("col.number"), 0.7, Align.RIGHT),
                Column(time_header, time_weight),
                Column(t("col.point"), 0.6, Align.RIGHT),
                Column(t("col.site"), 2.1),
                Column(t("col.technique"), 1.45),
                Column(t("col.depth"), 1.0, Align.RIGHT),
                Column(t("col.commanded_ul"), 1.0, Align.RIGHT),
                Column(t("col.delivered_ul"), 1.0, Align.RIGHT),
                Column(t("col.result"), 1.25),
                Column(t("col.override_reason"), 1.6),
            ],
            (
                TableRow(
                    [
                        str(d.event_number),
                        when(d),
                        str(d.point_index + 1),
                        t.site(d.site_region, d.laterality, d.acupoint_code, d.zone),
                        t.word("technique", d.technique),
                        t.number(d.measured_depth_mm),
                        t.number(d.commanded_volume_ul),
                        t.number(d.delivered_volume_ul),
                        t.word("result", d.result.value)
                        + (f" ({t.word('alarm', d.alarm)})" if d.alarm else ""),
                        "; ".join(f"{t.word('field_name', o.field)}{t.colon}{o.reason}" for o in d.overrides),
                    ],
                    _DOSE_TONES[d.result],
                )
                for d in self.doses
            ),
            font_pt=7.0,
            empty_text=t("empty.doses"),
        )

    def _alarms(self) -> None:
        t, doc = self.t, self.doc
        doc.heading(t("section.alarms"))
        doc.table(
            [
                Column(t("col.time"), 2.0),
                Column(t("col.point"), 0.6, Align.RIGHT),
                Column(t("col.alarm"), 2.4),
                Column(t("col.priority"), 0.9),
                Column(t("col.event"), 1),
                Column(t("col.detail"), 2),
                Column(t("col.operator"), 1.3),
            ],
            [
                TableRow(
                    [
                        t.stamp(a.recorded_at),
                        str(a.point_index + 1) if a.point_index is not None else t("none"),
                        t.word("alarm", a.code),
                        t.word("priority", a.priority),
                        t("alarm.raised") if a.raised else t("alarm.cleared"),
                        _detail(t, a.detail),
                        a.operator,
                    ],
                    Tone.ALERT if a.raised and a.priority == "high" else Tone.NORMAL,
                )
                for a in self.record.alarms
            ],
            empty_text=t("empty.alarms"),
        )

    def _overrides(self) -> None:
        t, doc = self.t, self.doc
        doc.heading(t("section.overrides"))
        doc.table(
            [
                Column(t("col.time"), 2.0),
                Column(t("col.point"), 0.6, Align.RIGHT),
                Column(t("col.field"), 1.6),
                Column(t("col.value"), 0.8, Align.RIGHT),
                Column(t("col.limit"), 0.8, Align.RIGHT),
                Column(t("col.reason"), 2.4),
                Column(t("col.confirmed_by"), 1.4),
            ],
            [
                [
                    t.stamp(o.confirmed_at),
                    str(o.point_index + 1) if o.point_index is not None else t("none"),
                    t.word("field_name", o.field),
                    t.number(o.value, 2),
                    t.number(o.limit, 2),
                    o.reason,
                    o.confirmed_by,
                ]
                for o in self.record.overrides
            ],
            empty_text=t("empty.overrides"),
        )

    def _skips(self) -> None:
        t, doc = self.t, self.doc
        with_delivery = {d.point_index for d in self.doses if d.delivered_volume_ul > 0}
        doc.heading(t("section.skips"))
        doc.table(
            [
                Column(t("col.time"), 2.0),
                Column(t("col.point"), 0.6, Align.RIGHT),
                Column(t("col.outcome"), 1.0),
                Column(t("col.reason"), 3.4),
                Column(t("col.operator"), 1.4),
            ],
            [
                [
                    t.stamp(s.recorded_at),
                    str(s.point_index + 1),
                    # A point left after some delivery is partial, not skipped.
                    t.word("outcome", "partial" if s.point_index in with_delivery else "skipped"),
                    t.remark(s.reason),
                    s.operator,
                ]
                for s in self.record.skips
            ],
            empty_text=t("empty.skips"),
        )

    def _decisions(self) -> None:
        """The practitioner's choice for each point a cut shot left short (volumes in µl)."""
        t, doc = self.t, self.doc
        doc.heading(t("section.decisions"))
        doc.table(
            [
                Column(t("col.time"), 2.0),
                Column(t("col.point"), 0.6, Align.RIGHT),
                Column(t("col.decision"), 1.6),
                Column(t("col.delivered_of_target"), 1.6, Align.RIGHT),
                Column(t("col.remainder_shot"), 1.2, Align.RIGHT),
                Column(t("col.reason"), 2.4),
                Column(t("col.operator"), 1.4),
            ],
            [
                [
                    t.stamp(d.recorded_at),
                    str(d.point_index + 1),
                    t(f"decision.{d.choice.value}"),
                    f"{t.number(d.delivered_ul)} / {t.number(d.target_ul)}",
                    t.number(d.remainder_shot_ul) if d.remainder_shot_ul is not None else "—",
                    d.reason or "",
                    d.operator,
                ]
                for d in self.record.decisions
            ],
            empty_text=t("empty.decisions"),
        )

    def _syringes(self) -> None:
        t, doc = self.t, self.doc
        doc.heading(t("section.syringes"))
        doc.table(
            [
                Column(t("col.time"), 2.0),
                Column(t("col.products_lots"), 3.4),
                Column(t("col.capacity"), 1, Align.RIGHT),
                Column(t("col.fill"), 1, Align.RIGHT),
                Column(t("col.operator"), 1.4),
            ],
            [
                [
                    t.stamp(c.recorded_at),
                    ", ".join(f"{p.name} ({p.lot or t('none')})" for p in c.products),
                    str(c.capacity_ml) if c.capacity_ml is not None else t("none"),
                    t.number(c.fill_ul) if c.fill_ul is not None else t("none"),
                    c.operator,
                ]
                for c in self.record.syringe_changes
            ],
            empty_text=t("empty.syringes"),
        )

    def _calibration(self) -> None:
        t, doc = self.t, self.doc
        doc.heading(t("section.calibration"))
        doc.table(
            [
                Column(t("col.time"), 2.0),
                Column(t("col.gun"), 1.1),
                Column(t("col.calibration"), 1.0),
                Column(t("col.message"), 3),
                Column(t("col.acknowledged_by"), 1.4),
            ],
            [
                TableRow(
                    [
                        t.stamp(w.recorded_at),
                        w.device_serial,
                        w.calibration_id or t("none"),
                        t.remark(w.message),
                        w.acknowledged_by,
                    ],
                    Tone.WARNING,
                )
                for w in self.record.calibration_warnings
            ],
            empty_text=t("empty.calibration"),
        )

    def _notes(self) -> None:
        t, doc = self.t, self.doc
        doc.heading(t("section.notes"))
        doc.table(
            [Column(t("col.time"), 2.0), Column(t("col.author"), 1.4), Column(t("col.note"), 5)],
            [[t.stamp(n.recorded_at), n.author, t.remark(n.text)] for n in self.record.notes],
            empty_text=t("empty.notes"),
        )

    def _adverse(self) -> None:
        t, doc = self.t, self.doc
        doc.heading(t("section.adverse"))
        doc.table(
            [
                Column(t("col.observed"), 2.0),
                Column(t("col.description"), 2.6),
                Column(t("col.severity"), 0.9),
                Column(t("col.action"), 2),
                Column(t("col.reported_by"), 1.3),
            ],
            [
                TableRow(
                    [
                        t.stamp(e.observed_at),
                        e.description,
                        t.word("severity", e.severity.value) if e.severity else t("none"),
                        e.action_taken or t("none"),
                        e.reported_by,
                    ],
                    Tone.ALERT,
                )
                for e in self.record.adverse_events
            ],
            empty_text=t("empty.adverse"),
        )

    def _corrections(self) -> None:
        t, doc = self.t, self.doc
        doc.heading(t("section.corrections"))

        def change(values: dict[str, object], previous: dict[str, object]) -> str:
            return "; ".join(f"{name}: {previous.get(name)!s} → {value!s}" for name, value in values.items())

        doc.table(
            [
                Column(t("col.time"), 2.0),
                Column(t("col.row"), 1.4),
                Column(t("col.change"), 2.8),
                Column(t("col.reason"), 2),
                Column(t("col.author"), 1.2),
            ],
            [
                [
                    t.stamp(c.recorded_at),
                    f"{c.target_table} #{c.target_seq}",
                    change(dict(c.changes), dict(c.previous)),
                    c.reason,
                    c.author,
                ]
                for c in self.record.corrections
            ],
            empty_text=t("empty.corrections"),
        )

    def _journal(self) -> None:
        r, t, doc = self.record, self.t, self.doc
        doc.heading(t("section.journal"))
        rows = [r.seq, *(d.seq for d in self.doses)]
        for group in (
            r.notes,
            r.alarms,
            r.overrides,
            r.skips,
            r.decisions,
            r.syringe_changes,
            r.calibration_warnings,
            r.corrections,
            r.adverse_events,
        ):
            rows.extend(item.seq for item in group)
        pairs = [(t("journal.position"), t("journal.position_value", opened=r.seq, last=max(rows)))]
        chain = self.chain
        if chain is None:
            pairs.append((t("journal.check"), t("journal.not_checked")))
        elif chain.ok:
            pairs.append((t("journal.check"), t("journal.intact", rows=chain.rows_checked)))
        else:
            broken = chain.first_broken
            assert broken is not None  # a failed check names its first broken link
            pairs.append(
                (
                    t("journal.check"),
                    t(
                        "journal.broken",
                        seq=broken.seq,
                        table=broken.table,
                        reason=t.broken_reason(broken.reason),
                    ),
                )
            )
        if chain is not None:
            pairs.append(
                (t("journal.head"), t("journal.head_value", seq=chain.head_seq, hash=chain.head_hash))
            )
        doc.key_values(pairs)
        if chain is not None:
            doc.paragraph(t("journal.explain"), muted=True, size_pt=8)


def session_report(
    record: SessionRecord,
    doses: Sequence[DoseRecord],
    *,
    language: str = "fr",
    plan: SessionPlan | None = None,
    chain: VerifyReport | None = None,
    generated_at: datetime | None = None,
    aftercare: bool = True,
    next_due: datetime | None = None,
    practice: Practice | None = None,
) -> PdfDocument:
    """The report of ``record`` and its ``doses``, laid out (``save()`` or ``to_bytes()`` it).

    With ``aftercare``, the patient's after-care sheet follows on a page of its own (printed with the
    report, handed to the patient).

    ``language``: ``"fr"`` or ``"en"``; ``plan``: the session's plan (default: the built-in plan of
    the recorded name and version, if any) for the planned volumes; ``chain``: a ``verify()`` result to
    print with the record's place in the journal; ``generated_at``: the time in the footer (UTC);
    ``next_due``: when the patient's next session is due (see ``next_due_after``); ``practice``: the
    clinic and practitioner printed at the top (see ``mesogun.practice``; none when not given).
    """
    texts = ReportTexts(language)
    chosen = plan if plan is not None else builtin_plan_for(record)
    figures = session_figures(record, doses, chosen)
    report = _Report(record, doses, texts, figures, chosen, chain, generated_at, next_due, practice)
    document = report.build()
    if aftercare:
        add_aftercare(document, record, doses, texts, new_page=True, practice=practice)
    return document


def write_session_report(
    journal: JournalStore,
    session_id: str,
    path: Path | str,
    *,
    language: str = "fr",
    plan: SessionPlan | None = None,
    check_chain: bool = True,
    generated_at: datetime | None = None,
    overwrite: bool = False,
    aftercare: bool = True,
    practice: Practice | None = None,
) -> WrittenReport:
    """Write the report of session ``session_id`` (id or unique prefix) to ``path`` (owner-only file).

    With ``check_chain`` the whole journal is verified first (it can take seconds on a big journal)
    and the verdict and head hash are printed with the record. Returns the pages and doses written.
    """
    full_id = journal.resolve_session_id(session_id)
    record = journal.session(full_id)
    doses = journal.doses(full_id)
    chain = journal.verify() if check_chain else None
    chosen = plan if plan is not None else builtin_plan_for(record)
    due = next_due_after(record, chosen, JournalHistory(journal)) if chosen is not None else None
    document = session_report(
        record,
        doses,
        language=language,
        plan=plan,
        chain=chain,
        generated_at=generated_at,
        aftercare=aftercare,
        next_due=due,
        practice=practice,
    )
    target = Path(path)
    pages = document.save(target, overwrite=overwrite)
    return WrittenReport(target, pages, len(doses))


__all__ = ["WrittenReport", "session_report", "write_session_report"]


def _detail(t: ReportTexts, detail: str) -> str:
    """An alarm row's detail in words of the report's language (an older row's sentence as it is)."""
    return alarm_detail_text(detail, "fr" if t.language == "fr" else "en")

"""The closing summary of ``mesogun run``: outcome, points by status, totals per product and substance,
alarms, overrides, skips and decisions, and how to export the session, in French or English."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mesogun.catalogue.texts import substance_name
from mesogun.journal import SessionRecord
from mesogun.journal.records import AlarmRecord, PartialChoice
from mesogun.patients.history import delivered_mg
from mesogun.session import Acknowledgement, PointStatus, SessionSnapshot, SessionState
from mesogun.vocabulary import Language, name, name_of_code, number, quantity, remark_text
from mesogun.vocabulary.alarm_details import alarm_detail_text
from mesogun.vocabulary.counting import counted
from mesogun.vocabulary.error_words import field_text
from mesogun.vocabulary.run_words import run_word

_FINAL = (SessionState.COMPLETED, SessionState.STOPPED, SessionState.ABORTED)


def volume_words(volume_ul: float, language: Language, decimals: int = 1) -> str:
    """A volume in µl, the language's way (``100,0 µl``)."""
    return quantity(volume_ul, "µl", decimals, language)


def short_volume(volume_ul: float, language: Language) -> str:
    """A volume in µl without a needless decimal (``30 µl``, ``32,5 µl``)."""
    return volume_words(volume_ul, language, 0 if float(volume_ul).is_integer() else 1)


def alarm_episodes(
    alarms: Sequence[AlarmRecord],
) -> list[tuple[AlarmRecord | None, AlarmRecord | None]]:
    """Every alarm of a session as (raised row, its acknowledgement row), in journal order.

    An acknowledgement pairs with the latest raise of its code not yet acknowledged; one without a
    raise (a journal written before raises on return were recorded) is an alarm of its own.
    """
    episodes: list[tuple[AlarmRecord | None, AlarmRecord | None]] = []
    waiting: dict[str, int] = {}  # code -> index of its open episode
    for alarm in alarms:
        if alarm.raised:
            waiting[alarm.code] = len(episodes)
            episodes.append((alarm, None))
        elif alarm.code in waiting:
            index = waiting.pop(alarm.code)
            episodes[index] = (episodes[index][0], alarm)
        else:
            episodes.append((None, alarm))
    return episodes


def acknowledgement_words(row: AlarmRecord, language: Language) -> str:
    """Who acknowledged, and how, in words."""
    how = Acknowledgement.of(row.detail)
    if how is Acknowledgement.OPERATOR:
        return run_word("ack_operator", language, who=row.operator)
    if how is Acknowledgement.ON_RETURN:
        return run_word("ack_on_return", language, who=row.operator)
    if how is Acknowledgement.UNATTENDED:
        return run_word("ack_unattended", language, who=row.operator)
    if row.detail.startswith("acknowledged"):  # written in words, before it was a code
        return row.detail
    if row.operator:
        return run_word("ack_other", language, detail=row.detail, who=row.operator)
    return run_word("cleared", language, detail=row.detail)


def alarm_line(raised: AlarmRecord | None, acknowledged: AlarmRecord | None, language: Language) -> str:
    """``occlusion / surpression (haute) au point 3 : déclenchée par le pistolet (événement n° 12) ; …``."""
    first = raised or acknowledged
    assert first is not None
    where = (
        run_word("at_point", language, number=first.point_index + 1) if first.point_index is not None else ""
    )
    what = [] if raised is None else [alarm_detail_text(raised.detail, language)]
    what.append(
        acknowledgement_words(acknowledged, language)
        if acknowledged is not None
        else run_word("not_acknowledged", language)
    )
    separator = "\u202f; " if language == "fr" else "; "
    return run_word(
        "alarm_line",
        language,
        alarm=name_of_code("AlarmCode", first.code, language, short=True),
        priority=name_of_code("AlarmPriority", first.priority, language),
        where=where,
        what=separator.join(what),
    )


def _amounts(amounts: dict[str, float], language: Language) -> str:
    parts = []
    for code, value_mg in amounts.items():
        substance = substance_name(code, language)
        if len(substance) > 1 and not substance[1].isupper():  # inside a sentence (an acronym keeps it)
            substance = substance[:1].lower() + substance[1:]
        elided = language == "fr" and substance[:1].lower() in "aeiouyhéèêâîôû"
        of = "d’" if elided else "de "
        mg = quantity(value_mg, "mg", 2, language)
        parts.append(run_word("substance_amount", language, mg=mg, of=of, substance=substance))
    return "".join(parts)


def _record_lines(record: SessionRecord, language: Language) -> list[str]:
    lines = []
    if record.abort_reason:
        lines.append(run_word("reason", language, reason=remark_text(record.abort_reason, language)))
    products = {(p.name, p.concentration, p.lot): p for p in record.products}
    for change in record.syringe_changes:
        products |= {(p.name, p.concentration, p.lot): p for p in change.products}
    for total in record.totals:
        lot = run_word("lot", language, lot=total.lot) if total.lot else run_word("no_lot_recorded", language)
        product = products.get((total.name, total.concentration, total.lot))
        amounts = delivered_mg(product, total.delivered_ul) if product is not None else {}
        lines.append(
            run_word(
                "product_total",
                language,
                product=f"{total.name} {total.concentration}",
                lot=lot,
                volume=volume_words(total.delivered_ul, language),
                amounts=_amounts(amounts, language),
            )
        )
    episodes = alarm_episodes(record.alarms)
    lines.append(
        run_word("alarms_count", language, count=len(episodes))
        if episodes
        else run_word("alarms_none", language)
    )
    lines += [alarm_line(raised, acknowledged, language) for raised, acknowledged in episodes]
    overrides = record.overrides
    lines.append(
        run_word("overrides_count", language, count=len(overrides))
        if overrides
        else run_word("overrides_none", language)
    )
    for override in overrides:
        where = (
            run_word("point_where", language, number=override.point_index + 1)
            if override.point_index is not None
            else ""
        )
        lines.append(
            run_word(
                "override_line",
                language,
                field=field_text(override.field, language),
                where=where,
                value=_figure(override.value, language),
                limit=_figure(override.limit, language),
                reason=override.reason,
            )
        )
    if record.skips:
        lines.append(run_word("skips_heading", language))
        lines += [
            run_word("skip_line", language, number=s.point_index + 1, reason=remark_text(s.reason, language))
            for s in record.skips
        ]
    if record.decisions:
        lines.append(run_word("decisions_heading", language))
        for decision in record.decisions:
            shot = decision.remainder_shot_ul
            then = (
                run_word("then_shot", language, volume=short_volume(shot, language))
                if shot is not None
                else ""
            )
            why = (
                run_word("why", language, reason=remark_text(decision.reason, language))
                if decision.reason
                else ""
            )
            lines.append(
                run_word(
                    "decision_line",
                    language,
                    number=decision.point_index + 1,
                    choice=name(PartialChoice(decision.choice), language),
                    delivered=number(decision.delivered_ul, _decimals(decision.delivered_ul), language),
                    target=short_volume(decision.target_ul, language),
                    then=then,
                    why=why,
                    operator=decision.operator,
                )
            )
    return lines


def _decimals(value: float) -> int:
    return 0 if float(value).is_integer() else 1


def _figure(value: float, language: Language) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if language == "fr" else text


def summary(
    snapshot: SessionSnapshot, record: SessionRecord | None, journal_file: Path, language: Language = "en"
) -> list[str]:
    """The closing summary: outcome, points by status, totals per product, alarms, overrides, export."""
    counts = {status: 0 for status in PointStatus}
    for point in snapshot.points:
        counts[point.status] += 1
    session_id = snapshot.session_id
    if session_id is None:
        # Refused before the screening passed: nothing reached the gun or the journal.
        return ["", run_word("no_session", language)]
    state = name(snapshot.state, language).lower()
    if snapshot.state in _FINAL:
        outcome = state
    else:
        outcome = run_word("left_open_outcome", language, state=state, session=session_id)
    lines = [
        "",
        run_word("outcome", language, session=session_id, outcome=outcome),
        run_word(
            "points_summary",
            language,
            done=counted(counts[PointStatus.DONE], "done", language),
            partial=counted(counts[PointStatus.PARTIAL], "partial", language),
            skipped=counted(counts[PointStatus.SKIPPED], "skipped", language),
            not_done=counted(counts[PointStatus.TODO] + counts[PointStatus.CURRENT], "not_done", language),
            total=snapshot.point_count,
        ),
        run_word("delivered", language, volume=volume_words(snapshot.delivered_ul, language)),
    ]
    if record is not None:
        lines += _record_lines(record, language)
    else:
        for label, volume_ul in snapshot.totals_ul:
            lines.append(
                run_word("label_total", language, product=label, volume=volume_words(volume_ul, language))
            )
    export = f"mesogun sessions export {session_id} --journal {journal_file}"
    lines.append(run_word("report", language, command=export))
    lines.append(run_word("export", language, command=export))
    return lines

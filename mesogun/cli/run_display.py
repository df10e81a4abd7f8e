"""What ``mesogun run`` prints: a line per point as it ends, a status line, the closing summary."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from mesogun.journal import SessionRecord
from mesogun.journal.records import AlarmRecord
from mesogun.patients.history import delivered_mg
from mesogun.session import Acknowledgement, PointProgress, PointStatus, SessionSnapshot, SessionState
from mesogun.session.alarm_detail import detail_words
from mesogun.vocabulary import remark_text

_ENDED = (PointStatus.DONE, PointStatus.PARTIAL, PointStatus.SKIPPED)
_CLEAR_LINE = "\r\x1b[K"
_FINAL = (SessionState.COMPLETED, SessionState.STOPPED, SessionState.ABORTED)
#: States whose changing message goes to the status line only (each answer, each armed point).
_QUIET = (SessionState.SCREENING, SessionState.RUNNING)


def point_line(point: PointProgress, total: int) -> str:
    """``✓ 3/10 VG20 (GV20) Baihui — 1/1 shots, 50.0 µl`` (✓ done, ~ partial, – skipped)."""
    mark = {PointStatus.DONE: "✓", PointStatus.PARTIAL: "~", PointStatus.SKIPPED: "–"}.get(point.status, " ")
    if point.target_shots is not None:
        target = f"{point.shots}/{point.target_shots} shots"
    else:
        target = f"{point.shots} shots"
    volume = f"{point.delivered_ul:.1f} µl"
    if point.target_volume_ul is not None:
        volume += f" of {point.target_volume_ul:g} µl"
    again = " (repeated)" if point.repeated else ""
    return (
        f"{mark} {point.index + 1}/{total} {point.label} — {target}, {volume}{again} [{point.status.value}]"
    )


def status_line(snapshot: SessionSnapshot) -> str:
    """One line: state, point n/N, site, shots done/target, delivered µl, armed."""
    parts = [snapshot.state.value.upper()]
    current = snapshot.current
    if current is not None:
        parts.append(f"point {current.index + 1}/{snapshot.point_count} {current.label}")
        if current.target_shots is not None:
            parts.append(f"shots {current.shots}/{current.target_shots}")
        else:
            parts.append(f"{current.delivered_ul:.1f}/{current.target_volume_ul or 0:g} µl")
    parts.append(f"session {snapshot.delivered_ul:.1f} µl")
    if snapshot.armed:
        parts.append("ARMED")
    if snapshot.active_alarms:
        parts.append("alarms " + ",".join(sorted(a.name for a in snapshot.active_alarms)))
    return " | ".join(parts)


class ProgressPrinter:
    """Prints what changed between two snapshots; on a terminal keeps a status line refreshed in place."""

    def __init__(self, out: TextIO, *, tty: bool) -> None:
        self._out = out
        self._tty = tty
        self._previous: SessionSnapshot | None = None
        self._status_shown = False

    def update(self, snapshot: SessionSnapshot, *, refresh_status: bool = True) -> None:
        """Print what changed since the last snapshot; ``refresh_status``: rewrite the status line."""
        previous = self._previous
        self._previous = snapshot
        lines: list[str] = []
        if previous is None:
            ended = sum(1 for p in snapshot.points if p.status in _ENDED)
            if ended:  # a resumed session: what the journal holds already, in one line
                lines.append(f"{ended} of {snapshot.point_count} points already done or left")
        else:
            before = {p.index: p.status for p in previous.points}
            for point in snapshot.points:
                if point.status in _ENDED and before.get(point.index) != point.status:
                    lines.append(point_line(point, snapshot.point_count))
        if previous is None or snapshot.state is not previous.state:
            lines.append(f"[{snapshot.state.value}] {snapshot.message}".rstrip())
        elif snapshot.message != previous.message and snapshot.state not in _QUIET:
            lines.append(f"[{snapshot.state.value}] {snapshot.message}")
        if snapshot.last_error and (previous is None or snapshot.last_error != previous.last_error):
            lines.append(f"! {snapshot.last_error}")
        self.print_lines(lines)
        if refresh_status and self._tty and snapshot.state not in _FINAL:
            self._out.write(_CLEAR_LINE + status_line(snapshot))
            self._out.flush()
            self._status_shown = True

    def print_lines(self, lines: list[str]) -> None:
        """Print whole lines (above the status line on a terminal)."""
        if not lines:
            return
        if self._status_shown:
            self._out.write(_CLEAR_LINE)
            self._status_shown = False
        for line in lines:
            self._out.write(line + "\n")
        self._out.flush()

    def end_status(self) -> None:
        """Leave the status line before a prompt or the summary."""
        if self._status_shown:
            self._out.write(_CLEAR_LINE)
            self._out.flush()
            self._status_shown = False


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


def acknowledgement_words(row: AlarmRecord) -> str:
    """Who acknowledged, and how, in words."""
    how = Acknowledgement.of(row.detail)
    if how is Acknowledgement.OPERATOR:
        return f"acknowledged by {row.operator}"
    if how is Acknowledgement.ON_RETURN:
        return f"acknowledged on the host's return, in {row.operator}'s attended session"
    if how is Acknowledgement.UNATTENDED:
        return f"acknowledged by the unattended run (--acknowledge-unattended) started by {row.operator}"
    if row.detail.startswith("acknowledged"):  # written in words, before it was a code
        return row.detail
    return f"acknowledged ({row.detail}) by {row.operator}" if row.operator else f"cleared ({row.detail})"


def alarm_line(raised: AlarmRecord | None, acknowledged: AlarmRecord | None) -> str:
    """``occlusion (high) at point 3: raised by the gun (event #12); acknowledged by Dr Martin``."""
    first = raised or acknowledged
    assert first is not None
    where = f" at point {first.point_index + 1}" if first.point_index is not None else ""
    what = [] if raised is None else [detail_words(raised.detail)]
    what.append(acknowledgement_words(acknowledged) if acknowledged is not None else "not acknowledged")
    return f"{first.code} ({first.priority}){where}: {'; '.join(what)}"


def summary(snapshot: SessionSnapshot, record: SessionRecord | None, journal_file: Path) -> list[str]:
    """The closing summary: outcome, points by status, totals per product, alarms, overrides, export."""
    counts = {status: 0 for status in PointStatus}
    for point in snapshot.points:
        counts[point.status] += 1
    session_id = snapshot.session_id
    if session_id is None:
        # Refused before the screening passed: nothing reached the gun or the journal.
        return ["", "No session opened: nothing was sent to the gun and nothing was journaled."]
    if snapshot.state in _FINAL:
        outcome = snapshot.state.value
    else:
        outcome = (
            f"left open ({snapshot.state.value}): resume it with `mesogun run PLAN --resume {session_id}`"
        )
    lines = [
        "",
        f"Session {session_id}: {outcome}",
        f"Points: {counts[PointStatus.DONE]} done, {counts[PointStatus.PARTIAL]} partial, "
        f"{counts[PointStatus.SKIPPED]} skipped, {counts[PointStatus.TODO] + counts[PointStatus.CURRENT]} "
        f"not done (of {snapshot.point_count})",
        f"Delivered: {snapshot.delivered_ul:.1f} µl of cocktail",
    ]
    if record is not None:
        if record.abort_reason:
            lines.append(f"Reason: {remark_text(record.abort_reason, 'en')}")
        products = {(p.name, p.concentration, p.lot): p for p in record.products}
        for change in record.syringe_changes:
            products |= {(p.name, p.concentration, p.lot): p for p in change.products}
        for total in record.totals:
            lot = f" lot {total.lot}" if total.lot else " (no lot recorded)"
            product = products.get((total.name, total.concentration, total.lot))
            amounts = delivered_mg(product, total.delivered_ul) if product is not None else {}
            mg = "".join(f", {value:.2f} mg {code}" for code, value in amounts.items())
            lines.append(f"  {total.name} {total.concentration}{lot}: {total.delivered_ul:.1f} µl{mg}")
        episodes = alarm_episodes(record.alarms)
        lines.append(f"Alarms: {len(episodes)}" if episodes else "Alarms: none")
        lines += [f"  {alarm_line(raised, acknowledged)}" for raised, acknowledged in episodes]
        lines.append(f"Overrides: {len(record.overrides)}" if record.overrides else "Overrides: none")
        for override in record.overrides:
            where = f" point {override.point_index + 1}" if override.point_index is not None else ""
            value = f"{override.value:g} (limit {override.limit:g})"
            lines.append(f"  {override.field}{where} = {value}: {override.reason}")
        if record.skips:
            lines.append("Skipped or ended early:")
            lines += [f"  point {s.point_index + 1}: {remark_text(s.reason, 'en')}" for s in record.skips]
        if record.decisions:
            lines.append("Points left short by a cut shot:")
            for decision in record.decisions:
                shot = decision.remainder_shot_ul
                then = f", a shot of {shot:g} µl" if shot is not None else ""
                why = f": {remark_text(decision.reason, 'en')}" if decision.reason else ""
                number = decision.point_index + 1
                lines.append(
                    f"  point {number}: {decision.choice.value} at {decision.delivered_ul:g} of "
                    f"{decision.target_ul:g} µl{then}{why} ({decision.operator})"
                )
    else:
        for label, volume_ul in snapshot.totals_ul:
            lines.append(f"  {label}: {volume_ul:.1f} µl")
    if snapshot.session_id:
        export = f"mesogun sessions export {snapshot.session_id} --journal {journal_file}"
        lines.append(f"Report: {export} --format pdf --out report.pdf")
        lines.append(f"Export: {export} --format csv|json|fhir")
    return lines

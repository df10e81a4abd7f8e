"""What ``mesogun run`` prints while a session runs: a line per point as it ends, the session's news
(its state and notice), a status line refreshed in place on a terminal — in French or English."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from mesogun.catalogue.texts import cap_violation_text
from mesogun.cli.run_summary import volume_words
from mesogun.clinic.reader import CLINIC_SOURCE, ClinicAndDeskHistory
from mesogun.limits import Violation
from mesogun.session import PointProgress, PointStatus, SessionSnapshot, SessionState
from mesogun.vocabulary import Language, error_text, local_moment, name, name_of_code
from mesogun.vocabulary.counting import counted
from mesogun.vocabulary.listing_words import violation_words
from mesogun.vocabulary.notice_words import notice_text
from mesogun.vocabulary.run_words import run_word

_ENDED = (PointStatus.DONE, PointStatus.PARTIAL, PointStatus.SKIPPED)
_CLEAR_LINE = "\r\x1b[K"
_FINAL = (SessionState.COMPLETED, SessionState.STOPPED, SessionState.ABORTED)
#: States whose changing notice goes to the status line only (each answer, each armed point).
_QUIET = (SessionState.SCREENING, SessionState.RUNNING)


class RunWords:
    """The run's words in one language, with the plan's points named in it (``places``: by index)."""

    def __init__(self, language: Language, places: Sequence[str]) -> None:
        self.language = language
        self.places = tuple(places)

    def place(self, number: int) -> str:
        """``point 3/10 C7 (HT7) Shenmen gauche``: point ``number`` (from 1), the count, its site."""
        index = number - 1
        where = self.places[index] if 0 <= index < len(self.places) else ""
        return run_word("place", self.language, number=number, total=len(self.places), place=where).rstrip()

    def site(self, point: PointProgress) -> str:
        """The site of ``point`` in the language (its label when the plan does not have it)."""
        if 0 <= point.index < len(self.places):
            return self.places[point.index]
        return point.label

    def state(self, state: SessionState) -> str:
        """The session's state in a word (``prête``, ``en cours``)."""
        return name(state, self.language).lower()

    def news(self, snapshot: SessionSnapshot) -> str:
        """``[en cours] point 1/10 … : armé, injection``: the state and the session's latest notice."""
        said = notice_text(snapshot.notice, self.language, self.place) if snapshot.notice else ""
        return f"[{self.state(snapshot.state)}] {said}".rstrip()

    def history(self, history: ClinicAndDeskHistory) -> str:
        """Where the patient's history came from (every room, or this desk only) and the last sync."""
        synced = history.last_sync_at
        when = (
            local_moment(synced, self.language, seconds=True) if synced else run_word("never", self.language)
        )
        key = "history_clinic" if history.source == CLINIC_SOURCE else "history_desk"
        return run_word(key, self.language, when=when)

    def violation(self, violation: Violation) -> str:
        """A limit a point passes (a setting outside its range, a cap in mg), in words."""
        if violation.unit == "mg" and " per " in violation.field:
            return cap_violation_text(violation, self.language)
        soft = violation.severity == "soft"
        return violation_words(
            violation.field,
            violation.value,
            violation.minimum,
            violation.maximum,
            violation.unit,
            soft,
            self.language,
        )

    def shots(self, shots: int, target: int) -> str:
        """Shots done of the target: ``2/3 injections`` (the noun agrees with the target)."""
        return run_word("shots_of", self.language, shots=shots, count=counted(target, "shot", self.language))

    def point_line(self, point: PointProgress, total: int) -> str:
        """``✓ 3/10 VG20 (GV20) Baihui — 1/1 injection, 50,0 µl [fait]`` (✓ done, ~ partial, – skipped)."""
        language = self.language
        mark = {PointStatus.DONE: "✓", PointStatus.PARTIAL: "~", PointStatus.SKIPPED: "–"}.get(
            point.status, " "
        )
        if point.target_shots is not None:
            shots = self.shots(point.shots, point.target_shots)
        else:
            shots = counted(point.shots, "shot", language)
        volume = volume_words(point.delivered_ul, language)
        if point.target_volume_ul is not None:
            target = volume_words(
                point.target_volume_ul, language, 0 if point.target_volume_ul.is_integer() else 1
            )
            volume = run_word("volume_of", language, volume=volume, target=target)
        return run_word(
            "point_line",
            language,
            mark=mark,
            number=point.index + 1,
            total=total,
            place=self.site(point),
            shots=shots,
            volume=volume,
            again=run_word("repeated", language) if point.repeated else "",
            status=name(point.status, language),
        )

    def status_line(self, snapshot: SessionSnapshot) -> str:
        """One line: state, point n/N, site, shots done/target, delivered µl, armed, alarms."""
        language = self.language
        parts = [name(snapshot.state, language).upper()]
        current = snapshot.current
        if current is not None:
            parts.append(self.place(current.index + 1))
            if current.target_shots is not None:
                parts.append(self.shots(current.shots, current.target_shots))
            else:
                target = volume_words(current.target_volume_ul or 0.0, language, 0)
                parts.append(
                    run_word(
                        "volume_of",
                        language,
                        volume=volume_words(current.delivered_ul, language),
                        target=target,
                    )
                )
        parts.append(
            run_word("status_session", language, volume=volume_words(snapshot.delivered_ul, language))
        )
        if snapshot.armed:
            parts.append(run_word("status_armed", language))
        if snapshot.active_alarms:
            alarms = ", ".join(
                sorted(
                    name_of_code("AlarmCode", a.name, language, short=True) for a in snapshot.active_alarms
                )
            )
            parts.append(run_word("status_alarms", language, alarms=alarms))
        return " | ".join(parts)


class ProgressPrinter:
    """Prints what changed between two snapshots; on a terminal keeps a status line refreshed in place."""

    def __init__(self, out: TextIO, words: RunWords, *, tty: bool) -> None:
        self._out = out
        self._words = words
        self._tty = tty
        self._previous: SessionSnapshot | None = None
        self._status_shown = False

    def update(self, snapshot: SessionSnapshot, *, refresh_status: bool = True) -> None:
        """Print what changed since the last snapshot; ``refresh_status``: rewrite the status line."""
        words = self._words
        previous = self._previous
        self._previous = snapshot
        lines: list[str] = []
        if previous is None:
            ended = sum(1 for p in snapshot.points if p.status in _ENDED)
            if ended:  # a resumed session: what the journal holds already, in one line
                lines.append(run_word("already", words.language, ended=ended, total=snapshot.point_count))
        else:
            before = {p.index: p.status for p in previous.points}
            for point in snapshot.points:
                if point.status in _ENDED and before.get(point.index) != point.status:
                    lines.append(words.point_line(point, snapshot.point_count))
        state_changed = previous is None or snapshot.state is not previous.state
        news = previous is not None and snapshot.notice != previous.notice and snapshot.state not in _QUIET
        if state_changed or news:
            lines.append(words.news(snapshot))
        failure = snapshot.failure
        if failure is not None and (previous is None or failure is not previous.failure):
            lines.append(f"! {error_text(failure, words.language)}")
        self.print_lines(lines)
        if refresh_status and self._tty and snapshot.state not in _FINAL:
            self._out.write(_CLEAR_LINE + words.status_line(snapshot))
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

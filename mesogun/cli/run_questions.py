"""What ``mesogun run`` asks while a session waits for a person, and how it answers when nobody can.

A soft limit to confirm, a point refused, an alarm to acknowledge, a point a cut shot left short, a
pause: on a terminal the practitioner is asked (in the run's language; an answer's initial in French
or English works); without one, ``--on-partial`` and ``--acknowledge-unattended`` answer what they
may, and anything else leaves the session open (:class:`LeaveOpen`), resumable with ``--resume``.
"""

from __future__ import annotations

import argparse
from concurrent.futures import Future
from typing import Any

from mesogun.cli.run_display import ProgressPrinter, RunWords
from mesogun.cli.run_summary import short_volume
from mesogun.errors import MesogunError
from mesogun.journal import JournalError
from mesogun.session import (
    Acknowledgement,
    InvalidTransition,
    SessionError,
    SessionRunner,
    SessionSnapshot,
    SessionState,
)
from mesogun.session.remainder import PartialChoice, PendingPartial
from mesogun.vocabulary import Language, error_text, name, name_of_code
from mesogun.vocabulary.counting import counted
from mesogun.vocabulary.run_words import run_word

#: Longest wait for one queued command (a pause waits for the shot in progress to end).
COMMAND_TIMEOUT_S = 120.0


class LeaveOpen(Exception):
    """Nobody can answer what the session waits for: leave it open (gun disarmed), resumable."""


class RunQuestions:
    """The questions of a run (mixed into the run's session driver, which sets these attributes)."""

    args: argparse.Namespace
    language: Language
    words: RunWords
    printer: ProgressPrinter
    tty: bool
    asked: object  # what was asked last: the same wait is not asked twice
    unattended_tried: set[object]  # alarms the unattended run tried to acknowledge
    prompting: bool

    # ------------------------------------------------------------------ what the session waits for

    def _answer_what_waits(self, runner: SessionRunner, snapshot: SessionSnapshot) -> None:
        key: object
        if snapshot.pending_partial is not None:
            key = ("partial", snapshot.pending_partial.point_index, snapshot.pending_partial.delivered_ul)
        elif snapshot.pending_override is not None:
            key = ("override", snapshot.pending_override.point_index)
        elif snapshot.refused is not None:
            key = ("refused", snapshot.refused.point_index)
        elif snapshot.state is SessionState.ALARM:
            key = ("alarm", tuple(sorted(snapshot.active_alarms)))
        elif snapshot.state is SessionState.PAUSED and not snapshot.waiting_for_link:
            key = ("paused", snapshot.current_index, snapshot.message)
        else:
            self.asked = None
            return
        if key == self.asked:
            return
        self.asked = key
        if snapshot.pending_partial is not None and self.args.on_partial is not None:
            self._decide_partial(runner, snapshot.pending_partial, PartialChoice(self.args.on_partial))
            return
        if not self.tty:
            if snapshot.state is SessionState.ALARM and snapshot.pending_override is None:
                self._unattended_alarm(runner, snapshot, key)
                return
            raise LeaveOpen(self._say("no_terminal", what=self._what(snapshot)))
        self.printer.end_status()
        if snapshot.pending_partial is not None:
            self._ask_partial(runner, snapshot.pending_partial)
        elif snapshot.pending_override is not None:
            for violation in snapshot.pending_override.violations:
                print(self._say("soft_limit", what=self.words.violation(violation)))
            reason = self._ask(self._say("ask_override")).strip()
            self._try(
                runner.confirm_override(reason) if reason else runner.skip(self._say("usual_range_reason"))
            )
        elif snapshot.refused is not None:
            for violation in snapshot.refused.violations:
                print(self._say("refused", what=self.words.violation(violation)))
            self._choose(runner, self._say("ask_refused"), allow_resume=False)
        elif snapshot.state is SessionState.ALARM:
            answer = self._ask(self._say("ask_alarm")).strip()
            if answer.lower() in ("stop", "t", "abort", "a"):
                self._choose(runner, "", preset=answer, allow_resume=False)
            else:
                self._try(runner.acknowledge_alarm())
        else:
            self._choose(runner, self._say("ask_choose"))

    def _unattended_alarm(self, runner: SessionRunner, snapshot: SessionSnapshot, key: object) -> None:
        """No terminal: acknowledge once (recorded as unattended) when the option allows it, else leave."""
        if not self.args.acknowledge_unattended:
            raise LeaveOpen(self._say("no_terminal_alarm", what=self._what(snapshot)))
        if key in self.unattended_tried:
            raise LeaveOpen(self._say("still_there", what=self._what(snapshot)))
        self.unattended_tried.add(key)
        alarms = sorted(
            name_of_code("AlarmCode", a.name, self.language, short=True) for a in snapshot.active_alarms
        )
        self.printer.print_lines([self._say("acknowledging_unattended", alarms=", ".join(alarms))])
        self._try(runner.acknowledge_alarm(how=Acknowledgement.UNATTENDED))
        if runner.snapshot.state is SessionState.PAUSED:
            self._try(runner.resume())

    def _ask_partial(self, runner: SessionRunner, pending: PendingPartial) -> None:
        """Ask what to do with a point a cut shot left short."""
        language = self.language
        print(
            self._say(
                "partial_state",
                number=pending.point_index + 1,
                delivered=short_volume(pending.delivered_ul, language),
                target=short_volume(pending.target_ul, language),
                left=short_volume(pending.remainder_ul, language),
            )
        )
        options = []
        if pending.can_complete:
            shot = pending.remainder_shot_ul
            first = self._say("a_shot_of", volume=short_volume(shot, language)) if shot is not None else ""
            whole = counted(pending.whole_shots, "shot", language) if pending.whole_shots else ""
            what = self._say("then").join(part for part in (first, whole) if part)
            options.append(self._say("ask_partial_complete", what=what))
        else:
            print(self._say("cannot_complete"))
        options += [self._say("ask_partial_done"), self._say("ask_partial_skip")]
        answer = self._ask(", ".join(options) + (" ? " if language == "fr" else "? ")).strip().lower()
        # "t": terminer tel quel, the French initial of "done"
        choices = {
            "c": PartialChoice.COMPLETE,
            "d": PartialChoice.DONE,
            "t": PartialChoice.DONE,
            "s": PartialChoice.SKIP,
        }
        choice = choices.get(answer[:1])
        if choice is None or (choice is PartialChoice.COMPLETE and not pending.can_complete):
            self.asked = None  # ask again
            return
        self._decide_partial(runner, pending, choice)

    def _decide_partial(self, runner: SessionRunner, pending: PendingPartial, choice: PartialChoice) -> None:
        reason: str | None = None
        if choice is PartialChoice.SKIP:
            reason = self.args.on_partial_reason or self._ask(self._say("ask_skip_reason")).strip()
        elif choice is PartialChoice.COMPLETE and not pending.can_complete:
            if not self.tty:
                raise LeaveOpen(
                    self._say(
                        "too_small_to_complete",
                        number=pending.point_index + 1,
                        left=short_volume(pending.remainder_ul, self.language),
                    )
                )
            self.asked = None
            self._ask_partial(runner, pending)
            return
        chosen = name(choice, self.language)
        self.printer.print_lines([self._say("decided", number=pending.point_index + 1, choice=chosen)])
        self._try(runner.decide_partial(choice, reason))

    def _choose(
        self, runner: SessionRunner, question: str, *, preset: str = "", allow_resume: bool = True
    ) -> None:
        answer = (preset or self._ask(question)).strip().lower()
        if answer in ("r", "resume") and allow_resume:
            self._try(runner.resume())
        elif answer in ("s", "skip"):
            reason = self._ask(self._say("ask_skip_reason")).strip()
            self._try(runner.skip(reason))
        elif answer in ("t", "stop"):
            self._try(runner.stop())
        elif answer in ("a", "abort"):
            reason = self._ask(self._say("ask_abort_reason")).strip()
            self._try(runner.abort(reason))
        elif answer in ("q", "quit"):
            raise LeaveOpen(self._say("quit"))
        self.asked = None  # ask again if the session still waits

    def _try(self, future: Future[Any]) -> None:
        try:
            self._wait(future)
        except (SessionError, MesogunError, JournalError, InvalidTransition) as exc:
            self.printer.print_lines([f"! {error_text(exc, self.language)}"])
            self.asked = None

    @staticmethod
    def _wait(future: Future[Any]) -> None:
        future.result(timeout=COMMAND_TIMEOUT_S)

    def _say(self, key: str, **values: object) -> str:
        return run_word(key, self.language, **values)

    def _what(self, snapshot: SessionSnapshot) -> str:
        """What the session waits for, in words: its latest notice, else its state."""
        return self.words.news(snapshot).partition("] ")[2] or self.words.state(snapshot.state)

    def _ask(self, question: str) -> str:
        self.prompting = True
        try:
            return input(question)
        except EOFError:
            return ""
        finally:
            self.prompting = False

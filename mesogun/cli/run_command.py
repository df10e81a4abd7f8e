"""``mesogun run PLAN``: run a session plan on the gun from a terminal, with the dose journal.

Screening questions are asked on a terminal (or answered by ``--yes-consent --answers no`` in a
script); the progress is printed as each point ends, with a status line refreshed in place on a
terminal. Ctrl-C pauses the session and asks what to do; SIGTERM stops it cleanly (gun disarmed).
A session left open (the program killed, or a question nobody could answer) is resumed with
``--resume``: progress comes from the journal, nothing is fired again to catch up.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import queue
import signal
import sys
from pathlib import Path
from types import FrameType

from mesogun.catalogue import ProductRefusedError
from mesogun.catalogue.texts import next_due_text
from mesogun.cli.clinical_output import clinical_refusal_lines, question_kind_text
from mesogun.cli.connection import open_injector, simulated_gun
from mesogun.cli.journal_commands import journal_path
from mesogun.cli.plan_listing import place
from mesogun.cli.plan_steps import problem_lines
from mesogun.cli.run_display import ProgressPrinter, RunWords
from mesogun.cli.run_lots import declare_products, require_lots, resolve_lots, resolve_no_lots
from mesogun.cli.run_options import LATEST, add_run_parser, read_values
from mesogun.cli.run_questions import COMMAND_TIMEOUT_S, LeaveOpen, RunQuestions
from mesogun.cli.run_summary import summary
from mesogun.clinic.reader import ClinicAndDeskHistory, desk_history
from mesogun.clinic.replicator import desk_replicator
from mesogun.errors import MesogunError
from mesogun.injector import Injector
from mesogun.journal import JournalError, SessionRecord, SqliteJournal, host_remarks
from mesogun.models import Product, SessionPlan
from mesogun.plans import PlanFileError, UnknownPlanError, builtin_plan, load_plan
from mesogun.session import (
    TERMINAL_STATES,
    Acknowledgement,
    CapRefusedError,
    InvalidTransition,
    SessionError,
    SessionRunner,
    SessionSnapshot,
    SessionState,
    TooSoonError,
    latest_open_session,
)
from mesogun.session.remainder import PartialChoice
from mesogun.simulation import memory_beside
from mesogun.vocabulary import Language, error_text, remark_text
from mesogun.vocabulary.run_words import run_word

EXIT_OK = 0
EXIT_ABORTED = 1
EXIT_ERROR = 2
EXIT_LEFT_OPEN = 3


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``mesogun run`` to the parser."""
    add_run_parser(sub).set_defaults(handler=_run)


def _open_plan(spec: str) -> SessionPlan:
    path = Path(spec)
    if spec.endswith(".toml") or path.exists():
        return load_plan(path)
    return builtin_plan(spec)


# ---------------------------------------------------------------------- the command


def _run(args: argparse.Namespace) -> int:
    try:
        read_values(args)
        plan = _open_plan(args.plan)
        lots = declare_products(plan, resolve_lots(plan, args.lot, args.lang), args.declare, args.lang)
        no_lot = resolve_no_lots(plan, args.no_lot, args.lang)
    except PlanFileError as exc:
        # The plan file's problems in the language of the run, each on its line (one: one line).
        lines = problem_lines(exc, args.lang)
        if len(lines) == 1:
            return _fail(MesogunError(lines[0]), args.lang)
        print(f"mesogun run: {exc.file}", file=sys.stderr)
        for line in lines:
            print(f"  {line}", file=sys.stderr)
        return EXIT_ERROR
    except (UnknownPlanError, SessionError, OSError) as exc:
        return _fail(exc, args.lang)
    if args.resume is None and not args.patient:
        return _fail(SessionError(run_word("need_patient", args.lang)), args.lang)
    if args.resume is None:
        try:
            require_lots(plan, lots, no_lot, args.lang)
        except SessionError as exc:
            return _fail(exc, args.lang)
    if args.on_partial == PartialChoice.SKIP and not (args.on_partial_reason or "").strip():
        return _fail(SessionError(run_word("skip_needs_reason", args.lang)), args.lang)
    journal_file = journal_path(args)
    if args.simulator and args.sim_journal is None:
        # The simulated gun's event memory lives beside the journal, so a resumed session finds it.
        args.sim_journal = memory_beside(journal_file)
    tty = sys.stdin.isatty() and sys.stdout.isatty()
    try:
        journal = SqliteJournal(journal_file)
    except JournalError as exc:
        return _fail(exc, args.lang)
    # With a clinic store configured, the journal ships to it while the session runs.
    # The run says the gun's calibration findings itself, in its language (see _calibration_lines).
    session_log = logging.getLogger("mesogun.session")
    session_log.addFilter(_said_by_the_run)
    with journal, desk_replicator(journal_file):
        try:
            injector = open_injector(args, event_sink=journal)
        except MesogunError as exc:
            return _fail(exc, args.lang)
        with injector:
            try:
                return _RunSession(args, plan, journal, journal_file, injector, lots, tty, no_lot).run()
            finally:
                session_log.removeFilter(_said_by_the_run)


def _said_by_the_run(record: logging.LogRecord) -> bool:
    """Leave out of the log's output the calibration findings the run prints in the user's language."""
    return not str(record.msg).startswith("calibration:")


def _fail(error: BaseException, language: Language) -> int:
    print(f"mesogun run: {error_text(error, language)}", file=sys.stderr)
    return EXIT_ERROR


class _Terminated(Exception):
    """SIGTERM while a question waited for an answer: the stop is queued, the question dropped."""


class _RunSession(RunQuestions):
    def __init__(
        self,
        args: argparse.Namespace,
        plan: SessionPlan,
        journal: SqliteJournal,
        journal_file: Path,
        injector: Injector,
        lots: list[Product],
        tty: bool,
        no_lot: dict[str, str],
    ) -> None:
        self.args = args
        self.plan = plan
        self.journal = journal
        self.journal_file = journal_file
        self.injector = injector
        self.lots = lots
        self.no_lot = no_lot
        self.tty = tty
        self.practitioner: str = args.practitioner or getpass.getuser()
        self.history = desk_history(journal)
        self.language: Language = args.lang
        self.words = RunWords(self.language, [place(point, self.language) for point in plan.points()])
        self.printer = ProgressPrinter(sys.stdout, self.words, tty=tty)
        self.snapshots: queue.Queue[SessionSnapshot] = queue.Queue()
        self.runner: SessionRunner | None = None
        self.asked: object = None
        self.unattended_tried: set[object] = set()  # alarms the unattended run tried to acknowledge
        self.prompting = False

    # ------------------------------------------------------------------ top level

    def run(self) -> int:
        try:
            self.runner = self._resumed() if self.args.resume is not None else self._new()
        except (CapRefusedError, TooSoonError, ProductRefusedError) as exc:
            for line in clinical_refusal_lines(exc, self.language):
                print(f"mesogun run: {line}", file=sys.stderr)
            if isinstance(self.history, ClinicAndDeskHistory):
                print(f"mesogun run: {self.words.history(self.history)}", file=sys.stderr)
            return EXIT_ERROR
        except (SessionError, MesogunError, JournalError, ValueError) as exc:
            return _fail(exc, self.language)
        if isinstance(self.history, ClinicAndDeskHistory):
            print(self.words.history(self.history))
        runner = self.runner
        runner.subscribe(self.snapshots.put)
        previous_term = signal.signal(signal.SIGTERM, self._on_sigterm)
        code = EXIT_ERROR
        try:
            code = self._drive(runner)
        except LeaveOpen as reason:
            self.printer.end_status()
            print(run_word("left_open", self.language, reason=reason))
            code = EXIT_LEFT_OPEN
        except _Terminated:
            self.printer.end_status()
            print(run_word("terminated", self.language))
            runner.wait_for(lambda s: s.state in TERMINAL_STATES, COMMAND_TIMEOUT_S)
            code = EXIT_OK
        except (SessionError, MesogunError, JournalError, InvalidTransition, TimeoutError) as exc:
            self.printer.end_status()
            timed_out = self._say("timed_out", seconds=f"{COMMAND_TIMEOUT_S:g}")
            said = timed_out if isinstance(exc, TimeoutError) else error_text(exc, self.language)
            print(f"mesogun run: {said}", file=sys.stderr)
            code = EXIT_ERROR
        finally:
            signal.signal(signal.SIGTERM, previous_term)
            runner.close()
        snapshot = runner.snapshot
        self._print_summary(snapshot)
        if snapshot.state is SessionState.ABORTED:
            return EXIT_ABORTED
        if snapshot.state not in TERMINAL_STATES:
            return EXIT_LEFT_OPEN if code == EXIT_OK else code
        return EXIT_OK if code in (EXIT_OK, EXIT_LEFT_OPEN) else code

    def _drive(self, runner: SessionRunner) -> int:
        try:
            self._begin(runner)
        except KeyboardInterrupt:
            self._interrupted(runner)
        while True:
            try:
                latest = self._next_snapshot()
                if latest is None:
                    continue
                if latest.state in TERMINAL_STATES:
                    return EXIT_OK
                self._answer_what_waits(runner, latest)
            except KeyboardInterrupt:
                self._interrupted(runner)

    def _begin(self, runner: SessionRunner) -> None:
        """A new session: screening, syringe, start. A resumed one: catch up, then go on."""
        if self.args.resume is None:
            self._screen(runner)
            self._declare_syringe(runner)
            self._wait(runner.start())
            return
        self._wait(runner.ready)
        snapshot = runner.snapshot
        if snapshot.state is SessionState.PAUSED and self._confirm_resume(snapshot):
            self._declare_syringe(runner, only_if_missing=True)
            self._wait(runner.resume())

    def _next_snapshot(self) -> SessionSnapshot | None:
        try:
            snapshot = self.snapshots.get(timeout=0.25)
        except queue.Empty:
            return None
        self.printer.update(snapshot)
        while True:  # print every change, act on the latest
            try:
                snapshot = self.snapshots.get_nowait()
            except queue.Empty:
                return snapshot
            self.printer.update(snapshot)

    def _flush(self) -> None:
        """Print the changes seen so far (before a line of our own)."""
        while True:
            try:
                self.printer.update(self.snapshots.get_nowait(), refresh_status=False)
            except queue.Empty:
                return

    # ------------------------------------------------------------------ starting

    def _new(self) -> SessionRunner:
        reason: str | None = self.args.too_soon_reason
        while True:
            try:
                return SessionRunner(
                    self.injector,
                    self.journal,
                    self.plan,
                    patient_pseudonym=self.args.patient,
                    practitioner=self.practitioner,
                    indication=self.args.indication,
                    products=self.lots,
                    auto_trigger=self.args.auto_trigger,
                    weight_kg=self.args.weight_kg,
                    too_soon_reason=reason,
                    history=self.history,
                    auto_acknowledgement=self._auto_acknowledgement(),
                )
            except TooSoonError as exc:
                if not self.tty or reason:
                    raise
                print(clinical_refusal_lines(exc, self.language)[0])
                reason = self._ask(run_word("ask_too_soon", self.language)).strip()
                if not reason:
                    raise

    def _auto_acknowledgement(self) -> Acknowledgement | None:
        """On a terminal someone attends the run; without one, only the explicit option acknowledges."""
        if self.tty:
            return Acknowledgement.ON_RETURN
        return Acknowledgement.UNATTENDED if self.args.acknowledge_unattended else None

    def _resumed(self) -> SessionRunner:
        session_id = self.args.resume
        if session_id == LATEST:
            session_id = latest_open_session(self.journal, self.args.patient)
            if session_id is None:
                patient = self.args.patient
                who = run_word("for_patient", self.language, patient=patient) if patient else ""
                raise SessionError(
                    run_word("nothing_to_resume", self.language, who=who, journal=self.journal_file)
                )
        else:
            session_id = self.journal.resolve_session_id(session_id)
        print(run_word("resuming", self.language, session=session_id))
        return SessionRunner.resume_session(
            self.journal,
            session_id,
            self.injector,
            plan=self.plan,
            practitioner=self.args.practitioner,
            auto_trigger=self.args.auto_trigger,
            history=self.history,
            auto_acknowledgement=self._auto_acknowledgement(),
        )

    def _screen(self, runner: SessionRunner) -> None:
        self._wait(runner.begin_screening())
        if self.args.yes_consent:
            consent = True
        elif self.tty:
            consent = self._ask(self._say("ask_consent")).lower().startswith(("y", "o"))
        else:
            raise SessionError(self._say("need_consent"))
        if not consent:
            self._wait(runner.abort(self._say("no_consent_reason")))
            raise SessionError(self._say("no_consent"))
        self._wait(runner.give_consent())
        french = self.language == "fr"
        for question in runner.questions:
            reason: str | None = None
            if self.args.answers == "no":
                positive = False
            elif self.tty:
                kind = question_kind_text(question, self.language)
                asked = question.question_fr if french else question.question_en
                positive = (
                    self._ask(self._say("ask_question", question=asked, kind=kind))
                    .lower()
                    .startswith(("y", "o"))
                )
                if positive and question.blocking:
                    self._wait(runner.abort(self._say("contraindication_reason", code=question.code)))
                    raise SessionError(self._say("absolute", code=question.code))
                if positive:
                    reason = self._ask(self._say("ask_justification")).strip() or None
                    if reason is None:
                        self._wait(runner.abort(self._say("contraindication_reason", code=question.code)))
                        raise SessionError(self._say("relative_unjustified", code=question.code))
            else:
                raise SessionError(self._say("need_answers"))
            self._wait(runner.answer(question.code, positive, reason))
        snapshot = runner.wait_for(lambda s: s.state is not SessionState.SCREENING, COMMAND_TIMEOUT_S)
        self._flush()
        if snapshot.state is not SessionState.READY:
            raise SessionError(self._say("screening_failed", why=self._what(snapshot)))
        assert snapshot.session_id is not None
        self.printer.print_lines(
            [
                self._say("opened_in", session=snapshot.session_id, journal=self.journal_file),
                *self._calibration_lines(snapshot.session_id),
            ]
        )
        for label, reason in self.no_lot.items():
            note = host_remarks.no_lot(label, reason)  # a code, the product, the practitioner's words
            self.journal.add_note(snapshot.session_id, note, self.practitioner)
            self.printer.print_lines([self._say("recorded", what=remark_text(note, self.language))])

    def _declare_syringe(self, runner: SessionRunner, *, only_if_missing: bool = False) -> None:
        """Declare the loaded syringe (--syringe, or the plan's volume on the simulated gun).

        ``only_if_missing``: when resuming, a syringe the gun already reports is the one in it.
        """
        if only_if_missing:
            status = self.injector.status()
            if status.syringe_capacity_ml > 0 and status.syringe_remaining_ul > 0:
                return
        if self.args.syringe is not None:
            capacity_ml, fill_ul = self.args.syringe
            fill = fill_ul if fill_ul is not None else capacity_ml * 1000.0
        else:
            status = self.injector.status()
            if status.syringe_capacity_ml > 0 and status.syringe_remaining_ul > 0:
                return
            if simulated_gun(self.injector) is None or self.plan.cocktail is None:
                raise SessionError(self._say("no_syringe"))
            # The simulated gun starts empty: load the plan's cocktail volume in the smallest syringe.
            fill = self.plan.cocktail.volume_loaded_ml * 1000.0
            sizes = sorted(self.injector.info.capabilities.syringe_sizes_ml)
            capacity_ml = next((size for size in sizes if size * 1000.0 >= fill), sizes[-1])
            fill = min(fill, capacity_ml * 1000.0)
        self._wait(runner.change_syringe(self.lots, capacity_ml, fill))

    def _confirm_resume(self, snapshot: SessionSnapshot) -> bool:
        if not self.tty or self.args.auto_trigger:
            return True
        self.printer.end_status()
        said = self.words.news(snapshot).partition("] ")[2]
        answer = self._ask(self._say("ask_resume_now", what=said)).strip().lower()
        return not answer.startswith("n")

    def _interrupted(self, runner: SessionRunner) -> None:
        self.printer.end_status()
        print("\n" + self._say("interrupted"))
        if runner.snapshot.state is SessionState.RUNNING:
            self._try(runner.pause())
        state = runner.snapshot.state
        if state in TERMINAL_STATES:
            return
        if state in (SessionState.IDLE, SessionState.SCREENING, SessionState.READY):
            self._try(
                runner.abort(self._say("interrupted_reason"))
                if state is not SessionState.READY
                else runner.stop()
            )
            return
        try:
            self._choose(runner, self._say("ask_choose"))
        except KeyboardInterrupt:
            raise LeaveOpen(self._say("interrupted_twice")) from None

    def _on_sigterm(self, signum: int, frame: FrameType | None) -> None:
        runner = self.runner
        if runner is None:
            return
        if runner.snapshot.state in TERMINAL_STATES:
            return
        if runner.snapshot.state in (SessionState.IDLE, SessionState.SCREENING):
            runner.abort(self._say("terminated_reason"))
        else:
            runner.stop()
        if self.prompting:
            raise _Terminated  # nobody will answer the question: leave it

    def _calibration_lines(self, session_id: str) -> list[str]:
        """Why the gun's calibration is not in force, as recorded with the session (see opening)."""
        try:
            warnings = self.journal.session(session_id).calibration_warnings
        except JournalError:
            return []
        return [self._say("calibration", what=remark_text(w.message, self.language)) for w in warnings]

    # ------------------------------------------------------------------ the end

    def _print_summary(self, snapshot: SessionSnapshot) -> None:
        self.printer.end_status()
        record: SessionRecord | None = None
        if snapshot.session_id is not None:
            try:
                record = self.journal.session(snapshot.session_id)
            except JournalError as exc:
                print(self._say("read_back_failed", error=error_text(exc, self.language)), file=sys.stderr)
        for line in summary(snapshot, record, self.journal_file, self.language):
            print(line)
        if self.runner is not None and snapshot.state is SessionState.COMPLETED:
            print(next_due_text(self.runner.next_due, self.language))

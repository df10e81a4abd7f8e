"""``mesogun diagnostics [events | alarms]``: the technician's view of a gun.

``mesogun diagnostics`` shows the gun's identity and lifetime counters, runs its self-test, shows the
link statistics, the newest events of the gun's own log and a summary of its alarms.
``mesogun diagnostics events`` prints the gun's log as a table (``--from N``, ``--limit N``);
``mesogun diagnostics alarms`` the alarm history, from the gun's log and from the dose journal.
Reading the log changes neither the journal nor what the gun considers acknowledged.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mesogun.cli.connection import add_connection_options, open_injector
from mesogun.cli.device_commands import _reports_errors
from mesogun.cli.diagnostics_output import (
    alarm_summary_table,
    alarm_table,
    event_table,
    gun_text,
    link_text,
    log_range_text,
    self_test_text,
)
from mesogun.cli.journal_commands import add_journal_option, journal_path
from mesogun.diagnostics import (
    AlarmEntry,
    EventLog,
    SelfTestResult,
    alarms_from_events,
    alarms_from_journal,
    device_report,
    download_event_log,
    newest_events_start,
    run_self_test,
    summarise_alarms,
)
from mesogun.errors import DeviceRefusedError
from mesogun.injector import Injector
from mesogun.journal import JournalError, SqliteJournal
from mesogun.simulation import memory_beside

#: Events read when ``--limit`` is not given, per view.
DEFAULT_LIMITS = {"summary": 1000, "events": 50, "alarms": 1000}
#: Newest events listed in the summary.
SUMMARY_EVENTS = 10
VIEWS = ("summary", "events", "alarms")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``diagnostics`` to the ``mesogun`` parser."""
    p = sub.add_parser(
        "diagnostics",
        help="technician diagnostics: counters, self-test, link statistics, the gun's event log, alarms",
        description=(
            "Show the gun's identity and lifetime counters, run its self-test and show the link "
            "statistics and the newest events of its log (summary, the default); print the gun's "
            "event log as a table (events); or the alarm history from the gun's log and the dose "
            "journal (alarms). Reading the log changes neither the journal nor the gun's "
            "acknowledgements."
        ),
    )
    p.add_argument(
        "view",
        nargs="?",
        choices=VIEWS,
        default="summary",
        help="what to show (default summary)",
    )
    add_connection_options(p)
    p.add_argument(
        "--from",
        dest="from_event",
        type=int,
        metavar="N",
        help="first event number to read from the gun's log (default: the newest --limit events)",
    )
    p.add_argument(
        "--limit",
        type=int,
        metavar="N",
        help=(
            "events to read from the gun's log (default "
            + ", ".join(f"{DEFAULT_LIMITS[v]} for {v}" for v in VIEWS)
            + ")"
        ),
    )
    p.add_argument(
        "--no-self-test",
        action="store_true",
        help="summary: do not run the self-test (it needs the gun idle)",
    )
    add_journal_option(p)
    p.set_defaults(handler=_diagnostics)


@_reports_errors
def _diagnostics(args: argparse.Namespace) -> int:
    limit = args.limit if args.limit is not None else DEFAULT_LIMITS[args.view]
    if limit < 1:
        print(f"mesogun: --limit = {limit} is out of range (allowed 1 or more)", file=sys.stderr)
        return 2
    if args.from_event is not None and args.from_event < 1:
        print(f"mesogun: --from = {args.from_event} is out of range (allowed 1 or more)", file=sys.stderr)
        return 2
    if args.simulator and args.sim_journal is None:
        # The simulated gun the app, `run` and `calibrate` use: its counters, log and calibration.
        args.sim_journal = memory_beside(journal_path(args))
        args.sim_journal.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with open_injector(args) as gun:
        if args.view == "events":
            log = _read_log(gun, args.from_event, limit)
            print(log_range_text(log))
            if log.events:
                print(event_table(log.events))
            return 0
        if args.view == "alarms":
            log = _read_log(gun, args.from_event, limit)
            return _print_alarms(log, _journal_alarms(args, gun.info.serial_number))
        return _summary(gun, args, limit)


def _read_log(gun: Injector, from_event: int | None, limit: int) -> EventLog:
    first = from_event or newest_events_start(gun.status().last_event_number, limit)
    return download_event_log(gun, first, limit)


def _summary(gun: Injector, args: argparse.Namespace, limit: int) -> int:
    self_test: SelfTestResult | None = None
    refusal = "--no-self-test given" if args.no_self_test else None
    if not args.no_self_test:
        try:
            self_test = run_self_test(gun)
        except DeviceRefusedError as exc:
            refusal = f"{exc} (the self-test needs the gun idle)"
    log = _read_log(gun, args.from_event, limit)
    report = device_report(gun)  # after the self-test and the download: the counters include them
    print("GUN")
    print(gun_text(report))
    print()
    print("SELF-TEST")
    print(self_test_text(self_test, refusal))
    print()
    print("LINK (this connection)")
    print(link_text(report.link, report))
    print()
    recent = log.events[-SUMMARY_EVENTS:]
    print(f"NEWEST EVENTS ({len(recent)} shown; `mesogun diagnostics events` lists more)")
    print(event_table(recent) if recent else "none")
    print()
    journal_entries, journal_note = _journal_alarms(args, report.info.serial_number)
    entries = sorted([*alarms_from_events(log.events), *journal_entries], key=lambda e: e.time)
    print("ALARMS")
    print(f"from the gun's log: {log_range_text(log)}")
    print(f"from the journal: {journal_note}")
    print(alarm_summary_table(summarise_alarms(entries)))
    return 0 if self_test is None or self_test.passed else 1


def _journal_alarms(args: argparse.Namespace, serial_number: str) -> tuple[list[AlarmEntry], str]:
    """The session alarms the dose journal holds for this gun, and a note saying where they came from."""
    path: Path = journal_path(args)
    if not path.exists():
        return [], f"no dose journal at {path}"
    try:
        with SqliteJournal(path) as journal:
            entries = alarms_from_journal(journal, serial_number)
    except JournalError as exc:
        return [], f"dose journal not read: {exc}"
    return entries, f"sessions of the dose journal {path}"


def _print_alarms(log: EventLog, journal: tuple[list[AlarmEntry], str]) -> int:
    journal_entries, journal_note = journal
    entries = sorted([*alarms_from_events(log.events), *journal_entries], key=lambda e: e.time)
    print(f"from the gun's log: {log_range_text(log)}")
    print(f"from the journal: {journal_note}")
    print()
    print("ALARM HISTORY")
    print(alarm_table(entries) if entries else "no alarm raised or cleared")
    print()
    print("SUMMARY")
    print(alarm_summary_table(summarise_alarms(entries)))
    return 0

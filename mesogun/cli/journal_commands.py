"""``mesogun sessions …`` and ``mesogun log …``: read, export and verify the dose journal."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from mesogun.cli.arguments import moment
from mesogun.exports import AFTERCARE_FORMAT, ALL_FORMATS, PDF_FORMAT, export, write_private
from mesogun.journal import (
    DATA_DIR_ENV,
    JournalError,
    JournalFileError,
    JournalProblem,
    SessionRecord,
    SqliteJournal,
    default_journal_path,
)
from mesogun.journal.file_verify import FileState, FileVerdict, verify_journal_file
from mesogun.journal.outcome_scores import SCORE_RANGES, ScoreCode
from mesogun.journal.records import DoseRecord
from mesogun.vocabulary import error_text, remark_text
from mesogun.vocabulary.alarm_details import alarm_detail_text
from mesogun.vocabulary.counting import counted

EXIT_BROKEN = 1
EXIT_ERROR = 2


def add_journal_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--journal FILE`` (accepted before or after the sub-command name)."""
    parser.add_argument(
        "--journal",
        metavar="FILE",
        type=Path,
        default=argparse.SUPPRESS,
        help=f"journal file to use instead of the default (see `mesogun log path`; or set ${DATA_DIR_ENV})",
    )


def journal_path(args: argparse.Namespace) -> Path:
    """The journal file the command works on: ``--journal`` if given, else the default one."""
    chosen: Path | None = getattr(args, "journal", None)
    return chosen if chosen is not None else default_journal_path()


def _open_existing(args: argparse.Namespace) -> SqliteJournal:
    path = journal_path(args)
    if not path.exists():
        raise JournalFileError(
            f"no journal at {path}: it is created by the first session; "
            "give another file with --journal FILE",
            JournalProblem.NO_JOURNAL,
            path=str(path),
        )
    return SqliteJournal(path)


def _guarded(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except JournalError as error:
            # In the command's language where it has one (--lang), else as logged.
            language = getattr(args, "lang", None)
            text = error_text(error, language) if language in ("fr", "en") else str(error)
            print(f"mesogun: {text}", file=sys.stderr)
            return EXIT_ERROR

    return run


# ---------------------------------------------------------------------- sessions


def _time(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%SZ") if value is not None else "—"


def _cmd_list(args: argparse.Namespace) -> int:
    with _open_existing(args) as journal:
        summaries = journal.sessions(patient=args.patient, since=args.since, until=args.until)
    if not summaries:
        print("no sessions")
        return 0
    header = f"{'session id':36}  {'started (UTC)':20}  {'status':9}  {'patient':14}  {'doses':>5}"
    print(f"{header}  {'µl':>9}  plan")
    for s in summaries:
        print(
            f"{s.session_id:36}  {_time(s.started_at):20}  {s.status.value:9}  {s.patient_pseudonym:14}  "
            f"{s.dose_count:>5}  {s.delivered_ul:>9.1f}  {s.plan_name or '—'}"
        )
    return 0


def _dose_line(dose: DoseRecord) -> str:
    site = " ".join(
        part for part in (dose.acupoint_code or dose.site_region, dose.laterality, dose.zone) if part
    )
    flag = f" {dose.alarm}" if dose.alarm else ""
    override = " override" if dose.overrides else ""
    return (
        f"  #{dose.event_number:<6} {_time(dose.time_utc):20} p{dose.point_index:<3} {site[:24]:24} "
        f"{dose.measured_depth_mm:5.1f} mm "
        f"{dose.delivered_volume_ul:7.1f}/{dose.commanded_volume_ul:<7.1f} µl "
        f"{dose.result.value}{flag}{override}"
    )


def _print_session(record: SessionRecord, doses: list[DoseRecord]) -> None:
    print(f"session        {record.session_id}")
    print(
        f"status         {record.status.value}"
        + (f" ({remark_text(record.abort_reason, 'en')})" if record.abort_reason else "")
    )
    print(f"patient        {record.patient_pseudonym}")
    print(f"practitioner   {record.practitioner}")
    print(f"indication     {record.indication}")
    print(f"plan           {record.plan_name or '—'} {record.plan_version or ''}".rstrip())
    if record.plan_hash:
        print(f"plan hash      {record.plan_hash}")
    print(f"limits         {record.limits_version}")
    consent = "—" if record.consent_given is None else ("given" if record.consent_given else "NOT given")
    print(f"consent        {consent} {_time(record.consent_at) if record.consent_at else ''}".rstrip())
    for answer in record.contraindications:
        print(f"  {answer.code}: {'YES' if answer.answer else 'no'}")
    device = " ".join(p for p in (record.device_serial, record.device_firmware, record.calibration_id) if p)
    print(f"device         {device or '—'}")
    print(f"started        {_time(record.started_at)}")
    print(f"ended          {_time(record.ended_at)}")
    for product in record.products:
        lot = f"lot {product.lot or '?'} exp {product.expiry or '?'}"
        print(f"product        {product.name} {product.concentration} {lot}")
    for total in record.totals:
        lot = f"lot {total.lot or '?'}"
        print(f"total          {total.name} {total.concentration} {lot}: {total.delivered_ul:.1f} µl")
    print(f"doses          {record.dose_count}, {record.delivered_ul:.1f} µl delivered")
    for dose in doses:
        print(_dose_line(dose))
    for skip in record.skips:
        print(f"skipped        point {skip.point_index}: {remark_text(skip.reason, 'en')} ({skip.operator})")
    for override in record.overrides:
        values = f"{override.field} = {override.value:g} (limit {override.limit:g})"
        print(f"override       {values}: {override.reason}")
    for alarm in record.alarms:
        print(
            f"alarm          {alarm.code} {'raised' if alarm.raised else 'cleared'} "
            f"{alarm_detail_text(alarm.detail, 'en')}".rstrip()
        )
    for event in record.adverse_events:
        severity = f" [{event.severity.value}]" if event.severity else ""
        print(f"adverse event  {_time(event.observed_at)} {event.description}{severity}")
    for note in record.notes:
        print(f"note           {_time(note.recorded_at)} {note.author}: {remark_text(note.text, 'en')}")
    for warning in record.calibration_warnings:
        words = remark_text(warning.message, "en")
        print(f"calibration    {_time(warning.recorded_at)} {words} (went on: {warning.acknowledged_by})")
    for score in record.scores:
        print(
            f"score          {_time(score.scored_at)} {score.code.value} = {score.value} ({score.entered_by})"
        )
    for correction in record.corrections:
        target = f"{correction.target_table}#{correction.target_seq}"
        print(f"correction     {target} {correction.changes}: {correction.reason}")


def _cmd_show(args: argparse.Namespace) -> int:
    with _open_existing(args) as journal:
        session_id = journal.resolve_session_id(args.session_id)
        _print_session(journal.session(session_id), journal.doses(session_id))
    return 0


#: Command-line option of each scale (``--pain-before 6``).
SCORE_OPTIONS: dict[ScoreCode, str] = {
    ScoreCode.PAIN_NRS_BEFORE: "--pain-before",
    ScoreCode.PAIN_NRS_AFTER: "--pain-after",
    ScoreCode.HAM_A: "--ham-a",
}


def _cmd_score(args: argparse.Namespace) -> int:
    entered = [(code, getattr(args, code.value)) for code in ScoreCode]
    scores = [(code, value) for code, value in entered if value is not None]
    if not scores:
        options = ", ".join(SCORE_OPTIONS.values())
        print(f"mesogun: give at least one score ({options})", file=sys.stderr)
        return EXIT_ERROR
    with _open_existing(args) as journal:
        session_id = journal.resolve_session_id(args.session_id)
        # Every value is checked before the first is written: one bad value records none.
        for code, value in scores:
            low, high = SCORE_RANGES[code]
            if not low <= value <= high:
                print(
                    f"mesogun: {SCORE_OPTIONS[code]} {value} is outside the scale ({low} to {high}); "
                    "nothing recorded",
                    file=sys.stderr,
                )
                return EXIT_ERROR
        for code, value in scores:
            journal.record_score(session_id, code, value, entered_by=args.by)
    recorded = ", ".join(f"{code.value} = {value}" for code, value in scores)
    print(f"recorded for session {session_id}: {recorded}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    if args.session_id is None and args.since is None and args.until is None:
        print("mesogun: give a session id, or --since/--until for a date range", file=sys.stderr)
        return EXIT_ERROR
    if args.session_id is not None and (args.since is not None or args.until is not None):
        print("mesogun: give either a session id or a date range, not both", file=sys.stderr)
        return EXIT_ERROR
    if args.format in (PDF_FORMAT, AFTERCARE_FORMAT):
        return _export_pdf(args)
    with _open_existing(args) as journal:
        text = export(journal, args.format, session_id=args.session_id, since=args.since, until=args.until)
    if args.output is None or str(args.output) == "-":
        sys.stdout.write(text)
    else:
        write_private(args.output, text.encode("utf-8"), overwrite=args.force)
        print(f"written {args.output}", file=sys.stderr)
    return 0


def _export_pdf(args: argparse.Namespace) -> int:
    if args.session_id is None:
        print("mesogun: a PDF is made for one session: give its id", file=sys.stderr)
        return EXIT_ERROR
    if args.output is None or str(args.output) == "-":
        print("mesogun: a PDF is written to a file: give --out FILE", file=sys.stderr)
        return EXIT_ERROR
    # Imported here: Qt is loaded only when a PDF is made.
    from mesogun.exports.pdf_aftercare import write_aftercare_sheet
    from mesogun.exports.pdf_document import ensure_gui_application
    from mesogun.exports.pdf_report import write_session_report
    from mesogun.practice import load_practice

    ensure_gui_application()
    with _open_existing(args) as journal:
        if args.format == AFTERCARE_FORMAT:
            pages = write_aftercare_sheet(
                journal,
                args.session_id,
                args.output,
                language=args.lang,
                overwrite=args.force,
                practice=load_practice(),
            )
            print(
                f"written {args.output} (after-care sheet, {counted(pages, 'page', 'en')})", file=sys.stderr
            )
            return 0
        written = write_session_report(
            journal,
            args.session_id,
            args.output,
            language=args.lang,
            overwrite=args.force,
            aftercare=not args.no_aftercare,
            practice=load_practice(),
        )
    print(f"written {written.path} ({written.pages} pages, {written.dose_count} doses)", file=sys.stderr)
    return 0


# ---------------------------------------------------------------------- log


def _cmd_verify(args: argparse.Namespace) -> int:
    path = journal_path(args)
    if not path.exists():
        raise JournalFileError(
            f"no journal at {path}: give the journal file with --journal FILE",
            JournalProblem.NO_JOURNAL,
            path=str(path),
        )
    # Read-only: verify never creates, migrates or repairs anything in the file it checks.
    verdict = verify_journal_file(path)
    if verdict.state is FileState.NOT_A_JOURNAL:
        raise JournalFileError(
            f"{path} is not a mesogun journal ({verdict.problem}); choose the right file",
            JournalProblem.NOT_A_JOURNAL,
            path=str(path),
        )
    report = verdict.chain
    for warning in report.warnings if report is not None else ():
        print(f"warning: {warning}")
    if verdict.state is FileState.EMPTY:
        print(f"{path}: EMPTY: {verdict.problem}; nothing was verified")
        return EXIT_BROKEN
    if verdict.state is FileState.DAMAGED:
        _print_damage(path, verdict)
        return EXIT_BROKEN
    assert report is not None
    if report.ok:
        print(f"{path}: intact, {report.rows_checked} rows checked")
        print(f"head: position {report.head_seq}, hash {report.head_hash}")
        return _verify_against_clinic(path)
    broken = report.first_broken
    assert broken is not None
    print(f"{path}: BROKEN after {report.rows_checked} intact rows")
    print(f"first broken link: {broken.table}, position {broken.seq}: {broken.reason}")
    return EXIT_BROKEN


def _print_damage(path: Path, verdict: FileVerdict) -> None:
    print(f"{path}: DAMAGED: SQLite cannot read all of it: {verdict.problem}")
    if verdict.chain is not None:
        chain = verdict.chain
        state = "intact" if chain.ok else "BROKEN"
        print(f"every row still reads and the chain is {state} ({chain.rows_checked} rows checked)")
    for table in verdict.readable:
        if table.error is None:
            print(f"  {table.table}: all {table.rows_read} rows read")
        else:
            print(f"  {table.table}: {table.rows_read} rows read, then: {table.error}")
    print(
        "keep this file as it is (copy it elsewhere); restore the journal from a backup or the clinic store"
    )


def _verify_against_clinic(path: Path) -> int:
    """Compare with the head the clinic anchored for this desk, when a clinic store is configured."""
    from mesogun.clinic.settings import ClinicSettingsError, load_settings

    try:
        settings = load_settings()
    except ClinicSettingsError as error:
        print(f"clinic: not checked ({error})")
        return 0
    if settings is None:
        return 0
    from mesogun.clinic.connection import ClinicUnavailableError
    from mesogun.clinic.verify import compare_with_clinic

    try:
        anchor = compare_with_clinic(path, settings.conninfo)
    except ClinicUnavailableError as error:
        print(f"clinic: not reachable, only the file was checked ({error})")
        return 0
    if anchor.ok:
        print(f"clinic: the desk still holds the rows up to position {anchor.clinic_head_seq} as replicated")
        return 0
    print(f"{path}: BROKEN against the clinic (station {anchor.station_id}): {anchor.reason}")
    return EXIT_BROKEN


def _cmd_path(args: argparse.Namespace) -> int:
    print(journal_path(args))
    return 0


# ---------------------------------------------------------------------- registration


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``sessions`` and ``log`` to the ``mesogun`` command line."""
    sessions = sub.add_parser("sessions", help="list, show and export the sessions in the dose journal")
    add_journal_option(sessions)
    sessions_sub = sessions.add_subparsers(dest="sessions_command", metavar="ACTION", required=True)

    listing = sessions_sub.add_parser("list", help="one line per session, oldest first")
    listing.add_argument("--patient", metavar="PSEUDONYM", help="only this patient's sessions")
    listing.add_argument("--since", type=moment, metavar="DATE", help="started on or after (YYYY-MM-DD, UTC)")
    listing.add_argument(
        "--until", type=moment, metavar="DATE", help="started on or before (YYYY-MM-DD, UTC)"
    )
    add_journal_option(listing)
    listing.set_defaults(handler=_guarded(_cmd_list))

    show = sessions_sub.add_parser("show", help="everything recorded about one session, dose by dose")
    show.add_argument("session_id", metavar="ID", help="session id (or its first characters)")
    add_journal_option(show)
    show.set_defaults(handler=_guarded(_cmd_show))

    score = sessions_sub.add_parser(
        "score",
        help="record outcome scores of a session: pain before/after (0-10), HAM-A (0-56)",
    )
    score.add_argument("session_id", metavar="ID", help="session id (or its first characters)")
    score.add_argument(
        "--pain-before", dest="pain_nrs_before", type=int, metavar="N", help="pain before the session, 0-10"
    )
    score.add_argument(
        "--pain-after", dest="pain_nrs_after", type=int, metavar="N", help="pain after the session, 0-10"
    )
    score.add_argument("--ham-a", dest="ham_a", type=int, metavar="N", help="Hamilton anxiety scale, 0-56")
    score.add_argument("--by", required=True, metavar="NAME", help="who scored (recorded with the score)")
    add_journal_option(score)
    score.set_defaults(handler=_guarded(_cmd_score))

    exporting = sessions_sub.add_parser(
        "export",
        help="export one session, or the sessions of a date range, as CSV, JSON or FHIR R4; "
        "one session as a PDF report",
    )
    exporting.add_argument("session_id", metavar="ID", nargs="?", help="session id (or its first characters)")
    exporting.add_argument("--since", type=moment, metavar="DATE", help="sessions started on or after")
    exporting.add_argument("--until", type=moment, metavar="DATE", help="sessions started on or before")
    exporting.add_argument(
        "--format",
        choices=ALL_FORMATS,
        required=True,
        help="csv: one row per dose; csv-fr: for a French spreadsheet (';', decimal comma, one row per "
        "product and lot); json; fhir; pdf: the session report for the patient file, with the "
        "after-care sheet; aftercare: the patient's after-care sheet alone",
    )
    exporting.add_argument(
        "-o",
        "--output",
        "--out",
        type=Path,
        metavar="FILE",
        help="write to FILE, owner-only, never over an existing file without --force "
        "(default: stdout; a PDF needs a file)",
    )
    exporting.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (it is never written in place)"
    )
    exporting.add_argument(
        "--lang", choices=("fr", "en"), default="fr", help="language of the PDF report (default: fr)"
    )
    exporting.add_argument(
        "--no-aftercare", action="store_true", help="a PDF report without the after-care sheet at its end"
    )
    add_journal_option(exporting)
    exporting.set_defaults(handler=_guarded(_cmd_export))

    log = sub.add_parser("log", help="check the dose journal's integrity, or show where it is")
    add_journal_option(log)
    log_sub = log.add_subparsers(dest="log_command", metavar="ACTION", required=True)
    verify = log_sub.add_parser(
        "verify", help="check every row against the hash chain; prints the first broken link (exit 1)"
    )
    add_journal_option(verify)
    verify.set_defaults(handler=_guarded(_cmd_verify))
    path = log_sub.add_parser("path", help="print the journal file's path")
    add_journal_option(path)
    path.set_defaults(handler=_guarded(_cmd_path))

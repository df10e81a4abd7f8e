"""``mesogun calibrations list|show|certificate``: the calibration records of the journal."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from pathlib import Path

from mesogun.cli.arguments import EXIT_USAGE
from mesogun.cli.journal_commands import add_journal_option, journal_path
from mesogun.errors import MesogunError
from mesogun.journal import CalibrationKind, JournalFileError, JournalProblem, SqliteJournal

Handler = Callable[[argparse.Namespace], int]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    records = sub.add_parser(
        "calibrations",
        help="calibration records: list them, show one, write its certificate (PDF)",
        description="The calibrations and flow tests recorded in the journal.",
    )
    add_journal_option(records)
    which = records.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = which.add_parser("list", help="list the records, oldest first")
    add_journal_option(p)
    p.add_argument("--serial", metavar="SERIAL", help="only this gun")
    p.add_argument("--kind", choices=[k.value for k in CalibrationKind], help="only this kind")
    p.set_defaults(handler=_list)

    p = which.add_parser("show", help="show one record: readings, figures, factors, verdict")
    add_journal_option(p)
    p.add_argument("record_id", metavar="ID", help="the record's id, or its first characters (at least 4)")
    p.set_defaults(handler=_show)

    p = which.add_parser(
        "certificate",
        help="write the calibration certificate of a record as a PDF",
        description=(
            "Write the certificate of a record (figures per level, raw readings, factors before and "
            "after, verdict, expiry; the trumpet curve of a flow test; the gun's factor over time)."
        ),
    )
    add_journal_option(p)
    p.add_argument("record_id", metavar="ID", help="the record's id, or its first characters (at least 4)")
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help="the PDF file to write")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--language", choices=["fr", "en"], default="fr", help="language of the certificate (fr)")
    p.set_defaults(handler=_certificate)


def _reports_errors(handler: Handler) -> Handler:
    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except MesogunError as exc:
            print(f"mesogun: {exc}", file=sys.stderr)
            return EXIT_USAGE

    return run


def _open(args: argparse.Namespace) -> SqliteJournal:
    path = journal_path(args)
    if not path.exists():
        raise JournalFileError(
            f"no journal at {path}: give the journal file with --journal FILE",
            JournalProblem.NO_JOURNAL,
            path=str(path),
        )
    return SqliteJournal(path)


@_reports_errors
def _list(args: argparse.Namespace) -> int:
    from mesogun.cli.calibrate_output import records_table

    kind = CalibrationKind(args.kind) if args.kind else None
    with _open(args) as journal:
        print(records_table(journal.calibrations(args.serial, kind)))
    return 0


@_reports_errors
def _show(args: argparse.Namespace) -> int:
    from mesogun.cli.calibrate_output import record_text

    with _open(args) as journal:
        print(record_text(journal.calibration(args.record_id)))
    return 0


@_reports_errors
def _certificate(args: argparse.Namespace) -> int:
    # Qt is loaded only for the PDF.
    from mesogun.exports.pdf_certificate import write_certificate

    with _open(args) as journal:
        record = journal.calibration(args.record_id)
        history = journal.calibrations(record.device_serial)
        write_certificate(record, args.out, history=history, language=args.language, overwrite=args.force)
    what = (
        "report of flow test"
        if record.kind is CalibrationKind.FLOW
        else f"certificate of {record.kind.value} calibration"
    )
    print(f"{what} {record.record_id[:8]} written to {args.out}")
    return 0

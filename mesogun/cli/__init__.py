"""The ``mesogun`` command line: one entry point, one module per family of sub-commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from mesogun import __version__
from mesogun.cli.arguments import EXIT_USAGE, OneLineParser
from mesogun.errors import MesogunError


def build_parser() -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = OneLineParser(
        prog="mesogun",
        description="Drive an automatic mesotherapy injection gun, run session plans, keep the dose journal.",
    )
    parser.add_argument("--version", action="version", version=f"mesogun {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Each family registers its own sub-commands; the order here is the order of --help.
    from mesogun.cli import device_commands

    device_commands.register(sub)
    from mesogun.cli import diagnostics_commands

    diagnostics_commands.register(sub)
    from mesogun.cli import plan_commands

    plan_commands.register(sub)
    from mesogun.cli import journal_commands

    journal_commands.register(sub)
    from mesogun.cli import patient_commands

    patient_commands.register(sub)
    from mesogun.cli import run_command

    run_command.register(sub)
    from mesogun.cli import calibrate_commands

    calibrate_commands.register(sub)
    from mesogun.cli import conformance_command

    conformance_command.register(sub)
    from mesogun.cli import clinic_commands

    clinic_commands.register(sub)
    from mesogun.cli import practice_commands

    practice_commands.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; a refused input or a file that cannot be used is one line and exit status 2."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 0
    try:
        result: int = handler(args)
    except MesogunError as error:
        # Every error raised on purpose says what happened and what to do: that sentence is enough.
        _fail(str(error))
        return EXIT_USAGE
    except OSError as error:
        # A file or a directory named on the command line that cannot be read or written.
        where = f" {error.filename}" if error.filename is not None else ""
        _fail(f"cannot use{where}: {error.strerror or error}")
        return EXIT_USAGE
    return result


def _fail(message: str) -> None:
    lines = message.strip().splitlines() or ["failed"]
    print(f"mesogun: {lines[0]}", file=sys.stderr)
    for line in lines[1:]:
        print(f"  {line}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())

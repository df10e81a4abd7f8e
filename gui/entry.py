"""The ``mesogun`` console command: the desktop app, or the command line for anything else.

``mesogun`` alone or ``mesogun gui [options]`` starts the app; ``mesogun --help`` lists the ``gui``
command with the others; every other command goes to ``mesogun.cli``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from mesogun import cli

HELP_FLAGS = ("-h", "--help")


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser of ``mesogun.cli`` with the ``gui`` command added."""
    from gui.app import add_gui_options

    parser = cli.build_parser()
    subparsers = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    gui = subparsers.add_parser(
        "gui",
        help="start the desktop application (the default when no command is given)",
        description="Start the mesogun desktop application.",
    )
    add_gui_options(gui)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``mesogun`` with ``argv`` (default: the process arguments); returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] == "gui":
        if any(flag in args for flag in HELP_FLAGS):
            build_parser().parse_args(args)  # prints the gui command's help and exits
        from gui.app import run_app

        return run_app(args[1:])
    if args[0] in HELP_FLAGS:
        build_parser().print_help()
        return 0
    return cli.main(args)


if __name__ == "__main__":
    sys.exit(main())

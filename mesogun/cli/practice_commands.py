"""``mesogun practice …``: the clinic and practitioner printed at the top of the session reports
(see ``mesogun.practice``)."""

from __future__ import annotations

import argparse
from dataclasses import fields, replace

from mesogun.practice import Practice, load_practice, practice_path, save_practice

_OPTIONS = {
    "clinic_name": "the clinic's name",
    "address": "the clinic's address (one line; ', ' between its parts)",
    "practitioner": "the practitioner's name as printed on the report",
    "rpps": "the practitioner's RPPS number (11 digits)",
}


def _print(practice: Practice) -> None:
    for field in fields(Practice):
        value = getattr(practice, field.name)
        print(f"{field.name.replace('_', ' ')}: {value if value is not None else '(not set)'}")


def _cmd_show(args: argparse.Namespace) -> int:
    print(f"{practice_path()}")
    _print(load_practice())
    return 0


def _cmd_set(args: argparse.Namespace) -> int:
    given = {name: getattr(args, name) for name in _OPTIONS if getattr(args, name) is not None}
    # An empty value removes the field; the fields not named keep their value.
    practice = replace(load_practice(), **given)
    path = save_practice(practice)
    print(f"written {path}")
    _print(practice)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``practice`` to the ``mesogun`` command line."""
    practice = sub.add_parser(
        "practice", help="the clinic and practitioner printed at the top of the reports"
    )
    which = practice.add_subparsers(dest="practice_command", metavar="ACTION", required=True)
    p = which.add_parser("show", help="what the reports print (and the file it is kept in)")
    p.set_defaults(handler=_cmd_show)
    p = which.add_parser("set", help="set some fields ('' removes one); the others keep their value")
    for name, help_text in _OPTIONS.items():
        p.add_argument(f"--{name.replace('_', '-')}", dest=name, metavar="TEXT", help=help_text)
    p.set_defaults(handler=_cmd_set)

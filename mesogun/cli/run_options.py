"""The options of ``mesogun run`` and how their values are read (``PRODUCT=LOT:YYYY-MM-DD``…).

Option names and their values are code: they read the same whatever the run's language (``--lang``).
Values are read once the language is known (:func:`read_values`), so a value that does not read is
refused in that language.
"""

from __future__ import annotations

import argparse
from datetime import date

from mesogun.cli.arguments import positive_float
from mesogun.cli.connection import add_connection_options
from mesogun.cli.journal_commands import add_journal_option
from mesogun.session import SessionError
from mesogun.session.remainder import PartialChoice
from mesogun.vocabulary import Language
from mesogun.vocabulary.run_words import run_word

#: ``--resume`` without a session id: the latest open session.
LATEST = "latest"


def add_run_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Add ``mesogun run`` and its options to the parser; the caller sets its handler."""
    p = sub.add_parser(
        "run",
        help="run a session plan on the gun, point by point, with the dose journal",
        description=(
            "Run a session plan: screening (consent, contraindications), then each point of the plan: "
            "the gun is configured and armed, the shots are journaled as the gun reports them, and the "
            "next point follows when the target is met. Ctrl-C pauses (then resume, stop or abort); "
            "SIGTERM stops cleanly. Built-in plans are editable examples, not prescriptions."
        ),
    )
    p.add_argument("plan", metavar="PLAN", help="built-in plan name (see `mesogun plans list`) or plan file")
    p.add_argument("--patient", metavar="PSEUDONYM", help="patient pseudonym (never a name or a birth date)")
    p.add_argument("--practitioner", metavar="NAME", help="who performs the session (default: login name)")
    p.add_argument("--indication", metavar="TEXT", help="indication (default: the plan's)")
    add_connection_options(p)
    p.add_argument(
        "--auto-trigger",
        action="store_true",
        help="fire each shot from the computer, like a foot pedal (bench tests and the simulated gun)",
    )
    add_journal_option(p)
    p.add_argument(
        "--lot",
        action="append",
        default=[],
        metavar="PRODUCT=LOT:YYYY-MM-DD",
        help="lot number and expiry date of a product of the cocktail, as on the vial (repeat per product)",
    )
    p.add_argument(
        "--syringe",
        metavar="ML[:FILL_UL]",
        help=(
            "declare the syringe loaded in the gun: capacity in ml and the µl drawn into it (default full); "
            "with --resume, only when the gun reports no filled syringe"
        ),
    )
    p.add_argument("--yes-consent", action="store_true", help="the patient gave informed consent")
    p.add_argument(
        "--answers",
        choices=["no"],
        help="answer every contraindication question 'no' (the practitioner screened the patient)",
    )
    p.add_argument(
        "--declare",
        action="append",
        default=[],
        metavar="PRODUCT=SUBSTANCE:MG_PER_ML",
        help=(
            "active substance (catalogue code, e.g. diazepam) and strength of a cocktail product the product "
            "catalogue does not list; recorded with the session (repeat per product)"
        ),
    )
    p.add_argument(
        "--weight-kg",
        type=positive_float(500.0, unit="kg"),
        metavar="KG",
        help="patient's weight: caps given in mg/kg apply",
    )
    p.add_argument(
        "--too-soon-reason",
        metavar="TEXT",
        help="why the session goes on although it comes before the plan's course allows (recorded)",
    )
    p.add_argument(
        "--lang",
        choices=("fr", "en"),
        default="fr",
        help="language of everything the run prints: progress, questions, summary, refusals (default: fr)",
    )
    p.add_argument(
        "--acknowledge-unattended",
        action="store_true",
        help=(
            "without a terminal, let the run acknowledge the gun's alarms by itself (its watchdog after "
            "the host was away, an alarm whose cause is gone) and go on; each is recorded as "
            "acknowledged by an unattended run. Without it, an alarm leaves the session open for a person"
        ),
    )
    p.add_argument(
        "--resume",
        nargs="?",
        const=LATEST,
        metavar="SESSION_ID",
        help="resume an open session (default: the latest open one, for --patient if given)",
    )
    p.add_argument(
        "--no-lot",
        action="append",
        default=[],
        metavar="PRODUCT=REASON",
        help=(
            "why a product of the cocktail has no lot number and expiry date (recorded in the journal); "
            "without it, every product needs --lot"
        ),
    )
    p.add_argument(
        "--on-partial",
        choices=[choice.value for choice in PartialChoice],
        help=(
            "when a cut shot (an alarm, STOP, a lost link, a power loss) left a point short: 'complete' "
            "delivers exactly what is left, 'done' ends the point as it is, 'skip' leaves it (with "
            "--on-partial-reason); recorded in the journal. Without it the question is asked on a "
            "terminal, and a run without a terminal leaves the session open"
        ),
    )
    p.add_argument(
        "--on-partial-reason",
        metavar="TEXT",
        help="the reason recorded with --on-partial skip",
    )
    return p


def read_values(args: argparse.Namespace) -> None:
    """Read the values of ``--lot``, ``--declare``, ``--syringe`` and ``--no-lot`` in place; a value that
    does not read is refused in the run's language (:class:`SessionError`)."""
    language: Language = args.lang
    args.lot = [lot_spec(text, language) for text in args.lot]
    args.declare = [declare_spec(text, language) for text in args.declare]
    args.no_lot = [no_lot_spec(text, language) for text in args.no_lot]
    args.syringe = syringe_spec(args.syringe, language) if args.syringe is not None else None


def lot_spec(text: str, language: Language) -> tuple[str, str, date]:
    """``PRODUCT=LOT:YYYY-MM-DD`` of ``--lot``."""
    name, sep, rest = text.partition("=")
    lot, sep2, expiry_text = rest.rpartition(":")
    if not sep or not sep2 or not name.strip() or not lot.strip():
        raise SessionError(run_word("bad_lot", language, text=text))
    try:
        expiry = date.fromisoformat(expiry_text.strip())
    except ValueError as exc:
        raise SessionError(run_word("bad_expiry", language, text=text, expiry=expiry_text)) from exc
    return name.strip(), lot.strip(), expiry


def declare_spec(text: str, language: Language) -> tuple[str, str, float]:
    """``PRODUCT=SUBSTANCE:MG_PER_ML`` of ``--declare``."""
    name, sep, rest = text.partition("=")
    substance, sep2, strength_text = rest.rpartition(":")
    try:
        strength = float(strength_text.replace(",", "."))
    except ValueError:
        strength = float("nan")
    if not sep or not sep2 or not name.strip() or not substance.strip() or not strength > 0:
        raise SessionError(run_word("bad_declare", language, text=text))
    return name.strip(), substance.strip(), strength


def syringe_spec(text: str, language: Language) -> tuple[int, float | None]:
    """``ML[:FILL_UL]`` of ``--syringe``."""
    capacity_text, _, fill_text = text.partition(":")
    try:
        capacity_ml = int(capacity_text)
        fill_ul = float(fill_text) if fill_text else None
    except ValueError as exc:
        raise SessionError(run_word("bad_syringe", language, text=text)) from exc
    return capacity_ml, fill_ul


def no_lot_spec(text: str, language: Language) -> tuple[str, str]:
    """``PRODUCT=REASON`` of ``--no-lot``."""
    name, sep, reason = text.partition("=")
    if not sep or not name.strip() or not reason.strip():
        raise SessionError(run_word("bad_no_lot", language, text=text))
    return name.strip(), reason.strip()

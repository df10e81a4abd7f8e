"""``mesogun plans ...`` and ``mesogun limits show``: the plan library, plan files and the limits library."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mesogun.cli.arguments import EXIT_USAGE
from mesogun.cli.plan_listing import show_limits, show_plan, table
from mesogun.cli.plan_steps import ADD_STEP_FORM, StepSpecError, edited_steps, problem_lines
from mesogun.errors import MesogunError
from mesogun.limits import check_point
from mesogun.models.plan import SessionPlan
from mesogun.plans import (
    PlanFileError,
    builtin_plan,
    builtin_plan_text,
    list_builtin_plans,
    load_plan,
    plan_schema_text,
    shipped_schema_path,
)
from mesogun.plans.editing import draft_problems, usual_range_note
from mesogun.plans.identity import own_copy_text, plan_content_hash, plan_to_toml
from mesogun.plans.loader import parse_plan
from mesogun.vocabulary import Language
from mesogun.vocabulary.counting import counted, is_plural
from mesogun.vocabulary.formatting import french_spacing

_EXAMPLE_NOTE = "Editable example, not a prescription: adapt it to the patient."


def register(sub: Any) -> None:
    """Add the ``plans`` and ``limits`` command families to the ``mesogun`` sub-parsers."""
    plans = sub.add_parser("plans", help="list, show, check and copy session plans")
    plans.set_defaults(handler=lambda _args: _usage(plans))
    plans_sub = plans.add_subparsers(dest="plans_command", metavar="ACTION")

    p = plans_sub.add_parser("list", help="list the built-in plans")
    p.set_defaults(handler=_list)

    p = plans_sub.add_parser("show", help="show a plan's points, settings, totals and estimated time")
    p.add_argument("plan", metavar="NAME|FILE", help="a built-in plan name or a plan file (.toml)")
    p.add_argument("--lang", choices=("fr", "en"), default="fr", help="language of the listing (default: fr)")
    p.set_defaults(handler=_show)

    p = plans_sub.add_parser("validate", help="check plan files and print every problem")
    p.add_argument("files", metavar="FILE", nargs="+", type=Path)
    p.add_argument(
        "--lang", choices=("fr", "en"), default="fr", help="language of the checks' messages (default: fr)"
    )
    p.set_defaults(handler=_validate)

    p = plans_sub.add_parser("new", help="start a new plan file from a built-in plan")
    p.add_argument("--from", dest="source", metavar="NAME", required=True, help="built-in plan to copy")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: print it)")
    p.add_argument(
        "--name",
        help="the new plan's name (default: the file's name, or NAME-copy); the copy is no longer an example",
    )
    p.add_argument("--version", dest="plan_version", default="1", help="the new plan's version (default: 1)")
    p.add_argument(
        "--remove-step",
        dest="remove_steps",
        metavar="N",
        type=int,
        action="append",
        default=[],
        help="leave out step N of the plan copied (1 for the first; repeat for several)",
    )
    p.add_argument(
        "--add-step",
        dest="add_steps",
        metavar=ADD_STEP_FORM,
        action="append",
        default=[],
        help=(
            "add a step at the end: technique code, acupoint code (PC6 or MC6) or zone in words, then "
            "depth (mm), volume per shot (µl) and shots if not the technique's defaults (repeat for several)"
        ),
    )
    p.add_argument(
        "--lang", choices=("fr", "en"), default="fr", help="language of the checks' messages (default: fr)"
    )
    p.set_defaults(handler=_new)

    p = plans_sub.add_parser("schema", help="print the JSON Schema of plan files")
    p.set_defaults(handler=_schema)

    limits = sub.add_parser("limits", help="the limits library")
    limits.set_defaults(handler=lambda _args: _usage(limits))
    limits_sub = limits.add_subparsers(dest="limits_command", metavar="ACTION")
    p = limits_sub.add_parser("show", help="print the hard and soft limits and the product caps")
    p.add_argument("--lang", choices=("fr", "en"), default="fr", help="language of the listing (default: fr)")
    p.set_defaults(handler=_limits_show)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _fail(error: Exception) -> int:
    print(f"mesogun: {error}", file=sys.stderr)
    return EXIT_USAGE


def _list(_args: argparse.Namespace) -> int:
    rows = []
    for name in list_builtin_plans():
        plan = builtin_plan(name)
        rows.append((name, plan.title, f"{len(plan.points())} points", plan.indication))
    table(["name", "title", "points", "indication"], rows, sys.stdout)
    print(f"\n{_EXAMPLE_NOTE}")
    return 0


def _open_plan(spec: str) -> SessionPlan:
    path = Path(spec)
    if spec.endswith(".toml") or path.exists():
        return load_plan(path)
    return builtin_plan(spec)


def _show(args: argparse.Namespace) -> int:
    try:
        plan = _open_plan(args.plan)
    except MesogunError as exc:
        return _fail(exc)
    show_plan(plan, args.lang, sys.stdout)
    return 0


def _validate(args: argparse.Namespace) -> int:
    fr = args.lang == "fr"
    colon = "\u00a0: " if fr else ": "
    failed = 0
    for file in args.files:
        try:
            plan = load_plan(file)
        except PlanFileError as exc:
            failed += 1
            lines = problem_lines(exc, args.lang)
            if len(lines) == 1:
                print(lines[0])
                continue
            count = len(lines)
            print(
                f"{file}{colon}{count} problèmes dans le fichier de protocole"
                if fr
                else f"{file}: {count} problems in the plan file"
            )
            for line in lines:
                print(f"  {line}")
            continue
        points = len(plan.points())
        print(
            f"{file}{colon}OK ({points} points, version du protocole {plan.version})"
            if fr
            else f"{file}: OK ({points} points, plan version {plan.version})"
        )
        for point in plan.points():
            for violation in check_point(point).soft_violations():
                note = usual_range_note(violation, point).text(args.lang)
                word = "remarque" if fr else "note"
                print(f"  {word}{colon}point {point.index + 1} ({point.label}){colon}{note}")
    if failed:
        several = is_plural(failed, args.lang)
        if fr:  # "1 fichier sur 3 a des problèmes", "2 fichiers sur 3 ont des problèmes"
            verb = "ont" if several else "a"
            print(
                f"{counted(failed, 'file', 'fr')} sur {len(args.files)} {verb} des problèmes", file=sys.stderr
            )
        else:  # "1 of 3 files has problems"
            verb = "have" if several else "has"
            print(f"{failed} of {len(args.files)} files {verb} problems", file=sys.stderr)
    return 1 if failed else 0


def _new(args: argparse.Namespace) -> int:
    try:
        text = builtin_plan_text(args.source)
    except MesogunError as exc:
        return _fail(exc)
    # The copy lives elsewhere: point its schema line at the schema shipped with mesogun.
    lines = text.splitlines(keepends=True)
    if lines and lines[0].startswith("#:schema"):
        lines[0] = f"#:schema {shipped_schema_path().as_uri()}\n"
    text = "".join(lines)
    name = args.name or (args.output.stem.lower() if args.output is not None else f"{args.source}-copy")
    source = str(args.output or "<copy>")
    try:
        text = own_copy_text(text, name=name, version=args.plan_version)
        if args.remove_steps or args.add_steps:
            text = _with_steps_edited(text, args.remove_steps, args.add_steps, args.lang)
        parse_plan(text, source)
    except StepSpecError as exc:
        return _fail(exc)
    except (PlanFileError, _DraftRefused) as exc:
        lines = problem_lines(exc, args.lang) if isinstance(exc, PlanFileError) else exc.lines
        header = (
            f"la copie ne peut pas être enregistrée sous « {name} », version « {args.plan_version} » :"
            if args.lang == "fr"
            else f"the copy cannot be saved as {name!r}, version {args.plan_version!r}:"
        )
        header = french_spacing(header) if args.lang == "fr" else header
        if len(lines) == 1:  # one problem: one line
            print(f"mesogun: {header} {lines[0]}", file=sys.stderr)
            return EXIT_USAGE
        print(f"mesogun: {header}", file=sys.stderr)
        for line in lines:
            print(f"  {line}", file=sys.stderr)
        return EXIT_USAGE
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        with args.output.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        return _fail(MesogunError(f"{args.output} already exists; choose another file name"))
    except OSError as exc:
        return _fail(MesogunError(f"cannot write {args.output}: {exc.strerror or exc}"))
    content_hash = plan_content_hash(parse_plan(text))[:12]
    if args.lang == "fr":
        said = (
            f"{args.output} écrit : protocole « {name} », version « {args.plan_version} », copie du "
            f"protocole intégré « {args.source} » (empreinte {content_hash}) ; modifiez-le"
        )
        print(french_spacing(said), file=sys.stderr)
        return 0
    print(
        f"wrote {args.output}: plan {name!r} version {args.plan_version!r}, a copy of the built-in plan "
        f"{args.source!r} (content hash {content_hash}); edit it",
        file=sys.stderr,
    )
    return 0


class _DraftRefused(Exception):
    """Steps the plan models refuse, each said in the language asked."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def _with_steps_edited(text: str, remove: list[int], add: list[str], language: Language) -> str:
    """The plan file ``text`` with steps removed and added (written anew: its comments are not kept)."""
    plan = parse_plan(text, "<copy>")
    values = plan.model_dump(mode="json", exclude_none=True)
    values["steps"] = edited_steps(plan, remove, add)
    try:
        edited = SessionPlan.model_validate(values)
    except ValidationError as exc:
        raise _DraftRefused([note.text(language) for _location, note in draft_problems(exc, values)]) from exc
    lines = plan_to_toml(edited).splitlines(keepends=True)
    lines[0] = f"#:schema {shipped_schema_path().as_uri()}\n"
    return "".join(lines)


def _schema(_args: argparse.Namespace) -> int:
    sys.stdout.write(plan_schema_text())
    return 0


def _limits_show(args: argparse.Namespace) -> int:
    show_limits(args.lang, sys.stdout)
    return 0

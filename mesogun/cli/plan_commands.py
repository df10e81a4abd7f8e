"""``mesogun plans ...`` and ``mesogun limits show``: the plan library, plan files and the limits library."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from firmware_protocol.enums import Mode
from mesogun.catalogue import load_catalogue
from mesogun.cli.arguments import EXIT_USAGE
from mesogun.cli.plan_steps import ADD_STEP_FORM, StepSpecError, edited_steps, problem_lines
from mesogun.errors import MesogunError
from mesogun.limits import check_point, load_limits
from mesogun.models.plan import SessionPlan
from mesogun.models.technique import Technique
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
from mesogun.vocabulary import Language, name_in_sentence
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
    _table(["name", "title", "points", "indication"], rows, sys.stdout)
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
    out = sys.stdout
    print(f"{plan.title} ({plan.name}, version {plan.version})", file=out)
    if plan.example:
        print(_EXAMPLE_NOTE, file=out)
    print(f"Indication: {plan.indication}", file=out)
    if plan.cocktail is not None:
        parts = ", ".join(f"{c.product.label} {c.proportion_pct:g} %" for c in plan.cocktail.components)
        print(f"Cocktail: {plan.cocktail.name} ({plan.cocktail.volume_loaded_ml:g} ml): {parts}", file=out)
    blocking = sum(c.blocking for c in plan.contraindications)
    print(f"Contraindications to screen: {len(plan.contraindications)} ({blocking} blocking)", file=out)
    print(file=out)
    rows = []
    notes: list[str] = []
    for point in plan.points():
        if point.target_shots is not None:
            target = f"{point.target_shots} shot{'s' if point.target_shots != 1 else ''}"
        else:
            target = f"{point.target_volume_ul:g} µl"
        rate = f"{point.burst_rate_per_s:g}/s" if point.mode is Mode.BURST else ""
        rows.append(
            (
                str(point.index + 1),
                point.label,
                name_in_sentence(point.technique, "fr"),
                f"{point.depth_mm:g} mm",
                f"{point.volume_per_shot_ul:g} µl",
                target,
                f"{point.flow_ul_s:g} µl/s",
                rate,
            )
        )
        notes.extend(f"point {point.index + 1}: {v.message}" for v in check_point(point).violations)
    _table(["#", "site / zone", "technique", "depth", "per shot", "target", "flow", "rate"], rows, out)
    print(file=out)
    print(f"Planned volume: {plan.planned_volume_ul():g} µl", file=out)
    for label, volume_ul in plan.totals_per_product_ul().items():
        print(f"  {label}: {volume_ul:g} µl", file=out)
    minutes, seconds = divmod(round(plan.estimated_duration_s()), 60)
    print(f"Estimated time: {minutes} min {seconds:02d} s", file=out)
    if notes:
        print("\nOutside the usual ranges (needs a confirmation with a reason at run time):", file=out)
        for note in notes:
            print(f"  {note}", file=out)
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
        print(
            f"{failed} fichier(s) sur {len(args.files)} ont des problèmes"
            if fr
            else f"{failed} of {len(args.files)} file(s) have problems",
            file=sys.stderr,
        )
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


def _limits_show(_args: argparse.Namespace) -> int:
    lib = load_limits()
    out = sys.stdout
    hard = lib.hard
    print(f"Limits library version {lib.version}", file=out)
    print("\nHard limits (the gun's ranges: refused outside):", file=out)
    print(f"  depth: {hard.depth_mm.describe('mm')} in steps of {hard.depth_step_mm:g} mm", file=out)
    print(f"  volume per shot: {hard.volume_per_shot_ul.describe('µl')}", file=out)
    print(f"  flow: {hard.flow_ul_s.describe('µl/s')}", file=out)
    print(f"  burst rate: {hard.burst_rate_per_s.describe('shots/s')}", file=out)
    print("\nSoft limits per technique (a confirmation with a reason outside them):", file=out)
    rows = []
    for technique in Technique:
        prof = lib.profile(technique)
        rows.append(
            (
                name_in_sentence(technique, "fr"),
                prof.mode.name.lower(),
                f"{prof.depth_mm:g} ({prof.depth_soft_mm.describe('mm')})",
                f"{prof.volume_per_shot_ul:g} ({prof.volume_per_shot_soft_ul.describe('µl')})",
                f"{prof.flow_ul_s:g} ({prof.flow_soft_ul_s.describe('µl/s')})",
            )
        )
    _table(["technique", "mode", "depth default (range)", "volume/shot", "flow"], rows, out)
    catalogue = load_catalogue()
    print(
        f"\nCaps by active substance (mg; product catalogue {catalogue.version}; refused beyond):", file=out
    )
    cap_rows = []
    for substance in catalogue.substances.values():
        if substance.refused:
            cap_rows.append((substance.name_fr, substance.atc or "-", "refused (corticoid)", "", "", ""))
            continue
        caps = substance.caps
        per_kg = f" ({caps.per_24h_mg_per_kg:g} mg/kg)" if caps.per_24h_mg_per_kg else ""
        cap_rows.append(
            (
                substance.name_fr,
                substance.atc or "-",
                f"{caps.per_point_mg:g}",
                f"{caps.per_session_mg:g}",
                f"{caps.per_24h_mg:g}{per_kg}",
                f"{caps.per_7d_mg:g}",
            )
        )
    _table(["substance", "ATC", "per point", "per session", "per 24 h", "per 7 days"], cap_rows, out)
    return 0


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], out: TextIO) -> None:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=False)]
    for row in [tuple(header), *rows]:
        print(
            "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=False)).rstrip(),
            file=out,
        )

"""Reading plan files (TOML) into SessionPlan, reporting every problem with its line.

Checked here: TOML syntax; keys, types and required fields; consistency of each step; the hard limits of
the limits library (the gun's ranges, depth resolution); the product catalogue's refusals (corticoids)
and its caps in mg per point and per session over the planned volumes.
Soft limits are not file errors: they are checked when the session runs, where crossing one needs a
confirmation with a reason.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import types
import typing
from pathlib import Path as FilePath
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from mesogun.catalogue.caps import CapContext, check_substance_caps
from mesogun.catalogue.library import load_catalogue
from mesogun.catalogue.resolve import ProductRefusedError, with_ingredients
from mesogun.limits.check import check_area_depth, check_hard
from mesogun.limits.library import LimitsLibrary, load_limits
from mesogun.models.plan import SessionPlan
from mesogun.plans.problems import NO_VALUE, PlanFileError, PlanProblem
from mesogun.plans.toml_index import KeyIndex, Path

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_HARD_FIELDS = ("depth_mm", "volume_per_shot_ul", "flow_ul_s", "burst_rate_per_s")
#: Largest plan file read, in bytes. The built-in plans take a few kB; a path that never ends
#: (/dev/zero, a log file named by mistake) is refused after this much, not read into memory.
MAX_PLAN_BYTES = 1 << 20


def read_plan_text(file: FilePath) -> str:
    """The text of a plan file, read through at most :data:`MAX_PLAN_BYTES` + 1 bytes.

    Raises PlanFileError when the file cannot be read, is larger than that, or is not UTF-8.
    """
    try:
        with file.open("rb") as stream:
            data = stream.read(MAX_PLAN_BYTES + 1)
    except OSError as exc:
        problem = PlanProblem(str(file), None, (), f"cannot read the file: {exc.strerror or exc}")
        raise PlanFileError(str(file), [problem]) from exc
    if len(data) > MAX_PLAN_BYTES:
        message = f"larger than {MAX_PLAN_BYTES // 1024} KiB: not a plan file"
        raise PlanFileError(str(file), [PlanProblem(str(file), None, (), message)])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problem = PlanProblem(str(file), None, (), f"not UTF-8 text: {exc.reason}")
        raise PlanFileError(str(file), [problem]) from exc


def load_plan(path: FilePath | str, library: LimitsLibrary | None = None) -> SessionPlan:
    """Read a plan file; raises PlanFileError listing every problem (file, line, field, value, range)."""
    file = FilePath(path)
    return parse_plan(read_plan_text(file), str(file), library)


def parse_plan(text: str, source: str = "<plan>", library: LimitsLibrary | None = None) -> SessionPlan:
    """A SessionPlan from TOML text; ``source`` names the text in messages."""
    try:
        return _parse_plan(text, source, library)
    except RecursionError as exc:
        # tomllib and the model validators recurse once per level of nesting.
        problem = PlanProblem(source, None, (), "tables or arrays nested too deeply: not a plan file")
        raise PlanFileError(source, [problem]) from exc


def _parse_plan(text: str, source: str, library: LimitsLibrary | None) -> SessionPlan:
    lib = library or load_limits()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlanFileError(source, [_syntax_problem(source, exc)]) from exc
    index = KeyIndex(text)
    problems = {p.path: p for p in _hard_limit_problems(data, source, index, lib)}
    try:
        plan = SessionPlan.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        failed_paths = {tuple(error["loc"]) for error in errors}
        for error in errors:
            loc = tuple(error["loc"])
            # A list whose only entries are invalid is also reported "too short": the entries say why.
            if error["type"] == "too_short" and any(p[: len(loc)] == loc and p != loc for p in failed_paths):
                continue
            problem = _validation_problem(error, data, source, index)
            # A value outside the gun's range is reported once, with the range.
            problems.setdefault(problem.path, problem)
        raise PlanFileError(source, problems.values()) from exc
    for problem in _area_depth_problems(plan, source, index, lib):
        problems.setdefault(problem.path, problem)  # beyond the gun's range is said once, as such
    problems.update((p.path, p) for p in _product_cap_problems(plan, source, index, lib))
    if problems:
        raise PlanFileError(source, problems.values())
    return plan


def _syntax_problem(source: str, exc: tomllib.TOMLDecodeError) -> PlanProblem:
    message = str(exc)
    match = _TOML_POSITION.search(message)
    line = int(match.group(1)) if match else None
    if match:
        message = f"{message[: match.start()]} (column {match.group(2)})"
    return PlanProblem(source, line, (), f"TOML syntax error: {message}")


def _value_at(data: Any, path: Path) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return NO_VALUE
    return data


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _hard_limit_problems(
    data: dict[str, Any], source: str, index: KeyIndex, lib: LimitsLibrary
) -> list[PlanProblem]:
    steps = data.get("steps")
    if not isinstance(steps, list):
        return []
    problems: list[PlanProblem] = []
    for number, step in enumerate(steps):
        if not isinstance(step, dict):
            continue
        for field in _HARD_FIELDS:
            value: Any = step.get(field)
            if not _is_number(value):
                continue
            violation = check_hard(field, float(value), library=lib)
            if violation is None:
                continue
            path: Path = ("steps", number, field)
            unit = violation.unit
            allowed = violation.limit.describe(unit)
            if violation.limit.contains(float(value)):
                message = (
                    f"not a multiple of the gun's {lib.hard.depth_step_mm:g} {unit} step "
                    f"(allowed {allowed} in steps of {lib.hard.depth_step_mm:g} {unit}; "
                    f"hard limit, limits library {lib.version})"
                )
            else:
                message = f"outside the gun's range {allowed} (hard limit, limits library {lib.version})"
            problems.append(PlanProblem(source, index.line_of(path), path, message, value))
    return problems


def _area_depth_problems(
    plan: SessionPlan, source: str, index: KeyIndex, lib: LimitsLibrary
) -> list[PlanProblem]:
    """Steps deeper than their body area allows (``depth_by_area_mm`` of the limits library)."""
    problems: list[PlanProblem] = []
    for number, step in enumerate(plan.steps):
        violation = check_area_depth(step.site, step.zone, step.depth_mm, lib)
        if violation is not None:
            path: Path = ("steps", number, "depth_mm")
            message = violation.message.removeprefix(f"depth_mm = {step.depth_mm:g} mm is ")
            problems.append(PlanProblem(source, index.line_of(path), path, message, step.depth_mm))
    return problems


def _field_annotation(model: type[BaseModel], name: str) -> Any:
    field = model.model_fields.get(name)
    return None if field is None else field.annotation


def _unwrap(annotation: Any) -> Any:
    # X | None → X; tuple[X, ...] → X; dict[K, V] → V.
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(members[0]) if len(members) == 1 else annotation
    if origin in (tuple, list, dict):
        args = [a for a in typing.get_args(annotation) if a is not Ellipsis]
        return _unwrap(args[-1]) if args else annotation
    return annotation


def _model_at(path: Path) -> type[BaseModel] | None:
    """The model class describing the table at ``path`` in a plan file."""
    current: Any = SessionPlan
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        current = _unwrap(_field_annotation(current, part))
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _validation_problem(error: ErrorDetails, data: Any, source: str, index: KeyIndex) -> PlanProblem:
    path: Path = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx", {})
    value = _value_at(data, path)
    key = path[-1] if path else ""
    message: str
    if kind == "missing":
        message = f"required key '{key}' is missing"
        value = NO_VALUE
    elif kind == "extra_forbidden":
        model = _model_at(path[:-1])
        allowed = sorted(model.model_fields) if model else []
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        message = f"unknown key; {hint}allowed keys here: {', '.join(allowed)}"
    elif kind == "enum":
        message = f"not a known choice; choose one of {ctx.get('expected', '')}"
    elif kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        words = {
            "greater_than": "more than",
            "greater_than_equal": "at least",
            "less_than": "less than",
            "less_than_equal": "at most",
        }[kind]
        bound = next(iter(ctx.values()), "")
        message = f"must be {words} {bound}"
    elif kind in ("float_type", "float_parsing", "finite_number"):
        message = "must be a finite number (write it without quotes)"
    elif kind in ("int_type", "int_parsing", "int_from_float"):
        message = "must be a whole number (write it without quotes or decimals)"
    elif kind in ("bool_type", "bool_parsing"):
        message = "must be true or false"
    elif kind == "string_type":
        message = "must be text in quotes"
    elif kind == "string_too_short":
        message = "must not be empty"
    elif kind == "too_short":
        message = "must hold at least one entry"
    elif kind == "string_pattern_mismatch":
        message = "must be lowercase letters, digits, '-' or '_', starting with a letter or digit"
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        message = "must be a table"
    elif kind in ("tuple_type", "list_type"):
        message = "must be an array (or [[tables]])"
    elif kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
        value = NO_VALUE
    else:
        message = error["msg"]
    return PlanProblem(source, index.line_of(path), path, message, value)


def _product_cap_problems(
    plan: SessionPlan, source: str, index: KeyIndex, lib: LimitsLibrary
) -> list[PlanProblem]:
    """Products the catalogue refuses (a corticoid: seed 002 « jamais de corticoïdes ») and planned mg
    beyond a substance's caps per point or per session (one session alone, no earlier doses).

    A product the catalogue does not know is not a file error: the practitioner declares its
    substance when the session opens (or in the file, with ``ingredients``).
    """
    if plan.cocktail is None:
        return []
    catalogue = load_catalogue()
    problems: list[PlanProblem] = []
    components = plan.cocktail.components
    resolved = []
    for number, component in enumerate(components):
        path: Path = ("cocktail", "components", number, "product")
        try:
            resolved.append(with_ingredients([component], catalogue)[0])
        except ProductRefusedError as exc:
            if exc.reason != "unknown":
                problems.append(PlanProblem(source, index.line_of(path), path, str(exc)))
    if len(resolved) != len(components):
        return problems
    caps = CapContext(catalogue=catalogue)
    for point in plan.points():
        for v in check_substance_caps(
            resolved, caps, session_ul=0.0, point_ul=0.0, next_ul=point.planned_volume_ul
        ):
            if v.field.endswith(" per point"):
                step_path: Path = ("steps", point.step_index)
                problems.append(
                    PlanProblem(
                        source,
                        index.line_of(step_path),
                        step_path,
                        f"{v.message} (catalogue {catalogue.version})",
                    )
                )
    total_ul = plan.planned_volume_ul()
    for v in check_substance_caps(resolved, caps, session_ul=0.0, point_ul=0.0, next_ul=total_ul):
        if v.field.endswith(" per session"):
            code = v.field.removesuffix(" per session")
            number = next(
                n for n, c in enumerate(resolved) if any(i.substance == code for i in c.product.ingredients)
            )
            component_path: Path = ("cocktail", "components", number)
            message = f"{v.message} (catalogue {catalogue.version})"
            problems.append(PlanProblem(source, index.line_of(component_path), component_path, message))
    return problems

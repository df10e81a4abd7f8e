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
from mesogun.catalogue.library import Catalogue, load_catalogue
from mesogun.catalogue.resolve import ProductRefusedError, with_ingredients
from mesogun.limits.check import Violation, check_area_depth, check_hard
from mesogun.limits.library import LimitsLibrary, load_limits
from mesogun.models.body_area import body_area
from mesogun.models.plan import SessionPlan
from mesogun.plans.check_codes import PRODUCT_REFUSALS, PlanCheck
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
        reason = str(exc.strerror or exc)
        message = f"cannot read the file: {reason}"
        problem = PlanProblem(
            str(file), None, (), message, code=PlanCheck.UNREADABLE, params={"reason": reason}
        )
        raise PlanFileError(str(file), [problem]) from exc
    if len(data) > MAX_PLAN_BYTES:
        kib = MAX_PLAN_BYTES // 1024
        message = f"larger than {kib} KiB: not a plan file"
        problem = PlanProblem(str(file), None, (), message, code=PlanCheck.TOO_LARGE, params={"kib": kib})
        raise PlanFileError(str(file), [problem])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text: {exc.reason}"
        problem = PlanProblem(
            str(file), None, (), message, code=PlanCheck.NOT_UTF8, params={"reason": exc.reason}
        )
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
        message = "tables or arrays nested too deeply: not a plan file"
        problem = PlanProblem(source, None, (), message, code=PlanCheck.TOO_DEEPLY_NESTED)
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
            problem = validation_problem(error, data, source, index)
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
    params: dict[str, Any] = {"detail": message}
    if match:
        params = {"detail": message[: match.start()], "column": int(match.group(2))}
        message = f"{message[: match.start()]} (column {match.group(2)})"
    return PlanProblem(
        source, line, (), f"TOML syntax error: {message}", code=PlanCheck.TOML_SYNTAX, params=params
    )


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
            params = {
                "field": field,
                "unit": unit,
                "minimum": violation.minimum,
                "maximum": violation.maximum,
                "library": lib.version,
            }
            if violation.limit.contains(float(value)):
                code = PlanCheck.OFF_DEPTH_STEP
                params["step"] = lib.hard.depth_step_mm
                message = (
                    f"not a multiple of the gun's {lib.hard.depth_step_mm:g} {unit} step "
                    f"(allowed {allowed} in steps of {lib.hard.depth_step_mm:g} {unit}; "
                    f"hard limit, limits library {lib.version})"
                )
            else:
                code = PlanCheck.OUTSIDE_GUN_RANGE
                message = f"outside the gun's range {allowed} (hard limit, limits library {lib.version})"
            problems.append(
                PlanProblem(source, index.line_of(path), path, message, value, code=code, params=params)
            )
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
            area = body_area(step.site, step.zone)
            params = {
                "area": area.value if area is not None else "",
                "maximum": violation.maximum,
                "unit": "mm",
                "library": lib.version,
            }
            problems.append(
                PlanProblem(
                    source,
                    index.line_of(path),
                    path,
                    message,
                    step.depth_mm,
                    code=PlanCheck.TOO_DEEP_FOR_AREA,
                    params=params,
                )
            )
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


_BOUNDS: dict[str, tuple[str, PlanCheck]] = {
    "greater_than": ("more than", PlanCheck.BELOW_MINIMUM),
    "greater_than_equal": ("at least", PlanCheck.AT_LEAST),
    "less_than": ("less than", PlanCheck.ABOVE_MAXIMUM),
    "less_than_equal": ("at most", PlanCheck.AT_MOST),
}
_NUMBER = (PlanCheck.NOT_A_NUMBER, "must be a finite number (write it without quotes)")
_WHOLE = (PlanCheck.NOT_A_WHOLE_NUMBER, "must be a whole number (write it without quotes or decimals)")
_BOOL = (PlanCheck.NOT_TRUE_OR_FALSE, "must be true or false")
_TABLE = (PlanCheck.NOT_A_TABLE, "must be a table")
_ARRAY = (PlanCheck.NOT_AN_ARRAY, "must be an array (or [[tables]])")
#: pydantic's error kinds that need no parameter: (code, English message).
_KINDS: dict[str, tuple[PlanCheck, str]] = {
    "float_type": _NUMBER,
    "float_parsing": _NUMBER,
    "finite_number": _NUMBER,
    "int_type": _WHOLE,
    "int_parsing": _WHOLE,
    "int_from_float": _WHOLE,
    "bool_type": _BOOL,
    "bool_parsing": _BOOL,
    "string_type": (PlanCheck.NOT_TEXT, "must be text in quotes"),
    "string_too_short": (PlanCheck.EMPTY_TEXT, "must not be empty"),
    "too_short": (PlanCheck.NO_ENTRY, "must hold at least one entry"),
    "string_pattern_mismatch": (
        PlanCheck.BAD_NAME,
        "must be lowercase letters, digits, '-' or '_', starting with a letter or digit",
    ),
    "model_type": _TABLE,
    "dict_type": _TABLE,
    "model_attributes_type": _TABLE,
    "tuple_type": _ARRAY,
    "list_type": _ARRAY,
}
_MODEL_CODES = frozenset(
    code.value
    for code in (
        PlanCheck.STEP_WITHOUT_PLACE,
        PlanCheck.STEP_TARGETS,
        PlanCheck.TARGET_BELOW_ONE_SHOT,
        PlanCheck.QUESTION_TWICE,
        PlanCheck.PROPORTIONS,
        PlanCheck.PRODUCT_TWICE,
        PlanCheck.UNKNOWN_ACUPOINT,
    )
)


def validation_problem(error: ErrorDetails, data: Any, source: str, index: KeyIndex) -> PlanProblem:
    """One problem pydantic found in a plan's data, as a PlanProblem with its code and parameters."""
    path: Path = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx", {})
    value = _value_at(data, path)
    key = path[-1] if path else ""
    message: str
    code = PlanCheck.OTHER
    params: dict[str, Any] = {}
    if kind == "missing":
        message = f"required key '{key}' is missing"
        code, params = PlanCheck.MISSING_KEY, {"key": key}
        value = NO_VALUE
    elif kind == "extra_forbidden":
        model = _model_at(path[:-1])
        allowed = sorted(model.model_fields) if model else []
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        message = f"unknown key; {hint}allowed keys here: {', '.join(allowed)}"
        code = PlanCheck.UNKNOWN_KEY
        params = {"close": close[0] if close else "", "allowed": ", ".join(allowed)}
    elif kind == "enum":
        message = f"not a known choice; choose one of {ctx.get('expected', '')}"
        code, params = PlanCheck.NOT_A_CHOICE, {"choices": str(ctx.get("expected", ""))}
    elif kind in _BOUNDS:
        words, code = _BOUNDS[kind]
        bound = next(iter(ctx.values()), "")
        message = f"must be {words} {bound}"
        params = {"bound": bound}
    elif kind in _KINDS:
        code, message = _KINDS[kind]
    elif kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
        params = {"text": message}
        value = NO_VALUE
    elif kind in _MODEL_CODES:
        # the models' own checks, raised with their code and parameters
        message = error["msg"]
        code, params = PlanCheck(kind), dict(ctx)
        value = NO_VALUE
    else:
        message = error["msg"]
        params = {"text": message}
    return PlanProblem(source, index.line_of(path), path, message, value, code=code, params=params)


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
                problems.append(PlanProblem(source, index.line_of(path), path, str(exc), **refusal_code(exc)))
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
                        code=PlanCheck.CAP_PER_POINT,
                        params=cap_params(v.field.removesuffix(" per point"), v, catalogue),
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
            problems.append(
                PlanProblem(
                    source,
                    index.line_of(component_path),
                    component_path,
                    message,
                    code=PlanCheck.CAP_PER_SESSION,
                    params=cap_params(code, v, catalogue),
                )
            )
    return problems


def refusal_code(error: ProductRefusedError) -> dict[str, Any]:
    """The code and parameters of a product the catalogue refuses (``code=``, ``params=``)."""
    return {
        "code": PRODUCT_REFUSALS.get(error.reason, PlanCheck.OTHER),
        "params": {"product": error.product, "detail": error.detail, "text": str(error)},
    }


def cap_params(substance: str, violation: Violation, catalogue: Catalogue) -> dict[str, Any]:
    """The parameters of a cap in mg passed: the substance's names, the total and the cap (mg)."""
    known = catalogue.substances.get(substance)
    return {
        "substance_fr": known.name("fr") if known else substance,
        "substance_en": known.name("en") if known else substance,
        "total_mg": violation.value,
        "cap_mg": violation.maximum,
        "catalogue": catalogue.version,
    }

"""Checking settings against the limits library and the gun's capabilities.

Hard violations block (the value is refused, never clipped); soft violations need an override with a
reason. Depth in mm, volumes in µl, flow in µl/s, burst rate in shots per second.
"""

from __future__ import annotations

import math
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict

from firmware_protocol.enums import Mode
from mesogun.errors import MesogunError
from mesogun.limits.library import LimitsLibrary, load_limits
from mesogun.models.body_area import body_area
from mesogun.models.plan import PlanPoint
from mesogun.models.site import Site
from mesogun.models.technique import Range, Technique
from mesogun.vocabulary import name_in_sentence

Severity = Literal["hard", "soft"]

# A value within this fraction of a step of a multiple of the step counts as on the step (float noise).
_STEP_TOLERANCE = 1e-6


class CapabilitiesLike(Protocol):
    """What a gun says it can do (``mesogun.device_info.Capabilities`` has these)."""

    @property
    def depth_min_mm(self) -> float: ...
    @property
    def depth_max_mm(self) -> float: ...
    @property
    def depth_step_mm(self) -> float: ...
    @property
    def volume_min_ul(self) -> float: ...
    @property
    def volume_max_ul(self) -> float: ...
    @property
    def flow_min_ul_s(self) -> float: ...
    @property
    def flow_max_ul_s(self) -> float: ...
    @property
    def burst_rate_min_per_s(self) -> float: ...
    @property
    def burst_rate_max_per_s(self) -> float: ...
    @property
    def modes(self) -> frozenset[Mode]: ...


class Violation(BaseModel):
    """One setting outside a limit: which field, its value, the allowed range, and how bad it is."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    field: str
    value: float
    minimum: float
    maximum: float
    unit: str
    severity: Severity
    message: str

    @property
    def limit(self) -> Range:
        """The range that was crossed."""
        return Range(minimum=self.minimum, maximum=self.maximum)


class LimitCheck(BaseModel):
    """The outcome of checking one point's settings, with the library version it was checked against."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    library_version: str
    violations: tuple[Violation, ...] = ()

    @property
    def blocked(self) -> bool:
        """True when a hard limit is crossed: the point cannot be delivered as set."""
        return any(v.severity == "hard" for v in self.violations)

    @property
    def needs_override(self) -> bool:
        """True when only soft limits are crossed: delivering needs a confirmation with a reason."""
        return not self.blocked and any(v.severity == "soft" for v in self.violations)

    @property
    def ok(self) -> bool:
        """True when every setting is within every limit."""
        return not self.violations

    def hard_violations(self) -> list[Violation]:
        """The crossed hard limits."""
        return [v for v in self.violations if v.severity == "hard"]

    def soft_violations(self) -> list[Violation]:
        """The crossed soft limits."""
        return [v for v in self.violations if v.severity == "soft"]


_UNITS = {"depth_mm": "mm", "volume_per_shot_ul": "µl", "flow_ul_s": "µl/s", "burst_rate_per_s": "shots/s"}


def _hard_ranges(library: LimitsLibrary, capabilities: CapabilitiesLike | None) -> dict[str, Range]:
    hard = library.hard
    ranges = {
        "depth_mm": hard.depth_mm,
        "volume_per_shot_ul": hard.volume_per_shot_ul,
        "flow_ul_s": hard.flow_ul_s,
        "burst_rate_per_s": hard.burst_rate_per_s,
    }
    if capabilities is None:
        return ranges
    # The narrower of the library's and the connected gun's ranges applies.
    gun = {
        "depth_mm": (capabilities.depth_min_mm, capabilities.depth_max_mm),
        "volume_per_shot_ul": (capabilities.volume_min_ul, capabilities.volume_max_ul),
        "flow_ul_s": (capabilities.flow_min_ul_s, capabilities.flow_max_ul_s),
        "burst_rate_per_s": (capabilities.burst_rate_min_per_s, capabilities.burst_rate_max_per_s),
    }
    narrowed: dict[str, Range] = {}
    for field, lib_range in ranges.items():
        low, high = gun[field]
        minimum, maximum = max(lib_range.minimum, low), min(lib_range.maximum, high)
        if minimum > maximum:
            raise MesogunError(
                f"the gun's {field} range {low:g}–{high:g} does not overlap the limits library's "
                f"{lib_range.describe(_UNITS[field])}: this gun cannot be used with this library"
            )
        narrowed[field] = Range(minimum=minimum, maximum=maximum)
    return narrowed


def _on_step(value: float, step: float) -> bool:
    multiples = value / step
    return abs(multiples - round(multiples)) <= _STEP_TOLERANCE * max(1.0, abs(multiples))


def hard_violation(field: str, value: float, allowed: Range, *, step: float | None = None) -> Violation:
    """The violation of a hard range (or, with ``step``, of the gun's resolution inside the range)."""
    unit = _UNITS.get(field, "")
    if step is not None and allowed.contains(value):
        message = (
            f"{field} = {value:g} {unit} is not a multiple of the gun's {step:g} {unit} step "
            f"(allowed {allowed.describe(unit)} in steps of {step:g} {unit}); "
            "refused, choose a value on the step"
        )
    else:
        message = f"{field} = {value:g} {unit} is outside the gun's range {allowed.describe(unit)}; refused"
    return Violation(
        field=field,
        value=value,
        minimum=allowed.minimum,
        maximum=allowed.maximum,
        unit=unit,
        severity="hard",
        message=message,
    )


def _hard_check(field: str, value: float, allowed: Range, depth_step_mm: float) -> Violation | None:
    if not math.isfinite(value) or not allowed.contains(value):
        return hard_violation(field, value, allowed)
    if field == "depth_mm" and not _on_step(value, depth_step_mm):
        return hard_violation(field, value, allowed, step=depth_step_mm)
    return None


def check_hard(
    field: str,
    value: float,
    *,
    capabilities: CapabilitiesLike | None = None,
    library: LimitsLibrary | None = None,
) -> Violation | None:
    """The hard-limit violation of one setting, whatever the technique, or None.

    ``field`` is one of depth_mm, volume_per_shot_ul, flow_ul_s, burst_rate_per_s.
    """
    lib = library or load_limits()
    step_mm = lib.hard.depth_step_mm
    if capabilities is not None:
        step_mm = max(step_mm, capabilities.depth_step_mm)
    return _hard_check(field, value, _hard_ranges(lib, capabilities)[field], step_mm)


def check_settings(
    technique: Technique,
    *,
    depth_mm: float,
    volume_per_shot_ul: float,
    flow_ul_s: float,
    burst_rate_per_s: float = 1.0,
    capabilities: CapabilitiesLike | None = None,
    library: LimitsLibrary | None = None,
) -> LimitCheck:
    """Check one set of gun settings for ``technique`` against hard and soft limits.

    A field that crosses a hard limit is not also reported as soft. Burst rate only matters (and is only
    checked) in burst mode.
    """
    lib = library or load_limits()
    hard = _hard_ranges(lib, capabilities)
    profile = lib.profile(technique)
    soft = {
        "depth_mm": profile.depth_soft_mm,
        "volume_per_shot_ul": profile.volume_per_shot_soft_ul,
        "flow_ul_s": profile.flow_soft_ul_s,
    }
    values = {
        "depth_mm": depth_mm,
        "volume_per_shot_ul": volume_per_shot_ul,
        "flow_ul_s": flow_ul_s,
        "burst_rate_per_s": burst_rate_per_s,
    }
    if technique.mode is not Mode.BURST:
        del values["burst_rate_per_s"]
    step_mm = lib.hard.depth_step_mm
    if capabilities is not None:
        step_mm = max(step_mm, capabilities.depth_step_mm)
    violations: list[Violation] = []
    if capabilities is not None and technique.mode not in capabilities.modes:
        violations.append(
            Violation(
                field="mode",
                value=float(technique.mode),
                minimum=float(technique.mode),
                maximum=float(technique.mode),
                unit="",
                severity="hard",
                message=(
                    f"this gun has no {technique.mode.name.lower()} mode, "
                    f"needed for {name_in_sentence(technique, 'fr')}; refused"
                ),
            )
        )
    for field, value in values.items():
        hard_problem = _hard_check(field, value, hard[field], step_mm)
        if hard_problem is not None:
            violations.append(hard_problem)
        elif field in soft and not soft[field].contains(value):
            unit = _UNITS[field]
            violations.append(
                Violation(
                    field=field,
                    value=value,
                    minimum=soft[field].minimum,
                    maximum=soft[field].maximum,
                    unit=unit,
                    severity="soft",
                    message=(
                        f"{field} = {value:g} {unit} is outside the usual range for "
                        f"{name_in_sentence(technique, 'fr')} "
                        f"({soft[field].describe(unit)}); confirm with a reason to go on"
                    ),
                )
            )
    return LimitCheck(library_version=lib.version, violations=tuple(violations))


def check_area_depth(
    site: Site | None, zone: str | None, depth_mm: float, library: LimitsLibrary | None = None
) -> Violation | None:
    """The hard violation of a depth deeper than the point's body area allows, or None.

    A point whose area is unknown, or an area the library does not bound, passes.
    """
    lib = library or load_limits()
    area = body_area(site, zone)
    deepest = lib.depth_by_area_mm.get(area) if area is not None else None
    if area is None or deepest is None or depth_mm <= deepest + 1e-9:
        return None
    return Violation(
        field="depth_mm",
        value=depth_mm,
        minimum=0.0,
        maximum=deepest,
        unit="mm",
        severity="hard",
        message=(
            f"depth_mm = {depth_mm:g} mm is deeper than allowed on the {area.value} "
            f"(at most {deepest:g} mm, limits library {lib.version}); refused"
        ),
    )


def check_point(
    point: PlanPoint, capabilities: CapabilitiesLike | None = None, library: LimitsLibrary | None = None
) -> LimitCheck:
    """Check a plan point's settings (see ``check_settings``) and its depth against its body area."""
    check = check_settings(
        point.technique,
        depth_mm=point.depth_mm,
        volume_per_shot_ul=point.volume_per_shot_ul,
        flow_ul_s=point.flow_ul_s,
        burst_rate_per_s=point.burst_rate_per_s,
        capabilities=capabilities,
        library=library,
    )
    area_problem = check_area_depth(point.site, point.zone, point.depth_mm, library)
    if area_problem is None:
        return check
    # The area's bound replaces a softer complaint about the same depth.
    others = tuple(v for v in check.violations if not (v.field == "depth_mm" and v.severity == "soft"))
    if any(v.field == "depth_mm" for v in others):
        return check
    return check.model_copy(update={"violations": (*others, area_problem)})

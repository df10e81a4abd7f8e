"""The versioned limits library: hard ranges (the gun's) and soft ranges per technique.

Caps on products are in mg of active substance: see ``mesogun.catalogue``.

Shipped as ``mesogun/limits/limits.toml``; a clinic may load its own file with ``load_limits_file``.
Depth in mm, volumes in µl, flow in µl/s, burst rate in shots per second.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from mesogun.errors import MesogunError
from mesogun.models.body_area import BodyArea
from mesogun.models.technique import Range, Technique, TechniqueProfile


class LimitsFileError(MesogunError, ValueError):
    """A limits library file that cannot be read or does not hold valid limits."""


class HardLimits(BaseModel):
    """The gun's own ranges: outside them a value is refused."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    depth_mm: Range
    depth_step_mm: float = Field(gt=0)
    volume_per_shot_ul: Range
    flow_ul_s: Range
    burst_rate_per_s: Range


class SoftLimits(BaseModel):
    """Default settings and usual clinical ranges of one technique (as written in the library file)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    depth_mm: float = Field(ge=0)
    depth_soft_mm: Range
    volume_per_shot_ul: float = Field(gt=0)
    volume_per_shot_soft_ul: Range
    flow_ul_s: float = Field(gt=0)
    flow_soft_ul_s: Range
    burst_rate_per_s: float = Field(gt=0)


class LimitsLibrary(BaseModel):
    """A whole limits library; ``version`` is logged with every dose checked against it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str = Field(min_length=1)
    hard: HardLimits
    #: Deepest depth allowed in each body area (mm, hard); an area left out is bounded by ``hard`` only.
    depth_by_area_mm: dict[BodyArea, float] = Field(default_factory=dict)
    techniques: dict[Technique, SoftLimits]

    @model_validator(mode="after")
    def _complete(self) -> LimitsLibrary:
        missing = [t.value for t in Technique if t not in self.techniques]
        if missing:
            raise ValueError(f"no soft limits for technique(s): {', '.join(missing)}")
        return self

    def profile(self, technique: Technique) -> TechniqueProfile:
        """Default settings and soft ranges of ``technique``."""
        soft = self.techniques[technique]
        return TechniqueProfile(technique=technique, mode=technique.mode, **soft.model_dump())


def parse_limits(text: str, source: str = "<limits>") -> LimitsLibrary:
    """A limits library from TOML text; raises LimitsFileError naming the source and every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LimitsFileError(f"{source}: not valid TOML: {exc}") from exc
    try:
        return LimitsLibrary.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in err['loc']) or '(file)'}: {err['msg']}" for err in exc.errors()
        )
        raise LimitsFileError(f"{source}: invalid limits library: {problems}") from exc


def load_limits_file(path: Path) -> LimitsLibrary:
    """Load a limits library file (TOML)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LimitsFileError(f"{path}: cannot read the limits library: {exc.strerror or exc}") from exc
    return parse_limits(text, str(path))


@cache
def load_limits() -> LimitsLibrary:
    """The limits library shipped with mesogun (read once)."""
    text = resources.files("mesogun.limits").joinpath("limits.toml").read_text(encoding="utf-8")
    return parse_limits(text, "mesogun/limits/limits.toml")

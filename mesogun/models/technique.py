"""Injection techniques and their clinical profiles (depth in mm, volume in µl, flow in µl/s)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from firmware_protocol.enums import Mode


# A technique's facts each live in one place: its code and the gun's delivery mode on its line below,
# its French and English names in mesogun/vocabulary/names.py, its default settings and usual ranges
# in the limits library (mesogun/limits/limits.toml). docs/adding-a-technique.md lists the steps.
class Technique(StrEnum):
    """The mesotherapy techniques the gun is configured for (French clinical names)."""

    mode: Mode

    def __new__(cls, code: str, mode: Mode | None = None) -> Technique:
        # Runs once per member as the class is built; Technique("nappage") afterwards looks the member
        # up by its code (the enum machinery), hence the optional mode in the signature type checkers see.
        if mode is None:
            raise TypeError(f"technique {code!r} is declared without its delivery mode")
        member = str.__new__(cls, code)
        member._value_ = code
        member.mode = mode
        return member

    # Trains of superficial shots while the trigger is held (IED, nappage) use burst mode; precise
    # points and blebs are one shot per press; mésoperfusion is a continuous infusion.
    IED = "ied", Mode.BURST  # intra-épidermique: bloodless, below 0.5 mm
    NAPPAGE = "nappage", Mode.BURST  # rapid superficial series over a zone
    PAPULE = "papule", Mode.SINGLE  # intradermal bleb
    POINT_PAR_POINT = "point_par_point", Mode.SINGLE  # one shot per precise point
    MESOPERFUSION = "mesoperfusion", Mode.CONTINUOUS  # needle left in place, slow continuous infusion


class Range(BaseModel):
    """A closed interval ``[minimum, maximum]`` in the unit of the field it bounds."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    minimum: float
    maximum: float

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.minimum > self.maximum:
            raise ValueError(f"minimum {self.minimum:g} is above maximum {self.maximum:g}")
        return self

    def contains(self, value: float) -> bool:
        """True when ``minimum <= value <= maximum``."""
        return self.minimum <= value <= self.maximum

    def intersect(self, other: Range) -> Range:
        """The narrower of two ranges (refuses disjoint ranges)."""
        return Range(minimum=max(self.minimum, other.minimum), maximum=min(self.maximum, other.maximum))

    def describe(self, unit: str) -> str:
        """``"0.5–2 mm"``: the range in plain words."""
        return f"{self.minimum:g}–{self.maximum:g} {unit}".rstrip()


class TechniqueProfile(BaseModel):
    """Default settings and soft (clinical) ranges of one technique.

    Values come from the limits library; the soft ranges are the usual clinical ones: outside them a
    setting needs an explicit confirmation with a reason.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    technique: Technique
    mode: Mode
    depth_mm: float = Field(ge=0)
    depth_soft_mm: Range
    volume_per_shot_ul: float = Field(gt=0)
    volume_per_shot_soft_ul: Range
    flow_ul_s: float = Field(gt=0)
    flow_soft_ul_s: Range
    burst_rate_per_s: float = Field(gt=0)

"""Injection techniques and their clinical profiles (depth in mm, volume in µl, flow in µl/s)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from firmware_protocol.enums import Mode


class Technique(StrEnum):
    """The mesotherapy techniques the gun is configured for (French clinical names)."""

    IED = "ied"  # intra-épidermique: bloodless, below 0.5 mm
    NAPPAGE = "nappage"  # rapid superficial series over a zone
    PAPULE = "papule"  # intradermal bleb
    POINT_PAR_POINT = "point_par_point"  # one shot per precise point
    MESOPERFUSION = "mesoperfusion"  # needle left in place, slow continuous infusion

    @property
    def mode(self) -> Mode:
        """The gun's delivery mode for this technique."""
        return _TECHNIQUE_MODES[self]

    @property
    def label_fr(self) -> str:
        """The French clinical name, as the practitioner says it."""
        return _FRENCH_LABELS[self]


# Trains of superficial shots while the trigger is held (IED, nappage) use burst mode; precise points and
# blebs are one shot per press; mésoperfusion is a continuous infusion.
_TECHNIQUE_MODES: dict[Technique, Mode] = {
    Technique.IED: Mode.BURST,
    Technique.NAPPAGE: Mode.BURST,
    Technique.PAPULE: Mode.SINGLE,
    Technique.POINT_PAR_POINT: Mode.SINGLE,
    Technique.MESOPERFUSION: Mode.CONTINUOUS,
}

_FRENCH_LABELS: dict[Technique, str] = {
    Technique.IED: "IED (intra-épidermique)",
    Technique.NAPPAGE: "nappage",
    Technique.PAPULE: "papule",
    Technique.POINT_PAR_POINT: "point par point",
    Technique.MESOPERFUSION: "mésoperfusion",
}


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

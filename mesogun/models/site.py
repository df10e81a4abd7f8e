"""Where an injection goes: body views, laterality, the acupoint catalogue and injection sites.

Coordinates ``x``, ``y`` are fractions (0..1) of the drawing of a body view, origin top left, as the
practitioner looks at the patient: on the front and face views the patient's left is on the right of the
drawing (x > 0.5). For a bilateral site the coordinates are those of the patient's LEFT point; the right
point is its mirror image (``1 - x``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError


class BodyView(StrEnum):
    """The drawings the application shows a plan on."""

    FRONT = "front"
    BACK = "back"
    FACE = "face"
    HAND = "hand"
    FOOT = "foot"


class Laterality(StrEnum):
    """Side of the body: a bilateral site is injected on both sides (left, then right)."""

    LEFT = "left"
    RIGHT = "right"
    MIDLINE = "midline"
    BILATERAL = "bilateral"


class Acupoint(BaseModel):
    """An acupuncture point: WHO standard code, French label, location in words and on a body view."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    who_code: str
    french_label: str
    name: str
    location: str
    bilateral: bool
    view: BodyView
    x: float = Field(ge=0, le=1)
    y: float = Field(ge=0, le=1)


def _acupoints(*points: Acupoint) -> dict[str, Acupoint]:
    return {p.who_code: p for p in points}


ACUPOINTS: dict[str, Acupoint] = _acupoints(
    Acupoint(
        who_code="PC6",
        french_label="MC6",
        name="Neiguan",
        location="inner forearm, 2 cun above the wrist crease, between the tendons",
        bilateral=True,
        view=BodyView.FRONT,
        x=0.75,
        y=0.47,
    ),
    Acupoint(
        who_code="HT7",
        french_label="C7",
        name="Shenmen",
        location="wrist crease, radial side of the flexor carpi ulnaris tendon",
        bilateral=True,
        view=BodyView.FRONT,
        x=0.78,
        y=0.51,
    ),
    Acupoint(
        who_code="GV20",
        french_label="VG20",
        name="Baihui",
        location="top of the head, on the midline",
        bilateral=False,
        view=BodyView.FACE,
        x=0.5,
        y=0.03,
    ),
    Acupoint(
        who_code="SP6",
        french_label="Rte6",
        name="Sanyinjiao",
        location="3 cun above the medial malleolus, behind the tibia",
        bilateral=True,
        view=BodyView.FRONT,
        x=0.53,
        y=0.88,
    ),
    Acupoint(
        who_code="LR3",
        french_label="F3",
        name="Taichong",
        location="dorsum of the foot, between the 1st and 2nd metatarsals",
        bilateral=True,
        view=BodyView.FRONT,
        x=0.56,
        y=0.975,
    ),
    Acupoint(
        who_code="EX-HN3",
        french_label="Yin Tang",
        name="Yintang",
        location="between the eyebrows",
        bilateral=False,
        view=BodyView.FACE,
        x=0.5,
        y=0.4,
    ),
)


def _site_schema(schema: dict[str, Any]) -> None:
    # An acupoint code alone is a complete site: the catalogue supplies the rest.
    schema.pop("required", None)
    schema["anyOf"] = [
        {"required": ["acupoint_code"]},
        {"required": ["region", "laterality", "view", "x", "y"]},
    ]
    schema["properties"]["acupoint_code"] = {
        "anyOf": [{"enum": list(ACUPOINTS)}, {"type": "null"}],
        "default": None,
        "description": "WHO code of an acupoint of the catalogue.",
        "title": "Acupoint Code",
    }


class Site(BaseModel):
    """An injection site: body region, side, optional acupoint (WHO code) and place on a body view.

    When ``acupoint_code`` names a catalogue point, the other fields may be left out and are taken from
    the catalogue (laterality: bilateral for a paired point, midline otherwise).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", json_schema_extra=_site_schema)

    region: str = Field(min_length=1)
    laterality: Laterality
    acupoint_code: str | None = None
    view: BodyView
    x: float = Field(ge=0, le=1, strict=True, allow_inf_nan=False)
    y: float = Field(ge=0, le=1, strict=True, allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _fill_from_catalogue(cls, data: Any) -> Any:
        if not isinstance(data, dict) or data.get("acupoint_code") is None:
            return data
        code = data["acupoint_code"]
        point = ACUPOINTS.get(code) if isinstance(code, str) else None
        if point is None:
            known = ", ".join(f"{p.who_code} ({p.french_label})" for p in ACUPOINTS.values())
            raise PydanticCustomError(
                "unknown_acupoint",
                "unknown acupoint code {code}; known WHO codes: {known}",
                {"code": repr(code), "known": known},
            )
        filled = {
            "region": f"{point.french_label} ({point.who_code}) {point.name}",
            "laterality": Laterality.BILATERAL if point.bilateral else Laterality.MIDLINE,
            "view": point.view,
            "x": point.x,
            "y": point.y,
        }
        filled.update(data)
        return filled

    @classmethod
    def at_acupoint(cls, code: str, laterality: Laterality | None = None) -> Site:
        """The catalogue site of acupoint ``code`` (WHO code), optionally on one side only."""
        data: dict[str, Any] = {"acupoint_code": code}
        if laterality is not None:
            data["laterality"] = laterality
        return cls.model_validate(data)

    def on_side(self, side: Laterality) -> Site:
        """This site on one side: a bilateral site becomes its left point or its mirrored right point."""
        if side not in (Laterality.LEFT, Laterality.RIGHT):
            raise ValueError(f"side must be left or right, not {side.value}")
        x = self.x if side is Laterality.LEFT else round(1.0 - self.x, 6)
        return self.model_copy(update={"laterality": side, "x": x})

    @property
    def label(self) -> str:
        """Region and side in words, e.g. ``"MC6 (PC6) Neiguan, left"``."""
        if self.laterality is Laterality.MIDLINE:
            return self.region
        return f"{self.region}, {self.laterality.value}"

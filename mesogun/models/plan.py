"""Session plans: ordered steps over sites or zones, expanded into the points the runner delivers.

Depth in mm, volumes in µl, flow in µl/s, burst rate in shots per second, durations in seconds.
A plan is an editable example or a practitioner's own protocol; the software never prescribes.
"""

from __future__ import annotations

import math

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from firmware_protocol.enums import Mode
from mesogun.models.product import Cocktail
from mesogun.models.site import Laterality, Site
from mesogun.models.technique import Technique

_NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"

# (design) Time to move the gun to the next point and place it, and the pause between two presses of
# the trigger in single mode; used only for the session-time estimate shown to the practitioner.
REPOSITION_S = 5.0
SINGLE_SHOT_INTERVAL_S = 1.0

#: The gun's stated accuracy for one shot: max(TOLERANCE_FLOOR_UL, TOLERANCE_FRACTION × volume).
TOLERANCE_FLOOR_UL = 1.0
TOLERANCE_FRACTION = 0.05
# Sums of float volumes from the journal may miss an exact bound by rounding.
_VOLUME_EPSILON_UL = 1e-9


def shot_tolerance_ul(volume_per_shot_ul: float) -> float:
    """How far a delivered volume may be from the commanded one and still be that volume (µl)."""
    return max(TOLERANCE_FLOOR_UL, TOLERANCE_FRACTION * volume_per_shot_ul)


class PlanStep(BaseModel):
    """One line of a protocol: a technique at a site (or over a zone) with its settings and target.

    The target is either a number of shots or a volume (µl) to deliver, never both.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    site: Site | None = None
    zone: str | None = Field(default=None, min_length=1, description="Area covered, e.g. for a nappage.")
    technique: Technique
    depth_mm: float = Field(ge=0, strict=True, allow_inf_nan=False, description="Needle depth (mm).")
    volume_per_shot_ul: float = Field(
        gt=0,
        strict=True,
        allow_inf_nan=False,
        description="Volume of one shot (µl); continuous: per infusion.",
    )
    shots: int | None = Field(
        default=None, ge=1, strict=True, description="Target number of shots per point."
    )
    target_volume_ul: float | None = Field(
        default=None, gt=0, strict=True, allow_inf_nan=False, description="Target volume per point (µl)."
    )
    flow_ul_s: float = Field(
        gt=0, strict=True, allow_inf_nan=False, description="Flow while a shot is delivered (µl/s)."
    )
    burst_rate_per_s: float = Field(
        default=1.0, gt=0, strict=True, allow_inf_nan=False, description="Shots per second in burst mode."
    )
    notes: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> PlanStep:
        if self.site is None and self.zone is None:
            raise PydanticCustomError("step_without_place", "a step needs a site or a zone")
        if (self.shots is None) == (self.target_volume_ul is None):
            raise PydanticCustomError(
                "step_targets", "a step needs exactly one target: shots or target_volume_ul"
            )
        if self.target_volume_ul is not None and self.target_volume_ul < self.volume_per_shot_ul:
            raise PydanticCustomError(
                "target_below_one_shot",
                "target_volume_ul {target_ul} µl is less than one shot (volume_per_shot_ul {shot_ul} µl)",
                {"target_ul": f"{self.target_volume_ul:g}", "shot_ul": f"{self.volume_per_shot_ul:g}"},
            )
        return self


class PlanPoint(BaseModel):
    """One point of a session as the runner delivers it: a step on one side of the body."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    index: int = Field(ge=0)
    step_index: int = Field(ge=0)
    site: Site | None
    zone: str | None
    technique: Technique
    depth_mm: float
    volume_per_shot_ul: float
    target_shots: int | None
    target_volume_ul: float | None
    flow_ul_s: float
    burst_rate_per_s: float
    notes: str

    @property
    def mode(self) -> Mode:
        """The gun's delivery mode for this point's technique."""
        return self.technique.mode

    @property
    def label(self) -> str:
        """Site (with side) and zone in words."""
        parts = [p for p in (self.site.label if self.site else None, self.zone) if p]
        return " — ".join(parts)

    @property
    def planned_volume_ul(self) -> float:
        """Volume planned on this point (µl)."""
        if self.target_volume_ul is not None:
            return self.target_volume_ul
        return (self.target_shots or 0) * self.volume_per_shot_ul

    @property
    def planned_shots(self) -> int:
        """Shots planned on this point (a volume target is rounded up to whole shots)."""
        if self.target_shots is not None:
            return self.target_shots
        return math.ceil((self.target_volume_ul or 0.0) / self.volume_per_shot_ul - 1e-9)

    def target_met(self, shots_done: int, delivered_ul: float) -> bool:
        """True when the point's target is reached by what the journal says was done.

        The one rule of a point's target, for the runner, its resume, the app and the reports. A point
        is met when the volume delivered falls short of the planned volume by no more than the gun's
        tolerance for one shot (:func:`shot_tolerance_ul`); a shot target also needs its number of
        shots. A shot cut short (an alarm, the watchdog, STOP, a power loss) counts as a shot in the
        journal but leaves its point short: what is left of it is decided in volume
        (:mod:`mesogun.session.remainder`), never by the count of shots alone.
        """
        if self.target_shots is not None and shots_done < self.target_shots:
            return False
        tolerance_ul = shot_tolerance_ul(self.volume_per_shot_ul)
        return delivered_ul >= self.planned_volume_ul - tolerance_ul - _VOLUME_EPSILON_UL

    def estimated_duration_s(self) -> float:
        """Rough time for this point (s): placing the gun plus delivering at the set flow and rate."""
        shot_s = self.volume_per_shot_ul / self.flow_ul_s
        mode = self.mode
        if mode is Mode.CONTINUOUS:
            delivery_s = self.planned_volume_ul / self.flow_ul_s
        elif mode is Mode.BURST:
            delivery_s = self.planned_shots * max(shot_s, 1.0 / self.burst_rate_per_s)
        else:
            delivery_s = self.planned_shots * shot_s + (self.planned_shots - 1) * SINGLE_SHOT_INTERVAL_S
        return REPOSITION_S + delivery_s


class Contraindication(BaseModel):
    """A question screened before a session; a blocking one answered yes forbids the session."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(pattern=_NAME_PATTERN)
    question_fr: str = Field(min_length=1)
    question_en: str = Field(min_length=1)
    blocking: bool = Field(strict=True)


class Course(BaseModel):
    """The rhythm of a plan: a first series of sessions at one interval, then maintenance at another.

    Seed 001: « Phase initiale : 1 séance par semaine pendant 3 à 4 semaines » then « Phase
    d'entretien : 1 séance toutes les 2 à 4 semaines ». Intervals in days; ``source`` cites where
    the rhythm comes from.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    sessions: int = Field(ge=1, strict=True, description="Sessions of the first series.")
    interval_days: int = Field(ge=1, strict=True, description="Days between two sessions of the series.")
    maintenance_interval_days: int | None = Field(
        default=None,
        ge=1,
        strict=True,
        description="Days between maintenance sessions (none: the course ends).",
    )
    source: str = Field(min_length=1)

    def interval_after(self, sessions_done: int) -> int | None:
        """Days to wait after the ``sessions_done``-th session (None: the course is over)."""
        if sessions_done < self.sessions:
            return self.interval_days
        return self.maintenance_interval_days


class SessionPlan(BaseModel):
    """A protocol: what to inject where, with which technique, and what to screen first."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(pattern=_NAME_PATTERN, description="Short identifier, e.g. 'mesostress'.")
    title: str = Field(min_length=1)
    indication: str = Field(min_length=1)
    description: str = ""
    version: str = Field(min_length=1)
    example: bool = Field(default=False, strict=True)
    cocktail: Cocktail | None = None
    contraindications: tuple[Contraindication, ...] = ()
    course: Course | None = None
    steps: tuple[PlanStep, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_codes(self) -> SessionPlan:
        codes = [c.code for c in self.contraindications]
        duplicates = sorted({c for c in codes if codes.count(c) > 1})
        if duplicates:
            raise PydanticCustomError(
                "question_twice",
                "contraindication code listed twice: {codes}",
                {"codes": ", ".join(duplicates)},
            )
        return self

    def points(self) -> list[PlanPoint]:
        """The points in delivery order; a bilateral site gives its left point, then its right point."""
        points: list[PlanPoint] = []
        for step_index, step in enumerate(self.steps):
            sites: list[Site | None]
            if step.site is not None and step.site.laterality is Laterality.BILATERAL:
                sites = [step.site.on_side(Laterality.LEFT), step.site.on_side(Laterality.RIGHT)]
            else:
                sites = [step.site]
            for site in sites:
                points.append(
                    PlanPoint(
                        index=len(points),
                        step_index=step_index,
                        site=site,
                        zone=step.zone,
                        technique=step.technique,
                        depth_mm=step.depth_mm,
                        volume_per_shot_ul=step.volume_per_shot_ul,
                        target_shots=step.shots,
                        target_volume_ul=step.target_volume_ul,
                        flow_ul_s=step.flow_ul_s,
                        burst_rate_per_s=step.burst_rate_per_s,
                        notes=step.notes,
                    )
                )
        return points

    def planned_volume_ul(self) -> float:
        """Total cocktail volume planned (µl)."""
        return sum(p.planned_volume_ul for p in self.points())

    def totals_per_product_ul(self) -> dict[str, float]:
        """Planned volume of each product (µl), keyed by product label; empty without a cocktail."""
        if self.cocktail is None:
            return {}
        return self.cocktail.product_volumes_ul(self.planned_volume_ul())

    def estimated_duration_s(self) -> float:
        """Rough session time (s), from the points' settings; for planning only."""
        return sum(p.estimated_duration_s() for p in self.points())

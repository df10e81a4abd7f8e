"""Contraindications after the sources, and the questions a session asks (derived from its plan,
its products and its points).

Shipped as ``mesogun/catalogue/contraindications.toml``: each contraindication has a kind
(absolute: a yes stops the session; relative, « au cas par cas »: a yes needs a recorded
justification), its questions in French and English, and its source. A substance of the syringe
(catalogue ``contraindications``) or a point of the plan (``[points]``) makes a contraindication
absolute and adds it to the questions: thiocolchicoside and pregnancy, SP6 and pregnancy.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from mesogun.catalogue.library import Catalogue, CatalogueFileError, load_catalogue
from mesogun.catalogue.resolve import ProductRefusedError, ingredients_of
from mesogun.models import CocktailComponent, SessionPlan

Kind = Literal["absolute", "relative"]


class ContraindicationRule(BaseModel):
    """One contraindication of the sources: code, kind, questions (fr, en), source; ``base``: always asked."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    kind: Kind
    base: bool = False
    question_fr: str = Field(min_length=1)
    question_en: str = Field(min_length=1)
    source: str = Field(min_length=1)


class ContraindicationRegistry(BaseModel):
    """Every known contraindication, and the ones each acupoint makes absolute (WHO codes)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str = Field(min_length=1)
    contraindications: dict[str, ContraindicationRule]
    points: dict[str, tuple[str, ...]] = {}
    point_sources: dict[str, str] = {}

    @model_validator(mode="before")
    @classmethod
    def _codes_from_keys(cls, data: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("contraindications"), dict):
            rules = data["contraindications"]
            coded = {k: {"code": k, **v} if isinstance(v, dict) else v for k, v in rules.items()}
            data = {**data, "contraindications": coded}
        return data

    @model_validator(mode="after")
    def _links_known(self) -> ContraindicationRegistry:
        for point, codes in self.points.items():
            unknown = [c for c in codes if c not in self.contraindications]
            if unknown:
                raise ValueError(f"point {point} names unknown contraindication(s): {', '.join(unknown)}")
        return self

    def question(self, code: str, language: str) -> str:
        """The question of ``code`` in ``language`` (the code itself when unknown)."""
        rule = self.contraindications.get(code)
        if rule is None:
            return code
        return rule.question_fr if language == "fr" else rule.question_en


@cache
def load_contraindications() -> ContraindicationRegistry:
    """The contraindications shipped with mesogun (read once)."""
    source = "mesogun/catalogue/contraindications.toml"
    text = resources.files("mesogun.catalogue").joinpath("contraindications.toml").read_text(encoding="utf-8")
    try:
        return ContraindicationRegistry.model_validate(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise CatalogueFileError(f"{source}: invalid contraindications: {exc}") from exc


@dataclass(frozen=True)
class ScreeningQuestion:
    """A question of one session: its contraindication, its kind here, and what made it so.

    ``because`` lists what added the question or made it absolute: ``"plan"``, ``"substance:<code>"``,
    ``"point:<WHO code>"`` (empty for a question asked before every session).
    """

    code: str
    question_fr: str
    question_en: str
    kind: Kind
    source: str
    because: tuple[str, ...] = ()

    @property
    def blocking(self) -> bool:
        """True for an absolute contraindication: a yes stops the session."""
        return self.kind == "absolute"

    @property
    def needs_justification(self) -> bool:
        """True for a relative contraindication: a yes needs a recorded justification."""
        return self.kind == "relative"


def _plan_substances(
    plan: SessionPlan, contents: Sequence[CocktailComponent] | None, catalogue: Catalogue
) -> list[str]:
    components = contents if contents is not None else (plan.cocktail.components if plan.cocktail else ())
    codes: list[str] = []
    for component in components:
        try:
            ingredients = component.product.ingredients or ingredients_of(component.product, catalogue)
        except ProductRefusedError:
            continue  # refused before the screening (see mesogun.session.admission)
        codes += [i.substance for i in ingredients if i.substance not in codes]
    return codes


def screening_questions(
    plan: SessionPlan,
    contents: Sequence[CocktailComponent] | None = None,
    *,
    registry: ContraindicationRegistry | None = None,
    catalogue: Catalogue | None = None,
) -> tuple[ScreeningQuestion, ...]:
    """The questions of a session of ``plan`` with ``contents`` (default: the plan's cocktail).

    Order: the questions asked before every session, the plan's own, then those a substance or a
    point adds. A code the registry knows takes its kind, questions and source from it; a plan's own
    code it does not know is absolute when the plan marks it blocking, relative otherwise.
    """
    reg = registry or load_contraindications()
    cat = catalogue or load_catalogue()
    questions: dict[str, ScreeningQuestion] = {}

    def add(code: str, *, because: str | None = None, absolute: bool = False) -> None:
        rule = reg.contraindications[code]
        current = questions.get(code)
        reasons = (current.because if current else ()) + ((because,) if because else ())
        kind: Kind = (
            "absolute" if absolute or rule.kind == "absolute" or (current and current.blocking) else rule.kind
        )
        source = rule.source if current is None else current.source
        questions[code] = ScreeningQuestion(code, rule.question_fr, rule.question_en, kind, source, reasons)

    for rule in reg.contraindications.values():
        if rule.base:
            add(rule.code)
    for own in plan.contraindications:
        if own.code in reg.contraindications:
            add(own.code, because="plan")
        elif own.code not in questions:
            kind: Kind = "absolute" if own.blocking else "relative"
            questions[own.code] = ScreeningQuestion(
                own.code, own.question_fr, own.question_en, kind, f"plan {plan.name}", ("plan",)
            )
    for substance in _plan_substances(plan, contents, cat):
        for code in cat.substance(substance).contraindications:
            add(code, because=f"substance:{substance}", absolute=True)
    seen_points: set[str] = set()
    for point in plan.points():
        acupoint = point.site.acupoint_code if point.site is not None else None
        if acupoint is None or acupoint in seen_points:
            continue
        seen_points.add(acupoint)
        for code in reg.points.get(acupoint, ()):
            add(code, because=f"point:{acupoint}", absolute=True)
    return tuple(questions.values())

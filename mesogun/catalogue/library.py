"""The versioned product catalogue: active substances, their strengths, names and caps in mg.

Shipped as ``mesogun/catalogue/catalogue.toml``; a clinic may load its own file with
``load_catalogue_file``. Strengths in mg/ml; caps in mg of the substance per point, per session,
over 24 h and over 7 days (optionally mg/kg over 24 h with the patient's weight).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from mesogun.errors import MesogunError

Family = Literal[
    "local_anaesthetic",
    "nsaid",
    "muscle_relaxant",
    "mineral",
    "vitamin",
    "trophic",
    "benzodiazepine",
    "corticoid",
    "other",
]
#: Families refused in any plan or syringe: seed 002 « anti-inflammatoires (mais jamais de corticoïdes) ».
REFUSED_FAMILIES: frozenset[str] = frozenset({"corticoid"})

_CODE_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"


class CatalogueFileError(MesogunError, ValueError):
    """A catalogue file that cannot be read or does not hold a valid catalogue."""


class Strength(BaseModel):
    """One presentation of a substance: its concentration as printed and its value in mg/ml."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    concentration: str = Field(min_length=1)
    mg_per_ml: float = Field(gt=0, allow_inf_nan=False)


class SubstanceCaps(BaseModel):
    """Largest quantities of one substance (mg): per point, per session, over 24 h, over 7 days."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    per_point_mg: float = Field(gt=0)
    per_session_mg: float = Field(gt=0)
    per_24h_mg: float = Field(gt=0)
    per_7d_mg: float = Field(gt=0)
    per_24h_mg_per_kg: float | None = Field(default=None, gt=0)

    def per_24h_for(self, weight_kg: float | None) -> float:
        """The 24 h cap (mg), lowered to the per-kg cap when the patient's weight is known."""
        if weight_kg is None or self.per_24h_mg_per_kg is None:
            return self.per_24h_mg
        return min(self.per_24h_mg, self.per_24h_mg_per_kg * weight_kg)


class Substance(BaseModel):
    """An active substance: code, names (French, English, brands), ATC code, strengths, caps, sources."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(pattern=_CODE_PATTERN)
    name_fr: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    atc: str | None = None
    family: Family
    synonyms: tuple[str, ...] = ()
    strengths: tuple[Strength, ...] = ()
    per_point_mg: float | None = Field(default=None, gt=0)
    per_session_mg: float | None = Field(default=None, gt=0)
    per_24h_mg: float | None = Field(default=None, gt=0)
    per_7d_mg: float | None = Field(default=None, gt=0)
    per_24h_mg_per_kg: float | None = Field(default=None, gt=0)
    #: contraindication codes this substance brings to the screening (see contraindications.toml)
    contraindications: tuple[str, ...] = ()
    #: True: never matched from a product name; the practitioner declares it with its strength
    declared_only: bool = False
    sources: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _caps_complete(self) -> Substance:
        caps = (self.per_point_mg, self.per_session_mg, self.per_24h_mg, self.per_7d_mg)
        if self.refused:
            return self
        if any(c is None for c in caps):
            raise ValueError(
                f"{self.code}: per_point_mg, per_session_mg, per_24h_mg and per_7d_mg are required"
            )
        return self

    @property
    def refused(self) -> bool:
        """True for a substance never injected (a corticoid)."""
        return self.family in REFUSED_FAMILIES

    @property
    def caps(self) -> SubstanceCaps:
        """The caps in mg (a refused substance has none)."""
        if self.refused:
            raise MesogunError(f"{self.code} is refused: it has no caps")
        return SubstanceCaps(
            per_point_mg=self.per_point_mg or 0.0,
            per_session_mg=self.per_session_mg or 0.0,
            per_24h_mg=self.per_24h_mg or 0.0,
            per_7d_mg=self.per_7d_mg or 0.0,
            per_24h_mg_per_kg=self.per_24h_mg_per_kg,
        )

    def name(self, language: str) -> str:
        """The substance's name in ``language`` ("fr" or "en")."""
        return self.name_fr if language == "fr" else self.name_en

    def names(self) -> tuple[str, ...]:
        """Every name a product of this substance may carry."""
        return (self.name_fr, self.name_en, *self.synonyms)


class Catalogue(BaseModel):
    """A whole product catalogue; ``version`` is logged with every session."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str = Field(min_length=1)
    substances: dict[str, Substance]

    @model_validator(mode="before")
    @classmethod
    def _codes_from_keys(cls, data: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("substances"), dict):
            subs = data["substances"]
            data = {
                **data,
                "substances": {k: {"code": k, **v} if isinstance(v, dict) else v for k, v in subs.items()},
            }
        return data

    def substance(self, code: str) -> Substance:
        """The substance ``code``; raises KeyError naming the known codes."""
        try:
            return self.substances[code]
        except KeyError:
            raise KeyError(f"no substance {code!r} in catalogue {self.version}") from None

    def find_substance(self, name: str) -> Substance | None:
        """The substance a product name designates (name, brand or substance code), or None."""
        wanted = fold(name)
        for substance in self.substances.values():
            if wanted == fold(substance.code) or any(wanted == fold(n) for n in substance.names()):
                return substance
        return None


def fold(text: str) -> str:
    """``text`` without accents, spaces or case: how names are compared."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and not c.isspace()).casefold()


_CONCENTRATION = re.compile(
    r"^\s*(?P<value>\d+(?:[.,]\d+)?)\s*(?P<unit>%|mg\s*/\s*ml|g\s*/\s*l|mg\s*/\s*(?P<per>\d+(?:[.,]\d+)?)\s*ml)\s*$",
    re.IGNORECASE,
)


def mg_per_ml(concentration: str) -> float | None:
    """The strength in mg/ml of a concentration as printed ("1 %" is 10 mg/ml; "4 mg/2 ml" is 2), or None.

    A percentage is mass per volume (g per 100 ml), as on injectable vials.
    """
    match = _CONCENTRATION.match(concentration)
    if match is None:
        return None
    value = float(match["value"].replace(",", "."))
    unit = re.sub(r"\s", "", match["unit"]).casefold()
    if unit == "%":
        return value * 10.0
    if unit in ("mg/ml", "g/l"):
        return value
    per_ml = float((match["per"] or "1").replace(",", "."))
    return value / per_ml if per_ml > 0 else None


def parse_catalogue(text: str, source: str = "<catalogue>") -> Catalogue:
    """A catalogue from TOML text; raises CatalogueFileError naming the source and every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueFileError(f"{source}: not valid TOML: {exc}") from exc
    try:
        return Catalogue.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in err['loc']) or '(file)'}: {err['msg']}" for err in exc.errors()
        )
        raise CatalogueFileError(f"{source}: invalid product catalogue: {problems}") from exc


def load_catalogue_file(path: Path) -> Catalogue:
    """Load a catalogue file (TOML)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogueFileError(f"{path}: cannot read the product catalogue: {exc.strerror or exc}") from exc
    return parse_catalogue(text, str(path))


@cache
def load_catalogue() -> Catalogue:
    """The catalogue shipped with mesogun (read once)."""
    text = resources.files("mesogun.catalogue").joinpath("catalogue.toml").read_text(encoding="utf-8")
    return parse_catalogue(text, "mesogun/catalogue/catalogue.toml")

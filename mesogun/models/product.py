"""Injected products and cocktails (volumes in ml or µl as named)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

# Proportions are written with one or two decimals; allow their rounding when checking the sum.
_PROPORTION_TOLERANCE_PCT = 0.01
#: The largest syringe a gun takes, in ml (the gun takes a 2–10 ml syringe): a plan that
#: loads more is a typing mistake, never a cocktail.
LARGEST_SYRINGE_ML = 10.0


class Ingredient(BaseModel):
    """An active substance of a product (its code in the product catalogue) and its strength in mg/ml."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    substance: str = Field(min_length=1, description="Substance code of the catalogue, e.g. 'piroxicam'.")
    mg_per_ml: float = Field(gt=0, allow_inf_nan=False)


class Product(BaseModel):
    """One injectable medicine: name and concentration as on the vial; lot and expiry set at session time.

    ``ingredients`` are filled from the product catalogue when the session opens, or given by the
    practitioner for a product the catalogue does not list (recorded with the session).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    concentration: str = Field(min_length=1, description="As printed on the vial, e.g. '1 %' or '20 mg/ml'.")
    lot: str | None = None
    expiry: date | None = None
    ingredients: tuple[Ingredient, ...] = ()

    def is_expired(self, on: date) -> bool:
        """True when the product has an expiry date strictly before ``on``."""
        return self.expiry is not None and self.expiry < on

    @property
    def label(self) -> str:
        """``"Lidocaïne 1 %"``: name and concentration."""
        return f"{self.name} {self.concentration}"


class CocktailComponent(BaseModel):
    """A product and its share of the mixture, in percent of the loaded volume."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    product: Product
    proportion_pct: float = Field(gt=0, le=100, strict=True, allow_inf_nan=False)


class Cocktail(BaseModel):
    """The mixture loaded in the syringe; proportions add up to 100 %."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    components: tuple[CocktailComponent, ...] = Field(min_length=1)
    volume_loaded_ml: float = Field(gt=0, le=LARGEST_SYRINGE_ML, strict=True, allow_inf_nan=False)

    @model_validator(mode="after")
    def _proportions_add_up(self) -> Cocktail:
        total = sum(c.proportion_pct for c in self.components)
        if abs(total - 100.0) > _PROPORTION_TOLERANCE_PCT:
            raise PydanticCustomError(
                "proportions",
                "component proportions add up to {total_pct} %, they must add up to 100 %",
                {"total_pct": f"{total:g}"},
            )
        labels = [c.product.label for c in self.components]
        duplicates = sorted({label for label in labels if labels.count(label) > 1})
        if duplicates:
            raise PydanticCustomError(
                "product_twice", "product listed twice: {products}", {"products": ", ".join(duplicates)}
            )
        return self

    def product_volumes_ul(self, total_ul: float) -> dict[str, float]:
        """Split a volume of cocktail (µl) into the volume of each product (µl), keyed by product label."""
        return {c.product.label: total_ul * c.proportion_pct / 100.0 for c in self.components}

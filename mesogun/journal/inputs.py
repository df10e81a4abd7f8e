"""Shapes the journal accepts from the plan and limits models (read-only attributes only).

The journal reads these objects and copies their values into its rows; it never keeps a reference.
``mesogun.models`` objects (Site, Product, CocktailComponent, Override) fit these shapes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol, runtime_checkable

from mesogun.journal.errors import InvalidRecordError, RecordRule
from mesogun.journal.records import SessionIngredient, SessionProduct


class SiteLike(Protocol):
    """Where a point is: body region, laterality (left/right/midline), WHO acupoint code if any."""

    @property
    def region(self) -> str: ...

    @property
    def laterality(self) -> str: ...

    @property
    def acupoint_code(self) -> str | None: ...


class BoundsLike(Protocol):
    """An allowed range ``[minimum, maximum]`` (the limits library's Range)."""

    @property
    def minimum(self) -> float: ...

    @property
    def maximum(self) -> float: ...


class OverrideLike(Protocol):
    """A confirmed soft-limit override: field, value, the limit it passes, reason, who and when.

    ``limit`` is the bound crossed, or the allowed range (the bound crossed is then taken from it).
    """

    @property
    def field(self) -> str: ...

    @property
    def value(self) -> float: ...

    @property
    def limit(self) -> float | BoundsLike: ...

    @property
    def reason(self) -> str: ...

    @property
    def confirmed_by(self) -> str: ...

    @property
    def at(self) -> datetime: ...


@runtime_checkable
class ProductLike(Protocol):
    """A product with its lot and expiry as filled in at session time."""

    @property
    def name(self) -> str: ...

    @property
    def concentration(self) -> str: ...

    @property
    def lot(self) -> str | None: ...

    @property
    def expiry(self) -> date | None: ...


@runtime_checkable
class ComponentLike(Protocol):
    """A product's share (percent of the volume) in a cocktail."""

    @property
    def product(self) -> ProductLike: ...

    @property
    def proportion_pct(self) -> float: ...


ProductInput = SessionProduct | ProductLike | ComponentLike


def crossed_bound(value: float, limit: float | BoundsLike) -> float:
    """The bound an overridden value crosses: ``limit`` itself, or the side of the range it is beyond."""
    if isinstance(limit, int | float):
        return float(limit)
    return float(limit.maximum) if value > limit.maximum else float(limit.minimum)


def session_products(products: Sequence[ProductInput], field: str = "products") -> tuple[SessionProduct, ...]:
    """The syringe's contents as SessionProduct records; shares of a cocktail must add up to 100 %."""
    converted: list[SessionProduct] = []
    for item in products:
        if isinstance(item, SessionProduct):
            converted.append(item)
        elif isinstance(item, ComponentLike):
            converted.append(_from_product(item.product, float(item.proportion_pct)))
        else:
            converted.append(_from_product(item, 100.0))
    if converted:
        total_pct = sum(product.proportion_pct for product in converted)
        if abs(total_pct - 100.0) > 0.01:
            raise InvalidRecordError(
                field,
                [product.name for product in converted],
                f"shares add up to {total_pct:g} %, not 100 %",
                RecordRule.SHARES_NOT_100,
                total_pct=f"{total_pct:g}",
            )
    return tuple(converted)


def _from_product(product: ProductLike, proportion_pct: float) -> SessionProduct:
    # Products of the models carry their active substances once resolved against the catalogue.
    ingredients = getattr(product, "ingredients", ())
    return SessionProduct(
        name=product.name,
        concentration=product.concentration,
        lot=product.lot,
        expiry=product.expiry,
        proportion_pct=proportion_pct,
        ingredients=tuple(
            SessionIngredient(substance=i.substance, mg_per_ml=float(i.mg_per_ml)) for i in ingredients
        ),
    )

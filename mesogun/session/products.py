"""What the syringe holds during a session: the plan's cocktail with the lots loaded, and their checks.

Volumes are µl of cocktail unless named per product; a product's share of a volume follows its
proportion in the cocktail.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from mesogun.models import CocktailComponent, Product, SessionPlan
from mesogun.session.errors import ExpiredProductError, SessionError


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _matches(product: Product, wanted: Product) -> bool:
    """Same product: same label (name and concentration), or same name when no concentration is given."""
    if _key(product.name) != _key(wanted.name):
        return False
    return not wanted.concentration.strip() or _key(product.concentration) == _key(wanted.concentration)


def syringe_contents(plan: SessionPlan, products: Sequence[Product]) -> tuple[CocktailComponent, ...]:
    """The cocktail's components with the lots and expiry dates of ``products`` filled in.

    A product of the cocktail not in ``products`` keeps no lot (it is recorded without one); a product
    given that is not in the cocktail is refused. Without a cocktail in the plan, ``products`` is the
    syringe's content: one product (100 %), or none.
    """
    if plan.cocktail is None:
        if len(products) > 1:
            raise SessionError(
                f"plan {plan.name!r} has no cocktail, so the share of each of {len(products)} products "
                "is unknown: give one product, or use a plan that names its cocktail"
            )
        return tuple(CocktailComponent(product=p, proportion_pct=100.0) for p in products)
    components = list(plan.cocktail.components)
    for given in products:
        index = next((i for i, c in enumerate(components) if _matches(given, c.product)), None)
        if index is None:
            known = ", ".join(c.product.label for c in plan.cocktail.components)
            raise SessionError(f"{given.label!r} is not in the cocktail of plan {plan.name!r} ({known})")
        component = components[index]
        update: dict[str, object] = {"lot": given.lot, "expiry": given.expiry}
        if given.ingredients:  # the practitioner declared what a product outside the catalogue holds
            update["ingredients"] = given.ingredients
        filled = component.product.model_copy(update=update)
        components[index] = component.model_copy(update={"product": filled})
    return tuple(components)


def replace_lots(
    contents: Sequence[CocktailComponent], products: Sequence[Product]
) -> tuple[CocktailComponent, ...]:
    """``contents`` with the lots of ``products`` (a new syringe of the same cocktail)."""
    updated = list(contents)
    for given in products:
        index = next((i for i, c in enumerate(updated) if _matches(given, c.product)), None)
        if index is None:
            known = ", ".join(c.product.label for c in contents)
            raise SessionError(f"{given.label!r} is not in the syringe's cocktail ({known})")
        product = updated[index].product.model_copy(update={"lot": given.lot, "expiry": given.expiry})
        updated[index] = updated[index].model_copy(update={"product": product})
    return tuple(updated)


def refuse_expired(contents: Sequence[CocktailComponent], on: date) -> None:
    """Raise ExpiredProductError when any product is past its expiry date on ``on``."""
    expired = [
        (c.product.label, c.product.lot, c.product.expiry)
        for c in contents
        if c.product.expiry is not None and c.product.is_expired(on)
    ]
    if expired:
        raise ExpiredProductError([(name, lot, expiry) for name, lot, expiry in expired if expiry], on)


def without_lot(contents: Sequence[CocktailComponent]) -> tuple[str, ...]:
    """Labels of the products recorded without a lot number or expiry date."""
    return tuple(c.product.label for c in contents if not c.product.lot or c.product.expiry is None)


def product_totals_ul(
    contents: Sequence[CocktailComponent], cocktail_ul: float
) -> tuple[tuple[str, float], ...]:
    """Volume of each product (µl, by label) in ``cocktail_ul`` of cocktail."""
    return tuple((c.product.label, cocktail_ul * c.proportion_pct / 100.0) for c in contents)

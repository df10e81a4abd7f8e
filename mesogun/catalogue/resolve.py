"""Which active substances a product holds, from the catalogue or from the practitioner's declaration.

A product is matched by name (French, English, brand, without regard to case or accents) and its
concentration gives the strength in mg/ml. A product the catalogue does not know is refused unless
the practitioner declares its substance (a catalogue code, so its caps are known) and strength; a
corticoid is refused whatever its name (seed 002 « jamais de corticoïdes »).
"""

from __future__ import annotations

from collections.abc import Sequence

from mesogun.catalogue.library import Catalogue, Substance, load_catalogue, mg_per_ml
from mesogun.errors import MesogunError
from mesogun.models.product import CocktailComponent, Ingredient, Product


class ProductRefusedError(MesogunError, ValueError):
    """A product that cannot go into a syringe; ``reason`` is a code, ``product`` its label.

    Reasons: ``unknown`` (not in the catalogue, nothing declared), ``corticoid`` (seed 002),
    ``unknown-substance`` (a declared substance the catalogue does not list: no caps known),
    ``concentration`` (a concentration that gives no mg/ml).
    """

    def __init__(self, product: str, reason: str, detail: str = "") -> None:
        self.product = product
        self.reason = reason
        self.detail = detail
        texts = {
            "unknown": "is not in the product catalogue: give its active substance and concentration",
            "corticoid": "is a corticoid: never injected in mesotherapy (seed 002)",
            "unknown-substance": f"declares substance {detail!r}, not in the catalogue (no caps known)",
            "concentration": "has a concentration that gives no mg/ml (write e.g. '1 %' or '20 mg/ml')",
        }
        super().__init__(f"{product!r} {texts.get(reason, reason)}; refused")


def _refuse_if_corticoid(label: str, substance: Substance) -> None:
    if substance.refused:
        raise ProductRefusedError(label, "corticoid", substance.code)


def ingredients_of(product: Product, catalogue: Catalogue | None = None) -> tuple[Ingredient, ...]:
    """The active substances of ``product`` with their strength; raises ProductRefusedError.

    Declared ingredients (``product.ingredients``) must name catalogue substances; otherwise the name
    must designate a substance the catalogue matches by name, at a concentration that gives mg/ml.
    """
    cat = catalogue or load_catalogue()
    label = product.label
    if product.ingredients:
        for ingredient in product.ingredients:
            substance = cat.substances.get(ingredient.substance)
            if substance is None:
                raise ProductRefusedError(label, "unknown-substance", ingredient.substance)
            _refuse_if_corticoid(label, substance)
        return product.ingredients
    substance = cat.find_substance(product.name)
    if substance is not None:
        _refuse_if_corticoid(label, substance)
    if substance is None or substance.declared_only:
        raise ProductRefusedError(label, "unknown")
    strength = mg_per_ml(product.concentration)
    if strength is None:
        raise ProductRefusedError(label, "concentration")
    return (Ingredient(substance=substance.code, mg_per_ml=strength),)


def with_ingredients(
    contents: Sequence[CocktailComponent], catalogue: Catalogue | None = None
) -> tuple[CocktailComponent, ...]:
    """``contents`` with every product's ingredients filled in; refuses any product the catalogue refuses."""
    resolved: list[CocktailComponent] = []
    for component in contents:
        ingredients = ingredients_of(component.product, catalogue)
        product = component.product.model_copy(update={"ingredients": ingredients})
        resolved.append(component.model_copy(update={"product": product}))
    return tuple(resolved)


def substance_mg(contents: Sequence[CocktailComponent], cocktail_ul: float) -> dict[str, float]:
    """Mg of each substance in ``cocktail_ul`` µl of the syringe (products must have ingredients)."""
    totals: dict[str, float] = {}
    for component in contents:
        product_ml = cocktail_ul * component.proportion_pct / 100.0 / 1000.0
        for ingredient in component.product.ingredients:
            totals[ingredient.substance] = (
                totals.get(ingredient.substance, 0.0) + product_ml * ingredient.mg_per_ml
            )
    return totals

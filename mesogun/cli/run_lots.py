"""``mesogun run``: the cocktail's products named on the command line (``--lot``, ``--no-lot``,
``--declare``), matched to the plan, and refused in the run's language when they do not fit.

Every product of the cocktail needs its lot and expiry, as on the vial, or a reason: the app refuses
to start a session while a product has no lot and expiry date; the command line does the same, unless
``--no-lot PRODUCT=REASON`` says why that product has none (the reason is recorded in the session's
journal, with the product's name, by the practitioner).
"""

from __future__ import annotations

from datetime import date

from mesogun.models import CocktailComponent, Ingredient, Product, SessionPlan
from mesogun.session import SessionError
from mesogun.vocabulary import Language
from mesogun.vocabulary.run_words import run_word


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _components(plan: SessionPlan) -> tuple[CocktailComponent, ...]:
    return tuple(plan.cocktail.components) if plan.cocktail is not None else ()


def _product(plan: SessionPlan, name: str) -> Product | None:
    """The cocktail's product named ``name`` (by name, or name and concentration)."""
    return next(
        (
            c.product
            for c in _components(plan)
            if _fold(name) in (_fold(c.product.name), _fold(c.product.label))
        ),
        None,
    )


def _no_such_product(plan: SessionPlan, option: str, name: str, language: Language) -> SessionError:
    known = "; ".join(c.product.label for c in _components(plan)) or run_word("no_cocktail", language)
    return SessionError(run_word("no_such_product", language, option=option, name=name, known=known))


def resolve_lots(plan: SessionPlan, specs: list[tuple[str, str, date]], language: Language) -> list[Product]:
    """The cocktail's products named by ``--lot`` options, with their lot and expiry."""
    if plan.cocktail is None:
        if specs:
            raise SessionError(run_word("lot_without_cocktail", language, plan=plan.name))
        return []
    products: list[Product] = []
    for name, lot, expiry in specs:
        match = _product(plan, name)
        if match is None:
            raise _no_such_product(plan, "--lot", name, language)
        products.append(match.model_copy(update={"lot": lot, "expiry": expiry}))
    return products


def declare_products(
    plan: SessionPlan, lots: list[Product], specs: list[tuple[str, str, float]], language: Language
) -> list[Product]:
    """``lots`` with the substances the practitioner declared (``--declare``) for cocktail products."""
    products = {p.label: p for p in lots}
    for name, substance, strength in specs:
        match = _product(plan, name)
        if match is None:
            raise SessionError(run_word("declare_no_product", language, name=name, plan=plan.name))
        base = products.get(match.label, match)
        ingredient = Ingredient(substance=substance, mg_per_ml=strength)
        products[match.label] = base.model_copy(update={"ingredients": (ingredient,)})
    return list(products.values())


def resolve_no_lots(plan: SessionPlan, specs: list[tuple[str, str]], language: Language) -> dict[str, str]:
    """The reasons given with ``--no-lot``, by the label of the cocktail's product they name."""
    reasons: dict[str, str] = {}
    for name, reason in specs:
        match = _product(plan, name)
        if match is None:
            raise _no_such_product(plan, "--no-lot", name, language)
        reasons[match.label] = reason
    return reasons


def require_lots(plan: SessionPlan, lots: list[Product], no_lot: dict[str, str], language: Language) -> None:
    """Refuse a cocktail product with neither a lot and expiry (``--lot``) nor a reason (``--no-lot``)."""
    given = {p.label for p in lots if p.lot and p.expiry is not None}
    missing = [
        c.product.label
        for c in _components(plan)
        if c.product.label not in given and c.product.label not in no_lot
    ]
    if missing:
        raise SessionError(run_word("no_lot", language, products=", ".join(missing)))

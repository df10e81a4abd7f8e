"""``mesogun run``: every product of the cocktail needs its lot and expiry, as on the vial, or a reason.

The app refuses to start a session while a product has no lot and expiry date; the command line does
the same, unless ``--no-lot PRODUCT=REASON`` says why that product has none (the reason is recorded in
the session's journal, with the product's name, by the practitioner).
"""

from __future__ import annotations

import argparse

from mesogun.models import Product, SessionPlan
from mesogun.session import SessionError


def no_lot_spec(text: str) -> tuple[str, str]:
    """``PRODUCT=REASON`` of ``--no-lot``."""
    name, sep, reason = text.partition("=")
    if not sep or not name.strip() or not reason.strip():
        raise argparse.ArgumentTypeError(
            f"{text!r}: expected PRODUCT=REASON, e.g. 'Procaïne=label torn off the vial'"
        )
    return name.strip(), reason.strip()


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def resolve_no_lots(plan: SessionPlan, specs: list[tuple[str, str]]) -> dict[str, str]:
    """The reasons given with ``--no-lot``, by the label of the cocktail's product they name."""
    components = plan.cocktail.components if plan.cocktail is not None else ()
    reasons: dict[str, str] = {}
    for name, reason in specs:
        match = next(
            (c.product for c in components if _fold(name) in (_fold(c.product.name), _fold(c.product.label))),
            None,
        )
        if match is None:
            known = "; ".join(c.product.label for c in components) or "the plan names no cocktail"
            raise SessionError(f"--no-lot {name!r}: no such product in the cocktail ({known})")
        reasons[match.label] = reason
    return reasons


def require_lots(plan: SessionPlan, lots: list[Product], no_lot: dict[str, str]) -> None:
    """Refuse a cocktail product with neither a lot and expiry (``--lot``) nor a reason (``--no-lot``)."""
    if plan.cocktail is None:
        return
    given = {p.label for p in lots if p.lot and p.expiry is not None}
    missing = [
        c.product.label
        for c in plan.cocktail.components
        if c.product.label not in given and c.product.label not in no_lot
    ]
    if missing:
        raise SessionError(
            f"no lot and expiry for {', '.join(missing)}: give --lot PRODUCT=LOT:YYYY-MM-DD as on the vial, "
            "or --no-lot PRODUCT=REASON to record why there is none"
        )

"""A patient's earlier sessions and doses, read by pseudonym: the interface and the desk's implementation.

Every check that looks back in time reads through :class:`PatientHistory`: the "too soon" warning
and the course position (which sessions the patient had, when), the cumulative caps over 24 h and
7 days (how many mg of each substance the patient received since a moment), the patient view.

Two implementations answer the same questions:

- :class:`JournalHistory` (here) reads the desk's own journal (any :class:`~mesogun.journal.JournalStore`,
  the local SQLite file in practice): it knows only the sessions recorded at this desk.
- the clinic store implements the same protocol over PostgreSQL, across every room.

Contract, for any implementation:

- ``sessions_of(pseudonym)``: every session of that patient, oldest first, open ones included,
  as :class:`~mesogun.journal.SessionSummary` (times are aware UTC datetimes).
- ``doses_by_substance_since(pseudonym, since_utc, excluding_session=None)``: mg of each active
  substance delivered to that patient by doses whose device time is at or after ``since_utc``
  (aware UTC), keyed by the catalogue's substance code; ``excluding_session`` leaves out one session
  (the one being run, which counts its own doses). A dose counts by the volume the gun *delivered*
  (partial shots included), times each product's share of the syringe, times its strength (mg/ml).
- ``source``: a short code saying where the answers come from ("desk" for this desk's journal,
  "clinic" for the clinic store), so a screen can say when it fell back to the desk's own journal.
- Reads never write anything.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Protocol

from mesogun.catalogue.library import Catalogue, load_catalogue
from mesogun.catalogue.resolve import ProductRefusedError, ingredients_of
from mesogun.journal import JournalStore
from mesogun.journal.records import SessionProduct, SessionSummary
from mesogun.models.product import Product

log = logging.getLogger("mesogun.patients")

#: Sessions that started this long before ``since_utc`` may still hold doses after it (a long session).
_SESSION_SPAN = timedelta(days=1)


class PatientHistory(Protocol):
    """What the patient received before now, by pseudonym (see the module documentation)."""

    @property
    def source(self) -> str: ...

    def sessions_of(self, pseudonym: str) -> list[SessionSummary]: ...

    def doses_by_substance_since(
        self, pseudonym: str, since_utc: datetime, *, excluding_session: str | None = None
    ) -> dict[str, float]: ...


def product_mg_per_ml(product: SessionProduct, catalogue: Catalogue) -> dict[str, float]:
    """Strength (mg/ml) of each substance of a recorded product: as recorded, else from the catalogue.

    Sessions recorded before substances were written with the products are resolved by name; a
    product the catalogue cannot resolve counts for nothing (and is logged).
    """
    if product.ingredients:
        return {i.substance: i.mg_per_ml for i in product.ingredients}
    try:
        ingredients = ingredients_of(
            Product(name=product.name, concentration=product.concentration or "-"), catalogue
        )
    except ProductRefusedError as exc:
        log.warning("earlier dose of %s not counted by substance: %s", product.name, exc)
        return {}
    return {i.substance: i.mg_per_ml for i in ingredients}


def delivered_mg(
    product: SessionProduct, delivered_ul: float, catalogue: Catalogue | None = None
) -> dict[str, float]:
    """Mg of each active substance in ``delivered_ul`` µl of a recorded product (empty when unknown)."""
    strengths = product_mg_per_ml(product, catalogue or load_catalogue())
    return {code: delivered_ul / 1000.0 * mg_per_ml for code, mg_per_ml in strengths.items()}


class JournalHistory:
    """:class:`PatientHistory` over one desk's journal."""

    source = "desk"

    def __init__(self, journal: JournalStore, catalogue: Catalogue | None = None) -> None:
        self._journal = journal
        self._catalogue = catalogue or load_catalogue()

    def sessions_of(self, pseudonym: str) -> list[SessionSummary]:
        """Every session of ``pseudonym``, oldest first."""
        return sorted(self._journal.sessions(patient=pseudonym), key=lambda s: s.started_at)

    def doses_by_substance_since(
        self, pseudonym: str, since_utc: datetime, *, excluding_session: str | None = None
    ) -> dict[str, float]:
        """Mg of each substance delivered to ``pseudonym`` at or after ``since_utc``."""
        totals: dict[str, float] = {}
        for summary in self._journal.sessions(patient=pseudonym, since=since_utc - _SESSION_SPAN):
            if summary.session_id == excluding_session or summary.dose_count == 0:
                continue
            for dose in self._journal.doses(summary.session_id):
                if dose.time_utc < since_utc or dose.delivered_volume_ul <= 0:
                    continue
                for product in dose.products:
                    product_ml = dose.delivered_volume_ul / 1000.0 * product.proportion_pct / 100.0
                    for code, strength in product_mg_per_ml(product, self._catalogue).items():
                        totals[code] = totals.get(code, 0.0) + product_ml * strength
        return totals

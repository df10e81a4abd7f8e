"""A patient's overview as this desk sees it: every room's sessions when a clinic store is configured,
this desk's journal otherwise, with the doses by substance after the product catalogue.

It lives beside the clinic reader (it chooses between the desk and the clinic), so that the patients
package, which the clinic reader builds on, never imports the clinic package.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from mesogun.catalogue.library import load_catalogue
from mesogun.clinic.reader import desk_sources
from mesogun.journal import JournalStore
from mesogun.journal.records import SessionProduct
from mesogun.patients.history import product_mg_per_ml
from mesogun.patients.overview import PatientOverview, patient_overview


def desk_overview(journal: JournalStore, pseudonym: str) -> PatientOverview:
    """The overview of ``pseudonym`` from this desk's journal, doses by substance after the catalogue."""
    catalogue = load_catalogue()

    def strengths(product: SessionProduct) -> Mapping[str, float]:
        return product_mg_per_ml(product, catalogue)

    history, reader = desk_sources(journal, catalogue)
    overview = patient_overview(history, reader, pseudonym, strengths)
    names: dict[str, dict[str, str]] = {}
    for code in overview.substance_codes():
        substance = catalogue.substance(code)
        names[code] = {language: substance.name(language) for language in ("fr", "en")}
    return replace(overview, substance_names=names)

"""The product catalogue: active substances, strengths, names, caps in mg, and how a product resolves."""

from mesogun.catalogue.library import (
    REFUSED_FAMILIES,
    Catalogue,
    CatalogueFileError,
    Strength,
    Substance,
    SubstanceCaps,
    load_catalogue,
    load_catalogue_file,
    mg_per_ml,
    parse_catalogue,
)
from mesogun.catalogue.resolve import ProductRefusedError, ingredients_of, substance_mg, with_ingredients

__all__ = [
    "REFUSED_FAMILIES",
    "Catalogue",
    "CatalogueFileError",
    "ProductRefusedError",
    "Strength",
    "Substance",
    "SubstanceCaps",
    "ingredients_of",
    "load_catalogue",
    "load_catalogue_file",
    "mg_per_ml",
    "parse_catalogue",
    "substance_mg",
    "with_ingredients",
]

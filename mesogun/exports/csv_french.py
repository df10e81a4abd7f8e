"""CSV for a French spreadsheet: one row per dose and per product and lot in the syringe.

What a spreadsheet set to French expects when it opens a file by a double click: UTF-8 with a byte
order mark (without it, accents come out garbled), ``;`` between cells (the comma is the decimal
separator), numbers with a decimal comma and no thousands separator, dates as ``JJ/MM/AAAA``. The
local time and its UTC offset sit in two cells, so that the time stays a time for the spreadsheet.

A cocktail's dose gives one row per product: that product's share of the delivered volume, with
its lot, so that a column sums to the volume of one product (or lot) given. Headers are French; the
recorded codes (side, technique, result) are named by ``mesogun.vocabulary``.
The plain CSV (``csv_export``) stays the one for programs.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from mesogun.exports.csv_export import spreadsheet_text
from mesogun.exports.selection import ExportedSession
from mesogun.journal.records import DoseRecord, SessionProduct, SessionRecord
from mesogun.local_time import offset_text, to_local
from mesogun.vocabulary import name_of_code

BOM = "\ufeff"
SEPARATOR = ";"

COLUMNS: tuple[str, ...] = (
    "Séance",
    "Patient",
    "Date",
    "Heure",
    "Décalage UTC",
    "N° événement",
    "Point",
    "Site",
    "Côté",
    "Technique",
    "Profondeur mesurée (mm)",
    "Produit",
    "Concentration",
    "Lot",
    "Péremption",
    "Part du produit (%)",
    "Volume du produit (µl)",
    "Volume de la dose (µl)",
    "Résultat",
    "Opérateur",
)


def french_number(value: float, decimals: int | None = None) -> str:
    """``12.5`` → ``12,5``: a decimal comma, no thousands separator; ``decimals`` fixes the digits."""
    text = f"{value:.{decimals}f}" if decimals is not None else repr(float(value))
    if text.endswith(".0") and decimals is None:
        text = text[:-2]
    return text.replace(".", ",")


def product_rows(session: SessionRecord, dose: DoseRecord) -> Iterator[dict[str, str]]:
    """One row per product (and its lot) of the dose's syringe."""
    local = to_local(dose.time_utc)
    products: tuple[SessionProduct, ...] = dose.products or (SessionProduct(name="?"),)
    for product in products:
        share_pct = product.proportion_pct if dose.products else 100.0
        yield {
            "Séance": session.session_id,
            "Patient": spreadsheet_text(session.patient_pseudonym),
            "Date": local.strftime("%d/%m/%Y"),
            "Heure": local.strftime("%H:%M:%S"),
            "Décalage UTC": offset_text(local),
            "N° événement": str(dose.event_number),
            "Point": str(dose.point_index + 1),
            "Site": spreadsheet_text(dose.site_region or dose.acupoint_code or dose.zone or ""),
            "Côté": name_of_code("Laterality", dose.laterality, "fr") if dose.laterality else "",
            "Technique": name_of_code("Technique", dose.technique, "fr"),
            "Profondeur mesurée (mm)": french_number(dose.measured_depth_mm),
            "Produit": spreadsheet_text(product.name),
            "Concentration": spreadsheet_text(product.concentration),
            "Lot": spreadsheet_text(product.lot or ""),
            "Péremption": product.expiry.strftime("%d/%m/%Y") if product.expiry else "",
            "Part du produit (%)": french_number(share_pct),
            "Volume du produit (µl)": french_number(dose.delivered_volume_ul * share_pct / 100.0, 3),
            "Volume de la dose (µl)": french_number(dose.delivered_volume_ul),
            "Résultat": name_of_code("DoseResult", dose.result.value, "fr"),
            "Opérateur": spreadsheet_text(dose.operator),
        }


def to_french_csv(sessions: Iterable[ExportedSession]) -> str:
    """The French spreadsheet CSV of the sessions' doses (byte order mark first)."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, delimiter=SEPARATOR, lineterminator="\r\n")
    writer.writeheader()
    for exported in sessions:
        for dose in exported.doses:
            writer.writerows(product_rows(exported.session, dose))
    return buffer.getvalue()

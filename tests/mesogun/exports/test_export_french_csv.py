"""The CSV for a French spreadsheet, read back as such a spreadsheet reads a file it is given."""

from __future__ import annotations

import csv
import io
import stat
from pathlib import Path

from export_builders import Filled

from mesogun.cli import main
from mesogun.exports import export, save_export
from mesogun.exports.csv_french import COLUMNS


def _as_a_french_spreadsheet_reads(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    """Detect the encoding by its byte order mark, split cells on ';', nothing else assumed."""
    assert data.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte order mark: accents would come out garbled"
    text = data[3:].decode("utf-8")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,\t")
    assert dialect.delimiter == ";"
    reader = csv.reader(io.StringIO(text), delimiter=";")
    header, *rows = list(reader)
    return header, [dict(zip(header, row, strict=True)) for row in rows]


def _number(cell: str) -> float:
    """A cell as a French spreadsheet turns it into a number: decimal comma, no point."""
    assert "." not in cell, f"{cell!r} has a decimal point: a French spreadsheet reads it as text or a date"
    return float(cell.replace(",", "."))


def test_one_row_per_dose_and_product_and_lot_with_decimal_commas(filled: Filled, tmp_path: Path) -> None:
    path = save_export(filled.journal, "csv-fr", filled.first, tmp_path / "doses.csv")
    header, rows = _as_a_french_spreadsheet_reads(path.read_bytes())

    assert header == list(COLUMNS)
    assert "Volume du produit (µl)" in header and "Profondeur mesurée (mm)" in header  # accents intact
    # Doses 1 and 2: a 75/25 cocktail (two rows each); doses 3 and 4: the new lot alone (one row each).
    assert [(r["N° événement"], r["Produit"], r["Lot"]) for r in rows] == [
        ("1", "Procaïne", "PRC-2411"),
        ("1", "Piroxicam", "PXM-0917"),
        ("2", "Procaïne", "PRC-2411"),
        ("2", "Piroxicam", "PXM-0917"),
        ("3", "Procaïne", "PRC-2502"),
        ("4", "Procaïne", "PRC-2502"),
    ]
    partial = rows[2]
    assert partial["Volume de la dose (µl)"] == "31,5" and partial["Volume du produit (µl)"] == "23,625"
    assert partial["Part du produit (%)"] == "75" and partial["Résultat"] == "Partielle"
    assert partial["Profondeur mesurée (mm)"] == "3,9" and partial["Côté"] == "droite"
    assert (partial["Date"], partial["Heure"], partial["Décalage UTC"]) == (
        "04/03/2025",
        "10:02:00",
        "+01:00",
    )
    assert partial["Péremption"] == "30/06/2026"
    # The column sums to what each lot received, as the session record says.
    per_lot: dict[str, float] = {}
    for row in rows:
        per_lot[row["Lot"]] = per_lot.get(row["Lot"], 0.0) + _number(row["Volume du produit (µl)"])
    totals = {t.lot: t.delivered_ul for t in filled.journal.session(filled.first).totals}
    assert per_lot.keys() == totals.keys()
    for lot, volume in per_lot.items():
        assert abs(volume - totals[lot]) < 1e-9
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_text_a_spreadsheet_would_run_is_quoted_and_lines_end_as_windows_expects(filled: Filled) -> None:
    text = export(filled.journal, "csv-fr", session_id=filled.first)
    assert text.startswith("\ufeff") and "\r\n" in text
    assert ";'=cmd|' /C calc'!A0;" in text


def test_the_plain_csv_stays_as_it_was(filled: Filled) -> None:
    text = export(filled.journal, "csv", session_id=filled.first)
    assert not text.startswith("\ufeff")
    assert text.splitlines()[0].count(",") > 10 and ";" not in text.splitlines()[0]


def test_the_command_line_writes_the_french_csv(filled: Filled, tmp_path: Path) -> None:
    out = tmp_path / "séance.csv"
    argv = ["sessions", "export", filled.first[:8], "--format", "csv-fr", "--out", str(out)]
    assert main([*argv, "--journal", str(filled.journal.path)]) == 0
    header, rows = _as_a_french_spreadsheet_reads(out.read_bytes())
    assert len(rows) == 6 and header[0] == "Séance"

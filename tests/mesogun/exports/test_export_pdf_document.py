"""The PDF toolkit on its own: pages, footer, tables across pages, charts, refusals."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from export_builders import Filled
from pdf_reading import needs_pdftotext, pdf_pages, pdf_text

from mesogun import __version__
from mesogun.exports.pdf_charts import BarChart, BarSeries, Guide, LineChart, LineSeries, nice_ticks
from mesogun.exports.pdf_document import Align, Column, PdfDocument, TableRow, Tone

GENERATED = datetime(2025, 3, 4, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _qt_application(qapp: object) -> None:
    """The QApplication of the test process (a PDF needs a GUI application; the app's tests need widgets)."""


@needs_pdftotext
def test_a_long_table_breaks_across_pages_and_repeats_its_header(tmp_path: Path) -> None:
    document = PdfDocument(
        "Mesures", generated_at=GENERATED, page_label=lambda n, total: f"Page {n} sur {total}"
    )
    document.title_block("Certificat d'étalonnage", subtitle="Pistolet SIM-0001", lines=["Balance XS205"])
    document.heading("Masses pesées")
    columns = [Column("Tir n°", 1, Align.RIGHT), Column("Masse (mg)", 2, Align.RIGHT), Column("Écart", 3)]
    rows = [
        TableRow(
            [str(i), f"{i * 1.5:.1f}", "hors tolérance" if i % 40 == 0 else "conforme"],
            Tone.ALERT if i % 40 == 0 else Tone.NORMAL,
        )
        for i in range(1, 201)
    ]
    placed = document.table(columns, rows)
    path = tmp_path / "mesures.pdf"

    pages = document.save(path)

    assert placed == 200
    read = pdf_pages(path)
    assert pages == len(read) >= 3
    shot_numbers = [
        int(line.split()[0])
        for page in read
        for line in page.splitlines()
        if line.split() and line.split()[-1] in ("conforme", "tolérance")
    ]
    assert shot_numbers == list(range(1, 201))
    for number, page in enumerate(read, start=1):
        assert "Tir n°" in page and "Masse (mg)" in page
        assert f"Page {number} sur {pages}" in page
        assert f"mesogun {__version__} — 2025-03-04 09:30 UTC" in page
    assert "Certificat d'étalonnage" in read[0] and "Certificat d'étalonnage" not in read[1]


@needs_pdftotext
def test_text_blocks_and_charts_are_written(tmp_path: Path) -> None:
    document = PdfDocument("Graphiques", generated_at=GENERATED)
    document.key_values([("Balance", "Mettler XS205 (n° B-0042)"), ("Température", "21,3 °C")])
    document.paragraph("Une longue remarque. " * 400)  # more than a page of text
    document.chart(
        LineChart(
            "Débit",
            "Temps (min)",
            "Débit (µl/s)",
            [
                LineSeries(
                    "mesuré", [(0.0, 0.0), (1.0, 9.5), (2.0, 10.2), (3.0, 9.9)], step=True, markers=True
                )
            ],
            guides=[Guide(10.5, "+5 %"), Guide(9.5, "−5 %")],
        )
    )
    document.chart(
        BarChart(
            "Volumes",
            ["A", "B"],
            [BarSeries("prévu", [10.0, 20.0], outline=True), BarSeries("délivré", [9.0, 21.0])],
            "Volume (µl)",
        )
    )
    path = tmp_path / "graphiques.pdf"
    document.save(path)

    text = pdf_text(path)
    assert "Balance Mettler XS205 (n° B-0042)" in text and "21,3 °C" in text
    assert text.count("remarque.") == 400  # (a page break may fall inside the phrase)
    assert "Débit" in text and "Temps (min)" in text and "+5 %" in text and "−5 %" in text
    assert "Volumes" in text and "prévu" in text and "délivré" in text
    assert len(pdf_pages(path)) >= 2


def test_bad_tables_and_charts_are_refused_by_name() -> None:
    document = PdfDocument("x")
    with pytest.raises(ValueError, match=r"Column.weight: 0 is not above 0"):
        Column("a", 0)
    with pytest.raises(ValueError, match=r"table row 2: 1 cells for 2 columns"):
        document.table([Column("a"), Column("b")], [["1", "2"], ["3"]])
    with pytest.raises(ValueError, match=r"series 'délivré': 1 values for 2 categories"):
        BarChart("v", ["A", "B"], [BarSeries("délivré", [1.0])], "µl")
    with pytest.raises(ValueError, match=r"series 'délivré': value 1 is -2.0; bars need a finite value ≥ 0"):
        BarChart("v", ["A", "B"], [BarSeries("délivré", [1.0, -2.0])], "µl")


def test_ticks_fall_on_round_values() -> None:
    assert nice_ticks(0.0, 121.5) == [0.0, 25.0, 50.0, 75.0, 100.0, 125.0]
    assert nice_ticks(0.0, 1.0) == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert nice_ticks(9.5, 10.5) == [9.4, 9.6, 9.8, 10.0, 10.2, 10.4, 10.6]
    assert nice_ticks(5.0, 5.0)[0] <= 5.0 <= nice_ticks(5.0, 5.0)[-1]


@needs_pdftotext
def test_the_command_line_makes_a_pdf_without_a_display(filled: Filled, tmp_path: Path) -> None:
    out = tmp_path / "cr.pdf"
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    command = [
        sys.executable,
        "-m",
        "mesogun.cli",
        "sessions",
        "export",
        filled.first[:8],
        "--format",
        "pdf",
        "--out",
        str(out),
        "--journal",
        str(filled.journal.path),
    ]

    done = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120, check=False)

    assert done.returncode == 0, done.stderr
    assert "doses)" in done.stderr
    assert "Compte rendu de séance" in pdf_text(out)

"""The patient's after-care sheet: seed 001's advice, the 24 hours in local time, French and English."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from export_builders import Filled
from pdf_reading import needs_pdftotext, pdf_pages, pdf_text
from PySide6.QtGui import QImage

from mesogun.cli import main
from mesogun.exports.pdf_aftercare import aftercare_sheet
from mesogun.exports.pdf_report import write_session_report

pytestmark = [needs_pdftotext, pytest.mark.usefixtures("qapp")]

ENDED = datetime(2025, 3, 4, 9, 30, tzinfo=UTC)


def _sheet(filled: Filled, session_id: str, tmp_path: Path, language: str) -> str:
    record = filled.journal.session(session_id).model_copy(update={"ended_at": ENDED})
    path = tmp_path / f"conseils-{language}.pdf"
    aftercare_sheet(record, filled.journal.doses(session_id), language=language).save(path)
    assert len(pdf_pages(path)) == 1
    return pdf_text(path)


def test_the_french_sheet_gives_seed_001s_advice_until_24_hours_after_the_end(
    filled: Filled, tmp_path: Path
) -> None:
    text = _sheet(filled, filled.first, tmp_path, "fr")

    assert "Conseils après votre séance de mésothérapie" in text
    assert "Patient MST-0042 — séance du 04/03/2025" in text
    # The session ended at 09:30 UTC, 10:30 in Paris: the advice holds until the next day, 10:30.
    assert "Fin de la séance : 04/03/2025 10:30 (UTC+01:00)" in text
    assert "Pendant 24 heures, jusqu’au 05/03/2025 10:30 (UTC+01:00)" in text
    assert "appuyez légèrement sur les zones traitées (compression légère)" in text
    assert "appliquez des compresses froides" in text
    assert "Évitez toute activité physique intense." in text
    assert "Ne touchez pas et ne frottez pas les zones traitées." in text
    assert "rougeur intense, chaleur, gonflement, écoulement" in text
    # Where the patient was injected, each place once (two doses went to the same zone).
    assert "MC6 (PC6) Neiguan gauche" in text and "MC6 (PC6) Neiguan droite" in text
    assert text.count("calc'!A0") == 1
    # A Mésostress session: the sheet says it replaces no psychiatric follow-up (seed 000).
    assert "ne remplacent pas le suivi par votre médecin ou votre psychiatre" in text


def test_the_english_sheet_and_no_mesostress_line_for_another_plan(filled: Filled, tmp_path: Path) -> None:
    text = _sheet(filled, filled.second, tmp_path, "en")

    assert "After your mesotherapy session" in text
    assert "For 24 hours, until 2025-03-05 10:30 (UTC+01:00)" in text
    assert "Do not touch or rub the treated areas." in text and "Avoid any intense physical activity." in text
    assert "coude left" in text
    assert "psychiatrist" not in text


def test_the_report_ends_with_the_sheet_and_the_command_line_prints_it_alone(
    filled: Filled, tmp_path: Path
) -> None:
    report = tmp_path / "report.pdf"
    written = write_session_report(filled.journal, filled.first, report, language="fr", check_chain=False)
    pages = pdf_pages(report)
    assert written.pages == len(pages)
    assert "Conseils après votre séance" in pages[-1]
    assert not any("Conseils après votre séance" in page for page in pages[:-1])

    alone = tmp_path / "conseils.pdf"
    argv = ["sessions", "export", filled.first[:8], "--format", "aftercare", "--out", str(alone)]
    assert main([*argv, "--journal", str(filled.journal.path)]) == 0
    assert len(pdf_pages(alone)) == 1 and "Ne touchez pas et ne frottez pas" in pdf_text(alone)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_the_sheet_renders_as_an_a4_page_with_its_text_in_the_upper_part(
    filled: Filled, tmp_path: Path
) -> None:
    record = filled.journal.session(filled.first).model_copy(update={"ended_at": ENDED})
    path = tmp_path / "conseils.pdf"
    aftercare_sheet(record, filled.journal.doses(filled.first), language="fr").save(path)
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-singlefile", str(path), str(tmp_path / "page")], check=True
    )
    image = QImage(str(tmp_path / "page.png"))
    assert abs(image.height() / image.width() - 297 / 210) < 0.01

    def inked_rows(first: int, last: int) -> int:
        return sum(
            1
            for y in range(first, last)
            if any(image.pixelColor(x, y).lightness() < 128 for x in range(0, image.width(), 2))
        )

    half = image.height() // 2
    assert inked_rows(0, half) > 40  # title, zones, advice
    assert inked_rows(half, image.height()) < inked_rows(0, half)

"""The report's letterhead (the clinic and the practitioner, from the practice settings) and its signature
places; the practice settings from the command line."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from export_builders import Filled
from pdf_reading import needs_pdftotext, pdf_pages, pdf_text

from mesogun.cli import main
from mesogun.exports.pdf_aftercare import write_aftercare_sheet
from mesogun.exports.pdf_report import write_session_report
from mesogun.journal import DATA_DIR_ENV
from mesogun.practice import Practice, PracticeError, load_practice, practice_path

PRACTICE = Practice(
    clinic_name="Cabinet du Parc",
    address="12 rue des Lilas, 75011 Paris",
    practitioner="Dr Claire Martin",
    rpps="10101234567",
)


@pytest.fixture(autouse=True)
def _qt_application(qapp: object) -> None:
    """The QApplication of the test process (a PDF needs a GUI application)."""


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data directory of the test's own: the practice file of the person running the tests is not read."""
    directory = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(directory))
    return directory


@needs_pdftotext
@pytest.mark.parametrize(
    ("language", "signature"), [("fr", "Signature du praticien"), ("en", "Practitioner’s")]
)
def test_the_report_opens_with_the_practice_and_ends_with_places_to_sign(
    filled: Filled, tmp_path: Path, language: str, signature: str
) -> None:
    path = tmp_path / "report.pdf"
    write_session_report(
        filled.journal, filled.first, path, language=language, check_chain=False, practice=PRACTICE
    )

    pages = pdf_pages(path)
    first = pages[0]
    assert "Cabinet du Parc" in first and "12 rue des Lilas, 75011 Paris" in first
    assert "Dr Claire Martin — RPPS 10101234567" in first
    assert first.index("Cabinet du Parc") < first.index(
        "Compte rendu" if language == "fr" else "Session report"
    )
    report = " ".join(pdf_text(path).split("Conseils après" if language == "fr" else "After your")[:1])
    assert signature in report and "Date" in report
    # The places to sign come after the journal's section, on the report's last page (not the sheet's).
    assert report.index(signature) > report.index("Journal des doses" if language == "fr" else "Dose journal")


@needs_pdftotext
def test_without_practice_settings_the_report_invents_no_letterhead(filled: Filled, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    write_session_report(filled.journal, filled.first, path, language="fr", check_chain=False)

    first = pdf_pages(path)[0]
    assert "RPPS" not in first and "Cabinet" not in first
    assert first.split()[:4] == ["Compte", "rendu", "de", "séance"]


@needs_pdftotext
def test_a_field_left_out_is_left_out_of_the_report(filled: Filled, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    practice = Practice(practitioner="Dr Claire Martin", rpps="")
    write_session_report(
        filled.journal, filled.first, path, language="en", check_chain=False, practice=practice
    )

    first = pdf_pages(path)[0]
    assert "RPPS" not in first and "Cabinet" not in first
    assert first.split()[:3] == ["Dr", "Claire", "Martin"]


def test_an_rpps_number_of_the_wrong_length_is_refused_by_name() -> None:
    with pytest.raises(PracticeError, match=r"rpps: '1010123456' is not an RPPS number \(11 digits\)"):
        Practice(rpps="1010123456")
    with pytest.raises(PracticeError, match=r"rpps: '1010123456A'"):
        Practice(rpps="1010123456A")


@needs_pdftotext
def test_the_command_line_sets_the_practice_and_prints_it_on_the_report(
    filled: Filled, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["practice", "set", "--clinic-name", "Cabinet du Parc", "--rpps", "10101234567"]) == 0
    assert main(["practice", "set", "--practitioner", "Dr Claire Martin"]) == 0  # the others are kept
    assert load_practice() == Practice(
        clinic_name="Cabinet du Parc", practitioner="Dr Claire Martin", rpps="10101234567"
    )
    assert stat.S_IMODE(practice_path().stat().st_mode) == 0o600
    capsys.readouterr()

    assert main(["practice", "set", "--rpps", "123"]) == 2
    assert "mesogun: rpps: '123' is not an RPPS number (11 digits)" in capsys.readouterr().err
    assert load_practice().rpps == "10101234567"  # nothing written

    out = tmp_path / "cr.pdf"
    journal = str(filled.journal.path)
    exported = [
        "sessions",
        "export",
        filled.first[:8],
        "--format",
        "pdf",
        "--out",
        str(out),
        "--journal",
        journal,
    ]
    assert main(exported) == 0
    first = pdf_pages(out)[0]
    assert "Cabinet du Parc" in first and "Dr Claire Martin — RPPS 10101234567" in first

    assert main(["practice", "set", "--clinic-name", ""]) == 0  # an empty value removes the field
    assert load_practice().clinic_name is None


@needs_pdftotext
def test_the_after_care_sheet_names_the_clinic_the_patient_can_call(filled: Filled, tmp_path: Path) -> None:
    with_practice, without = tmp_path / "with.pdf", tmp_path / "without.pdf"
    write_aftercare_sheet(filled.journal, filled.first, with_practice, language="fr", practice=PRACTICE)
    write_aftercare_sheet(filled.journal, filled.first, without, language="fr")

    sheet = pdf_pages(with_practice)[0]
    assert sheet.index("Cabinet du Parc") < sheet.index("12 rue des Lilas") < sheet.index("Conseils après")
    assert "Cabinet du Parc" not in pdf_pages(without)[0]

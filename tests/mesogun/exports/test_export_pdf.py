"""The session report PDF, written from a real journal and read back with pdftotext."""

from __future__ import annotations

import re
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from export_builders import DAY_ONE, PROCAINE, SERIAL, Filled
from pdf_reading import needs_pdftotext, pdf_pages, pdf_text

from firmware_protocol import AlarmCode, Mode, ShotResult
from mesogun.cli import main
from mesogun.device_events import Shot
from mesogun.exports import save_export
from mesogun.exports.pdf_report import session_report, write_session_report
from mesogun.exports.pdf_texts import ReportTexts
from mesogun.journal import SqliteJournal
from mesogun.models import Technique

pytestmark = needs_pdftotext


@pytest.fixture(autouse=True)
def _qt_application(qapp: object) -> None:
    """The QApplication of the test process (a PDF needs a GUI application; the app's tests need widgets)."""


GENERATED = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)
DOSE_ROW = re.compile(r"^\s*(\d+)\s+(?:\S+\s+)?\d\d:\d\d:\d\d\s+\d+\s", re.MULTILINE)


def _dose_numbers(pages: str | list[str]) -> list[int]:
    """Event numbers of the rows of the dose table, from laid-out pages (number, [date] time, point)."""
    text = pages if isinstance(pages, str) else "\n".join(pages)
    return [int(number) for number in DOSE_ROW.findall(text)]


def test_the_report_lists_every_dose_with_its_figures_and_lots(filled: Filled, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    written = write_session_report(filled.journal, filled.first, path, language="en", generated_at=GENERATED)

    text = pdf_text(path)
    assert written.dose_count == 4 and written.pages == len(pdf_pages(path))
    assert "Session report" in text and "MST-0042" in text and filled.first in text
    assert "Doses (4)" in text
    assert sorted(_dose_numbers(pdf_pages(path))) == [1, 2, 3, 4]
    # the partial dose: its volume, its cause, the override in force and its reason
    # (a cell's text may wrap after a hyphen: "over-" / "pressure")
    assert re.search(
        r"2 10:02:00 2 MC6 \(PC6\) Neiguan right point by point 3\.9 50\.0 31\.5 "
        r"partial \(occlusion / over- ?pressure\) depth \(mm\): épaisseur cutanée",
        text,
    )
    # products with lot and expiry, and what each lot received (75/25 cocktail, then a new lot)
    assert "Procaïne 2 % PRC-2411 2026-06-30 75 61.1" in text
    assert "Piroxicam 20 mg/ml PXM-0917 2026-02-28 25 20.4" in text
    assert "Procaïne 2 % PRC-2502 2026-06-30 100 40.0" in text
    assert "121.5 µl" in text  # delivered in total
    assert "séance bien tolérée" in text
    assert "mesostress, version 1.0" in text and "SIM-0001, firmware 1.0.0-sim" in text and "CAL-7" in text
    assert "intact: 23 rows checked" in text
    # Times are local (Paris, UTC+1 in March) with their offset; the dose table's header states it.
    assert "Time (UTC +01:00)" in text
    assert "generated 2025-03-04 13:00 (UTC+01:00)" in text and f"Page 1 of {written.pages}" in text


def test_the_report_reads_in_french(filled: Filled, tmp_path: Path) -> None:
    path = tmp_path / "compte-rendu.pdf"
    write_session_report(filled.journal, filled.first, path, language="fr", generated_at=GENERATED)

    text = pdf_text(path)
    assert "Compte rendu de séance" in text
    assert "3,9 50,0 31,5 partielle (occlusion / surpression)" in text
    assert "121,5 µl" in text and "30/06/2026" in text
    assert "profondeur (mm) : épaisseur cutanée" in text
    assert "Page 1 sur" in text and "généré le 04/03/2025 13:00 (UTC+01:00)" in text
    assert "Consentement" in text and "recueilli le 04/03/2025 10:00:00 UTC+01:00" in text


def test_planned_and_delivered_volumes_come_from_the_sessions_plan(filled: Filled, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    write_session_report(filled.journal, filled.first, path, language="en", check_chain=False)

    text = pdf_text(path)
    # the built-in mesostress plan 1.0: ten points (five acupoints, four of them bilateral)
    assert "Volume per point: planned and delivered" in text
    assert "10 Yin Tang (EX-HN3) Yintang point by point 50.0 0.0 0 not done" in text
    assert "2 MC6 (PC6) Neiguan right point by point 100.0 31.5 1 partial" in text
    assert "done: 0, partial: 3, skipped: 0, not done: 7" in text
    assert "not checked" in text


def test_an_aborted_session_shows_its_reason_and_adverse_event(filled: Filled, tmp_path: Path) -> None:
    path = tmp_path / "aborted.pdf"
    write_session_report(filled.journal, filled.second, path, language="en")

    text = pdf_text(path)
    assert "aborted — reason: malaise vagal" in text
    assert re.search(
        r"malaise vagal\s+—\s+—\s+Dr Claire Martin", text
    )  # adverse event: no severity, no action
    # the epicondylite plan has no version recorded: no planned volumes are invented
    assert "planned volumes are not shown" in text
    assert sorted(_dose_numbers(pdf_pages(path))) == [5]


def _nappage_session(journal: SqliteJournal, shots: int) -> str:
    session_id = journal.open_session(
        patient_pseudonym="CEL-0101",
        practitioner="Dr Claire Martin",
        indication="cellulite",
        limits_version="limits-2025.1",
        products=[PROCAINE],
        plan_name="cellulite-maison",
        plan_version="3",
        device_serial=SERIAL,
        started_at=DAY_ONE,
    )
    for zone in range(2):
        journal.record_point_configured(
            session_id,
            point_index=zone,
            device_serial=SERIAL,
            config_id=10 + zone,
            technique=Technique.NAPPAGE,
            mode=Mode.BURST,
            depth_mm=1.0,
            volume_ul=20.0,
            flow_ul_s=100.0,
            burst_rate_per_s=5.0,
            limits_version="limits-2025.1",
            operator="Dr Claire Martin",
            zone=f"cuisse {'gauche' if zone == 0 else 'droite'}",
        )
        for number in range(zone * shots // 2 + 1, (zone + 1) * shots // 2 + 1):
            journal.store(
                SERIAL,
                Shot(
                    event_number=number,
                    device_time=DAY_ONE + timedelta(seconds=number),
                    config_id=10 + zone,
                    mode=Mode.BURST,
                    commanded_depth_mm=1.0,
                    measured_depth_mm=1.0,
                    commanded_volume_ul=20.0,
                    delivered_volume_ul=20.0 if number % 50 else 12.5,
                    flow_ul_s=100.0,
                    result=ShotResult.COMPLETE if number % 50 else ShotResult.PARTIAL,
                    cause=AlarmCode.NONE if number % 50 else AlarmCode.SYRINGE_EMPTY,
                    syringe_remaining_ul=9000.0 - 20 * number,
                ),
            )
    journal.close_session(session_id, "completed")
    return session_id


def test_a_long_nappage_session_paginates_with_the_header_on_every_page(tmp_path: Path) -> None:
    path = tmp_path / "nappage.pdf"
    with SqliteJournal(tmp_path / "journal.sqlite3") as journal:
        session_id = _nappage_session(journal, shots=400)
        written = write_session_report(journal, session_id, path, language="en")

    pages = pdf_pages(path)
    assert written.pages == len(pages) >= 5
    numbers = _dose_numbers(pages)
    assert sorted(numbers) == list(range(1, 401))  # every dose once, none lost at a page break
    pages_with_doses = [page for page in pages if _dose_numbers(page)]
    assert len(pages_with_doses) >= 4
    for page in pages_with_doses:
        assert re.search(r"No\.\s+Time\s+Point\s+Site", page), "the dose table's header repeats on each page"
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    text = pdf_text(path)
    assert "Doses (400)" in text and "7,940.0 µl" in text  # 392 × 20 µl + 8 × 12.5 µl
    assert "partial (syringe empty)" in text


def test_a_tampered_journal_is_reported_broken_in_the_report(filled: Filled, tmp_path: Path) -> None:
    journal_path = filled.journal.path
    connection = sqlite3.connect(journal_path)
    try:
        connection.execute("DROP TRIGGER doses_no_update")
        (seq,) = connection.execute("SELECT min(seq) FROM doses").fetchone()
        connection.execute("UPDATE doses SET delivered_volume_ul = 5.0 WHERE seq = ?", (seq,))
        connection.commit()
    finally:
        connection.close()
    path = tmp_path / "report.pdf"
    write_session_report(filled.journal, filled.first, path, language="en")

    text = pdf_text(path)
    assert f"BROKEN: the chain breaks at row {seq} of table “doses” — a row was edited or moved" in text


def test_an_unknown_language_is_refused_by_name(filled: Filled) -> None:
    record = filled.journal.session(filled.first)
    with pytest.raises(ValueError, match=r"language: 'de' is not one of fr, en"):
        session_report(record, filled.journal.doses(filled.first), language="de")


def test_save_export_writes_each_format_for_its_owner_only(filled: Filled, tmp_path: Path) -> None:
    for export_format in ("csv", "json", "fhir", "pdf"):
        path = save_export(
            filled.journal, export_format, filled.first[:8], tmp_path / f"export.{export_format}"
        )
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert (tmp_path / "export.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "export.csv").read_text(encoding="utf-8").count("\n") == 5  # header + 4 doses
    with pytest.raises(ValueError, match="export format 'xml' is unknown"):
        save_export(filled.journal, "xml", filled.first, tmp_path / "x.xml")


def test_the_cli_writes_the_pdf_report(
    filled: Filled, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = str(filled.journal.path)
    out = tmp_path / "cr.pdf"

    code = main(
        ["sessions", "export", filled.first[:8], "--format", "pdf", "--out", str(out), "--journal", journal]
    )

    assert code == 0
    assert f"written {out} (" in capsys.readouterr().err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = pdf_text(out)
    assert "Compte rendu de séance" in text and sorted(_dose_numbers(pdf_pages(out))) == [1, 2, 3, 4]

    assert main(["sessions", "export", filled.first, "--format", "pdf", "--journal", journal]) == 2
    assert "give --out FILE" in capsys.readouterr().err
    code = main(
        [
            "sessions",
            "export",
            "--since",
            "2025-01-01",
            "--format",
            "pdf",
            "--out",
            str(out),
            "--journal",
            journal,
        ]
    )
    assert code == 2
    assert "for one session" in capsys.readouterr().err
    code = main(
        [
            "sessions",
            "export",
            filled.first,
            "--format",
            "pdf",
            "--lang",
            "en",
            "-o",
            str(out),
            "--force",
            "--journal",
            journal,
        ]
    )
    assert code == 0 and "Session report" in pdf_text(out)


@pytest.mark.parametrize(
    ("language", "raised_words", "acknowledged_words"),
    [
        ("en", "the gun disarmed itself while the host was away", "acknowledged on the host’s return"),
        ("fr", "le pistolet s’est désarmé pendant l’absence de l’hôte", "acquittée au retour de l’hôte"),
    ],
)
def test_the_report_says_in_words_how_an_alarm_was_acknowledged_and_by_whom(
    tmp_path: Path, language: str, raised_words: str, acknowledged_words: str
) -> None:
    with SqliteJournal(tmp_path / "journal.sqlite") as journal:
        session_id = journal.open_session(
            patient_pseudonym="MST-0042",
            practitioner="Dr Claire Martin",
            indication="anxiété légère",
            limits_version="limits-2025.1",
            device_serial=SERIAL,
            started_at=DAY_ONE,
        )
        journal.record_alarm(session_id, AlarmCode.WATCHDOG, detail="host_away", operator="Dr Claire Martin")
        journal.record_alarm(
            session_id, AlarmCode.WATCHDOG, raised=False, detail="on_return", operator="Dr Claire Martin"
        )
        journal.close_session(session_id, "completed")
        path = tmp_path / "report.pdf"
        write_session_report(journal, session_id, path, language=language, generated_at=GENERATED)
    text = " ".join(pdf_text(path).split())
    assert raised_words in text and acknowledged_words in text
    assert "host_away" not in text and "on_return" not in text  # journal codes, never shown as such


def test_the_report_gives_mg_of_active_substance_and_the_next_session_due(
    filled: Filled, tmp_path: Path
) -> None:
    # Doses are counted by substance (invariant 9); seed 001: « 1 séance par semaine pendant 3 à 4 semaines ».
    path = tmp_path / "report.pdf"
    write_session_report(filled.journal, filled.first, path, language="en", generated_at=GENERATED)

    text = pdf_text(path)
    assert "Active substance (mg)" in text
    # 61.1 µl of Procaïne 2 % (20 mg/ml) and 20.4 µl of Piroxicam 20 mg/ml
    assert "Procaïne 2 % PRC-2411 2026-06-30 75 61.1 1.22" in text
    assert "Piroxicam 20 mg/ml PXM-0917 2026-02-28 25 20.4 0.41" in text
    started = filled.journal.session(filled.first).started_at
    due = (started + timedelta(days=7)).date()
    assert re.search(r"Next session due from\s+" + re.escape(ReportTexts("en").date(due)), text), text

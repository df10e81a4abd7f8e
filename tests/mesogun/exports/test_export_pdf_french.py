"""The French report of an eventful session reads as French: no English word, no raw journal code.

The session holds what a report can show: an alarm raised and acknowledged, a point left by the
practitioner, a soft-limit override, an adverse event, a calibration warning, a syringe change and an
early end, written with the words the session code writes into the journal.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from export_builders import DAY_ONE, PROCAINE, SERIAL, ConfirmedOverride, _configure, _shot
from pdf_reading import needs_pdftotext, pdf_text

from firmware_protocol import AlarmCode, ShotResult
from mesogun.calibration.status import journal_findings
from mesogun.exports.pdf_report import write_session_report
from mesogun.journal import SqliteJournal, host_remarks
from mesogun.journal.records import ScreeningAnswer
from mesogun.models import Laterality, Site, Technique

pytestmark = needs_pdftotext

GENERATED = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)

#: Words that are English and never French, shared with the app's French screens' test.
ENGLISH_WORDS = frozenset(
    line.strip().lower()
    for line in (Path(__file__).resolve().parents[2] / "english_words.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)

#: A code as the journal stores it: UPPER_SNAKE_CASE, lower_snake_case or a kebab-case key.
RAW_CODE = re.compile(r"\b(?:[A-Z]+_[A-Z_]+|[a-z]+_[a-z_]+|idees-suicidaires|[a-z]+-[a-z]+-[a-z-]+)\b")


@pytest.fixture(autouse=True)
def _qt_application(qapp: object) -> None:
    """The QApplication of the test process (a PDF needs a GUI application)."""


def _eventful_session(journal: SqliteJournal) -> str:
    session_id = journal.open_session(
        patient_pseudonym="MST-0042",
        practitioner="Dr Claire Martin",
        indication="anxiété légère",
        limits_version="limits-2025.1",
        products=[PROCAINE],
        plan_name="mesostress",
        plan_version="1.0",
        device_serial=SERIAL,
        device_firmware="1.0.0-sim",
        calibration_id="CAL-7",
        started_at=DAY_ONE,
    )
    journal.record_screening(
        session_id,
        [
            ScreeningAnswer(
                code="idees-suicidaires", question="Idées suicidaires ?", answer=False, blocking=True
            ),
            ScreeningAnswer(code="grossesse", question="Grossesse en cours ?", answer=False, blocking=True),
        ],
        consent_given=True,
        consent_at=DAY_ONE,
        screened_by="Dr Claire Martin",
    )
    for finding in journal_findings([], SERIAL, DAY_ONE):
        journal.record_calibration_warning(
            SERIAL,
            finding.remark,
            acknowledged_by="Dr Claire Martin",
            calibration_id="CAL-7",
            session_id=session_id,
        )
    _configure(journal, session_id, 0, 1, site=Site.at_acupoint("PC6", Laterality.LEFT))
    journal.store(SERIAL, _shot(1, 1, 50.0))
    override = ConfirmedOverride("depth_mm", 6.5, 6.0, "épaisseur cutanée", "Dr Claire Martin", DAY_ONE)
    _configure(
        journal, session_id, 1, 2, site=Site.at_acupoint("PC6", Laterality.RIGHT), overrides=(override,)
    )
    journal.store(
        SERIAL,
        _shot(2, 2, 50.0, delivered_volume_ul=31.5, result=ShotResult.PARTIAL, cause=AlarmCode.OCCLUSION),
    )
    journal.record_alarm(session_id, AlarmCode.OCCLUSION, point_index=1, detail="gun_event 2")
    journal.record_alarm(
        session_id, AlarmCode.OCCLUSION, raised=False, point_index=1, operator="Dr Claire Martin"
    )
    journal.record_skip(
        session_id, 1, host_remarks.left_point(shots=1, volume_ul=31.5, target_ul=50.0), "Dr Claire Martin"
    )
    journal.record_skip(session_id, 2, "douleur au point", "Dr Claire Martin")
    journal.record_syringe_change(
        session_id,
        [PROCAINE.model_copy(update={"lot": "PRC-2502"})],
        operator="IDE Paul",
        capacity_ml=3,
        fill_ul=2000.0,
    )
    _configure(journal, session_id, 3, 3, zone="front", technique=Technique.NAPPAGE)
    journal.store(SERIAL, _shot(3, 3, 20.0))
    journal.add_note(
        session_id,
        host_remarks.repeated_point(
            1, region=Site.at_acupoint("PC6").region, laterality="left", zone=None, shots=1, volume_ul=50.0
        ),
        "Dr Claire Martin",
    )
    journal.add_adverse_event(
        session_id,
        "malaise vagal",
        reported_by="Dr Claire Martin",
        observed_at=DAY_ONE + timedelta(minutes=5),
    )
    journal.close_session(
        session_id, "aborted", host_remarks.early_end("Dr Claire Martin", points_done=2, points_total=6)
    )
    return session_id


def _english_words(text: str) -> list[str]:
    words = re.findall(r"[A-Za-zÀ-ÿ’']+", text)
    return sorted({word for word in words if word.lower() in ENGLISH_WORDS})


def test_the_french_report_of_an_eventful_session_has_no_english_word_nor_code(tmp_path: Path) -> None:
    path = tmp_path / "compte-rendu.pdf"
    with SqliteJournal(tmp_path / "journal.sqlite3") as journal:
        session_id = _eventful_session(journal)
        write_session_report(journal, session_id, path, language="fr", generated_at=GENERATED)
    text = pdf_text(path).replace(session_id, "")

    assert _english_words(text) == [], text
    assert RAW_CODE.findall(text) == []
    # what the session's events say, in French
    assert "interrompue" in text.lower() or "arrêtée" in text.lower()
    assert "2 000" in text

"""Real journals for the summary and history screens' tests, and reading back the files they write.

The sessions are those of the export tests (``tests/mesogun/exports/export_builders.py``: a completed
Mésostress session with a cocktail, a partial dose, an override and a syringe change; an aborted
epicondylitis session), plus a long nappage session; PDFs are read back with pdftotext.
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import timedelta
from pathlib import Path

_EXPORT_TESTS = Path(__file__).resolve().parents[1] / "mesogun" / "exports"
_CALIBRATION_TESTS = Path(__file__).resolve().parents[1] / "mesogun" / "calibration"
_JOURNAL_TESTS = Path(__file__).resolve().parents[1] / "mesogun" / "journal"
for _folder in (_EXPORT_TESTS, _CALIBRATION_TESTS, _JOURNAL_TESTS):
    if str(_folder) not in sys.path:
        sys.path.append(str(_folder))

from export_builders import DAY_ONE, PROCAINE, SERIAL, Filled, fill  # noqa: E402
from journal_builders import read_only  # noqa: E402
from pdf_reading import needs_pdftotext, pdf_pages, pdf_text  # noqa: E402
from record_builders import volume_entry  # noqa: E402

from firmware_protocol import AlarmCode, Mode, ShotResult  # noqa: E402
from mesogun.device_events import Shot  # noqa: E402
from mesogun.journal import SqliteJournal  # noqa: E402
from mesogun.models import Technique  # noqa: E402

__all__ = [
    "SERIAL",
    "Filled",
    "fill",
    "nappage_session",
    "needs_pdftotext",
    "pdf_pages",
    "pdf_text",
    "read_only",
    "tamper_first_dose",
    "volume_entry",
]


def nappage_session(journal: SqliteJournal, shots: int, *, first_event: int = 1000) -> str:
    """A completed nappage session of ``shots`` doses of 20 µl over one zone (a custom plan)."""
    session_id = journal.open_session(
        patient_pseudonym="CEL-0101",
        practitioner="Dr Claire Martin",
        indication="cellulite",
        limits_version="limits-2025.1",
        products=[PROCAINE],
        plan_name="cellulite-maison",
        plan_version="3",
        device_serial=SERIAL,
        started_at=DAY_ONE + timedelta(days=20),
    )
    journal.record_point_configured(
        session_id,
        point_index=0,
        device_serial=SERIAL,
        config_id=50,
        technique=Technique.NAPPAGE,
        mode=Mode.BURST,
        depth_mm=1.0,
        volume_ul=20.0,
        flow_ul_s=100.0,
        burst_rate_per_s=5.0,
        limits_version="limits-2025.1",
        operator="Dr Claire Martin",
        zone="cuisse gauche",
    )
    for number in range(first_event, first_event + shots):
        journal.store(
            SERIAL,
            Shot(
                event_number=number,
                device_time=DAY_ONE + timedelta(days=20, seconds=number - first_event + 1),
                config_id=50,
                mode=Mode.BURST,
                commanded_depth_mm=1.0,
                measured_depth_mm=1.0,
                commanded_volume_ul=20.0,
                delivered_volume_ul=20.0,
                flow_ul_s=100.0,
                result=ShotResult.COMPLETE,
                cause=AlarmCode.NONE,
                syringe_remaining_ul=9000.0,
            ),
        )
    journal.close_session(session_id, "completed")
    return session_id


def tamper_first_dose(path: Path) -> int:
    """Change the first dose's delivered volume behind the journal's back; returns that row's seq."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("DROP TRIGGER doses_no_update")
        (seq,) = connection.execute("SELECT min(seq) FROM doses").fetchone()
        connection.execute("UPDATE doses SET delivered_volume_ul = 5.0 WHERE seq = ?", (seq,))
        connection.commit()
    finally:
        connection.close()
    return int(seq)

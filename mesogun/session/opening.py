"""Opening a session in the journal once the screening passed: identity, products, screening, overrides."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from mesogun.calibration.status import calibration_findings
from mesogun.device_info import CalibrationFactors
from mesogun.errors import MesogunError
from mesogun.injector import Injector
from mesogun.journal import JournalStore
from mesogun.journal import ScreeningAnswer as JournalAnswer
from mesogun.models import CocktailComponent, SessionPlan
from mesogun.plans.identity import plan_content_hash
from mesogun.session.overrides import ConfirmedOverride
from mesogun.session.screening import Screening

log = logging.getLogger("mesogun.session")


def open_journal_session(
    journal: JournalStore,
    injector: Injector,
    plan: SessionPlan,
    screening: Screening,
    *,
    patient: str,
    practitioner: str,
    indication: str,
    limits_version: str,
    contents: Sequence[CocktailComponent],
    started_at: datetime,
) -> str:
    """Open the session (gun identity and calibration, plan, products) and record its screening.

    A relative contraindication answered yes is also recorded as an override, with its justification.
    Returns the session id.
    """
    info = injector.info
    calibration_id: str | None
    factors: CalibrationFactors | None
    try:
        factors = injector.read_calibration()
        calibration_id = str(factors.calibration_id)
    except MesogunError as exc:
        log.warning("calibration id unknown: %s", exc)
        factors, calibration_id = None, None
    session_id = journal.open_session(
        patient_pseudonym=patient,
        practitioner=practitioner,
        indication=indication,
        limits_version=limits_version,
        products=contents,
        plan_name=plan.name,
        plan_version=plan.version,
        plan_hash=plan_content_hash(plan),
        device_serial=info.serial_number,
        device_firmware=info.firmware_version,
        calibration_id=calibration_id,
        started_at=started_at,
    )
    _record_calibration_warnings(
        journal, session_id, info.serial_number, factors, calibration_id, practitioner, started_at
    )
    journal.record_screening(
        session_id,
        [
            JournalAnswer(
                code=a.code,
                question=screening.question(a.code).question_en,
                answer=a.positive,
                blocking=a.blocking,
            )
            for a in screening.answers
        ],
        consent_given=True,
        consent_at=screening.consent_at,
        screened_by=practitioner,
    )
    for a in screening.answers:
        if a.override_reason:
            # A relative contraindication passed with a justification: field, "yes" (1) against "no" (0).
            override = ConfirmedOverride(
                f"contraindication {a.code}", 1.0, 0.0, a.override_reason, practitioner, a.answered_at
            )
            journal.record_override(session_id, override)
    return session_id


def _record_calibration_warnings(
    journal: JournalStore,
    session_id: str,
    device_serial: str,
    factors: CalibrationFactors | None,
    calibration_id: str | None,
    practitioner: str,
    now: datetime,
) -> None:
    """Log with the session why the gun's calibration is not in force (the gun's word and the journal's)."""
    for finding in calibration_findings(journal, device_serial, factors, now):
        log.warning("calibration: %s", finding.message)
        journal.record_calibration_warning(
            device_serial,
            finding.remark,
            acknowledged_by=practitioner,
            calibration_id=calibration_id,
            session_id=session_id,
        )

"""Words of the clinical refusals in the app: a product the catalogue refuses, a cap in mg passed with
the patient's earlier doses, a session too soon in its course, the next session's due date.

The facts come as codes and numbers (see ``mesogun.session.admission``); substance names come from the
product catalogue in the interface language; the sentences are translated here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from gui.formatting import number
from gui.language import current_language
from mesogun.catalogue import ProductRefusedError
from mesogun.catalogue.texts import substance_name
from mesogun.limits import Violation
from mesogun.session import CapRefusedError, TooSoonError


def _mg(value: float) -> str:
    decimals = 0 if value % 1 == 0 else (2 if value < 1 else 1)  # micro-doses keep their hundredths
    return QCoreApplication.translate("ClinicalTexts", "{value} mg").format(value=number(value, decimals))


def cap_text(violation: Violation, earlier_mg: float = 0.0) -> str:
    """One cap in mg passed, in words (other violations: their own message)."""
    code, _, scope = violation.field.rpartition(" per ")
    name = substance_name(code, current_language())
    templates = {
        "point": QCoreApplication.translate(
            "ClinicalTexts", "{substance}: {total} on this point, beyond the maximum of {cap}"
        ),
        "session": QCoreApplication.translate(
            "ClinicalTexts", "{substance}: {total} in this session, beyond the maximum of {cap}"
        ),
        "24h": QCoreApplication.translate(
            "ClinicalTexts",
            "{substance}: {total} over 24 h ({earlier} of it in earlier sessions), "
            "beyond the maximum of {cap}",
        ),
        "7d": QCoreApplication.translate(
            "ClinicalTexts",
            "{substance}: {total} over 7 days ({earlier} of it in earlier sessions), "
            "beyond the maximum of {cap}",
        ),
    }
    template = templates.get(scope)
    if template is None or violation.unit != "mg":
        return violation.message
    return template.format(
        substance=name, total=_mg(violation.value), cap=_mg(violation.maximum), earlier=_mg(earlier_mg)
    )


def refusal_text(error: Exception) -> str | None:
    """Why a session cannot open, in words, for the refusals of the catalogue and of the caps; None
    for any other error."""
    if isinstance(error, CapRefusedError):
        lines = []
        for v in error.violations:
            code, _, scope = v.field.rpartition(" per ")
            earlier = error.earlier.last_24h_mg if scope == "24h" else error.earlier.last_7d_mg
            lines.append(cap_text(v, earlier.get(code, 0.0)))
        return QCoreApplication.translate(
            "ClinicalTexts", "The session cannot open with this plan: {caps}. Refused."
        ).format(caps="; ".join(lines))
    if isinstance(error, ProductRefusedError):
        templates = {
            "unknown": QCoreApplication.translate(
                "ClinicalTexts",
                "{product} is not in the product catalogue: give its active substance and concentration",
            ),
            "corticoid": QCoreApplication.translate(
                "ClinicalTexts", "{product} is a corticoid: never injected in mesotherapy. Refused."
            ),
            "unknown-substance": QCoreApplication.translate(
                "ClinicalTexts",
                "{product}: the declared substance is not in the catalogue (no caps known). Refused.",
            ),
            "concentration": QCoreApplication.translate(
                "ClinicalTexts", "{product}: its concentration gives no mg/ml (write e.g. 1 % or 20 mg/ml)"
            ),
        }
        return templates.get(error.reason, str(error)).format(product=error.product)
    return None


def too_soon_text(error: TooSoonError) -> str:
    """Why the session comes too soon in its course, in words."""
    rhythm = error.rhythm
    return QCoreApplication.translate(
        "ClinicalTexts",
        "The previous session was {hours} h ago; this plan's course asks one session every {days} days "
        "(next one due on {due}). To go on now, give the reason; it is recorded with the session.",
    ).format(
        hours=number(rhythm.hours_since_last or 0.0, 1),
        days=rhythm.interval_days or 0,
        due=due_text(rhythm.due_at),
    )


def due_text(due_at: datetime | None) -> str:
    """A due date (local date) written the interface language's way (10/12/2026, 2026-12-10), or a dash."""
    if due_at is None:
        return "—"
    return due_at.astimezone().strftime("%d/%m/%Y" if current_language() == "fr" else "%Y-%m-%d")


def next_due_text(due_at: datetime | None) -> str:
    """When the patient's next session is due, in words."""
    if due_at is None:
        return QCoreApplication.translate("ClinicalTexts", "Course over: no next session planned")
    return QCoreApplication.translate("ClinicalTexts", "Next session due from {date}").format(
        date=due_text(due_at)
    )


def substances_text(totals_mg: Sequence[tuple[str, float]]) -> str:
    """What a session has given so far by active substance: 'Active substance given: Piroxicam 4.5 mg'."""
    language = current_language()
    items = QCoreApplication.translate("SessionTexts", "; ").join(
        f"{substance_name(code, language)} {_mg(value)}" for code, value in totals_mg if value > 0
    )
    if not items:
        return ""
    return QCoreApplication.translate("ClinicalTexts", "Active substance given: {items}").format(items=items)

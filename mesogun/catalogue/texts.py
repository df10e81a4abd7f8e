"""French and English texts of the clinical rules for the command line and the reports.

The journal keeps codes and numbers (substance codes, scopes, mg, hours); these functions put them in
words. Substance names come from the catalogue (``name_fr``/``name_en``); the app translates the same
facts with Qt (gui/clinical_texts.py).
"""

from __future__ import annotations

from datetime import datetime

from mesogun.catalogue.library import Catalogue, load_catalogue
from mesogun.catalogue.resolve import ProductRefusedError
from mesogun.limits.check import Violation
from mesogun.vocabulary.formatting import local_moment

Language = str  # "fr" or "en"

_SCOPES = {
    "fr": {
        "point": "sur ce point",
        "session": "dans cette séance",
        "24h": "sur 24 h",
        "7d": "sur 7 jours",
    },
    "en": {
        "point": "on this point",
        "session": "in this session",
        "24h": "over 24 h",
        "7d": "over 7 days",
    },
}


def _mg(value: float, language: Language) -> str:
    text = f"{value:.3g}" if value < 100 else f"{value:.0f}"
    return (text.replace(".", ",") if language == "fr" else text) + " mg"


def substance_name(code: str, language: Language, catalogue: Catalogue | None = None) -> str:
    """The substance's name in ``language`` (its code when the catalogue does not list it)."""
    substance = (catalogue or load_catalogue()).substances.get(code)
    return substance.name(language) if substance else code


def cap_violation_text(
    violation: Violation,
    language: Language = "fr",
    catalogue: Catalogue | None = None,
    earlier_mg: float = 0.0,
) -> str:
    """A cap in mg passed (field ``"<substance> per <scope>"``), in words; other violations: their message.

    ``earlier_mg``: the part of the total given in earlier sessions (24 h and 7 day caps).
    """
    code, sep, scope = violation.field.rpartition(" per ")
    if not sep or violation.unit != "mg" or scope not in _SCOPES["en"]:
        return violation.message
    name = substance_name(code, language, catalogue)
    where = _SCOPES["fr" if language == "fr" else "en"][scope]
    total = _mg(violation.value, language)
    cap = _mg(violation.maximum, language)
    if language == "fr":
        before = f" (dont {_mg(earlier_mg, language)} lors de séances précédentes)" if earlier_mg > 0 else ""
        return f"{name} : {total} {where}{before}, au-delà du maximum de {cap} {where} ; refusé"
    before = f" ({_mg(earlier_mg, language)} of it in earlier sessions)" if earlier_mg > 0 else ""
    return f"{name}: {total} {where}{before}, beyond the maximum of {cap} {where}; refused"


def refusal_text(
    error: ProductRefusedError, language: Language = "fr", catalogue: Catalogue | None = None
) -> str:
    """Why a product is refused, in words."""
    if language == "fr":
        texts = {
            "unknown": (
                "n'est pas dans le catalogue des produits : indiquez sa substance active et sa concentration"
            ),
            "corticoid": "est un corticoïde : jamais injecté en mésothérapie (« jamais de corticoïdes »)",
            "unknown-substance": (
                f"déclare la substance « {error.detail} », absente du catalogue (aucun plafond connu)"
            ),
            "concentration": (
                "a une concentration illisible en mg/ml (écrivez par exemple « 1 % » ou « 20 mg/ml »)"
            ),
        }
        return f"{error.product} {texts.get(error.reason, error.reason)} ; refusé"
    return str(error)


def too_soon_text(
    hours_since: float, interval_days: int, due_at: datetime | None, language: Language = "fr"
) -> str:
    """Why a session comes too soon in the course, in words (the due moment in local time, as on the
    screen and on paper)."""
    due = local_moment(due_at, "fr" if language == "fr" else "en")
    if language == "fr":
        hours = f"{hours_since:.1f}".replace(".", ",")
        return (
            f"Séance trop rapprochée : la précédente date de {hours} h ; le rythme prévu est "
            f"d'une séance tous les {interval_days} jours (prochaine prévue le {due})"
        )
    return (
        f"Session too soon: the previous one was {hours_since:.1f} h ago; the course asks one session every "
        f"{interval_days} days (next due {due})"
    )


def next_due_text(due_at: datetime | None, language: Language = "fr") -> str:
    """When the next session is due, in words (its local date, as on the screen and on paper)."""
    if due_at is None:
        return (
            "Cure terminée : pas de séance suivante prévue"
            if language == "fr"
            else "Course over: no next session"
        )
    when = due_at.astimezone().strftime("%d/%m/%Y" if language == "fr" else "%Y-%m-%d")
    return (
        f"Prochaine séance prévue à partir du {when}" if language == "fr" else f"Next session due from {when}"
    )

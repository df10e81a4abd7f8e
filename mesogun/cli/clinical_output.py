"""Why a session cannot open, in French or English, for ``mesogun run``."""

from __future__ import annotations

from mesogun.catalogue.contraindications import ScreeningQuestion
from mesogun.catalogue.resolve import ProductRefusedError
from mesogun.catalogue.texts import Language, cap_violation_text, refusal_text, too_soon_text
from mesogun.session.admission import CapRefusedError, TooSoonError


def clinical_refusal_lines(error: Exception, language: Language = "fr") -> list[str]:
    """The lines that say why a session cannot open (refused product, cap passed, too soon)."""
    if isinstance(error, ProductRefusedError):
        return [refusal_text(error, language)]
    if isinstance(error, CapRefusedError):
        head = (
            "La séance ne peut pas s'ouvrir avec ce plan (doses des séances précédentes comprises) :"
            if language == "fr"
            else "The session cannot open with this plan (earlier sessions' doses included):"
        )
        lines = [head]
        for v in error.violations:
            code, _, scope = v.field.rpartition(" per ")
            earlier = error.earlier.last_24h_mg if scope == "24h" else error.earlier.last_7d_mg
            lines.append(f"  {cap_violation_text(v, language, earlier_mg=earlier.get(code, 0.0))}")
        return lines
    if isinstance(error, TooSoonError):
        rhythm = error.rhythm
        hint = (
            "Donnez une raison pour poursuivre (--too-soon-reason)."
            if language == "fr"
            else "Give a reason to go on (--too-soon-reason)."
        )
        text = too_soon_text(
            rhythm.hours_since_last or 0.0, rhythm.interval_days or 0, rhythm.due_at, language
        )
        return [text, hint]
    return [str(error)]


def question_kind_text(question: ScreeningQuestion, language: Language = "fr") -> str:
    """What a yes to ``question`` does, and why it is asked when a product or a point adds it."""
    if language == "fr":
        kind = (
            "absolue : un oui arrête" if question.blocking else "relative : un oui demande une justification"
        )
    else:
        kind = "absolute: a yes stops" if question.blocking else "relative: a yes needs a justification"
    linked = [b.partition(":")[2] for b in question.because if ":" in b]
    return f"{kind}; {', '.join(linked)}" if linked else kind

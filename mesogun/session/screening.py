"""Pre-session screening: consent and one answer per contraindication question of the session.

A yes to an *absolute* contraindication (``blocking``) stops the session: no reason lifts it. A yes to
a *relative* one (« au cas par cas », seed 001) needs the practitioner's recorded justification. The
screening passes when consent is given, every question is answered and no answer blocks. The
questions come from :func:`mesogun.catalogue.contraindications.screening_questions`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from mesogun.session.errors import ScreeningError


class ContraindicationLike(Protocol):
    """What the screening needs of a question: ``blocking`` is True for an absolute contraindication."""

    @property
    def code(self) -> str: ...

    @property
    def question_en(self) -> str: ...

    @property
    def blocking(self) -> bool: ...


@dataclass(frozen=True)
class ScreeningAnswer:
    """One answered question. ``override_reason`` is the justification of a yes to a relative one."""

    code: str
    positive: bool
    blocking: bool
    override_reason: str | None
    answered_at: datetime

    @property
    def blocks(self) -> bool:
        """True when this answer stops the session: a yes to an absolute contraindication, or to a
        relative one without a justification."""
        return self.positive and (self.blocking or not self.override_reason)


class Screening:
    """Answers collected so far. Not thread-safe: used by the runner's worker only."""

    def __init__(self, contraindications: Sequence[ContraindicationLike]) -> None:
        self._questions = {c.code: c for c in contraindications}
        self._answers: dict[str, ScreeningAnswer] = {}
        self.consent_at: datetime | None = None

    def answer(self, code: str, positive: bool, override_reason: str | None, at: datetime) -> ScreeningAnswer:
        """Record the answer to question ``code`` (a later answer replaces an earlier one)."""
        question = self._questions.get(code)
        if question is None:
            known = ", ".join(self._questions) or "none"
            raise ScreeningError(f"unknown contraindication {code!r}; this plan asks: {known}")
        reason = override_reason.strip() if override_reason else None
        if override_reason is not None and not reason:
            raise ScreeningError(
                f"the justification of {code!r} needs a reason in words; an empty one is refused"
            )
        if reason and positive and question.blocking:
            raise ScreeningError(
                f"{code!r} is an absolute contraindication: a yes stops the session, no reason lifts it"
            )
        if reason and not positive:
            raise ScreeningError(
                f"a justification is only for a yes to a relative contraindication ({code!r})"
            )
        result = ScreeningAnswer(code, positive, question.blocking, reason, at)
        self._answers[code] = result
        return result

    def restore(self, answers: Sequence[tuple[str, bool]], consent_at: datetime | None, at: datetime) -> None:
        """The screening of a session opened earlier, as the journal recorded it (it passed then)."""
        self.consent_at = consent_at or at
        for code, positive in answers:
            blocking = code in self._questions and self._questions[code].blocking
            reason = "justified when the session was opened" if positive else None
            self._answers[code] = ScreeningAnswer(code, positive, blocking, reason, at)

    def give_consent(self, at: datetime) -> None:
        """Record that the patient gave informed consent."""
        self.consent_at = at

    @property
    def answers(self) -> tuple[ScreeningAnswer, ...]:
        """Answers in the order of the questions."""
        return tuple(self._answers[c] for c in self._questions if c in self._answers)

    @property
    def unanswered(self) -> tuple[str, ...]:
        """Codes of the questions still without an answer."""
        return tuple(code for code in self._questions if code not in self._answers)

    @property
    def blocking(self) -> tuple[str, ...]:
        """Codes whose answer blocks the session."""
        return tuple(a.code for a in self.answers if a.blocks)

    def question(self, code: str) -> ContraindicationLike:
        """The question ``code``."""
        return self._questions[code]

    @property
    def passed(self) -> bool:
        """Consent given, every question answered, no blocking answer left."""
        return self.consent_at is not None and not self.unanswered and not self.blocking

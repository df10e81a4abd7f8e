"""The conformance report: each check's outcome, named by the PROTOCOL.md section it is about."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Verdict(Enum):
    PASS = "PASS"
    FAIL = "FAIL"
    SKIP = "SKIP"


@dataclass(frozen=True)
class Outcome:
    """What one check found. ``section``: the PROTOCOL.md section of the rule (``"8"``, ``"5.4"``)."""

    check_id: str
    section: str
    title: str
    verdict: Verdict
    detail: str = ""
    duration_s: float = 0.0


@dataclass
class Report:
    """Outcomes in the order the checks ran."""

    outcomes: list[Outcome]

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.verdict is Verdict.FAIL]

    def verdict_of(self, check_id: str) -> Verdict:
        """The verdict of one check (KeyError if it did not run)."""
        for outcome in self.outcomes:
            if outcome.check_id == check_id:
                return outcome.verdict
        raise KeyError(check_id)

    def text(self) -> str:
        """The report as printed: one line per check, the detail of failures and skips, a summary."""
        lines = []
        for o in self.outcomes:
            lines.append(f"{o.verdict.value}  §{o.section:<5} {o.check_id}: {o.title}")
            if o.detail and o.verdict is not Verdict.PASS:
                lines.append(f"        {o.detail}")
        counts = {v: sum(1 for o in self.outcomes if o.verdict is v) for v in Verdict}
        lines.append("")
        lines.append(
            f"{counts[Verdict.PASS]} passed, {counts[Verdict.FAIL]} failed, {counts[Verdict.SKIP]} skipped"
        )
        if self.failures:
            sections = sorted({o.section for o in self.failures}, key=_section_key)
            lines.append("Rules broken (PROTOCOL.md): " + ", ".join(f"§{s}" for s in sections))
        return "\n".join(lines)


def _section_key(section: str) -> tuple[int, ...]:
    return tuple(int(part) for part in section.split(".") if part.isdigit())

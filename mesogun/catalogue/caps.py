"""The cap check: mg of each active substance per point, per session, over 24 h and over 7 days.

:func:`check_substance_caps` is the one entry point: the runner asks it before every shot (how many
shots a point may still get), the session opening asks it for the whole plan (with the patient's
earlier doses), the plan loader for one session of a plan. Caps are hard limits (invariant 9):
a violation refuses, it is never clipped. A violation's ``field`` is ``"<substance code> per <scope>"``
(scope: point, session, 24h, 7d) and its ``unit`` is mg; texts in French and English come from
:mod:`mesogun.catalogue.texts`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal, Protocol

from mesogun.catalogue.library import Catalogue, load_catalogue
from mesogun.catalogue.resolve import substance_mg
from mesogun.limits.check import Violation
from mesogun.models.product import CocktailComponent

Scope = Literal["point", "session", "24h", "7d"]
SCOPES: tuple[Scope, ...] = ("point", "session", "24h", "7d")
DAY = timedelta(hours=24)
WEEK = timedelta(days=7)
# Float noise on mg computed from µl and percentages.
_TOLERANCE_MG = 1e-6


class DoseHistory(Protocol):
    """What the caps need of a patient's history (``mesogun.patients.PatientHistory`` is one; defined
    here because the history reader resolves products through this package, not the other way)."""

    @property
    def source(self) -> str: ...

    def doses_by_substance_since(
        self, pseudonym: str, since_utc: datetime, *, excluding_session: str | None = None
    ) -> dict[str, float]: ...


@dataclass(frozen=True)
class EarlierDoses:
    """Mg of each substance the patient received before this session: in the last 24 h and 7 days."""

    last_24h_mg: Mapping[str, float] = field(default_factory=dict)
    last_7d_mg: Mapping[str, float] = field(default_factory=dict)
    #: where they were read ("desk" or "clinic"; empty when nobody looked: a new patient, a test)
    source: str = ""


@dataclass(frozen=True)
class CapContext:
    """What the cap check needs beyond the syringe: the catalogue, earlier doses, the patient's weight."""

    catalogue: Catalogue = field(default_factory=load_catalogue)
    earlier: EarlierDoses = field(default_factory=EarlierDoses)
    weight_kg: float | None = None


def earlier_doses(
    history: DoseHistory, pseudonym: str, now: datetime, *, excluding_session: str | None = None
) -> EarlierDoses:
    """The patient's doses of the last 24 h and 7 days before ``now`` (UTC), by substance (mg)."""
    skip = excluding_session
    return EarlierDoses(
        last_24h_mg=history.doses_by_substance_since(pseudonym, now - DAY, excluding_session=skip),
        last_7d_mg=history.doses_by_substance_since(pseudonym, now - WEEK, excluding_session=skip),
        source=history.source,
    )


def _violation(substance: str, scope: Scope, total_mg: float, cap_mg: float, earlier_mg: float) -> Violation:
    where = {
        "point": "on this point",
        "session": "in this session",
        "24h": "over 24 h",
        "7d": "over 7 days",
    }[scope]
    before = f" ({earlier_mg:g} mg of it in earlier sessions)" if earlier_mg > 0 else ""
    return Violation(
        field=f"{substance} per {scope}",
        value=round(total_mg, 6),
        minimum=0.0,
        maximum=cap_mg,
        unit="mg",
        severity="hard",
        message=(
            f"{substance} would reach {total_mg:.3g} mg {where}{before}; "
            f"the product catalogue allows at most {cap_mg:g} mg {where}; refused"
        ),
    )


def check_substance_caps(
    contents: Sequence[CocktailComponent],
    caps: CapContext,
    *,
    session_ul: float,
    point_ul: float,
    next_ul: float,
) -> list[Violation]:
    """Would ``next_ul`` more µl of the syringe take a substance past a cap? Volumes are of cocktail.

    ``session_ul``: given so far in this session; ``point_ul``: so far on the current point. Earlier
    sessions count in the 24 h and 7 day caps. Products must carry their ingredients (see
    :func:`mesogun.catalogue.with_ingredients`).
    """
    session_mg = substance_mg(contents, session_ul + next_ul)
    point_mg = substance_mg(contents, point_ul + next_ul)
    violations: list[Violation] = []
    for code, in_session in session_mg.items():
        substance = caps.catalogue.substance(code)
        cap = substance.caps
        earlier_24h = caps.earlier.last_24h_mg.get(code, 0.0)
        earlier_7d = caps.earlier.last_7d_mg.get(code, 0.0)
        checks: tuple[tuple[Scope, float, float, float], ...] = (
            ("point", point_mg.get(code, 0.0), cap.per_point_mg, 0.0),
            ("session", in_session, cap.per_session_mg, 0.0),
            ("24h", in_session + earlier_24h, cap.per_24h_for(caps.weight_kg), earlier_24h),
            ("7d", in_session + earlier_7d, cap.per_7d_mg, earlier_7d),
        )
        for scope, total_mg, cap_mg, earlier_mg in checks:
            if total_mg > cap_mg + _TOLERANCE_MG:
                violations.append(_violation(code, scope, total_mg, cap_mg, earlier_mg))
    return violations


def check_planned_caps(
    contents: Sequence[CocktailComponent],
    planned_point_ul: Sequence[float],
    caps: CapContext,
    scopes: Sequence[Scope] = SCOPES,
) -> list[Violation]:
    """The caps of ``scopes`` a whole session would pass if delivered as planned (point volumes in µl
    of cocktail): each point alone, then the session's total with the earlier doses; one violation
    per substance and scope.
    """
    found: dict[str, Violation] = {}
    if "point" in scopes:
        for volume_ul in planned_point_ul:
            for v in check_substance_caps(contents, caps, session_ul=0.0, point_ul=0.0, next_ul=volume_ul):
                if v.field.endswith(" per point"):
                    found.setdefault(v.field, v)
    total_ul = sum(planned_point_ul)
    for v in check_substance_caps(contents, caps, session_ul=0.0, point_ul=0.0, next_ul=total_ul):
        scope = v.field.rpartition(" per ")[2]
        if scope != "point" and scope in scopes:
            found.setdefault(v.field, v)
    return list(found.values())


def remaining_mg(contents: Sequence[CocktailComponent], caps: CapContext) -> dict[str, float]:
    """Mg of each substance of ``contents`` the patient may still receive today (24 h and 7 day caps)."""
    left: dict[str, float] = {}
    for component in contents:
        for ingredient in component.product.ingredients:
            cap = caps.catalogue.substance(ingredient.substance).caps
            day = cap.per_24h_for(caps.weight_kg) - caps.earlier.last_24h_mg.get(ingredient.substance, 0.0)
            week = cap.per_7d_mg - caps.earlier.last_7d_mg.get(ingredient.substance, 0.0)
            left[ingredient.substance] = max(0.0, min(day, week, cap.per_session_mg))
    return left

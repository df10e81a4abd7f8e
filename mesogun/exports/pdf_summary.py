"""The figures of a session's summary and report, computed from the journal (and the plan, when known).

Per point: what was planned (µl, from the plan the session ran, when it is available), what the
journal says was delivered (µl, shots) and the point's outcome; per session: counts of points done,
partial, skipped and not done, and the delivered volume over time. The same figures feed the PDF
report and the desktop app's summary screen, so both always agree.

The journal records the plan's name and version, not its targets: the planned volumes come from the
plan given by the caller or from the built-in plan of that name and version. Without it, the points
are those the journal holds and their outcome is only "delivered" or "skipped".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from mesogun.errors import MesogunError
from mesogun.journal.records import DoseRecord, DoseResult, SessionRecord
from mesogun.models import SessionPlan, Site


class PointOutcome(StrEnum):
    """How a point of the session ended."""

    DONE = "done"  # target met (plan known)
    PARTIAL = "partial"  # some delivery, short of the target (plan known)
    SKIPPED = "skipped"  # skipped on purpose, nothing delivered
    NOT_DONE = "not_done"  # never reached (plan known)
    DELIVERED = "delivered"  # doses recorded, target unknown (plan not available)


@dataclass(frozen=True)
class PointFigures:
    """One point: where, how, planned and delivered volume (µl), shots that delivered, outcome."""

    index: int  # the journal's point index (0-based); people read index + 1
    site_region: str | None
    laterality: str | None
    acupoint_code: str | None
    zone: str | None
    technique: str | None
    planned_ul: float | None
    delivered_ul: float
    shots: int
    outcome: PointOutcome


@dataclass(frozen=True)
class SessionFigures:
    """A session's figures: points, counts per outcome, volumes (µl) and the delivery over time."""

    points: tuple[PointFigures, ...]
    plan_known: bool
    dose_count: int
    delivered_ul: float
    planned_ul: float | None
    partial_doses: int  # doses with a result other than complete
    started_at: datetime
    cumulative_ul: tuple[tuple[float, float], ...]  # (seconds since start, delivered µl so far)

    def count(self, outcome: PointOutcome) -> int:
        """Points with ``outcome``."""
        return sum(1 for point in self.points if point.outcome is outcome)


def builtin_plan_for(record: SessionRecord) -> SessionPlan | None:
    """The built-in plan the session ran (same name and version), or None when there is none."""
    if record.plan_name is None:
        return None
    from mesogun.plans import builtin_plan, list_builtin_plans

    if record.plan_name not in list_builtin_plans():
        return None
    try:
        plan = builtin_plan(record.plan_name)
    except MesogunError:
        return None
    return plan if plan.version == record.plan_version else None


def _plan_matches(record: SessionRecord, plan: SessionPlan | None) -> SessionPlan | None:
    if plan is None:
        return builtin_plan_for(record)
    if (plan.name, plan.version) != (record.plan_name, record.plan_version):
        raise ValueError(
            f"plan: {plan.name!r} version {plan.version!r} is not the session's plan "
            f"({record.plan_name!r} version {record.plan_version!r})"
        )
    return plan


def _site_fields(site: Site | None) -> tuple[str | None, str | None, str | None]:
    if site is None:
        return None, None, None
    return site.region, site.laterality.value, site.acupoint_code


def session_figures(
    record: SessionRecord, doses: Sequence[DoseRecord], plan: SessionPlan | None = None
) -> SessionFigures:
    """The figures of ``record`` and its ``doses``; ``plan`` (the session's plan) gives the targets.

    Without ``plan``, the built-in plan of the recorded name and version is used when there is one.
    A plan of another name or version is refused (its targets would be someone else's).
    """
    chosen = _plan_matches(record, plan)
    delivered: dict[int, tuple[int, float]] = {}
    first_dose: dict[int, DoseRecord] = {}
    for dose in doses:
        shots, volume = delivered.get(dose.point_index, (0, 0.0))
        delivered[dose.point_index] = (
            shots + (1 if dose.delivered_volume_ul > 0 else 0),
            volume + dose.delivered_volume_ul,
        )
        first_dose.setdefault(dose.point_index, dose)
    skipped = {skip.point_index for skip in record.skips}
    points: list[PointFigures] = []
    if chosen is not None:
        for point in chosen.points():
            shots, volume = delivered.get(point.index, (0, 0.0))
            # The runner's own rule: a shot cut short leaves its point short even when counted.
            if point.target_met(shots, volume):
                outcome = PointOutcome.DONE
            elif shots > 0 or volume > 0:
                outcome = PointOutcome.PARTIAL
            elif point.index in skipped:
                outcome = PointOutcome.SKIPPED
            else:
                outcome = PointOutcome.NOT_DONE
            region, laterality, acupoint = _site_fields(point.site)
            points.append(
                PointFigures(
                    index=point.index,
                    site_region=region,
                    laterality=laterality,
                    acupoint_code=acupoint,
                    zone=point.zone,
                    technique=point.technique.value,
                    planned_ul=point.planned_volume_ul,
                    delivered_ul=volume,
                    shots=shots,
                    outcome=outcome,
                )
            )
    known = {point.index for point in points}
    # Points the journal holds beyond the plan's (or every point, with no plan): from their doses.
    for index in sorted((set(delivered) | skipped) - known):
        shots, volume = delivered.get(index, (0, 0.0))
        seen = first_dose.get(index)
        points.append(
            PointFigures(
                index=index,
                site_region=seen.site_region if seen else None,
                laterality=seen.laterality if seen else None,
                acupoint_code=seen.acupoint_code if seen else None,
                zone=seen.zone if seen else None,
                technique=seen.technique if seen else None,
                planned_ul=None,
                delivered_ul=volume,
                shots=shots,
                outcome=PointOutcome.DELIVERED if seen is not None else PointOutcome.SKIPPED,
            )
        )
    points.sort(key=lambda item: item.index)
    running = 0.0
    cumulative: list[tuple[float, float]] = [(0.0, 0.0)]
    for dose in sorted(doses, key=lambda item: item.time_utc):
        running += dose.delivered_volume_ul
        cumulative.append((max(0.0, (dose.time_utc - record.started_at).total_seconds()), running))
    planned = [point.planned_ul for point in points if point.planned_ul is not None]
    return SessionFigures(
        points=tuple(points),
        plan_known=chosen is not None,
        dose_count=len(doses),
        delivered_ul=sum(dose.delivered_volume_ul for dose in doses),
        planned_ul=sum(planned) if chosen is not None else None,
        partial_doses=sum(1 for dose in doses if dose.result is not DoseResult.COMPLETE),
        started_at=record.started_at,
        cumulative_ul=tuple(cumulative),
    )

"""Progress of a session computed from what the journal holds (never from what was commanded).

Pure functions over the plan's points, the journal's ``delivered_per_point`` (shots, µl per point), the
skipped points and the *repeat baselines*: a repeated point must meet its target again on top of
what it had when the repeat was asked, so its target is checked on the delivery since that baseline.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mesogun.models import PlanPoint
from mesogun.session.states import PointStatus


@dataclass(frozen=True)
class Delivered:
    """What the journal attributes to one point: shots and delivered volume (µl)."""

    shots: int = 0
    volume_ul: float = 0.0

    def minus(self, baseline: Delivered) -> Delivered:
        """Delivery since ``baseline``."""
        return Delivered(self.shots - baseline.shots, self.volume_ul - baseline.volume_ul)

    def since(self, baseline: Delivered | None) -> Delivered:
        """Delivery since ``baseline`` when there is one (a repeated point), else all of it."""
        return self.minus(baseline) if baseline is not None else self

    def meets(self, point: PlanPoint) -> bool:
        """True when this delivery meets ``point``'s target (the rule is :meth:`PlanPoint.target_met`)."""
        return point.target_met(self.shots, self.volume_ul)


NOTHING = Delivered()


@dataclass(frozen=True)
class PointProgress:
    """One point as the practitioner sees it: status, shots and volume delivered (µl), its target."""

    index: int
    label: str
    status: PointStatus
    shots: int
    delivered_ul: float
    target_shots: int | None
    target_volume_ul: float | None
    repeated: bool


def delivered_from_journal(raw: Mapping[int, tuple[int, float]]) -> dict[int, Delivered]:
    """The journal's ``delivered_per_point`` as :class:`Delivered` values."""
    return {index: Delivered(int(shots), float(volume)) for index, (shots, volume) in raw.items()}


def shots_needed(point: PlanPoint, delivered: Delivered, baseline: Delivered | None) -> int:
    """Whole shots still to deliver to meet the target (0 when met).

    A volume target counts in commanded shots; a short (partial) shot leaves the remainder for
    one more shot, decided again from the journal after each shot.
    """
    done = delivered.since(baseline)
    if done.meets(point):
        return 0
    if point.target_shots is not None:
        return max(1, point.target_shots - done.shots)
    remaining_ul = (point.target_volume_ul or 0.0) - done.volume_ul
    return max(1, math.ceil(remaining_ul / point.volume_per_shot_ul - 1e-9))


def first_open_point(
    points: Sequence[PlanPoint],
    delivered: Mapping[int, Delivered],
    skipped: frozenset[int],
    baselines: Mapping[int, Delivered],
    start: int = 0,
) -> int | None:
    """Index of the first point from ``start`` neither met nor skipped; None when all are."""
    for point in points[start:]:
        if point.index in skipped:
            continue
        if not delivered.get(point.index, NOTHING).since(baselines.get(point.index)).meets(point):
            return point.index
    return None


def point_progress(
    points: Sequence[PlanPoint],
    delivered: Mapping[int, Delivered],
    skipped: frozenset[int],
    baselines: Mapping[int, Delivered],
    current: int | None,
    *,
    ended: bool = False,
) -> tuple[PointProgress, ...]:
    """Status of every point; ``ended``: the session is over, so no point is CURRENT any more.

    A point left short of its target with some delivery is PARTIAL (whether skipped or not reached
    again); a skipped point without delivery is SKIPPED; one not reached yet is TODO.
    """
    rows = []
    for point in points:
        got = delivered.get(point.index, NOTHING)
        baseline = baselines.get(point.index)
        met = got.since(baseline).meets(point)
        if point.index == current and not ended:
            status = PointStatus.CURRENT
        elif met:
            status = PointStatus.DONE
        elif got.shots > 0:
            status = PointStatus.PARTIAL
        elif point.index in skipped:
            status = PointStatus.SKIPPED
        else:
            status = PointStatus.TODO
        rows.append(
            PointProgress(
                index=point.index,
                label=point.label,
                status=status,
                shots=got.shots,
                delivered_ul=got.volume_ul,
                target_shots=point.target_shots,
                target_volume_ul=point.target_volume_ul,
                repeated=baseline is not None,
            )
        )
    return tuple(rows)

"""What is left of a point, counted in volume, and the practitioner's choice for a point left short.

A point's target is a volume: ``target_shots × volume_per_shot_ul`` for a shot target (nappage, point
par point), ``target_volume_ul`` for a volume target. What is left is the target minus *everything*
the journal holds for the point (partial, cancelled and interrupted shots included), in µl. It splits
into whole shots of the point's own volume and a *fraction*: the part of a shot that a cut shot
(a partial one, an alarm, the watchdog, STOP, a power loss) left undelivered. A fraction is never
delivered by a whole extra shot; the practitioner chooses (see :class:`PartialChoice`):

- **complete**: one shot of exactly the fraction (the gun is configured with that volume and armed
  for one shot), then the whole shots left, if any; offered only when the gun can deliver a shot that
  small (its minimum shot volume) or when whole shots are left;
- **done**: the point is ended as it is;
- **skip**: the point is left, with a reason in words.

Nothing armed from here can take a point past its target by more than the gun's tolerance,
max(1 µl, 5 % of a shot) (:func:`shot_tolerance_ul`): whole shots are counted so that they fit within
the remainder plus that tolerance, and a fraction within the tolerance counts as delivered.
Volumes in µl.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from mesogun.journal.records import PartialChoice
from mesogun.models import PlanPoint, shot_tolerance_ul

__all__ = [
    "PartialChoice",
    "PendingPartial",
    "Remainder",
    "can_complete",
    "remainder_of",
    "remainder_shot_ul",
    "shot_tolerance_ul",
]

_EPSILON = 1e-9


@dataclass(frozen=True)
class Remainder:
    """What is left of one point (µl): whole shots of the point's volume and a fraction of a shot."""

    target_ul: float
    delivered_ul: float
    remainder_ul: float  # target − delivered, never below 0
    whole_shots: int  # shots of volume_per_shot_ul that fit in the remainder (within the tolerance)
    fraction_ul: float  # what is left besides the whole shots (0 when within the tolerance)

    @property
    def has_fraction(self) -> bool:
        """True when a cut shot left part of a shot to decide about."""
        return self.fraction_ul > 0


def remainder_of(point: PlanPoint, delivered_ul: float) -> Remainder:
    """What is left of ``point`` once ``delivered_ul`` (since any repeat baseline) was delivered at it."""
    target_ul = point.planned_volume_ul
    volume_ul = point.volume_per_shot_ul
    tolerance_ul = shot_tolerance_ul(volume_ul)
    remainder_ul = max(0.0, target_ul - delivered_ul)
    if remainder_ul <= tolerance_ul + _EPSILON:
        return Remainder(target_ul, delivered_ul, remainder_ul, 0, 0.0)
    whole = math.floor((remainder_ul + tolerance_ul) / volume_ul + _EPSILON)
    fraction_ul = remainder_ul - whole * volume_ul
    if fraction_ul <= tolerance_ul + _EPSILON:
        fraction_ul = 0.0
    return Remainder(target_ul, delivered_ul, remainder_ul, whole, round(fraction_ul, 3))


def can_complete(remainder: Remainder, gun_min_volume_ul: float) -> bool:
    """True when "complete" can be offered: the fraction is a shot the gun can deliver, or whole shots
    are left (a fraction below the gun's minimum is then left undelivered)."""
    return remainder.fraction_ul >= gun_min_volume_ul - _EPSILON or remainder.whole_shots > 0


def remainder_shot_ul(remainder: Remainder, gun_min_volume_ul: float) -> float | None:
    """Volume of the remainder shot "complete" starts with, or None when the gun cannot deliver it."""
    if remainder.has_fraction and remainder.fraction_ul >= gun_min_volume_ul - _EPSILON:
        return remainder.fraction_ul
    return None


@dataclass(frozen=True)
class PendingPartial:
    """The current point was left short by a cut shot: the practitioner's choice is awaited.

    ``remainder_shot_ul`` is the volume "complete" delivers first (None when the gun cannot deliver
    it); ``can_complete`` says whether "complete" is offered at all.
    """

    point_index: int
    target_ul: float
    delivered_ul: float
    remainder_ul: float
    whole_shots: int
    remainder_shot_ul: float | None
    can_complete: bool

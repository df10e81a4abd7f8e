"""Vector drawings of the body views, drawn in code on a unit box (x, y in 0..1, origin top left).

Front and face views are seen as the practitioner faces the patient (the patient's left on the right of
the drawing); the back view from behind; the hand is a left hand, palm forward, fingers up; the foot a
left foot seen from above, toes up. The proportions match the acupoint coordinates of
``mesogun.models.site`` (e.g. the wrist crease at (0.78, 0.51) on the front view, the top of the head
at y = 0.03 on the face view). Each view is a silhouette (filled) plus detail strokes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath

Point = tuple[float, float]


@dataclass(frozen=True)
class Drawing:
    """One body view: ``silhouette`` is filled and outlined, ``details`` are thin strokes."""

    silhouette: QPainterPath
    details: QPainterPath


def smooth_path(points: Sequence[Point], closed: bool = True) -> QPainterPath:
    """A smooth curve through ``points`` (Catmull-Rom spline as cubic Béziers)."""
    path = QPainterPath()
    n = len(points)
    if n < 2:
        return path
    path.moveTo(QPointF(*points[0]))
    last = n if closed else n - 1
    for i in range(last):
        p0 = points[(i - 1) % n] if closed or i > 0 else points[i]
        p1 = points[i]
        p2 = points[(i + 1) % n]
        p3 = points[(i + 2) % n] if closed or i + 2 < n else p2
        c1 = QPointF(p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = QPointF(p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        path.cubicTo(c1, c2, QPointF(*p2))
    if closed:
        path.closeSubpath()
    return path


def _mirrored(half: Sequence[Point]) -> list[Point]:
    """A symmetric outline from its right half (listed top to bottom, x ≥ 0.5)."""
    return [*half, *[(1.0 - x, y) for x, y in reversed(half)]]


# Right half of the standing figure (the patient's left side on the front view), neck to crotch.
_BODY_HALF: tuple[Point, ...] = (
    (0.520, 0.118),
    (0.524, 0.148),
    (0.580, 0.160),
    (0.625, 0.172),
    (0.648, 0.205),
    (0.672, 0.272),
    (0.705, 0.345),
    (0.745, 0.430),
    (0.790, 0.500),
    (0.812, 0.535),
    (0.826, 0.580),
    (0.815, 0.616),
    (0.795, 0.610),
    (0.776, 0.572),
    (0.764, 0.522),
    (0.731, 0.452),
    (0.697, 0.372),
    (0.666, 0.300),
    (0.640, 0.252),
    (0.613, 0.250),
    (0.604, 0.305),
    (0.586, 0.380),
    (0.594, 0.450),
    (0.606, 0.505),
    (0.601, 0.580),
    (0.590, 0.660),
    (0.581, 0.722),
    (0.580, 0.790),
    (0.571, 0.860),
    (0.566, 0.925),
    (0.586, 0.955),
    (0.602, 0.984),
    (0.586, 0.996),
    (0.530, 0.996),
    (0.519, 0.968),
    (0.521, 0.928),
    (0.517, 0.860),
    (0.519, 0.790),
    (0.522, 0.722),
    (0.514, 0.630),
    (0.503, 0.556),
)


def _standing_figure() -> QPainterPath:
    body = smooth_path(_mirrored(_BODY_HALF))
    head = QPainterPath()
    head.addEllipse(QPointF(0.5, 0.065), 0.043, 0.058)
    return body.united(head)


def front_view() -> Drawing:
    """The standing figure seen from the front (patient's left on the right)."""
    details = QPainterPath()
    for side in (1.0, -1.0):
        # Collarbones, and the knee caps as small arcs.
        details.moveTo(QPointF(0.5 + side * 0.012, 0.168))
        details.quadTo(QPointF(0.5 + side * 0.05, 0.160), QPointF(0.5 + side * 0.092, 0.172))
        details.moveTo(QPointF(0.5 + side * 0.034, 0.735))
        details.quadTo(QPointF(0.5 + side * 0.051, 0.745), QPointF(0.5 + side * 0.068, 0.735))
    details.addEllipse(QPointF(0.5, 0.405), 0.004, 0.004)  # navel
    return Drawing(_standing_figure(), details)


def back_view() -> Drawing:
    """The standing figure seen from behind (patient's left on the left)."""
    details = QPainterPath()
    details.moveTo(QPointF(0.5, 0.130))
    details.lineTo(QPointF(0.5, 0.500))  # spine
    for side in (1.0, -1.0):
        # Shoulder blades, and the gluteal fold.
        details.moveTo(QPointF(0.5 + side * 0.030, 0.195))
        details.quadTo(QPointF(0.5 + side * 0.085, 0.190), QPointF(0.5 + side * 0.070, 0.275))
        details.moveTo(QPointF(0.5 + side * 0.006, 0.548))
        details.quadTo(QPointF(0.5 + side * 0.050, 0.562), QPointF(0.5 + side * 0.096, 0.540))
    return Drawing(_standing_figure(), details)


_FACE_HALF: tuple[Point, ...] = (
    (0.500, 0.030),
    (0.640, 0.050),
    (0.745, 0.130),
    (0.795, 0.270),
    (0.800, 0.400),
    (0.840, 0.420),
    (0.850, 0.500),
    (0.825, 0.580),
    (0.785, 0.600),
    (0.760, 0.700),
    (0.700, 0.800),
    (0.610, 0.880),
    (0.500, 0.910),
)


def face_view() -> Drawing:
    """The head seen from the front: outline with ears and neck, eyebrows, eyes, nose, mouth."""
    head = smooth_path([*_FACE_HALF, *[(1.0 - x, y) for x, y in reversed(_FACE_HALF[1:-1])]])
    neck = QPainterPath()
    neck.addRect(0.38, 0.82, 0.24, 0.18)
    details = QPainterPath()
    for side in (1.0, -1.0):
        details.moveTo(QPointF(0.5 + side * 0.045, 0.395))
        details.quadTo(QPointF(0.5 + side * 0.12, 0.355), QPointF(0.5 + side * 0.205, 0.385))  # eyebrow
        details.addEllipse(QPointF(0.5 + side * 0.125, 0.455), 0.055, 0.022)  # eye
        details.moveTo(QPointF(0.5 + side * 0.300, 0.450))
        details.quadTo(QPointF(0.5 + side * 0.335, 0.500), QPointF(0.5 + side * 0.305, 0.555))  # ear fold
    details.moveTo(QPointF(0.5, 0.440))
    details.quadTo(QPointF(0.478, 0.560), QPointF(0.455, 0.600))  # nose
    details.quadTo(QPointF(0.5, 0.625), QPointF(0.545, 0.600))
    details.moveTo(QPointF(0.420, 0.715))
    details.quadTo(QPointF(0.5, 0.750), QPointF(0.580, 0.715))  # mouth
    details.moveTo(QPointF(0.260, 0.240))
    details.quadTo(QPointF(0.5, 0.150), QPointF(0.740, 0.240))  # hairline
    return Drawing(head.united(neck), details)


_HAND: tuple[Point, ...] = (
    (0.400, 1.000),
    (0.395, 0.820),
    (0.350, 0.700),
    (0.330, 0.560),
    (0.300, 0.430),
    (0.285, 0.280),  # little finger
    (0.315, 0.255),
    (0.345, 0.290),
    (0.370, 0.400),
    (0.380, 0.170),  # ring finger
    (0.415, 0.150),
    (0.445, 0.180),
    (0.455, 0.380),
    (0.470, 0.100),  # middle finger
    (0.505, 0.080),
    (0.535, 0.110),
    (0.540, 0.385),
    (0.565, 0.140),  # index finger
    (0.600, 0.125),
    (0.625, 0.155),
    (0.622, 0.430),
    (0.660, 0.520),
    (0.730, 0.440),  # thumb
    (0.770, 0.445),
    (0.775, 0.480),
    (0.705, 0.640),
    (0.640, 0.730),
    (0.610, 0.820),
    (0.605, 1.000),
)


def hand_view() -> Drawing:
    """A left hand, palm forward, fingers up, thumb on the right; wrist creases across the wrist."""
    details = QPainterPath()
    details.moveTo(QPointF(0.385, 0.800))
    details.quadTo(QPointF(0.5, 0.815), QPointF(0.620, 0.800))  # distal wrist crease
    details.moveTo(QPointF(0.395, 0.835))
    details.quadTo(QPointF(0.5, 0.850), QPointF(0.610, 0.835))  # proximal wrist crease
    details.moveTo(QPointF(0.350, 0.520))
    details.quadTo(QPointF(0.470, 0.500), QPointF(0.600, 0.470))  # heart line
    details.moveTo(QPointF(0.640, 0.560))
    details.quadTo(QPointF(0.560, 0.640), QPointF(0.545, 0.760))  # life line
    return Drawing(smooth_path(_HAND), details)


_FOOT: tuple[Point, ...] = (
    (0.440, 0.965),  # heel
    (0.400, 0.920),
    (0.385, 0.820),
    (0.360, 0.680),
    (0.325, 0.520),
    (0.305, 0.400),
    (0.310, 0.300),
    (0.322, 0.235),  # little toe
    (0.352, 0.212),
    (0.380, 0.232),
    (0.390, 0.250),
    (0.400, 0.190),  # 4th toe
    (0.423, 0.168),
    (0.445, 0.190),
    (0.452, 0.215),
    (0.458, 0.152),  # 3rd toe
    (0.480, 0.130),
    (0.503, 0.150),
    (0.510, 0.180),
    (0.515, 0.120),  # 2nd toe
    (0.537, 0.100),
    (0.560, 0.118),
    (0.566, 0.150),
    (0.575, 0.095),  # big toe
    (0.615, 0.070),
    (0.655, 0.090),
    (0.672, 0.150),
    (0.670, 0.260),
    (0.645, 0.380),
    (0.620, 0.520),
    (0.612, 0.660),
    (0.600, 0.800),
    (0.592, 0.900),
    (0.560, 0.965),
    (0.500, 0.985),
)


def foot_view() -> Drawing:
    """A left foot seen from above, toes up, big toe on the right; the ankle line across the instep."""
    details = QPainterPath()
    details.moveTo(QPointF(0.385, 0.760))
    details.quadTo(QPointF(0.490, 0.785), QPointF(0.605, 0.750))  # ankle line
    details.moveTo(QPointF(0.595, 0.125))
    details.quadTo(QPointF(0.618, 0.105), QPointF(0.642, 0.125))  # big toe nail
    return Drawing(smooth_path(_FOOT), details)


DRAWINGS = {
    "front": front_view,
    "back": back_view,
    "face": face_view,
    "hand": hand_view,
    "foot": foot_view,
}

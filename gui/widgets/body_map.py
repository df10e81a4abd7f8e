"""Body map: the plan's injection points on drawings of the body, with their progress.

Each view (front, back, face, hand, foot) is its own scene: the drawing on a box of ``SCALE`` units
(the model's 0..1 coordinates times ``SCALE``) and one marker per point. The hand and foot views show
both sides, as the practitioner faces the patient (the patient's left on the right): the model's
drawing (a left hand or foot) on the right half and its mirror image on the left half; a point's
coordinates are fractions of its own side's drawing. Acupoints that lie on a hand or a foot (see
``CLOSE_UPS``) are shown there rather than on the whole body. Markers keep their pixel size
whatever the zoom; the view fits the box to the widget. States differ by colour AND shape: to do
(hollow grey circle), current (filled accent circle), done (green disc with a tick), partial (amber
half-filled diamond), skipped (grey cross). The current point also gets a ring and a bold label, and
the map switches to its view.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QResizeEvent, QTransform
from PySide6.QtWidgets import (
    QButtonGroup,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QPushButton,
    QStyleOptionGraphicsItem,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.widgets.body_drawings import DRAWINGS
from mesogun.models import ACUPOINTS, BodyView, Laterality, Site

SCALE = 1000.0
MARKER_RADIUS_PX = 7.0
HALO_RADIUS_PX = 13.0

#: Views drawn as a pair (patient's right side on the left half, left side on the right half).
PAIRED_VIEWS = frozenset({BodyView.HAND, BodyView.FOOT})
#: Acupoints of the catalogue that lie on a hand or a foot: (view, x, y) on the drawing of the patient's
#: left hand (palm forward) or left foot (seen from above); the right point is its mirror image.
CLOSE_UPS: dict[str, tuple[BodyView, float, float]] = {
    "HT7": (BodyView.HAND, 0.42, 0.805),  # Shenmen: ulnar end of the distal wrist crease
    "LR3": (BodyView.FOOT, 0.585, 0.42),  # Taichong: between the 1st and 2nd metatarsals
}
#: Share of a half-view a paired drawing may fill.
_PAIR_FILL = 0.92


@dataclass(frozen=True)
class _PairLayout:
    """Where the two drawings of a paired view go: scale and offsets in unit-box fractions."""

    scale: float
    left_dx: float  # the patient's left side (the model's drawing), on the right half
    right_dx: float  # the patient's right side (mirrored drawing), on the left half
    dy: float


def _pair_layout(view: BodyView) -> _PairLayout:
    box = DRAWINGS[str(view)]().silhouette.boundingRect()
    scale = min(0.5 * _PAIR_FILL / box.width(), _PAIR_FILL / box.height(), 1.0)
    centre_x, centre_y = box.center().x(), box.center().y()
    return _PairLayout(
        scale=scale,
        left_dx=0.75 - scale * centre_x,
        right_dx=0.25 - scale * (1.0 - centre_x),
        dy=0.5 - scale * centre_y,
    )


def scene_position(point: MapPoint) -> QPointF:
    """Where ``point`` is drawn in its view's scene (unit box times ``SCALE``)."""
    if point.view not in PAIRED_VIEWS:
        return QPointF(point.x * SCALE, point.y * SCALE)
    layout = _pair_layout(point.view)
    # A right point's x is already mirrored (the model's convention): it is its place on the mirror image.
    dx = layout.right_dx if point.side is Laterality.RIGHT else layout.left_dx
    return QPointF((dx + layout.scale * point.x) * SCALE, (layout.dy + layout.scale * point.y) * SCALE)


class PointState(StrEnum):
    """Progress of one plan point."""

    TODO = "todo"
    CURRENT = "current"
    DONE = "done"
    PARTIAL = "partial"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class MapPoint:
    """A point to show: ``key`` identifies it (the plan point index); ``x``, ``y`` in 0..1 of ``view``."""

    key: int
    view: BodyView
    x: float
    y: float
    label: str
    state: PointState = PointState.TODO
    side: Laterality | None = None  # on a paired view (hand, foot): which one; None is the left one

    def __post_init__(self) -> None:
        for name, value in (("x", self.x), ("y", self.y)):
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name}: {value} is outside 0..1 (fraction of the {self.view} view)")

    @classmethod
    def from_site(cls, key: int, site: Site, state: PointState = PointState.TODO) -> MapPoint:
        """The point of a plan site, labelled with its acupoint's French label (or its region).

        An acupoint of ``CLOSE_UPS`` goes on its hand or foot view, on the site's side.
        """
        close_up = CLOSE_UPS.get(site.acupoint_code or "")
        if close_up is not None:
            view, x, y = close_up
            if site.laterality is Laterality.RIGHT:
                x = round(1.0 - x, 6)
            return cls(key, view, x, y, site_label(site), state, site.laterality)
        return cls(key, site.view, site.x, site.y, site_label(site), state, site.laterality)


def site_label(site: Site) -> str:
    """Short label of a site on the map: the acupoint's French label (``MC6``), else the region."""
    if site.acupoint_code is not None and site.acupoint_code in ACUPOINTS:
        return ACUPOINTS[site.acupoint_code].french_label
    return site.region


class PointMarker(QGraphicsItem):
    """A point's marker, drawn in device pixels (it does not scale with the drawing)."""

    def __init__(self, point: MapPoint) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setPos(scene_position(point))
        self.setZValue(10)
        self.point = point
        self.highlighted = False
        self.label = QGraphicsSimpleTextItem(point.label, self)
        font = QFont()
        font.setPointSize(style.SMALL_FONT_PT)
        self.label.setFont(font)
        self.label.setBrush(QColor(style.TEXT))
        self._place_label()

    def set_state(self, state: PointState) -> None:
        """Show ``state``."""
        self.point = replace(self.point, state=state)
        self.update()

    def set_highlighted(self, on: bool) -> None:
        """Ring and bold label for the current point."""
        self.prepareGeometryChange()
        self.highlighted = on
        font = self.label.font()
        font.setBold(on)
        self.label.setFont(font)
        self.label.setBrush(QColor(style.ACCENT if on else style.TEXT))
        self._place_label()
        self.setZValue(20 if on else 10)
        self.update()

    def boundingRect(self) -> QRectF:
        r = HALO_RADIUS_PX + 3.0
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        r = MARKER_RADIUS_PX
        if self.highlighted:
            painter.setPen(QPen(QColor(style.ACCENT), 3.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(0, 0), HALO_RADIUS_PX, HALO_RADIUS_PX)
        state = self.point.state
        if state is PointState.TODO:
            painter.setPen(QPen(QColor(style.POINT_TODO), 2.0))
            painter.setBrush(QBrush(QColor(style.SURFACE)))
            painter.drawEllipse(QPointF(0, 0), r, r)
        elif state is PointState.CURRENT:
            painter.setPen(QPen(QColor(style.SURFACE), 1.5))
            painter.setBrush(QBrush(QColor(style.POINT_CURRENT)))
            painter.drawEllipse(QPointF(0, 0), r, r)
        elif state is PointState.DONE:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(QColor(style.POINT_DONE)))
            painter.drawEllipse(QPointF(0, 0), r, r)
            tick = QPainterPath(QPointF(-r * 0.5, 0))
            tick.lineTo(QPointF(-r * 0.1, r * 0.4))
            tick.lineTo(QPointF(r * 0.55, -r * 0.4))
            painter.setPen(QPen(QColor(style.SURFACE), 2.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(tick)
        elif state is PointState.PARTIAL:
            diamond = QPainterPath(QPointF(0, -r * 1.2))
            diamond.lineTo(QPointF(r * 1.2, 0))
            diamond.lineTo(QPointF(0, r * 1.2))
            diamond.lineTo(QPointF(-r * 1.2, 0))
            diamond.closeSubpath()
            lower = QPainterPath(QPointF(-r * 1.2, 0))
            lower.lineTo(QPointF(r * 1.2, 0))
            lower.lineTo(QPointF(0, r * 1.2))
            lower.closeSubpath()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(QColor(style.POINT_PARTIAL)))
            painter.drawPath(lower)
            painter.setPen(QPen(QColor(style.POINT_PARTIAL), 2.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(diamond)
        else:  # skipped
            painter.setPen(QPen(QColor(style.POINT_SKIPPED), 2.5))
            painter.drawLine(QPointF(-r, -r), QPointF(r, r))
            painter.drawLine(QPointF(-r, r), QPointF(r, -r))

    def _place_label(self) -> None:
        # Labels go outwards (away from the midline) so the two sides of a bilateral pair stay readable.
        rect = self.label.boundingRect()
        gap = HALO_RADIUS_PX + 2 if self.highlighted else MARKER_RADIUS_PX + 3
        x = gap if self.pos().x() >= SCALE / 2 else -gap - rect.width()
        self.label.setPos(x, -rect.height() / 2)


class _FittingView(QGraphicsView):
    """A graphics view that keeps the whole unit box in sight, centred, at any widget size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setBackgroundBrush(QBrush(QColor(style.SURFACE)))
        self.setMinimumSize(160, 160)

    def fit(self) -> None:
        margin = SCALE * 0.04
        self.fitInView(
            QRectF(-margin, -margin, SCALE + 2 * margin, SCALE + 2 * margin),
            Qt.AspectRatioMode.KeepAspectRatio,
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()


class BodyMap(QWidget):
    """A view switcher above the drawing of the chosen view, with the plan's points on it."""

    view_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scenes: dict[BodyView, QGraphicsScene] = {}
        self._markers: dict[int, PointMarker] = {}
        self._current: int | None = None
        self._buttons: dict[BodyView, QPushButton] = {}
        names = {
            BodyView.FRONT: self.tr("Front"),
            BodyView.BACK: self.tr("Back"),
            BodyView.FACE: self.tr("Face"),
            BodyView.HAND: self.tr("Hand"),
            BodyView.FOOT: self.tr("Foot"),
        }
        switcher = QHBoxLayout()
        switcher.setSpacing(4)
        group = QButtonGroup(self)
        group.setExclusive(True)
        for view in BodyView:
            button = QPushButton(names[view], self)
            button.setCheckable(True)
            button.clicked.connect(lambda _checked=False, v=view: self.show_view(v))
            group.addButton(button)
            switcher.addWidget(button)
            self._buttons[view] = button
            self._scenes[view] = self._build_scene(view)
        switcher.addStretch(1)
        self.graphics = _FittingView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(switcher)
        layout.addWidget(self.graphics, 1)
        self._view = BodyView.FRONT
        self.show_view(BodyView.FRONT)

    @property
    def current_view(self) -> BodyView:
        """The view shown."""
        return self._view

    @property
    def current_key(self) -> int | None:
        """Key of the highlighted (current) point, if any."""
        return self._current

    def scene_for(self, view: BodyView) -> QGraphicsScene:
        """The scene holding the drawing and points of ``view``."""
        return self._scenes[view]

    def point_keys(self) -> list[int]:
        """Keys of the points shown, in the order given."""
        return list(self._markers)

    def view_button(self, view: BodyView) -> QPushButton:
        """The switcher's button of ``view``."""
        return self._buttons[view]

    def marker(self, key: int) -> PointMarker:
        """The marker of point ``key`` (KeyError if unknown)."""
        return self._markers[key]

    def show_view(self, view: BodyView) -> None:
        """Show the drawing of ``view``."""
        self._view = view
        self._buttons[view].setChecked(True)
        self.graphics.setScene(self._scenes[view])
        self.graphics.fit()
        self.view_changed.emit(str(view))

    def set_points(self, points: list[MapPoint]) -> None:
        """Replace every point shown (no point is current afterwards)."""
        for marker in self._markers.values():
            scene = marker.scene()
            if scene is not None:
                scene.removeItem(marker)
        self._markers.clear()
        self._current = None
        for point in points:
            if point.key in self._markers:
                raise ValueError(f"key: point {point.key} appears twice")
            marker = PointMarker(point)
            self._scenes[point.view].addItem(marker)
            self._markers[point.key] = marker

    def set_state(self, key: int, state: PointState) -> None:
        """Show point ``key`` in ``state``."""
        self._markers[key].set_state(state)

    def set_current(self, key: int | None) -> None:
        """Highlight point ``key`` (None: no current point) and switch to its view."""
        if key is not None and key not in self._markers:
            raise KeyError(f"no point {key} on the map")
        if self._current is not None and self._current in self._markers:
            self._markers[self._current].set_highlighted(False)
        self._current = key
        if key is not None:
            marker = self._markers[key]
            marker.set_highlighted(True)
            if marker.point.view != self._view:
                self.show_view(marker.point.view)

    def point_position_in_widget(self, key: int) -> QPointF:
        """Where point ``key``'s centre is drawn, in the graphics view's viewport pixels."""
        return QPointF(self.graphics.mapFromScene(self._markers[key].pos()))

    @staticmethod
    def _build_scene(view: BodyView) -> QGraphicsScene:
        scene = QGraphicsScene()
        scene.setSceneRect(QRectF(0, 0, SCALE, SCALE))
        drawing = DRAWINGS[str(view)]()
        outline = QPen(QColor(style.BODY_OUTLINE), 1.6)
        outline.setCosmetic(True)
        detail = QPen(QColor(style.BODY_OUTLINE), 1.0)
        detail.setCosmetic(True)
        if view in PAIRED_VIEWS:
            layout = _pair_layout(view)
            k = layout.scale
            placements = [
                # The patient's left (the drawing as it is) on the right half...
                QTransform(k * SCALE, 0, 0, k * SCALE, layout.left_dx * SCALE, layout.dy * SCALE),
                # ...and the right side, its mirror image, on the left half.
                QTransform(-k * SCALE, 0, 0, k * SCALE, (layout.right_dx + k) * SCALE, layout.dy * SCALE),
            ]
        else:
            placements = [QTransform.fromScale(SCALE, SCALE)]
        for to_scene in placements:
            scene.addPath(to_scene.map(drawing.silhouette), outline, QBrush(QColor(style.BODY_FILL)))
            scene.addPath(to_scene.map(drawing.details), detail)
        return scene

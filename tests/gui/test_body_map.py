"""Body map: points where the plan's sites say, on the drawing, the current one highlighted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF
from pytestqt.qtbot import QtBot

from gui.widgets.body_drawings import DRAWINGS
from gui.widgets.body_map import SCALE, BodyMap, MapPoint, PointState
from mesogun.models import ACUPOINTS, BodyView, Laterality, Site


def _mesostress_points() -> list[MapPoint]:
    points: list[MapPoint] = []
    for code, acupoint in ACUPOINTS.items():
        site = Site.model_validate({"acupoint_code": code})
        sides = (
            [site.on_side(Laterality.LEFT), site.on_side(Laterality.RIGHT)] if acupoint.bilateral else [site]
        )
        for side in sides:
            points.append(MapPoint.from_site(len(points), side))
    return points


@pytest.fixture
def body_map(qtbot: QtBot) -> BodyMap:
    widget = BodyMap()
    qtbot.addWidget(widget)
    widget.resize(500, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_points(_mesostress_points())
    return widget


@pytest.mark.parametrize("code", sorted(ACUPOINTS))
def test_every_catalogue_acupoint_falls_on_its_drawing(code: str) -> None:
    acupoint = ACUPOINTS[code]
    silhouette = DRAWINGS[str(acupoint.view)]().silhouette
    sides = [acupoint.x, 1.0 - acupoint.x] if acupoint.bilateral else [acupoint.x]
    for x in sides:
        # A point on the top of the head lies on the outline itself: allow a hair's breadth inside.
        assert silhouette.contains(QPointF(x, acupoint.y)) or silhouette.contains(
            QPointF(x, acupoint.y + 0.01)
        ), f"{acupoint.french_label} at ({x}, {acupoint.y}) is off the {acupoint.view} drawing"


def test_points_sit_where_the_model_places_them(body_map: BodyMap) -> None:
    left_pc6 = Site.model_validate({"acupoint_code": "PC6"}).on_side(Laterality.LEFT)
    marker = body_map.marker(0)
    assert marker.point.label == "MC6"
    assert marker.pos() == QPointF(left_pc6.x * SCALE, left_pc6.y * SCALE)
    assert marker.scene() is body_map.scene_for(BodyView.FRONT)

    # On screen: the same fractions of the drawn unit box, whatever the widget's size.
    for width, height in ((500, 700), (900, 400)):
        body_map.resize(width, height)
        layout = body_map.layout()
        assert layout is not None
        layout.activate()
        box = body_map.graphics.mapFromScene(QRectF(0, 0, SCALE, SCALE)).boundingRect()
        where = body_map.point_position_in_widget(0)
        assert (where.x() - box.left()) / box.width() == pytest.approx(left_pc6.x, abs=0.01)
        assert (where.y() - box.top()) / box.height() == pytest.approx(left_pc6.y, abs=0.01)


def test_left_and_right_points_are_mirror_images(body_map: BodyMap) -> None:
    left, right = body_map.marker(0), body_map.marker(1)  # MC6 left, then right
    assert left.pos().x() + right.pos().x() == pytest.approx(SCALE)
    assert left.pos().y() == right.pos().y()
    assert left.pos().x() > SCALE / 2  # the patient's left is on the right of the front view


def test_current_point_is_highlighted_and_its_view_shown(body_map: BodyMap) -> None:
    face_points = [key for key in body_map.point_keys() if body_map.marker(key).point.view is BodyView.FACE]
    assert body_map.graphics.scene() is body_map.scene_for(BodyView.FRONT)
    body_map.set_current(face_points[0])
    assert body_map.current_view is BodyView.FACE
    assert body_map.graphics.scene() is body_map.scene_for(BodyView.FACE)
    current = body_map.marker(face_points[0])
    assert current.highlighted and current.label.font().bold()
    assert current.zValue() > body_map.marker(face_points[1]).zValue()
    assert not any(body_map.marker(key).highlighted for key in body_map.point_keys() if key != face_points[0])

    body_map.set_current(0)
    assert body_map.graphics.scene() is body_map.scene_for(BodyView.FRONT)
    assert not current.highlighted and body_map.marker(0).highlighted


def test_states_are_shown_and_unknown_points_refused(body_map: BodyMap) -> None:
    body_map.set_state(2, PointState.DONE)
    body_map.set_state(3, PointState.PARTIAL)
    assert body_map.marker(2).point.state is PointState.DONE
    assert body_map.marker(3).point.state is PointState.PARTIAL
    with pytest.raises(KeyError):
        body_map.set_current(99)


def test_coordinates_outside_the_view_are_refused() -> None:
    with pytest.raises(ValueError, match=r"x: 1\.2 is outside 0\.\.1"):
        MapPoint(0, BodyView.HAND, 1.2, 0.5, "?")


def test_view_switcher_shows_each_drawing(body_map: BodyMap) -> None:
    for view in reversed(BodyView):
        body_map.view_button(view).click()
        assert body_map.current_view is view
        assert body_map.graphics.scene() is body_map.scene_for(view)

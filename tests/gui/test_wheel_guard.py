"""The mouse wheel changes no spin box, combo box or date field the user has not clicked into: scrolling
past a form leaves the syringe's capacity and fill and an adverse event's severity as they were (a lot's
expiry is typed text, which the wheel never changes)."""

from __future__ import annotations

from datetime import date
from typing import Any

from conftest import SessionDriver
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget


def _scroll_over(widget: QWidget, notches: int = -1) -> None:
    """A wheel turn over the middle of ``widget`` (negative: towards the user)."""
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre)),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def _value(widget: Any) -> object:
    return widget.currentIndex() if hasattr(widget, "currentIndex") else widget.value()


def test_the_wheel_changes_only_a_field_clicked_into(driver: SessionDriver) -> None:
    driver.setup.choose_builtin("mesostress")
    driver.setup.lots.fill(0, "L1-2301", date(2030, 6, 30))
    expiry = driver.setup.lots.rows[0].expiry
    expiry.setFocus()
    _scroll_over(expiry)
    assert expiry.date().toPython() == date(2030, 6, 30)
    summary_notes = driver.window.summary_page.notes
    summary_notes.severity_combo.setCurrentIndex(1)
    fields = {
        "syringe capacity": driver.setup.syringe.capacity_combo,
        "adverse event severity": summary_notes.severity_combo,
        "syringe fill": driver.setup.syringe.fill_spin,
    }
    for name, field in fields.items():
        field.ensurePolished()  # as it is before it can be shown, and scrolled over
        before = _value(field)
        field.clearFocus()
        _scroll_over(field)
        assert _value(field) == before, f"{name}: changed by the wheel without a click"
        assert field.focusPolicy() is not Qt.FocusPolicy.WheelFocus, f"{name}: the wheel gives it focus"

        field.setFocus()  # clicked into (or reached with Tab): the wheel is the user's to use
        driver.qtbot.waitUntil(field.hasFocus)
        _scroll_over(field)
        assert _value(field) != before, f"{name}: the wheel no longer works once clicked into"

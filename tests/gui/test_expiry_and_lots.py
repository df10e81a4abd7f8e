"""Expiry dates are typed as printed (dd/mm/yyyy in French, the locale's order in English), the
calendar opens on this month, and the lots of the last session are offered again: used only once
clicked, an expired one still refused."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from conftest import SESSION_WAIT_MS, SessionDriver
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.widgets.product_lots import ProductLotsForm
from mesogun.models import Product
from mesogun.plans.library import builtin_plan

TODAY = date(2026, 12, 3)


def _form(qtbot: QtBot) -> ProductLotsForm:
    form = ProductLotsForm()
    qtbot.addWidget(form)
    form.set_plan(builtin_plan("mesostress"), TODAY)
    form.show()
    return form


@pytest.mark.usefixtures("french")
def test_an_expiry_is_typed_day_month_year_in_french(qtbot: QtBot) -> None:
    row = _form(qtbot).rows[0]
    qtbot.keyClicks(row.expiry.edit, "31/12/2027")
    assert row.expiry_date() == date(2027, 12, 31)
    assert row.expiry.edit.placeholderText() == "jj/mm/aaaa"


def test_an_expiry_is_typed_in_the_english_locale_s_order(qtbot: QtBot) -> None:
    row = _form(qtbot).rows[0]
    qtbot.keyClicks(row.expiry.edit, "12/31/2027")
    assert row.expiry_date() == date(2027, 12, 31)


def test_a_typed_expiry_that_is_not_a_date_is_named(qtbot: QtBot) -> None:
    form = _form(qtbot)
    qtbot.keyClicks(form.rows[0].expiry.edit, "31/31/2027")
    assert form.rows[0].expiry_date() is None
    assert any("not a date" in problem for problem in form.problems())


def test_the_calendar_opens_on_this_month(qtbot: QtBot) -> None:
    row = _form(qtbot).rows[0]
    row.expiry.open_calendar()
    calendar = row.expiry.calendar
    assert (calendar.yearShown(), calendar.monthShown()) == (TODAY.year, TODAY.month)
    calendar.hide()


def _last_session_with(driver: SessionDriver, procaine: Product) -> None:
    driver.window.journal.open_session(
        patient_pseudonym="MST-0041",
        practitioner="Dr Claire Martin",
        indication="stress",
        limits_version="limits-2025.1",
        products=[procaine],
    )


def _offer_of(driver: SessionDriver) -> Any:
    setup = driver.setup
    setup.choose_builtin("mesolift")
    setup.choose_builtin("mesostress")
    row = setup.lots.rows[0]
    driver.qtbot.waitUntil(row.offer.isVisible, timeout=SESSION_WAIT_MS)
    return row


def test_the_last_session_s_lot_is_offered_and_used_only_when_clicked(driver: SessionDriver) -> None:
    _last_session_with(
        driver, Product(name="Procaïne", concentration="2 %", lot="PRC-2411", expiry=date(2030, 6, 30))
    )
    row = _offer_of(driver)
    assert "PRC-2411" in row.offer.text()
    assert row.lot.text() == "" and row.expiry_date() is None  # offered, not filled in
    driver.qtbot.mouseClick(row.offer, Qt.MouseButton.LeftButton)
    assert (row.lot.text(), row.expiry_date()) == ("PRC-2411", date(2030, 6, 30))


def test_an_expired_lot_offered_again_stays_refused(driver: SessionDriver) -> None:
    _last_session_with(
        driver, Product(name="Procaïne", concentration="2 %", lot="PRC-1901", expiry=date(2021, 1, 31))
    )
    row = _offer_of(driver)
    driver.qtbot.mouseClick(row.offer, Qt.MouseButton.LeftButton)
    assert row.lot.text() == "PRC-1901"
    assert any("PRC-1901" in problem and "refused" in problem for problem in driver.setup.lots.problems())
    assert not driver.setup.start_button.isEnabled()

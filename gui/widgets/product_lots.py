"""Lot number and expiry date of each product of the cocktail, as printed on the vial.

One row per product of the plan's cocktail (its label and share). The expiry starts empty so it is
always entered, never assumed; it is typed or picked in a calendar (``gui.widgets.expiry_field``). An
expired lot is refused with a message naming the product, the lot and the date; ``problems(today)``
lists everything missing or refused. A plan without a cocktail gets one row whose product name and
concentration are typed in. A product the product catalogue does not know gets a choice of its active
substance (its strength is the concentration entered): the declaration is recorded with the session;
a product the catalogue refuses (a corticoid) is named as refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.clinical_texts import refusal_text
from gui.formatting import number
from gui.language import current_language
from gui.previous_lots import LastLots
from gui.widgets.expiry_field import UNSET_DATE, ExpiryField, expiry_format
from mesogun.catalogue import ProductRefusedError, ingredients_of, load_catalogue, mg_per_ml
from mesogun.models import Ingredient, Product, SessionPlan


@dataclass
class LotRow:
    """The widgets of one product."""

    product: Product | None  # None: typed in (a plan without a cocktail)
    name: QLabel | QLineEdit
    concentration: QLineEdit | None
    lot: QLineEdit
    expiry: ExpiryField
    status: QLabel
    offer: QPushButton  # "use the last session's lot", shown when there is one
    substance: QComboBox  # the active substance of a product the catalogue does not know

    def base_product(self) -> Product | None:
        """The product as named (None while the name is missing), without lot or declaration."""
        if self.product is not None:
            return self.product
        assert isinstance(self.name, QLineEdit) and self.concentration is not None
        name, concentration = self.name.text().strip(), self.concentration.text().strip()
        if not name or not concentration:
            return None
        return Product(name=name, concentration=concentration)

    def entered_product(self) -> Product | None:
        """The product with its lot, expiry and declared substance (None while the name is missing)."""
        base = self.base_product()
        if base is None:
            return None
        update: dict[str, object] = {"lot": self.lot.text().strip() or None, "expiry": self.expiry_date()}
        code = self.substance.currentData()
        strength = mg_per_ml(base.concentration)
        if not self.substance.isHidden() and code and strength:  # offered: the catalogue lacks it
            update["ingredients"] = (Ingredient(substance=str(code), mg_per_ml=strength),)
        return base.model_copy(update=update)

    def refusal(self) -> ProductRefusedError | None:
        """Why the catalogue refuses the product as entered (None when it is accepted)."""
        product = self.entered_product()
        if product is None:
            return None
        try:
            ingredients_of(product)
        except ProductRefusedError as exc:
            return exc
        return None

    def expiry_date(self) -> date | None:
        value = self.expiry.date()
        if value == UNSET_DATE:
            return None
        return date(value.year(), value.month(), value.day())


class ProductLotsForm(QGroupBox):
    """Lot and expiry per product; ``changed`` on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Products: lot and expiry"))
        self._layout = QVBoxLayout(self)
        self._body = QWidget(self)
        self._grid = QGridLayout(self._body)
        self._layout.addWidget(self._body)
        self.rows: list[LotRow] = []
        self._today = date.today()
        self._offers: dict[int, tuple[str, date | None]] = {}

    def set_plan(self, plan: SessionPlan | None, today: date | None = None) -> None:
        """One row per product of ``plan``'s cocktail (entries cleared)."""
        self._clear()
        if today is not None:
            self._today = today
        if plan is None:
            return
        for column, text in enumerate((self.tr("Product"), self.tr("Lot"), self.tr("Expiry"))):
            header = QLabel(text, self._body)
            header.setProperty("muted", True)
            self._grid.addWidget(header, 0, column)
        if plan.cocktail is None:
            name = QLineEdit(self._body)
            name.setPlaceholderText(self.tr("Product name"))
            concentration = QLineEdit(self._body)
            concentration.setPlaceholderText(self.tr("Concentration, e.g. 2 %"))
            name.textChanged.connect(self._on_edit)
            concentration.textChanged.connect(self._on_edit)
            self._add_row(None, name, concentration)
            return
        for component in plan.cocktail.components:
            label = QLabel(
                self.tr("{product} ({share} %)").format(
                    product=component.product.label, share=number(component.proportion_pct, 0)
                ),
                self._body,
            )
            label.setWordWrap(True)
            self._add_row(component.product, label, None)
        self._on_edit()

    def set_today(self, today: date) -> None:
        """The date expiry is checked against (the clinic's today)."""
        self._today = today
        for row in self.rows:
            row.expiry.set_today(today)
        self._on_edit()

    def fill(self, index: int, lot: str, expiry: date) -> None:
        """Enter the lot and expiry of product ``index`` (tests, and copying the last session's lots)."""
        row = self.rows[index]
        row.lot.setText(lot)
        row.expiry.setDate(_qdate(expiry))

    def offer_last_lots(self, last: LastLots) -> None:
        """Offer, per product still without a lot, the lot and expiry it had last time (a click uses it)."""
        self._offers.clear()
        for index, row in enumerate(self.rows):
            found = last.get((row.product.name, row.product.concentration)) if row.product else None
            row.offer.setVisible(found is not None and not row.lot.text().strip())
            if found is None:
                continue
            lot, expiry = found
            when = _qdate(expiry).toString(expiry_format()) if expiry is not None else "—"
            row.offer.setText(self.tr("Use lot {lot} (expires {date})").format(lot=lot, date=when))
            row.offer.setToolTip(self.tr("The lot recorded for this product in the last session"))
            self._offers[index] = found

    def _use_offer(self, index: int) -> None:
        found = self._offers.get(index)
        if found is None:
            return
        lot, expiry = found
        row = self.rows[index]
        row.lot.setText(lot)
        row.expiry.setDate(_qdate(expiry) if expiry is not None else UNSET_DATE)
        row.offer.setVisible(False)

    def products(self) -> tuple[Product, ...]:
        """The products with the lots entered (rows without a product name are left out)."""
        entered = (row.entered_product() for row in self.rows)
        return tuple(product for product in entered if product is not None)

    def problems(self) -> list[str]:
        """Missing lots or expiry dates, and expired lots (refused), in words."""
        problems: list[str] = []
        for row in self.rows:
            product = row.entered_product()
            if product is None:
                problems.append(self.tr("Enter the product's name and concentration"))
                continue
            if product.lot is None:
                problems.append(self.tr("{product}: enter the lot number").format(product=product.label))
            if product.expiry is None and row.expiry.has_text():
                problems.append(
                    self.tr("{product}: the expiry date is not a date: type it as {pattern}").format(
                        product=product.label, pattern=row.expiry.edit.placeholderText()
                    )
                )
            elif product.expiry is None:
                problems.append(self.tr("{product}: enter the expiry date").format(product=product.label))
            elif product.is_expired(self._today):
                problems.append(self._expired_text(product))
            refused = row.refusal()
            if refused is not None and refused.reason == "unknown":
                problems.append(
                    self.tr("{product} is not in the product catalogue: choose its active substance").format(
                        product=product.label
                    )
                )
            elif refused is not None:
                problems.append(refusal_text(refused) or str(refused))
        return problems

    # ----------------------------------------------------------------- internals
    def _add_row(
        self, product: Product | None, name: QLabel | QLineEdit, concentration: QLineEdit | None
    ) -> None:
        row_index = 1 + 3 * len(self.rows)
        lot = QLineEdit(self._body)
        lot.setPlaceholderText(self.tr("Lot number"))
        lot.textChanged.connect(self._on_edit)
        expiry = ExpiryField(self._today, self._body)
        expiry.setToolTip(self.tr("Expiry date printed on the vial"))
        expiry.dateChanged.connect(self._on_edit)
        status = QLabel(self._body)
        status.setWordWrap(True)
        status.setVisible(False)
        offer = QPushButton(self._body)
        offer.setVisible(False)
        index = len(self.rows)
        offer.clicked.connect(lambda _checked=False: self._use_offer(index))
        substance = self._substance_choice()
        substance.setVisible(False)
        if concentration is not None:
            names = QWidget(self._body)
            names_layout = QHBoxLayout(names)
            names_layout.setContentsMargins(0, 0, 0, 0)
            names_layout.addWidget(name, 2)
            names_layout.addWidget(concentration, 1)
            self._grid.addWidget(names, row_index, 0)
        else:
            self._grid.addWidget(name, row_index, 0)
        self._grid.addWidget(lot, row_index, 1)
        self._grid.addWidget(expiry, row_index, 2)
        self._grid.addWidget(status, row_index + 1, 0, 1, 3)
        self._grid.addWidget(offer, row_index + 2, 1, 1, 2)
        self._grid.addWidget(substance, row_index + 2, 0)
        self.rows.append(LotRow(product, name, concentration, lot, expiry, status, offer, substance))

    def _substance_choice(self) -> QComboBox:
        """The catalogue's substances (corticoids left out), by name in the interface language."""
        combo = QComboBox(self._body)
        combo.setToolTip(
            self.tr("Not in the product catalogue: its active substance (recorded with the session)")
        )
        combo.addItem(self.tr("Active substance…"), "")
        language = current_language()
        usable = [s for s in load_catalogue().substances.values() if not s.refused]
        for substance in sorted(usable, key=lambda s: s.name(language).casefold()):
            combo.addItem(substance.name(language), substance.code)
        combo.currentIndexChanged.connect(self._on_edit)
        return combo

    def declare(self, index: int, substance_code: str) -> None:
        """Choose the active substance of product ``index`` (tests, keyboard macros)."""
        combo = self.rows[index].substance
        combo.setCurrentIndex(combo.findData(substance_code))

    def _clear(self) -> None:
        # A new body for the new rows: the old one goes with its widgets (layout items are never
        # handed to Python, whose wrappers would outlive them).
        self._body.hide()
        self._body.deleteLater()
        self._body = QWidget(self)
        self._grid = QGridLayout(self._body)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(0, 1)
        self._layout.addWidget(self._body)
        self.rows.clear()
        self._offers.clear()

    def _expired_text(self, product: Product) -> str:
        assert product.expiry is not None
        return self.tr("{product} lot {lot} expired on {date}: refused, use a vial within its date").format(
            product=product.label,
            lot=product.lot or "—",
            date=_qdate(product.expiry).toString(expiry_format()),
        )

    def _on_edit(self) -> None:
        for row in self.rows:
            base = row.base_product()
            unknown = False
            if base is not None:
                try:
                    ingredients_of(base)
                except ProductRefusedError as exc:
                    unknown = exc.reason == "unknown"
            row.substance.setVisible(unknown)
            product = row.entered_product()
            expired = product is not None and product.is_expired(self._today)
            row.status.setVisible(expired)
            if expired and product is not None:
                row.status.setText(self._expired_text(product))
                row.status.setStyleSheet(f"color: {style.STOP_RED}; font-weight: 600;")
        self.changed.emit()


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)

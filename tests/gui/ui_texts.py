"""Collecting the texts a user sees in a widget tree, and checking them against the French catalogue."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from functools import cache

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QTableView,
    QToolBar,
    QWidget,
)

from gui.language import TRANSLATIONS_DIR
from mesogun.vocabulary import all_names

#: Names that stay as they are in every language.
PROPER_NOUNS = {"mesogun", "Français", "English"}
#: Qt's own French catalogue (qtbase_fr) translates the standard dialog buttons.
QT_STANDARD_FRENCH = {"OK", "Annuler", "Fermer", "Oui", "Non", "&OK", "&Annuler", "&Fermer", "&Oui", "&Non"}
#: Identifiers reported by the gun (serial numbers, firmware versions): one token holding a digit.
_IDENTIFIER = re.compile(r"^[\w.\-/:+]*\d[\w.\-/:+]*$")
_NO_WORDS = re.compile(r"^[\W\d_]*(mm|µl|ml|Hz|kPa|s|µl/s)?[\W\d_]*$")


@cache
def french_patterns() -> tuple[re.Pattern[str], ...]:
    """One pattern per French translation; ``{name}`` placeholders match any text."""
    tree = ElementTree.parse(TRANSLATIONS_DIR / "mesogun_fr.ts")
    patterns = []
    for message in tree.getroot().iter("message"):
        translation = message.findtext("translation") or ""
        if translation:
            parts = re.split(r"\{[^}]*\}", translation)
            patterns.append(re.compile(".+".join(re.escape(part) for part in parts), re.DOTALL))
    # The domain's words come from the vocabulary, not from Qt's catalogue.
    patterns += [re.compile(re.escape(word)) for word in all_names("fr") if word]
    return tuple(patterns)


def is_french_or_neutral(text: str) -> bool:
    """True when ``text`` is a French catalogue entry (possibly filled in), a name, or has no words."""
    text = re.sub(r"<[^>]+>", "", text).strip()
    if (
        not text
        or text in PROPER_NOUNS
        or text in QT_STANDARD_FRENCH
        or _NO_WORDS.match(text)
        or _IDENTIFIER.match(text)  # serial numbers, firmware versions
        or text.startswith(("/dev/", "COM"))  # port names and the operating system's descriptions
    ):
        return True
    if any(pattern.fullmatch(text) for pattern in french_patterns()):
        return True
    parts = [part.strip() for part in text.split(" — ")]
    return len(parts) > 1 and all(is_french_or_neutral(part) for part in parts)


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every user-visible text under ``root``: labels, buttons, titles, items, tips."""
    found: list[tuple[str, str]] = [("window title", root.windowTitle())]
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        where = f"{type(widget).__name__} {widget.objectName()}".strip()
        if widget.toolTip():
            found.append((f"{where} tooltip", widget.toolTip()))
        if isinstance(widget, (QLabel, QAbstractButton)):
            found.append((where, widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append((where, widget.title()))
        elif isinstance(widget, QDockWidget | QToolBar):
            found.append((where, widget.windowTitle()))
        elif isinstance(widget, QComboBox):
            found.extend((f"{where} item", widget.itemText(i)) for i in range(widget.count()))
        elif isinstance(widget, QLineEdit):
            found.append((f"{where} placeholder", widget.placeholderText()))
        elif isinstance(widget, QTabBar):
            found.extend((f"{where} tab", widget.tabText(i)) for i in range(widget.count()))
        if isinstance(widget, QTableView):  # a table widget, or a view over a model
            model = widget.model()
            for column in range(model.columnCount()):
                header = model.headerData(column, Qt.Orientation.Horizontal)
                if header:
                    found.append((f"{where} header", str(header)))
        if isinstance(widget, pg.GraphicsView):
            for item in widget.scene().items():
                if isinstance(item, pg.AxisItem) and item.isVisible() and item.labelText:
                    found.append((f"{where} axis", item.labelText))
                elif isinstance(item, pg.LabelItem) and item.isVisible() and item.text:
                    found.append((f"{where} label", item.text))
    return [(where, text) for where, text in found if text and text.strip()]


def untranslated(root: QWidget) -> list[tuple[str, str]]:
    """The visible texts under ``root`` that are neither French nor neutral."""
    return [(where, text) for where, text in visible_texts(root) if not is_french_or_neutral(text)]

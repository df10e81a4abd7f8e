"""Collecting the texts a user sees in a widget tree, and checking them against the French catalogue."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from functools import cache
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
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
    """One pattern per French translation (each plural form of a counted one); ``{name}``, ``%1`` and
    the count ``%n`` match any text."""
    tree = ElementTree.parse(TRANSLATIONS_DIR / "mesogun_fr.ts")
    patterns = []
    for message in tree.getroot().iter("message"):
        forms = [form.text or "" for form in message.iter("numerusform")]
        for translation in forms or [message.findtext("translation") or ""]:
            if translation.strip():
                parts = re.split(r"\{[^}]*\}|%n|%\d", translation)
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


#: English words that are never French (shared with the French PDF report's test).
ENGLISH_WORDS = frozenset(
    line.strip().lower()
    for line in (Path(__file__).resolve().parents[1] / "english_words.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
#: A code as the journal or the gun writes it: UPPER_SNAKE_CASE, lower_snake_case, a kebab-case key,
#: or an enumeration's member written out (``AlarmCode.OCCLUSION``).
RAW_CODE = re.compile(
    r"\b(?:[A-Z]+_[A-Z_]+|[a-z]+_[a-z_]+|[a-z]+-[a-z]+-[a-z-]+|[A-Z][a-z]+[A-Z][A-Za-z]*\.[A-Z_]+)\b"
)


#: What a French screen must not show either: English's "n/a", and a date as the journal stores it.
_NOT_FRENCH = re.compile(r"\bn/a\b|\b\d{4}-\d{2}-\d{2}\b", re.IGNORECASE)
#: A command of the command line, quoted in a text (``mesogun plans new``): its words are the program's.
_COMMAND = re.compile(r"\bmesogun [a-z]+ [a-z]+\b")


def english_words(text: str) -> list[str]:
    """The words of ``text`` that are English and never French."""
    return sorted({word for word in re.findall(r"[A-Za-zÀ-ÿ’']+", text) if word.lower() in ENGLISH_WORDS})


def _model_texts(where: str, view: QAbstractItemView) -> list[tuple[str, str]]:
    """Every cell of the view's model (text and tooltip), and its headers in both directions."""
    model = view.model()
    if model is None:
        return []
    found: list[tuple[str, str]] = []
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            for column in range(model.columnCount(parent)):
                index = model.index(row, column, parent)
                for role in roles:
                    value = model.data(index, role)
                    if isinstance(value, str) and value.strip():
                        found.append((f"{where} cell {row},{column}", value))
                if column == 0 and model.rowCount(index) > 0:
                    walk(index)

    walk(QModelIndex())
    for orientation, count in (
        (Qt.Orientation.Horizontal, model.columnCount()),
        (Qt.Orientation.Vertical, model.rowCount()),
    ):
        for section in range(count):
            for role in roles:
                value = model.headerData(section, orientation, role)
                if isinstance(value, str) and value.strip() and not value.strip().isdigit():
                    found.append((f"{where} header {section}", value))
    return found


def screen_texts(root: QWidget) -> list[tuple[str, str]]:
    """What a user can read under ``root``: :func:`visible_texts`, every cell and header of every visible
    table or list (through its model, scrolled out of view or not), and the status bar's message."""
    found = visible_texts(root)
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        where = f"{type(widget).__name__} {widget.objectName()}".strip()
        if isinstance(widget, QAbstractItemView):
            found.extend(_model_texts(where, widget))
        if isinstance(widget, QMainWindow):
            found.append(("status bar", widget.statusBar().currentMessage()))
    return [(where, text) for where, text in found if text and text.strip()]


def english_or_codes(root: QWidget, typed: frozenset[str] = frozenset()) -> list[str]:
    """Texts under ``root`` holding an English word or a raw code (``typed``: the user's own words,
    removed from the texts first)."""
    wrong = []
    for where, text in screen_texts(root):
        shown = _COMMAND.sub(" ", re.sub(r"<[^>]+>", " ", text))
        for words in typed:
            shown = shown.replace(words, " ")
        if english_words(shown) or RAW_CODE.search(shown) or _NOT_FRENCH.search(shown):
            wrong.append(f"{where}: {text}")
    return wrong

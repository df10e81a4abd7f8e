"""Interface language: choosing French or English and loading the compiled translations.

English is the source language in the code; ``translations/mesogun_fr.ts`` holds the French text and
``mesogun_fr.qm`` its compiled form (``scripts/update-translations``). ``mesogun_en.ts`` holds only the
English plural forms of counted texts ("%n session(s)": "1 session", "2 sessions"). Qt's own French catalogue
(``qtbase_fr.qm``) translates the standard buttons of dialogs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from mesogun.vocabulary import Language

SUPPORTED = ("fr", "en")
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"

# Installed translators must outlive the call that installs them (Qt keeps only a pointer).
_installed: list[QTranslator] = []
_shown_language: list[Language] = ["en"]


def resolve_language(override: str | None, preference: str, system_locale: str | None = None) -> str:
    """The language to show: the command-line ``override``, else the saved ``preference``, else the system's.

    ``preference`` is ``"system"``, ``"fr"`` or ``"en"``; ``system_locale`` is a locale name such as
    ``"fr_FR"`` (default: the system locale). Any locale other than French gives English.
    """
    for choice in (override, preference):
        if choice is not None and choice != "system":
            if choice not in SUPPORTED:
                raise ValueError(f"language: {choice!r} is not one of {', '.join(SUPPORTED)}")
            return choice
    locale_name = system_locale if system_locale is not None else QLocale.system().name()
    return "fr" if locale_name.lower().startswith("fr") else "en"


def install_language(language: str) -> None:
    """Replace the application's translators with those of ``language`` (``"fr"`` or ``"en"``).

    Widgets created afterwards show the new language; widgets already built keep their text.
    """
    if language not in SUPPORTED:
        raise ValueError(f"language: {language!r} is not one of {', '.join(SUPPORTED)}")
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QApplication; create it first")
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.French if language == "fr" else QLocale.Language.English))
    _shown_language[0] = "fr" if language == "fr" else "en"
    ours = QTranslator(app)
    if not ours.load(str(TRANSLATIONS_DIR / f"mesogun_{language}.qm")):
        raise FileNotFoundError(
            f"Missing translation file {TRANSLATIONS_DIR / f'mesogun_{language}.qm'}; "
            "run scripts/update-translations"
        )
    QCoreApplication.installTranslator(ours)
    _installed.append(ours)
    if language == "en":
        return
    qt_base = QTranslator(app)
    # Qt's catalogue is optional: without it, standard buttons stay in English.
    if qt_base.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        QCoreApplication.installTranslator(qt_base)
        _installed.append(qt_base)


def current_language() -> Language:
    """The language last installed: ``"fr"`` or ``"en"`` (English until one is installed)."""
    return _shown_language[0]

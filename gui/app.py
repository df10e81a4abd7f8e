"""Starting the desktop application: QApplication, names for QSettings, theme, language, main window.

``run_app(argv)`` takes the options of ``mesogun gui`` (``--simulator``, ``--port``, ``--url``,
``--lang``, ``--journal``) and returns the exit code. With ``--port`` or ``--url`` the app connects to
that gun at start; with ``--simulator`` (the default when neither is given) the simulated gun is the
one offered, and ``--simulator`` given explicitly connects to it at start. ``--journal`` names the dose
journal file (default: ``mesogun.journal.default_journal_path()``, as for ``mesogun run``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.gui_thread_gc import install_gui_thread_collector
from gui.language import SUPPORTED, current_language, install_language, resolve_language
from gui.settings import AppSettings
from gui.style import apply_theme
from mesogun import __version__

ORGANIZATION_NAME = "mesogun"
ORGANIZATION_DOMAIN = "mesogun.local"
APPLICATION_NAME = "mesogun"
APPLICATION_DISPLAY_NAME = "mesogun"


@dataclass(frozen=True)
class AppOptions:
    """Command-line options of the desktop app."""

    simulator: bool = False
    port: str | None = None
    url: str | None = None
    lang: str | None = None
    journal: Path | None = None

    @property
    def connect_at_start(self) -> bool:
        """True when a gun was named on the command line (connect to it right away)."""
        return self.simulator or self.port is not None or self.url is not None


def add_gui_options(parser: argparse.ArgumentParser) -> None:
    """Add the desktop app's options to ``parser``."""
    target = parser.add_mutually_exclusive_group()
    target.add_argument(
        "--simulator",
        action="store_true",
        help="connect to a simulated gun at start (the gun offered by default when no port is given)",
    )
    target.add_argument(
        "--port", help="serial port of the gun to connect to at start, e.g. /dev/ttyACM0 or COM3"
    )
    target.add_argument(
        "--url", help="pyserial URL of the gun to connect to at start, e.g. socket://127.0.0.1:5000"
    )
    parser.add_argument(
        "--lang", choices=SUPPORTED, help="interface language (default: the saved choice, else the system's)"
    )
    parser.add_argument(
        "--journal",
        type=Path,
        metavar="FILE",
        help="dose journal file (default: the one `mesogun log path` shows, shared with `mesogun run`)",
    )


def parse_options(argv: Sequence[str]) -> AppOptions:
    """Options from the arguments that follow ``mesogun gui``."""
    parser = argparse.ArgumentParser(prog="mesogun gui", description="Start the mesogun desktop application.")
    add_gui_options(parser)
    args = parser.parse_args(list(argv))
    return AppOptions(
        simulator=args.simulator, port=args.port, url=args.url, lang=args.lang, journal=args.journal
    )


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (created once), named for QSettings, themed, and collecting garbage on its own
    thread only (see ``gui.gui_thread_gc``)."""
    QCoreApplication.setOrganizationName(ORGANIZATION_NAME)
    QCoreApplication.setOrganizationDomain(ORGANIZATION_DOMAIN)
    QCoreApplication.setApplicationName(APPLICATION_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv or sys.argv[:1]))
    app.setApplicationDisplayName(APPLICATION_DISPLAY_NAME)
    apply_theme(app)
    install_gui_thread_collector(app)
    return app


def run_app(argv: Sequence[str] | None = None) -> int:
    """Run the desktop application with the ``mesogun gui`` options in ``argv``; returns the exit code."""
    options = parse_options(argv if argv is not None else [])
    app = create_application(sys.argv[:1])
    collector = install_gui_thread_collector(app)
    collector.pause()  # until the window is painted (see below)
    settings = AppSettings()
    install_language(resolve_language(options.lang, settings.language))

    # Imported after the translators are installed: nothing is translated at import time, but the
    # window's module pulls in pyqtgraph, which is the slow part of start-up.
    from gui.main_window import MainWindow
    from gui.widgets.connection_panel import ConnectionTarget, TargetKind
    from mesogun.journal import JournalError
    from mesogun.vocabulary import error_text

    try:
        window = MainWindow(settings, journal_path=options.journal)
    except JournalError as exc:
        # Without its journal the app must not take shots from a gun: say why and stop.
        QMessageBox.critical(
            None,
            QCoreApplication.translate("App", "The dose journal cannot be opened"),
            error_text(exc, current_language()),
        )
        return 2
    if options.port is not None:
        target = ConnectionTarget(TargetKind.PORT, options.port)
    elif options.url is not None:
        target = ConnectionTarget(TargetKind.URL, options.url)
    else:
        target = ConnectionTarget(TargetKind.SIMULATOR)
    window.connection_panel.add_target(target)

    def on_ready() -> None:
        # Everything built at start-up lives as long as the window: kept out of later full collections,
        # once the window is painted and its plans are listed (collecting earlier would delay the paint).
        collector.freeze_survivors()
        collector.start()
        if options.connect_at_start:
            window.connect_to(target)

    window.ready.connect(on_ready)
    window.show()
    return app.exec()

"""The ``mesogun`` console command: the app by default, ``gui`` in --help, other commands to the CLI."""

from __future__ import annotations

import pytest

from gui import entry
from gui.app import parse_options


def test_help_lists_the_gui_command_beside_the_others(capsys: pytest.CaptureFixture[str]) -> None:
    assert entry.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "gui" in out and "start the desktop application" in out
    assert "ports" in out  # the command line's own commands are still there


def test_gui_help_shows_the_app_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        entry.main(["gui", "--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    for option in ("--simulator", "--port", "--url", "--lang"):
        assert option in out


def test_other_commands_go_to_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert entry.main(["ports"]) == 0
    assert capsys.readouterr().out  # the port table (or its empty-state line) was printed


def test_app_options_name_the_gun_to_connect_to() -> None:
    assert not parse_options([]).connect_at_start  # the simulated gun is offered, not started
    assert parse_options(["--simulator", "--lang", "fr"]).connect_at_start
    assert parse_options(["--port", "/dev/ttyACM0"]).port == "/dev/ttyACM0"
    with pytest.raises(SystemExit):
        parse_options(["--port", "/dev/ttyACM0", "--url", "socket://127.0.0.1:1"])
    with pytest.raises(SystemExit):
        parse_options(["--lang", "de"])


def test_app_started_with_simulator_connects_at_start_in_french() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from gui.device_bridge import LinkState
    from gui.language import install_language
    from gui.main_window import MainWindow

    seen: dict[str, object] = {}
    deadline = QTimer()
    deadline.setSingleShot(True)

    def windows() -> list[MainWindow]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]

    def watch() -> None:
        for window in windows():
            if window.bridge.state is LinkState.CONNECTED and "title" not in seen:
                seen["title"] = window.windowTitle()
                seen["serial"] = window.connection_panel.serial_value.text()
                window.bridge.disconnect_device()
            elif "title" in seen and window.bridge.state is LinkState.DISCONNECTED:
                window.close()
                return
        if deadline.isActive():
            QTimer.singleShot(20, watch)
        else:
            for window in windows():  # give up: close without asking, the assertions below fail
                window.bridge.shutdown()
                window.bridge.disconnect_device()
                window.close()

    deadline.start(30_000)
    QTimer.singleShot(20, watch)
    try:
        assert entry.main(["gui", "--simulator", "--lang", "fr"]) == 0
    finally:
        install_language("en")
    assert seen == {"title": "mesogun — injecteur de mésothérapie", "serial": "SIM-0001"}

"""Screenshots of the desktop app's screens, with a simulated gun, in English and French.

Run: ``.venv/bin/python scripts/screenshots.py [--out docs/screenshots]``. Without a display it restarts
itself under ``xvfb-run`` (a real X server, so fonts and painting are those of a desktop); without
xvfb-run it falls back to Qt's offscreen platform. Each screen is grabbed to ``<out>/<name>-<lang>.png``.
Settings go to a temporary file: the user's own settings are not touched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD_FLAG = "MESOGUN_SCREENSHOTS_UNDER_XVFB"
WINDOW_SIZE = (1440, 900)


def _relaunch_under_xvfb() -> int | None:
    """Run this script again under xvfb-run when there is no display; None when not needed/possible."""
    if os.environ.get("DISPLAY") or os.environ.get(CHILD_FLAG) or os.environ.get("QT_QPA_PLATFORM"):
        return None
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return None
    command = [xvfb, "-a", "-s", "-screen 0 1920x1200x24", sys.executable, *sys.argv]
    return subprocess.run(command, env={**os.environ, CHILD_FLAG: "1"}, check=False).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    relaunched = _relaunch_under_xvfb()
    if relaunched is not None:
        return relaunched
    sys.path.insert(0, str(ROOT))
    return _take_screenshots(args.out)


def _take_screenshots(out: Path) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QGridLayout, QWidget

    from gui.app import create_application
    from gui.device_bridge import LinkState
    from gui.language import install_language
    from gui.main_window import MainWindow
    from gui.settings import AppSettings
    from gui.settings_dialog import SettingsDialog
    from gui.widgets.body_map import BodyMap, MapPoint, PointState
    from gui.widgets.connection_panel import ConnectionTarget, TargetKind
    from gui.widgets.volume_plot import VolumePlot
    from mesogun.models import ACUPOINTS, BodyView, Laterality, Site
    from mesogun.simulation import SimulatedGunHandle, start_simulated_gun

    app = create_application(["mesogun-screenshots"])
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="mesogun-screenshots-"))

    def wait_until(what: str, predicate: Callable[[], bool], timeout_s: float = 20.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError(f"screenshots: gave up waiting for {what}")
            app.processEvents()
            time.sleep(0.01)

    def settle(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    def save(widget: QWidget, name: str, language: str) -> None:
        settle(0.3)
        path = out / f"{name}-{language}.png"
        widget.grab().save(str(path))
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)

    def shoot(language: str) -> None:
        install_language(language)
        settings = AppSettings(QSettings(str(work / f"settings-{language}.ini"), QSettings.Format.IniFormat))
        settings.telemetry_rate_hz = 500

        def factory() -> SimulatedGunHandle:
            return start_simulated_gun(
                f"screenshots-{language}", journal_path=work / f"gun-{language}.journal"
            )

        window = MainWindow(settings, simulator_factory=factory)
        window.resize(*WINDOW_SIZE)
        window.show()
        settle(0.5)
        save(window, "main-disconnected", language)

        window.connect_to(ConnectionTarget(TargetKind.SIMULATOR))
        wait_until("the connection", lambda: window.bridge.state is LinkState.CONNECTED)
        controls = window.connection_page.delivery
        controls.syringe_combo.setCurrentIndex(max(0, controls.syringe_combo.findData(5)))
        controls.load_button.click()
        wait_until("the syringe", lambda: "ml" in window.connection_panel.syringe_value.text())
        controls.arm_button.click()
        wait_until("arming", lambda: controls.disarm_button.isEnabled())
        page = window.connection_page
        for _ in range(4):
            shots_before = page.shots.shot_count
            page.simulator.trigger_button.click()
            wait_until("a shot", lambda: page.shots.shot_count > shots_before)  # noqa: B023  (called at once)
            settle(0.6)
        settle(2.0)
        save(window, "main-connected", language)

        page.simulator.occlusion_button.click()
        page.simulator.trigger_button.click()
        wait_until("the occlusion alarm", lambda: bool(window.alarm_banner.active_codes()))
        settle(1.0)
        save(window, "main-alarm", language)
        page.simulator.occlusion_button.click()

        dialog = SettingsDialog(settings, window)
        dialog.show()
        save(dialog, "settings", language)
        dialog.close()

        window.disconnect_from_gun()
        wait_until("the disconnection", lambda: window.bridge.state is LinkState.DISCONNECTED)
        window.close()
        window.deleteLater()

        gallery = QWidget()
        gallery.setWindowTitle("mesogun")
        layout = QGridLayout(gallery)
        maps = []
        points: list[MapPoint] = []
        for code, acupoint in ACUPOINTS.items():
            site = Site.model_validate({"acupoint_code": code})
            sides = (
                [site.on_side(Laterality.LEFT), site.on_side(Laterality.RIGHT)]
                if acupoint.bilateral
                else [site]
            )
            for side in sides:
                points.append(MapPoint.from_site(len(points), side))
        states = [
            PointState.DONE,
            PointState.DONE,
            PointState.PARTIAL,
            PointState.SKIPPED,
            PointState.CURRENT,
        ]
        for view in (BodyView.FRONT, BodyView.FACE, BodyView.HAND, BodyView.FOOT):
            body_map = BodyMap()
            body_map.set_points(points)
            for key, state in enumerate(states):
                body_map.set_state(key, state)
            body_map.set_current(4)
            body_map.show_view(view)
            maps.append(body_map)
            layout.addWidget(body_map, 0, len(maps) - 1)
        volume = VolumePlot()
        volume.set_points([p.label for p in points], [50.0] * len(points))
        for key, delivered in enumerate((50.0, 50.0, 38.0, 0.0, 20.0)):
            volume.set_delivered(key, delivered)
        layout.addWidget(volume, 1, 0, 1, 4)
        layout.setRowStretch(0, 3)
        layout.setRowStretch(1, 2)
        gallery.resize(1400, 820)
        gallery.show()
        save(gallery, "body-map-and-volumes", language)
        gallery.close()

    for language in ("en", "fr"):
        shoot(language)
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())

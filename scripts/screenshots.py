"""Screenshots of the desktop app's screens, with a simulated gun, in English and French.

Run: ``.venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--size 1920x1080]``: the
window fills a screen of that size (``--size 1366x768 --out docs/screenshots/1366x768`` for a
laptop's screen). Without a display it restarts itself under ``xvfb-run`` (a real X server, so fonts
and painting are those of a desktop); without xvfb-run it falls back to Qt's offscreen platform. Each
screen is grabbed to ``<out>/<name>-<lang>.png``. Settings go to a temporary file: the user's own
settings are not touched.
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
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CHILD_FLAG = "MESOGUN_SCREENSHOTS_UNDER_XVFB"
SIZE_ENV = "MESOGUN_SCREENSHOTS_SIZE"
#: The screen's size (and the main window's): set from ``--size``.
WINDOW_SIZE = (1920, 1080)


def _relaunch_under_xvfb() -> int | None:
    """Run this script again under xvfb-run when there is no display; None when not needed/possible."""
    if os.environ.get("DISPLAY") or os.environ.get(CHILD_FLAG) or os.environ.get("QT_QPA_PLATFORM"):
        return None
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return None
    width, height = WINDOW_SIZE
    command = [xvfb, "-a", "-s", f"-screen 0 {width}x{height}x24", sys.executable, *sys.argv]
    return subprocess.run(command, env={**os.environ, CHILD_FLAG: "1"}, check=False).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1920x1080", help="screen size, WIDTHxHEIGHT (default 1920x1080)")
    args = parser.parse_args()
    global WINDOW_SIZE
    width, _x, height = args.size.partition("x")
    WINDOW_SIZE = (int(width), int(height))
    args.out.mkdir(parents=True, exist_ok=True)
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

        window = MainWindow(
            settings, simulator_factory=factory, journal_path=work / f"app-journal-{language}.sqlite3"
        )
        window.resize(*WINDOW_SIZE)
        window.show()
        settle(0.5)
        save(window, "main-disconnected", language)

        window.connect_to(ConnectionTarget(TargetKind.SIMULATOR))
        wait_until("the connection", lambda: window.bridge.state is LinkState.CONNECTED)
        _shoot_session(window, language, save, wait_until)
        window.show_page(window.connection_page)
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

        journal_path = _demo_journal(work / f"journal-{language}.sqlite3")
        _shoot_history(journal_path, language, save, wait_until)
        _shoot_technician_diagnostics(work, language, save, wait_until)
        _shoot_technician_volume_calibration(work, language, save, wait_until)

    for language in ("en", "fr"):
        shoot(language)
    QApplication.processEvents()
    return 0


#: What the practitioner types during the demo session, in the screenshot's language.
_TYPED = {
    "fr": {
        "practitioner": "Dr Claire Martin",
        "skip": "douleur au point",
        "end": "malaise vagal, séance arrêtée",
        "event": "malaise vagal",
        "action": "allongée, jambes surélevées",
    },
    "en": {
        "practitioner": "Dr Claire Martin",
        "skip": "pain at the point",
        "end": "vasovagal episode, session stopped",
        "event": "vasovagal episode",
        "action": "lying down, legs raised",
    },
}


def _shoot_session(
    window: Any,
    language: str,
    save: Callable[[Any, str, str], None],
    wait_until: Callable[..., None],
) -> None:
    """The session screens on the connected simulated gun: the filled-in setup, then a Mésostress
    session where three points are given, the fourth skipped with a reason and the fifth stopped by an
    occlusion alarm; after the alarm is acknowledged the session is ended early with its reason, and its
    summary is shown with an adverse event recorded."""
    from datetime import date

    from mesogun.session import SessionState

    typed = _TYPED[language]
    setup = window.session_area.setup_page
    setup.choose_builtin("mesostress")
    setup.patient.pseudonym_edit.setText("MST-0042")
    setup.practitioner_edit.setText(typed["practitioner"])
    for index, lot in enumerate(("PRC-2411", "MGS-0312", "THI-0907")):
        setup.lots.fill(index, lot, date(2027, 6, 30))
    setup.screening.consent_box.setChecked(True)
    for code in setup.screening.rows:
        setup.screening.answer(code, False)
    banner = setup.calibration_banner
    wait_until("the calibration check", lambda: banner.checked > 0)
    if banner.warning is not None:  # the simulated gun was never calibrated: the warning is read
        setup.calibration_confirm.setChecked(True)
    try:
        wait_until("a complete setup form", lambda: setup.start_button.isEnabled())
    except TimeoutError as error:
        raise TimeoutError(f"{error}: {setup.problems()}") from None
    save(window, "session-setup", language)

    setup.start_button.click()
    session = window.session

    def armed_at(index: int) -> Callable[[], bool]:
        return lambda: (
            session.snapshot is not None
            and session.snapshot.armed
            and session.snapshot.current_index == index
            and session.snapshot.state is SessionState.RUNNING
        )

    for index in range(3):
        wait_until("the point to be armed", armed_at(index))
        window.dock_simulator.trigger_button.click()  # the simulated gun's own trigger, one pull
        wait_until("the shot", lambda i=index: bool(session.snapshot.points[i].shots == 1), 30.0)
    wait_until("the fourth point", armed_at(3))
    session.skip(typed["skip"])
    wait_until("the fifth point", armed_at(4))
    simulator = window.dock_simulator
    simulator.occlusion_button.setChecked(True)  # the needle blocked: the next pull raises the alarm
    simulator.trigger_button.click()
    wait_until("the occlusion alarm", lambda: session.snapshot.state is SessionState.ALARM, 30.0)
    wait_until("the alarm banner", lambda: bool(window.alarm_banner.active_codes()))
    save(window, "session-running", language)

    simulator.occlusion_button.setChecked(False)
    for _attempt in range(10):  # the gun takes the acknowledgement once its cut shot has ended
        session.acknowledge_alarm()
        try:
            wait_until("the session to go on", lambda: session.snapshot.state is not SessionState.ALARM, 3.0)
            break
        except TimeoutError:
            continue
    session.stop(typed["end"])
    wait_until("the end of the session", lambda: not session.active, 30.0)
    summary = window.summary_page
    wait_until("the session summary", lambda: summary.record is not None and summary.isVisible(), 30.0)
    notes = summary.notes
    notes.author_edit.setText(typed["practitioner"])
    notes.event_edit.setText(typed["event"])
    notes.severity_combo.setCurrentIndex(1)
    notes.action_edit.setText(typed["action"])
    events_before = len(summary.record.adverse_events)
    notes.event_button.click()
    wait_until("the adverse event", lambda: len(summary.record.adverse_events) > events_before, 30.0)
    # The left column scrolled to the session's events: the alarm, the skipped point, the adverse event.
    from PySide6.QtWidgets import QScrollArea

    events_box = summary.events.parentWidget()
    column = next(area for area in summary.findChildren(QScrollArea) if area.isAncestorOf(events_box))
    column.verticalScrollBar().setValue(events_box.y() - 4)
    save(window, "session-summary", language)

    window.session_area.show_setup(reset=True)  # ready for the next patient; the runner let go
    bench = window.connection_page.delivery
    wait_until("the bench to see the gun disarmed", lambda: not bench.disarm_button.isEnabled())


def _demo_journal(path: Path) -> Path:
    """A journal holding a completed Mésostress session (a partial dose, an override) and an aborted one."""
    from datetime import UTC, date, datetime, timedelta

    from firmware_protocol import AlarmCode, ShotResult
    from mesogun.device_events import Shot
    from mesogun.journal import SqliteJournal
    from mesogun.models import CocktailComponent, Product
    from mesogun.plans import builtin_plan

    plan = builtin_plan("mesostress")
    start = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
    procaine = Product(name="Procaïne", concentration="2 %", lot="PRC-2411", expiry=date(2026, 6, 30))
    magnesium = Product(name="Magnésium", concentration="15 %", lot="MGS-0312", expiry=date(2026, 1, 31))
    with SqliteJournal(path) as journal:
        for day, patient, stop_after in ((0, "MST-0042", None), (7, "MST-0042", 3)):
            session_id = journal.open_session(
                patient_pseudonym=patient,
                practitioner="Dr Claire Martin",
                indication=plan.indication,
                limits_version="limits-2025.1",
                products=[
                    CocktailComponent(product=procaine, proportion_pct=50.0),
                    CocktailComponent(product=magnesium, proportion_pct=50.0),
                ],
                plan_name=plan.name,
                plan_version=plan.version,
                device_serial="SIM-0001",
                device_firmware="1.0.0-sim",
                calibration_id="CAL-7",
                started_at=start + timedelta(days=day),
            )
            event = 100 * (day + 1)
            for point in plan.points()[:stop_after]:
                config_id = event
                journal.record_point_configured(
                    session_id,
                    point_index=point.index,
                    device_serial="SIM-0001",
                    config_id=config_id,
                    technique=point.technique,
                    mode=point.mode,
                    depth_mm=point.depth_mm,
                    volume_ul=point.volume_per_shot_ul,
                    flow_ul_s=point.flow_ul_s,
                    burst_rate_per_s=point.burst_rate_per_s,
                    limits_version="limits-2025.1",
                    operator="Dr Claire Martin",
                    site=point.site,
                    zone=point.zone,
                )
                for _ in range(point.planned_shots):
                    event += 1
                    short = point.index == 3
                    journal.store(
                        "SIM-0001",
                        Shot(
                            event_number=event,
                            device_time=start + timedelta(days=day, seconds=20 * event % 1800),
                            config_id=config_id,
                            mode=point.mode,
                            commanded_depth_mm=point.depth_mm,
                            measured_depth_mm=point.depth_mm,
                            commanded_volume_ul=point.volume_per_shot_ul,
                            delivered_volume_ul=point.volume_per_shot_ul * (0.6 if short else 1.0),
                            flow_ul_s=point.flow_ul_s,
                            result=ShotResult.PARTIAL if short else ShotResult.COMPLETE,
                            cause=AlarmCode.OCCLUSION if short else AlarmCode.NONE,
                            syringe_remaining_ul=2500.0 - 20 * (event % 100),
                        ),
                    )
            if stop_after is None:
                journal.add_note(
                    session_id, "Séance bien tolérée ; revoir dans une semaine.", "Dr Claire Martin"
                )
                journal.close_session(session_id, "completed")
            else:
                journal.add_adverse_event(session_id, "malaise vagal", reported_by="Dr Claire Martin")
                journal.close_session(session_id, "aborted", reason="malaise vagal")
    return path


def _shoot_history(
    journal_path: Path,
    language: str,
    save: Callable[[Any, str, str], None],
    wait_until: Callable[[str, Callable[[], bool]], None],
) -> None:
    """The history screen with its sessions and the journal's integrity verdict."""
    from gui.pages.history_page import HistoryPage

    page = HistoryPage(journal_path)
    page.resize(WINDOW_SIZE[0], 640)
    page.show()
    page.refresh()
    wait_until("the sessions", lambda: len(page.shown_sessions) == 2)
    page.table.select(page.shown_sessions[-1].session_id)
    page.verify_journal()
    wait_until("the integrity check", lambda: page.verdict.intact is not None)
    save(page, "history", language)
    page.shutdown()
    page.close()
    page.deleteLater()


def _technician_page(work: Path, name: str, wait_until: Callable[[str, Callable[[], bool]], None]) -> Any:
    """A technician page connected to a fresh simulated gun (twenty times faster than real time)."""
    from gui.device_bridge import DeviceBridge, LinkState
    from gui.pages.technician_page import TechnicianPage
    from mesogun.simulation import start_simulated_gun

    gun = start_simulated_gun(name, clock_scale=20.0, journal_path=work / f"{name}.events")
    bridge = DeviceBridge()
    page = TechnicianPage(bridge, work / f"{name}.sqlite3")
    page.resize(*WINDOW_SIZE)
    page.show()
    bridge.connect_device(url=gun.url)
    wait_until("the technician's gun", lambda: bridge.state is LinkState.CONNECTED)
    page.offer_balance(f"simbalance://{name}-balance?gun={name}", gun)
    return page, bridge, gun


def _close_technician_page(page: Any, bridge: Any, gun: Any) -> None:
    page.shutdown()
    bridge.shutdown()
    gun.close()
    page.close()
    page.deleteLater()


def _shoot_technician_diagnostics(
    work: Path,
    language: str,
    save: Callable[[Any, str, str], None],
    wait_until: Callable[[str, Callable[[], bool]], None],
) -> None:
    """The technician's diagnostics: after a few shots and an occlusion, a self-test and the gun's log."""
    from firmware_protocol import Mode

    page, bridge, gun = _technician_page(work, f"screenshots-diagnostics-{language}", wait_until)
    done: list[object] = []

    def shots_and_an_occlusion(injector: Any) -> None:
        injector.load_syringe(10, 10_000.0)
        injector.configure(Mode.SINGLE, 1.5, 20.0, 100.0)
        injector.arm()
        injector.fire(4)
        time.sleep(1.0)
        gun.set_occlusion(True)
        injector.fire(1)
        time.sleep(1.0)
        gun.set_occlusion(False)
        injector.acknowledge_alarm()

    bridge.call("screenshots", shots_and_an_occlusion, done.append)
    wait_until("the shots", lambda: bool(done))
    diagnostics = page.diagnostics_tab
    diagnostics.self_test_button.click()
    wait_until("the self-test", lambda: diagnostics.last_self_test is not None)
    previous_log = diagnostics.last_log
    diagnostics.read_log_button.click()
    wait_until("the gun's log", lambda: diagnostics.last_log is not previous_log)
    save(page, "technician-diagnostics", language)
    _close_technician_page(page, bridge, gun)


def _shoot_technician_volume_calibration(
    work: Path,
    language: str,
    save: Callable[[Any, str, str], None],
    wait_until: Callable[[str, Callable[[], bool]], None],
) -> None:
    """A finished volume calibration of the simulated gun (6 % off) with the simulated balance."""
    page, bridge, gun = _technician_page(work, f"screenshots-volume-{language}", wait_until)
    volume = page.volume_tab
    page.tabs.setCurrentWidget(volume)
    volume.setup_form.technician_edit.setText("Jean Dupont")
    volume.setup_form.syringe_edit.setText("BD Plastipak 10 ml")
    page.mode_bar.code_edit.setText("1234")  # the simulated gun's technician access code
    volume.start_button.click()

    def loaded_when_asked() -> bool:
        if volume.refill_box.isVisible() and volume.refill_button.isEnabled():
            volume.refill_button.click()
        ready_to_write = volume.write_button.isVisible() and volume.write_button.isEnabled()
        return ready_to_write or volume.result is not None

    wait_until("the as-found series", loaded_when_asked)
    volume.write_button.click()
    wait_until("the verification", lambda: loaded_when_asked() and volume.result is not None)
    save(page, "technician-volume-calibration", language)
    _close_technician_page(page, bridge, gun)


if __name__ == "__main__":
    sys.exit(main())

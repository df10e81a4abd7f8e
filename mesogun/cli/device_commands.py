"""Device sub-commands: ``ports``, ``info``, ``status``, ``fire``, ``monitor`` and ``demo``."""

from __future__ import annotations

import argparse
import contextlib
import functools
import sys
import threading
import time
from collections.abc import Callable

from firmware_protocol import Mode, ShotResult
from mesogun.cli.arguments import count_in, duration_seconds, finite_float, positive
from mesogun.cli.connection import add_connection_options, open_injector, simulated_gun
from mesogun.cli.device_output import TelemetrySummary, event_line, info_text, ports_table, status_text
from mesogun.device_events import DeviceEvent, Shot
from mesogun.errors import MesogunError
from mesogun.injector import ConnectionState, Injector
from mesogun.ports import list_serial_ports
from mesogun.simulation import SimulatedGunHandle

Handler = Callable[[argparse.Namespace], int]

#: What the demo configures: a papule, the most common technique.
DEMO_DEPTH_MM = 1.5
DEMO_VOLUME_UL = 20.0
DEMO_FLOW_UL_S = 50.0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the device sub-commands to the ``mesogun`` parser."""
    p = sub.add_parser(
        "ports",
        help="list serial ports, to find the gun's port and USB serial number",
        description="List the serial ports of this computer with their USB ids and serial numbers.",
    )
    p.set_defaults(handler=_ports)

    p = sub.add_parser(
        "info",
        help="show the gun's identity and ranges",
        description="Connect to the gun and show its model, serial number, firmware and allowed ranges.",
    )
    add_connection_options(p)
    p.set_defaults(handler=_info)

    p = sub.add_parser(
        "status",
        help="show the gun's state, alarms, syringe and battery",
        description="Connect to the gun and show its state, configuration, alarms, syringe and battery.",
    )
    add_connection_options(p)
    p.set_defaults(handler=_status)

    p = sub.add_parser(
        "fire",
        help="configure, arm, fire shots and disarm (bench test; needle out of the skin)",
        description=(
            "Bench test: configure the gun, arm it, fire COUNT shots, print each shot the gun reports, "
            "then disarm. Hold the gun over a container, never over a patient."
        ),
    )
    add_connection_options(p)
    p.add_argument("--count", type=int, default=1, help="number of shots, 1–50 (default 1)")
    p.add_argument(
        "--mode",
        choices=[m.name.lower() for m in Mode],
        default="single",
        help="single shots, burst (nappage) or continuous (mésoperfusion) (default single)",
    )
    p.add_argument("--depth-mm", type=finite_float, default=1.0, help="needle depth in mm (default 1.0)")
    p.add_argument("--volume-ul", type=positive, default=20.0, help="volume per shot in µl (default 20)")
    p.add_argument("--flow-ul-s", type=positive, default=50.0, help="delivery speed in µl/s (default 50)")
    p.add_argument(
        "--burst-rate", type=positive, default=3.0, help="burst mode: shots per second (default 3)"
    )
    p.add_argument(
        "--load-syringe-ml",
        type=int,
        metavar="ML",
        help="declare a freshly loaded, full syringe of ML millilitres before firing",
    )
    p.set_defaults(handler=_fire)

    p = sub.add_parser(
        "monitor",
        help="watch the gun live: events as they happen and a telemetry summary",
        description="Print each event of the gun as it happens, and a telemetry summary each second.",
    )
    add_connection_options(p)
    _add_monitor_options(p)
    p.set_defaults(handler=_monitor)

    p = sub.add_parser(
        "demo",
        help="see a simulated gun fire a few shots (no hardware needed)",
        description="Start a simulated gun, pull its trigger a few times and show what the gun reports.",
    )
    p.add_argument(
        "--shots", type=count_in(1, 1000), default=5, help="number of trigger pulls, 1–1000 (default 5)"
    )
    p.set_defaults(handler=_demo)


def _add_monitor_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--telemetry-hz",
        type=count_in(0, 10_000),
        default=50,
        metavar="N",
        help="telemetry rate, 0 for none (default 50)",
    )
    p.add_argument(
        "--duration", type=duration_seconds, metavar="S", help="stop after S seconds (default: until Ctrl-C)"
    )
    p.add_argument(
        "--demo-shots",
        type=count_in(0, 1000),
        default=0,
        metavar="N",
        help="with --simulator: configure a papule, arm and pull the simulated trigger N times",
    )


def _reports_errors(handler: Handler) -> Handler:
    """Print a MesogunError as one clear line and exit with 1; Ctrl-C exits with 130."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except MesogunError as exc:
            print(f"mesogun: {exc}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print("mesogun: interrupted", file=sys.stderr)
            return 130

    return run


# ---------------------------------------------------------------------- ports, info, status


@_reports_errors
def _ports(args: argparse.Namespace) -> int:
    print(ports_table(list_serial_ports()))
    return 0


@_reports_errors
def _info(args: argparse.Namespace) -> int:
    with open_injector(args) as gun:
        print(info_text(gun.info))
    return 0


@_reports_errors
def _status(args: argparse.Namespace) -> int:
    with open_injector(args) as gun:
        print(status_text(gun.status()))
    return 0


# ---------------------------------------------------------------------- fire


@_reports_errors
def _fire(args: argparse.Namespace) -> int:
    mode = Mode[args.mode.upper()]
    with open_injector(args) as gun:
        shots = _ShotCollector()
        gun.subscribe_events(shots.add)
        _ensure_syringe(gun, args.load_syringe_ml)
        config_id = gun.configure(mode, args.depth_mm, args.volume_ul, args.flow_ul_s, args.burst_rate)
        print(f"configured #{config_id}: {mode.name.lower()}, {args.depth_mm:g} mm, {args.volume_ul:g} µl")
        gun.arm()
        try:
            first = gun.fire(args.count)
            expected = 1 if mode is Mode.CONTINUOUS else args.count
            per_shot_s = args.volume_ul / args.flow_ul_s + 1 / args.burst_rate
            received = shots.wait(first, expected, timeout_s=10.0 + expected * per_shot_s * 2)
        finally:
            gun.disarm()
    for shot in received:
        print(event_line(shot))
    complete = sum(1 for s in received if s.result is ShotResult.COMPLETE)
    total_ul = sum(s.delivered_volume_ul for s in received)
    print(f"{complete} of {expected} shots complete, {total_ul:g} µl delivered; gun disarmed")
    if complete < expected:
        print(f"mesogun: {expected - complete} shot(s) not complete; see the lines above", file=sys.stderr)
        return 1
    return 0


class _ShotCollector:
    """Shots heard from the gun, for a command that waits for the shots it asked for."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._shots: list[Shot] = []

    def add(self, event: DeviceEvent) -> None:
        if isinstance(event, Shot):
            with self._cond:
                self._shots.append(event)
                self._cond.notify_all()

    def count(self) -> int:
        with self._cond:
            return len(self._shots)

    def wait(self, first_event_number: int, count: int, timeout_s: float) -> list[Shot]:
        def mine() -> list[Shot]:
            return [s for s in self._shots if s.event_number >= first_event_number]

        with self._cond:
            self._cond.wait_for(lambda: len(mine()) >= count, timeout_s)
            return mine()


def _ensure_syringe(gun: Injector, load_ml: int | None) -> None:
    if load_ml is not None:
        gun.load_syringe(load_ml, load_ml * 1000.0)
        print(f"syringe: {load_ml} ml loaded, full")
        return
    status = gun.status()
    if status.syringe_capacity_ml and status.syringe_remaining_ul > 0:
        return
    if simulated_gun(gun) is None:
        raise MesogunError(
            "No filled syringe is declared in the gun: load one, then pass --load-syringe-ml with its "
            "capacity (a full syringe) to declare it."
        )
    size = max(gun.info.capabilities.syringe_sizes_ml)
    gun.load_syringe(size, size * 1000.0)
    print(f"simulated gun: a full {size} ml syringe loaded")


# ---------------------------------------------------------------------- monitor and demo


@_reports_errors
def _monitor(args: argparse.Namespace) -> int:
    if args.demo_shots and not args.simulator:
        print(
            "mesogun: --demo-shots needs --simulator (it pulls the simulated gun's trigger)", file=sys.stderr
        )
        return 2
    printer = threading.Lock()

    def say(line: str) -> None:
        with printer:
            print(line, flush=True)

    with open_injector(args) as gun:
        info = gun.info
        say(
            f"connected to {info.model} {info.serial_number}, firmware {info.firmware_version} (Ctrl-C stops)"
        )
        shots = _ShotCollector()
        summary = TelemetrySummary()

        def on_event(event: DeviceEvent) -> None:
            shots.add(event)
            say(event_line(event))

        def on_connection(state: ConnectionState, detail: str) -> None:
            say(f"connection {state.value}: {detail}")

        gun.subscribe_events(on_event)
        gun.subscribe_telemetry(summary.add)
        stop_hearing_connection = gun.subscribe_connection(on_connection)
        if args.telemetry_hz:
            gun.configure_telemetry(args.telemetry_hz)
        demo = _Demo(gun, simulated_gun(gun), args.demo_shots, shots, say) if args.demo_shots else None
        if demo is not None:
            demo.start()
        deadline = None if args.duration is None else time.monotonic() + args.duration
        try:
            while deadline is None or time.monotonic() < deadline:
                if demo is not None and demo.finished.wait(1.0):
                    break
                if demo is None:
                    time.sleep(1.0 if deadline is None else max(0.0, min(1.0, deadline - time.monotonic())))
                if args.telemetry_hz:
                    say(summary.line())
        finally:
            if args.telemetry_hz:
                _quietly(lambda: gun.configure_telemetry(0))
        if args.telemetry_hz:
            say(summary.line())
        stats = gun.stats
        say(
            f"link: {stats.frames_ok} frames received, {stats.dropped} dropped, "
            f"{stats.retransmissions} re-sent, round trip p50 {stats.rtt_p50_ms:.2f} ms"
        )
        stop_hearing_connection()  # closing is not news
        if demo is not None and demo.error is not None:
            raise demo.error
    return 0


class _Demo(threading.Thread):
    """Configure a papule, arm, pull the simulated trigger N times, wait for the shots, disarm."""

    def __init__(
        self,
        gun: Injector,
        handle: SimulatedGunHandle | None,
        pulls: int,
        shots: _ShotCollector,
        say: Callable[[str], None],
    ) -> None:
        super().__init__(name="mesogun-demo", daemon=True)
        self._gun = gun
        self._handle = handle
        self._pulls = pulls
        self._shots = shots
        self._say = say
        self.finished = threading.Event()
        self.error: MesogunError | None = None

    def run(self) -> None:
        try:
            self._run()
        except MesogunError as exc:
            self.error = exc
        finally:
            self.finished.set()

    def _run(self) -> None:
        gun, handle = self._gun, self._handle
        if handle is None:
            raise MesogunError("the demo needs the simulated gun (--simulator)")
        _ensure_syringe(gun, None)
        gun.configure(Mode.SINGLE, DEMO_DEPTH_MM, DEMO_VOLUME_UL, DEMO_FLOW_UL_S)
        self._say(f"demo: papule configured ({DEMO_DEPTH_MM:g} mm, {DEMO_VOLUME_UL:g} µl); arming")
        gun.arm()
        try:
            before = self._shots.count()
            for pull in range(1, self._pulls + 1):
                self._say(f"demo: trigger pull {pull} of {self._pulls}")
                handle.pull_trigger()
            self._shots.wait(0, before + self._pulls, timeout_s=10.0)
        finally:
            _quietly(gun.disarm)
        self._say(
            f"demo: the gun delivered {handle.delivered_shot_count()} shots, "
            f"{handle.delivered_volume_ul():g} µl (true volume: the simulated gun is not calibrated yet)"
        )


def _quietly(action: Callable[[], object]) -> None:
    with contextlib.suppress(MesogunError):
        action()


@_reports_errors
def _demo(args: argparse.Namespace) -> int:
    monitor_args = argparse.Namespace(
        port=None,
        url=None,
        serial_number=None,
        simulator=True,
        sim_journal=None,
        sim_scale=1.0,
        timeout=1.0,
        telemetry_hz=50,
        duration=None,
        demo_shots=args.shots,
    )
    return _monitor(monitor_args)

"""Connection options shared by every command that talks to a gun, and opening the connection."""

from __future__ import annotations

import argparse
import shutil
import tempfile
import weakref
from pathlib import Path

from mesogun.cli.arguments import MAX_TIMEOUT_S, clock_scale, timeout_seconds
from mesogun.device_events import EventSink
from mesogun.injector import Injector
from mesogun.simulation import SimulatedGunHandle, start_simulated_gun

_SIMULATED: weakref.WeakKeyDictionary[Injector, SimulatedGunHandle] = weakref.WeakKeyDictionary()


def add_connection_options(parser: argparse.ArgumentParser) -> None:
    """Add --port / --url / --serial-number / --simulator (one of them) and --timeout."""
    group = parser.add_argument_group("connection (default: the one gun plugged in)")
    which = group.add_mutually_exclusive_group()
    which.add_argument(
        "--port", help="serial port of the gun, e.g. /dev/ttyACM0 or COM3 (`mesogun ports` lists them)"
    )
    which.add_argument("--url", help="pyserial URL instead of a port, e.g. socket://127.0.0.1:7777")
    which.add_argument("--serial-number", help="find the gun by its USB serial number, whatever its port")
    which.add_argument(
        "--simulator",
        action="store_true",
        help="use a simulated gun running inside this program (no hardware needed)",
    )
    group.add_argument(
        "--sim-journal",
        type=Path,
        metavar="FILE",
        help=(
            "with --simulator: the simulated gun's memory (default: beside the journal for run, calibrate "
            "and diagnostics, so they share one gun; a temporary file for the others)"
        ),
    )
    group.add_argument(
        "--sim-scale",
        type=clock_scale,
        default=1.0,
        metavar="X",
        help="with --simulator: run the simulated gun's mechanics X times faster (default 1)",
    )
    group.add_argument(
        "--timeout",
        type=timeout_seconds,
        default=1.0,
        metavar="S",
        help=f"seconds to wait for each answer of the gun, at most {MAX_TIMEOUT_S:g} (default 1)",
    )


def open_injector(args: argparse.Namespace, event_sink: EventSink | None = None) -> Injector:
    """Connect as the options say. With --simulator, the simulated gun stops when the injector closes."""
    timeout_s = float(getattr(args, "timeout", 1.0))
    if not getattr(args, "simulator", False):
        return Injector.open(
            getattr(args, "port", None),
            url=getattr(args, "url", None),
            serial_number=getattr(args, "serial_number", None),
            timeout_s=timeout_s,
            event_sink=event_sink,
        )
    journal: Path | None = getattr(args, "sim_journal", None)
    scratch: Path | None = None
    if journal is None:
        scratch = Path(tempfile.mkdtemp(prefix="mesogun-sim-"))
        journal = scratch / "gun-journal.bin"
    handle = start_simulated_gun(
        "cli", journal_path=journal, clock_scale=float(getattr(args, "sim_scale", 1.0))
    )

    def cleanup() -> None:
        handle.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)

    try:
        injector = Injector.open(url=handle.url, timeout_s=timeout_s, event_sink=event_sink)
    except BaseException:
        cleanup()
        raise
    injector.call_on_close(cleanup)
    _SIMULATED[injector] = handle
    return injector


def simulated_gun(injector: Injector) -> SimulatedGunHandle | None:
    """The simulated gun behind ``injector`` when it was opened with --simulator, else None."""
    return _SIMULATED.get(injector)

"""Console: serve a simulated MT-SICS balance on a pseudo-terminal.

    mesogun-sim balance [--serial B123456789] [--scale 1] [--noise-mg 0.015] ...
    python -m simulators.balance_cli [same options]

prints the device path (e.g. ``/dev/pts/7``) on stdout line 1, then serves until SIGINT or SIGTERM.
Open that path with any serial terminal or with ``mesogun.calibration.balance.Balance.open``.
``--flow-ul-s`` feeds the container at a constant flow from the start, to try a flow measurement.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType
from typing import Any

from simulators.balance import SimulatedBalance
from simulators.balance_server import BalancePtyServer


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The balance's options (units in the option names)."""
    parser.add_argument("--serial", default="B123456789", help="serial number answered to I4")
    parser.add_argument("--scale", type=float, default=1.0, help="clock scale: simulated s per wall-clock s")
    parser.add_argument(
        "--noise-mg", type=float, default=0.015, help="reading noise, standard deviation in mg"
    )
    parser.add_argument(
        "--drift-mg-min",
        type=float,
        default=-0.2,
        help="evaporation, mg per simulated minute (negative: loss)",
    )
    parser.add_argument("--settling-s", type=float, default=1.5, help="settling time after a change, s")
    parser.add_argument("--temperature-c", type=float, default=20.0, help="water temperature, °C")
    parser.add_argument("--container-g", type=float, default=30.0, help="mass of the container on the pan, g")
    parser.add_argument(
        "--flow-ul-s", type=float, default=0.0, help="feed the container at this constant flow, µl/s"
    )
    parser.add_argument("--seed", type=int, default=0, help="noise seed")


def register(subparsers: Any) -> None:
    """Add a ``balance`` sub-command to an ``add_subparsers()`` object."""
    parser = subparsers.add_parser("balance", help="serve a simulated MT-SICS balance on a pty")
    add_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Serve until SIGINT or SIGTERM; returns the exit status."""
    try:
        balance = SimulatedBalance(
            serial_number=args.serial,
            clock_scale=args.scale,
            noise_mg=args.noise_mg,
            drift_mg_per_min=args.drift_mg_min,
            settling_s=args.settling_s,
            temperature_c=args.temperature_c,
            container_g=args.container_g,
            seed=args.seed,
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    flow_ul_s: float = args.flow_ul_s
    if flow_ul_s:
        balance.set_source(lambda: flow_ul_s * balance.now_s())
    stop = threading.Event()

    def on_signal(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    with BalancePtyServer(balance) as server:
        print(server.path, flush=True)
        while not stop.wait(0.5):
            pass
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m simulators.balance_cli",
        description="Serve a simulated analytical balance (MT-SICS, 0.01 mg) on a pseudo-terminal.",
    )
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())

"""The bench of ``mesogun calibrate``: its options, the balance and gauge they name, prompts at a terminal.

With ``--simulator`` the bench is simulated too: the balance weighs what the simulated gun really
delivers (``simbalance://…?gun=cli``, on the same scaled clock), the depth gauge reads the simulated
needle's true protrusion, a "technician" loads a full syringe when one is needed, and the technician
access code is the simulator's.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import itertools
import sys
from collections.abc import Callable, Iterator
from datetime import date

from mesogun.calibration.balance import Balance, ManualBalance, WeighingInstrument, parse_weight_g
from mesogun.calibration.depth_assessment import GAUGE_RESOLUTION_MAX_MM, GAUGE_RESOLUTION_MIN_MM
from mesogun.calibration.gravimetry import WeighingConditions
from mesogun.cli.arguments import finite_float, float_in, positive_float
from mesogun.errors import MesogunError

SIMULATOR_ACCESS_CODE = 1234  # the simulated gun's default technician code
SIMULATED_GUN_NAME = "cli"  # the name mesogun.cli.connection gives the simulated gun
SIMULATED_GAUGE_ID = "SIM-DG-1"
SIMULATED_GAUGE_MODEL = "simulated max-hold depth gauge"
SIMULATED_GAUGE_RESOLUTION_MM = 0.001  # it shows the simulated needle's depth to the µm
MANUAL = "manual"
_balances = itertools.count(1)


class BenchError(MesogunError):
    """An option or an answer the bench cannot use (exit status 2)."""


def add_bench_options(p: argparse.ArgumentParser, *, temperature: bool = True) -> None:
    """Who calibrates, with what: technician, access code, syringe, room conditions, validity."""
    group = p.add_argument_group("bench")
    group.add_argument("--technician", metavar="NAME", help="who performs the calibration (asked if omitted)")
    group.add_argument(
        "--access-code",
        type=int,
        metavar="N",
        help="the gun's technician access code (asked if omitted; the simulator's with --simulator)",
    )
    if temperature:
        group.add_argument(
            "--temperature",
            type=finite_float,
            metavar="C",
            help="water temperature in °C, 15–30 (asked if omitted; 20 with --simulator)",
        )
        group.add_argument(
            "--pressure",
            type=positive_float(2000.0, unit="hPa"),
            default=1013.25,
            metavar="HPA",
            help="air pressure, hPa",
        )
        group.add_argument(
            "--humidity",
            type=float_in(0.0, 100.0, unit="%"),
            default=50.0,
            metavar="PCT",
            help="relative humidity, %%",
        )
    group.add_argument(
        "--syringe", default="10 ml Luer lock", metavar="MODEL", help="syringe model (make, size)"
    )
    group.add_argument(
        "--syringe-ml", type=int, default=10, metavar="ML", help="syringe capacity in ml (default 10)"
    )
    group.add_argument(
        "--validity-days", type=int, default=365, metavar="D", help="days the calibration stays valid (365)"
    )


def verification_date(text: str) -> date:
    """An instrument's last verification, ``YYYY-MM-DD``: a real date, not after today."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None
    if day > date.today():
        raise argparse.ArgumentTypeError(f"{text} is in the future: give the date of the last verification")
    return day


def add_balance_options(p: argparse.ArgumentParser, *, manual: bool = True) -> None:
    group = p.add_argument_group("balance")
    group.add_argument(
        "--balance",
        metavar="PORT|URL|manual" if manual else "PORT|URL",
        help=(
            "the balance's serial port or pyserial URL (MT-SICS)"
            + (", or 'manual' to type each reading" if manual else "")
            + " (default with --simulator: a simulated balance under the simulated gun)"
        ),
    )
    group.add_argument(
        "--balance-model",
        metavar="MODEL",
        help="the balance's model (a balance on a port says it itself)",
    )
    group.add_argument(
        "--balance-resolution-mg",
        type=float_in(0.0001, 100.0, unit="mg"),
        metavar="MG",
        help="the balance's smallest step in mg, e.g. 0.01 (a balance on a port shows it in its digits)",
    )
    group.add_argument(
        "--balance-verified",
        type=verification_date,
        metavar="YYYY-MM-DD",
        help="the date of the balance's last verification, recorded with the calibration",
    )
    if manual:
        group.add_argument(
            "--balance-id",
            metavar="ID",
            help="with --balance manual: the balance's serial number or asset tag",
        )
        group.add_argument(
            "--per-group",
            action="store_true",
            help="with --balance manual: type the masses (mg) of a whole level at once, not after each shot",
        )


def add_gauge_options(p: argparse.ArgumentParser) -> None:
    """The depth gauge of a depth calibration, as recorded with it and named on its certificate."""
    group = p.add_argument_group("depth gauge")
    group.add_argument("--gauge-id", metavar="ID", help="serial number or asset tag of the depth gauge")
    group.add_argument("--gauge-model", metavar="MODEL", help="the depth gauge's make and model")
    group.add_argument(
        "--gauge-resolution-mm",
        type=float_in(GAUGE_RESOLUTION_MIN_MM, GAUGE_RESOLUTION_MAX_MM, unit="mm"),
        metavar="MM",
        help="the gauge's smallest step in mm, e.g. 0.01 (counted in the certificate's uncertainty)",
    )
    group.add_argument(
        "--gauge-verified",
        type=verification_date,
        metavar="YYYY-MM-DD",
        help="the date of the gauge's last verification, recorded with the calibration",
    )


def ask(prompt: str) -> str:
    """One line from the technician; end of input (Ctrl-D, a closed pipe) stops the calibration."""
    try:
        return input(prompt)
    except EOFError:
        raise BenchError("no answer (end of input): the calibration stops here") from None


def technician(args: argparse.Namespace) -> str:
    name: str | None = args.technician
    if name is None and sys.stdin.isatty():
        name = ask("Technician (your name): ")
    if not name or not name.strip():
        raise BenchError("--technician NAME is required: who performs the calibration")
    return name.strip()


def access_code(args: argparse.Namespace) -> int:
    if args.access_code is not None:
        return int(args.access_code)
    if getattr(args, "simulator", False):
        return SIMULATOR_ACCESS_CODE
    if sys.stdin.isatty():
        text = getpass.getpass("Technician access code of the gun: ")
        if text.strip().isdigit():
            return int(text)
    raise BenchError("--access-code N is required: the gun's technician access code (digits)")


def conditions(args: argparse.Namespace) -> WeighingConditions:
    temperature_c: float | None = args.temperature
    if temperature_c is None and getattr(args, "simulator", False):
        temperature_c = 20.0  # the simulated balance's water
    if temperature_c is None and sys.stdin.isatty():
        answer = ask("Water temperature (°C, measured in the vessel): ").strip().replace(",", ".")
        try:
            temperature_c = float(answer)
        except ValueError:
            raise BenchError(f"{answer!r} is not a temperature in °C") from None
    if temperature_c is None:
        raise BenchError("--temperature C is required: the water temperature (15–30 °C)")
    return WeighingConditions(temperature_c, args.pressure, args.humidity)


@contextlib.contextmanager
def _simulated_balance(args: argparse.Namespace) -> Iterator[Balance]:
    """A new simulated balance under this run's simulated gun, on its clock, forgotten afterwards."""
    # The simulator is reached only with --simulator: this is a composition root.
    from mesogun.simulation import forget_simulated_balance

    name = f"cli-balance-{next(_balances)}"
    try:
        with Balance.open(f"simbalance://{name}?gun={SIMULATED_GUN_NAME}&seed=1") as balance:
            yield balance
    finally:
        forget_simulated_balance(name)


@contextlib.contextmanager
def open_balance(args: argparse.Namespace) -> Iterator[WeighingInstrument | None]:
    """The balance the options name: a driver, a manual one, or None for masses typed per group."""
    where: str | None = args.balance
    if where is None and getattr(args, "simulator", False):
        with _simulated_balance(args) as simulated:
            yield simulated
        return
    if where is None:
        raise BenchError("--balance PORT|URL|manual is required: where the balance is")
    if where == MANUAL:
        if getattr(args, "per_group", False):
            yield None
        else:
            yield ManualBalance(ask, identification=args.balance_id or MANUAL)
        return
    with Balance.open(where) as balance:
        yield balance


def typed_masses(count: int, nominal_ul: float) -> list[float]:
    """The masses of ``count`` shots at ``nominal_ul``, typed on one line (mg, or with a g unit)."""
    while True:
        line = ask(
            f"Masses of the {count} shot(s) at {nominal_ul:g} µl, in mg, separated by spaces "
            "(or one per line: type them one at a time): "
        )
        try:
            masses = [
                parse_weight_g(item) * 1000.0 if item.lower().endswith("g") else float(item.replace(",", "."))
                for item in line.split()
            ]
        except (MesogunError, ValueError) as exc:
            print(f"  not understood ({exc}); again")
            continue
        if 1 <= len(masses) <= count:
            return masses
        print(f"  {len(masses)} mass(es) typed, {count} awaited; again")


def refill_prompt(args: argparse.Namespace) -> Callable[[str], None]:
    """What to do when a new syringe is needed: a simulated technician, or ask the real one."""

    def refill(message: str) -> None:
        print(f"syringe: {message}")
        if getattr(args, "simulator", False):
            print("  (simulator: a full syringe is loaded and primed)")
            return
        ask("  Load the syringe, needle over a waste container, then press Enter to prime and go on: ")

    return refill

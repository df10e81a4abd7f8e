"""``mesogun calibrate volume|depth|flow`` and ``mesogun calibrations list|show|certificate``: the technician.

Each procedure prints what it does and what to do next; the result is recorded in the journal
(``--journal``). Ctrl-C at any moment stops the gun, leaves technician mode, puts back any factor
written provisionally and records nothing (exit status 130). Exit status 0: passed; 1: the
calibration failed (reason printed and recorded); 2: a refusal before anything was measured.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import signal
import sys
from collections.abc import Callable, Iterator, Sequence

from mesogun.calibration.balance import ManualBalance
from mesogun.calibration.depth_procedure import DepthCalibration, DepthSetup
from mesogun.calibration.flow_procedure import FlowSetup, FlowTest
from mesogun.calibration.procedure import CalibrationCancelled, CalibrationFailed, ProcedureState
from mesogun.calibration.procedure_base import ProcedureBase
from mesogun.calibration.volume_procedure import VolumeCalibration, VolumeSetup
from mesogun.calibration.volume_run import run_volume_calibration
from mesogun.calibration.volume_setup import PlannedShot, SyringeRefillNeeded
from mesogun.cli import calibrate_bench as bench
from mesogun.cli import calibrate_output as out
from mesogun.cli import calibration_records_commands
from mesogun.cli.arguments import clock_scale, finite_float, float_in, positive, positive_float
from mesogun.cli.connection import add_connection_options, open_injector, simulated_gun
from mesogun.cli.journal_commands import add_journal_option, journal_path
from mesogun.errors import MesogunError
from mesogun.injector import Injector
from mesogun.journal import SqliteJournal
from mesogun.session.device_sync import same_event_memory
from mesogun.session.errors import SessionError
from mesogun.simulation import memory_beside

Handler = Callable[[argparse.Namespace], int]
EXIT_PASSED, EXIT_FAILED, EXIT_REFUSED, EXIT_CANCELLED = 0, 1, 2, 130
PRIME_UL = 20.0  # after a new syringe: enough to push the air out of the line


def _floats(text: str) -> tuple[float, ...]:
    try:
        return tuple(finite_float(item) for item in text.replace(";", ",").split(",") if item.strip())
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"{text!r}: numbers separated by commas, e.g. 1,250,500") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``calibrate`` and ``calibrations`` to the ``mesogun`` parser."""
    cal = sub.add_parser(
        "calibrate",
        help="technician: calibrate the gun's volume or depth, or test its flow",
        description="Technician procedures on the bench (needle over a vessel or a gauze, never a patient).",
    )
    which = cal.add_subparsers(dest="procedure", metavar="PROCEDURE", required=True)

    p = which.add_parser(
        "volume",
        help="gravimetric volume calibration: weigh shots, fit and write the factor, verify",
        description=(
            "Fire SHOTS shots at the smallest, middle and largest volume of the gun into a weighing vessel, "
            "weigh each (balance on a port, or typed), fit the volume-per-step factor, write it in "
            "technician mode, and verify with a second run that must pass (mean and every shot within "
            "±max(1 µl, 5 %)). A gun that one factor cannot correct (beyond ±15 %, or scattered shots) "
            "fails and nothing is written."
        ),
    )
    _common(p)
    bench.add_balance_options(p)
    p.add_argument("--shots", type=int, default=10, metavar="N", help="shots per volume, at least 10 (10)")
    p.add_argument(
        "--volumes", type=_floats, metavar="UL,...", help="volumes in µl (default: min, middle, max)"
    )
    p.add_argument(
        "--flow-ul-s", type=positive, metavar="F", help="shot speed in µl/s (default: the gun's largest)"
    )
    p.set_defaults(handler=_volume)

    p = which.add_parser(
        "depth",
        help="depth calibration: gauge readings at set depths, fit offset/scale, write, verify",
        description=(
            "At each set depth the gun fires one small shot into a gauze and you type what the max-hold "
            "depth gauge read; the offset (and scale) are fitted, written in technician mode and "
            "verified (every reading within ±0.1 mm)."
        ),
    )
    _common(p, temperature=False)
    bench.add_gauge_options(p)
    p.add_argument(
        "--depths", type=_floats, metavar="MM,...", help="set depths in mm (default 0.5,1,2,4,6,13)"
    )
    p.add_argument(
        "--gauge",
        choices=["typed", "simulated"],
        default="typed",
        help="'simulated' with --simulator: read the simulated needle instead of typing (default typed)",
    )
    p.set_defaults(handler=_depth)

    p = which.add_parser(
        "flow",
        help="flow accuracy of continuous mode: balance read every 30 s, flow error and trumpet curve",
        description=(
            "Infuse at the set flow into a vessel on a balance read every 30 s; report the flow error over "
            "the analysis period and the trumpet curve (IEC 60601-2-24 method). Writes nothing to the gun."
        ),
    )
    _common(p)
    bench.add_balance_options(p, manual=False)
    p.add_argument(
        "--flow-ul-s", type=positive, metavar="F", help="set flow in µl/s (default: the gun's lowest)"
    )
    p.add_argument(
        "--duration-min",
        type=positive_float(24 * 60, unit="min"),
        default=25.0,
        metavar="MIN",
        help="test length (25 min)",
    )
    p.add_argument(
        "--analysis-from-min",
        type=float_in(0.0, 24 * 60, unit="min"),
        default=10.0,
        metavar="MIN",
        help="analysis starts here (10 min)",
    )
    p.add_argument(
        "--time-scale",
        type=clock_scale,
        metavar="X",
        help="a simulated gun and balance on a clock X times faster (default: --sim-scale, or 1)",
    )
    p.set_defaults(handler=_flow)

    calibration_records_commands.register(sub)


_SIMULATOR_NOTE = (
    "With --simulator the bench is simulated too (balance, gauge, syringes) and the simulated gun keeps "
    "its memory beside the journal (JOURNAL-simulated-gun.events, shared with `mesogun run` and the app) "
    "unless --sim-journal names a file, so a second procedure finds it as the first one left it."
)


def _common(p: argparse.ArgumentParser, *, temperature: bool = True) -> None:
    p.epilog = _SIMULATOR_NOTE
    add_connection_options(p)
    add_journal_option(p)
    bench.add_bench_options(p, temperature=temperature)


def _reports_errors(handler: Handler) -> Handler:
    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except CalibrationCancelled as exc:
            print(f"mesogun: {exc}", file=sys.stderr)
            return EXIT_CANCELLED
        except KeyboardInterrupt:
            print("mesogun: interrupted; nothing was written to the gun", file=sys.stderr)
            return EXIT_CANCELLED
        except MesogunError as exc:
            print(f"mesogun: {exc}", file=sys.stderr)
            return EXIT_REFUSED

    return run


@contextlib.contextmanager
def _cancel_on_interrupt(proc: ProcedureBase) -> Iterator[None]:
    """Ctrl-C: put the gun in its safe state (a second Ctrl-C cannot cut that short)."""
    try:
        yield
    except (KeyboardInterrupt, CalibrationCancelled):
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            problems = proc.cancel()
        finally:
            signal.signal(signal.SIGINT, previous)
        print()
        print("cancelled: the gun is stopped and disarmed, technician mode is off, its factors are as before")
        for problem in problems:
            print(f"  warning: {problem}", file=sys.stderr)
        print("nothing was recorded; start again when ready")
        raise CalibrationCancelled("calibration cancelled by the technician") from None


@contextlib.contextmanager
def _open_gun(args: argparse.Namespace, journal: SqliteJournal) -> Iterator[Injector]:
    """The gun, with the journal as its event sink (every calibration shot is journaled).

    With --simulator the simulated gun keeps its memory (events, factors) in a file beside the
    journal unless --sim-journal names one: a second calibration finds the gun as the first left it,
    and its event numbers go on from where the journal stands.
    """
    if args.simulator and args.sim_journal is None:
        args.sim_journal = memory_beside(journal.path)
    with open_injector(args, event_sink=journal) as gun:
        try:
            same_event_memory(gun.status().last_event_number, journal, gun.info.serial_number)
        except SessionError as exc:
            raise bench.BenchError(str(exc)) from exc
        yield gun


def _say(progress: object) -> None:
    print(f"  {getattr(progress, 'text', progress)}", flush=True)


# ---------------------------------------------------------------------- volume


@_reports_errors
def _volume(args: argparse.Namespace) -> int:
    setup = VolumeSetup(
        technician=bench.technician(args),
        syringe_model=args.syringe,
        syringe_capacity_ml=args.syringe_ml,
        conditions=bench.conditions(args),
        volumes_ul=args.volumes,
        shots_per_level=args.shots,
        flow_ul_s=args.flow_ul_s,
        access_code=bench.access_code(args),
        validity_days=args.validity_days,
        balance_model=args.balance_model,
        balance_resolution_mg=args.balance_resolution_mg,
        balance_verified_on=args.balance_verified,
    )
    refill = bench.refill_prompt(args)
    with (
        SqliteJournal(journal_path(args)) as journal,
        _open_gun(args, journal) as gun,
        bench.open_balance(args) as balance,
    ):
        proc = VolumeCalibration(
            gun, setup, balance=balance, balance_id=args.balance_id, journal=journal, listener=_say
        )

        def on_refill(need: SyringeRefillNeeded) -> tuple[float | None, float]:
            refill(str(need))
            return None, PRIME_UL

        def on_masses(awaiting: tuple[PlannedShot, ...]) -> Sequence[float]:
            following = proc.next_shot
            if following is not None and following.level == awaiting[0].level:
                return []  # typed for the whole level once it is fired
            return bench.typed_masses(len(awaiting), awaiting[0].nominal_ul)

        if balance is None:
            how = "you type the masses (mg) of each volume's shots together"
        elif isinstance(balance, ManualBalance):
            how = "you type the balance's stable reading after each shot"
        else:
            how = "the balance is read after each shot"
        print(out.volume_intro(gun.info, setup, how), flush=True)
        with _cancel_on_interrupt(proc):
            result = run_volume_calibration(proc, enter_masses=on_masses, refill=on_refill)
        print(out.volume_summary(result, journal.path))
    return EXIT_PASSED if result.passed else EXIT_FAILED


# ---------------------------------------------------------------------- depth


@_reports_errors
def _depth(args: argparse.Namespace) -> int:
    if args.gauge == "simulated" and not args.simulator:
        raise bench.BenchError("--gauge simulated needs --simulator (it reads the simulated needle)")
    simulated = args.gauge == "simulated"
    gauge_id = args.gauge_id or (bench.SIMULATED_GAUGE_ID if simulated else None)
    if not gauge_id:
        raise bench.BenchError("--gauge-id ID is required: the depth gauge's serial number or asset tag")
    setup = DepthSetup(
        technician=bench.technician(args),
        gauge_id=gauge_id,
        set_depths_mm=args.depths,
        access_code=bench.access_code(args),
        validity_days=args.validity_days,
        gauge_model=args.gauge_model or (bench.SIMULATED_GAUGE_MODEL if simulated else None),
        gauge_resolution_mm=args.gauge_resolution_mm
        or (bench.SIMULATED_GAUGE_RESOLUTION_MM if simulated else None),
        gauge_verified_on=args.gauge_verified,
    )
    with SqliteJournal(journal_path(args)) as journal, _open_gun(args, journal) as gun:
        proc = DepthCalibration(gun, setup, journal=journal, listener=_say)
        read_gauge = _simulated_gauge() if args.gauge == "simulated" else _typed_gauge
        print(out.depth_intro(gun.info, setup), flush=True)
        with _cancel_on_interrupt(proc):
            try:
                proc.start()
                if gun.status().syringe_remaining_ul <= 0:
                    bench.refill_prompt(args)("the depth shots need a filled syringe")
                    gun.load_syringe(args.syringe_ml, args.syringe_ml * 1000.0)
                while proc.state in (
                    ProcedureState.MEASURING,
                    ProcedureState.ASSESSED,
                    ProcedureState.VERIFYING,
                ):
                    if proc.state is ProcedureState.ASSESSED:
                        proc.write_factors()
                        continue
                    planned = proc.next_reading
                    if planned is None:
                        break
                    proc.present_needle()
                    proc.enter_gauge(read_gauge(planned.set_depth_mm))
            except CalibrationFailed:
                pass
            result = proc.finish()
        print(out.depth_summary(result, journal.path))
    return EXIT_PASSED if result.passed else EXIT_FAILED


def _typed_gauge(set_depth_mm: float) -> float:
    while True:
        text = bench.ask(f"    Gauge reading for {set_depth_mm:g} mm set (mm): ").strip().replace(",", ".")
        try:
            return float(text)
        except ValueError:
            print(f"    {text!r} is not a depth in mm; again")


def _simulated_gauge() -> Callable[[float], float]:
    # The simulated gun is a composition root's business: reached only with --simulator.
    from mesogun.simulation import true_depth_of_last_shot_mm

    def read(set_depth_mm: float) -> float:
        # Shown to its step, as a digital gauge shows it.
        depth_mm = round(true_depth_of_last_shot_mm(bench.SIMULATED_GUN_NAME), 3)
        print(f"    (simulated gauge: {depth_mm:.3f} mm)")
        return depth_mm

    return read


# ---------------------------------------------------------------------- flow


@_reports_errors
def _flow(args: argparse.Namespace) -> int:
    if args.balance == bench.MANUAL:
        raise bench.BenchError(
            "a flow test needs a balance with an interface (--balance PORT|URL), not manual"
        )
    time_scale = args.time_scale or (args.sim_scale if args.simulator else 1.0)
    setup = FlowSetup(
        technician=bench.technician(args),
        syringe_model=args.syringe,
        syringe_capacity_ml=args.syringe_ml,
        conditions=bench.conditions(args),
        flow_ul_s=args.flow_ul_s,
        duration_s=args.duration_min * 60.0,
        analysis_start_s=args.analysis_from_min * 60.0,
        time_scale=time_scale,
        balance_model=args.balance_model,
        balance_resolution_mg=args.balance_resolution_mg,
        balance_verified_on=args.balance_verified,
    )
    with (
        SqliteJournal(journal_path(args)) as journal,
        _open_gun(args, journal) as gun,
        bench.open_balance(args) as balance,
    ):
        if not hasattr(balance, "immediate_weight_g"):
            raise bench.BenchError("a flow test needs a balance with an interface (--balance PORT|URL)")
        # A simulated gun's flow is timed on its own clock, the one its balance weighs on.
        simulated = simulated_gun(gun)
        test_time = simulated.test_time() if simulated is not None else None
        test = FlowTest(gun, balance, setup, journal=journal, listener=_say, test_time=test_time)  # type: ignore[arg-type]
        if (
            args.simulator
            and gun.status().syringe_remaining_ul < gun.info.capabilities.syringe_sizes_ml[-1] * 900
        ):
            size = max(gun.info.capabilities.syringe_sizes_ml)
            gun.load_syringe(size, size * 1000.0)
            print(f"  (simulator: a full {size} ml syringe is loaded)")
        print(out.flow_intro(gun.info, setup), flush=True)
        with _cancel_on_interrupt(test):
            try:
                test.start()
                while test.samples_left:
                    test.next_sample()
            except CalibrationFailed:
                pass
            result = test.finish()
        print(out.flow_summary(result, journal.path))
    return EXIT_PASSED if result.passed else EXIT_FAILED

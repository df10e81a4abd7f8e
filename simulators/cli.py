"""``mesogun-sim``: run a simulated gun on a pseudo-terminal or a loopback TCP port.

The first line on stdout is where to connect (``/dev/pts/7`` or ``socket://127.0.0.1:PORT``), so a
script can read it; a pty that comes back after an unplug prints its new path as another line. The
operator's hand is a control line on stdin, one letter per line:

    t  pull the trigger (press, deliver, release)   h / r  hold / release the trigger
    o  occlusion on/off     e  empty the syringe     j  needle jam on/off
    u  unplug / replug      p  power cycle           s  status      q  quit

With stdin closed (a background job) the gun runs until SIGINT or SIGTERM.
"""

from __future__ import annotations

import argparse
import math
import queue
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from firmware_protocol.enums import DeviceState
from simulators import balance_cli
from simulators.gun import SimulatedGun
from simulators.link_faults import LinkFaults
from simulators.rule_breaks import RULES, RuleBreaks
from simulators.servers import PtyServer, RemoteListenRefused, TcpServer, is_loopback

HELP = (
    "t=pull  h=hold  r=release  o=occlusion  e=empty  j=jam  u=unplug/replug  p=power cycle  s=status  q=quit"
)


def _positive(text: str) -> float:
    """A finite number above 0 (a clock scale, a volume factor)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"{text} must be a finite number above 0")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mesogun-sim", description="Run a simulated mesotherapy injection gun for another process."
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--serial", default="SIM-0001", help="serial number (default %(default)s)")
    common.add_argument("--scale", type=_positive, default=1.0, help="physics clock scale (20: 20x faster)")
    common.add_argument("--journal", type=Path, default=None, help="event journal file (default: temporary)")
    common.add_argument("--faults", default="", help="link faults, e.g. corrupt=0.01,drop=0.01")
    common.add_argument("--seed", type=int, default=0, help="random seed of the link faults and noise")
    common.add_argument("--factor", type=_positive, default=1.06, help="true volume per step / nominal")
    common.add_argument(
        "--access-code", type=int, default=1234, help="technician access code (default %(default)s)"
    )
    common.add_argument(
        "--break-rule",
        action="append",
        default=[],
        metavar="NAME",
        choices=sorted(RULES),
        help="break one rule of PROTOCOL.md on purpose, to test a conformance checker (repeatable): "
        + "; ".join(f"{name} ({rule})" for name, rule in sorted(RULES.items())),
    )
    sub = parser.add_subparsers(dest="transport", required=True, metavar="TRANSPORT")
    pty = sub.add_parser("pty", parents=[common], help="serve on a pseudo-terminal (prints its path)")
    pty.add_argument("--link", type=Path, default=None, help="keep a symlink here pointing at the pty")
    tcp = sub.add_parser("tcp", parents=[common], help="serve on a loopback TCP port (prints the URL)")
    tcp.add_argument("--port", type=int, default=0, help="TCP port (0: any free port)")
    tcp.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default %(default)s); an address other machines can reach needs "
        "--allow-remote",
    )
    tcp.add_argument(
        "--allow-remote",
        action="store_true",
        help="accept a --host reachable from other machines (the simulated gun has no authentication)",
    )
    balance_cli.register(sub)  # mesogun-sim balance: a simulated MT-SICS balance on a pty
    return parser


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _announce(location: str) -> None:
    print(location, flush=True)


def _read_commands(commands: queue.Queue[str | None]) -> None:
    for line in sys.stdin:
        commands.put(line.strip().lower())
    commands.put(None)  # stdin closed


def _status(gun: SimulatedGun) -> str:
    alarms = ", ".join(sorted(code.name for code in gun.alarms)) or "none"
    return f"state {gun.state.name}, alarms: {alarms}, last event #{gun.last_event_number}"


class _Controls:
    """The interactive control line: one letter, one action on the gun."""

    def __init__(self, gun: SimulatedGun) -> None:
        self.gun = gun
        self.occluded = False
        self.jammed = False

    def handle(self, command: str) -> bool:
        """Carry out ``command``; False when it asks to quit."""
        gun = self.gun
        if command == "q":
            return False
        if command == "t":
            threading.Thread(target=self._pull, daemon=True).start()
        elif command == "h":
            gun.press_trigger()
        elif command == "r":
            gun.release_trigger()
        elif command == "o":
            self.occluded = not self.occluded
            gun.set_occlusion(self.occluded)
        elif command == "e":
            gun.empty_syringe()
        elif command == "j":
            self.jammed = not self.jammed
            gun.set_needle_jam(self.jammed)
        elif command == "u":
            if gun.plugged:
                gun.unplug()
            else:
                gun.replug()
        elif command == "p":
            gun.power_cycle()
        elif command == "s":
            pass
        elif command:
            _say(f"unknown command {command!r}: {HELP}")
            return True
        if command:
            _say(_status(gun) + ("" if gun.plugged else " (unplugged)"))
        return True

    def _pull(self) -> None:
        if self.gun.state != DeviceState.ARMED:
            _say("the gun is not armed: the trigger press delivers nothing")
        try:
            self.gun.pull_trigger(timeout_s=600)
        except TimeoutError as exc:
            _say(str(exc))


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.transport == "balance":
        return balance_cli.run(args)
    try:
        faults = LinkFaults.parse(args.faults)
        gun = SimulatedGun(
            args.journal,
            serial_number=args.serial,
            clock_scale=args.scale,
            true_volume_factor=args.factor,
            seed=args.seed,
            access_code=args.access_code,
        )
    except ValueError as exc:
        _say(f"mesogun-sim: {exc}")
        return 2
    gun.set_link_faults(faults)
    gun.set_rule_breaks(RuleBreaks.of(args.break_rule))
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    server: PtyServer | TcpServer
    if args.transport == "pty":
        server = PtyServer(gun, link_path=args.link, on_path=_announce)
    else:
        try:
            server = TcpServer(gun, port=args.port, host=args.host, allow_remote=args.allow_remote)
        except (RemoteListenRefused, OSError) as exc:
            gun.close()
            _say(f"mesogun-sim: {exc}")
            return 2
        if not is_loopback(args.host):
            _say(f"mesogun-sim: listening on {args.host}: any machine that reaches it drives this gun")
        _announce(server.url)
    _say(f"simulated gun {gun.serial_number}, journal {gun.journal_path}. {HELP}")
    commands: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_read_commands, args=(commands,), daemon=True).start()
    controls = _Controls(gun)
    try:
        while not stop.is_set():
            try:
                command = commands.get(timeout=0.2)
            except queue.Empty:
                continue
            if command is not None and not controls.handle(command):
                break
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        gun.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

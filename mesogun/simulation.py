"""The simulated gun and its balance, for the CLI's ``--simulator`` and the desktop app's "simulated gun".

This is the one place of ``mesogun`` that reaches the simulator; ``simulators`` is imported inside the
functions only, so the host library runs without it. The host talks to the simulated gun exactly as
to hardware: through the ``simgun://`` URL of :attr:`SimulatedGunHandle.url` (and to the simulated
balance through ``simbalance://``), the URL schemes being registered with pyserial when first opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode


class SimulatedGunHandle:
    """A running simulated gun: its URL, its control surface (trigger, faults) and its ground truth."""

    def __init__(self, name: str, url: str, gun: Any, journal_path: Path | None) -> None:
        self.name = name
        self.url = url  #: open this with ``Injector.open(url=...)``
        self.journal_path = journal_path
        self._gun = gun

    @property
    def serial_number(self) -> str:
        return str(self._gun.serial_number)

    # ------------------------------------------------------------------ its clock

    @property
    def clock_scale(self) -> float:
        """How many times faster than real time the gun's physics (and a balance weighing it) run."""
        return float(self._gun.clock.scale)

    def set_clock_scale(self, scale: float) -> None:
        """Run the gun's physics, and the simulated balance weighing it, ``scale`` times faster."""
        self._gun.set_clock_scale(scale)

    def test_time(self) -> Any:
        """A procedure's test time counted on the gun's own clock (the simulated balance's too): a
        :class:`mesogun.calibration.flow_procedure.TestTime` (not imported: calibration imports this)."""
        from simulators.gun_time import GunTime

        return GunTime(self._gun)

    # ------------------------------------------------------------------ the operator's hand

    def press_trigger(self) -> None:
        self._gun.press_trigger()

    def release_trigger(self) -> None:
        self._gun.release_trigger()

    def pull_trigger(self) -> None:
        """Press, wait for the delivery to end, release."""
        self._gun.pull_trigger()

    # ------------------------------------------------------------------ faults

    def set_occlusion(self, on: bool) -> None:
        self._gun.set_occlusion(on)

    def empty_syringe(self) -> None:
        self._gun.empty_syringe()

    def set_needle_jam(self, on: bool) -> None:
        self._gun.set_needle_jam(on)

    def set_battery(self, pct: int) -> None:
        self._gun.set_battery(pct)

    def unplug(self) -> None:
        self._gun.unplug()

    def replug(self) -> None:
        self._gun.replug()

    def power_cycle(self) -> None:
        self._gun.power_cycle()

    # ------------------------------------------------------------------ ground truth

    def delivered_shot_count(self) -> int:
        """Shots the gun really delivered (whatever the host heard)."""
        return len(self._gun.truth.shots)

    def delivered_volume_ul(self) -> float:
        """Volume the gun really pushed into the patient, in µl (its true, uncalibrated volume)."""
        return float(self._gun.truth.delivered_volume_nl) / 1000

    def close(self) -> None:
        """Stop the simulated gun and forget its name."""
        from simulators import registry

        registry.remove_gun(self.name)


def register_url_scheme(target: str) -> None:
    """Make pyserial able to open ``target`` when it is a ``simgun://`` or ``simbalance://`` URL."""
    scheme = target.split("://", 1)[0].lower() if "://" in target else ""
    if scheme == "simgun":
        import simulators.urlhandler  # noqa: F401  (registers simgun://)
    elif scheme == "simbalance":
        from simulators.protocol_simbalance import register_url_handler

        register_url_handler()


def forget_simulated_balance(name: str) -> None:
    """Drop the simulated balance registered under ``name`` (the next one of that name starts anew)."""
    from simulators.protocol_simbalance import forget_balance

    forget_balance(name)


def true_depth_of_last_shot_mm(gun_name: str) -> float:
    """The depth the simulated gun ``gun_name`` really reached at its last shot, in mm (a gauge's reading)."""
    from simulators.registry import get_gun

    return float(get_gun(gun_name).truth.shots[-1].depth_um) / 1000.0


def memory_beside(journal_path: Path) -> Path:
    """The simulated gun's non-volatile memory (event journal, calibration) kept beside ``journal_path``.

    The app, ``mesogun run`` and ``mesogun calibrate`` use this one file, so a gun calibrated on the bench
    is the gun a session runs on, and a session left open resumes with the gun's event numbers intact.
    """
    return journal_path.with_name(f"{journal_path.stem}-simulated-gun.events")


def start_simulated_gun(
    name: str = "demo",
    *,
    serial_number: str = "SIM-0001",
    clock_scale: float = 1.0,
    journal_path: Path | None = None,
    faults: str | None = None,
) -> SimulatedGunHandle:
    """Start (or reuse) the simulated gun registered under ``name``.

    ``clock_scale`` speeds up its physics (the watchdog stays in wall-clock time; a simulated balance
    opened with ``gun=<name>`` runs on the same clock); ``journal_path`` is
    its non-volatile event journal (a temporary file when None); ``faults`` is the simulator's link
    fault specification, e.g. ``"corrupt=0.01,drop=0.01"``.
    """
    import simulators.urlhandler  # noqa: F401  (registers simgun://)
    from simulators import registry

    params: dict[str, str] = {"serial": serial_number, "scale": f"{clock_scale:g}"}
    if journal_path is not None:
        params["journal"] = str(journal_path)
    if faults:
        params["faults"] = faults
    url = f"simgun://{quote(name)}?{urlencode(params)}"
    gun = registry.create_gun(url)
    return SimulatedGunHandle(name, url, gun, journal_path)

"""pyserial URL handler ``simbalance://<name>?...``: a simulated balance opened like a serial port.

``serial.serial_for_url("simbalance://bench?scale=20&noise_mg=0.015")`` opens the balance registered
under ``bench``, creating it from the query options the first time (options are ignored when the name
is already registered). Options (all optional):

- ``serial``: serial number (``I4``); ``seed``: noise seed
- ``scale``: clock scale (20: twenty simulated seconds per wall-clock second)
- ``noise_mg``, ``drift_mg_min`` (evaporation, mg per simulated minute), ``settling_s``,
  ``stability_timeout_s``, ``temperature_c``, ``container_g``
- ``gun``: name of a simulated gun in :mod:`simulators.registry`; the container receives what that gun
  really delivers, and the balance runs on the gun's clock (so ``scale`` is not given with ``gun``).

Tests reach the balance's control surface with :func:`get_balance`, or build one with a source of
their own and :func:`register_balance` before opening the URL.
"""

from __future__ import annotations

import threading
import time
import urllib.parse
from collections.abc import Callable

import serial
from serial.serialutil import PortNotOpenError, SerialBase, SerialException

from simulators.balance import ScaledClock, SimulatedBalance, gun_volume_source
from simulators.balance_port import BalancePort

SCHEME = "simbalance"

_registry: dict[str, SimulatedBalance] = {}
_registry_lock = threading.Lock()

# URL option -> default (the SimulatedBalance defaults)
_FLOAT_OPTIONS = {
    "scale": 1.0,
    "noise_mg": 0.015,
    "drift_mg_min": -0.2,
    "settling_s": 1.5,
    "stability_timeout_s": 5.0,
    "temperature_c": 20.0,
    "container_g": 30.0,
}


def register_url_handler() -> None:
    """Let ``serial.serial_for_url`` open ``simbalance://`` URLs (idempotent)."""
    if "simulators" not in serial.protocol_handler_packages:
        serial.protocol_handler_packages.append("simulators")


def register_balance(name: str, balance: SimulatedBalance) -> None:
    """Make ``simbalance://<name>`` open ``balance`` (replacing any balance of that name)."""
    with _registry_lock:
        _registry[name] = balance


def get_balance(name: str) -> SimulatedBalance:
    """The balance registered under ``name``; KeyError naming the known ones otherwise."""
    with _registry_lock:
        try:
            return _registry[name]
        except KeyError:
            raise KeyError(f"no simulated balance named {name!r} (known: {sorted(_registry)})") from None


def forget_balance(name: str) -> None:
    """Drop a balance from the registry (open ports keep working)."""
    with _registry_lock:
        _registry.pop(name, None)


def _gun_source(gun_name: str) -> tuple[Callable[[], float], ScaledClock]:
    """What the gun delivers, and its clock (the balance runs on it)."""
    # Imported only when a URL asks for a gun: a bare balance needs none of the gun's machinery.
    from simulators.registry import get_gun

    gun = get_gun(gun_name)
    return gun_volume_source(gun), gun.clock


def balance_from_url(url: str) -> SimulatedBalance:
    """The balance a ``simbalance://`` URL names, created and registered if new. ValueError if malformed."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != SCHEME or not parts.netloc:
        raise ValueError(f"expected simbalance://<name>[?options], got {url!r}")
    name = parts.netloc
    with _registry_lock:
        existing = _registry.get(name)
        if existing is not None:
            return existing
        opts = dict(_FLOAT_OPTIONS)
        source: Callable[[], float] | None = None
        sim_clock: ScaledClock | None = None
        given: set[str] = set()
        serial_number = "B123456789"
        seed = 0
        for option, value in urllib.parse.parse_qsl(parts.query, keep_blank_values=True):
            given.add(option)
            if option in _FLOAT_OPTIONS:
                try:
                    opts[option] = float(value)
                except ValueError:
                    raise ValueError(f"option {option}={value!r} is not a number") from None
            elif option == "serial":
                serial_number = value
            elif option == "seed":
                seed = int(value)
            elif option == "gun":
                source, sim_clock = _gun_source(value)
            else:
                known = sorted([*_FLOAT_OPTIONS, "serial", "seed", "gun"])
                raise ValueError(f"unknown option {option!r} (known: {', '.join(known)})")
        if sim_clock is not None and "scale" in given:
            raise ValueError("a balance weighing a gun runs on the gun's clock: give no 'scale' with 'gun'")
        balance = SimulatedBalance(
            source,
            sim_clock=sim_clock,
            serial_number=serial_number,
            seed=seed,
            clock_scale=opts["scale"],
            noise_mg=opts["noise_mg"],
            drift_mg_per_min=opts["drift_mg_min"],
            settling_s=opts["settling_s"],
            stability_timeout_s=opts["stability_timeout_s"],
            temperature_c=opts["temperature_c"],
            container_g=opts["container_g"],
        )
        _registry[name] = balance
        return balance


class Serial(SerialBase):
    """The pyserial port class for ``simbalance://`` (line settings are accepted and ignored)."""

    _link: BalancePort | None = None

    def open(self) -> None:
        if self.is_open:
            raise SerialException("Port is already open.")
        url = self.port
        if url is None:
            raise SerialException("Port must be configured before it can be used.")
        try:
            balance = balance_from_url(url)
        except (ValueError, KeyError) as exc:
            raise SerialException(f"cannot open {url}: {exc}") from exc
        self._link = BalancePort(balance)
        self.is_open = True

    def close(self) -> None:
        if self._link is not None:
            self._link.close()
            self._link = None
        self.is_open = False

    def _live_link(self) -> BalancePort:
        if not self.is_open or self._link is None:
            raise PortNotOpenError()
        return self._link

    def _reconfigure_port(self) -> None:
        pass

    def _update_dtr_state(self) -> None:
        pass

    def _update_rts_state(self) -> None:
        pass

    def _update_break_state(self) -> None:
        pass

    @property
    def in_waiting(self) -> int:
        return self._live_link().in_waiting

    def read(self, size: int = 1) -> bytes:
        link = self._live_link()
        timeout_s = self.timeout
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        data = bytearray()
        while len(data) < size and not link.closed:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            chunk = link.host_read(size - len(data), left)
            data += chunk
            if not chunk and left is not None and left <= 0.0:
                break
        return bytes(data)

    def write(self, b: bytes | bytearray | memoryview, /) -> int:  # type: ignore[override]
        data = bytes(b)
        self._live_link().host_write(data)
        return len(data)

    def reset_input_buffer(self) -> None:
        self._live_link().discard_replies()

    def reset_output_buffer(self) -> None:
        self._live_link()  # nothing is ever held back on the way out

    @property
    def cts(self) -> bool:
        return True

    @property
    def dsr(self) -> bool:
        return True

    @property
    def ri(self) -> bool:
        return False

    @property
    def cd(self) -> bool:
        return True


register_url_handler()

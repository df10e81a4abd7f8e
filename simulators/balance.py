"""A simulated analytical balance (5 places in grams, readability 0.01 mg) speaking MT-SICS.

It weighs a water container on its pan. The water comes from a callable ``source_volume_ul() -> float``
(wire it to a simulated gun with :func:`gun_volume_source`); the balance turns that volume into the
reading a real balance would show: the apparent mass in air, ``volume / Z`` (see :func:`apparent_mass_mg`),
plus evaporation drift, Gaussian noise and a settling lag after every change of load.

Time runs on a scaled clock: ``clock_scale=20`` makes one wall-clock second twenty simulated seconds,
so settling, the stability timeout and evaporation all run twenty times faster. A balance weighing a
simulated gun runs on the gun's own clock instead (``sim_clock``): one clock for both, whatever speed
the gun is set to, so a flow measured against the balance's time is the flow the gun delivered.

Stability is a rule, not a statistic, so tests can rely on it: the balance is stable once
``settling_s`` (simulated) have passed since the last change of load or disturbance, and only if its
noise is within ``stability_band_mg``. A "noisy balance" (``noise_mg`` above the band) never settles.

The command interpreter (:meth:`SimulatedBalance.execute`) answers one MT-SICS line without its CR LF;
:class:`simulators.balance_port.BalancePort` carries it over bytes (pty server, pyserial URL handler).
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections.abc import Callable
from typing import Protocol

READABILITY_G = 0.00001
REFERENCE_WEIGHT_DENSITY_KG_M3 = 8000.0  # steel calibration weights (OIML R 111)

# Tanaka et al. (2001), Metrologia 38, 301: density of air-free SMOW water at 101.325 kPa.
_TANAKA_A1_C = -3.983035
_TANAKA_A2_C = 301.797
_TANAKA_A3_C2 = 522528.9
_TANAKA_A4_C = 69.34881
_TANAKA_A5_KG_M3 = 999.974950


def _check_range(field: str, value: float, minimum: float, maximum: float, unit: str) -> None:
    if not minimum <= value <= maximum:
        raise ValueError(
            f"{field} = {value:g} {unit} is out of range (allowed {minimum:g}–{maximum:g} {unit})"
        )


def water_density_kg_m3(temperature_c: float) -> float:
    """Density of pure water in kg/m³ at ``temperature_c`` (Tanaka et al. 2001), 0–40 °C."""
    _check_range("temperature_c", temperature_c, 0.0, 40.0, "°C")
    t = temperature_c
    return _TANAKA_A5_KG_M3 * (
        1.0 - (t + _TANAKA_A1_C) ** 2 * (t + _TANAKA_A2_C) / (_TANAKA_A3_C2 * (t + _TANAKA_A4_C))
    )


def air_density_kg_m3(temperature_c: float, pressure_hpa: float, humidity_pct: float) -> float:
    """Density of moist air in kg/m³ (the approximation formula of OIML R 111 / ISO 8655-6)."""
    return (0.34848 * pressure_hpa - 0.009 * humidity_pct * math.exp(0.061 * temperature_c)) / (
        273.15 + temperature_c
    )


def apparent_mass_mg(
    volume_ul: float, temperature_c: float, pressure_hpa: float, humidity_pct: float
) -> float:
    """Reading in mg of ``volume_ul`` of water on a balance adjusted with steel weights, in air.

    The water is buoyed up by the air it displaces, the adjustment weights by theirs: the reading is
    ``volume × (ρ_water − ρ_air) / (1 − ρ_air / ρ_weights)``, the inverse of ISO 8655-6's factor Z.
    """
    rho_w = water_density_kg_m3(temperature_c)
    rho_a = air_density_kg_m3(temperature_c, pressure_hpa, humidity_pct)
    # kg/m³ = mg/ml = 0.001 mg/µl
    return volume_ul * (rho_w - rho_a) / 1000.0 / (1.0 - rho_a / REFERENCE_WEIGHT_DENSITY_KG_M3)


class _Truth(Protocol):
    @property
    def delivered_volume_nl(self) -> float: ...


class GunWithTruth(Protocol):
    """What the balance needs from a simulated gun: its ground truth."""

    @property
    def truth(self) -> _Truth: ...


class ScaledClock(Protocol):
    """A simulated clock shared with a gun: its simulated seconds and its current speed."""

    @property
    def scale(self) -> float: ...

    def monotonic_s(self) -> float: ...


def gun_volume_source(gun: GunWithTruth) -> Callable[[], float]:
    """A ``source_volume_ul`` that reads what the gun has really delivered so far, in µl.

    A gun that can tell the volume of the delivery in progress (``delivered_volume_now_nl()``, as
    :class:`~simulators.gun.SimulatedGun` does) fills the container while a continuous infusion flows.
    """
    now_nl: Callable[[], float] | None = getattr(gun, "delivered_volume_now_nl", None)

    def source_volume_ul() -> float:
        if now_nl is not None:
            return now_nl() / 1000.0
        return gun.truth.delivered_volume_nl / 1000.0

    return source_volume_ul


def format_weight_g(weight_g: float) -> str:
    """A weight as MT-SICS sends it: right-aligned in 10 characters, 5 decimals."""
    digits = round(weight_g / READABILITY_G)
    text = f"{digits * READABILITY_G:.5f}"
    if digits == 0:
        text = "0.00000"  # never "-0.00000"
    return f"{text:>10}"


class SimulatedBalance:
    """A stateful, thread-safe balance model with an MT-SICS level 0/1 command interpreter.

    Masses are in grams unless a name says otherwise; durations are simulated seconds.
    """

    def __init__(
        self,
        source_volume_ul: Callable[[], float] | None = None,
        *,
        serial_number: str = "B123456789",
        model: str = "SIM-AB125-5",
        clock_scale: float = 1.0,
        noise_mg: float = 0.015,
        drift_mg_per_min: float = -0.2,
        settling_s: float = 1.5,
        stability_timeout_s: float = 5.0,
        stability_band_mg: float = 0.05,
        temperature_c: float = 20.0,
        pressure_hpa: float = 1013.25,
        humidity_pct: float = 50.0,
        container_g: float = 30.0,
        capacity_g: float = 120.0,
        seed: int = 0,
        clock: Callable[[], float] = time.monotonic,
        sim_clock: ScaledClock | None = None,
    ) -> None:
        _check_range("clock_scale", clock_scale, 0.01, 10000.0, "")
        _check_range("noise_mg", noise_mg, 0.0, 1000.0, "mg")
        _check_range("settling_s", settling_s, 0.0, 60.0, "s")
        _check_range("stability_timeout_s", stability_timeout_s, 0.0, 600.0, "s")
        _check_range("temperature_c", temperature_c, 0.0, 40.0, "°C")
        _check_range("pressure_hpa", pressure_hpa, 500.0, 1100.0, "hPa")
        _check_range("humidity_pct", humidity_pct, 0.0, 100.0, "%")
        _check_range("container_g", container_g, 0.0, capacity_g, "g")
        if not serial_number.isascii() or '"' in serial_number:
            raise ValueError(f"serial_number = {serial_number!r} must be ASCII without quotes")
        self.serial_number = serial_number
        self.model = model
        self._own_scale = clock_scale
        self._sim_clock = sim_clock
        self.settling_s = settling_s
        self.stability_timeout_s = stability_timeout_s
        self.stability_band_mg = stability_band_mg
        self.temperature_c = temperature_c
        self.pressure_hpa = pressure_hpa
        self.humidity_pct = humidity_pct
        self.container_g = container_g
        self.capacity_g = capacity_g
        self._source = source_volume_ul
        self._noise_mg = noise_mg
        self._drift_mg_per_min = drift_mg_per_min
        self._clock = clock
        self._rng = random.Random(seed)
        self._lock = threading.RLock()
        self._t0_wall = clock()
        self._t0_sim = sim_clock.monotonic_s() if sim_clock is not None else 0.0
        self._extra_g = 0.0
        self._zero_g = 0.0  # gross reading that shows as zero (the pan was empty at switch-on)
        self._tare_g = 0.0
        self._placed_g = self._placed_load_g()
        self._load_g = self._placed_g  # true gross load in g, evaporation included
        self._shown_g = self._placed_g  # what the weighing cell indicates (lags the load)
        self._sampled_at_s = 0.0
        self._evaporated_mg = 0.0  # signed: the drift integrated over simulated time
        self._changed_at_s = -math.inf
        self._disturbed_until_s = -math.inf

    # ------------------------------------------------------------------ control surface (tests, console)

    @property
    def clock_scale(self) -> float:
        """Simulated seconds per wall-clock second (the gun's, when the balance runs on its clock)."""
        return self._sim_clock.scale if self._sim_clock is not None else self._own_scale

    def now_s(self) -> float:
        """Simulated seconds since the balance was created."""
        if self._sim_clock is not None:
            return self._sim_clock.monotonic_s() - self._t0_sim
        return (self._clock() - self._t0_wall) * self._own_scale

    def set_source(self, source_volume_ul: Callable[[], float] | None) -> None:
        """Feed the container from another source of volume (µl), or from none."""
        with self._lock:
            self._source = source_volume_ul
            self._sample()

    def place_mass_g(self, mass_g: float) -> None:
        """Put ``mass_g`` more on the pan (a check weight; negative removes), which restarts settling."""
        with self._lock:
            self._extra_g += mass_g
            self._sample()

    def disturb(self) -> None:
        """A draught or a bump: the balance is unstable again for ``settling_s``."""
        with self._lock:
            self._disturbed_until_s = self.now_s() + self.settling_s

    def set_noise_mg(self, noise_mg: float) -> None:
        """Standard deviation of the reading noise in mg (above ``stability_band_mg`` it never settles)."""
        _check_range("noise_mg", noise_mg, 0.0, 1000.0, "mg")
        with self._lock:
            self._noise_mg = noise_mg

    def set_drift_mg_per_min(self, drift_mg_per_min: float) -> None:
        """Evaporation drift in mg per simulated minute (negative: the container loses water)."""
        with self._lock:
            self._sample()  # what evaporated so far did so at the old rate
            self._drift_mg_per_min = drift_mg_per_min

    def net_g(self) -> float:
        """The true net load in g (no noise, no transient): what a perfect balance would show now."""
        with self._lock:
            self._sample()
            return self._load_g - self._zero_g - self._tare_g

    @property
    def tare_g(self) -> float:
        with self._lock:
            return self._tare_g

    # ------------------------------------------------------------------ physics

    def _placed_load_g(self) -> float:
        """Container, check weights and the water fed so far, in g (evaporation apart)."""
        volume_ul = self._source() if self._source is not None else 0.0
        water_mg = apparent_mass_mg(volume_ul, self.temperature_c, self.pressure_hpa, self.humidity_pct)
        return self.container_g + self._extra_g + water_mg / 1000.0

    def _settling_left_s(self, now_s: float) -> float:
        return max(self._changed_at_s + self.settling_s, self._disturbed_until_s) - now_s

    def _sample(self) -> None:
        """Look at the load; the reading follows it with a first-order lag.

        A change is dated to the previous look (the balance samples continuously; we only compute it
        when asked), so a change long ago has settled and a continuous flow read every 30 s is current.
        """
        now_s = self.now_s()
        placed_g = self._placed_load_g()
        if placed_g != self._placed_g:
            self._changed_at_s = self._sampled_at_s
            self._placed_g = placed_g
        self._evaporated_mg += self._drift_mg_per_min * (now_s - self._sampled_at_s) / 60.0
        self._load_g = placed_g + self._evaporated_mg / 1000.0
        # tau = settling / 12: what is left of a step when the balance declares itself stable
        # (e^-12 of a 500 mg step = 0.003 mg) is below its readability.
        tau_s = self.settling_s / 12.0
        lag = math.exp(-(now_s - self._sampled_at_s) / tau_s) if tau_s > 0.0 else 0.0
        self._shown_g = self._load_g + (self._shown_g - self._load_g) * lag
        self._sampled_at_s = now_s

    def _is_stable(self, now_s: float) -> bool:
        return self._settling_left_s(now_s) <= 0.0 and self._noise_mg <= self.stability_band_mg

    def _reading(self) -> tuple[float, bool]:
        """(gross reading in g relative to the zero point, stable?) with noise and settling lag."""
        self._sample()
        now_s = self.now_s()
        settled = self._settling_left_s(now_s) <= 0.0
        noise_mg = self._noise_mg if settled else 10.0 * self._noise_mg
        noisy_g = self._shown_g + self._rng.gauss(0.0, noise_mg) / 1000.0
        return noisy_g - self._zero_g, self._is_stable(now_s)

    def _wait_stable(self, abort: Callable[[], bool]) -> bool:
        """Wait until stable or ``stability_timeout_s`` (simulated); False on timeout or abort."""
        deadline_s = self.now_s() + self.stability_timeout_s
        while True:
            with self._lock:
                self._sample()
                now_s = self.now_s()
                if self._is_stable(now_s):
                    return True
            if now_s >= deadline_s or abort():
                return False
            # Look again soon: the load may still be changing (a shot in progress) while we wait.
            time.sleep(min(0.005, (deadline_s - now_s) / self.clock_scale + 0.0005))

    # ------------------------------------------------------------------ MT-SICS

    def execute(self, line: str, abort: Callable[[], bool] = lambda: False) -> str | None:
        """The reply (without CR LF) to one command line; None when ``abort()`` cut a wait short.

        ``S``, ``Z`` and ``T`` wait for stability up to ``stability_timeout_s``; the others answer at once.
        """
        parts = line.strip().split()
        if not parts:
            return "ES"
        command, args = parts[0].upper(), parts[1:]
        if command == "TA":
            return self._tare_preset(args)
        if args:
            return "EL" if command in _NO_ARGUMENT_COMMANDS else "ES"
        handler = _NO_ARGUMENT_COMMANDS.get(command)
        if handler is None:
            return "ES"
        return handler(self, abort)

    def _identify(self, command: str) -> str:
        if command == "I1":
            return 'I1 A "01" "2.20" "2.20" "1.00" "1.00"'
        if command == "I2":
            return f'I2 A "{self.model} {format_weight_g(self.capacity_g).strip()} g"'
        if command == "I3":
            return 'I3 A "1.00 sim"'
        return f'I4 A "{self.serial_number}"'

    def _weigh(self, abort: Callable[[], bool]) -> str | None:
        if not self._wait_stable(abort):
            return None if abort() else "S I"
        with self._lock:
            gross_g, _ = self._reading()
            return self._weight_reply("S", "S", gross_g)

    def _weigh_immediately(self) -> str:
        with self._lock:
            gross_g, stable = self._reading()
            return self._weight_reply("S", "S" if stable else "D", gross_g)

    def _weight_reply(self, command: str, status: str, gross_g: float) -> str:
        if gross_g + self._zero_g > self.capacity_g:
            return f"{command} +"
        if gross_g + self._zero_g < -0.05 * self.capacity_g:
            return f"{command} -"
        return f"{command} {status} {format_weight_g(gross_g - self._tare_g)} g"

    def _zero(self, abort: Callable[[], bool]) -> str | None:
        if not self._wait_stable(abort):
            return None if abort() else "Z I"
        with self._lock:
            self._sample()
            self._zero_g = self._load_g
            self._tare_g = 0.0
            return "Z A"

    def _zero_immediately(self) -> str:
        with self._lock:
            gross_g, stable = self._reading()
            self._zero_g += gross_g
            self._tare_g = 0.0
            return "ZI S" if stable else "ZI D"

    def _tare(self, abort: Callable[[], bool]) -> str | None:
        if not self._wait_stable(abort):
            return None if abort() else "T I"
        with self._lock:
            self._sample()
            tare_g = self._load_g - self._zero_g
            if tare_g > self.capacity_g:
                return "T +"
            if tare_g < 0.0:
                return "T -"
            self._tare_g = tare_g
            return f"T S {format_weight_g(tare_g)} g"

    def _tare_preset(self, args: list[str]) -> str:
        with self._lock:
            if not args:
                return f"TA A {format_weight_g(self._tare_g)} g"
            if len(args) != 2 or args[1] not in _UNIT_G:
                return "EL"
            try:
                tare_g = float(args[0]) * _UNIT_G[args[1]]
            except ValueError:
                return "EL"
            if not 0.0 <= tare_g <= self.capacity_g:
                return "EL"
            self._tare_g = tare_g
            return f"TA A {format_weight_g(tare_g)} g"

    def _clear_tare(self) -> str:
        with self._lock:
            self._tare_g = 0.0
            return "TAC A"

    def _reset(self) -> str:
        """``@``: back to the switch-on state without a new zero: the tare is cleared."""
        with self._lock:
            self._tare_g = 0.0
            return f'I4 A "{self.serial_number}"'


_UNIT_G = {"g": 1.0, "mg": 0.001, "kg": 1000.0}

_NO_ARGUMENT_COMMANDS: dict[str, Callable[[SimulatedBalance, Callable[[], bool]], str | None]] = {
    "@": lambda b, _abort: b._reset(),
    "I1": lambda b, _abort: b._identify("I1"),
    "I2": lambda b, _abort: b._identify("I2"),
    "I3": lambda b, _abort: b._identify("I3"),
    "I4": lambda b, _abort: b._identify("I4"),
    "S": lambda b, abort: b._weigh(abort),
    "SI": lambda b, _abort: b._weigh_immediately(),
    "Z": lambda b, abort: b._zero(abort),
    "ZI": lambda b, _abort: b._zero_immediately(),
    "T": lambda b, abort: b._tare(abort),
    "TAC": lambda b, _abort: b._clear_tare(),
}

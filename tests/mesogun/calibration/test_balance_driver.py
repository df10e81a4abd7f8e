"""The MT-SICS driver against the simulated balance (over a real pty and the URL) and a scripted one."""

from __future__ import annotations

import contextlib
import itertools
import os
import select
import threading
import tty
from collections.abc import Iterator
from pathlib import Path

import pytest

from mesogun.calibration.balance import (
    Balance,
    BalanceError,
    BalanceNotRespondingError,
    BalanceOverloadError,
    BalanceUnstableError,
    ManualBalance,
    parse_weight_g,
)
from mesogun.calibration.gravimetry import WeighingConditions, mass_to_volume_ul
from simulators.balance import SimulatedBalance
from simulators.balance_server import BalancePtyServer
from simulators.protocol_simbalance import forget_balance, register_balance

_names = itertools.count()


class Volume:
    """Water fed to the simulated container (µl), set by the test."""

    def __init__(self) -> None:
        self.ul = 0.0

    def __call__(self) -> float:
        return self.ul


@pytest.fixture
def volume() -> Volume:
    return Volume()


@pytest.fixture
def sim(volume: Volume) -> SimulatedBalance:
    return SimulatedBalance(volume, clock_scale=50.0, drift_mg_per_min=0.0, noise_mg=0.015, seed=7)


@pytest.fixture(params=["pty", "url"])
def balance(request: pytest.FixtureRequest, sim: SimulatedBalance) -> Iterator[Balance]:
    """The driver connected to ``sim`` through a real pty, or through the in-process URL."""
    if request.param == "pty":
        with BalancePtyServer(sim) as server, Balance.open(server.path, response_timeout_s=10.0) as driver:
            yield driver
    else:
        name = f"driver-bench-{next(_names)}"
        register_balance(name, sim)
        try:
            with Balance.open(f"simbalance://{name}", response_timeout_s=10.0) as driver:
                yield driver
        finally:
            forget_balance(name)


def test_reads_the_serial_number(balance: Balance) -> None:
    assert balance.serial_number() == "B123456789"


def test_weighing_the_fed_water_gives_back_its_volume(balance: Balance, volume: Volume) -> None:
    assert balance.tare(timeout_s=10.0) == pytest.approx(30.0)
    volume.ul = 250.0
    mass_mg = balance.stable_weight_g(timeout_s=10.0) * 1000.0
    assert mass_to_volume_ul(mass_mg, WeighingConditions(20.0)) == pytest.approx(250.0, abs=0.1)


def test_immediate_reading_is_unstable_right_after_a_change(balance: Balance, volume: Volume) -> None:
    balance.tare()
    volume.ul = 400.0
    _, stable = balance.immediate_reading()
    assert not stable
    settled_g = balance.stable_weight_g(timeout_s=10.0)
    weight_g, stable = balance.immediate_reading()
    assert stable
    assert weight_g == pytest.approx(settled_g, abs=0.0001)


def test_unstable_balance_raises_and_stays_usable(balance: Balance, sim: SimulatedBalance) -> None:
    sim.set_noise_mg(0.5)
    sim.stability_timeout_s = 1e6  # its own S would wait far longer than our timeout
    with pytest.raises(BalanceUnstableError, match=r"not become stable within 0\.3 s"):
        balance.stable_weight_g(timeout_s=0.3)
    with pytest.raises(BalanceUnstableError):
        balance.tare(timeout_s=0.3)
    assert balance.serial_number() == "B123456789"
    sim.set_noise_mg(0.01)
    assert balance.stable_weight_g(timeout_s=10.0) == pytest.approx(30.0, abs=0.0001)


def test_zero_clears_the_tare(balance: Balance, sim: SimulatedBalance) -> None:
    balance.tare()
    assert balance.tare_g() == pytest.approx(30.0)
    sim.place_mass_g(5.0)
    balance.zero()
    assert balance.tare_g() == 0.0
    assert balance.stable_weight_g() == pytest.approx(0.0, abs=0.0001)


def test_reset_clears_the_tare(balance: Balance) -> None:
    balance.tare()
    assert balance.reset() == "B123456789"
    assert balance.tare_g() == 0.0
    assert balance.stable_weight_g() == pytest.approx(30.0, abs=0.0001)


def test_overload_is_reported(balance: Balance, sim: SimulatedBalance) -> None:
    sim.place_mass_g(200.0)
    with pytest.raises(BalanceOverloadError, match="overload"):
        balance.stable_weight_g()
    with pytest.raises(BalanceOverloadError):
        balance.immediate_weight_g()


def test_silent_port_is_not_responding() -> None:
    master, slave = os.openpty()
    tty.setraw(slave)
    try:
        with Balance.open(os.ttyname(slave), response_timeout_s=0.3) as driver:
            with pytest.raises(BalanceNotRespondingError, match="did not answer 'I4'"):
                driver.serial_number()
            with pytest.raises(BalanceNotRespondingError):
                driver.stable_weight_g(timeout_s=0.2)
    finally:
        os.close(master)
        os.close(slave)


def test_a_balance_that_goes_away_is_not_responding(sim: SimulatedBalance) -> None:
    server = BalancePtyServer(sim)
    try:
        with Balance.open(server.path, response_timeout_s=0.5) as driver:
            assert driver.serial_number() == "B123456789"
            server.close()  # the far end of the cable is gone
            with pytest.raises(BalanceNotRespondingError):
                driver.stable_weight_g(timeout_s=5.0)
    finally:
        server.close()


def test_missing_port_is_not_responding(tmp_path: Path) -> None:
    with pytest.raises(BalanceNotRespondingError, match="Cannot open the balance"):
        Balance.open(str(tmp_path / "ttyUSB9"))


# ---------------------------------------------------------------------- a scripted balance on a pty


class ScriptedBalance:
    """Plays the balance on the far end of a pty: each expected command line gets its scripted reply."""

    def __init__(self, script: list[tuple[bytes, bytes]]) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        self.path = os.ttyname(self.slave)
        self.script = list(script)
        self.received: list[bytes] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        buffer = b""
        for _expected, reply in self.script:
            while b"\r\n" not in buffer:
                if self.stop.is_set():
                    return
                ready, _, _ = select.select([self.master], [], [], 0.05)
                if ready:
                    buffer += os.read(self.master, 256)
            line, buffer = buffer.split(b"\r\n", 1)
            self.received.append(line)
            os.write(self.master, reply)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=10.0)
        os.close(self.master)
        os.close(self.slave)

    def check(self) -> None:
        assert not self.thread.is_alive(), "the driver did not send every scripted command"
        assert self.received == [expected for expected, _ in self.script]


@contextlib.contextmanager
def scripted(script: list[tuple[bytes, bytes]]) -> Iterator[Balance]:
    """The driver talking to a scripted balance; checks every scripted command was sent, in order."""
    far_end = ScriptedBalance(script)
    try:
        with Balance.open(far_end.path, response_timeout_s=10.0) as driver:
            yield driver
        far_end.thread.join(timeout=10.0)
        far_end.check()
    finally:
        far_end.close()


def test_weights_in_other_units_are_converted_to_grams() -> None:
    script = [(b"SI", b"S S     49.87 mg\r\n"), (b"SI", b"S D  0.0012345 kg\r\n")]
    with scripted(script) as driver:
        first_g, first_stable = driver.immediate_reading()
        second_g, second_stable = driver.immediate_reading()
    assert first_g == pytest.approx(0.04987)
    assert first_stable
    assert second_g == pytest.approx(1.2345)
    assert not second_stable


def test_an_unknown_unit_is_refused() -> None:
    with (
        scripted([(b"SI", b"S S      1.2 lb\r\n")]) as driver,
        pytest.raises(BalanceError, match="set its unit to g"),
    ):
        driver.immediate_weight_g()


def test_a_late_reply_to_an_earlier_command_is_skipped() -> None:
    # A reply that arrives after the next command was sent must not be taken as that command's answer.
    with scripted([(b"I4", b'Z A\r\nI4 A "B77"\r\n')]) as driver:
        assert driver.serial_number() == "B77"


def test_a_rejected_command_names_the_balance_error() -> None:
    with (
        scripted([(b"I4", b"ES\r\n")]) as driver,
        pytest.raises(BalanceError, match=r"ES \(syntax error"),
    ):
        driver.serial_number()


def test_stable_weight_sends_s_once_si_reports_stability() -> None:
    script = [
        (b"SI", b"S D    0.01000 g\r\n"),
        (b"SI", b"S S    0.01234 g\r\n"),
        (b"S", b"S S    0.01235 g\r\n"),
    ]
    with scripted(script) as driver:
        assert driver.stable_weight_g(timeout_s=10.0) == pytest.approx(0.01235)


# ---------------------------------------------------------------------- typed readings


def test_manual_balance_takes_typed_readings() -> None:
    answers = iter(["", "49,87 mg", "0.05012 g", "oops"])
    prompts: list[str] = []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    manual = ManualBalance(ask, identification="AB-0042")
    manual.zero()
    assert manual.stable_weight_g() == pytest.approx(0.04987)
    assert manual.stable_weight_g() == pytest.approx(0.05012)
    with pytest.raises(BalanceError, match="'oops' is not a weight"):
        manual.stable_weight_g()
    assert manual.serial_number() == "AB-0042"
    assert "Zero the balance" in prompts[0]


@pytest.mark.parametrize(
    ("text", "grams"), [("0.04987", 0.04987), ("49.87mg", 0.04987), (" 1,5 g ", 1.5), ("-0.00002", -0.00002)]
)
def test_parse_weight(text: str, grams: float) -> None:
    assert parse_weight_g(text) == pytest.approx(grams)


@pytest.mark.parametrize("text", ["", "g", "nan", "inf mg", "12 oz"])
def test_parse_weight_refuses_non_weights(text: str) -> None:
    with pytest.raises(BalanceError):
        parse_weight_g(text)

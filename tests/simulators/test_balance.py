"""The simulated balance answers MT-SICS like a 5-place analytical balance weighing a water container."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import serial

from firmware_protocol.enums import ShotResult
from simulators.balance import SimulatedBalance, gun_volume_source
from simulators.balance_port import BalancePort
from simulators.balance_server import BalancePtyServer
from simulators.protocol_simbalance import forget_balance, get_balance, register_balance
from simulators.truth import TrueShot, Truth

WEIGHT_REPLY = re.compile(r"^S S +(-?\d+\.\d{5}) g$")
# 100 µl of water at 20 °C, 1013 hPa read on a balance adjusted with steel weights: 100 / Z mg,
# Z = 1.0029 µl/mg (ISO 8655-6 table A.1).
READING_100_UL_MG = 100.0 / 1.0029


class FakeClock:
    """A wall clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Volume:
    """A source of water the test sets by hand (µl)."""

    def __init__(self) -> None:
        self.ul = 0.0

    def __call__(self) -> float:
        return self.ul


def ask(port: BalancePort, command: str) -> str:
    """Send one command line and return the reply line, waiting on its CR LF."""
    port.host_write(command.encode("ascii") + b"\r\n")
    return read_line(port)


def read_line(port: BalancePort) -> str:
    data = b""
    while not data.endswith(b"\r\n"):
        chunk = port.host_read(1, timeout_s=10.0)  # byte by byte: never eat into the next reply
        assert chunk, f"no reply (so far {data!r})"
        data += chunk
    return data.decode("ascii")[:-2]


def weight_mg(reply: str) -> float:
    match = WEIGHT_REPLY.match(reply)
    assert match, f"not a stable weight reply: {reply!r}"
    return float(match.group(1)) * 1000.0


@pytest.fixture
def volume() -> Volume:
    return Volume()


@pytest.fixture
def balance(volume: Volume) -> SimulatedBalance:
    return SimulatedBalance(volume, clock_scale=50.0, drift_mg_per_min=0.0, noise_mg=0.015, seed=3)


@pytest.fixture
def port(balance: SimulatedBalance) -> Iterator[BalancePort]:
    link = BalancePort(balance)
    yield link
    link.close()


def test_identifies_itself_by_serial_number(port: BalancePort) -> None:
    assert ask(port, "I4") == 'I4 A "B123456789"'
    assert ask(port, "I2").startswith('I2 A "')


def test_tared_container_then_water_reads_its_apparent_mass(port: BalancePort, volume: Volume) -> None:
    assert ask(port, "T") == "T S   30.00000 g"
    assert abs(weight_mg(ask(port, "S"))) <= 0.08
    volume.ul = 100.0
    assert weight_mg(ask(port, "S")) == pytest.approx(READING_100_UL_MG, abs=0.08)


def test_weight_is_dynamic_while_settling_and_stable_after(port: BalancePort, volume: Volume) -> None:
    ask(port, "T")
    volume.ul = 250.0
    assert ask(port, "SI").startswith("S D ")
    assert weight_mg(ask(port, "S")) == pytest.approx(2.5 * READING_100_UL_MG, abs=0.08)
    assert ask(port, "SI").startswith("S S ")


def test_noisy_balance_never_settles(port: BalancePort, balance: SimulatedBalance) -> None:
    balance.set_noise_mg(0.5)
    balance.stability_timeout_s = 2.0
    assert ask(port, "S") == "S I"
    assert ask(port, "SI").startswith("S D ")
    assert ask(port, "Z") == "Z I"
    assert ask(port, "T") == "T I"


def test_disturbance_makes_it_unstable_again(port: BalancePort, balance: SimulatedBalance) -> None:
    assert ask(port, "SI").startswith("S S ")
    balance.disturb()
    assert ask(port, "SI").startswith("S D ")
    assert ask(port, "S").startswith("S S ")


def test_zero_and_tare_memory(port: BalancePort, balance: SimulatedBalance) -> None:
    assert ask(port, "Z") == "Z A"
    assert abs(weight_mg(ask(port, "S"))) <= 0.08
    balance.place_mass_g(10.0)
    assert weight_mg(ask(port, "S")) == pytest.approx(10_000.0, abs=0.08)
    assert ask(port, "T") == "T S   10.00000 g"
    assert ask(port, "TA") == "TA A   10.00000 g"
    assert ask(port, "TAC") == "TAC A"
    assert ask(port, "TA") == "TA A    0.00000 g"
    assert ask(port, "TA 2.5 g") == "TA A    2.50000 g"
    assert weight_mg(ask(port, "S")) == pytest.approx(7_500.0, abs=0.08)


def test_reset_clears_the_tare_and_answers_with_the_serial_number(port: BalancePort) -> None:
    ask(port, "T")
    assert ask(port, "@") == 'I4 A "B123456789"'
    assert ask(port, "TA") == "TA A    0.00000 g"
    assert weight_mg(ask(port, "S")) == pytest.approx(30_000.0, abs=0.08)


def test_reset_aborts_a_pending_stable_weight(port: BalancePort, balance: SimulatedBalance) -> None:
    balance.set_noise_mg(0.5)
    balance.stability_timeout_s = 1e6  # S would wait "forever"
    port.host_write(b"S\r\n@\r\nI4\r\n")
    assert read_line(port) == 'I4 A "B123456789"'  # the reset's answer; S sends nothing
    assert read_line(port) == 'I4 A "B123456789"'


def test_errors_for_unknown_malformed_and_garbled_commands(port: BalancePort) -> None:
    assert ask(port, "XYZ") == "ES"
    assert ask(port, "S 3") == "EL"
    assert ask(port, "TA heavy g") == "EL"
    assert ask(port, "TA 1 lb") == "EL"
    port.host_write(b"S\xff\r\n")
    assert read_line(port) == "ET"
    port.host_write(b"S" * 100)
    assert read_line(port) == "ET"
    assert ask(port, "I4") == 'I4 A "B123456789"'  # and it listens again


def test_overload_above_capacity(port: BalancePort, balance: SimulatedBalance) -> None:
    balance.place_mass_g(100.0)  # 30 g container + 100 g > 120 g
    assert ask(port, "S") == "S +"
    assert ask(port, "SI") == "S +"


def test_evaporation_drifts_on_the_scaled_clock() -> None:
    clock = FakeClock()
    balance = SimulatedBalance(clock_scale=10.0, noise_mg=0.0, drift_mg_per_min=-0.2, clock=clock)
    before = weight_mg(balance.execute("S") or "")
    clock.now += 60.0  # ten simulated minutes
    after = weight_mg(balance.execute("S") or "")
    assert after - before == pytest.approx(-2.0, abs=0.011)


def test_water_density_follows_the_configured_temperature(volume: Volume) -> None:
    readings = {}
    for temperature_c in (15.0, 30.0):
        balance = SimulatedBalance(
            volume, clock_scale=100.0, noise_mg=0.0, drift_mg_per_min=0.0, temperature_c=temperature_c
        )
        balance.execute("T")
        volume.ul = 1000.0
        readings[temperature_c] = weight_mg(balance.execute("S") or "")
        volume.ul = 0.0
    # ISO 8655-6: Z = 1.0020 µl/mg at 15 °C, 1.0054 µl/mg at 30 °C.
    assert readings[15.0] == pytest.approx(1000.0 / 1.0020, abs=0.1)
    assert readings[30.0] == pytest.approx(1000.0 / 1.0054, abs=0.1)


def test_gun_source_weighs_what_the_gun_really_delivered() -> None:
    @dataclass
    class Gun:
        truth: Truth

    gun = Gun(Truth())
    balance = SimulatedBalance(gun_volume_source(gun), clock_scale=100.0, noise_mg=0.0, drift_mg_per_min=0.0)
    balance.execute("T")
    for event_number in (1, 2):
        gun.truth.add_shot(TrueShot(event_number, 1, 53_000.0, 4000, ShotResult.COMPLETE))
    assert weight_mg(balance.execute("S") or "") == pytest.approx(106.0 / 1.0029, abs=0.011)


def test_served_over_a_pty_to_pyserial(balance: SimulatedBalance, volume: Volume) -> None:
    with BalancePtyServer(balance) as server:
        assert server.path.startswith("/dev/")
        link = serial.Serial(server.path, 9600, timeout=10.0)
        try:
            link.write(b"I4\r\n")
            assert link.read_until(b"\r\n") == b'I4 A "B123456789"\r\n'
            link.write(b"T\r\n")
            assert link.read_until(b"\r\n") == b"T S   30.00000 g\r\n"
            volume.ul = 100.0
            link.write(b"S\r\n")
            reply = link.read_until(b"\r\n").decode("ascii")[:-2]
            assert weight_mg(reply) == pytest.approx(READING_100_UL_MG, abs=0.08)
        finally:
            link.close()


def test_url_creates_a_registered_balance_from_its_options() -> None:
    link = serial.serial_for_url("simbalance://opts-bench?serial=B42&noise_mg=0.5&scale=100", timeout=10.0)
    try:
        link.write(b"I4\r\n")
        assert link.read_until(b"\r\n") == b'I4 A "B42"\r\n'
        assert get_balance("opts-bench").serial_number == "B42"
        link.write(b"SI\r\n")
        assert link.read_until(b"\r\n").startswith(b"S D ")  # 0.5 mg noise: never stable
    finally:
        link.close()
        forget_balance("opts-bench")


def test_url_opens_a_balance_registered_with_its_own_source(volume: Volume) -> None:
    balance = SimulatedBalance(volume, clock_scale=50.0, drift_mg_per_min=0.0)
    register_balance("fed-bench", balance)
    link = serial.serial_for_url("simbalance://fed-bench", timeout=10.0)
    try:
        link.write(b"T\r\n")
        link.read_until(b"\r\n")
        volume.ul = 100.0
        link.write(b"S\r\n")
        reply = link.read_until(b"\r\n").decode("ascii")[:-2]
        assert weight_mg(reply) == pytest.approx(READING_100_UL_MG, abs=0.08)
    finally:
        link.close()
        forget_balance("fed-bench")


def test_url_with_an_unknown_option_is_refused() -> None:
    with pytest.raises(serial.SerialException, match="unknown option 'colour'"):
        serial.serial_for_url("simbalance://odd?colour=blue")


def test_mesogun_sim_balance_serves_a_pty_and_prints_its_path() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "simulators.cli", "balance", "--serial", "B9", "--scale", "50"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        path = process.stdout.readline().strip()
        assert path.startswith("/dev/")
        link = serial.Serial(path, 9600, timeout=10.0)
        try:
            link.write(b"I4\r\n")
            assert link.read_until(b"\r\n") == b'I4 A "B9"\r\n'
        finally:
            link.close()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10.0) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_balance_weighing_a_gun_runs_on_the_gun_clock_whatever_its_speed() -> None:
    from simulators import registry

    gun = registry.create_gun("simgun://clock-gun?scale=1")
    try:
        with pytest.raises(serial.SerialException, match="runs on the gun's clock"):
            serial.serial_for_url("simbalance://clock-bench-scaled?gun=clock-gun&scale=60")
        link = serial.serial_for_url("simbalance://clock-bench?gun=clock-gun", timeout=10.0)
        try:
            balance = get_balance("clock-bench")
            assert balance.clock_scale == 1.0
            before_s = balance.now_s()
            gun.set_clock_scale(60.0)  # one clock: the balance speeds up with the gun
            assert balance.clock_scale == 60.0
            assert balance.now_s() >= before_s  # simulated time goes on from where it was
            gun.set_clock_scale(1.0)
            assert balance.clock_scale == 1.0
        finally:
            link.close()
            forget_balance("clock-bench")
    finally:
        registry.remove_gun("clock-gun")

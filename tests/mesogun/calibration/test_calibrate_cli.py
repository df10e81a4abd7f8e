"""``mesogun calibrate`` and ``mesogun calibrations`` as a technician runs them, Ctrl-C included."""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from calibration_bench import ACCESS_CODE

from firmware_protocol import DeviceState
from mesogun.cli import main
from mesogun.journal import CalibrationKind, SqliteJournal
from mesogun.simulation import memory_beside
from simulators import registry
from simulators.balance import SimulatedBalance, gun_volume_source
from simulators.balance_server import BalancePtyServer
from simulators.clock import SteppedClock
from simulators.gun import SimulatedGun
from simulators.servers import PtyServer

WAIT_S = 60.0
BENCH = ["--technician", "Camille Roux"]


def test_a_technicians_day_on_the_simulated_gun(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = ["--journal", str(tmp_path / "journal.sqlite")]
    flow = ["calibrate", "flow", "--simulator", "--sim-scale", "60", "--duration-min", "3"]
    flow += ["--analysis-from-min", "0.5", *BENCH, *journal]

    # The gun as delivered is 6 % off: its flow test fails, and says so. For the flow test it runs on a
    # stepped clock (registered under the name the command starts its gun by, with the memory the
    # command gives it): the flow is timed on the gun's clock, which moves only while the test waits,
    # so a loaded machine's delays add no simulated time. Its watchdog is 5 s: the clock is checked here.
    registry.register_gun(
        "cli",
        SimulatedGun(
            memory_beside(tmp_path / "journal.sqlite"),
            serial_number="SIM-0001",
            clock=SteppedClock(),
            watchdog_ms=5_000,
        ),
    )
    assert main(flow) == 1
    out = capsys.readouterr().out
    assert "flow test FAILED — gun SIM-0001" in out
    assert "outside ±5 %" in out
    measured = re.search(r"measured [\d.]+ µl/s over [^:]+: error ([+-][\d.]+) %", out)
    assert measured is not None and 5.0 < float(measured.group(1)) <= 6.0  # the gun's 6 %, pauses aside

    verified = ["--balance-verified", "2026-01-15"]
    assert main(["calibrate", "volume", "--simulator", "--sim-scale", "50", *verified, *BENCH, *journal]) == 0
    out = capsys.readouterr().out
    assert "volume calibration PASSED — gun SIM-0001" in out
    assert "factor 10.000 → 10.600 nl/step, calibration #1" in out
    assert "syringe: the next level needs" in out  # what to do next, at the terminal

    # The depth gauge is read and typed by the technician: 0.15 mm too deep as found, exact after.
    monkeypatch.setattr(sys, "stdin", io.StringIO("1.15\n2,15\n4.15\n1.00\n2.00\n4.00\n"))
    depth = ["calibrate", "depth", "--simulator", "--sim-scale", "50", "--depths", "1,2,4"]
    gauge = ["--gauge-id", "G-77", "--gauge-model", "Mitutoyo 543-390", "--gauge-resolution-mm", "0.01"]
    assert main([*depth, *gauge, "--gauge-verified", "2026-01-12", *BENCH, *journal]) == 0
    out = capsys.readouterr().out
    assert "Gauge reading for 1 mm set (mm): " in out
    assert "offset +0.000 → +0.150 mm, scale 1.000000 → 1.000000, calibration #2" in out

    # The same gun, calibrated, now delivers the set flow.
    typed = [
        "--balance-model",
        "XS205DU",
        "--balance-resolution-mg",
        "0.1",
        "--balance-verified",
        "2026-01-14",
    ]
    assert main([*flow, *typed]) == 0
    assert "flow test PASSED" in capsys.readouterr().out

    assert main(["calibrations", "list", *journal]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in listing[2:]] == ["flow", "volume", "depth", "flow"]
    assert [line.split()[-1] for line in listing[2:5:2]] == ["—", "×1.0000"]
    with SqliteJournal(tmp_path / "journal.sqlite") as stored:
        records = stored.calibrations("SIM-0001")
        assert stored.verify().ok
    volume = next(r for r in records if r.kind is CalibrationKind.VOLUME)
    # The balance as recorded with the run: its type (I2) and step (the digits of its readings) as it
    # says them, its last verification as typed.
    assert volume.raw.balance is not None
    assert (volume.raw.balance.model, volume.raw.balance.resolution_mg) == ("SIM-AB125-5", 0.01)
    assert volume.raw.balance.verified_on == date(2026, 1, 15) and volume.raw.balance.serial
    # The depth gauge as typed, recorded with its calibration (the certificate counts its resolution).
    depth_gauge = next(r for r in records if r.kind is CalibrationKind.DEPTH).raw.depth_gauge
    assert depth_gauge is not None
    assert (depth_gauge.model, depth_gauge.serial, depth_gauge.resolution_mm) == (
        "Mitutoyo 543-390",
        "G-77",
        0.01,
    )
    assert depth_gauge.verified_on == date(2026, 1, 12)
    # What the technician typed for the flow test's balance wins over what the balance says.
    flow_balance = next(r for r in records if r.kind is CalibrationKind.FLOW and r.passed).raw.balance
    assert flow_balance is not None
    assert (flow_balance.model, flow_balance.resolution_mg) == ("XS205DU", 0.1)
    assert flow_balance.verified_on == date(2026, 1, 14)
    assert main(["calibrations", "show", volume.record_id[:8], *journal]) == 0
    shown = capsys.readouterr().out
    assert "verdict:     PASSED" in shown and "masses mg    verification 500 µl:" in shown
    serial = volume.raw.balance.serial
    assert f"balance:     SIM-AB125-5, no. {serial}, resolution 0.01 mg, verified 2026-01-15" in shown
    depth_id = next(r for r in records if r.kind is CalibrationKind.DEPTH).record_id
    assert main(["calibrations", "show", depth_id[:8], *journal]) == 0
    shown = capsys.readouterr().out
    assert "gauge:       Mitutoyo 543-390, no. G-77, resolution 0.01 mm, verified 2026-01-12" in shown
    if shutil.which("pdftotext"):
        pdf = tmp_path / "certificate.pdf"
        assert main(["calibrations", "certificate", volume.record_id[:8], "--out", str(pdf), *journal]) == 0
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Certificat d’étalonnage volumétrique" in text and "Camille Roux" in text


def test_refusals_are_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    journal = ["--journal", str(tmp_path / "journal.sqlite")]
    assert main(["calibrate", "volume", "--simulator", "--shots", "5", *BENCH, *journal]) == 2
    assert "shots_per_level = 5 shots is out of range (allowed 10–50 shots)" in capsys.readouterr().err
    assert main(["calibrate", "flow", "--simulator", "--balance", "manual", *BENCH, *journal]) == 2
    assert "needs a balance with an interface" in capsys.readouterr().err
    assert main(["calibrate", "depth", "--gauge", "simulated", "--port", "/dev/null", *BENCH, *journal]) == 2
    assert "--gauge simulated needs --simulator" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--gauge-resolution-mm", "0.5", "0.5 mm is out of range (allowed [0.0001, 0.1] mm)"),
        ("--gauge-resolution-mm", "-0.01", "-0.01 mm is out of range (allowed [0.0001, 0.1] mm)"),
        ("--gauge-resolution-mm", "fine", "'fine' is not a number"),
        ("--gauge-verified", "12/01/2026", "'12/01/2026' is not a date (YYYY-MM-DD)"),
        ("--gauge-verified", "2999-01-01", "2999-01-01 is in the future"),
    ],
)
def test_an_absurd_gauge_identity_is_refused_before_the_depth_calibration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, said: str
) -> None:
    journal = ["--journal", str(tmp_path / "journal.sqlite")]
    with pytest.raises(SystemExit) as exited:
        main(["calibrate", "depth", "--simulator", "--gauge-id", "G-77", option, value, *BENCH, *journal])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert said in err and option in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "journal.sqlite").exists()


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--balance-resolution-mg", "0", "0 mg is out of range (allowed [0.0001, 100] mg)"),
        ("--balance-resolution-mg", "nan", "'nan' is not a finite number"),
        ("--balance-verified", "2026-02-30", "'2026-02-30' is not a date (YYYY-MM-DD)"),
        ("--balance-verified", "2999-01-01", "2999-01-01 is in the future"),
    ],
)
def test_an_absurd_balance_identity_is_refused_before_the_flow_test(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, said: str
) -> None:
    journal = ["--journal", str(tmp_path / "journal.sqlite")]
    with pytest.raises(SystemExit) as exited:
        main(["calibrate", "flow", "--simulator", option, value, *BENCH, *journal])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert said in err and option in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "journal.sqlite").exists()


# ---------------------------------------------------------------------- Ctrl-C, in a real process


@dataclass
class Served:
    gun: SimulatedGun
    gun_path: str
    balance_path: str

    def factors(self) -> tuple[int, int, int]:
        cal = self.gun.firmware.calibration
        return cal.calibration_id, cal.volume_per_step_pl, cal.expires_at_s


@contextmanager
def served(tmp_path: Path) -> Iterator[Served]:
    """A gun 6 % off and a balance under it, on ptys that another process opens."""
    gun = SimulatedGun(
        tmp_path / "gun.bin", serial_number="SIM-SIGINT", clock_scale=20.0, access_code=ACCESS_CODE
    )
    balance = SimulatedBalance(gun_volume_source(gun), clock_scale=20.0, seed=4)
    with PtyServer(gun) as gun_server, BalancePtyServer(balance) as balance_server:
        try:
            yield Served(gun, gun_server.path, balance_server.path)
        finally:
            gun.close()


def _calibrate(s: Served, journal: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "mesogun.cli", "calibrate", "volume", "--port", s.gun_path]
    command += ["--balance", s.balance_path, "--access-code", str(ACCESS_CODE), "--temperature", "20"]
    command += ["--volumes", "50,100", "--journal", str(journal), *BENCH]
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdin is not None
    process.stdin.write("\n" * 5)  # "Load the syringe …, then press Enter"
    process.stdin.flush()
    return process


def _read_until(process: subprocess.Popen[str], marker: str, seen: list[str]) -> None:
    deadline = time.monotonic() + WAIT_S
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise AssertionError(f"ended before {marker!r}:\n{''.join(seen)}")
        seen.append(line)
        if marker in line:
            return
    raise AssertionError(f"no {marker!r} within {WAIT_S} s:\n{''.join(seen)}")


def _interrupt(process: subprocess.Popen[str], seen: list[str]) -> int:
    process.send_signal(signal.SIGINT)
    rest, _ = process.communicate(timeout=WAIT_S)
    seen.append(rest)
    return process.returncode


@pytest.mark.parametrize("when", ["shot 3/10 at 50 µl", "shot 2/10 at 100 µl: "])
def test_ctrl_c_during_the_as_found_run_leaves_the_gun_safe_and_unchanged(tmp_path: Path, when: str) -> None:
    with served(tmp_path) as s:
        before = s.factors()
        process = _calibrate(s, tmp_path / "journal.sqlite")
        seen: list[str] = []
        _read_until(process, when, seen)
        assert s.gun.firmware.technician_mode  # the run is under way
        code = _interrupt(process, seen)
        output = "".join(seen)
        assert code == 130, output
        assert "cancelled: the gun is stopped and disarmed, technician mode is off" in output
        assert "Traceback" not in output
        assert s.gun.wait_until(lambda: s.gun.state is DeviceState.IDLE, 10.0)
        assert not s.gun.firmware.technician_mode
        assert s.factors() == before
    with SqliteJournal(tmp_path / "journal.sqlite") as journal:
        assert journal.calibrations() == []


def test_ctrl_c_during_the_verification_puts_the_previous_factor_back(tmp_path: Path) -> None:
    with served(tmp_path) as s:
        before = s.factors()
        process = _calibrate(s, tmp_path / "journal.sqlite")
        seen: list[str] = []
        _read_until(process, "nl/step written", seen)
        _read_until(process, "shot 2/10 at 50 µl", seen)
        assert s.factors()[1] == pytest.approx(10_600, abs=10)  # the fitted factor is in the gun
        code = _interrupt(process, seen)
        assert code == 130, "".join(seen)
        assert s.gun.wait_until(lambda: s.gun.state is DeviceState.IDLE, 10.0)
        assert not s.gun.firmware.technician_mode
        assert s.factors() == before

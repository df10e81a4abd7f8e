"""The device commands as a technician runs them: against the simulated gun, a pty and a TCP socket."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mesogun.cli import main
from simulators.gun import SimulatedGun
from simulators.servers import PtyServer, TcpServer


@pytest.fixture
def served_gun(tmp_path: Path) -> Iterator[SimulatedGun]:
    gun = SimulatedGun(tmp_path / "journal.jsonl", clock_scale=20.0)
    yield gun
    gun.close()


def test_ports_lists_a_table_a_technician_can_read(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ports"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("PORT") or out.startswith("No serial ports found")
    if out.startswith("PORT"):
        assert "USB VID:PID" in out and "SERIAL NUMBER" in out and "DESCRIPTION" in out


def test_info_on_the_simulated_gun_shows_identity_and_ranges(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", "--simulator"]) == 0
    out = capsys.readouterr().out
    assert "serial number    SIM-0001" in out
    assert "0–13 mm in steps of 0.1 mm" in out
    assert "1–500 µl" in out and "single, burst, continuous" in out


def test_status_over_a_pty(served_gun: SimulatedGun, capsys: pytest.CaptureFixture[str]) -> None:
    with PtyServer(served_gun) as server:
        assert main(["status", "--port", server.path]) == 0
    out = capsys.readouterr().out
    assert "state            idle" in out
    assert "syringe          none loaded" in out


def test_info_over_a_tcp_socket(served_gun: SimulatedGun, capsys: pytest.CaptureFixture[str]) -> None:
    with TcpServer(served_gun) as server:
        assert main(["info", "--url", server.url]) == 0
    assert "SIM-0001" in capsys.readouterr().out


def test_fire_prints_each_shot_and_disarms(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["fire", "--simulator", "--sim-scale", "20", "--count", "3", "--depth-mm", "1.5"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.count(" SHOT ") == 3
    assert "at 1.50 mm" in out
    assert "3 of 3 shots complete, 60 µl delivered; gun disarmed" in out


def test_fire_refuses_a_depth_between_steps_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fire", "--simulator", "--depth-mm", "1.05"]) == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert "depth_mm = 1.05 mm" in lines[0] and "0.1 mm" in lines[0]
    assert "SHOT" not in captured.out


def test_a_missing_port_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", "--port", "/dev/no-such-gun", "--timeout", "0.2"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "No gun found at /dev/no-such-gun" in err and "mesogun ports" in err


def test_monitor_with_demo_shots_shows_events_and_telemetry(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["monitor", "--simulator", "--sim-scale", "20", "--demo-shots", "2", "--telemetry-hz", "100"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.count(" SHOT ") == 2
    assert "TRIGGER     pressed" in out
    assert "telemetry:" in out and "(100 Hz)" in out
    assert "demo: the gun delivered 2 shots" in out


def test_monitor_runs_for_a_given_duration(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["monitor", "--simulator", "--duration", "0.3", "--telemetry-hz", "0"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("connected to MesoGun")
    assert "link:" in out


def test_demo_shots_need_the_simulator(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["monitor", "--port", "/dev/null", "--demo-shots", "2"]) == 2
    assert "--demo-shots needs --simulator" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("command", "words"),
    [
        ("fire", ["--count", "--depth-mm", "--volume-ul", "--mode", "never over a patient"]),
        ("monitor", ["--telemetry-hz", "--demo-shots", "--simulator"]),
        ("ports", ["serial ports"]),
        ("demo", ["simulated gun"]),
        ("info", ["--port", "--url", "--serial-number", "--simulator"]),
    ],
)
def test_help_texts_explain_the_options(
    command: str, words: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    for word in words:
        assert word in out

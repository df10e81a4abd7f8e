"""The command as a firmware engineer runs it: ``mesogun-sim`` in one process, ``mesogun conformance``
in another, over a real pseudo-terminal."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


def _serve(tmp_path: Path, *breaks: str) -> Iterator[str]:
    args = [
        sys.executable,
        "-m",
        "simulators.cli",
        "pty",
        "--scale",
        "20",
        "--journal",
        str(tmp_path / "g.jsonl"),
    ]
    for rule in breaks:
        args += ["--break-rule", rule]
    gun = subprocess.Popen(
        args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        assert gun.stdout is not None
        yield gun.stdout.readline().strip()
    finally:
        gun.terminate()
        gun.wait(timeout=10)


def _conformance(port: str, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mesogun.cli", "conformance", "--port", port, *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("breaks", [(), ("slow_watchdog",)], ids=["conforming", "slow_watchdog"])
def test_the_watchdog_check_between_two_processes(tmp_path: Path, breaks: tuple[str, ...]) -> None:
    for port in _serve(tmp_path, *breaks):
        # --fire: the simulated gun starts without a syringe, which arming needs (nothing is fired).
        result = _conformance(port, "--fire", "--only", "watchdog", "--only", "crc")
        if breaks:
            assert result.returncode == 1, result.stdout + result.stderr
            assert "FAIL  §8     watchdog:" in result.stdout
            assert "PASS  §4.2   crc:" in result.stdout
            assert "Rules broken (PROTOCOL.md): §8" in result.stdout
        else:
            assert result.returncode == 0, result.stdout + result.stderr
            assert "2 passed, 0 failed" in result.stdout


def test_an_unknown_rule_breaking_switch_is_a_usage_error(tmp_path: Path) -> None:
    args = [sys.executable, "-m", "simulators.cli", "pty", "--break-rule", "be_nice"]
    result = subprocess.run(
        args, capture_output=True, text=True, timeout=30, check=False, stdin=subprocess.DEVNULL
    )
    assert result.returncode == 2
    assert "be_nice" in result.stderr

"""No file and no argument crashes the CLI: each bad input is one line on stderr and exit status 2.

The real ``mesogun`` command runs in a child process (with a memory cap, so that a file that never
ends cannot take the machine down with it) on every input that used to end in a traceback or be
accepted.
"""

from __future__ import annotations

import os
import resource
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from mesogun.journal import SqliteJournal
from mesogun.plans import builtin_plan_text

#: Address space of the child process: far more than the CLI needs, far less than the machine has.
MEMORY_CAP_BYTES = 2 << 30
#: A command that blocks this long is a failure too (a NaN timeout used to wait forever).
CHILD_TIMEOUT_S = 120.0


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP_BYTES, MEMORY_CAP_BYTES))


def _mesogun(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, MESOGUN_DATA_DIR=str(cwd / "data"), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "mesogun.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=CHILD_TIMEOUT_S,
        preexec_fn=_cap_memory,
        check=False,
    )


def _journal(tmp: Path) -> Path:
    path = tmp / "journal.sqlite"
    SqliteJournal(path).close()
    return path


def _deep_toml(tmp: Path) -> Path:
    path = tmp / "deep.toml"
    path.write_text("a = " + "{ b = " * 1000 + "1" + " }" * 1000 + "\n", encoding="utf-8")
    return path


def _absurd_syringe(tmp: Path) -> Path:
    text = builtin_plan_text("lombalgie").replace("volume_loaded_ml = 3.0", "volume_loaded_ml = 3000000.0")
    assert "3000000.0" in text
    path = tmp / "absurd.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _not_a_database(tmp: Path) -> Path:
    path = tmp / "notes.txt"
    path.write_text("these are notes, not a journal\n" * 200, encoding="utf-8")
    return path


def _read_only_dir(tmp: Path) -> Path:
    """A directory this process may not write in (root writes anywhere a mode allows: /sys then)."""
    if os.geteuid() == 0:
        return Path("/sys")
    path = tmp / "locked"
    path.mkdir()
    path.chmod(stat.S_IRUSR | stat.S_IXUSR)
    return path


def _export(tmp: Path, output: str) -> list[str]:
    return [
        "sessions",
        "export",
        "--since",
        "2020-01-01",
        "--format",
        "csv",
        "--journal",
        str(_journal(tmp)),
        "-o",
        output,
    ]


#: name → builds the arguments in a fresh directory.
CASES: dict[str, Callable[[Path], list[str]]] = {
    "plan-dev-zero": lambda tmp: ["plans", "show", "/dev/zero"],
    "plan-dev-zero-run": lambda tmp: ["run", "/dev/zero", "--simulator", "--patient", "P1"],
    "plan-nested-1000": lambda tmp: ["plans", "show", str(_deep_toml(tmp))],
    "plan-absurd-syringe": lambda tmp: ["plans", "show", str(_absurd_syringe(tmp))],
    "sim-scale-0": lambda tmp: ["status", "--simulator", "--sim-scale", "0"],
    "sim-scale-negative": lambda tmp: ["status", "--simulator", "--sim-scale", "-5"],
    "sim-scale-nan": lambda tmp: ["status", "--simulator", "--sim-scale", "nan"],
    "timeout-negative": lambda tmp: ["status", "--simulator", "--timeout", "-1"],
    "timeout-0": lambda tmp: ["status", "--simulator", "--timeout", "0"],
    "timeout-nan": lambda tmp: ["status", "--port", "/dev/null-gun", "--timeout", "nan"],
    "journal-not-a-database": lambda tmp: ["sessions", "list", "--journal", str(_not_a_database(tmp))],
    "journal-a-directory": lambda tmp: ["sessions", "list", "--journal", str(tmp)],
    "calibrations-not-a-journal": lambda tmp: [
        "calibrations",
        "list",
        "--journal",
        str(_not_a_database(tmp)),
    ],
    "journal-dev-null": lambda tmp: ["sessions", "list", "--journal", "/dev/null"],
    "journal-proc-file": lambda tmp: ["log", "verify", "--journal", "/proc/self/status"],
    "log-verify-not-a-database": lambda tmp: ["log", "verify", "--journal", str(_not_a_database(tmp))],
    "export-missing-directory": lambda tmp: _export(tmp, str(tmp / "missing" / "out.csv")),
    "export-read-only-directory": lambda tmp: _export(tmp, str(_read_only_dir(tmp) / "out.csv")),
    "export-onto-a-directory": lambda tmp: _export(tmp, str(tmp)),
    "since-year-1-east-of-utc": lambda tmp: [
        "sessions",
        "list",
        "--journal",
        str(_journal(tmp)),
        "--since",
        "0001-01-01T00:00:00+05:00",
    ],
    "demo-no-shots": lambda tmp: ["demo", "--shots", "0"],
    "monitor-negative-rate": lambda tmp: [
        "monitor",
        "--simulator",
        "--telemetry-hz",
        "-5",
        "--duration",
        "1",
    ],
    "calibrate-time-scale-inf": lambda tmp: ["calibrate", "flow", "--simulator", "--time-scale", "inf"],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_input_is_one_line_and_exit_status_2(case: str, tmp_path: Path) -> None:
    args = CASES[case](tmp_path)
    result = _mesogun(*args, cwd=tmp_path)

    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("mesogun")


def test_a_refused_export_leaves_the_directory_as_it_was(tmp_path: Path) -> None:
    locked = _read_only_dir(tmp_path)
    before = sorted(locked.iterdir())
    _mesogun(*_export(tmp_path, str(locked / "out.csv")), cwd=tmp_path)
    assert sorted(locked.iterdir()) == before


def test_a_file_that_is_not_a_journal_is_left_untouched(tmp_path: Path) -> None:
    notes = _not_a_database(tmp_path)
    before = notes.read_bytes()
    _mesogun("sessions", "list", "--journal", str(notes), cwd=tmp_path)
    assert notes.read_bytes() == before
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(notes).execute("SELECT count(*) FROM sqlite_master").fetchone()

"""The application killed at random moments during a session, restarted with --resume until it completes.

The simulated gun lives in the test process behind a TCP server, so its ground truth outlives every
application process; the application is ``python -m mesogun.cli run ... --url socket://...`` in a
subprocess, killed with SIGKILL (no clean-up of any kind). Whatever the moment of death, the journal
must end up holding exactly the shots the gun delivered, and a resume must never fire a shot again to
catch up.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from firmware_protocol import DeviceState
from mesogun.journal import DoseResult, SessionStatus, SqliteJournal
from mesogun.plans import builtin_plan

KILLS = 8
SEED = 20250314
#: The gun's mechanics run this much faster than real time: a Mésostress takes a few seconds.
CLOCK_SCALE = 2.5
#: Kill after this long (seconds) from the start of the process: during start-up, screening, shots...
KILL_AFTER_S = (0.4, 2.6)
#: ... or this long after the gun was armed by the run (a Mésostress shot lasts 1–2 s at this scale).
KILL_WHILE_ARMED_S = (0.0, 1.5)
RUN_TIMEOUT_S = 60.0
_ARMED_STATES = (DeviceState.ARMED, DeviceState.DELIVERING)


def _command(url: str, journal: Path, *, resume: bool) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "mesogun.cli",
        "run",
        "mesostress",
        "--patient",
        "PAT-CRASH-1",
        "--practitioner",
        "Dr Martin",
        "--url",
        url,
        "--auto-trigger",
        # Nobody attends these runs: the gun's watchdog, tripped while a run was dead, is acknowledged
        # by the next run only because this option allows it (and it is recorded as such).
        "--acknowledge-unattended",
        "--journal",
        str(journal),
        "--yes-consent",
        "--answers",
        "no",
        "--syringe",
        "10:5000",
        "--lot",
        "Procaïne=PRO-77:2031-12-31",
        "--lot",
        "Sulfate de magnésium=MG-3:2031-12-31",
        "--lot",
        "Thiamine (vitamine B1)=B1-12:2031-12-31",
        "--on-partial",
        "complete",
    ]
    return [*command, "--resume"] if resume else command


def _open_session(journal_file: Path) -> tuple[str | None, SessionStatus | None]:
    """The session of the journal (there is at most one) and its status."""
    if not journal_file.exists():
        return None, None
    with SqliteJournal(journal_file) as journal:
        sessions = journal.sessions()
        if not sessions:
            return None, None
        assert len(sessions) == 1, "a restart opened a second session instead of resuming"
        return sessions[0].session_id, sessions[0].status


def _armed_or_exited(gun: Any, process: subprocess.Popen[str]) -> Callable[[], bool]:
    return lambda: gun.state in _ARMED_STATES or process.poll() is not None


@pytest.mark.slow
def test_killed_at_random_moments_the_session_completes_with_every_shot_journaled_once(
    tmp_path: Path,
) -> None:
    from simulators.gun import SimulatedGun
    from simulators.servers import TcpServer

    rng = random.Random(SEED)
    journal_file = tmp_path / "journal.sqlite"
    env = {**os.environ, "MESOGUN_DATA_DIR": str(tmp_path / "data")}
    gun = SimulatedGun(tmp_path / "gun-journal.bin", clock_scale=CLOCK_SCALE, seed=SEED)
    server = TcpServer(gun)
    outputs: list[str] = []
    try:
        kills = 0
        for _attempt in range(KILLS + 6):
            session_id, status = _open_session(journal_file)
            if status is not None and status is not SessionStatus.OPEN:
                break
            process = subprocess.Popen(
                _command(server.url, journal_file, resume=status is SessionStatus.OPEN),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                env=env,
            )
            if kills < KILLS:
                if rng.random() < 0.5:
                    # Any moment: start-up, screening, catching up with the gun, a shot...
                    deadline_s = time.monotonic() + rng.uniform(*KILL_AFTER_S)
                else:
                    # While the gun is armed by this run: between shots or in the middle of one.
                    gun.wait_until(_armed_or_exited(gun, process), 30.0)
                    deadline_s = time.monotonic() + rng.uniform(*KILL_WHILE_ARMED_S)
                try:
                    process.wait(timeout=max(0.0, deadline_s - time.monotonic()))
                except subprocess.TimeoutExpired:
                    process.send_signal(signal.SIGKILL)
                    kills += 1
                    if rng.random() < 0.5:
                        # Dead longer than the watchdog: the gun halts a shot in progress by itself.
                        # (Otherwise the next run connects in time to find it still armed, or firing.)
                        gun.wait_until(lambda: gun.state not in _ARMED_STATES, 10.0)
            output, _ = process.communicate(timeout=RUN_TIMEOUT_S)
            outputs.append(f"--- exit {process.returncode}\n{output}")
        session_id, status = _open_session(journal_file)
        assert status is SessionStatus.COMPLETED, "\n".join(outputs[-3:])
        assert kills == KILLS, "\n".join(outputs)
        # Let the gun finish anything in flight, then compare with its ground truth.
        assert gun.wait_until(lambda: gun.last_event_number == gun.acked_event_number, 10.0)
        true_shots = list(gun.truth.shots)
    finally:
        server.close()
        gun.close()

    assert session_id is not None
    with SqliteJournal(journal_file) as journal:
        doses = journal.doses(session_id)
        per_point = journal.delivered_per_point(session_id)
    dose_numbers = [d.event_number for d in doses]
    assert sorted(dose_numbers) == [s.event_number for s in true_shots]  # none missing, none invented
    assert len(set(dose_numbers)) == len(dose_numbers)  # none doubled
    points = builtin_plan("mesostress").points()
    results = {(d.point_index, d.event_number): d.result for d in doses}
    for point in points:
        shots, delivered_ul = per_point[point.index]
        assert point.target_met(shots, delivered_ul), f"point {point.index}: {shots} shots, {delivered_ul} µl"
        target = point.target_shots or 0
        # The volume too, within the dose accuracy accepted per shot: max(1 µl, 5 %).
        tolerance_ul = target * max(1.0, 0.05 * point.volume_per_shot_ul)
        assert delivered_ul >= point.planned_volume_ul - tolerance_ul, (
            f"point {point.index}: {delivered_ul} µl"
        )
        # A resume never fires again to catch up, and never a whole shot for one cut short: the point
        # gets what is left by volume, so it never ends above its target by more than a shot's tolerance.
        assert delivered_ul <= point.planned_volume_ul + max(1.0, 0.05 * point.volume_per_shot_ul), (
            f"point {point.index}: {delivered_ul} µl for a target of {point.planned_volume_ul} µl"
        )
        cut_short = sum(
            1 for (i, _), r in results.items() if i == point.index and r is not DoseResult.COMPLETE
        )
        # One remainder shot at most per shot cut short.
        assert shots <= target + 2 * cut_short

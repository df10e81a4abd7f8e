"""No frame can stop the host: CRC-valid frames holding values the host cannot interpret are counted
and dropped, every link thread lives on, and a whole session then runs as if nothing happened.

A million mutated frames go through a real pty into a live link (about 20 s on an idle two-core
machine); ``MESOGUN_FUZZ_FRAMES`` sets another count.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fuzz_frames import InjectingPty, Tally, chunks_of, mutated_frames

from mesogun.device_events import TelemetryBatch
from mesogun.injector import Injector
from mesogun.journal import SqliteJournal
from mesogun.plans import builtin_plan
from mesogun.session import SessionRunner, SessionState
from simulators.gun import SimulatedGun

FRAMES = int(os.environ.get("MESOGUN_FUZZ_FRAMES", "1000000"))
WAIT_S = 120.0
CHUNK_BYTES = 64 * 1024


@pytest.fixture
def fuzz_pty(tmp_path: Path) -> Iterator[tuple[SimulatedGun, InjectingPty]]:
    gun = SimulatedGun(tmp_path / "gun.jsonl", clock_scale=40.0, seed=5)
    pty = InjectingPty(gun)
    yield gun, pty
    pty.close()
    gun.close()


def _link_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("mesogun-link-") and t.is_alive()]


def _flood_then_session(fuzz_pty: tuple[SimulatedGun, InjectingPty], tmp_path: Path, frames: int) -> None:
    gun, pty = fuzz_pty
    journal = SqliteJournal(tmp_path / "journal.sqlite")
    injector = Injector.open(pty.path, event_sink=journal, timeout_s=5.0)
    try:
        threads = _link_threads()
        assert {t.name for t in threads} >= {
            "mesogun-link-reader",
            "mesogun-link-events",
            "mesogun-link-telemetry",
            "mesogun-link-heartbeat",
        }
        before = injector.stats
        tally = Tally()
        for chunk in chunks_of(mutated_frames(frames, seed=frames, tally=tally), CHUNK_BYTES):
            pty.inject(chunk)
        assert pty.wait_injected(WAIT_S)
        # Every injected frame reached the host whole, passed its CRC and was looked at.
        deadline = time.monotonic() + WAIT_S
        while injector.stats.frames_ok - before.frames_ok < frames and time.monotonic() < deadline:
            time.sleep(0.1)
        after = injector.stats
        print(
            f"fuzz: {frames} frames, {after.undecodable - before.undecodable} undecodable, "
            f"{tally.event_number_zero} numbered 0, {after.reconnects} reconnects"
        )
        assert after.frames_ok - before.frames_ok >= frames
        assert after.undecodable - before.undecodable >= tally.event_number_zero > 0
        assert all(t.is_alive() for t in threads), [t.name for t in threads if not t.is_alive()]

        # The same link now carries telemetry and a whole session.
        batches: list[TelemetryBatch] = []
        got_batch = threading.Event()
        injector.subscribe_telemetry(lambda batch: (batches.append(batch), got_batch.set()))
        injector.configure_telemetry(100)
        assert got_batch.wait(WAIT_S)
        injector.configure_telemetry(0)

        runner = SessionRunner(
            injector,
            journal,
            builtin_plan("mesostress"),
            patient_pseudonym="PAT-0042",
            practitioner="Dr Martin",
            auto_trigger=True,
        )
        try:
            runner.begin_screening().result(WAIT_S)
            runner.give_consent().result(WAIT_S)
            for question in runner.questions:
                runner.answer(question.code, False).result(WAIT_S)
            runner.change_syringe([], 10, 8000.0).result(WAIT_S)
            runner.start().result(WAIT_S)
            final = runner.wait_for(
                lambda s: s.state in (SessionState.COMPLETED, SessionState.ALARM, SessionState.PAUSED),
                WAIT_S,
            )
        finally:
            runner.close()
        assert final.state is SessionState.COMPLETED
        assert final.session_id is not None
        doses = [dose.event_number for dose in journal.doses(final.session_id)]
        assert doses == [shot.event_number for shot in gun.truth.shots]
        assert all(t.is_alive() for t in threads)
    finally:
        injector.close()
        journal.close()


@pytest.mark.slow
def test_a_flood_of_crc_valid_nonsense_leaves_every_link_thread_alive_and_a_session_runs(
    fuzz_pty: tuple[SimulatedGun, InjectingPty], tmp_path: Path
) -> None:
    _flood_then_session(fuzz_pty, tmp_path, FRAMES)

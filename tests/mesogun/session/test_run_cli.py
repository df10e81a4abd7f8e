"""``mesogun run``: scripted runs on the simulated gun, SIGTERM, Ctrl-C, a terminal session, --resume."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mesogun.cli import main
from mesogun.journal import SessionStatus, SqliteJournal, host_remarks
from mesogun.journal.host_remarks import HostRemark
from mesogun.vocabulary import remark_code, remark_text

SCRIPTED = ["--simulator", "--auto-trigger", "--yes-consent", "--answers", "no", "--patient", "PAT-0007"]
ENGLISH = ["--lang", "en"]
#: The lot and expiry of every product of the Mésostress cocktail, as on the vials.
MESOSTRESS_LOTS = [
    "--lot",
    "Procaïne=PRO-9:2031-01-31",
    "--lot",
    "Sulfate de magnésium=MG-3:2031-01-31",
    "--lot",
    "Thiamine (vitamine B1)=B1-12:2031-01-31",
]
MESOLIFT_LOTS = [
    "--lot",
    "Acide hyaluronique non réticulé=AH-5:2031-01-31",
    "--lot",
    "Lidocaïne=LI-2:2031-01-31",
]
WAIT_S = 60.0


def _app(*args: str) -> list[str]:
    return [sys.executable, "-m", "mesogun.cli", *args]


def _read_until(process: subprocess.Popen[str], marker: str, seen: list[str]) -> None:
    """Read the process's output lines until one contains ``marker``."""
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


def test_a_scripted_run_on_the_simulated_gun_completes_and_summarises(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal_file = tmp_path / "journal.sqlite"
    code = main(
        [
            "run",
            "mesostress",
            *SCRIPTED,
            *ENGLISH,
            "--sim-scale",
            "40",
            "--journal",
            str(journal_file),
            "--lot",
            "Procaïne=PRO-9:2031-01-31",
            "--no-lot",
            "Sulfate de magnésium=vial label unreadable",
            "--no-lot",
            "Thiamine (vitamine B1)=prepared by the pharmacy, no lot",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "✓ 1/10 MC6 (PC6) Neiguan, left — 1/1 shot, 100.0 µl [done]" in out
    assert "✓ 10/10 Yin Tang (EX-HN3) Yintang" in out
    assert "Points: 10 done, 0 partial, 0 skipped, 0 not done (of 10)" in out
    assert "Procaïne 2 % lot PRO-9: 320.0 µl" in out
    with SqliteJournal(journal_file) as journal:
        (summary,) = journal.sessions()
        notes = [note.text for note in journal.session(summary.session_id).notes]
        # A code, the product and the practitioner's words; said in French on paper and on screen.
        assert host_remarks.no_lot("Sulfate de magnésium 15 %", "vial label unreadable") in notes
        thiamine = "Thiamine (vitamine B1) 50 mg/ml"
        assert host_remarks.no_lot(thiamine, "prepared by the pharmacy, no lot") in notes
        french = "".join(remark_text(note, "fr") for note in notes)
        assert f"{thiamine} sans numéro de lot ni date de péremption\u00a0: prepared by" in french
        assert summary.status is SessionStatus.COMPLETED
        assert summary.dose_count == 10
        assert f"mesogun sessions export {summary.session_id}" in out


def test_refusals_are_one_clear_line_and_a_non_zero_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = ["--journal", str(tmp_path / "journal.sqlite")]
    assert main(["run", "mesostress", "--simulator", "--auto-trigger", *journal, *ENGLISH]) == 2
    assert "--patient PSEUDONYM is required" in capsys.readouterr().err

    assert main(["run", "mesostress", *SCRIPTED, *journal, *ENGLISH, "--lot", "Procaïne=L1:2030-01-01"]) == 2
    assert (
        "no lot and expiry for Sulfate de magnésium 15 %, Thiamine (vitamine B1) 50 mg/ml: give --lot "
        "PRODUCT=LOT:YYYY-MM-DD as on the vial, or --no-lot PRODUCT=REASON to record why there is none"
    ) in capsys.readouterr().err
    assert not list(tmp_path.glob("journal.sqlite"))  # refused before anything was opened

    expired = [*MESOSTRESS_LOTS, "--lot", "Procaïne=L1:2020-01-01"]
    assert main(["run", "mesostress", *SCRIPTED, *journal, *expired, "--lang", "en"]) == 2
    assert "Procaïne 2 % lot L1 expired on 2020-01-01" in capsys.readouterr().err
    assert main(["run", "mesostress", *SCRIPTED, *journal, *expired]) == 2  # French by default
    assert "produit périmé refusé (Procaïne 2 % lot L1 périmé le 01/01/2020" in capsys.readouterr().err

    assert main(["run", "mesostress", *SCRIPTED, *journal, *ENGLISH, "--lot", "Aspirine=L1:2030-01-01"]) == 2
    assert "no such product in the cocktail" in capsys.readouterr().err

    skip = ["--on-partial", "skip"]
    assert main(["run", "mesostress", *SCRIPTED, *journal, *ENGLISH, *MESOSTRESS_LOTS, *skip]) == 2
    assert "--on-partial skip needs --on-partial-reason TEXT" in capsys.readouterr().err

    assert main(["run", "mesostress", *SCRIPTED, *journal, *ENGLISH, "--resume"]) == 2
    assert "no open session for patient PAT-0007" in capsys.readouterr().err

    no_consent = ["--simulator", "--auto-trigger", "--answers", "no", "--patient", "PAT-0007", *journal]
    no_consent += [*MESOSTRESS_LOTS, *ENGLISH]
    assert main(["run", "mesostress", *no_consent]) == 2
    assert "consent: give --yes-consent" in capsys.readouterr().err
    with SqliteJournal(tmp_path / "journal.sqlite") as opened:
        assert opened.sessions() == []


def test_sigterm_stops_cleanly_with_the_gun_disarmed(tmp_path: Path) -> None:
    journal_file = tmp_path / "journal.sqlite"
    process = subprocess.Popen(
        _app("run", "mesolift", *SCRIPTED, *ENGLISH, *MESOLIFT_LOTS, "--journal", str(journal_file)),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    seen: list[str] = []
    _read_until(process, "armed, firing", seen)
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=WAIT_S)
    output = "".join(seen) + output
    assert process.returncode == 0, output
    assert "[stopped]" in output
    with SqliteJournal(journal_file) as journal:
        (summary,) = journal.sessions()
        record = journal.session(summary.session_id)
    assert record.status is SessionStatus.ABORTED
    assert record.abort_reason is not None and remark_code(record.abort_reason) is HostRemark.EARLY_END
    assert f"Session {summary.session_id}: stopped" in output


def test_ctrl_c_without_a_terminal_leaves_the_session_open_and_resume_completes_it(tmp_path: Path) -> None:
    journal_file = tmp_path / "journal.sqlite"
    gun_journal = tmp_path / "gun.bin"
    common = [
        "--journal",
        str(journal_file),
        "--sim-journal",
        str(gun_journal),
        "--sim-scale",
        "10",
        *ENGLISH,
    ]
    process = subprocess.Popen(
        _app("run", "mesostress", *SCRIPTED, *MESOSTRESS_LOTS, *common),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    seen: list[str] = []
    _read_until(process, "[done]", seen)
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=WAIT_S)
    output = "".join(seen) + output
    assert process.returncode == 3, output
    assert "interrupted: pausing" in output
    assert "left open" in output

    resumed = subprocess.run(
        _app("run", "mesostress", *SCRIPTED, *common, "--resume"),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=WAIT_S,
    )
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert "resumed from the journal at point" in resumed.stdout
    with SqliteJournal(journal_file) as journal:
        (summary,) = journal.sessions()
        assert summary.status is SessionStatus.COMPLETED
        assert summary.dose_count == 10
        points = [dose.point_index for dose in journal.doses(summary.session_id)]
    assert points == list(range(10))


def test_on_a_terminal_screening_is_asked_a_status_line_refreshes_and_ctrl_c_asks(tmp_path: Path) -> None:
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        _app(
            "run",
            "mesostress",
            "--simulator",
            "--sim-scale",
            "10",
            "--auto-trigger",
            "--patient",
            "PAT-0008",
            "--journal",
            str(tmp_path / "journal.sqlite"),
            *MESOSTRESS_LOTS,
        ),
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        close_fds=True,
    )
    os.close(secondary)
    transcript = b""
    answers = 0
    interrupted = resumed = False
    deadline = time.monotonic() + WAIT_S
    try:
        while time.monotonic() < deadline and process.poll() is None:
            ready, _, _ = select.select([primary], [], [], 0.2)
            if not ready:
                continue
            try:
                chunk = os.read(primary, 4096)
            except OSError:
                break
            transcript += chunk
            text = transcript.decode("utf-8", "replace")
            if text.count("[y/N]") + text.count("[o/N]") > answers:
                reply = b"y\n" if answers == 0 else b"n\n"  # consent, then no contraindication
                os.write(primary, reply)
                answers += 1
            elif "[fait]" in text and not interrupted:
                process.send_signal(signal.SIGINT)  # Ctrl-C
                interrupted = True
            elif interrupted and "[r]eprendre" in text and not resumed:
                os.write(primary, b"r\n")
                resumed = True
        process.wait(timeout=WAIT_S)
    finally:
        os.close(primary)
    text = transcript.decode("utf-8", "replace")
    assert process.returncode == 0, text
    # The run's own language (French by default): its questions, its status line, its summary.
    assert "Le patient a-t-il donné son consentement éclairé\u202f? [o/N]" in text
    assert "Allergie connue à l'une des substances injectées ? [absolue : un oui arrête] [o/N]" in text
    assert "Grossesse en cours ? [absolue : un oui arrête; SP6]" in text
    assert answers == 18  # consent, the twelve questions of every session and the five of Mésostress
    assert "\r\x1b[KEN COURS | point " in text  # the status line, rewritten in place
    assert "interruption\u00a0: mise en pause" in text and resumed
    assert "Séance " in text and "\u00a0: terminée" in text


def _gun_status(url: str) -> str:
    """``mesogun status`` of the gun at ``url`` (a query: it acknowledges nothing)."""
    done = subprocess.run(_app("status", "--url", url), capture_output=True, text=True, timeout=WAIT_S)
    return done.stdout


def test_an_unattended_run_acknowledges_the_watchdog_only_with_the_option_and_lists_it(
    tmp_path: Path,
) -> None:
    """The gun served on its own (it outlives the run); the run is killed while the gun is armed, so
    the gun's watchdog disarms it; a resumed run without a terminal finds the alarm."""
    server = subprocess.Popen(
        [sys.executable, "-m", "simulators.cli", "tcp", "--scale", "10", "--journal", str(tmp_path / "gun")],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        assert url.startswith("socket://"), url
        journal_file = tmp_path / "journal.sqlite"
        common = [
            "--url", url, "--yes-consent", "--answers", "no", "--patient", "PAT-0007",
            "--journal", str(journal_file), *ENGLISH,
        ]  # fmt: skip
        # No foot pedal: the first point stays armed for a trigger nobody pulls.
        first = subprocess.Popen(
            _app("run", "mesolift", *common, *MESOLIFT_LOTS, "--syringe", "10"),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        seen: list[str] = []
        _read_until(first, "armed, press the trigger", seen)
        first.kill()  # gone without a word: the armed gun hears nothing more, its watchdog disarms it
        first.communicate(timeout=WAIT_S)
        deadline = time.monotonic() + WAIT_S
        while "WATCHDOG" not in _gun_status(url) and time.monotonic() < deadline:
            time.sleep(0.2)  # the gun's watchdog time (500 ms) after the last frame

        def resume(*extra: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                _app("run", "mesolift", *common, "--auto-trigger", "--resume", *extra),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=WAIT_S,
            )

        unattended = resume()
        assert unattended.returncode == 3, unattended.stdout + unattended.stderr
        assert "--acknowledge-unattended" in unattended.stdout
        assert "Alarms: 1" in unattended.stdout
        assert "link lost while armed (high)" in unattended.stdout and "not acknowledged" in unattended.stdout

        allowed = resume("--acknowledge-unattended")
        assert allowed.returncode == 0, allowed.stdout + allowed.stderr
        assert "Alarms: 1" in allowed.stdout  # the same alarm, now acknowledged
        (line,) = [text for text in allowed.stdout.splitlines() if "link lost while armed (high)" in text]
        assert "while the host was away" in line
        assert "acknowledged by the unattended run (--acknowledge-unattended)" in line
        with SqliteJournal(journal_file) as journal:
            (summary,) = journal.sessions()
            rows = [(a.raised, a.detail) for a in journal.session(summary.session_id).alarms]
        assert rows == [(True, "host_away"), (False, "unattended")]
    finally:
        server.terminate()
        server.wait(timeout=WAIT_S)

"""``mesogun run`` in French from the first line to the last: its progress, the session's news, an
alarm, a point a cut shot left short, its questions on a terminal, its summary and its refusals; and
in English when asked. No English word (tests/english_words.txt) and no raw code in a French run."""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from firmware_protocol import DeviceState
from mesogun.cli import main
from mesogun.journal import SessionStatus, SqliteJournal

if TYPE_CHECKING:
    from simulators.gun import SimulatedGun

SCRIPTED = ["--simulator", "--auto-trigger", "--yes-consent", "--answers", "no", "--patient", "PAT-0042"]
MESOSTRESS_LOTS = [
    "--lot", "Procaïne 2 %=L1:2031-05-01",
    "--lot", "Sulfate de magnésium 15 %=L2:2031-05-01",
    "--lot", "Thiamine (vitamine B1) 50 mg/ml=L3:2031-05-01",
]  # fmt: skip
WAIT_S = 60.0
NBSP = "\u00a0"

#: English words that are never French (shared with the French screens' and report's tests).
ENGLISH_WORDS = frozenset(
    line.strip().lower()
    for line in (Path(__file__).resolve().parents[2] / "english_words.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
#: What the run quotes of the command line (code, the same in every language): options, the
#: placeholders of their values, a command to type, a session's id.
_CODE = re.compile(
    r"--[a-z-]+"
    r"|\b[A-Z][A-Z_]*(?:[=:\[][A-Z_:\[\]-]+)+"
    r"|`[^`]*`"
    r"|mesogun sessions export .*$"
    r"|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b",
    re.MULTILINE,
)
#: Codes as the journal, the catalogue or the gun write them.
_RAW_CODE = re.compile(r"\b(?:[A-Z]+_[A-Z_]+|[a-z]+_[a-z_]+|magnesium-sulfate|procaine)\b")


def _not_french(text: str, *paths: Path) -> list[str]:
    """English words and raw codes in what a French run printed (the code it quotes left aside)."""
    for path in paths:
        text = text.replace(str(path), "")
    said = _CODE.sub("", text)
    english = {word for word in re.findall(r"[A-Za-zÀ-ÿ’']+", said) if word.lower() in ENGLISH_WORDS}
    return sorted(english) + _RAW_CODE.findall(said)


def _app(*args: str) -> list[str]:
    return [sys.executable, "-m", "mesogun.cli", *args]


Step = tuple[str, int, bytes | Callable[[], bytes]]


def _on_a_terminal(args: list[str], steps: list[Step], interrupt_at: str | None = None) -> str:
    """Run ``mesogun`` with ``args`` on a pseudo-terminal: consent given, every contraindication answered
    no, Ctrl-C once ``interrupt_at`` shows, and each of ``steps`` (what the run shows, how many times,
    what the practitioner types, or what to do then type) answered in turn; the transcript."""
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        _app(*args), stdin=secondary, stdout=secondary, stderr=secondary, close_fds=True
    )
    os.close(secondary)
    transcript = b""
    answers = 0
    interrupted = interrupt_at is None
    deadline = time.monotonic() + WAIT_S
    try:
        while time.monotonic() < deadline and process.poll() is None:
            ready, _, _ = select.select([primary], [], [], 0.2)
            if not ready:
                continue
            try:
                transcript += os.read(primary, 4096)
            except OSError:
                break
            text = transcript.decode("utf-8", "replace")
            if text.count("[o/N]") > answers:
                os.write(primary, b"o\n" if answers == 0 else b"n\n")  # consent, then no contraindication
                answers += 1
            elif not interrupted and interrupt_at is not None and interrupt_at in text:
                process.send_signal(signal.SIGINT)  # Ctrl-C
                interrupted = True
            elif steps and text.count(steps[0][0]) >= steps[0][1]:
                typed = steps.pop(0)[2]
                os.write(primary, typed if isinstance(typed, bytes) else typed())
        if process.poll() is None:
            process.kill()  # stuck on a question nobody answers: the transcript says which
        process.wait(timeout=WAIT_S)
    finally:
        os.close(primary)
    text = transcript.decode("utf-8", "replace")
    assert process.returncode == 0, text
    return text


def test_a_french_run_says_every_line_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    journal_file = tmp_path / "journal.sqlite"
    code = main(
        [
            "run",
            "mesostress",
            *SCRIPTED,
            "--sim-scale",
            "40",
            "--journal",
            str(journal_file),
            *MESOSTRESS_LOTS,
        ]
    )
    captured = capsys.readouterr()
    out, err = captured.out, captured.err
    assert code == 0, out + err
    assert "[questionnaire] questionnaire" in out
    assert f"[prête] seringue changée{NBSP}: 2{NBSP}ml contenant 2\u202f000{NBSP}µl" in out
    assert f"[en cours] point 1/10 MC6 (PC6) Neiguan gauche{NBSP}: armé, injection" in out
    assert f"✓ 1/10 MC6 (PC6) Neiguan gauche — 1/1 injection, 100,0{NBSP}µl [fait]" in out
    assert f"étalonnage{NBSP}: le pistolet indique n’avoir jamais été étalonné" in out
    assert f"Points{NBSP}: 10 faits, 0 partiel, 0 sauté, 0 non fait (sur 10)" in out
    assert f"Injecté{NBSP}: 800,0{NBSP}µl de cocktail" in out
    assert f"36,00{NBSP}mg de sulfate de magnésium" in out
    assert f"Alarmes{NBSP}: aucune" in out and f"Dépassements{NBSP}: aucun" in out
    assert "Prochaine séance prévue à partir du" in out
    assert _not_french(out + err, journal_file) == []

    with SqliteJournal(journal_file) as journal:
        (summary,) = journal.sessions()
    again = ["--simulator", "--journal", str(journal_file), "--resume", summary.session_id]
    assert main(["run", "mesostress", *again]) == 2
    err = capsys.readouterr().err
    assert f"la séance {summary.session_id} est terminée{NBSP}: rien à reprendre" in err
    assert _not_french(err) == []


def test_an_english_run_reads_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    journal_file = tmp_path / "journal.sqlite"
    args = [*SCRIPTED, "--sim-scale", "40", "--journal", str(journal_file), *MESOSTRESS_LOTS, "--lang", "en"]
    code = main(["run", "mesostress", *args])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "[screening] screening: give consent" in out
    assert "[running] point 1/10 MC6 (PC6) Neiguan, left: armed, firing" in out
    assert "✓ 1/10 MC6 (PC6) Neiguan, left — 1/1 shot, 100.0 µl [done]" in out
    assert "calibration: the gun reports that it was never calibrated" in out
    assert "Points: 10 done, 0 partial, 0 skipped, 0 not done (of 10)" in out
    assert "Delivered: 800.0 µl of cocktail" in out
    assert "Alarms: none" in out and "séance" not in out


def test_the_lot_refusal_is_said_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    journal_file = tmp_path / "journal.sqlite"
    lots = ["--lot", "Procaïne 2 %=L1:2031-05-01"]
    assert main(["run", "mesostress", *SCRIPTED, "--journal", str(journal_file), *lots]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "mesogun run: ni lot ni date de péremption pour Sulfate de magnésium 15 %, Thiamine (vitamine B1) "
        f"50 mg/ml{NBSP}: donnez --lot PRODUCT=LOT:YYYY-MM-DD comme sur le flacon"
    )
    assert _not_french(err.removeprefix("mesogun run:")) == []
    assert not journal_file.exists()  # refused before anything was opened

    assert main(["run", "mesostress", *SCRIPTED, "--journal", str(journal_file), "--lot", "Procaïne:L1"]) == 2
    err = capsys.readouterr().err
    assert f"mesogun run: --lot 'Procaïne:L1'{NBSP}: attendu PRODUCT=LOT:YYYY-MM-DD, par exemple" in err
    assert _not_french(err.removeprefix("mesogun run:")) == []
    assert main(["run", "mesostress", *SCRIPTED, "--syringe", "deux", "--lang", "en"]) == 2
    assert "--syringe 'deux': expected ML[:FILL_UL], e.g. 5 or 5:4000" in capsys.readouterr().err


def test_an_occlusion_mid_session_is_said_in_french_and_the_resumed_run_too(tmp_path: Path) -> None:
    """The gun lives in the test behind a TCP port; its line is blocked while the run fires. Without a
    terminal, the run allowed to acknowledge finds the alarm still there and leaves the session open;
    resumed once the line is free, it acknowledges and completes the session."""
    from simulators.gun import SimulatedGun
    from simulators.servers import TcpServer

    journal_file = tmp_path / "journal.sqlite"
    env = {**os.environ, "MESOGUN_DATA_DIR": str(tmp_path / "data")}
    gun = SimulatedGun(tmp_path / "gun.bin", clock_scale=10.0)
    server = TcpServer(gun)
    try:
        common = [
            "--url", server.url, "--auto-trigger", "--yes-consent", "--answers", "no",
            "--patient", "PAT-0042", "--practitioner", "Dr Martin", "--journal", str(journal_file),
            "--on-partial", "complete",
        ]  # fmt: skip
        first = subprocess.Popen(
            _app(
                "run",
                "mesostress",
                *common,
                "--syringe",
                "10:5000",
                *MESOSTRESS_LOTS,
                "--acknowledge-unattended",
            ),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert gun.wait_until(lambda: len(gun.truth.shots) >= 2, WAIT_S)
        gun.set_occlusion(True)
        out, err = first.communicate(timeout=WAIT_S)
        assert first.returncode == 3, out + err
        assert "[alarme] ALARME occlusion / surpression au point " in out
        assert f"! l’alarme occlusion / surpression est toujours là{NBSP}: corrigez sa cause" in out
        assert "(acquittée sans surveillance, l’alarme est toujours là)" in out
        assert f"Alarmes{NBSP}: 1" in out
        assert re.search(r"occlusion / surpression \(haute\) au point \d+\u00a0: .*non acquittée", out), out
        assert _not_french(out + err, journal_file) == []

        gun.set_occlusion(False)
        resumed = subprocess.run(
            _app("run", "mesostress", *common, "--resume", "--acknowledge-unattended"),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=WAIT_S,
            env=env,
        )
        out = resumed.stdout
        assert resumed.returncode == 0, out + resumed.stderr
        assert "reprise de la séance" in out
        assert "acquittement sans surveillance de l’alarme occlusion / surpression" in out
        assert (
            "acquittée par l’exécution sans surveillance (--acknowledge-unattended) lancée par Dr Martin"
            in out
        )
        assert "[terminée] séance " in out
        assert _not_french(out + resumed.stderr, journal_file) == []
        with SqliteJournal(journal_file) as journal:
            (summary,) = journal.sessions()
        assert summary.status is SessionStatus.COMPLETED
    finally:
        server.close()
        gun.close()


def test_a_point_an_occlusion_cut_mid_shot_is_ended_as_it_is_and_said_in_french(tmp_path: Path) -> None:
    """The line blocked in the middle of a shot: the run leaves the session open on the alarm; resumed
    with ``--on-partial done``, the point short of its target is ended as it is, recorded."""
    from simulators.gun import SimulatedGun
    from simulators.servers import TcpServer

    journal_file = tmp_path / "journal.sqlite"
    env = {**os.environ, "MESOGUN_DATA_DIR": str(tmp_path / "data")}
    gun = SimulatedGun(tmp_path / "gun.bin", clock_scale=2.0)
    server = TcpServer(gun)
    try:
        common = [
            "--url", server.url, "--auto-trigger", "--yes-consent", "--answers", "no",
            "--patient", "PAT-0042", "--practitioner", "Dr Martin", "--journal", str(journal_file),
            "--on-partial", "done",
        ]  # fmt: skip
        first = subprocess.Popen(
            _app("run", "mesostress", *common, "--syringe", "10:5000", *MESOSTRESS_LOTS),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline and first.poll() is None:  # into the first shot's push
            flowing_nl = gun.delivered_volume_now_nl() - gun.truth.delivered_volume_nl
            if gun.state is DeviceState.DELIVERING and flowing_nl > 10_000:
                break
            time.sleep(0.005)
        gun.set_occlusion(True)  # mid-shot
        out, err = first.communicate(timeout=WAIT_S)
        assert first.returncode == 3, out + err
        assert "[alarme] ALARME occlusion / surpression au point 1/10 MC6 (PC6) Neiguan gauche" in out
        assert _not_french(out + err, journal_file) == []

        gun.set_occlusion(False)
        resumed = subprocess.run(
            _app("run", "mesostress", *common, "--resume", "--acknowledge-unattended"),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=WAIT_S,
            env=env,
        )
        out = resumed.stdout
        assert resumed.returncode == 0, out + resumed.stderr
        assert f"point 1{NBSP}: terminé tel quel (enregistré)" in out
        assert re.search(
            r"~ 1/10 MC6 \(PC6\) Neiguan gauche — 1/1 injection, \d+,\d\u00a0µl \[partiel\]", out
        ), out
        assert f"Points{NBSP}: 9 faits, 1 partiel, 0 sauté, 0 non fait (sur 10)" in out
        assert f"Points laissés incomplets par une injection coupée{NBSP}:" in out
        assert re.search(r"point 1\u00a0: terminé tel quel à \d+(,\d)? sur 100\u00a0µl \(Dr Martin\)", out), (
            out
        )
        assert _not_french(out + resumed.stderr, journal_file) == []
    finally:
        server.close()
        gun.close()


def test_on_a_terminal_a_french_run_asks_in_french_skips_and_stops_early(tmp_path: Path) -> None:
    """Consent and screening asked in French; Ctrl-C; the point skipped with a reason; then a clean
    early end: the summary says it all in French."""
    journal_file = tmp_path / "journal.sqlite"
    args = [
        "run",
        "mesostress",
        "--simulator",
        "--sim-scale",
        "10",
        "--auto-trigger",
        "--patient",
        "PAT-0008",
    ]
    args += ["--journal", str(journal_file), *MESOSTRESS_LOTS]
    steps = [
        ("[q]uitter", 1, b"s\n"),
        ("Motif pour sauter le point", 1, b"aiguille tordue\n"),
        ("[q]uitter", 2, b"t\n"),
    ]
    text = _on_a_terminal(args, steps, interrupt_at="[fait]")
    assert "Le patient a-t-il donné son consentement éclairé\u202f? [o/N]" in text
    assert (
        "[r]eprendre, [s]auter le point, [t]erminer, [a]bandonner ou [q]uitter en la laissant ouverte" in text
    )
    assert f"Motif pour sauter le point{NBSP}: " in text
    assert f"Points sautés ou fin anticipée{NBSP}:" in text
    assert f"{NBSP}: aiguille tordue" in text
    assert f"{NBSP}: arrêtée" in text
    assert _not_french(text, journal_file) == []


def test_on_a_terminal_a_point_outside_the_usual_range_is_confirmed_in_french(tmp_path: Path) -> None:
    """A plan 8 mm deep where point par point usually goes 2–6 mm: the run says the soft limit in French
    and asks a reason; the first side goes on with one, the other is skipped without."""
    journal_file = tmp_path / "journal.sqlite"
    plan = Path(__file__).resolve().parents[1] / "plans" / "soft_only.toml"
    args = ["run", str(plan), "--simulator", "--sim-scale", "10", "--auto-trigger", "--patient", "PAT-0009"]
    args += ["--journal", str(journal_file), "--lot", "Lidocaïne=LI-2:2031-01-31"]
    reason = "Motif pour injecter hors de la plage habituelle"
    text = _on_a_terminal(args, [(reason, 1, b"peau \xc3\xa9paisse\n"), (reason, 2, b"\n")])
    assert (
        f"  limite souple{NBSP}: profondeur{NBSP}: 8{NBSP}mm, hors de la plage habituelle 2–6{NBSP}mm" in text
    )
    assert f"– 2/2 MC6 (PC6) Neiguan droite — 0/1 injection, 0,0{NBSP}µl [sauté]" in text
    assert f"Dépassements{NBSP}: 1" in text
    assert f"  profondeur point 1 = 8 (limite 6){NBSP}: peau épaisse" in text
    assert f"  point 2{NBSP}: hors de la plage habituelle" in text
    assert _not_french(text, journal_file, plan) == []


def _block_the_line_mid_shot(gun: SimulatedGun) -> None:
    """Block the gun's line once its first shot has pushed 10 µl."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline and not gun.closed:
        flowing_nl = gun.delivered_volume_now_nl() - gun.truth.delivered_volume_nl
        if gun.state is DeviceState.DELIVERING and flowing_nl > 10_000:
            gun.set_occlusion(True)
            return
        time.sleep(0.005)


def test_on_a_terminal_a_cut_shot_asks_in_french_what_to_do_with_what_is_left(tmp_path: Path) -> None:
    """An occlusion in the middle of the first shot: the run asks to fix the cause and acknowledge,
    then what to do with the point left short (complete it with a shot of what is left), in French."""
    from simulators.gun import SimulatedGun
    from simulators.servers import TcpServer

    journal_file = tmp_path / "journal.sqlite"
    gun = SimulatedGun(tmp_path / "gun.bin", clock_scale=2.0)
    server = TcpServer(gun)
    blocker = threading.Thread(target=_block_the_line_mid_shot, args=(gun,), daemon=True)
    blocker.start()

    def free_the_line() -> bytes:
        gun.set_occlusion(False)
        return b"\n"  # Enter: acknowledge

    try:
        args = ["run", "mesostress", "--url", server.url, "--auto-trigger", "--patient", "PAT-0010"]
        args += ["--syringe", "10:5000", "--journal", str(journal_file), *MESOSTRESS_LOTS]
        steps: list[Step] = [
            ("appuyez sur Entrée pour acquitter", 1, free_the_line),
            ("[r]eprendre", 1, b"r\n"),  # the point's choice is asked when the session goes on
            ("[c]ompléter", 1, b"c\n"),
        ]
        text = _on_a_terminal(args, steps)
    finally:
        server.close()
        gun.close()
    assert "[alarme] ALARME occlusion / surpression au point 1/10 MC6 (PC6) Neiguan gauche" in text
    assert re.search(
        r"  point 1\u00a0: \d+(,\d)?\u00a0µl injectés sur 100\u00a0µl \(une injection a été coupée\)"
        r"\u202f; il reste \d+(,\d)?\u00a0µl",
        text,
    ), text
    assert re.search(r"\[c\]ompléter \(une injection de \d+(,\d)?\u00a0µl\), \[t\]erminer tel quel", text)
    assert f"point 1{NBSP}: complété avec le reste (enregistré)" in text
    assert f"Points laissés incomplets par une injection coupée{NBSP}:" in text
    assert "[terminée] séance " in text
    assert _not_french(text, journal_file) == []

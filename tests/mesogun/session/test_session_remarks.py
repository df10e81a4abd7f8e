"""What the session writes of its own accord is a code and its parameters, never a sentence: a session on
the simulated gun with a calibration warning, a repeated point, a point left partial and an early end
leaves rows that hold no English, and every surface says them in the reader's language."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest
from session_bench import WAIT_S, Bench, bench_plan, point_step, wait_state

from mesogun.cli import main
from mesogun.exports.json_export import export_document
from mesogun.exports.selection import ExportedSession
from mesogun.journal.host_remarks import HostRemark, parse_host_remark
from mesogun.session import SessionState
from mesogun.vocabulary import remark_text

#: Words of the sentences earlier versions stored (none is a French word).
ENGLISH = re.compile(
    r"\b(stopped|ended|repeated|shot|shots|target|clean|early|end|after|holds|passed|gun|"
    r"calibration|the|of|by|at)\b"
)


def _eventful_session(bench: Bench) -> str:
    """Point 1 done then repeated, point 2 left after one of its three shots, then a clean early end."""
    plan = bench_plan(
        point_step("GV20", shots=2),
        point_step("EX-HN3", depth_mm=2.0, volume_ul=50.0, shots=3),
        point_step("GV20", volume_ul=50.0),
    )
    runner = bench.ready_runner(plan)
    runner.start().result(WAIT_S)
    bench.gun.pull_trigger()
    bench.gun.pull_trigger()
    runner.wait_for(lambda s: s.current_index == 1 and s.armed, WAIT_S)
    runner.repeat().result(WAIT_S)
    runner.wait_for(lambda s: s.current_index == 0 and s.armed, WAIT_S)
    bench.gun.pull_trigger()
    bench.gun.pull_trigger()
    runner.wait_for(lambda s: s.current_index == 1 and s.armed, WAIT_S)
    bench.gun.pull_trigger()
    runner.wait_for(lambda s: s.points[1].shots == 1, WAIT_S)
    runner.next_point().result(WAIT_S)  # no reason given: the host records what was left
    runner.wait_for(lambda s: s.current_index == 2, WAIT_S)
    runner.stop().result(WAIT_S)
    final = wait_state(runner, SessionState.STOPPED)
    assert final.session_id is not None
    return final.session_id


def _raw_texts(bench: Bench, session_id: str) -> dict[str, list[str]]:
    """The free-text fields of the session's rows, as the file holds them."""
    with sqlite3.connect(bench.journal.path) as connection:
        return {
            table: [
                row[0]
                for row in connection.execute(
                    f"SELECT {column} FROM {table} WHERE session_id = ? ORDER BY seq", (session_id,)
                )
            ]
            for table, column in (
                ("calibration_warnings", "message"),
                ("notes", "text"),
                ("skips", "reason"),
                ("sessions_closed", "reason"),
            )
        }


def test_the_rows_hold_codes_and_parameters_that_read_in_french(
    bench: Bench, capsys: pytest.CaptureFixture[str]
) -> None:
    session_id = _eventful_session(bench)
    raw = _raw_texts(bench, session_id)

    codes: dict[str, list[HostRemark]] = {}
    for table, texts in raw.items():
        assert texts, f"nothing written in {table}"
        for text in texts:
            stored = parse_host_remark(text)
            assert stored is not None, f"{table}: {text!r} is not a code with its parameters"
            codes.setdefault(table, []).append(stored[0])
            # compact canonical JSON, and no English sentence in it
            assert text == json.dumps(
                json.loads(text), sort_keys=True, separators=(",", ":"), ensure_ascii=False
            )
            assert not ENGLISH.search(" ".join(str(v) for v in json.loads(text).values())), text
    assert HostRemark.NO_RECORD in codes["calibration_warnings"]  # no calibration in this journal
    assert codes["notes"] == [HostRemark.REPEATED_POINT]
    assert codes["skips"] == [HostRemark.LEFT_POINT_SHOTS]
    assert codes["sessions_closed"] == [HostRemark.EARLY_END]
    assert json.loads(raw["skips"][0]) == {
        "remark": "left_point_shots",
        "shots": 1,
        "volume_ul": 50.0,
        "target_shots": 3,
    }
    assert json.loads(raw["sessions_closed"][0]) == {
        "remark": "early_end",
        "practitioner": "Dr Martin",
        "points_done": 1,
        "points_total": 3,
    }

    # Said in French, from the record the screens and the report read.
    record = bench.journal.session(session_id)
    assert record.abort_reason is not None
    french = [
        remark_text(text, "fr").replace("\u00a0", " ")
        for text in (
            record.abort_reason,
            *(s.reason for s in record.skips),
            *(n.text for n in record.notes),
            *(w.message for w in record.calibration_warnings),
        )
    ]
    assert french[0] == "fin anticipée par Dr Martin, sans incident, après 1 point sur 3"
    assert french[1] == "point quitté par le praticien après 1 injection, 50 µl (objectif : 3 injections)"
    assert french[2].startswith("point 1 (") and "refait : son objectif est injecté à nouveau" in french[2]
    assert "ce journal ne contient aucun étalonnage réussi (volume)" in " ".join(french)
    for text in french:
        assert not ENGLISH.search(text), text

    # A machine export carries the code and its parameters, with English words beside them.
    (document,) = export_document([ExportedSession(record, tuple(bench.journal.doses(session_id)))])[
        "sessions"
    ]
    assert document["abort_reason_remark"] == {
        "code": "early_end",
        "parameters": {"practitioner": "Dr Martin", "points_done": 1, "points_total": 3},
    }
    assert document["abort_reason"] == "stopped by Dr Martin (clean early end) after 1 of 3 points"
    assert document["skips"][0]["reason_remark"]["code"] == "left_point_shots"
    assert document["notes"][0]["text_remark"]["code"] == "repeated_point"

    # The command line (in English) shows words, never the stored form.
    assert main(["sessions", "show", session_id, "--journal", str(bench.journal.path)]) == 0
    shown = capsys.readouterr().out
    assert "stopped by Dr Martin (clean early end) after 1 of 3 points" in shown
    assert "ended by the practitioner at 1 shot(s), 50 µl (target 3 shots)" in shown
    assert '"remark"' not in shown

"""``mesogun conformance`` passes the simulated gun over a real pty and a TCP URL, and names the rule
each rule-breaking switch of the simulated gun breaks."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

import simulators.urlhandler  # noqa: F401  (registers simgun://)
from mesogun.cli import main
from mesogun.conformance import ALL_CHECKS
from simulators import registry
from simulators.gun import SimulatedGun
from simulators.rule_breaks import RULES, RuleBreaks
from simulators.servers import PtyServer, TcpServer

SCALE = 20.0
_names = itertools.count(1)

#: Each rule-breaking switch and the check that must catch it.
CAUGHT_BY = {
    "bad_crc_replies": "crc",
    "skip_handshake": "handshake-required",
    "wrong_unsupported_type": "unsupported",
    "ignore_retransmit_flag": "retransmit-replayed",
    "accept_out_of_range": "out-of-range",
    "no_event_resend": "event-resend",
    "flag_first_send": "event-first-send",
    "slow_watchdog": "watchdog",
    "telemetry_gaps": "telemetry-continuity",
    "accept_any_schema": "schema-mismatch",
    "accept_other_version": "protocol-mismatch",
    "v1_header_mismatch": "header-version",
    "answer_responses": "ignore-responses",
    "slow_responses": "response-time",
    "echo_access_code": "technician-code",
    "unflagged_replay": "request-events",
    "telemetry_after_hello": "telemetry-off",
    "retransmit_other_content": "retransmit-other-content",
    "wrong_state_status": "state-refusals",
    "stop_cause_none": "stop-shot",
    "events_before_response": "fire-one-shot",
    "refusals_not_cached": "refusal-cached",
    "uncounted_crc_errors": "drop-damaged",
    "frames_need_whole_reads": "byte-stream",
    "watchdog_ms_out_of_range": "hello",
    "malformed_as_unsupported": "bad-request",
    "no_window_after_hello": "hello-window",
}


@pytest.fixture
def gun(tmp_path: Path) -> Iterator[SimulatedGun]:
    device = SimulatedGun(tmp_path / "gun.jsonl", clock_scale=SCALE)
    yield device
    device.close()


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["conformance", *args])
    return code, capsys.readouterr().out


def test_the_simulated_gun_passes_every_check_over_a_pty_shots_included(
    gun: SimulatedGun, capsys: pytest.CaptureFixture[str]
) -> None:
    with PtyServer(gun) as server:
        code, out = _run(capsys, "--port", server.path, "--fire", "--access-code", "1234")
    assert code == 0, out
    assert f"{len(ALL_CHECKS)} passed, 0 failed, 0 skipped" in out


def test_without_fire_nothing_moves_and_every_check_that_runs_passes_over_tcp(
    gun: SimulatedGun, capsys: pytest.CaptureFixture[str]
) -> None:
    with TcpServer(gun) as server:
        code, out = _run(capsys, "--url", server.url)
    assert code == 0, out
    assert " 0 failed" in out
    assert "SKIP  §7.2   fire-one-shot" in out
    assert gun.truth.shots == [] and gun.truth.primed_volume_nl == 0


def test_every_switch_is_caught_by_a_check_and_every_check_has_a_switch() -> None:
    assert set(CAUGHT_BY) == set(RULES)
    assert set(CAUGHT_BY.values()) == {check.check_id for check in ALL_CHECKS}


@pytest.mark.parametrize("switch", sorted(CAUGHT_BY))
def test_a_gun_that_breaks_a_rule_fails_the_check_of_that_rule(
    switch: str, gun: SimulatedGun, capsys: pytest.CaptureFixture[str]
) -> None:
    check_id = CAUGHT_BY[switch]
    section = next(check.section for check in ALL_CHECKS if check.check_id == check_id)
    name = f"conformance-{next(_names)}"
    registry.register_gun(name, gun)
    try:
        code, out = _run(capsys, "--url", f"simgun://{name}", "--fire", "--only", check_id)
        assert code == 0, f"the conforming gun fails {check_id}:\n{out}"
        gun.set_rule_breaks(RuleBreaks.of([switch]))
        code, out = _run(capsys, "--url", f"simgun://{name}", "--fire", "--only", check_id)
    finally:
        registry._guns.pop(name, None)  # the fixture closes the gun
    assert code == 1, out
    assert f"FAIL  §{section:<5} {check_id}:" in out
    assert f"Rules broken (PROTOCOL.md): §{section}" in out


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--port", "/dev/ttyS0", "--url", "socket://127.0.0.1:1"],
        ["--url", "socket://127.0.0.1:1", "--timeout", "soon"],
        ["--url", "socket://127.0.0.1:1", "--access-code", "-1"],
        ["--url", "socket://127.0.0.1:1", "--only", "no-such-check"],
    ],
)
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["conformance", *args])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("mesogun conformance: error:") and err.count("\n") == 1


def test_a_port_that_cannot_be_opened_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["conformance", "--port", str(tmp_path / "no-such-port")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("mesogun conformance: cannot open") and err.count("\n") == 1

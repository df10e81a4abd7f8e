"""No command executes twice, whatever the cable does (DESIGN invariant 2).

Thousands of mixed queries and acting commands go over a link that corrupts, drops, duplicates,
delays and splits frames. Each call either succeeds, is refused, or raises a typed error; then the
gun's ground truth decides: an acting command that succeeded ran exactly once, one whose outcome was
reported unknown ran at most once, a refused one never ran, and no (boot, sequence) pair ran twice.
"""

from __future__ import annotations

import random
import threading
from collections import Counter
from collections.abc import Callable

import pytest
from link_bench import Bench, ListSink

from firmware_protocol import Mode
from mesogun.errors import (
    DeviceAlarmError,
    DeviceRefusedError,
    DeviceTimeoutError,
    LinkLostError,
    OutcomeUnknownError,
    OutOfRangeError,
)
from mesogun.injector import Injector
from mesogun.link import LinkTiming
from simulators.link_faults import LinkFaults

NOISY = LinkFaults(corrupt=0.01, drop=0.01, duplicate=0.01, delay=0.01, delay_s=0.05, split=0.01, seed=11)
FAST_RETRIES = LinkTiming(timeout_s=1.0, first_retry_s=0.05, max_retry_s=0.2)


_COMMANDS = ("Configure", "Arm", "Disarm", "Fire", "AckAlarm", "GetDiagnostics", "GetStatus", "GetStatus")


def _send(gun: Injector, name: str, rng: random.Random) -> None:
    """Send the command named after its wire request."""
    if name == "Configure":
        gun.configure(Mode.SINGLE, rng.randrange(0, 131) / 10, float(rng.randrange(1, 4)), 500.0, 9.0)
    elif name == "Arm":
        gun.arm()
    elif name == "Disarm":
        gun.disarm()
    elif name == "Fire":
        gun.fire(1)
    elif name == "AckAlarm":
        gun.acknowledge_alarm()
    elif name == "GetDiagnostics":
        gun.diagnostics()
    else:
        gun.status()


def _run(gun: Injector, count: int, seed: int) -> dict[str, Counter[str]]:
    """Run ``count`` random commands; outcome counts per request name."""
    rng = random.Random(seed)
    outcomes: dict[str, Counter[str]] = {}
    for _ in range(count):
        name = rng.choice(_COMMANDS)
        try:
            _send(gun, name, rng)
            outcome = "ok"
        except OutcomeUnknownError:
            outcome = "unknown"
        except DeviceTimeoutError:
            outcome = "timeout"
        except (DeviceRefusedError, DeviceAlarmError, OutOfRangeError):
            outcome = "refused"
        except LinkLostError:
            outcome = "lost"
        outcomes.setdefault(name, Counter())[outcome] += 1
    return outcomes


def _executed(bench: Bench) -> Counter[str]:
    return Counter(name for _, _, name in bench.gun.truth.executions)


def _check_against_truth(bench: Bench, outcomes: dict[str, Counter[str]], before: Counter[str]) -> None:
    """Compare the calls' outcomes with what the gun ran since ``before`` was taken."""
    executions = bench.gun.truth.executions
    assert len(executions) == len(set(executions)), "an acting command ran twice"
    ran_since = _executed(bench) - before
    for name in ("Configure", "Arm", "Disarm", "Fire"):
        seen = outcomes.get(name, Counter())
        ran = ran_since[name]
        assert seen["ok"] <= ran <= seen["ok"] + seen["unknown"], (name, seen, ran)
        assert seen["timeout"] == 0 and seen["lost"] == 0, (name, seen)
    for name in ("GetStatus", "GetDiagnostics", "AckAlarm"):
        assert outcomes.get(name, Counter())["unknown"] == 0  # queries are never "unknown"


def _keep_querying(gun: Injector, stop: threading.Event, answered: list[int]) -> None:
    while not stop.is_set():
        try:
            gun.status()
            answered.append(1)
        except (DeviceTimeoutError, LinkLostError):
            pass


@pytest.mark.slow
def test_thousands_of_commands_on_a_noisy_link_never_run_twice(
    make_bench_at: Callable[..., Bench], sink: ListSink, ready_to_fire: Callable[..., int]
) -> None:
    bench = make_bench_at("url", clock_scale=500.0, seed=11)
    gun = bench.open(event_sink=sink, timing=FAST_RETRIES)
    ready_to_fire(gun, volume_ul=1.0)
    bench.gun.set_link_faults(NOISY)
    before = _executed(bench)
    stop = threading.Event()
    answered: list[int] = []
    querier = threading.Thread(target=_keep_querying, args=(gun, stop, answered), daemon=True)
    querier.start()
    try:
        outcomes = _run(gun, 2500, seed=1)
    finally:
        stop.set()
        querier.join(5)
    _check_against_truth(bench, outcomes, before)
    assert answered, "the concurrent queries got no answer at all"
    stats = gun.stats
    assert stats.crc_errors > 0 and stats.retransmissions > 0  # the noise really was there
    assert sum(c["ok"] for c in outcomes.values()) > 2000


@pytest.mark.parametrize("kind", ["pty", "tcp"])
def test_commands_on_a_noisy_pty_or_socket_never_run_twice(
    kind: str, make_bench_at: Callable[..., Bench], sink: ListSink, ready_to_fire: Callable[..., int]
) -> None:
    bench = make_bench_at(kind, clock_scale=500.0, seed=12)
    gun = bench.open(event_sink=sink, timing=FAST_RETRIES)
    ready_to_fire(gun, volume_ul=1.0)
    bench.gun.set_link_faults(NOISY)
    before = _executed(bench)
    outcomes = _run(gun, 400, seed=2)
    _check_against_truth(bench, outcomes, before)


def test_an_acting_command_whose_reply_never_comes_is_reported_unknown_not_repeated(
    url_bench: Bench, ready_to_fire: Callable[..., int]
) -> None:
    gun = url_bench.open(timing=FAST_RETRIES)
    ready_to_fire(gun)
    url_bench.gun.set_link_faults(LinkFaults(drop=1.0))
    with pytest.raises(OutcomeUnknownError, match="Arm was sent but its outcome is unknown"):
        gun.arm()
    url_bench.gun.set_link_faults(LinkFaults())
    assert len(url_bench.gun.truth.executions_of("Arm")) == 0
    assert gun.stats.outcome_unknown == 1


def test_a_query_without_answer_times_out_and_the_link_recovers(url_bench: Bench) -> None:
    gun = url_bench.open(timing=FAST_RETRIES)
    url_bench.gun.set_link_faults(LinkFaults(drop=1.0))
    with pytest.raises(DeviceTimeoutError, match="did not answer GetStatus within 1 s"):
        gun.status()
    url_bench.gun.set_link_faults(LinkFaults())
    assert gun.status().config_id == 0


def test_a_lost_reply_is_answered_from_the_gun_cache(
    url_bench: Bench, ready_to_fire: Callable[..., int]
) -> None:
    # Half the frames vanish: many replies are lost and the flagged re-sends must be replayed.
    gun = url_bench.open(timing=FAST_RETRIES)
    ready_to_fire(gun)
    url_bench.gun.set_link_faults(LinkFaults(drop=0.3, seed=5))
    succeeded = 0
    for depth_tenths in range(10, 40):
        try:
            gun.configure(Mode.SINGLE, depth_tenths / 10, 2.0, 500.0)
            succeeded += 1
        except OutcomeUnknownError:
            pass
    url_bench.gun.set_link_faults(LinkFaults())
    ran = len(url_bench.gun.truth.executions_of("Configure")) - 1  # minus the one of ready_to_fire
    assert succeeded <= ran <= 30
    assert gun.diagnostics().retransmissions_replayed > 0

"""Fixtures: a simulated gun behind each transport, a list-backed sink, a ready-to-fire preparation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from link_bench import TRANSPORTS, Bench, ListSink, make_bench

from firmware_protocol import Mode
from mesogun.injector import Injector


@pytest.fixture(params=TRANSPORTS)
def bench(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Bench]:
    """A simulated gun behind each transport in turn (the test runs three times)."""
    made = make_bench(str(request.param), tmp_path)
    yield made
    made.close()
    made.gun.close()


@pytest.fixture
def url_bench(tmp_path: Path) -> Iterator[Bench]:
    """A simulated gun behind the in-process URL only."""
    made = make_bench("url", tmp_path)
    yield made
    made.close()
    made.gun.close()


@pytest.fixture
def sink() -> ListSink:
    return ListSink()


@pytest.fixture
def make_bench_at(tmp_path: Path) -> Iterator[Callable[..., Bench]]:
    """Build benches with other settings (clock scale, seed); all are closed after the test."""
    made: list[Bench] = []

    def build(kind: str, **kwargs: Any) -> Bench:
        made.append(make_bench(kind, tmp_path, **kwargs))
        return made[-1]

    yield build
    for item in made:
        item.close()
        item.gun.close()


@pytest.fixture
def ready_to_fire() -> Callable[..., int]:
    """Load a full 10 ml syringe and configure a small, fast shot; returns the configuration id."""

    def prepare(gun: Injector, mode: Mode = Mode.SINGLE, volume_ul: float = 2.0) -> int:
        gun.load_syringe(10, 10_000)
        return gun.configure(mode, 1.0, volume_ul, 500.0, burst_rate_per_s=9.0)

    return prepare

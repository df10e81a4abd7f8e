"""Fixtures for the session runner: a simulated gun on the in-process URL, a real journal file."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from session_bench import CLOCK_SCALE, Bench

from mesogun.injector import Injector
from mesogun.journal import SqliteJournal
from mesogun.models import Product
from mesogun.plans import builtin_plan
from mesogun.simulation import start_simulated_gun

_names = itertools.count()


def _bench(
    tmp_path: Path, *, watchdog_ms: int | None = None, clock_scale: float = CLOCK_SCALE
) -> Iterator[Bench]:
    from simulators import registry

    name = f"session-{next(_names)}"
    gun_journal = tmp_path / "gun-journal.bin"
    if watchdog_ms is not None:
        # Registered first with its watchdog; start_simulated_gun then finds it by name.
        registry.create_gun(
            f"simgun://{name}?scale={clock_scale:g}&journal={gun_journal}&watchdog_ms={watchdog_ms}"
        )
    handle = start_simulated_gun(name, clock_scale=clock_scale, journal_path=gun_journal)
    journal = SqliteJournal(tmp_path / "journal.sqlite")
    injector = Injector.open(url=handle.url, event_sink=journal, timeout_s=2.0)
    bench = Bench(handle, registry.get_gun(name), journal, injector, [])
    try:
        yield bench
    finally:
        for runner in bench.runners:
            runner.close()
        bench.injector.close()
        journal.close()
        handle.close()


@pytest.fixture
def bench(tmp_path: Path) -> Iterator[Bench]:
    """The simulated gun (watchdog 500 ms) with a journal and an injector."""
    yield from _bench(tmp_path)


@pytest.fixture
def realtime_bench(tmp_path: Path) -> Iterator[Bench]:
    """The simulated gun at the speed of the real one (for races between the runner and the gun)."""
    yield from _bench(tmp_path, clock_scale=1.0)


@pytest.fixture
def patient_bench(tmp_path: Path) -> Iterator[Bench]:
    """The same with a 5 s watchdog: the gun stays armed a while after the application vanished."""
    yield from _bench(tmp_path, watchdog_ms=5000)


@pytest.fixture
def lot() -> Callable[[str, str, date], Product]:
    """A product of the Mésostress cocktail with a lot and an expiry date."""

    def make(name: str, lot_number: str, expiry: date) -> Product:
        plan = builtin_plan("mesostress")
        assert plan.cocktail is not None
        product = next(c.product for c in plan.cocktail.components if c.product.name == name)
        return product.model_copy(update={"lot": lot_number, "expiry": expiry})

    return make

"""The calibration bench for tests: a simulated gun and a simulated balance, each on a real pseudo-terminal.

The balance weighs what the gun really delivers (its ground truth), on the same scaled clock. The
host side opens both exactly like hardware (pyserial on ``/dev/pts/N``), with a real journal file
as the gun's event sink.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mesogun.calibration.balance import Balance
from mesogun.calibration.gravimetry import WeighingConditions
from mesogun.device_info import CalibrationFactors
from mesogun.injector import Injector
from mesogun.journal import SqliteJournal
from simulators.balance import SimulatedBalance, gun_volume_source
from simulators.balance_server import BalancePtyServer
from simulators.clock import SteppedClock
from simulators.gun import SimulatedGun
from simulators.gun_time import GunTime
from simulators.servers import PtyServer

CLOCK_SCALE = 50.0
ACCESS_CODE = 1234
CONDITIONS = WeighingConditions(20.0)


@dataclass
class CalBench:
    gun: SimulatedGun
    gun_server: PtyServer
    injector: Injector
    sim_balance: SimulatedBalance
    balance_server: BalancePtyServer
    balance: Balance
    journal: SqliteJournal

    def stepped_time(self) -> GunTime:
        """Test time on the bench's stepped clock (a bench made with ``stepped=True``): it moves only
        while the procedure waits, and only once the host has taken the gun's events (see GunTime)."""
        assert isinstance(self.gun.clock, SteppedClock), "a bench on a stepped clock: cal_bench(stepped=True)"
        return GunTime(self.gun)

    def firmware_factors(self) -> tuple[int, int, int, int, int]:
        """What the gun holds in its non-volatile memory (id, pl/step, offset µm, scale ppm, expiry s)."""
        cal = self.gun.firmware.calibration
        return (
            cal.calibration_id,
            cal.volume_per_step_pl,
            cal.depth_offset_um,
            cal.depth_scale_ppm,
            cal.expires_at_s,
        )

    def factors(self) -> CalibrationFactors:
        return self.injector.read_calibration()


@contextmanager
def cal_bench(
    tmp_path: Path,
    *,
    true_volume_factor: float = 1.06,
    noise_mg: float = 0.015,
    serial_number: str = "SIM-CAL-1",
    clock_scale: float = CLOCK_SCALE,
    stepped: bool = False,
) -> Iterator[CalBench]:
    """A gun ``true_volume_factor`` off and a balance under it, each served on a pty.

    ``stepped``: the gun and the balance run on one :class:`SteppedClock` (see
    :meth:`CalBench.stepped_time`) instead of a clock ``clock_scale`` times faster than real time.
    """
    gun = SimulatedGun(
        tmp_path / f"{serial_number}-gun.bin",
        serial_number=serial_number,
        clock_scale=clock_scale,
        true_volume_factor=true_volume_factor,
        access_code=ACCESS_CODE,
        clock=SteppedClock() if stepped else None,
    )
    sim_balance = SimulatedBalance(
        gun_volume_source(gun),
        clock_scale=clock_scale,
        noise_mg=noise_mg,
        drift_mg_per_min=-0.2,
        seed=3,
        sim_clock=gun.clock if stepped else None,
    )
    journal = SqliteJournal(tmp_path / "journal.sqlite")
    gun_server = PtyServer(gun)
    balance_server = BalancePtyServer(sim_balance)
    injector = Injector.open(gun_server.path, event_sink=journal, timeout_s=2.0)
    balance = Balance.open(balance_server.path, response_timeout_s=10.0)
    try:
        yield CalBench(gun, gun_server, injector, sim_balance, balance_server, balance, journal)
    finally:
        balance.close()
        injector.close()
        balance_server.close()
        gun_server.close()
        gun.close()
        journal.close()


def true_volumes_ul(gun: SimulatedGun, first_index: int = 0) -> list[float]:
    """What really left the needle, shot by shot, from the ground truth (µl)."""
    return [shot.true_volume_nl / 1000.0 for shot in gun.truth.shots[first_index:]]

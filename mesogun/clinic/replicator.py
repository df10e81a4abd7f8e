"""Shipping a desk journal's rows to the clinic database: in order, in batches, exactly once.

The clinic database is the only bookkeeping: each batch starts after the station's head as the
database records it, and goes in one transaction that also moves that head (the database's own
trigger, see ``schema``). A batch killed half-way (process killed, network lost, server restarted)
leaves nothing behind, and the next attempt starts again from the same head: every row ends up there
exactly once, whatever the interruptions. Before shipping, the desk's row at the clinic's head must
still carry the hash the clinic holds, and each row must match its own hash; otherwise nothing more
is shipped and the station's verdict is recorded on the server (see ``verify``).

``sync_once`` ships everything pending and returns; ``ReplicatorThread`` does it in the background,
retrying with a growing pause while the clinic is away. Neither ever touches the journal's writer.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mesogun.clinic.connection import ClinicUnavailableError, connect
from mesogun.clinic.local_rows import LocalJournalRows, LocalRow
from mesogun.clinic.schema import CHAIN_BREAK_SQLSTATE

if TYPE_CHECKING:
    import psycopg

DEFAULT_BATCH_ROWS = 500
SYNC_MARK_NAME = "clinic-sync.json"
_COPY = (
    "COPY clinic.journal_rows (station_id, seq, table_name, prev_hash, row_hash, recorded_at, canonical) "
    "FROM STDIN"
)


class StationDivergedError(Exception):
    """The desk journal no longer continues what the clinic holds (cut short, rewritten, or edited)."""

    def __init__(self, verdict: str, detail: str) -> None:
        super().__init__(f"{verdict}: {detail}")
        self.verdict = verdict
        self.detail = detail


@dataclass(frozen=True)
class SyncResult:
    """What one synchronisation did: rows shipped, the clinic's head after it, when it finished."""

    station_id: str
    rows_shipped: int
    batches: int
    clinic_head_seq: int
    local_head_seq: int
    finished_at: datetime

    @property
    def lag_rows(self) -> int:
        """Desk rows not yet at the clinic when the sync finished."""
        return max(0, self.local_head_seq - self.clinic_head_seq)


def sync_mark_path(journal_path: Path) -> Path:
    """The file beside the journal that remembers the last successful sync (read when offline)."""
    return journal_path.with_name(SYNC_MARK_NAME)


def last_sync_at(journal_path: Path) -> datetime | None:
    """When this desk last caught up with the clinic store (None if never, or unreadable)."""
    try:
        data = json.loads(sync_mark_path(journal_path).read_text(encoding="utf-8"))
        moment = datetime.fromisoformat(str(data["finished_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return moment if moment.tzinfo is not None else None


def _remember(journal_path: Path, result: SyncResult) -> None:
    mark = sync_mark_path(journal_path)
    temporary = mark.with_name(mark.name + ".tmp")
    data = {
        "station_id": result.station_id,
        "clinic_head_seq": result.clinic_head_seq,
        "finished_at": result.finished_at.isoformat(),
    }
    with contextlib.suppress(OSError):  # a reminder for the screens, never a reason to fail a sync
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        os.replace(temporary, mark)


def _clinic_head(cursor: psycopg.Cursor[tuple[object, ...]], station_id: str) -> tuple[int, str | None]:
    cursor.execute("SELECT head_seq, head_hash FROM clinic.stations WHERE station_id = %s", (station_id,))
    found = cursor.fetchone()
    return (int(str(found[0])), str(found[1])) if found else (0, None)


def _report(
    connection: psycopg.Connection[tuple[object, ...]],
    local: LocalJournalRows,
    clinic_head_seq: int,
    chain_ok: bool,
    detail: str | None,
) -> tuple[str, str]:
    """Tell the server what the desk holds; the server decides the station's verdict (and says why)."""
    with connection.transaction(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT clinic.report_station(%s, %s, %s, %s)",
            (local.last_seq(), local.hash_at(clinic_head_seq), chain_ok, detail),
        )
        cursor.execute("SELECT verdict, verdict_detail FROM clinic.stations WHERE station_id = session_user")
        found = cursor.fetchone()
    if found is None:
        return "ok", ""
    return str(found[0]), str(found[1] or "")


def _ship(cursor: psycopg.Cursor[tuple[object, ...]], station_id: str, rows: list[LocalRow]) -> None:
    with cursor.copy(_COPY) as copy:
        for row in rows:
            copy.write_row(
                (station_id, row.seq, row.table, row.prev_hash, row.row_hash, row.recorded_at, row.canonical)
            )


def sync_once(
    journal_path: Path,
    conninfo: str,
    *,
    batch_rows: int = DEFAULT_BATCH_ROWS,
    on_batch: Callable[[int], None] | None = None,
) -> SyncResult:
    """Ship every row of the desk journal the clinic does not hold yet; return what was done.

    Raises ClinicUnavailableError when the clinic cannot be reached (or is lost mid-way: the batches
    committed before stay, the next call goes on from there) and StationDivergedError when the desk
    journal does not continue the clinic's copy. ``on_batch`` is called with the clinic's head after
    each committed batch.
    """
    import psycopg

    if batch_rows < 1:
        raise ValueError(f"batch_rows: {batch_rows} must be at least 1")
    connection = connect(conninfo)
    shipped = batches = 0
    try:
        with LocalJournalRows(journal_path) as local:
            with connection.cursor() as cursor:
                cursor.execute("SELECT session_user")
                found = cursor.fetchone()
                station_id = str(found[0]) if found else ""
                connection.commit()
            while True:
                try:
                    with connection.transaction(), connection.cursor() as cursor:
                        # A second replicator of the same desk (an old process not yet dead) waits here.
                        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (station_id,))
                        head_seq, head_hash = _clinic_head(cursor, station_id)
                        if head_hash is not None and local.hash_at(head_seq) != head_hash:
                            rows: list[LocalRow] = []
                            diverged = True
                        else:
                            rows = local.rows(head_seq, batch_rows)
                            diverged = False
                        broken = next((row for row in rows if not row.intact), None)
                        if broken is not None:
                            rows = rows[: rows.index(broken)]
                        if rows:
                            _ship(cursor, station_id, rows)
                except psycopg.errors.Error as error:
                    if getattr(error, "sqlstate", None) != CHAIN_BREAK_SQLSTATE:
                        raise
                    # The rows after the clinic's head do not link to it: say so on the server too.
                    reason = str(error).strip().splitlines()[0]
                    verdict, why = _report(connection, local, head_seq, False, reason)
                    raise StationDivergedError(verdict, why or reason) from error
                if rows:
                    shipped += len(rows)
                    batches += 1
                    head_seq = rows[-1].seq
                    if on_batch is not None:
                        on_batch(head_seq)
                if diverged or broken is not None:
                    detail = (
                        f"row {broken.seq} ({broken.table}) does not match its own hash: edited in place"
                        if broken is not None
                        else None
                    )
                    verdict, why = _report(connection, local, head_seq, broken is None, detail)
                    raise StationDivergedError(verdict, why or "the desk journal differs from the clinic's")
                if len(rows) < batch_rows:
                    break
            _report(connection, local, head_seq, True, None)
            local_head = local.head()[0]
    except psycopg.errors.Error as error:
        if getattr(error, "sqlstate", None) == CHAIN_BREAK_SQLSTATE:
            raise StationDivergedError("diverged", str(error).strip()) from error
        if isinstance(error, psycopg.OperationalError):
            raise ClinicUnavailableError(f"lost the clinic database: {str(error).strip()}") from error
        raise
    finally:
        connection.close()
    result = SyncResult(
        station_id=station_id,
        rows_shipped=shipped,
        batches=batches,
        clinic_head_seq=head_seq,
        local_head_seq=local_head,
        finished_at=datetime.now(UTC),
    )
    _remember(journal_path, result)
    return result


@dataclass(frozen=True)
class SyncState:
    """The replicator's state as the screens show it."""

    connected: bool
    last_sync_at: datetime | None
    lag_rows: int
    error: str | None
    verdict: str = "ok"


class ReplicatorThread:
    """Ships the desk journal in the background every ``interval_s`` (and at once on ``poke``).

    ``on_state`` is called from this thread after every attempt: a GUI must forward it through a
    queued signal. While the clinic is away the pause between attempts grows up to ``max_backoff_s``.
    """

    def __init__(
        self,
        journal_path: Path,
        conninfo: str,
        *,
        interval_s: float = 5.0,
        max_backoff_s: float = 60.0,
        batch_rows: int = DEFAULT_BATCH_ROWS,
        on_state: Callable[[SyncState], None] | None = None,
    ) -> None:
        self._journal_path = journal_path
        self._conninfo = conninfo
        self._interval_s = interval_s
        self._max_backoff_s = max_backoff_s
        self._batch_rows = batch_rows
        self._on_state = on_state
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._state = SyncState(connected=False, last_sync_at=None, lag_rows=0, error=None)
        self._thread = threading.Thread(target=self._run, name="clinic-replicator", daemon=True)

    @property
    def state(self) -> SyncState:
        with self._lock:
            return self._state

    def start(self) -> None:
        self._thread.start()

    def poke(self) -> None:
        """Ship now rather than at the next interval (e.g. after a session closes)."""
        self._wake.set()

    def stop(self, timeout_s: float = 10.0) -> None:
        """Stop after the current batch (a batch in flight is committed whole or not at all)."""
        self._stopping.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)

    def _publish(self, state: SyncState) -> None:
        with self._lock:
            self._state = state
        if self._on_state is not None:
            self._on_state(state)

    def _run(self) -> None:
        pause_s = self._interval_s
        while not self._stopping.is_set():
            previous = self.state
            try:
                result = sync_once(self._journal_path, self._conninfo, batch_rows=self._batch_rows)
            except ClinicUnavailableError as error:
                self._publish(
                    SyncState(False, previous.last_sync_at, previous.lag_rows, str(error), previous.verdict)
                )
                pause_s = min(self._max_backoff_s, max(self._interval_s, pause_s * 2))
            except StationDivergedError as error:
                self._publish(
                    SyncState(True, previous.last_sync_at, previous.lag_rows, str(error), error.verdict)
                )
                pause_s = self._max_backoff_s
            except Exception as error:  # a bug or a database refusal must not kill the thread
                self._publish(
                    SyncState(False, previous.last_sync_at, previous.lag_rows, repr(error), previous.verdict)
                )
                pause_s = self._max_backoff_s
            else:
                self._publish(SyncState(True, result.finished_at, result.lag_rows, None, "ok"))
                pause_s = self._interval_s
            self._wake.wait(pause_s)
            self._wake.clear()


@contextlib.contextmanager
def desk_replicator(journal_path: Path) -> Iterator[ReplicatorThread | None]:
    """A replicator for the desk's journal while the block runs, when a clinic store is configured.

    On the way out, one last sync ships what the block wrote (bounded by the connection timeout when
    the clinic is away: the rows then wait for the next sync, nothing is lost).
    """
    from mesogun.clinic.settings import ClinicSettingsError, load_settings

    try:
        settings = load_settings()
    except ClinicSettingsError:
        settings = None
    if settings is None:
        yield None
        return
    replicator = ReplicatorThread(journal_path, settings.conninfo, interval_s=settings.sync_interval_s)
    replicator.start()
    try:
        yield replicator
    finally:
        replicator.stop()
        with contextlib.suppress(ClinicUnavailableError, StationDivergedError):
            sync_once(journal_path, settings.conninfo)

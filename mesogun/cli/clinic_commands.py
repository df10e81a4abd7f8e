"""``mesogun clinic …``: set up the clinic's PostgreSQL store, connect this desk to it, ship, watch.

Exit status: 0 done; 1 a station's journal does not continue what the clinic holds (or a stored
chain is broken); 2 a usage or settings error; 3 the clinic database cannot be reached.
psycopg is imported only by these commands, never by the rest of the command line.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from datetime import datetime

from mesogun.cli.arguments import duration_seconds
from mesogun.cli.journal_commands import add_journal_option, journal_path
from mesogun.clinic.connection import ClinicUnavailableError, connect
from mesogun.clinic.settings import (
    CLINIC_ENV,
    ClinicSettings,
    ClinicSettingsError,
    checked_conninfo,
    load_settings,
    save_settings,
    settings_path,
)

EXIT_DIVERGED = 1
EXIT_USAGE = 2
EXIT_UNREACHABLE = 3
ROLE_KINDS = {"station": "mesogun_station", "auditor": "mesogun_auditor", "admin": "mesogun_admin"}


class _UsageError(Exception):
    pass


def _conninfo(args: argparse.Namespace) -> str:
    given: str | None = getattr(args, "clinic", None)
    if given:
        return checked_conninfo(given)
    settings = load_settings()
    if settings is None:
        raise _UsageError(
            f"no clinic database configured: run `mesogun clinic connect 'host=... dbname=... user=...'`, "
            f"give --clinic CONNINFO or set ${CLINIC_ENV}"
        )
    return settings.conninfo


def _guarded(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except (_UsageError, ClinicSettingsError, ValueError) as error:
            print(f"mesogun: {error}", file=sys.stderr)
            return EXIT_USAGE
        except ClinicUnavailableError as error:
            print(f"mesogun: {error}", file=sys.stderr)
            return EXIT_UNREACHABLE
        except Exception as error:
            # The database refused (permission denied, a login that exists already…): say it in one line.
            if not type(error).__module__.startswith("psycopg"):
                raise
            lines = str(error).strip().splitlines()
            reason = lines[0] if lines else type(error).__name__
            print(f"mesogun: the clinic database refused: {reason}", file=sys.stderr)
            return EXIT_USAGE

    return run


def _time(value: object) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%SZ") if isinstance(value, datetime) else "—"


# ---------------------------------------------------------------------- commands


def _cmd_init(args: argparse.Namespace) -> int:
    from mesogun.clinic.schema import SCHEMA_VERSION, install

    connection = connect(_conninfo(args))
    try:
        install(connection)
    finally:
        connection.close()
    print(f"clinic store ready (schema version {SCHEMA_VERSION}); roles: {', '.join(ROLE_KINDS.values())}")
    print("next: `mesogun clinic role add station NAME` for each desk, then on that desk")
    print("      `mesogun clinic connect 'host=... dbname=... user=NAME sslrootcert=CA.crt'`")
    return 0


def _cmd_role_add(args: argparse.Namespace) -> int:
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("password: ")
    if not password:
        raise _UsageError("an empty password is refused")
    connection = connect(_conninfo(args))
    from psycopg import sql

    try:
        with connection.transaction(), connection.cursor() as cursor:
            cursor.execute(
                sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}{}").format(
                    sql.Identifier(args.name),
                    sql.Literal(password),
                    sql.Identifier(ROLE_KINDS[args.kind]),
                    sql.SQL(" CREATEROLE") if args.kind == "admin" else sql.SQL(""),
                )
            )
    finally:
        connection.close()
    print(f"{args.kind} login {args.name} created")
    return 0


def _cmd_connect(args: argparse.Namespace) -> int:
    settings = ClinicSettings(conninfo=checked_conninfo(args.conninfo), sync_interval_s=args.interval)
    if not args.no_check:
        connect(settings.conninfo).close()
    path = save_settings(settings)
    print(f"this desk ships its journal to the clinic store; settings in {path}")
    return 0


def _cmd_disconnect(args: argparse.Namespace) -> int:
    path = save_settings(None)
    print(f"this desk works alone again (settings in {path}); the clinic keeps what it received")
    return 0


def _cmd_sync(args: argparse.Namespace) -> int:
    from mesogun.clinic.replicator import StationDivergedError, sync_once

    path = journal_path(args)
    if not path.exists():
        raise _UsageError(f"no journal at {path}; give another file with --journal FILE")
    try:
        result = sync_once(path, _conninfo(args), batch_rows=args.batch_rows)
    except StationDivergedError as error:
        print(f"NOT shipped: {error.verdict}: {error.detail}")
        return EXIT_DIVERGED
    print(
        f"station {result.station_id}: {result.rows_shipped} rows shipped in {result.batches} batches; "
        f"clinic head at position {result.clinic_head_seq}, desk at {result.local_head_seq}"
    )
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    from mesogun.clinic.verify import check_station_chain

    connection = connect(_conninfo(args), autocommit=True)
    broken = 0
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT station_id, head_seq, reported_head_seq, last_received_at, reported_at, "
                "verdict, verdict_detail FROM clinic.stations ORDER BY station_id"
            )
            stations = cursor.fetchall()
            if not stations:
                print("no station has shipped anything yet")
                return 0
            print(f"{'station':16}  {'rows':>8}  {'lag':>6}  {'last sync (UTC)':20}  verdict")
            for station, head, reported, received, reported_at, verdict, detail in stations:
                check = check_station_chain(cursor, str(station))
                lag = max(0, int(str(reported)) - int(str(head))) if reported is not None else 0
                last = max((t for t in (received, reported_at) if isinstance(t, datetime)), default=None)
                verdict_text = str(verdict) if verdict == "ok" else f"{verdict}: {detail}"
                if not check.ok:
                    verdict_text += f"; stored chain BROKEN at {check.first_broken_seq}: {check.reason}"
                if verdict != "ok" or not check.ok:
                    broken += 1
                print(f"{station!s:16}  {head!s:>8}  {lag:>6}  {_time(last):20}  {verdict_text}")
    finally:
        connection.close()
    return EXIT_DIVERGED if broken else 0


# ---------------------------------------------------------------------- registration


def _add_clinic_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--clinic",
        metavar="CONNINFO",
        help=f"clinic database instead of this desk's settings ({settings_path().name}, ${CLINIC_ENV})",
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``clinic`` to the ``mesogun`` command line."""
    clinic = sub.add_parser("clinic", help="the clinic's PostgreSQL store: set up, connect, sync, status")
    which = clinic.add_subparsers(dest="clinic_command", metavar="ACTION", required=True)

    p = which.add_parser("init", help="create the clinic schema, its roles and grants (administrator)")
    _add_clinic_option(p)
    p.set_defaults(handler=_guarded(_cmd_init))

    role = which.add_parser("role", help="logins of the clinic store (administrator)")
    role_which = role.add_subparsers(dest="role_command", metavar="ACTION", required=True)
    p = role_which.add_parser("add", help="create a login: a desk (station), an auditor or an administrator")
    p.add_argument("kind", choices=sorted(ROLE_KINDS))
    p.add_argument("name", help="login name (a desk's login name is its station name)")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    _add_clinic_option(p)
    p.set_defaults(handler=_guarded(_cmd_role_add))

    p = which.add_parser("connect", help="ship this desk's journal to a clinic store from now on")
    p.add_argument("conninfo", help="libpq key=value string without password, e.g. 'host=db dbname=mesogun'")
    p.add_argument(
        "--interval", type=duration_seconds, default=5.0, help="seconds between two syncs (default 5)"
    )
    p.add_argument("--no-check", action="store_true", help="save without trying the connection")
    p.set_defaults(handler=_guarded(_cmd_connect))

    p = which.add_parser("disconnect", help="stop shipping; this desk works alone")
    p.set_defaults(handler=_guarded(_cmd_disconnect))

    p = which.add_parser("sync", help="ship the rows the clinic does not hold yet, once (for scripts)")
    p.add_argument("--batch-rows", type=int, default=500, help="rows per transaction (default 500)")
    add_journal_option(p)
    _add_clinic_option(p)
    p.set_defaults(handler=_guarded(_cmd_sync))

    p = which.add_parser("status", help="stations, their lag, last sync and chain verdicts")
    _add_clinic_option(p)
    p.set_defaults(handler=_guarded(_cmd_status))

"""``mesogun clinic …`` as the README walks a newcomer through it, and the settings it keeps."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from clinic_builders import Clinic, Desk
from pg_server import PgServer

from mesogun.cli import main
from mesogun.clinic.settings import (
    CLINIC_ENV,
    ClinicSettingsError,
    checked_conninfo,
    load_settings,
    settings_path,
)
from mesogun.journal.paths import DATA_DIR_ENV


def test_readme_setup_init_role_connect_sync_status(
    pg_server: PgServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import psycopg

    with psycopg.connect(pg_server.conninfo(), autocommit=True) as admin:
        admin.execute("CREATE DATABASE readme")
    admin_conninfo = pg_server.conninfo("readme")
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "desk"))
    monkeypatch.delenv(CLINIC_ENV, raising=False)

    assert main(["clinic", "init", "--clinic", admin_conninfo]) == 0
    assert main(["clinic", "init", "--clinic", admin_conninfo]) == 0  # again: nothing breaks
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-room9\n"))
    add_room9 = ["clinic", "role", "add", "station", "room9", "--password-stdin", "--clinic", admin_conninfo]
    assert main(add_room9) == 0
    desk_conninfo = pg_server.conninfo("readme", "room9")
    assert main(["clinic", "connect", desk_conninfo]) == 0
    saved = settings_path()
    assert os.stat(saved).st_mode & 0o777 == 0o600
    assert json.loads(saved.read_text())["conninfo"] == desk_conninfo

    with Desk(tmp_path / "desk" / "journal.sqlite3", serial="SIM-0009") as desk:
        desk.session()
        head = desk.head()
    capsys.readouterr()
    assert main(["clinic", "sync"]) == 0
    assert f"clinic head at position {head}, desk at {head}" in capsys.readouterr().out
    assert main(["clinic", "status"]) == 0
    status = capsys.readouterr().out
    assert "room9" in status and " ok" in status
    assert main(["log", "verify"]) == 0
    assert f"rows up to position {head} as replicated" in capsys.readouterr().out


def test_clinic_commands_without_a_configured_store_say_how_to_configure_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    monkeypatch.delenv(CLINIC_ENV, raising=False)
    assert main(["clinic", "status"]) == 2
    assert "mesogun clinic connect" in capsys.readouterr().err


def test_an_unreachable_store_is_its_own_exit_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(CLINIC_ENV, f"host={tmp_path} port=1 dbname=none user=none")
    assert main(["clinic", "status"]) == 3
    assert "cannot reach the clinic database" in capsys.readouterr().err


def test_settings_refuse_a_password_a_weak_tls_mode_and_a_password_file_others_can_read(
    tmp_path: Path,
) -> None:
    with pytest.raises(ClinicSettingsError, match="must not hold the password"):
        checked_conninfo("host=db.clinic.lan dbname=mesogun user=room1 password=x")
    with pytest.raises(ClinicSettingsError, match="sslmode=require"):
        checked_conninfo("host=db.clinic.lan dbname=mesogun user=room1 sslmode=require")
    assert checked_conninfo("host=db.clinic.lan user=room1").endswith("sslmode=verify-full")
    assert checked_conninfo("host=/run/postgresql user=room1") == "host=/run/postgresql user=room1"
    passfile = tmp_path / "pgpass"
    passfile.write_text("*:*:*:room1:x\n")
    passfile.chmod(0o644)
    with pytest.raises(ClinicSettingsError, match="chmod 600"):
        checked_conninfo(f"host=db.clinic.lan user=room1 passfile={passfile}")
    passfile.chmod(0o600)
    checked_conninfo(f"host=db.clinic.lan user=room1 passfile={passfile}")


def test_no_clinic_configured_means_no_clinic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    monkeypatch.delenv(CLINIC_ENV, raising=False)
    assert load_settings() is None


def test_patients_show_in_room_two_lists_the_session_given_in_room_one(
    clinic: Clinic,
    desk1: Desk,
    desk2: Desk,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from mesogun.clinic.replicator import sync_once

    in_room1 = desk1.session("LMB-0042")
    in_room2 = desk2.session("LMB-0042")
    sync_once(desk1.path, clinic.conninfo("room1"))
    monkeypatch.setenv(CLINIC_ENV, clinic.conninfo("room2"))
    assert main(["patients", "show", "LMB-0042", "--journal", str(desk2.path)]) == 0
    out = capsys.readouterr().out
    assert in_room1[:8] in out and in_room2[:8] in out


def test_an_administrator_login_manages_desk_logins_but_a_desk_cannot(
    clinic: Clinic, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("boss-pass\n"))
    assert (
        main(["clinic", "role", "add", "admin", "boss7", "--password-stdin", "--clinic", clinic.conninfo()])
        == 0
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("room7-pass\n"))
    as_boss = ["--password-stdin", "--clinic", clinic.conninfo("boss7")]
    assert main(["clinic", "role", "add", "station", "room7", *as_boss]) == 0
    members = clinic.query(
        "SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
        "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = 'room7'"
    )
    assert members == [("mesogun_station",)]

    monkeypatch.setattr("sys.stdin", io.StringIO("x\n"))
    capsys.readouterr()
    as_room1 = ["--password-stdin", "--clinic", clinic.conninfo("room1")]
    assert main(["clinic", "role", "add", "station", "room8", *as_room1]) == 2
    assert "the clinic database refused: permission denied to create role" in capsys.readouterr().err

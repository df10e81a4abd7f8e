"""TLS to the clinic store: a verified server certificate, plain connections refused by the server."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from clinic_builders import Desk
from pg_server import PgServer, find_bindir

from mesogun.clinic.connection import ClinicUnavailableError
from mesogun.clinic.replicator import sync_once
from mesogun.clinic.schema import install

psycopg = pytest.importorskip("psycopg", reason="the clinic store needs psycopg 3 (pip install '.[clinic]')")


def _openssl(*arguments: str, cwd: Path) -> None:
    subprocess.run(["openssl", *arguments], cwd=cwd, check=True, capture_output=True)


def _authority(folder: Path, name: str) -> None:
    """A CA ``name``.crt/.key, and a server certificate for localhost/127.0.0.1 signed by it."""
    folder.mkdir()
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={name}",
             "-keyout", "ca.key", "-out", "ca.crt", cwd=folder)  # fmt: skip
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
             "-keyout", "server.key", "-out", "server.csr", cwd=folder)  # fmt: skip
    (folder / "san.ext").write_text("subjectAltName = DNS:localhost, IP:127.0.0.1\n")
    _openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
             "-days", "2", "-extfile", "san.ext", "-out", "server.crt", cwd=folder)  # fmt: skip


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PgServer, Path]]:
    bindir = find_bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql")
    keys = tmp_path_factory.mktemp("tls")
    _authority(keys / "clinic", "clinic CA")
    _authority(keys / "other", "someone else's CA")
    server = PgServer(bindir, port=54333)
    server.enable_tls(keys / "clinic" / "server.crt", keys / "clinic" / "server.key", _free_port())
    server.start()
    try:
        with psycopg.connect(server.conninfo(), autocommit=True) as admin:
            admin.execute("CREATE DATABASE clinic")
            admin.execute("CREATE ROLE room1 LOGIN")
        with psycopg.connect(server.conninfo("clinic")) as connection:
            install(connection)
            connection.execute("GRANT mesogun_station TO room1")
        yield server, keys
    finally:
        server.destroy()


def test_a_desk_ships_over_tls_only_to_the_server_its_clinic_ca_vouches_for(
    tls_server: tuple[PgServer, Path], desk1: Desk
) -> None:
    server, keys = tls_server
    desk1.session()
    tcp = f"host=localhost port={server.port} dbname=clinic user=room1"

    result = sync_once(desk1.path, f"{tcp} sslmode=verify-full sslrootcert={keys / 'clinic' / 'ca.crt'}")
    assert result.rows_shipped == desk1.head()
    with psycopg.connect(f"{tcp} sslmode=verify-full sslrootcert={keys / 'clinic' / 'ca.crt'}") as connection:
        assert connection.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone() == (
            True,
        )

    with pytest.raises(ClinicUnavailableError, match="certificate verify failed"):
        sync_once(desk1.path, f"{tcp} sslmode=verify-full sslrootcert={keys / 'other' / 'ca.crt'}")
    with pytest.raises(ClinicUnavailableError, match=r"no encryption|pg_hba\.conf rejects"):
        sync_once(desk1.path, f"{tcp} sslmode=disable")

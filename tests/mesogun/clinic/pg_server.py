"""A throw-away PostgreSQL server for the clinic tests and benchmark: initdb in a temp dir, unix socket.

The server binaries come from the distribution's ``postgresql`` package (``/usr/lib/postgresql/N/bin``)
or from PATH. initdb refuses to run as root: as root, the server runs as the ``postgres`` system user
the package creates, in a directory handed over to it. Authentication is ``trust`` on the socket only
(no TCP listener), so any role name connects: the tests check grants, not passwords.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path


def find_bindir() -> Path | None:
    """The directory holding ``initdb`` and ``pg_ctl`` (newest version first), or None."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda path: int(Path(path).parent.name), reverse=True
    )
    for candidate in candidates:
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _owner_and_demotion() -> tuple[int | None, Callable[[], None] | None]:
    if os.geteuid() != 0:
        return None, None
    try:
        user = pwd.getpwnam("postgres")
    except KeyError:
        return None, None

    def demote() -> None:
        os.setgid(user.pw_gid)
        os.setuid(user.pw_uid)

    return user.pw_uid, demote


class PgServer:
    """One PostgreSQL cluster on a unix socket in a temp dir; ``start``/``stop`` may be repeated."""

    def __init__(self, bindir: Path, port: int = 54329) -> None:
        self.bindir = bindir
        self.port = port
        self.root = Path(tempfile.mkdtemp(prefix="mesogun-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root
        self.log = self.root / "server.log"
        uid, self._demote = _owner_and_demotion()
        if uid is not None:
            os.chown(self.root, uid, -1)
        os.chmod(self.root, 0o755)
        self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--locale=C", "--no-sync",
        )  # fmt: skip
        settings = (
            "listen_addresses = ''\n"
            f"unix_socket_directories = '{self.socket_dir}'\n"
            f"port = {self.port}\n"
            "fsync = on\n"
            "max_connections = 40\n"
            "shared_buffers = 32MB\n"
        )
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(settings)

    def _run(self, tool: str, *arguments: str) -> None:
        subprocess.run(
            [str(self.bindir / tool), *arguments],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=self._demote,  # before exec: only the uid/gid switch
            cwd=self.root,
        )

    def enable_tls(self, certificate: Path, key: Path, tcp_port: int) -> None:
        """Also listen on 127.0.0.1:``tcp_port``, TLS only (plain TCP refused), with this certificate."""
        for source, name in ((certificate, "server.crt"), (key, "server.key")):
            target = self.data / name
            target.write_bytes(source.read_bytes())
            os.chmod(target, 0o600)
            if self._demote is not None:
                os.chown(target, pwd.getpwnam("postgres").pw_uid, -1)
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(f"listen_addresses = '127.0.0.1'\nport = {tcp_port}\nssl = on\n")
        hba = self.data / "pg_hba.conf"
        rules = "hostssl all all 127.0.0.1/32 trust\nhostnossl all all 127.0.0.1/32 reject\n"
        hba.write_text(rules + "local all all trust\n", encoding="utf-8")
        self.port = tcp_port

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "30", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop")

    def conninfo(self, dbname: str = "postgres", user: str = "postgres") -> str:
        return f"host={self.socket_dir} port={self.port} dbname={dbname} user={user}"

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

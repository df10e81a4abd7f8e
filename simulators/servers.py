"""Serve a simulated gun on a pseudo-terminal or a loopback TCP port, so another process can open it.

:class:`PtyServer` gives a device path (``/dev/pts/N``) that any serial program opens like a USB
serial adapter; :class:`TcpServer` gives a ``socket://127.0.0.1:PORT`` URL. Each pumps bytes between
its transport and a :class:`~simulators.port.GunPort` in two threads. ``unplug()`` makes the host see
the device vanish (the pty is closed: EIO; the TCP connection is dropped) and ``replug()`` brings it
back (a pty comes back under a NEW path). When the gun itself drops the link (its ``unplug()`` or
``power_cycle()``), the server does the same and comes back once the gun is plugged again.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import os
import select
import socket
import threading
import tty
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from serial import SerialException

from simulators.gun import SimulatedGun
from simulators.port import GunPort

POLL_S = 0.05  # how often pump threads look up from a blocking wait to check they should stop
CHUNK = 65536


class _Pumps:
    """Two threads moving bytes between a transport and a GunPort until told to stop or the link fails.

    The reader runs the firmware on the bytes it brought (``serve``) and sends what the firmware
    answered at once: a request is answered in one thread. The writer sends what the firmware sends
    by itself (events, telemetry, frames a link fault held back). One lock keeps the two from
    reordering bytes.
    """

    def __init__(
        self,
        port: GunPort,
        read_host: Callable[[], bytes | None],
        write_host: Callable[[bytes, threading.Event], None],
        name: str,
        serve: Callable[[], None],
    ) -> None:
        self.port = port
        self.stop = threading.Event()
        self.failed = threading.Event()
        self._read_host = read_host
        self._write_host = write_host
        self._serve = serve
        self._out_lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._to_device, name=f"{name}-in", daemon=True),
            threading.Thread(target=self._to_host, name=f"{name}-out", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _to_device(self) -> None:
        try:
            while not self.stop.is_set():
                data = self._read_host()
                if data is None:
                    break  # the host side is gone
                if data:
                    self.port.host_write(data, wake_device=False)
                    with self.port.answer_in_this_thread():
                        self._serve()
                    self._send_ready()
                    self.port.host_schedule_rest()
        except (OSError, SerialException):
            pass
        self.failed.set()

    def _to_host(self) -> None:
        try:
            while not self.stop.is_set():
                self.port.host_wait_ready(POLL_S)
                self._send_ready()
        except (OSError, SerialException):
            pass
        self.failed.set()

    def _send_ready(self) -> None:
        with self._out_lock:
            data = self.port.host_read(CHUNK, 0)
            if data:
                self._write_host(data, self.stop)

    def shutdown(self) -> None:
        self.stop.set()
        self.port.close("server unplugged")
        for thread in self._threads:
            if thread is not threading.current_thread():
                thread.join(timeout=2)


class _Server:
    """What both servers share: plugged / unplugged, and a supervisor that follows the gun."""

    def __init__(self, gun: SimulatedGun) -> None:
        self._gun = gun
        self._lock = threading.RLock()
        self._want_plugged = True
        self._closed = False
        self._pumps: _Pumps | None = None
        self._stopping = threading.Event()
        self._supervisor = threading.Thread(target=self._supervise, name="simgun-server", daemon=True)

    def _supervise(self) -> None:
        while not self._closed:
            with self._lock:
                if self._closed:
                    return
                if self._pumps is not None and self._pumps.failed.is_set():
                    self._detach()
                if self._want_plugged and self._pumps is None and self._gun.plugged:
                    self._try_attach()
            self._stopping.wait(POLL_S)

    def _try_attach(self) -> None:
        with contextlib.suppress(SerialException):
            self._attach()

    def _attach(self) -> None:
        raise NotImplementedError

    def _detach(self) -> None:
        raise NotImplementedError

    def unplug(self) -> None:
        """The host sees the device vanish; it stays away until :meth:`replug`."""
        with self._lock:
            self._want_plugged = False
            self._detach()

    def replug(self) -> None:
        """Bring the device back (a pty under a new path)."""
        with self._lock:
            self._want_plugged = True
            if self._pumps is None:
                self._attach()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._stopping.set()
            self._want_plugged = False
            self._detach()
        if self._supervisor.is_alive() and self._supervisor is not threading.current_thread():
            self._supervisor.join(timeout=2)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class PtyServer(_Server):
    """The gun behind a pseudo-terminal. ``link_path``: a symlink kept pointing at the current pty."""

    def __init__(
        self,
        gun: SimulatedGun,
        *,
        link_path: Path | None = None,
        on_path: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(gun)
        self._link_path = link_path
        self._on_path = on_path
        self._fds: tuple[int, int] | None = None
        self._path = ""
        self._attach()
        self._supervisor.start()

    @property
    def path(self) -> str:
        """Device path of the current pty (the last one while unplugged)."""
        return self._path

    @property
    def attached(self) -> bool:
        """True while the pty is there (plugged); while unplugged, :attr:`path` names a freed pty
        that the system may give to any other program."""
        return self._fds is not None

    def __enter__(self) -> PtyServer:
        return self

    def _attach(self) -> None:
        port = self._gun.connect()
        master, slave = self._open_pty()
        self._fds = (master, slave)
        self._path = os.ttyname(slave)
        if self._link_path is not None:
            with contextlib.suppress(FileNotFoundError):
                self._link_path.unlink()
            self._link_path.symlink_to(self._path)

        def read_host() -> bytes | None:
            ready, _, _ = select.select([master], [], [], POLL_S)
            if not ready:
                return b""
            try:
                return os.read(master, CHUNK)
            except BlockingIOError:
                return b""
            except OSError as exc:
                # EIO: nobody has the slave open right now (we keep it open, so only at teardown).
                return b"" if exc.errno == errno.EIO else None

        def write_host(data: bytes, stop: threading.Event) -> None:
            view = memoryview(data)
            while view and not stop.is_set():
                try:
                    view = view[os.write(master, view) :]
                except BlockingIOError:
                    select.select([], [master], [], POLL_S)

        name = f"simgun-pty-{os.path.basename(self._path)}"
        self._pumps = _Pumps(port, read_host, write_host, name, self._gun.serve_now)
        if self._on_path is not None:
            self._on_path(self._path)

    def _open_pty(self) -> tuple[int, int]:
        """A raw pty whose path differs from the previous one (the kernel reuses freed numbers)."""
        spare: list[int] = []
        try:
            while True:
                master, slave = os.openpty()
                if not self._path or os.ttyname(slave) != self._path:
                    break
                spare += [master, slave]  # held open until a different number comes up
        finally:
            for fd in spare:
                os.close(fd)
        # Raw at once: pyserial flushes input on open, and a cooked pty would mangle the frames.
        tty.setraw(slave)
        os.set_blocking(master, False)
        return master, slave

    def _detach(self) -> None:
        if self._pumps is not None:
            self._pumps.shutdown()  # threads stopped before the descriptors close (no fd reuse races)
            self._pumps = None
        if self._fds is not None:
            for fd in self._fds:
                with contextlib.suppress(OSError):
                    os.close(fd)
            self._fds = None

    def close(self) -> None:
        super().close()
        if self._link_path is not None and self._link_path.is_symlink():
            with contextlib.suppress(OSError):
                self._link_path.unlink()


class RemoteListenRefused(ValueError):
    """A TCP server asked to listen beyond this machine without saying so explicitly."""


def is_loopback(host: str) -> bool:
    """True for an address (or ``localhost``) that only this machine can reach."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


class TcpServer(_Server):
    """The gun behind a TCP port, one client at a time.

    The simulated gun has no authentication: it listens on the loopback interface unless
    ``allow_remote`` says otherwise, and while a client is connected another one is refused (its
    connection is closed at once) rather than taking the gun over from it.
    """

    def __init__(
        self, gun: SimulatedGun, port: int = 0, host: str = "127.0.0.1", *, allow_remote: bool = False
    ) -> None:
        if not allow_remote and not is_loopback(host):
            raise RemoteListenRefused(
                f"{host} is reachable from other machines and the simulated gun has no authentication; "
                "listen on 127.0.0.1, or allow remote clients explicitly"
            )
        super().__init__(gun)
        self._listener = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((host, port))
        self._listener.listen(1)
        self.host, self.port = self._listener.getsockname()[:2]
        self._client: socket.socket | None = None
        self._pending: socket.socket | None = None
        self.refused_clients = 0  # connections closed because another client held the gun
        self._acceptor = threading.Thread(target=self._accept_loop, name="simgun-tcp-accept", daemon=True)
        self._acceptor.start()
        self._supervisor.start()

    @property
    def url(self) -> str:
        """pyserial URL of the server: ``socket://127.0.0.1:PORT``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"socket://{host}:{self.port}"

    def __enter__(self) -> TcpServer:
        return self

    def _accept_loop(self) -> None:
        while not self._closed:
            try:
                ready, _, _ = select.select([self._listener], [], [], POLL_S)
                if not ready:
                    continue
                client, _ = self._listener.accept()
            except OSError:
                return  # listener closed
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                if not self._want_plugged or self._closed:
                    client.close()  # unplugged: the connection is refused at once
                    continue
                if self._holds_a_live_client():
                    self.refused_clients += 1
                    client.close()  # the gun is taken: a second host never steals it
                    continue
                self._detach()
                self._pending = client
                try:
                    self._attach()
                except SerialException:
                    client.close()  # the gun itself is unplugged
                finally:
                    self._pending = None

    def _holds_a_live_client(self) -> bool:
        """True while the current client's connection is open (a hang-up not yet noticed counts as gone)."""
        client = self._client
        if client is None or self._pumps is None or self._pumps.failed.is_set():
            return False
        try:
            return client.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) != b""
        except BlockingIOError:
            return True  # open, nothing to read
        except OSError:
            return False

    def _try_attach(self) -> None:
        pass  # a TCP host reconnects by itself; the next client is attached when it arrives

    def _attach(self) -> None:
        client = self._pending
        if client is None:
            return  # replug: wait for the next client
        port = self._gun.connect()
        self._client = client

        def read_host() -> bytes | None:
            ready, _, _ = select.select([client], [], [], POLL_S)
            if not ready:
                return b""
            data = client.recv(CHUNK)
            return data or None  # b"": the client hung up

        def write_host(data: bytes, stop: threading.Event) -> None:
            client.sendall(data)

        self._pumps = _Pumps(port, read_host, write_host, "simgun-tcp", self._gun.serve_now)

    def _detach(self) -> None:
        if self._pumps is not None:
            self._pumps.shutdown()
            self._pumps = None
        if self._client is not None:
            with contextlib.suppress(OSError):
                self._client.shutdown(socket.SHUT_RDWR)
            self._client.close()
            self._client = None

    def close(self) -> None:
        super().close()
        with contextlib.suppress(OSError):
            self._listener.close()
        if self._acceptor.is_alive():
            self._acceptor.join(timeout=2)

"""A raw echo on a pseudo-terminal, in a process of its own: the floor of a request/reply round trip.

Prints the pty's path, then echoes every byte it reads until it is terminated. The benchmarks start it
as a child process so that the floor and the simulated gun stand in the same place: another process.
"""

from __future__ import annotations

import os
import select
import tty


def main() -> None:
    device_fd, host_fd = os.openpty()
    tty.setraw(device_fd)
    tty.setraw(host_fd)
    print(os.ttyname(host_fd), flush=True)
    while True:
        ready, _, _ = select.select([device_fd], [], [], 1.0)
        if ready:
            os.write(device_fd, os.read(device_fd, 65536))


if __name__ == "__main__":
    main()

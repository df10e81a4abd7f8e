"""Writing a file that holds health data safely (an export, a certificate, a plan): whole or not at all,
owner-only, never through a link, never over a file by accident.

Exports hold health data. The bytes go to a new temporary file in the target's directory (created
0600 whatever the umask), are flushed to disk (``fsync``), and only then take the target's name by a
rename, so a reader, a crash or a full disk never leaves half a report under the name. The rename
replaces a symbolic link at the target instead of writing where it points, and the new file does not
inherit a mode from the file it replaces. Without ``overwrite`` an existing name is refused, checked
atomically where the file system allows it (a hard link to the finished file fails if the name is
taken meanwhile).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from mesogun.errors import MesogunError

#: Mode of every export file: read and write by its owner only.
EXPORT_FILE_MODE = 0o600


class ExportWriteError(MesogunError):
    """An export cannot be written where asked (the message names the file and what to do)."""


def write_private(path: Path, data: bytes, *, overwrite: bool = False) -> None:
    """Write ``data`` to ``path`` atomically with mode 0600.

    Raises ExportWriteError when ``path`` exists and ``overwrite`` is False, when it is a directory,
    or when its directory is missing or not writable.
    """
    target = Path(path)
    _check_target(target, overwrite)
    directory = target.parent
    try:
        descriptor, temporary_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=directory
        )
    except OSError as error:
        raise _error(target, error) from error
    temporary = Path(temporary_name)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            os.fchmod(stream.fileno(), EXPORT_FILE_MODE)
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        _move_into_place(temporary, target, overwrite)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise _error(target, error) from error
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _sync_directory(directory)


def _check_target(target: Path, overwrite: bool) -> None:
    if target.is_dir() and not target.is_symlink():
        raise ExportWriteError(f"{target} is a directory: give a file name inside it")
    if not target.parent.is_dir():
        raise ExportWriteError(f"cannot write {target}: the directory {target.parent} does not exist")
    if not overwrite and (target.exists() or target.is_symlink()):
        raise ExportWriteError(f"{target} already exists: choose another name, or give --force to replace it")


def _move_into_place(temporary: Path, target: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(temporary, target)
        return
    try:
        os.link(temporary, target)  # fails if the name was taken since the check: nothing is lost
    except FileExistsError:
        raise ExportWriteError(
            f"{target} already exists: choose another name, or give --force to replace it"
        ) from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        # No hard links on this file system (FAT on a USB stick): the check above has to do.
        if target.exists() or target.is_symlink():
            raise ExportWriteError(
                f"{target} already exists: choose another name, or give --force to replace it"
            ) from None
        os.replace(temporary, target)
        return
    temporary.unlink()


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (best effort: not every platform can open a directory)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _error(target: Path, error: OSError) -> ExportWriteError:
    reason = error.strerror or str(error)
    if isinstance(error, PermissionError):
        return ExportWriteError(f"cannot write {target}: {reason}; choose a directory you can write to")
    return ExportWriteError(f"cannot write {target}: {reason}")

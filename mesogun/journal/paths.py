"""Where the journal file lives, and creating it readable by its owner only."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import platformdirs

from mesogun.journal.errors import JournalFileError, JournalProblem

DATA_DIR_ENV = "MESOGUN_DATA_DIR"
JOURNAL_FILE_NAME = "journal.sqlite3"
FILE_MODE = 0o600
DIR_MODE = 0o700


def data_dir() -> Path:
    """The directory for mesogun's data: ``$MESOGUN_DATA_DIR`` if set, else the user's data directory."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("mesogun", appauthor=False))


def default_journal_path() -> Path:
    """The journal file used when none is given."""
    return data_dir() / JOURNAL_FILE_NAME


def prepare_journal_file(path: Path) -> bool:
    """Make sure ``path`` exists with mode 0600 (its directory 0700 if we create it); True if created.

    SQLite creates the ``-wal`` and ``-shm`` files with the database file's permissions, so creating the
    database file ourselves first is what keeps all three private. An existing directory keeps its
    mode (it may be shared on purpose); an existing file is left as it is.
    """
    directory = path.parent
    try:
        if not directory.exists():
            directory.mkdir(parents=True, mode=DIR_MODE)
            # mkdir's mode is filtered by the umask; set it exactly.
            os.chmod(directory, DIR_MODE)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    except OSError as error:
        raise JournalFileError(
            f"cannot create the journal file {path}: {error.strerror or error}; "
            f"check that the directory is writable, or choose another file with --journal "
            f"or ${DATA_DIR_ENV}",
            JournalProblem.CANNOT_CREATE,
            path=str(path),
            os_error=errno.errorcode.get(error.errno or 0, "") if error.errno else "",
        ) from error
    try:
        os.fchmod(descriptor, FILE_MODE)
    finally:
        os.close(descriptor)
    return True

"""Files only the kiosk's own user may read: the cache holds what visitors typed until central has it, and the logs
say what happened at the counter. Folders are 0700 and files 0600; an install made before this rule (0755, 0644) is
tightened when the kiosk starts. Qt-free."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def make_private_folder(folder: Path) -> None:
    """Make ``folder`` if missing (its missing parents with the usual permissions), then keep it to this user.

    Raises OSError when the folder cannot be made (a read-only or full disk).
    """
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    if folder.stat().st_mode & stat.S_ISVTX:
        # A folder shared by every user (/tmp, sticky): not the kiosk's to close; its files are still 0600.
        log.warning("%s is a folder shared by every user: give the kiosk a data folder of its own.", folder)
        return
    tighten(folder, PRIVATE_FOLDER)


def create_private_file(path: Path) -> None:
    """Create ``path`` empty, readable by this user only, unless it exists (then only tighten it). A file made here
    first gets its permissions at birth, not a moment after (SQLite, for one, gives its -wal and -shm files those of
    the database). Raises OSError when it cannot be made."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, PRIVATE_FILE))
    except FileExistsError:
        tighten(path, PRIVATE_FILE)


def open_private_append(path: Path) -> int:
    """A descriptor appending to ``path``, which is created 0600 (and tightened if it exists)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, PRIVATE_FILE)
    current = stat.S_IMODE(os.fstat(fd).st_mode)
    if current & ~PRIVATE_FILE:
        try:
            os.fchmod(fd, current & PRIVATE_FILE)
        except OSError as exc:
            _cannot_tighten(path, exc)
    return fd


def tighten(path: Path, allowed: int) -> None:
    """Take from ``path`` every permission beyond ``allowed`` (a file already stricter stays so). Missing: nothing
    to do. Not ours to change (another owner): said in the log, and the kiosk goes on."""
    try:
        current = stat.S_IMODE(path.stat().st_mode)
        if current & ~allowed:
            os.chmod(path, current & allowed)
    except FileNotFoundError:
        return
    except OSError as exc:
        _cannot_tighten(path, exc)


def _cannot_tighten(path: Path, exc: OSError) -> None:
    log.warning(
        "Cannot keep %s to the kiosk's user (%s): other users of this machine may read it.",
        path,
        exc.strerror or type(exc).__name__,
    )

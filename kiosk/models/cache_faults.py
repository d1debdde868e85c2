"""What stops the local cache from opening, told apart: a damaged file (SQLite's own verdict) from a machine that is
not well (a full disk, a read-only folder, an I/O error, another program holding the file). Only the first may set
the file aside; the others leave it as it is and say what an operator does about it.

SQLite's result codes come through SQLAlchemy as ``DBAPIError.orig``, a ``sqlite3.Error`` whose ``sqlite_errorname``
(Python 3.11) is the extended code: "SQLITE_NOTADB", "SQLITE_IOERR_SHMSIZE", "SQLITE_READONLY_DIRECTORY"...
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from kiosk.errors import CacheFault, CacheUnavailable

# SQLite says the file is not a database ("file is not a database"), or no longer a sound one ("database disk image
# is malformed"): the only verdicts that set a cache aside, with a failed integrity check.
DAMAGED_CODES = ("SQLITE_NOTADB", "SQLITE_CORRUPT")
# SQLite reports a full disk as an I/O error when it cannot size its shared-memory file (SQLITE_IOERR_SHMSIZE): an
# I/O error with less than this free is the disk being full.
NEARLY_FULL_BYTES = 1_000_000


def is_damaged(sqlite_code: str) -> bool:
    return sqlite_code.startswith(DAMAGED_CODES)


def sqlite_code(error: BaseException | None) -> str:
    """The extended result code SQLite gave (``""`` for an error that did not come from SQLite)."""
    return str(getattr(error, "sqlite_errorname", "") or "")


def from_sqlite(path: Path, code: str, message: str) -> CacheUnavailable:
    """Why SQLite could not open the cache at ``path`` (``code``, not a damaged-file code), for an operator."""
    folder = path.parent
    free = _free_bytes(folder)
    said = f"{code}: {message}" if code else message
    if code.startswith("SQLITE_FULL") or (code.startswith("SQLITE_IOERR") and 0 <= free < NEARLY_FULL_BYTES):
        return disk_full(path, said)
    if code.startswith(("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH")) or not writable(folder):
        return read_only(path, said)
    if code.startswith("SQLITE_IOERR"):
        return CacheUnavailable(
            CacheFault.IO_ERROR,
            f"The disk holding {folder} reports an I/O error on the cache {path} ({said}). "
            + _then(path, "check the disk (the system log says more)"),
        )
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return CacheUnavailable(
            CacheFault.IN_USE,
            f"The cache {path} is held by another program ({said}): a second kiosk, or an sqlite3 shell? "
            + _then(path, "stop that program"),
        )
    return CacheUnavailable(
        CacheFault.CANNOT_OPEN,
        f"The cache {path} cannot be opened ({said}). " + _then(path, "fix the cause"),
    )


def from_os_error(path: Path, error: OSError) -> CacheUnavailable:
    """Why the data folder of the cache at ``path`` could not be made or used (``error`` from the system)."""
    said = f"{errno.errorcode.get(error.errno or 0, 'errno ' + str(error.errno))}: {error.strerror or error}"
    if error.errno in {errno.ENOSPC, errno.EDQUOT}:
        return disk_full(path, said)
    if error.errno in {errno.EROFS, errno.EACCES, errno.EPERM}:
        return read_only(path, said)
    if error.errno == errno.EIO:
        return from_sqlite(path, "SQLITE_IOERR", said)
    return from_sqlite(path, "", said)


def disk_full(path: Path, said: str) -> CacheUnavailable:
    folder = path.parent
    return CacheUnavailable(
        CacheFault.DISK_FULL,
        f"The disk holding {folder} is full ({max(_free_bytes(folder), 0)} bytes free): the cache {path} cannot be "
        f"opened ({said}). " + _then(path, "free some space"),
    )


def read_only(path: Path, said: str = "") -> CacheUnavailable:
    """The cache cannot be written: its folder (or the file itself) is read-only for the kiosk's user."""
    folder = path.parent
    file_only = folder.is_dir() and writable(folder)
    what = f"The cache {path}" if file_only else f"The data folder {folder}"
    why = _why_read_only(path if file_only else folder) + (f"; {said}" if said else "")
    return CacheUnavailable(
        CacheFault.READ_ONLY,
        f"{what} is read-only ({why}). " + _then(path, "make it writable for the kiosk's user"),
    )


def _then(path: Path, action: str) -> str:
    """What the operator does; and, for a cache that exists, that nothing in it was touched."""
    if path.exists():
        return f"The cache was left as it is (any request not yet sent is still in it): {action}, then restart."
    return f"{action[0].upper()}{action[1:]}, then restart the kiosk."


def writable(path: Path) -> bool:
    """Whether this process may write ``path`` (a missing file counts as writable: its folder decides)."""
    return not os.access(path, os.F_OK) or os.access(path, os.W_OK)


def _why_read_only(path: Path) -> str:
    existing = next((p for p in (path, *path.parents) if os.access(p, os.F_OK)), path)
    try:
        if os.statvfs(existing).f_flag & os.ST_RDONLY:
            return "its disk is mounted read-only"
    except OSError:
        pass
    return f"the kiosk's user (uid {os.geteuid()}) may not write it"


def _free_bytes(folder: Path) -> int:
    """Free bytes on the disk holding ``folder`` for this user, or -1 when the system cannot say."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return -1

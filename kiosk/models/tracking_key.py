"""The kiosk's secret key for tracking codes at rest: the cache keeps HMAC-SHA256(key, code), never the code.

A code is 8 letters out of 20, about 2.6e10 codes: an unkeyed hash would give every code back in minutes to
whoever holds a copy of the cache (a backup, a database set aside as damaged). Keyed, such a copy tells nothing
without the key, a file of its own beside the cache (``tracking.key``, 0600), made at the first start that needs
it and never replaced: another key would leave every stored request unfindable by its code.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

__all__ = ["KEY_FILE", "TrackingKeyError", "code_digest", "key_path", "load_tracking_key"]

KEY_FILE = "tracking.key"
_KEY_BYTES = 32


class TrackingKeyError(Exception):
    """The key file exists but cannot be the kiosk's key (not a regular file, wrong size): an operator must look."""


def key_path(database_path: Path) -> Path:
    """Where the key of the cache at ``database_path`` lives: beside it, in the data folder."""
    return database_path.with_name(KEY_FILE)


def code_digest(key: bytes, code: str) -> str:
    """What the cache stores and looks up for the (normalized) tracking ``code``: 64 hex digits."""
    return hmac.new(key, code.encode("ascii"), hashlib.sha256).hexdigest()


def load_tracking_key(database_path: Path) -> bytes:
    """The key of the cache at ``database_path``, made (0600) if there is none yet.

    Raises ``TrackingKeyError`` for a key file that is not a regular file of the right size, ``OSError`` when the
    folder cannot be read or written.
    """
    path = key_path(database_path)
    try:
        return _read(path)
    except FileNotFoundError:
        return _create(path)


def _read(path: Path) -> bytes:
    # O_NONBLOCK: a FIFO in its place must not hang the start; O_NOFOLLOW: nor a symlink lead elsewhere.
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise TrackingKeyError(f"{path} is not a regular file")
        if info.st_mode & 0o077:
            os.fchmod(fd, 0o600)  # a copy restored with loose permissions
        key = os.read(fd, _KEY_BYTES + 1)
    finally:
        os.close(fd)
    if len(key) != _KEY_BYTES:
        raise TrackingKeyError(f"{path} is damaged: it does not hold a {_KEY_BYTES}-byte key")
    return key


def _create(path: Path) -> bytes:
    # Written whole under another name, then linked in place: no reader ever sees half a key, and link() does not
    # replace a key another process made meanwhile (that one wins, and is read back).
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        os.write(fd, secrets.token_bytes(_KEY_BYTES))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(folder)  # the name survives a power cut along with the cache that needs it
    finally:
        os.close(folder)
    return _read(path)

"""Reading a small file that someone else put in a folder: a regular file only, never through a link, and bounded.

``open()`` on a FIFO waits for a writer for ever, a link can lead anywhere on the machine, and a huge file fills
memory. Here the entry is looked at without following it, opened without following a link and without blocking,
checked again on the open descriptor (the entry may have been swapped in between), and read up to a cap.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["RefusedFileError", "read_regular_file"]


class RefusedFileError(Exception):
    """The file was not read; ``reason`` says why, in words an operator can act on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_KINDS = (
    (stat.S_ISDIR, "is a folder"),
    (stat.S_ISFIFO, "is not a regular file (a FIFO)"),
    (stat.S_ISSOCK, "is not a regular file (a socket)"),
    (stat.S_ISCHR, "is not a regular file (a device)"),
    (stat.S_ISBLK, "is not a regular file (a device)"),
)


def _refuse_unless_regular(mode: int) -> None:
    if stat.S_ISLNK(mode):
        raise RefusedFileError("is a symbolic link: only regular files are read")
    for test, reason in _KINDS:
        if test(mode):
            raise RefusedFileError(f"{reason}: not read")
    if not stat.S_ISREG(mode):
        raise RefusedFileError("is not a regular file: not read")


def _refuse_if_larger(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise RefusedFileError(f"is larger than {max_bytes:,} bytes ({size:,} bytes): not read")


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path``. RefusedFileError when it is not a regular file (a link, a FIFO, a folder...) or holds
    more than ``max_bytes``; FileNotFoundError or another OSError when it cannot be read."""
    before = os.lstat(path)
    _refuse_unless_regular(before.st_mode)
    _refuse_if_larger(before.st_size, max_bytes)
    # O_NONBLOCK: should a FIFO take the file's place after lstat, open() returns instead of waiting for a writer.
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if os.path.islink(path):  # swapped for a link after lstat: O_NOFOLLOW refused it (ELOOP)
            raise RefusedFileError("is a symbolic link: only regular files are read") from exc
        raise
    with os.fdopen(fd, "rb") as fh:
        now = os.fstat(fh.fileno())
        _refuse_unless_regular(now.st_mode)
        if (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino):
            raise RefusedFileError("changed while it was being read: not read")
        data = fh.read(max_bytes + 1)  # a file that grows after fstat is still read no further than the cap
    _refuse_if_larger(len(data), max_bytes)
    return data

"""Checking a file before it is attached, and making the clean copy that will be: blocking, in memory, no Qt.

A file is judged by its content (magic bytes), never by its name. Only PDF, JPEG and PNG are accepted, at most
``MAX_FILE_BYTES`` each. This module reads the file, in the kiosk process; what the file holds is parsed in a
child process under limits (``content.inspect_content`` through ``contained``), where a hostile file can only be
refused as too complex. Nothing of a visitor is written to disk.
"""

from __future__ import annotations

import mimetypes
import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.services.documents.contained import inspect_content
from kiosk.services.documents.folders import resolved_roots, root_of
from kiosk.services.documents.model import JPEG, MAX_FILE_BYTES, PDF, PNG, AcceptedDocument, Refusal

if TYPE_CHECKING:
    from kiosk.services.documents.sandbox import Sandbox

# The standard types only, not the machine's /etc/mime.types: the same answer on every kiosk.
_MIME = mimetypes.MimeTypes(filenames=())


def _sniff(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def _name_type(filename: str) -> str | None:
    """The media type a file name announces, from the standard table; None for no or an unknown extension."""
    guessed, _encoding = _MIME.guess_type(filename, strict=False)
    return guessed


def _read_regular_file(path: Path) -> bytes:
    """At most MAX_FILE_BYTES + 1 bytes of a regular file; never follows a final symlink, never blocks on a FIFO."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb", buffering=0) as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise IsADirectoryError("not a regular file")
        chunks: list[bytes] = []
        remaining = MAX_FILE_BYTES + 1
        while remaining > 0:
            chunk = fh.read(min(remaining, 1024 * 1024))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)


def inspect_file(path: Path, roots: Sequence[Path], sandbox: Sandbox | None = None) -> AcceptedDocument | Refusal:
    """Check ``path`` and make the clean copy that will be attached, or say why not. Blocking; no disk writes.

    The content is parsed in ``sandbox``'s child processes (by default the kiosk's, ``sandbox.shared_sandbox``)."""
    filename = path.name
    allowed = resolved_roots(roots)
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        # A name that does not exist: outside the roots if its folder is, else unreadable.
        try:
            parent = path.parent.resolve(strict=False)
        except (OSError, RuntimeError):
            return Refusal("unreadable", filename)
        if root_of(parent, allowed) is None:
            return Refusal("outside_folders", filename)
        return Refusal("unreadable", filename)
    if root_of(target, allowed) is None:
        return Refusal("outside_folders", filename)
    try:
        data = _read_regular_file(target)
    except OSError:
        return Refusal("unreadable", filename)
    if not data:
        return Refusal("empty", filename)
    if len(data) > MAX_FILE_BYTES:
        return Refusal("too_large", filename)
    media_type = _sniff(data[:16])
    if media_type is None:
        return Refusal("unsupported_type", filename)
    announced = _name_type(filename)
    if announced is not None and announced != media_type:
        return Refusal("extension_mismatch", filename, media_type)
    return inspect_content(filename, data, media_type, sandbox)

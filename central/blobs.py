"""Attachments by content hash: a kiosk uploads a file's bytes under their SHA-256 before the op that names it.

The bytes are streamed to a temporary file of the blobs folder (never whole in memory), counted against the
kiosk's own cap per file, hashed as they come, then checked: the hash must be the one in the URL and the first
bytes must be those of the media type announced (PDF, JPEG or PNG; a name or a header proves nothing). A good
file is fsynced, made 0600 and renamed to its hash (atomic: a reader sees the whole file or none), then a
``blob`` row records it. The row is what a request's documents reference (a foreign key), so a submit and
``central blobs prune`` cannot both win: a referenced blob is never pruned, a pruned one is never referenced.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import os
import secrets
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from sqlalchemy import delete, exists, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from central.db import is_postgresql
from central.errors import Refused
from central.models import Blob, RequestDocument
from sync.clock import utc_now
from sync.protocol import BLOB_MEDIA_TYPES, MAX_DOCUMENT_BYTES, BlobStored, DocumentRef, MediaType

BLOBS_FOLDER: Final = "blobs"
# An upload that no request references after this long is pruned (the kiosk sends its op right after).
UNREFERENCED_HOURS: Final = 24
_TEMP_PREFIX: Final = ".upload-"
_MAGIC: Final[dict[str, tuple[bytes, ...]]] = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}
_MAGIC_LENGTH: Final = 8


class BlobRefused(Refused):
    """The upload is not kept: ``status`` and ``error`` are the HTTP answer, ``detail`` says why."""


def media_type_of(head: bytes) -> MediaType | None:
    """The media type the first bytes of a file show, or None when they are none of PDF, JPEG, PNG."""
    for media_type in BLOB_MEDIA_TYPES:
        if head.startswith(_MAGIC[media_type]):
            return media_type
    return None


@dataclass(frozen=True, slots=True)
class PruneReport:
    rows: int
    files: int


class BlobStore:
    """The blobs folder (``DATA_DIR/blobs``) and the ``blob`` table."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        folder: Path,
        limit: int = MAX_DOCUMENT_BYTES,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self._sessions = sessions
        self._folder = folder
        self._limit = limit
        self._clock = clock

    @property
    def limit(self) -> int:
        return self._limit

    def path(self, sha256: str) -> Path:
        return self._folder / sha256

    def held(self, sha256: str) -> BlobStored | None:
        """The blob if central holds it whole and verified."""
        with self._sessions.begin() as session:
            row = session.get(Blob, sha256)
            if row is None or not self.path(sha256).is_file():
                return None
            return BlobStored.model_validate({"sha256": row.sha256, "size": row.size, "media_type": row.media_type})

    async def receive(self, sha256: str, announced_type: str, chunks: AsyncIterator[bytes]) -> tuple[bool, BlobStored]:
        """Stream ``chunks`` to the folder and keep them as ``sha256``; (True if new, what is stored).
        ``BlobRefused``: 413 over the cap, 415 not the announced PDF/JPEG/PNG, 422 another hash."""
        if announced_type not in BLOB_MEDIA_TYPES:
            raise BlobRefused(415, "unsupported_media_type", f"a file is one of {', '.join(BLOB_MEDIA_TYPES)}")
        self._folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        temp = self._folder / f"{_TEMP_PREFIX}{secrets.token_hex(8)}"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            digest, size, head = hashlib.sha256(), 0, b""
            with os.fdopen(fd, "wb") as sink:
                async for chunk in chunks:
                    size += len(chunk)
                    if size > self._limit:
                        raise BlobRefused(413, "body_too_large", f"a file is at most {self._limit} bytes")
                    if len(head) < _MAGIC_LENGTH:
                        head += chunk[: _MAGIC_LENGTH - len(head)]
                    digest.update(chunk)
                    sink.write(chunk)
                sink.flush()
                # In a thread: an fsync can take tens of ms on a busy disk, and on the event loop every other call
                # this worker serves (polls, ops) would wait for it.
                await asyncio.to_thread(os.fsync, sink.fileno())
            found_type = media_type_of(head)
            if found_type is None or found_type != announced_type:
                shown = found_type or "none of PDF, JPEG, PNG"
                raise BlobRefused(415, "media_type_mismatch", f"announced {announced_type}, the content is {shown}")
            if digest.hexdigest() != sha256:
                raise BlobRefused(422, "hash_mismatch", "the SHA-256 of the body is not the one in the URL")
            stored = BlobStored(sha256=sha256, size=size, media_type=found_type)
            return await asyncio.to_thread(self._keep, temp, stored), stored
        finally:
            temp.unlink(missing_ok=True)

    def _keep(self, temp: Path, stored: BlobStored) -> bool:
        """Rename the checked file to its hash, then record its row; True if the row is new."""
        os.replace(temp, self.path(stored.sha256))  # same content, same name: a concurrent twin's rename is harmless
        _fsync_folder(self._folder)
        return self._record(stored)

    def _record(self, stored: BlobStored) -> bool:
        with self._sessions.begin() as session:
            insert = postgresql_insert if is_postgresql(session) else sqlite_insert
            statement = (
                insert(Blob)
                .values(sha256=stored.sha256, size=stored.size, media_type=stored.media_type, created_at=self._clock())
                .on_conflict_do_nothing()
                .returning(Blob.sha256)  # a row only when inserted (rowcount is -1 with psycopg)
            )
            return session.execute(statement).scalar_one_or_none() is not None

    def prune(self, hours: float = UNREFERENCED_HOURS) -> PruneReport:
        """Delete the blobs no request references that arrived more than ``hours`` ago, and the files left by
        uploads that never finished (a crash between the file and its row)."""
        horizon = self._clock() - dt.timedelta(hours=hours)
        with self._sessions.begin() as session:
            doomed = list(
                session.scalars(
                    select(Blob.sha256).where(
                        Blob.created_at < horizon, ~exists().where(RequestDocument.sha256 == Blob.sha256)
                    )
                )
            )
            if doomed:
                session.execute(delete(Blob).where(Blob.sha256.in_(doomed)))
            kept = set(session.scalars(select(Blob.sha256)))
        files = 0
        if self._folder.is_dir():
            for entry in self._folder.iterdir():
                if entry.name in kept or not entry.is_file():
                    continue
                # By age too for the pruned ones: a twin uploaded again meanwhile has a fresh file and row.
                stamp = dt.datetime.fromtimestamp(entry.stat().st_mtime, dt.UTC)
                if stamp < horizon:
                    entry.unlink(missing_ok=True)
                    files += 1
        return PruneReport(rows=len(doomed), files=files)


class DocumentsNotHeld(Exception):  # noqa: N818
    """Some documents of a request name blobs central does not hold (``missing``), or blobs whose size or type
    is not the one the request says (``mismatched``)."""

    def __init__(self, missing: list[str], mismatched: list[str]) -> None:
        super().__init__("documents not held")
        self.missing, self.mismatched = missing, mismatched


def link_documents(session: Session, request_id: int, documents: list[DocumentRef]) -> None:
    """Link a request's documents to their blobs in the caller's transaction, or raise ``DocumentsNotHeld``
    before linking any."""
    if not documents:
        return
    wanted = sorted({document.sha256 for document in documents})
    held = {row.sha256: row for row in session.scalars(select(Blob).where(Blob.sha256.in_(wanted)))}
    missing = [sha256 for sha256 in wanted if sha256 not in held]
    mismatched = sorted(
        {
            d.sha256
            for d in documents
            if d.sha256 in held and (held[d.sha256].size, held[d.sha256].media_type) != (d.size, d.media_type)
        }
    )
    if missing or mismatched:
        raise DocumentsNotHeld(missing, mismatched)
    session.add_all(
        RequestDocument(request_id=request_id, field_id=d.field_id, position=d.position, sha256=d.sha256)
        for d in documents
    )
    session.flush()


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

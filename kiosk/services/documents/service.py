"""DocumentService: what the views ask of documents, as coroutines; the blocking work runs on the files' worker,
and whatever parses a document's bytes runs in a child process under limits (``sandbox``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kiosk.services.documents.checks import inspect_file
from kiosk.services.documents.contained import page_count, render_pages
from kiosk.services.documents.folders import MAX_LISTED, FolderListing, list_folder
from kiosk.services.documents.model import MAX_PDF_PAGES, AcceptedDocument, Refusal
from kiosk.services.documents.sandbox import Sandbox
from kiosk.services.executors import Worker


class DocumentService:
    """The allowed folders and their files, a file checked before it is attached, the pages of a document.

    ``folders`` are the allowed folders (Settings.document_folders); ``worker`` is the files' worker (FileWorker);
    ``sandbox`` the child processes that parse documents (by default the kiosk's, started on first use).
    A document past the sandbox's limits is refused as "too_complex"; drawing its pages raises TooComplexError.
    """

    def __init__(self, folders: Sequence[Path], worker: Worker, sandbox: Sandbox | None = None) -> None:
        self.folders = tuple(folders)
        self._worker = worker
        self._sandbox = sandbox

    async def list_folder(self, folder: Path | None, limit: int = MAX_LISTED) -> FolderListing:
        """The entries of ``folder`` (None: the allowed folders themselves), at most ``limit`` of them.
        Raises OutsideFoldersError for a folder outside them, OSError for one that cannot be read."""
        return await self._worker.run(list_folder, self.folders, folder, limit)

    async def inspect(self, path: Path) -> AcceptedDocument | Refusal:
        """The file at ``path`` checked, cleaned and ready to attach, or the reason it is refused."""
        return await self._worker.run(inspect_file, path, self.folders, self._sandbox)

    async def render_pages(
        self, content: bytes, media_type: str, width_px: int, max_pages: int = MAX_PDF_PAGES, first: int = 0
    ) -> list[bytes]:
        """PNG images of pages ``first`` … of a document, ``width_px`` wide."""
        return await self._worker.run(render_pages, content, media_type, width_px, max_pages, first, self._sandbox)

    async def page_count(self, content: bytes, media_type: str) -> int:
        """How many pages of a stored document the viewer may show (at most MAX_PDF_PAGES); 0 if unreadable."""
        return await self._worker.run(page_count, content, media_type, self._sandbox)

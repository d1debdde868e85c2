"""A document's content checked, its pages counted and drawn, in a child process under limits (``sandbox``).

The kiosk process calls these; they block until the child answers. A file that goes past a limit is refused as
"too_complex" (a page that cannot be drawn raises TooComplexError); the kiosk itself is untouched. The answers
cross the pipe as plain values: ``plain_outcome`` (in the child) and ``_outcome`` (here) are the two ends.
"""

from __future__ import annotations

from typing import Any

from kiosk.services.documents.model import (
    JPEG,
    MAX_PDF_PAGES,
    PDF,
    PNG,
    AcceptedDocument,
    Refusal,
    TooComplexError,
    UnrenderableError,
)
from kiosk.services.documents.sandbox import Sandbox, shared_sandbox


def plain_outcome(outcome: AcceptedDocument | Refusal, original: bytes) -> tuple[Any, ...]:
    """``outcome`` as plain values, for the pipe. A PDF is kept as it came: its bytes are not sent back."""
    if isinstance(outcome, Refusal):
        return ("refused", outcome.code, outcome.detected)
    content = None if outcome.content is original else outcome.content
    return ("accepted", outcome.media_type, content, outcome.page_count, outcome.thumbnail_png)


def _outcome(plain: Any, filename: str, data: bytes) -> AcceptedDocument | Refusal:
    match plain:
        case ("refused", str(code), str(detected)):
            return Refusal(code, filename, detected)
        case ("accepted", str(media_type), bytes() | None as content, int(pages), bytes(thumbnail)):
            kept = data if content is None else content
            return AcceptedDocument(filename, media_type, kept, len(kept), pages, thumbnail)
    raise UnrenderableError("an answer of unknown shape")


def inspect_content(
    filename: str, data: bytes, media_type: str, sandbox: Sandbox | None = None
) -> AcceptedDocument | Refusal:
    """``content.inspect_content`` in a child: the clean copy of ``data`` that will be attached, or why not."""
    try:
        return _outcome((sandbox or shared_sandbox()).run("inspect", filename, data, media_type), filename, data)
    except TooComplexError:
        return Refusal("too_complex", filename)
    except UnrenderableError:  # a parser failed in a way the checks did not foresee: the file cannot be read
        return Refusal("pdf_corrupt" if media_type == PDF else "image_corrupt", filename)


def render_pages(
    content: bytes,
    media_type: str,
    width_px: int,
    max_pages: int = MAX_PDF_PAGES,
    first: int = 0,
    sandbox: Sandbox | None = None,
) -> list[bytes]:
    """PNG images of pages ``first`` … ``first + max_pages - 1`` of an accepted document, ``width_px`` wide (for
    the viewer and the receipt), drawn in a child. Raises TooComplexError past a limit, UnrenderableError when
    the document cannot be drawn."""
    if media_type not in (PDF, JPEG, PNG):
        raise ValueError(f"not a document type: {media_type}")
    pages = (sandbox or shared_sandbox()).run("render_pages", content, media_type, width_px, max_pages, first)
    if not (isinstance(pages, list) and all(isinstance(page, bytes) for page in pages)):
        raise UnrenderableError("an answer of unknown shape")
    return pages


def page_count(content: bytes, media_type: str, sandbox: Sandbox | None = None) -> int:
    """How many pages the viewer may show of a stored document (at most ``MAX_PDF_PAGES``); 0 if unreadable."""
    if media_type != PDF:
        return 1
    try:
        count = (sandbox or shared_sandbox()).run("page_count", content, media_type)
    except UnrenderableError:
        return 0
    return count if isinstance(count, int) else 0

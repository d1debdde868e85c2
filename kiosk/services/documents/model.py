"""What a document is at the kiosk: the three types accepted, the limits, and the two answers of a check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

MAX_FILE_BYTES: Final = 10 * 1024 * 1024
MAX_IMAGE_PIXELS: Final = 40_000_000  # 40 Mpx: a 7 000 × 5 700 scan; far above any phone photo
MAX_PDF_PAGES: Final = 30
THUMBNAIL_PX: Final = 320

JPEG: Final = "image/jpeg"
PNG: Final = "image/png"
PDF: Final = "application/pdf"

REFUSAL_CODES: Final = (
    "outside_folders",
    "unreadable",
    "empty",
    "too_large",
    "unsupported_type",
    "extension_mismatch",
    "image_bomb",
    "image_corrupt",
    "pdf_encrypted",
    "pdf_scripted",
    "pdf_corrupt",
    "pdf_too_many_pages",
    "too_complex",  # went past the memory, CPU or time limit of the child process that reads documents
)


class UnrenderableError(ValueError):
    """A document could not be read or drawn."""


class TooComplexError(UnrenderableError):
    """A document went past a limit of the child process reading it. ``reason``: "memory", "cpu", "time" or
    "crash" (the child died of something else, which a parser does only on a file it could not cope with)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a file cannot be attached. ``code`` is one of ``REFUSAL_CODES``; ``detected`` the media type found
    by content when that helps to explain (an ``extension_mismatch``)."""

    code: str
    filename: str
    detected: str = ""


@dataclass(frozen=True, slots=True)
class AcceptedDocument:
    """A document ready to be attached: a clean copy in memory and a PNG thumbnail (≤ 320 px)."""

    filename: str
    media_type: str
    content: bytes
    size: int
    page_count: int
    thumbnail_png: bytes

    @property
    def is_pdf(self) -> bool:
        return self.media_type == PDF

"""Everything that decodes a document's pixels or draws its pages: Pillow's decoders and PDFium, behind bounds.

This is the part of the kiosk that parses untrusted binary formats in native code. It runs in the child processes
of ``sandbox`` (through ``child``), under a memory cap and time limits, never in the kiosk process; every function
blocks.

Pillow is limited to the JPEG and PNG decoders, and a file's declared size is read from its header before Pillow
sees it (a decompression bomb is refused without decoding a pixel). PDFium is not thread-safe: every pypdfium2 call
holds ``_PDFIUM_LOCK``. A child serves one job at a time, so nothing ever waits there; the lock keeps the module
safe for a test that calls it from threads.
"""

from __future__ import annotations

import io
import math
import struct
import threading
from typing import Any, Final

import pypdfium2 as pdfium
from PIL import Image, ImageFile

from kiosk.services.documents.model import (
    JPEG,
    MAX_IMAGE_PIXELS,
    MAX_PDF_PAGES,
    PDF,
    PNG,
    THUMBNAIL_PX,
    UnrenderableError,
)

_MAX_RENDER_PIXELS: Final = 16_000_000  # one rendered page for the viewer

# Pillow warns above this many pixels and refuses above twice as many; we refuse at the warning.
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
ImageFile.LOAD_TRUNCATED_IMAGES = False

_PDFIUM_LOCK = threading.Lock()
PILLOW_FORMAT: Final = {JPEG: "JPEG", PNG: "PNG"}


class ImageBombError(Exception):
    """An image declares more pixels than ``MAX_IMAGE_PIXELS``: it is not decoded."""


# --------------------------------------------------------------------------------------------- images

_JPEG_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
_JPEG_NO_LENGTH = frozenset({0x01, *range(0xD0, 0xDA)})


def _declared_size(data: bytes, media_type: str) -> tuple[int, int] | None:
    """Width and height as the header declares them, read before Pillow sees the file; None if not found."""
    if media_type == PNG:
        if len(data) >= 24 and data[12:16] == b"IHDR":
            width, height = struct.unpack(">II", data[16:24])
            return width, height
        return None
    index = 2  # after SOI
    while index + 4 <= len(data):
        if data[index] != 0xFF:
            return None
        marker = data[index + 1]
        if marker == 0xFF:  # fill byte
            index += 1
            continue
        if marker in _JPEG_NO_LENGTH:
            index += 2
            continue
        (length,) = struct.unpack(">H", data[index + 2 : index + 4])
        if marker in _JPEG_SOF:
            if index + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return width, height
        if marker == 0xDA or length < 2:  # image data before any frame header: not a JPEG we can read
            return None
        index += 2 + length
    return None


def _too_many_pixels(width: int, height: int) -> bool:
    return width <= 0 or height <= 0 or width * height > MAX_IMAGE_PIXELS


def open_image(data: bytes, media_type: str) -> Image.Image:
    """Decode ``data`` with the one Pillow decoder its type needs, refusing bombs before any pixel is decoded.

    The dimensions are read from the header first, so Pillow is never handed a bomb (and never warns); its own
    bound (``Image.MAX_IMAGE_PIXELS``) and a second look at the size it found stand behind that check.
    Raises ImageBombError, or Pillow's own errors for a file it cannot read.
    """
    declared = _declared_size(data, media_type)
    if declared is not None and _too_many_pixels(*declared):
        raise ImageBombError
    try:
        image = Image.open(io.BytesIO(data), formats=[PILLOW_FORMAT[media_type]])
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):  # the warning, when warnings are errors
        raise ImageBombError from None
    if _too_many_pixels(*image.size):
        image.close()
        raise ImageBombError
    image.load()
    return image


def png(image: Image.Image, compress_level: int = 6) -> bytes:
    """``image`` as PNG bytes (modes PNG cannot hold are converted first)."""
    if image.mode not in ("L", "LA", "RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=compress_level)
    return out.getvalue()


def thumbnail(image: Image.Image) -> bytes:
    """A PNG of ``image`` fitting a ``THUMBNAIL_PX`` square."""
    thumb = image.copy()
    thumb.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
    return png(thumb)


# --------------------------------------------------------------------------------------------- PDFs


def _render_page(pdf: Any, index: int, width_px: int | None, box_px: int | None) -> Image.Image:
    """Page ``index`` as a PIL image, ``width_px`` wide or fitting a ``box_px`` square. Hold _PDFIUM_LOCK."""
    page = pdf[index]
    try:
        width_pt, height_pt = page.get_size()
        if width_pt <= 0 or height_pt <= 0:
            raise ValueError("page without size")
        scale = box_px / max(width_pt, height_pt) if box_px is not None else (width_px or 800) / width_pt
        scale = min(scale, math.sqrt(_MAX_RENDER_PIXELS / (width_pt * height_pt)))
        bitmap = page.render(scale=scale)
        try:
            image: Image.Image = bitmap.to_pil().copy()
            return image  # detached from the PDFium buffer before it is closed
        finally:
            bitmap.close()
    finally:
        page.close()


def pdf_thumbnail(data: bytes) -> tuple[int, bytes]:
    """How many pages PDFium finds in ``data``, and its first page as a PNG fitting a ``THUMBNAIL_PX`` square.

    Every page (up to ``MAX_PDF_PAGES``) is loaded, which parses its content and its forms: a page that would
    overwhelm the viewer later does so here, in the check, within the child's limits.
    Raises UnrenderableError when PDFium cannot open the document or draw that page.
    """
    try:
        with _PDFIUM_LOCK:
            pdf = pdfium.PdfDocument(data)
            try:
                pages = len(pdf)
                for index in range(1, min(pages, MAX_PDF_PAGES)):
                    pdf[index].close()
                first = _render_page(pdf, 0, None, THUMBNAIL_PX)
            finally:
                pdf.close()
    except (pdfium.PdfiumError, ValueError, OSError, IndexError) as exc:
        raise UnrenderableError(type(exc).__name__) from None
    return pages, png(first)


# --------------------------------------------------------------------------------------------- viewer


def render_pages(
    content: bytes, media_type: str, width_px: int, max_pages: int = MAX_PDF_PAGES, first: int = 0
) -> list[bytes]:
    """PNG images of the pages of an accepted document, ``width_px`` wide (for the viewer and the receipt).

    ``first`` and ``max_pages`` select pages ``first`` to ``first + max_pages - 1``; an image has one page.
    """
    width_px = max(16, width_px)
    if media_type == PDF:
        with _PDFIUM_LOCK:
            pdf = pdfium.PdfDocument(content)
            try:
                images = [_render_page(pdf, i, width_px, None) for i in range(first, min(len(pdf), first + max_pages))]
            finally:
                pdf.close()
        return [png(image, compress_level=1) for image in images]
    if media_type not in PILLOW_FORMAT:
        raise ValueError(f"not a document type: {media_type}")
    if first > 0 or max_pages < 1:
        return []
    image = open_image(content, media_type)
    try:
        scale = min(width_px / image.width, math.sqrt(_MAX_RENDER_PIXELS / (image.width * image.height)))
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        return [png(image.resize(size, Image.Resampling.LANCZOS), compress_level=1)]
    finally:
        image.close()


def page_count(content: bytes, media_type: str) -> int:
    """How many pages the viewer may show of a stored document (at most ``MAX_PDF_PAGES``); 0 if unreadable."""
    if media_type != PDF:
        return 1
    try:
        with _PDFIUM_LOCK:
            pdf = pdfium.PdfDocument(content)
            try:
                return min(len(pdf), MAX_PDF_PAGES)
            finally:
                pdf.close()
    except (pdfium.PdfiumError, ValueError):
        return 0

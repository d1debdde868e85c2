"""What a file holds, judged in the child process that reads documents (kiosk.services.documents.child): no Qt.

Images are decoded (``rendering.open_image``, bombs refused before any pixel) and re-encoded from their pixels, so
EXIF, GPS, XMP and text chunks never leave the kiosk. PDFs are parsed with pypdf and refused when encrypted,
scripted or too long, then opened by PDFium, which must find the same pages and load every one of them (a page's
content and its forms are parsed then: a hostile page shows itself within the child's limits); they are kept as
bytes. A MemoryError is not caught here: the child reports it as "too complex".
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any, Final

from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, PdfObject

from kiosk.services.documents.model import (
    JPEG,
    MAX_FILE_BYTES,
    MAX_PDF_PAGES,
    PDF,
    AcceptedDocument,
    Refusal,
    UnrenderableError,
)
from kiosk.services.documents.rendering import ImageBombError, open_image, pdf_thumbnail, thumbnail

_MAX_PDF_OBJECTS: Final = 200_000  # objects visited when looking for scripts; more is not a document

# PDF actions that run code, open other files or send data.
_DANGEROUS_ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/GoToE", "/GoToR", "/RichMediaExecute", "/Rendition"}
)
_DANGEROUS_KEYS = frozenset({"/JS", "/JavaScript", "/EmbeddedFiles", "/EmbeddedFile", "/EF", "/XFA"})
_DANGEROUS_SUBTYPES = frozenset({"/FileAttachment", "/RichMedia", "/Movie", "/Sound", "/Screen", "/3D"})


def inspect_content(filename: str, data: bytes, media_type: str) -> AcceptedDocument | Refusal:
    """The clean copy of ``data`` (a PDF, JPEG or PNG by its magic bytes) that will be attached, or why not."""
    if media_type == PDF:
        return _inspect_pdf(filename, data)
    return _inspect_image(filename, data, media_type)


# --------------------------------------------------------------------------------------------- images


def _clean_image(image: Image.Image, media_type: str) -> tuple[Image.Image, dict[str, Any]]:
    """The pixels the way the camera meant them (EXIF orientation applied), and nothing else of the file."""
    upright = ImageOps.exif_transpose(image)
    keep: dict[str, Any] = {}
    if media_type == JPEG:
        if upright.mode not in ("L", "RGB"):
            upright = upright.convert("RGB")
    else:
        if upright.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
            upright = upright.convert("RGBA")
        transparency = upright.info.get("transparency")
        if transparency is not None:
            keep["transparency"] = transparency
    clean = upright.copy()
    clean.info = {}
    return clean, keep


def _encode(image: Image.Image, media_type: str, keep: dict[str, Any]) -> bytes:
    out = io.BytesIO()
    if media_type == JPEG:
        image.save(out, format="JPEG", quality=90)
    else:
        image.save(out, format="PNG", **keep)
    return out.getvalue()


def _inspect_image(filename: str, data: bytes, media_type: str) -> AcceptedDocument | Refusal:
    try:
        image = open_image(data, media_type)
    except ImageBombError:
        return Refusal("image_bomb", filename)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        return Refusal("image_corrupt", filename)
    try:
        clean, keep = _clean_image(image, media_type)
        content = _encode(clean, media_type, keep)
        small = thumbnail(clean)
    except (OSError, ValueError, SyntaxError, EOFError):
        return Refusal("image_corrupt", filename)
    finally:
        image.close()
    if len(content) > MAX_FILE_BYTES:
        return Refusal("too_large", filename)
    return AcceptedDocument(filename, media_type, content, len(content), 1, small)


# --------------------------------------------------------------------------------------------- PDFs


def _children(obj: PdfObject) -> Iterator[tuple[str | None, PdfObject]]:
    if isinstance(obj, DictionaryObject):
        for key, value in obj.items():
            yield str(key), value
    elif isinstance(obj, ArrayObject):
        for value in obj:
            yield None, value


def _name(obj: DictionaryObject, key: str) -> str:
    """The name at ``key``, following an indirect reference (a script type must not hide behind one)."""
    value = obj.raw_get(key) if key in obj else None
    if isinstance(value, IndirectObject):
        value = value.get_object()
    return str(value) if isinstance(value, NameObject) else ""


def _scripted(reader: PdfReader) -> bool:
    """Whether anything reachable from the trailer runs code, opens files or embeds them.

    That covers the catalogue's Names tree (JavaScript, EmbeddedFiles), OpenAction, the AA of the catalogue,
    pages, fields and annotations, annotation actions and their /Next chains, XFA forms and file attachments.
    A document of more objects than a real one has is refused as well (raises PyPdfError).
    """
    seen: set[tuple[int, int]] = set()
    stack: list[PdfObject] = [reader.trailer]
    visited = 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            resolved = obj.get_object()
            if resolved is None:
                continue
            obj = resolved
        visited += 1
        if visited > _MAX_PDF_OBJECTS:
            raise PyPdfError("too many objects")
        if isinstance(obj, DictionaryObject):
            if any(str(key) in _DANGEROUS_KEYS for key in obj):
                return True
            if _name(obj, "/S") in _DANGEROUS_ACTIONS or _name(obj, "/Subtype") in _DANGEROUS_SUBTYPES:
                return True
        for key, value in _children(obj):
            if key in ("/Parent", "/P", "/Prev", "/Encrypt"):
                continue  # back-links: what they point to is reached from the top
            if isinstance(value, (DictionaryObject, ArrayObject, IndirectObject)):
                stack.append(value)
    return False


def _inspect_pdf(filename: str, data: bytes) -> AcceptedDocument | Refusal:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return Refusal("pdf_encrypted", filename)
        page_count = len(reader.pages)
        if page_count < 1:
            return Refusal("pdf_corrupt", filename)
        if _scripted(reader):
            return Refusal("pdf_scripted", filename)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError, Warning):
        # (a Warning arrives here only where warnings are errors, as when the tests call this in their own process;
        # the child ignores warnings as it ignores everything a parser says)
        return Refusal("pdf_corrupt", filename)
    if page_count > MAX_PDF_PAGES:
        return Refusal("pdf_too_many_pages", filename)
    try:
        rendered_pages, first_page = pdf_thumbnail(data)
    except UnrenderableError:
        return Refusal("pdf_corrupt", filename)
    if rendered_pages != page_count:  # pypdf and PDFium must read the same document
        return Refusal("pdf_corrupt", filename)
    return AcceptedDocument(filename, PDF, data, len(data), page_count, first_page)

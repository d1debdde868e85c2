"""Documents a visitor attaches: where they may come from, what they are, and a safe copy of them. No Qt here.

A file is judged by its content (magic bytes), never by its name. Only PDF, JPEG and PNG are accepted, at
most ``MAX_FILE_BYTES`` each. Images are decoded with Pillow (its decoders limited to JPEG and PNG, its
decompression-bomb bound lowered) and re-encoded from their pixels, so EXIF, GPS, XMP and text chunks never
leave the kiosk. PDFs are parsed with pypdf and refused when encrypted, scripted or too long; they are kept
as bytes. Everything happens in memory: nothing of a visitor is written to disk here.

Every function is blocking: the views call them with ``asyncio.to_thread`` (or an executor). PDFium is not
thread-safe, so every pypdfium2 call holds ``_PDFIUM_LOCK``.
"""

from __future__ import annotations

import io
import math
import mimetypes
import os
import stat
import struct
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final

import pypdfium2 as pdfium
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, PdfObject

from kiosk.services.executors import FileWorker

__all__ = [
    "JPEG",
    "MAX_FILE_BYTES",
    "MAX_IMAGE_PIXELS",
    "MAX_PDF_PAGES",
    "PDF",
    "PNG",
    "REFUSAL_CODES",
    "AcceptedDocument",
    "FolderEntry",
    "FolderListing",
    "OutsideFoldersError",
    "Refusal",
    "inspect_file",
    "list_folder",
    "render_pages",
]

MAX_FILE_BYTES: Final = 10 * 1024 * 1024
MAX_IMAGE_PIXELS: Final = 40_000_000  # 40 Mpx: a 7 000 × 5 700 scan; far above any phone photo
MAX_PDF_PAGES: Final = 30
THUMBNAIL_PX: Final = 320
MAX_LISTED: Final = 500  # entries shown in one folder; a key with more is not browsed file by file
_MAX_RENDER_PIXELS: Final = 16_000_000  # one rendered page for the viewer
_MAX_PDF_OBJECTS: Final = 200_000  # objects visited when looking for scripts; more is not a document

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
)

# Pillow warns above this many pixels and refuses above twice as many; we refuse at the warning.
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
ImageFile.LOAD_TRUNCATED_IMAGES = False

_PDFIUM_LOCK = threading.Lock()
# The standard types only, not the machine's /etc/mime.types: the same answer on every kiosk.
_MIME = mimetypes.MimeTypes(filenames=())
_PILLOW_FORMAT = {JPEG: "JPEG", PNG: "PNG"}
# Folders that removable media carry for the system, not for people.
_SYSTEM_FOLDERS = frozenset(
    {"system volume information", "$recycle.bin", "lost+found", "recycler", "thumbs.db", "desktop.ini"}
)
# PDF actions that run code, open other files or send data.
_DANGEROUS_ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/GoToE", "/GoToR", "/RichMediaExecute", "/Rendition"}
)
_DANGEROUS_KEYS = frozenset({"/JS", "/JavaScript", "/EmbeddedFiles", "/EmbeddedFile", "/EF", "/XFA"})
_DANGEROUS_SUBTYPES = frozenset({"/FileAttachment", "/RichMedia", "/Movie", "/Sound", "/Screen", "/3D"})


class OutsideFoldersError(ValueError):
    """A folder was asked for that is not under one of the allowed roots."""


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


@dataclass(frozen=True, slots=True)
class FolderEntry:
    path: Path
    name: str
    is_folder: bool
    size: int  # bytes; 0 for a folder
    modified: datetime


@dataclass(frozen=True, slots=True)
class FolderListing:
    """One place of the picker.

    ``folder`` is None at the top, where ``folders`` are the allowed roots that hold something.
    ``crumbs`` names the place from its root down (never an absolute path). ``can_go_up`` says whether there
    is a place above; it is ``parent`` (None for the top).
    """

    folder: Path | None
    crumbs: tuple[str, ...]
    can_go_up: bool
    parent: Path | None
    folders: tuple[FolderEntry, ...]
    files: tuple[FolderEntry, ...]
    truncated: bool = False

    @property
    def entries(self) -> tuple[FolderEntry, ...]:
        return self.folders + self.files

    @property
    def nothing_available(self) -> bool:
        """At the top with no root to offer: no key plugged, no folder."""
        return self.folder is None and not self.folders and not self.files


# --------------------------------------------------------------------------------------------- folders


def _resolved_roots(roots: Sequence[Path]) -> list[Path]:
    found: list[Path] = []
    for root in roots:
        try:
            resolved = root.resolve(strict=True)
        except (OSError, RuntimeError):
            continue
        if resolved.is_dir() and resolved not in found:
            found.append(resolved)
    return found


def _root_of(path: Path, roots: Sequence[Path]) -> Path | None:
    """The deepest root holding ``path`` (both resolved), or None."""
    holders = [root for root in roots if path == root or path.is_relative_to(root)]
    return max(holders, key=lambda r: len(r.parts)) if holders else None


def _hidden(name: str) -> bool:
    return name.startswith(".") or name.casefold() in _SYSTEM_FOLDERS


def _scan(folder: Path, roots: Sequence[Path], limit: int) -> tuple[list[FolderEntry], list[FolderEntry], bool]:
    """Folders then files of ``folder``, each sorted by name; at most ``limit`` of them, the first in that order."""
    candidates: list[tuple[bool, str]] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if _hidden(entry.name):
                continue
            try:
                is_folder = entry.is_dir()
            except OSError:
                continue
            candidates.append((not is_folder, entry.name))
    candidates.sort(key=lambda c: (c[0], c[1].casefold(), c[1]))
    folders: list[FolderEntry] = []
    files: list[FolderEntry] = []
    for _is_file, name in candidates:
        if len(folders) + len(files) >= limit:
            return folders, files, True
        path = folder / name
        try:
            target = path.resolve(strict=True)
            if _root_of(target, roots) is None:
                continue  # a link out of the allowed folders: not shown
            info = target.stat()
        except (OSError, RuntimeError):
            continue
        modified = datetime.fromtimestamp(info.st_mtime)
        if stat.S_ISDIR(info.st_mode):
            folders.append(FolderEntry(path, name, True, 0, modified))
        elif stat.S_ISREG(info.st_mode):
            files.append(FolderEntry(path, name, False, info.st_size, modified))
    return folders, files, False


def _modified(path: Path) -> datetime:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return datetime.fromtimestamp(0)


def _has_visible_entries(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            return any(not _hidden(entry.name) for entry in entries)
    except OSError:
        return False


def list_folder(roots: Sequence[Path], folder: Path | None, limit: int = MAX_LISTED) -> FolderListing:
    """The sub-folders and files of ``folder``, which must be under one of ``roots``.

    ``folder=None`` is the top: the roots that exist and hold something (with a single one, its content).
    Symlinks and ``..`` are resolved: nothing outside the roots is ever listed, hidden files are skipped.
    Raises OutsideFoldersError for a folder outside the roots, OSError when it cannot be read (key removed).
    """
    resolved = _resolved_roots(roots)
    if folder is None:
        available = [root for root in resolved if _has_visible_entries(root)]
        if len(available) != 1:
            entries = [FolderEntry(root, root.name or str(root), True, 0, _modified(root)) for root in available]
            return FolderListing(None, (), False, None, tuple(entries), ())
        folder, single = available[0], True
    else:
        single = False
    try:
        target = folder.resolve(strict=True)
    except RuntimeError as exc:  # a symlink loop
        raise OSError(str(exc)) from None
    root = _root_of(target, resolved)
    if root is None:
        raise OutsideFoldersError("not under an allowed folder")
    if not target.is_dir():
        raise NotADirectoryError("not a folder")
    folders, files, truncated = _scan(target, resolved, limit)
    crumbs = (root.name or str(root), *target.relative_to(root).parts)
    if target == root:
        only_one = single or len([r for r in resolved if _has_visible_entries(r)]) == 1
        can_go_up, parent = not only_one, None
    else:
        can_go_up, parent = True, target.parent
    return FolderListing(target, crumbs, can_go_up, parent, tuple(folders), tuple(files), truncated)


# --------------------------------------------------------------------------------------------- files


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


def inspect_file(path: Path, roots: Sequence[Path]) -> AcceptedDocument | Refusal:
    """Check ``path`` and make the clean copy that will be attached, or say why not. Blocking; no disk writes."""
    filename = path.name
    resolved_roots = _resolved_roots(roots)
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        # A name that does not exist: outside the roots if its folder is, else unreadable.
        try:
            parent = path.parent.resolve(strict=False)
        except (OSError, RuntimeError):
            return Refusal("unreadable", filename)
        if _root_of(parent, resolved_roots) is None:
            return Refusal("outside_folders", filename)
        return Refusal("unreadable", filename)
    if _root_of(target, resolved_roots) is None:
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
    if media_type == PDF:
        return _inspect_pdf(filename, data)
    return _inspect_image(filename, data, media_type)


# --------------------------------------------------------------------------------------------- images


class _ImageBombError(Exception):
    pass


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


def _open_image(data: bytes, media_type: str) -> Image.Image:
    """Decode ``data`` with the one Pillow decoder its type needs, refusing bombs before any pixel is decoded.

    The dimensions are read from the header first, so Pillow is never handed a bomb (and never warns); its own
    bound (``Image.MAX_IMAGE_PIXELS``) and a second look at the size it found stand behind that check.
    """
    declared = _declared_size(data, media_type)
    if declared is not None and _too_many_pixels(*declared):
        raise _ImageBombError
    try:
        image = Image.open(io.BytesIO(data), formats=[_PILLOW_FORMAT[media_type]])
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):  # the warning, when warnings are errors
        raise _ImageBombError from None
    if _too_many_pixels(*image.size):
        image.close()
        raise _ImageBombError
    image.load()
    return image


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


def _png(image: Image.Image, compress_level: int = 6) -> bytes:
    if image.mode not in ("L", "LA", "RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=compress_level)
    return out.getvalue()


def _thumbnail(image: Image.Image) -> bytes:
    thumb = image.copy()
    thumb.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
    return _png(thumb)


def _inspect_image(filename: str, data: bytes, media_type: str) -> AcceptedDocument | Refusal:
    try:
        image = _open_image(data, media_type)
    except _ImageBombError:
        return Refusal("image_bomb", filename)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, MemoryError):
        return Refusal("image_corrupt", filename)
    try:
        clean, keep = _clean_image(image, media_type)
        content = _encode(clean, media_type, keep)
        thumbnail = _thumbnail(clean)
    except (OSError, ValueError, SyntaxError, EOFError):
        return Refusal("image_corrupt", filename)
    finally:
        image.close()
    if len(content) > MAX_FILE_BYTES:
        return Refusal("too_large", filename)
    return AcceptedDocument(filename, media_type, content, len(content), 1, thumbnail)


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
        # (a Warning arrives here only where warnings are errors, as under the tests: the file is not clean)
        return Refusal("pdf_corrupt", filename)
    if page_count > MAX_PDF_PAGES:
        return Refusal("pdf_too_many_pages", filename)
    try:
        with _PDFIUM_LOCK:
            pdf = pdfium.PdfDocument(data)
            try:
                if len(pdf) != page_count:
                    return Refusal("pdf_corrupt", filename)
                first = _render_page(pdf, 0, None, THUMBNAIL_PX)
            finally:
                pdf.close()
    except (pdfium.PdfiumError, ValueError, OSError):
        return Refusal("pdf_corrupt", filename)
    return AcceptedDocument(filename, PDF, data, len(data), page_count, _png(first))


# --------------------------------------------------------------------------------------------- viewer


def render_pages(
    content: bytes, media_type: str, width_px: int, max_pages: int = MAX_PDF_PAGES, first: int = 0
) -> list[bytes]:
    """PNG images of the pages of an accepted document, ``width_px`` wide (for the viewer). Blocking.

    ``first`` and ``max_pages`` select pages ``first`` to ``first + max_pages - 1``; an image has one page.
    """
    width_px = max(16, width_px)
    if media_type == PDF:
        pages: list[bytes] = []
        with _PDFIUM_LOCK:
            pdf = pdfium.PdfDocument(content)
            try:
                images = [_render_page(pdf, i, width_px, None) for i in range(first, min(len(pdf), first + max_pages))]
            finally:
                pdf.close()
        for image in images:
            pages.append(_png(image, compress_level=1))
        return pages
    if media_type not in _PILLOW_FORMAT:
        raise ValueError(f"not a document type: {media_type}")
    if first > 0 or max_pages < 1:
        return []
    image = _open_image(content, media_type)
    try:
        scale = min(width_px / image.width, math.sqrt(_MAX_RENDER_PIXELS / (image.width * image.height)))
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        return [_png(image.resize(size, Image.Resampling.LANCZOS), compress_level=1)]
    finally:
        image.close()


def page_count(content: bytes, media_type: str) -> int:
    """How many pages the viewer may show of a stored document (at most ``MAX_PDF_PAGES``); 0 if unreadable.
    Blocking."""
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


class DocumentService:
    """What the views ask of documents, as coroutines: the allowed folders and their files, a file checked before
    it is attached, the pages of a document for the viewer. The blocking work runs on the files' worker."""

    def __init__(self, folders: Sequence[Path], worker: FileWorker) -> None:
        self.folders = tuple(folders)
        self._worker = worker

    async def list_folder(self, folder: Path | None) -> FolderListing:
        """The entries of ``folder`` (None: the allowed folders themselves). Raises OutsideFoldersError."""
        return await self._worker.run(list_folder, self.folders, folder)

    async def inspect(self, path: Path) -> AcceptedDocument | Refusal:
        """The file at ``path`` checked, cleaned and ready to attach, or the reason it is refused."""
        return await self._worker.run(inspect_file, path, self.folders)

    async def render_pages(
        self, content: bytes, media_type: str, width_px: int, max_pages: int = MAX_PDF_PAGES, first: int = 0
    ) -> list[bytes]:
        """PNG images of pages ``first`` … of a document, ``width_px`` wide."""
        return await self._worker.run(render_pages, content, media_type, width_px, max_pages, first)

    async def page_count(self, content: bytes, media_type: str) -> int:
        return await self._worker.run(page_count, content, media_type)

"""Documents a visitor attaches: where they may come from, what they are, a safe copy of them, their pages. No Qt.

- ``model``: the types accepted (PDF, JPEG, PNG), the limits, AcceptedDocument and Refusal;
- ``folders``: the allowed folders and their listing (nothing outside them is ever shown or read);
- ``checks``: a file read and judged by its type, then its content checked in a child process (``contained``);
- ``sandbox``: the child processes that parse documents, under a memory cap, a CPU limit and a timeout;
- ``contained``: the content checked, the pages counted and drawn, each a job of the sandbox;
- ``child``: the children's program; ``content`` (images cleaned of their metadata, PDFs checked for scripts) and
  ``rendering`` (Pillow's decoders and PDFium) run there only: the kiosk process never loads a parser;
- ``service``: DocumentService, the coroutines the views await (the blocking work runs on the files' worker).
"""

from kiosk.services.documents.checks import inspect_file
from kiosk.services.documents.contained import page_count, render_pages
from kiosk.services.documents.folders import MAX_LISTED, FolderEntry, FolderListing, OutsideFoldersError, list_folder
from kiosk.services.documents.model import (
    JPEG,
    MAX_FILE_BYTES,
    MAX_IMAGE_PIXELS,
    MAX_PDF_PAGES,
    PDF,
    PNG,
    REFUSAL_CODES,
    THUMBNAIL_PX,
    AcceptedDocument,
    Refusal,
    TooComplexError,
    UnrenderableError,
)
from kiosk.services.documents.sandbox import Limits, Sandbox, shared_sandbox
from kiosk.services.documents.service import DocumentService

__all__ = [
    "JPEG",
    "MAX_FILE_BYTES",
    "MAX_IMAGE_PIXELS",
    "MAX_LISTED",
    "MAX_PDF_PAGES",
    "PDF",
    "PNG",
    "REFUSAL_CODES",
    "THUMBNAIL_PX",
    "AcceptedDocument",
    "DocumentService",
    "FolderEntry",
    "FolderListing",
    "Limits",
    "OutsideFoldersError",
    "Refusal",
    "Sandbox",
    "TooComplexError",
    "UnrenderableError",
    "inspect_file",
    "list_folder",
    "page_count",
    "render_pages",
    "shared_sandbox",
]

"""PDFs written byte by byte for the tests of document limits: hostile ones (as the adversarial pass of issue 8
found them) and a plain one with a street address and an IBAN where a parser stumbles. Nothing is a fixture file:
each is built here, small in memory, in a few milliseconds."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

MB = 1024 * 1024
FAKE_IBAN = b"FR76 3000 1007 9412 3456 7890 185"
FAKE_ADDRESS = b"12 rue des Lilas 75011 Paris"


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF whose objects 1..n are ``objects`` (object 1 the catalogue), with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def stream(entries: bytes, data: bytes) -> bytes:
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (entries, len(data), data)


def _one_page(page_entries: bytes, content: bytes, *more: bytes) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R %s >>" % page_entries,
        content,
        *more,
    ]


def nested_forms_pdf(levels: int = 8, fanout: int = 10, blank_first: bool = False) -> bytes:
    """A 3 KB page that draws a form XObject ``fanout`` times, which draws the next ``fanout`` times, ``levels``
    deep: 10^8 rectangles for PDFium to build (minutes of work and ~20 GB of memory without a limit). With
    ``blank_first``, that page comes second, after a blank one (the thumbnail draws the first page only)."""
    first = 5
    draws = b" ".join(b"q /X Do Q" for _ in range(fanout))
    forms = []
    for level in range(levels):
        if level == levels - 1:
            forms.append(stream(b"/Type /XObject /Subtype /Form /BBox [0 0 595 842]", b"0 0 1 1 re f"))
        else:
            resources = b"/Resources << /XObject << /X %d 0 R >> >>" % (first + level + 1)
            forms.append(stream(b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] " + resources, draws))
    objects = _one_page(b"/Resources << /XObject << /X %d 0 R >> >>" % first, stream(b"", draws), *forms)
    if blank_first:
        blank = first + levels
        objects[1] = b"<< /Type /Pages /Kids [%d 0 R 3 0 R] /Count 2 >>" % blank
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
    return raw_pdf(objects)


def _zeros_deflated(size: int) -> bytes:
    """A zlib stream of ``size`` zero bytes (a multiple of 1 MB), about size/1000 long, made without ever holding
    or compressing more than 1 MB: one fully flushed block repeated (each starts afresh, so all are the same)."""
    assert size % MB == 0
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(MB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.flush()
    adler = ((size % 65521) << 16) | 1  # Adler-32 of zeros: a stays 1, b counts the bytes
    return b"\x78\xda" + block * (size // MB) + end + adler.to_bytes(4, "big")


def inflating_pdf(path: Path, inflated: int) -> int:
    """Write at ``path`` a one-page PDF whose content stream inflates to ``inflated`` bytes; return its size."""
    data = raw_pdf(_one_page(b"", stream(b"/Filter /FlateDecode", _zeros_deflated(inflated))))
    path.write_bytes(data)
    return len(data)


def bad_token_pdf() -> bytes:
    """A one-page PDF with one token no parser knows, among a fake street address and IBAN: pypdf reports such a
    token with the 80 bytes around it."""
    note = b"/Note ~IBAN %s, %s" % (FAKE_IBAN, FAKE_ADDRESS)
    return raw_pdf(_one_page(note, stream(b"", b"0 0 1 1 re f")))

"""Fuzzing the whole inspection path (file read, child process, pypdf, PDFium, Pillow) with mutated JPEG, PNG and
PDF files built here: every outcome is an accepted document or a plain refusal, never an error, and nothing of an
image's metadata survives a mutation. A fixed budget (a fixed seed and number of examples) keeps it within seconds
in CI; ``KIOSK_FUZZ_EXAMPLES`` runs more by hand."""

from __future__ import annotations

import io
import os
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PIL import ExifTags, Image, PngImagePlugin
from pypdf import PdfWriter
from pypdf.generic import RectangleObject

from kiosk.services.documents import (
    REFUSAL_CODES,
    AcceptedDocument,
    Limits,
    Refusal,
    Sandbox,
    UnrenderableError,
    inspect_file,
    render_pages,
)
from tests.unit.document_files import raw_pdf, stream

EXAMPLES = int(os.environ.get("KIOSK_FUZZ_EXAMPLES", "1000"))
CANARY = b"CanaryFuzz"


def _jpeg() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = CANARY.decode()
    out = io.BytesIO()
    Image.effect_noise((48, 32), 60).convert("RGB").save(out, format="JPEG", quality=80, exif=exif)
    return out.getvalue()


def _png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", CANARY.decode())
    out = io.BytesIO()
    Image.new("RGBA", (40, 24), (0, 90, 200, 128)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_blank_page(width=842, height=595)
    writer.add_uri(0, "https://www.service-public.fr", RectangleObject([50, 50, 200, 80]))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _flate_pdf() -> bytes:
    content = zlib.compress(b"0.2 0.4 0.8 rg 50 50 300 400 re f BT /F1 24 Tf 72 720 Td (Bonjour) Tj ET")
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            stream(b"/Filter /FlateDecode", content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


SEEDS = {"photo.jpg": _jpeg(), "scan.png": _png(), "releve.pdf": _pdf(), "avis.pdf": _flate_pdf()}

# One change to a file: bytes set, bytes inserted, a slice repeated (a stream or a chunk twice), or the file cut
# (the rarest: a cut file is mostly refused at once, and teaches little).
mutation = st.tuples(
    st.sampled_from(["set"] * 4 + ["insert"] * 2 + ["repeat"] * 2 + ["cut"]),
    st.integers(0, 1 << 20),
    st.binary(min_size=1, max_size=12),
)


def mutate(data: bytes, changes: list[tuple[str, int, bytes]]) -> bytes:
    out = bytearray(data)
    for kind, where, what in changes:
        at = where % max(1, len(out))
        if kind == "set":
            out[at : at + len(what)] = what
        elif kind == "cut":
            del out[max(1, at) :]
        elif kind == "insert":
            out[at:at] = what
        else:
            out[at:at] = out[at : at + 1 + what[0] * 4]
    return bytes(out)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    # Tighter than the kiosk's: a mutation that makes a slow file costs seconds, not the whole budget.
    with Sandbox(Limits(cpu_s=3, wall_s=5)) as box:
        yield box


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cle-usb")


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI judges the code, not the draw
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(name=st.sampled_from(sorted(SEEDS)), changes=st.lists(mutation, min_size=1, max_size=4))
def test_a_mutated_document_is_accepted_or_refused_plainly(
    sandbox: Sandbox, root: Path, name: str, changes: list[tuple[str, int, bytes]]
) -> None:
    path = root / name
    path.write_bytes(mutate(SEEDS[name], changes))
    outcome = inspect_file(path, [root], sandbox)
    event(f"{name}: {getattr(outcome, 'code', 'accepted')}")
    if isinstance(outcome, Refusal):
        assert outcome.code in REFUSAL_CODES
        assert outcome.filename == name
        return
    assert isinstance(outcome, AcceptedDocument)
    assert outcome.page_count >= 1
    assert outcome.thumbnail_png.startswith(b"\x89PNG")
    if not outcome.is_pdf:
        assert CANARY not in outcome.content
    try:
        pages = render_pages(outcome.content, outcome.media_type, 200, max_pages=1, sandbox=sandbox)
    except UnrenderableError:  # a plain "this page cannot be shown" in the viewer; never anything else
        return
    assert len(pages) == 1

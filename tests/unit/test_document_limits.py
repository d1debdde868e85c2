"""Whatever a file holds, the kiosk survives it: documents are parsed and drawn in a child process under a memory
cap, a CPU limit and a wall-clock timeout (kiosk.services.documents.sandbox). A file that exceeds them is refused
as "too complex", the kiosk process is untouched, the next file is served, and nothing of a document reaches the
log. The hostile files are the ones of issue 8, built by tests/unit/document_files.py."""

from __future__ import annotations

import asyncio
import io
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from kiosk.services.documents import (
    PDF,
    AcceptedDocument,
    DocumentService,
    Limits,
    Refusal,
    Sandbox,
    TooComplexError,
    inspect_file,
    render_pages,
)
from kiosk.services.executors import FileWorker
from tests.unit.document_files import (
    FAKE_ADDRESS,
    FAKE_IBAN,
    MB,
    bad_token_pdf,
    inflating_pdf,
    nested_forms_pdf,
)
from tests.unit.test_documents import pdf_bytes

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="resource limits as Linux sets them")

INFLATED = 2048 * MB  # the 2 GB: a 2 MB file


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "cle-usb"
    folder.mkdir()
    (folder / "imbrique.pdf").write_bytes(nested_forms_pdf())
    (folder / "page-deux.pdf").write_bytes(nested_forms_pdf(blank_first=True))
    inflating_pdf(folder / "gonfle.pdf", INFLATED)
    (folder / "releve.pdf").write_bytes(pdf_bytes())
    return folder


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox() as box:
        yield box


@pytest.fixture
def service(root: Path, sandbox: Sandbox) -> Iterator[DocumentService]:
    worker = FileWorker()
    yield DocumentService([root], worker, sandbox)
    worker.shutdown()


@pytest.mark.parametrize(
    "name",
    ["imbrique.pdf", "page-deux.pdf", "gonfle.pdf"],
    ids=["nested-forms", "nested-forms-on-page-2", "inflating-content"],
)
def test_a_hostile_pdf_is_refused_as_too_complex_and_the_next_file_is_served(
    service: DocumentService, root: Path, name: str
) -> None:
    assert (root / name).stat().st_size < 3 * MB
    peak_before = peak_rss_mb()

    async def visit() -> None:
        start = time.monotonic()
        refusal = await service.inspect(root / name)
        assert refusal == Refusal("too_complex", name)
        assert time.monotonic() - start < 20
        # The worker that died is replaced: the next file is checked and drawn as ever.
        doc = await service.inspect(root / "releve.pdf")
        assert isinstance(doc, AcceptedDocument)
        assert doc.page_count == 2
        [page] = await service.render_pages(doc.content, doc.media_type, 400, max_pages=1, first=1)
        with Image.open(io.BytesIO(page)) as image:
            assert abs(image.width - 400) <= 1  # PDFium rounds the scale of a page

    asyncio.run(visit())
    assert peak_rss_mb() - peak_before < 100, "the kiosk process itself took the document's memory"


def scanned_pdf(pages: int = 20) -> bytes:
    """A 20-page A4 scan at 300 dpi, 7.7 MB: what PDFium decodes to draw it is what a real scan needs."""
    scans = []
    for _ in range(pages):
        page = Image.new("L", (2480, 3508), 245)
        draw = ImageDraw.Draw(page)
        for y in range(200, 3300, 60):
            draw.rectangle((200, y, 2200 - (y * 7) % 900, y + 20), fill=40)
        scans.append(page.convert("RGB"))
    out = io.BytesIO()
    scans[0].save(out, format="PDF", save_all=True, append_images=scans[1:], resolution=300, quality=75)
    return out.getvalue()


def largest_png() -> bytes:
    """A 7000 × 5700 RGBA photo: just under the 40 Mpx bound, the most memory an accepted image takes (680 MB)."""
    image = Image.new("RGBA", (7000, 5700), (30, 90, 200, 255))
    ImageDraw.Draw(image).rectangle((100, 100, 6000, 5000), fill=(250, 250, 250, 128))
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def test_the_largest_legitimate_documents_pass_under_the_default_limits(tmp_path: Path, sandbox: Sandbox) -> None:
    """The cap leaves room for what a visitor really brings: a 20-page scan, drawn at the viewer's largest width,
    and the largest photo the kiosk accepts."""
    (tmp_path / "scan.pdf").write_bytes(scanned_pdf())
    (tmp_path / "photo.png").write_bytes(largest_png())
    scan = inspect_file(tmp_path / "scan.pdf", [tmp_path], sandbox)
    assert isinstance(scan, AcceptedDocument), scan
    assert scan.page_count == 20
    assert render_pages(scan.content, PDF, 2000, max_pages=1, first=19, sandbox=sandbox)
    photo = inspect_file(tmp_path / "photo.png", [tmp_path], sandbox)
    assert isinstance(photo, AcceptedDocument), photo
    assert render_pages(photo.content, photo.media_type, 2000, sandbox=sandbox)


def test_a_runaway_inspection_does_not_hold_up_a_render(service: DocumentService, root: Path) -> None:
    """While a hostile file runs in one child, another draws a good page: nothing waits behind a lock."""
    content = pdf_bytes()

    async def visit() -> None:
        # Both children are up, as on a kiosk that has served a visitor.
        await asyncio.gather(service.page_count(content, PDF), service.page_count(content, PDF))
        runaway = asyncio.ensure_future(service.inspect(root / "imbrique.pdf"))
        await asyncio.sleep(0.2)
        start = time.monotonic()
        [page] = await service.render_pages(content, PDF, 300, max_pages=1)
        drawn_in = time.monotonic() - start
        assert page.startswith(b"\x89PNG")
        assert not runaway.done(), f"the hostile file ended first; the good page took {drawn_in:.1f} s"
        assert await runaway == Refusal("too_complex", "imbrique.pdf")

    asyncio.run(visit())


@pytest.mark.parametrize(
    ("limits", "name", "reason"),
    [
        (Limits(memory_bytes=512 * MB, cpu_s=60, wall_s=60), "gonfle.pdf", "memory"),
        (Limits(memory_bytes=2048 * MB, cpu_s=1, wall_s=60), "imbrique.pdf", "cpu"),
        (Limits(memory_bytes=2048 * MB, cpu_s=60, wall_s=0.5), "imbrique.pdf", "time"),
    ],
    ids=["memory", "cpu", "time"],
)
def test_each_limit_stops_a_runaway(root: Path, limits: Limits, name: str, reason: str) -> None:
    with Sandbox(limits) as box:
        start = time.monotonic()
        with pytest.raises(TooComplexError) as caught:
            render_pages((root / name).read_bytes(), PDF, 300, sandbox=box)
        assert caught.value.reason == reason
        assert time.monotonic() - start < 15
        assert render_pages(pdf_bytes(), PDF, 100, sandbox=box)  # and it serves again


def test_the_child_runs_without_qt_under_its_limits_and_sees_only_its_pipes(sandbox: Sandbox) -> None:
    import PySide6.QtCore  # noqa: F401  (the kiosk process has Qt; its child must not)

    assert render_pages(pdf_bytes(), PDF, 100, sandbox=sandbox)
    [pid] = sandbox.pids()
    assert pid != os.getpid()
    maps = Path(f"/proc/{pid}/maps").read_text()
    assert "PySide6" not in maps
    assert "Qt6" not in maps
    limits = {
        line[:26].strip(): line[26:].split()[:2] for line in Path(f"/proc/{pid}/limits").read_text().splitlines()[1:]
    }
    assert limits["Max address space"] == [str(sandbox.limits.memory_bytes)] * 2
    assert limits["Max core file size"] == ["0", "0"]
    assert limits["Max file size"] == ["0", "0"]  # nothing of a visitor is written to disk
    assert limits["Max cpu time"][0] != "unlimited"
    targets = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
    assert all(t == "/dev/null" or t.startswith("pipe:") for t in targets), targets  # not the cache, not a log


def test_a_child_killed_while_idle_is_replaced_and_the_next_file_is_not_refused(sandbox: Sandbox) -> None:
    assert render_pages(pdf_bytes(), PDF, 100, sandbox=sandbox)
    [pid] = sandbox.pids()
    os.kill(pid, signal.SIGKILL)  # the system's OOM killer, or an operator
    deadline = time.monotonic() + 10
    while Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z":
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert render_pages(pdf_bytes(), PDF, 100, sandbox=sandbox)
    assert pid not in sandbox.pids()


# A kiosk's logging (stderr, and kiosk.log at DEBUG) around one check: stdout and stderr are pipes, as under a
# service manager (a file there would hide a leak: the child may not write to files at all).
LOGGED_CHECK = """
import logging, sys
from pathlib import Path
from kiosk.logs import log_to_folder, setup_logging
from kiosk.services.documents import AcceptedDocument, inspect_file, render_pages
setup_logging(logging.DEBUG)
log_to_folder(Path(sys.argv[1]))
folder = Path(sys.argv[2])
doc = inspect_file(folder / "avis.pdf", [folder])
assert isinstance(doc, AcceptedDocument), doc  # the token is skipped, the page is fine
assert render_pages(doc.content, doc.media_type, 200)
print("checked")
"""


def test_no_document_content_reaches_the_log(root: Path, tmp_path: Path) -> None:
    """pypdf reports a bad token with the 80 bytes around it: here a street address and an IBAN."""
    (root / "avis.pdf").write_bytes(bad_token_pdf())
    logs = tmp_path / "logs"
    result = subprocess.run(
        [sys.executable, "-c", LOGGED_CHECK, str(logs), str(root)], capture_output=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert result.stdout.strip() == b"checked"
    said = result.stdout + result.stderr + (logs / "kiosk.log").read_bytes()
    for canary in (FAKE_IBAN, FAKE_ADDRESS, b"~IBAN"):
        assert canary not in said


def test_the_kiosk_process_loads_no_document_parser() -> None:
    """The kiosk imports the documents package, yet PDFium, pypdf and Pillow live in the child only."""
    code = (
        "import sys, kiosk.services.documents, kiosk.views.widgets.documents.editor; "
        "print(sorted(m for m in ('PIL', 'pypdf', 'pypdfium2') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[]"

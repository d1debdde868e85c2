"""What reading documents in a child process costs (``kiosk bench``): each of the demo town's documents checked again
and again in the kiosk's sandbox, against the same checks run in this process, file by file.

- ``document_inspect_median_ms`` / ``document_inspect_p95_ms``: one file checked in a child (sent, parsed, thumbnail
  drawn, answer back), as a visitor waits for it once the children are up;
- ``document_inspect_overhead_ms``: the median of (in a child − in this process) for the same file: the price of the
  containment per file;
- ``document_child_start_ms``: the first file of a fresh sandbox (a child started, its parsers imported, then the
  file): paid once per kiosk, and by the next file after a hostile one killed its child;
- ``document_child_rss_mb``: the resident memory of that child, outside the kiosk process.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

ROUNDS = 15
_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".pdf": "application/pdf"}


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _ms(since: float) -> float:
    return (time.perf_counter() - since) * 1000


def measure_document_inspection(folder: Path, rounds: int = ROUNDS) -> dict[str, float]:
    """The figures above, for the documents of ``folder`` (PDF, JPEG, PNG by their extension)."""
    from kiosk.services.documents import AcceptedDocument, Sandbox
    from kiosk.services.documents.contained import inspect_content as contained
    from kiosk.services.documents.content import inspect_content as inline

    files = [(p.name, p.read_bytes(), _TYPES[p.suffix.lower()]) for p in sorted(folder.iterdir()) if p.suffix in _TYPES]
    if not files:
        raise ValueError(f"no document to measure in {folder}")
    with Sandbox(processes=1) as sandbox:
        start = time.perf_counter()
        if not isinstance(contained(*files[0], sandbox), AcceptedDocument):
            raise ValueError(f"{files[0][0]} is not a document the kiosk accepts")
        child_start = _ms(start)
        in_child: list[float] = []
        overheads: list[float] = []
        for _ in range(rounds):
            for name, data, media_type in files:
                start = time.perf_counter()
                contained(name, data, media_type, sandbox)
                child = _ms(start)
                start = time.perf_counter()
                inline(name, data, media_type)
                in_child.append(child)
                overheads.append(child - _ms(start))
        rss = sum(_rss_mb(pid) for pid in sandbox.pids())
    return {
        "document_inspect_median_ms": round(statistics.median(in_child), 2),
        "document_inspect_p95_ms": round(statistics.quantiles(in_child, n=20)[18], 2),
        "document_inspect_overhead_ms": round(statistics.median(overheads), 2),
        "document_child_start_ms": round(child_start, 1),
        "document_child_rss_mb": round(rss, 1),
    }

"""The bench's figures for documents (kiosk/tools/document_cost.py): measured on the demo documents, each a number
a person can read against the target; figures, never verdicts on timings."""

from __future__ import annotations

import sys

import pytest

from kiosk.paths import resources_dir
from kiosk.tools.document_cost import measure_document_inspection


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the child's memory is read from /proc")
def test_the_bench_measures_a_document_checked_in_its_child() -> None:
    figures = measure_document_inspection(resources_dir() / "demo" / "documents", rounds=2)
    assert set(figures) == {
        "document_inspect_median_ms",
        "document_inspect_p95_ms",
        "document_inspect_overhead_ms",
        "document_child_start_ms",
        "document_child_rss_mb",
    }
    assert 0 < figures["document_inspect_median_ms"] <= figures["document_inspect_p95_ms"]
    assert figures["document_child_start_ms"] > 0
    assert figures["document_child_rss_mb"] > 10  # a live child, with its parsers, was read

"""``kiosk bench --json``: start, navigation, search and wizard times, and memory over journeys, measured on this
machine in one run.

Targets (checked by reading the output, never by a timed test): start <= 2x a bare Qt window with 12 buttons,
navigation p95 <= 50 ms, search p95 <= 10 ms per keystroke on 5,000 procedures, wizard step p95 <= 50 ms,
"Valider" to the confirmation <= 300 ms with a 3-file request; over a day of visitors, RSS growth <= 1 KiB per
journey and a steady RSS <= 200 MiB (kiosk/tools/soak.py); a document checked in its child process <= 10 ms more
than in the kiosk process (kiosk/tools/document_cost.py); draining 1,000 requests with a 100 kB file each to central
<= 1.25x a plain loop of HTTP calls carrying the same bytes (kiosk/tools/sync_drain.py).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.config import Settings, replace
from kiosk.paths import resources_dir
from kiosk.tools.document_cost import measure_document_inspection
from kiosk.tools.sync_drain import REQUESTS as SYNC_REQUESTS
from kiosk.tools.sync_drain import measure_sync_drain

if TYPE_CHECKING:
    from kiosk.tools.drive import Composition

STARTS = 5
NAVIGATIONS = 200
SEARCH_PROCEDURES = 5000
WIZARD_STEPS = 120
SUBMITS = 10
READING_S = 0.3  # a quick reader: the next step is prepared while a person reads this one

_BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QGridLayout, QPushButton, QWidget
app = QApplication([])
w = QWidget()
grid = QGridLayout(w)
for i in range(12):
    grid.addWidget(QPushButton(f"Button {i}"), i // 4, i % 4)
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            sys.exit(0)
        return False
f = Painted()
w.installEventFilter(f)
w.resize(1600, 900)
w.show()
app.exec()
"""


def _time_to_line(command: list[str]) -> float:
    """Seconds from spawning ``command`` to its first line on stdout (it prints when painted)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True) as proc:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - start
        proc.wait(timeout=30)
    if not line:
        raise RuntimeError(f"{command[0]} exited without painting")
    return elapsed


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[18]


def _compile_bytecode() -> None:
    """An installed kiosk starts from compiled bytecode (pip compiles it on install), as PySide6 does. A
    working copy may have none, or stale files, where PYTHONDONTWRITEBYTECODE is set; compile it as installed."""
    import compileall

    import kiosk
    import sync

    for package in (kiosk, sync):
        compileall.compile_dir(Path(package.__file__ or "").parent, quiet=1)


def measure_start(settings_args: list[str]) -> tuple[float, float]:
    """Median seconds to the first painted home, and to a bare 12-button window, interleaved."""
    kiosk_cmd = [sys.executable, "-m", "kiosk", *settings_args, "run", "--windowed", "--exit-when-painted"]
    bare_cmd = [sys.executable, "-c", _BARE_WINDOW]
    _compile_bytecode()
    _time_to_line(bare_cmd)  # the first run of each warms the OS file cache
    _time_to_line(kiosk_cmd)
    kiosk, bare = [], []
    for _ in range(_scaled(STARTS, 2)):
        bare.append(_time_to_line(bare_cmd))
        kiosk.append(_time_to_line(kiosk_cmd))
    return statistics.median(kiosk), statistics.median(bare)


async def _measure_navigation(kiosk: Composition, settings: Settings) -> float:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from kiosk.tools.drive import paint_done, running_kiosk, shown_with_data
    from kiosk.views.navigator import Route
    from kiosk.views.pages.catalogue_pages import DomainsPage, ProceduresPage
    from kiosk.views.pages.home import HomePage

    samples: list[float] = []
    async with running_kiosk(kiosk, settings) as (_ctx, window, _backend):
        nav = window.navigator

        async def tap(widget: Any) -> None:
            start = time.perf_counter()
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
            page = nav.current_page()
            assert page is not None
            await shown_with_data(page, paint_done(page))  # the visitor sees the new screen, data and all
            samples.append((time.perf_counter() - start) * 1000)

        while len(samples) < _scaled(NAVIGATIONS, 40):
            nav.go(Route.HOME)
            home = nav.current_page()
            assert isinstance(home, HomePage)
            await tap(home.tile("new_procedure"))
            domains = nav.current_page()
            assert isinstance(domains, DomainsPage)
            await tap(domains.grid.tiles()[len(samples) % len(domains.grid.tiles())])
            procedures = nav.current_page()
            assert isinstance(procedures, ProceduresPage)
            await tap(procedures.grid.tiles()[0])
            await tap(window.header.back_button)
    return _p95(samples[: _scaled(NAVIGATIONS, 40)])


async def _measure_wizard(kiosk: Composition, settings: Settings) -> tuple[float, float]:
    """p95 of Next → next step painted, each step reached for the first time (its page is built then, as in a
    real visit); the slowest Valider → confirmation painted for a request with 3 files."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from kiosk.tools.demo_visit import prefill_demo_request
    from kiosk.tools.drive import paint_done, running_kiosk, settle, shown_with_data

    steps: list[float] = []
    submits: list[float] = []
    async with running_kiosk(kiosk, settings) as (_ctx, window, _backend):
        while len(steps) < _scaled(WIZARD_STEPS, 20):
            window.navigator.reset()
            page = await prefill_demo_request(window)
            for _ in range(4):  # appointment → details → request (1/2) → request (2/2) → summary
                await settle(window)
                await asyncio.sleep(READING_S)  # a person reads the step before tapping; the kiosk works meanwhile
                start = time.perf_counter()
                QTest.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
                await shown_with_data(page, paint_done(page))
                steps.append((time.perf_counter() - start) * 1000)
            if len(submits) < _scaled(SUBMITS, 3):
                start = time.perf_counter()
                QTest.mouseClick(page.next_button, Qt.MouseButton.LeftButton)  # "Valider"
                await page.tasks.idle()  # the request is stored: the confirmation is on its way
                confirmation = window.navigator.current_page()
                assert confirmation is not None
                assert confirmation is not page
                # It may have been painted meanwhile: one paint more then, never one less.
                await shown_with_data(confirmation, paint_done(confirmation, request=True))
                submits.append((time.perf_counter() - start) * 1000)
                await settle(window)
    return _p95(steps), max(submits)


def write_generated_catalogue(directory: Path, count: int) -> None:
    """``count`` plausible procedures over the demo domains, as TOML files (the real loading path)."""
    from sync.catalogue_files import catalogue_files, load_catalogue

    demo = load_catalogue(catalogue_files(Settings().catalogue_dir))
    (directory / "procedures").mkdir(parents=True)
    (directory / "domains.toml").write_text(
        (Settings().catalogue_dir / "domains.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    words = ["demande", "inscription", "certificat", "attestation", "autorisation", "déclaration", "réservation"]
    objects = ["stationnement", "terrasse", "cantine", "crèche", "bibliothèque", "piscine", "marché", "jardin"]
    for i in range(count):
        base = demo.procedures[i % len(demo.procedures)]
        title = f"{words[i % len(words)].capitalize()} {objects[(i // 7) % len(objects)]} n°{i}"
        body = f'''schema_version = 1
slug = "gen-{i}"
title = {{ fr = "{title}", en = "Generated procedure {i}" }}
domain = "{base.domain}"
keywords = ["{objects[i % len(objects)]}", "{words[(i // 3) % len(words)]}", "dossier{i % 97}"]
description = {{ fr = "Procédure générée {i} pour mesurer la recherche : {objects[(i + 3) % len(objects)]}." }}
estimated_minutes = {1 + i % 30}

[[steps]]
id = "main"
title = "Ma demande"

[[steps.fields]]
id = "detail"
type = "text"
label = "Précisez"
'''
        (directory / "procedures" / f"gen-{i}.toml").write_text(body, encoding="utf-8")


async def _measure_search(kiosk: Composition, settings: Settings) -> float:
    from PySide6.QtTest import QTest

    from kiosk.tools.drive import paint_done, running_kiosk
    from kiosk.views.navigator import Route
    from kiosk.views.pages.search import SearchPage

    samples: list[float] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as scratch:
        write_generated_catalogue(Path(scratch), SEARCH_PROCEDURES)
        async with running_kiosk(kiosk, replace(settings, catalogue_dir=Path(scratch))) as (_ctx, window, _backend):
            window.navigator.go(Route.SEARCH)
            page = window.navigator.current_page()
            assert isinstance(page, SearchPage)
            for query in ("inscription cantine", "creche", "attestation marche 12", "stationnement", "zzz"):
                page.field.setText("")
                await asyncio.sleep(0.05)  # the emptied list is painted before typing starts
                for char in query:
                    start = time.perf_counter()
                    QTest.keyClicks(page.field, char)
                    # Until the results (or "nothing found") are on the screen. The whole page is asked to paint:
                    # the pass then holds the list too, and a key that changes nothing is measured as well.
                    await asyncio.wait_for(paint_done(page, request=True), 5)
                    samples.append((time.perf_counter() - start) * 1000)
    return _p95(samples)


def quick() -> bool:
    """``KIOSK_BENCH_QUICK=1``: every figure, from fewer samples (starts, taps, journeys, requests to drain). For
    the test of the README's ``make bench``, which checks that every figure is printed, not the figures."""
    return os.environ.get("KIOSK_BENCH_QUICK") == "1"


def _scaled(full: int, fewer: int) -> int:
    return fewer if quick() else full


def run_bench(kiosk: Composition, settings: Settings) -> dict[str, float]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import qasync

    start, bare = measure_start(["--demo"])
    kiosk.application()
    from kiosk.tools.soak import measure_memory

    # Memory first, while this process is a kiosk like any other: the search bench loads 5,000 procedures, and a
    # process keeps the memory it once used.
    growth, steady = qasync.run(measure_memory(kiosk, settings, *((5, 12) if quick() else ())))
    nav = qasync.run(_measure_navigation(kiosk, settings))
    search = qasync.run(_measure_search(kiosk, settings))
    wizard_step, submit = qasync.run(_measure_wizard(kiosk, settings))
    documents = measure_document_inspection(resources_dir() / "demo" / "documents")
    drain = measure_sync_drain(_scaled(SYNC_REQUESTS, 40))
    return {
        "start_to_home_s": round(start, 3),
        "bare_qt_window_s": round(bare, 3),
        "start_ratio": round(start / bare, 2),
        "nav_p95_ms": round(nav, 2),
        "search_p95_ms": round(search, 2),
        "wizard_step_p95_ms": round(wizard_step, 2),
        "submit_ms": round(submit, 1),
        "rss_growth_kb_per_journey": round(growth, 2),
        "steady_rss_mb": round(steady, 1),
        **documents,
        **drain,
    }

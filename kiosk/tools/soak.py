"""Memory over a day of visitors, for ``kiosk bench``: the same kiosk process serves journey after journey, and its
resident memory must stay flat (every visitor's pages are destroyed and rebuilt by the session wipe).

One journey is a visitor's whole visit: the identity-card request, prefilled, through every step; "Valider"; the
confirmation; the request's follow-up and "Annuler ma demande"; "Terminer", which wipes the session.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import os
import statistics
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.tools.demo_visit import prefill_demo_request
from kiosk.tools.drive import running_kiosk, settle
from kiosk.views.navigator import Route
from kiosk.views.pages.confirmation import ConfirmationPage
from kiosk.views.pages.follow_up import FollowUpPage

if TYPE_CHECKING:
    from kiosk.config import Settings
    from kiosk.tools.drive import Composition
    from kiosk.views.main_window import MainWindow

# Caches fill and the allocator settles first (the files worker's arena grows once, ~2.5 MB); growth is measured after.
WARM_UP = 100
JOURNEYS = 250


def rss_kb() -> int:
    """Resident memory of this process, in KiB (Linux)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def _tap(button: QWidget) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


async def journey(window: MainWindow) -> None:
    """One visitor, from the procedure to "Terminer"."""
    wizard = await prefill_demo_request(window)
    for _ in range(4):  # appointment → details → request (1/2) → request (2/2) → summary
        _tap(wizard.next_button)
        await settle(window)
    _tap(wizard.next_button)  # "Valider"
    await wizard.tasks.idle()
    confirmation = window.navigator.current_page()
    assert isinstance(confirmation, ConfirmationPage), confirmation
    window.navigator.go(Route.FOLLOW_UP, confirmation.params.tracking_code)
    await settle(window)
    follow_up = window.navigator.current_page()
    assert isinstance(follow_up, FollowUpPage), follow_up
    _tap(follow_up.cancel_button)
    overlay = follow_up.confirm_overlay
    assert overlay is not None
    # "Oui, annuler": the overlay's one button that is not the safe, primary "Non, garder ma demande".
    (confirm,) = [b for b in overlay.findChildren(QPushButton) if not b.property("primary")]
    _tap(confirm)
    await settle(window)
    assert follow_up.request is not None
    assert follow_up.request.status == "cancelled"
    _tap(window.header.finish_button)  # "Terminer": the session is wiped
    await asyncio.sleep(0)


BLOCKS = 5


def _slope(samples: list[int]) -> float:
    """Growth per journey: the samples cut into BLOCKS runs of journeys, each run's median, and the median of the
    growths from one run to the next. A leak grows every run; a one-time step (a worker thread's first use, a
    cache filling up) moves one run only, and the allocator's ups and downs between journeys vanish in medians."""
    size = len(samples) // BLOCKS
    levels = [statistics.median(samples[k * size : (k + 1) * size]) for k in range(BLOCKS)]
    return statistics.median(b - a for a, b in itertools.pairwise(levels)) / size


async def measure_memory(
    kiosk: Composition, settings: Settings, warm_up: int = WARM_UP, journeys: int = JOURNEYS
) -> tuple[float, float]:
    """(RSS growth in KiB per journey after the warm-up, the steady RSS in MiB: the median of the last journeys)."""
    samples: list[int] = []
    async with running_kiosk(kiosk, settings) as (_ctx, window, _backend):
        for number in range(warm_up + journeys):
            await journey(window)
            gc.collect()
            if number >= warm_up:
                samples.append(rss_kb())
    return _slope(samples), statistics.median(samples[-50:]) / 1024

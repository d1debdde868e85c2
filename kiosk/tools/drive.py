"""Driving a real kiosk window from code (screenshots, benchmarks): build it on a scratch cache, wait for it.

The tools build the kiosk exactly as ``kiosk run`` does, with the composition root (kiosk.app), which nothing
but the entry point imports (import-linter checks it): ``kiosk.__main__`` hands it to them as a ``Composition``.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Protocol

import shiboken6
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.config import Settings, replace
from kiosk.views.context import ViewContext
from kiosk.views.main_window import MainWindow
from kiosk.views.pages.base import Page
from kiosk.views.painted import AfterPaint


class Backend(Protocol):
    def close(self) -> None: ...


class Composition(Protocol):
    """What the tools need of the composition root (the module kiosk.app fits it)."""

    def application(self, argv: list[str] | None = None) -> QApplication: ...
    def build_window(self, settings: Settings) -> tuple[ViewContext, MainWindow]: ...
    async def start_backend(self, ctx: ViewContext, settings: Settings) -> Backend: ...


@asynccontextmanager
async def running_kiosk(
    kiosk: Composition, settings: Settings, size: tuple[int, int] = (1920, 1080)
) -> AsyncIterator[tuple[ViewContext, MainWindow, Backend]]:
    """A shown window of ``size`` with its backend, on a temporary cache unless ``settings`` says otherwise."""
    kiosk.application()
    with tempfile.TemporaryDirectory(prefix="kiosk-") as scratch:
        settings = replace(settings, data_dir=Path(scratch), fullscreen=False)
        ctx, window = kiosk.build_window(settings)
        window.resize(*size)
        window.show()
        window.activateWindow()
        backend = await kiosk.start_backend(ctx, settings)
        try:
            await settle(window)
            yield ctx, window, backend
        finally:
            # The translator is installed application-wide: leave the next window in French.
            ctx.translations.set_language("fr")
            window.close()
            window.deleteLater()
            backend.close()


async def settle(window: MainWindow, timeout: float = 15.0) -> None:
    """Wait until the current page has no task in flight and Qt has handled what is pending. ``timeout`` is for
    a stuck page, not a speed: a loaded machine checking an argon2 code may take seconds."""
    page = window.navigator.current_page()
    if page is not None:
        await asyncio.wait_for(page.tasks.idle(), timeout)
    await asyncio.sleep(0.02)  # let Qt lay out and paint what the tasks changed


def paint_done(page: QWidget, request: bool = False) -> asyncio.Future[float]:
    """A future resolved, with ``time.perf_counter()``, once the next paint pass that reaches ``page`` is over:
    as the visitor sees it, through the event loop and the window's backing store. ``request``: ask for that
    paint now; otherwise wait for the one a change on the screen brings."""
    done: asyncio.Future[float] = asyncio.get_running_loop().create_future()

    def painted() -> None:
        if not done.done():
            done.set_result(time.perf_counter())

    watch = AfterPaint(page, painted)
    if request:
        watch.request()
    done.add_done_callback(lambda _: watch.deleteLater() if shiboken6.isValid(watch) else None)
    return done


async def next_paint(page: QWidget, timeout: float = 5.0) -> None:
    """Repaint ``page`` and wait until it is on the screen (not a synchronous ``repaint()``, which paints one
    widget, not the opaque children that cover it, and skips layouts still pending)."""
    await asyncio.wait_for(paint_done(page, request=True), timeout)


async def shown_with_data(page: Page, painted: asyncio.Future[float], timeout: float = 5.0) -> None:
    """Wait until ``page``, just put on screen, is painted with its data: ``painted`` (from ``paint_done``
    armed at the tap) and, when the page's tasks ended after that paint, the paint that follows them."""
    await asyncio.wait_for(page.tasks.idle(), timeout)
    idle_at = time.perf_counter()
    if await asyncio.wait_for(painted, timeout) < idle_at:
        await next_paint(page, timeout)

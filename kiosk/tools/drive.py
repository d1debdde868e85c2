"""Driving a real kiosk window from code (screenshots, benchmarks): build it on a scratch cache, wait for it."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from kiosk.app import Backend, application, build_window, start_backend
from kiosk.config import Settings, replace
from kiosk.views.context import ViewContext
from kiosk.views.main_window import MainWindow


@asynccontextmanager
async def running_kiosk(
    settings: Settings, size: tuple[int, int] = (1920, 1080)
) -> AsyncIterator[tuple[ViewContext, MainWindow, Backend]]:
    """A shown window of ``size`` with its backend, on a temporary cache unless ``settings`` says otherwise."""
    application()
    with tempfile.TemporaryDirectory(prefix="kiosk-") as scratch:
        settings = replace(settings, data_dir=Path(scratch), fullscreen=False)
        ctx, window = build_window(settings)
        window.resize(*size)
        window.show()
        window.activateWindow()
        backend = await start_backend(ctx, settings)
        try:
            await settle(window)
            yield ctx, window, backend
        finally:
            # The translator is installed application-wide: leave the next window in French.
            ctx.translations.set_language("fr")
            window.close()
            window.deleteLater()
            backend.close()


async def settle(window: MainWindow, timeout: float = 5.0) -> None:
    """Wait until the current page has no task in flight and Qt has handled what is pending."""
    page = window.navigator.current_page()
    if page is not None:
        await asyncio.wait_for(page.tasks.idle(), timeout)
    await asyncio.sleep(0.02)  # let Qt lay out and paint what the tasks changed

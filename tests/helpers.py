"""Test helpers that are safe inside coroutines running on qasync."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import SignalInstance


async def wait_signal(signal: SignalInstance, timeout: float = 5.0) -> tuple[Any, ...]:
    """Await the next emission of ``signal``: the qasync-safe replacement for ``qtbot.waitSignal``."""
    fut: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()

    def on_emit(*args: Any) -> None:
        if not fut.done():
            fut.set_result(args)

    signal.connect(on_emit)
    try:
        return await asyncio.wait_for(fut, timeout)
    finally:
        signal.disconnect(on_emit)

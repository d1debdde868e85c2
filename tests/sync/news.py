"""What a sync test hears from the runner or the service (on the event loop's thread), and a way to await a
condition on it: woken by each piece of news, never polled with a sleep."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class News:
    """Call ``heard`` after recording something; ``until`` looks at its condition again after each."""

    def __init__(self) -> None:
        self._news = asyncio.Event()

    def heard(self) -> None:
        self._news.set()

    async def until(self, condition: Callable[[], bool], within: float) -> None:
        async with asyncio.timeout(within):
            while not condition():
                self._news.clear()
                await self._news.wait()

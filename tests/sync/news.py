"""What a sync test hears from the runner or the service (on the event loop's thread), and a way to await a
condition on it: woken by each piece of news, never polled with a sleep."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable

from sync.push import DrainSummary


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


class Drains(News):
    """The summaries a runner reports, and a way to await one that satisfies a condition."""

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[DrainSummary] = []

    def __call__(self, summary: DrainSummary) -> None:
        self.summaries.append(summary)
        self.heard()

    def sent(self) -> int:
        return sum(s.sent for s in self.summaries)


class Ceiling(random.Random):
    """Draws the top of every range: the longest wait a backoff schedule allows."""

    def uniform(self, a: float, b: float) -> float:
        return b

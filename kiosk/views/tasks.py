"""Strong references to the coroutines a page starts, so none is garbage-collected mid-flight or outlives it."""

from __future__ import annotations

import sys
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import asyncio

T = TypeVar("T")


class TaskOwner:
    """Starts tasks, keeps them alive until done, cancels them all when the owner goes away."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        import asyncio  # here, not at the top: the home screen is painted before asyncio is imported

        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            # Same path as an exception in a slot: pytest-qt fails the test; the kiosk's hook logs the type and
            # the place, never the message (it may quote what a visitor typed).
            sys.excepthook(type(exc), exc, exc.__traceback__)

    async def idle(self) -> None:
        """Return once every task started so far (and any they start) has finished."""
        while self._tasks:
            import asyncio

            await asyncio.wait(list(self._tasks))

    def cancel_all(self, but_current: bool = False) -> None:
        """Cancel every task; with ``but_current``, not the one calling (it is finishing its own work)."""
        import asyncio

        current = None
        if but_current:
            try:
                current = asyncio.current_task()
            except RuntimeError:  # called from plain Qt code, outside any coroutine
                current = None
        for task in list(self._tasks):
            if task is not current:
                task.cancel()

    def __len__(self) -> int:
        return len(self._tasks)

"""The one way a view starts a coroutine: ``owner.spawn(coro)`` on a TaskOwner (blocking work inside it is awaited
on a service's worker, never run here).

A page owns one TaskOwner; a widget with work of its own (the document picker listing a folder, the viewer
rendering a page) takes ``widget_tasks(widget, page_tasks)``: a child owner whose tasks count as the page's too (the
page's ``idle()`` waits for them, its ``cancel_all()`` cancels them), that can be cancelled alone, and whose tasks
end when the widget is destroyed. Owners keep strong references, so no task is garbage-collected mid-flight.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import asyncio

    from PySide6.QtCore import QObject

T = TypeVar("T")


class TaskOwner:
    """Starts tasks, keeps them alive until done, cancels them all when the owner goes away.

    A child owner (``child()``) registers each of its tasks with its parent too.
    """

    def __init__(self, parent: TaskOwner | None = None) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._parent = parent

    def child(self) -> TaskOwner:
        """An owner for part of this owner's work: its tasks are this owner's as well, and it cancels its own."""
        return TaskOwner(self)

    def spawn(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        import asyncio  # here, not at the top: the home screen is painted before asyncio is imported

        task = asyncio.ensure_future(coro)
        owner: TaskOwner | None = self
        while owner is not None:
            owner._tasks.add(task)
            task.add_done_callback(owner._tasks.discard)
            owner = owner._parent
        task.add_done_callback(_report)  # once, however many owners hold it
        return task

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

    def when_idle(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once every task started so far has finished (cancelled ones end on the loop's next
        turn), at once when none is running. For plain Qt code that cannot await ``idle``."""
        pending = set(self._tasks)
        if not pending:
            callback()
            return

        def done(task: asyncio.Task[Any]) -> None:
            pending.discard(task)
            if not pending:
                callback()

        for task in pending:
            task.add_done_callback(done)

    @property
    def busy(self) -> bool:
        """Some task of this owner is still running."""
        return bool(self._tasks)

    def __len__(self) -> int:
        return len(self._tasks)


def widget_tasks(widget: QObject, parent: TaskOwner | None) -> TaskOwner:
    """The owner of ``widget``'s tasks: a child of ``parent`` (its page's owner, so that waiting for the page waits
    for them) or, without one, an owner of its own. Its tasks are cancelled when ``widget`` is destroyed."""
    owner = parent.child() if parent is not None else TaskOwner()
    # A plain function holding the owner, not the widget: it is still whole when the widget is not.
    widget.destroyed.connect(lambda *_args: owner.cancel_all())
    return owner


def _report(task: asyncio.Task[Any]) -> None:
    if task.cancelled():
        return
    exc = task.exception()
    if exc is not None:
        # Same path as an exception in a slot: pytest-qt fails the test; the kiosk's hook logs the type and
        # the place, never the message (it may quote what a visitor typed).
        sys.excepthook(type(exc), exc, exc.__traceback__)

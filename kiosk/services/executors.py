"""The one way blocking work leaves the GUI thread: ``await worker.run(fn, *args)``.

Three workers, built by the composition root: the database's (ONE thread: SQLite sees a single writer, and every
repository call runs there), the files' (reading a USB key, checking a document, rendering its pages, writing or
printing a receipt) and, when the kiosk syncs, the network's (calls to central). Services wrap them in coroutines
the views await; a view that must paint off the GUI thread (a receipt onto a QPdfWriter or a printer, which Qt
allows) runs its function on the files' worker the same way.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class Worker:
    """Runs blocking calls on its own threads and hands the result back to the awaiting coroutine."""

    def __init__(self, name: str, threads: int = 1) -> None:
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix=name)

    async def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, functools.partial(fn, *args, **kwargs))

    def call(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run ``fn`` here from ANOTHER worker's thread and wait for it: how the blocking sync engine, on the
        network worker, keeps its SQL on the database thread. Never from the event loop thread (it would freeze
        the GUI), nor from this worker's own thread (it would wait for itself)."""
        return self._pool.submit(fn, *args, **kwargs).result()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=False)


class DbExecutor(Worker):
    """The one database worker thread. SQLite sees a single writer; the GUI thread never waits on SQL."""

    def __init__(self) -> None:
        super().__init__("kiosk-db", threads=1)


class FileWorker(Worker):
    """Files and documents: two threads, so that a slow USB key does not hold up a page being rendered."""

    def __init__(self) -> None:
        super().__init__("kiosk-files", threads=2)


class NetworkWorker(Worker):
    """Calls to central (the sync's drains, its health checks): a slow or silent network never holds up the
    database's thread or the files'. One thread: the push engine drains one at a time anyway."""

    def __init__(self) -> None:
        super().__init__("kiosk-net", threads=1)

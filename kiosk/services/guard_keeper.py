"""Keeps a code guard of the kiosk (the tracking codes', the agents' code's) across restarts: read from the cache
when the services start, written after every wrong code, on the DB worker.

The guard itself never touches the cache (the tracking guard is built before the first paint); until ``restore``
has run (before the services are attached, so before any code can be tried) it simply knows nothing of the earlier
run.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Protocol

from kiosk.models.dto import RequestStoreError
from kiosk.models.guard_state import GuardState
from kiosk.services.executors import DbExecutor
from kiosk.services.tracking import TrackingGuard

__all__ = ["GuardKeeper", "GuardStore"]

log = logging.getLogger(__name__)


class GuardStore(Protocol):
    """What the keeper needs of ``kiosk.models.guard_repository.GuardStateRepository``."""

    def load(self) -> GuardState: ...
    def save(self, state: GuardState) -> None: ...


class GuardKeeper:
    """Restores ``guard`` from ``store`` and saves it after each change. Use from the event loop thread only."""

    def __init__(self, guard: TrackingGuard, store: GuardStore, db: DbExecutor, name: str = "tracking") -> None:
        self._guard = guard
        self._name = name  # for the log
        self._store = store
        self._db = db
        self._pending: GuardState | None = None
        self._writer: asyncio.Task[None] | None = None

    async def restore(self) -> None:
        """Give the guard what the last run left, then save each of its changes from now on."""
        saved = await self._db.run(self._store.load)
        self._guard.on_change = self._changed  # first: restoring may move times the clock is now behind
        self._guard.restore(saved)

    async def saved(self) -> None:
        """Wait until every change so far is written (or failed to be)."""
        while self._writer is not None and not self._writer.done():
            await asyncio.shield(self._writer)

    def _changed(self, state: GuardState) -> None:
        # Called on the GUI thread, synchronously, by the guard: the write goes to the DB worker. Only the latest
        # state matters, so changes that arrive while one is being written are folded into the next write.
        self._pending = state
        if self._writer is None or self._writer.done():
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                return  # no loop turning (yet): the state waits for the next change, which comes from one
            self._writer = loop.create_task(self._write())

    async def _write(self) -> None:
        while self._pending is not None:
            state, self._pending = self._pending, None
            try:
                await self._db.run(self._store.save, state)
            except RequestStoreError as exc:
                # The guard still works from memory; the next wrong code tries to save again.
                log.warning("the %s guard's state could not be saved: %s", self._name, exc)

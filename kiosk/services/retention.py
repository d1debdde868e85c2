"""How long the kiosk keeps a cancelled request: ``Settings.retention_days`` after its cancellation, once central
has every operation of it. Purged when the services start and then every hour, on the DB worker.

Submitted requests are not purged by age: their personal data leaves the kiosk once central acknowledges them
(DESIGN.md "Sync"; the outbox does it as it marks the op sent, ``kiosk.models.outbox_repository``), and nothing
unsent may be lost.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from typing import Protocol

from kiosk.models.dto import RequestStoreError
from kiosk.services.executors import DbExecutor
from sync.clock import utc_now

__all__ = ["PURGE_INTERVAL_S", "RetentionService", "RetentionStore"]

log = logging.getLogger(__name__)

PURGE_INTERVAL_S = 3600.0


class RetentionStore(Protocol):
    """What the service needs of ``kiosk.models.retention.RetentionRepository``."""

    def purge_cancelled(self, cancelled_before: dt.datetime) -> int: ...


class RetentionService:
    """Purges the cancelled requests older than ``retention_days``. Call from the event loop thread only."""

    def __init__(
        self,
        store: RetentionStore,
        db: DbExecutor,
        retention_days: int,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        if retention_days < 1:
            raise ValueError("retention_days must be at least 1")
        self._store = store
        self._db = db
        self._retention = dt.timedelta(days=retention_days)
        self._clock = clock

    async def purge(self) -> int:
        """Purge now; how many requests went. A store error is logged, never raised: the next pass tries again."""
        try:
            count = await self._db.run(self._store.purge_cancelled, self._clock() - self._retention)
        except RequestStoreError as exc:
            log.warning("cancelled requests could not be purged: %s", exc)
            return 0
        if count:
            log.info("%d cancelled request(s) purged after %d days", count, self._retention.days)
        return count

    async def keep_purging(self, interval_s: float = PURGE_INTERVAL_S) -> None:
        """Purge every ``interval_s`` seconds, for ever (the composition root cancels it when the kiosk stops)."""
        while True:
            await asyncio.sleep(interval_s)
            await self.purge()

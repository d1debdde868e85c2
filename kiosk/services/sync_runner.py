"""Runs the push engine in the background: on a timer, and at once when woken (a new op queued, the network
back), never only on a new write. The drain blocks, so it runs on the network worker; its outbox reads and
writes are handed to the database worker, the one thread that runs SQL.

After a drain the runner sleeps ``idle_seconds``, or until ``resume_at`` when central was unavailable (its
Retry-After and the op's backoff: nothing is sent before). A ``wake()`` cuts the idle wait short, never an
outage's: that wait is central's to set (a wake during it is answered by the drain that ends it).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import threading
import uuid
from collections.abc import Callable, Sequence
from typing import Final, Protocol

from kiosk.services.executors import Worker
from sync.outbox import OutboxStore, QueuedOp
from sync.protocol import OpAnswer
from sync.push import DrainSummary

__all__ = ["Drainer", "OnWorker", "SyncRunner"]

log = logging.getLogger(__name__)

IDLE_SECONDS: Final = 30.0
# Between drains that end on an unauthorized token: an agent must act; trying again more often helps nobody.
UNAUTHORIZED_SECONDS: Final = 300.0


class Drainer(Protocol):
    """What the runner needs of ``sync.push.PushEngine``."""

    def drain(self, should_stop: Callable[[], bool] = ...) -> DrainSummary: ...


class OnWorker:
    """An ``OutboxStore`` whose every call runs on ``worker`` (the database worker), whatever thread calls it."""

    def __init__(self, store: OutboxStore, worker: Worker) -> None:
        self._store = store
        self._worker = worker

    def next_due(self, now: dt.datetime) -> Sequence[QueuedOp]:
        return self._worker.call(self._store.next_due, now)

    def mark_sent(self, op_id: uuid.UUID, answer: OpAnswer, at: dt.datetime) -> None:
        self._worker.call(self._store.mark_sent, op_id, answer, at)

    def mark_retry(self, op_id: uuid.UUID, attempts: int, next_attempt_at: dt.datetime, error: str) -> None:
        self._worker.call(self._store.mark_retry, op_id, attempts, next_attempt_at, error)

    def mark_dead(self, op_id: uuid.UUID, reason: str, at: dt.datetime) -> None:
        self._worker.call(self._store.mark_dead, op_id, reason, at)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SyncRunner:
    """Drains ``engine`` on ``network`` in a loop. ``on_drained`` (called on the event loop thread) hears each
    summary: the header's online state and waiting count will come from it."""

    def __init__(
        self,
        engine: Drainer,
        network: Worker,
        *,
        idle_seconds: float = IDLE_SECONDS,
        on_drained: Callable[[DrainSummary], None] | None = None,
        clock: Callable[[], dt.datetime] = _utc_now,
    ) -> None:
        self._engine = engine
        self._network = network
        self._idle = idle_seconds
        self._on_drained = on_drained
        self._clock = clock
        self._wake = asyncio.Event()
        self._stopping = threading.Event()  # read by the drain on the network thread, between ops
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start draining (call from the event loop's thread); the runner keeps a reference to its task."""
        if self._task is None or self._task.done():
            self._stopping.clear()
            self._task = asyncio.get_running_loop().create_task(self._run(), name="sync-runner")

    def wake(self) -> None:
        """Drain now rather than at the next tick: an op was queued, or the network came back."""
        self._wake.set()

    async def stop(self) -> None:
        """Stop; a drain in progress ends after its current op (never in the middle of one), and is awaited."""
        task, self._task = self._task, None
        if task is not None:
            self._stopping.set()
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def _run(self) -> None:
        while True:
            self._wake.clear()
            summary = await self._drain()
            if summary is not None and self._on_drained is not None:
                try:
                    self._on_drained(summary)
                except Exception:
                    log.exception("sync listener failed")  # the drains go on: a listener's bug must not stop them
            await self._pause(summary)

    async def _drain(self) -> DrainSummary | None:
        # shield: cancelling the runner must not leave the network thread's drain unawaited mid-op; stop() waits.
        drain = asyncio.ensure_future(self._network.run(self._engine.drain, self._stopping.is_set))
        try:
            return await asyncio.shield(drain)
        except asyncio.CancelledError:
            await asyncio.gather(drain, return_exceptions=True)
            raise
        except Exception:
            # A store error (a full disk) or a bug: the ops stay queued, the next tick tries again.
            log.exception("sync drain failed")
            return None

    async def _pause(self, summary: DrainSummary | None) -> None:
        if summary is not None and summary.stopped_reason == "unavailable" and summary.resume_at is not None:
            # Central's wait: a wake does not shorten it.
            await asyncio.sleep(max(0.0, (summary.resume_at - self._clock()).total_seconds()))
            return
        seconds = (
            UNAUTHORIZED_SECONDS if summary is not None and summary.stopped_reason == "unauthorized" else self._idle
        )
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=seconds)

"""Runs the push engine in the background: on a timer, and at once when woken (a new op queued, the network
back), never only on a new write. The drain blocks, so it runs on the network worker; its outbox reads and
writes are handed to the database worker, the one thread that runs SQL.

After a drain the runner sleeps ``idle_seconds``, or until ``resume_at`` when central was unavailable (its
Retry-After and the op's backoff: nothing is sent before). A ``wake()`` cuts the idle wait short, never an
outage's: that wait is central's to set (a wake during it is answered by the drain that ends it). When the drain
got no answer at all (the network or central down, ``DrainSummary.unreachable``), central set no wait: with a
``probe`` (central's health check) the runner asks every ``probe_seconds`` meanwhile, and the first answer ends
the wait with a ``reconnected`` drain — the network coming back, not the backoff's clock, sends the queue.

With a ``leaser``, the runner keeps the pool of tracking codes leased from central filled after each drain that
was not stopped by an outage or a refused token (``sync.codes``).

With a ``puller``, the runner also pulls the catalogue, the slots and the requests' news: after a drain that sent
something (central has news of those requests) and every ``pull_seconds`` ± 20 % (the kiosks of a town do not
poll in step). A failed pull never stops the drains: it only puts the next pull off (central's Retry-After or the
pull's backoff). Pull timers run on the monotonic clock: a kiosk's date set ten years off changes nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import random
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from typing import Final, Protocol, TypeVar

from kiosk.services.executors import Worker
from sync.backoff import MAX_WAIT_SECONDS
from sync.clock import utc_now
from sync.codes import CodeStore, LeaseSummary
from sync.outbox import OutboxStore, QueuedOp
from sync.protocol import CHANGE_SCOPES, ChangePage, ChangeScope, OpAnswer
from sync.pull import PullPosition, PullStore, PullSummary
from sync.push import DrainSummary

__all__ = ["CodesOnWorker", "Drainer", "Leaser", "OnWorker", "PullOnWorker", "Puller", "SyncRunner"]

T = TypeVar("T")

log = logging.getLogger(__name__)

IDLE_SECONDS: Final = 30.0
# Between drains that end on an unauthorized token: an agent must act; trying again more often helps nobody.
UNAUTHORIZED_SECONDS: Final = 300.0
PULL_SECONDS: Final = 60.0
# Between health checks while the network is down: a request waits at most this long once it is back. The check
# is one small GET; a town's kiosks asking every few seconds cost central nothing next to their polls.
PROBE_SECONDS: Final = 5.0
PULL_JITTER: Final = 0.2  # ± this share of pull_seconds


class Drainer(Protocol):
    """What the runner needs of ``sync.push.PushEngine``."""

    def drain(self, should_stop: Callable[[], bool] = ..., *, reconnected: bool = ...) -> DrainSummary: ...


class Puller(Protocol):
    """What the runner needs of ``sync.pull.PullEngine``."""

    def pull_all(self, scopes: Sequence[ChangeScope], should_stop: Callable[[], bool] = ...) -> list[PullSummary]: ...


class Leaser(Protocol):
    """What the runner needs of ``sync.codes.CodeLeaser``."""

    def refill(self, should_stop: Callable[[], bool] = ...) -> LeaseSummary: ...


class OnWorker:
    """An ``OutboxStore`` whose every call runs on ``worker`` (the database worker), whatever thread calls it."""

    def __init__(self, store: OutboxStore, worker: Worker) -> None:
        self._store = store
        self._worker = worker

    def next_due(self, now: dt.datetime, *, reconnected: bool = False) -> Sequence[QueuedOp]:
        return self._worker.call(self._store.next_due, now, reconnected=reconnected)

    def mark_sent(self, op_id: uuid.UUID, answer: OpAnswer, at: dt.datetime) -> None:
        self._worker.call(self._store.mark_sent, op_id, answer, at)

    def mark_retry(
        self, op_id: uuid.UUID, attempts: int, next_attempt_at: dt.datetime, error: str, *, unreachable: bool = False
    ) -> None:
        self._worker.call(self._store.mark_retry, op_id, attempts, next_attempt_at, error, unreachable=unreachable)

    def mark_dead(self, op_id: uuid.UUID, reason: str, at: dt.datetime) -> None:
        self._worker.call(self._store.mark_dead, op_id, reason, at)

    def settle(self) -> None:
        self._worker.call(self._store.settle)

    def blob(self, aggregate_id: uuid.UUID, sha256: str) -> bytes | None:
        blob = getattr(self._store, "blob", None)  # a store without files (sync.push.BlobSource) holds none
        return None if blob is None else self._worker.call(blob, aggregate_id, sha256)


def catalogue_changed(summaries: Sequence[PullSummary]) -> bool:
    """Whether these pulls changed the kiosk's catalogue (something applied, or a snapshot taken)."""
    return any(summary.scope == "catalogue" and (summary.applied or summary.resynced) for summary in summaries)


class PullOnWorker:
    """A ``PullStore`` whose every call runs on ``worker`` (the database worker), whatever thread calls it."""

    def __init__(self, store: PullStore, worker: Worker) -> None:
        self._store = store
        self._worker = worker

    def position(self, scope: ChangeScope) -> PullPosition:
        return self._worker.call(self._store.position, scope)

    def apply_page(self, scope: ChangeScope, page: ChangePage, etag: str | None, *, snapshot_start: bool) -> int:
        return self._worker.call(self._store.apply_page, scope, page, etag, snapshot_start=snapshot_start)

    def forget_cursor(self, scope: ChangeScope) -> None:
        self._worker.call(self._store.forget_cursor, scope)


class CodesOnWorker:
    """A ``CodeStore`` whose every call runs on ``worker`` (the database worker), whatever thread calls it."""

    def __init__(self, store: CodeStore, worker: Worker) -> None:
        self._store = store
        self._worker = worker

    def unused(self) -> int:
        return self._worker.call(self._store.unused)

    def add(self, codes: Sequence[str], at: dt.datetime) -> int:
        return self._worker.call(self._store.add, codes, at)


class SyncRunner:
    """Drains ``engine`` on ``network`` in a loop. ``on_drained`` (called on the event loop thread) hears each
    summary: the header's online state and waiting count will come from it. With ``puller``, pulls as the module
    says; ``on_pulled`` hears each round's summaries (a catalogue changed: rebuild the search index)."""

    def __init__(
        self,
        engine: Drainer,
        network: Worker,
        *,
        idle_seconds: float = IDLE_SECONDS,
        on_drained: Callable[[DrainSummary], None] | None = None,
        clock: Callable[[], dt.datetime] = utc_now,
        puller: Puller | None = None,
        pull_seconds: float = PULL_SECONDS,
        on_pulled: Callable[[Sequence[PullSummary]], None] | None = None,
        leaser: Leaser | None = None,
        probe: Callable[[], bool] | None = None,
        probe_seconds: float = PROBE_SECONDS,
        rng: random.Random | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._engine = engine
        self._network = network
        self._idle = idle_seconds
        self._on_drained = on_drained
        self._clock = clock
        self._puller = puller
        self._pull_seconds = pull_seconds
        self._on_pulled = on_pulled
        self._leaser = leaser
        self._probe = probe
        self._probe_seconds = probe_seconds
        self._rng = rng if rng is not None else random.Random()
        self._monotonic = monotonic
        self._next_pull = monotonic()  # the first pull follows the first drain
        self._pull_not_before = self._next_pull
        self._pull_waits_for_network = False  # the pulls' wait is their own backoff after no connection
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
        reconnected = False
        while True:
            self._wake.clear()
            summary = await self._drain(reconnected)
            if summary is not None and self._on_drained is not None:
                try:
                    self._on_drained(summary)
                except Exception:
                    log.exception("sync listener failed")  # the drains go on: a listener's bug must not stop them
            await self._pull(summary)
            await self._lease(summary)
            reconnected = await self._pause(summary)

    async def _drain(self, reconnected: bool) -> DrainSummary | None:
        engine = self._engine
        try:
            return await self._on_network(
                lambda stop: engine.drain(stop, reconnected=reconnected), self._stopping.is_set
            )
        except asyncio.CancelledError:
            raise
        except Exception:
            # A store error (a full disk) or a bug: the ops stay queued, the next tick tries again.
            log.exception("sync drain failed")
            return None

    async def _on_network(self, work: Callable[[Callable[[], bool]], T], should_stop: Callable[[], bool]) -> T:
        # shield: cancelling the runner must not leave the network thread's work unawaited mid-call; stop() waits.
        running = asyncio.ensure_future(self._network.run(work, should_stop))
        try:
            return await asyncio.shield(running)
        except asyncio.CancelledError:
            await asyncio.gather(running, return_exceptions=True)
            raise

    async def _pull(self, drained: DrainSummary | None) -> None:
        if self._puller is None:
            return
        now = self._monotonic()
        news = drained is not None and drained.stopped_reason is None and drained.sent > 0
        if now < self._pull_not_before or not (news or now >= self._next_pull):
            return
        puller = self._puller
        summaries: list[PullSummary] = []
        try:
            summaries = await self._on_network(lambda stop: puller.pull_all(CHANGE_SCOPES, stop), self._stopping.is_set)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("sync pull failed")  # a store error or a bug: the drains go on, the next pull tries again
        self._schedule_pull(summaries)
        if summaries and self._on_pulled is not None:
            try:
                self._on_pulled(summaries)
            except Exception:
                log.exception("pull listener failed")

    async def _lease(self, drained: DrainSummary | None) -> None:
        # After a drain that reached its end (the outbox is not stuck on an outage): the leaser itself calls only
        # when the pool runs low, and waits after a failure.
        if self._leaser is None or drained is None or drained.stopped_reason is not None:
            return
        try:
            await self._on_network(self._leaser.refill, self._stopping.is_set)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("code lease failed")  # a store error or a bug: the drains go on

    def _schedule_pull(self, summaries: Sequence[PullSummary]) -> None:
        now = self._monotonic()
        self._next_pull = now + self._pull_seconds * self._rng.uniform(1 - PULL_JITTER, 1 + PULL_JITTER)
        self._pull_not_before = now
        self._pull_waits_for_network = False
        for summary in summaries:
            if summary.stopped_reason == "unauthorized":
                self._pull_not_before = now + UNAUTHORIZED_SECONDS
            elif summary.stopped_reason == "unavailable" and summary.resume_at is not None:
                wait = (summary.resume_at - self._clock()).total_seconds()
                self._pull_not_before = now + min(max(0.0, wait), MAX_WAIT_SECONDS)
                self._pull_waits_for_network = summary.unreachable
        self._next_pull = max(self._next_pull, self._pull_not_before)

    async def _pause(self, summary: DrainSummary | None) -> bool:
        """Wait before the next drain; True when it ends because the network came back (see ``_until_back``)."""
        if summary is not None and summary.stopped_reason == "unavailable" and summary.resume_at is not None:
            if summary.unreachable and self._probe is not None:
                return await self._until_back(summary.resume_at)
            # Central's wait (or a slow central's backoff): a wake does not shorten it.
            await asyncio.sleep(self._seconds_until(summary.resume_at))
            return False
        seconds = (
            UNAUTHORIZED_SECONDS if summary is not None and summary.stopped_reason == "unauthorized" else self._idle
        )
        if self._puller is not None:  # wake for the next pull, whichever comes first
            seconds = min(seconds, max(0.0, self._next_pull - self._monotonic()))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=seconds)
        return False

    async def _until_back(self, resume_at: dt.datetime) -> bool:
        """Wait until ``resume_at``, or until central answers its health check, whichever comes first: True then.
        Only a drain that could not connect at all waits here (``DrainSummary.unreachable``): a central that is up
        but too slow to answer its ops still answers its health check, and must not be sent the queue again at
        every check."""
        probe = self._probe
        assert probe is not None
        while (left := self._seconds_until(resume_at)) > 0:
            await asyncio.sleep(min(self._probe_seconds, left))
            try:
                back = await self._on_network(lambda _stop: probe(), self._stopping.is_set)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("central's health could not be asked")
                back = False
            if back:
                log.info("central answers again: the requests waiting are sent now")
                if self._pull_waits_for_network:  # the pulls waited on the network too: they may go again
                    self._pull_not_before = self._next_pull = self._monotonic()
                return True
        return False

    def _seconds_until(self, at: dt.datetime) -> float:
        return max(0.0, (at - self._clock()).total_seconds())

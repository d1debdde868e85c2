"""A 503 storm with Retry-After in front of a real central: the kiosk's runner waits as told, then drains the queue
on its timer alone, with no new write."""

from __future__ import annotations

import asyncio
import itertools
import random
import threading

from sqlalchemy import Engine

from kiosk.services.executors import DbExecutor, Worker
from kiosk.services.sync_runner import OnWorker, SyncRunner
from sync.backoff import Backoff
from sync.client import CentralClient
from sync.push import PushEngine
from tests.sync.conftest import Registered, central_requests
from tests.sync.fault_proxy import FORWARD, Fault, FaultProxy, answer
from tests.sync.kiosk_cache import KioskCache
from tests.sync.news import Drains

RETRY_AFTER = 1
STORM_CALLS = 3


UNAVAILABLE = answer(
    503, ("Retry-After", str(RETRY_AFTER)), body=b'{"error":"unavailable","detail":"central is restarting"}'
)


def test_after_a_503_storm_the_timer_alone_drains_the_queue_and_retry_after_is_honoured(
    cache: KioskCache, kiosk: Registered, proxy: FaultProxy, db: Engine
) -> None:
    submitted = cache.submit(5)
    storm = iter([UNAVAILABLE] * STORM_CALLS)
    lock = threading.Lock()

    def decide() -> Fault:
        with lock:
            return next(storm, FORWARD)

    proxy.decide = decide
    drains = Drains()
    summaries = drains.summaries

    async def run() -> None:
        db_worker, network = DbExecutor(), Worker("kiosk-net")
        engine = PushEngine(
            OnWorker(cache.outbox, db_worker),
            CentralClient(proxy.url, kiosk.token),
            backoff=Backoff(0.05, 0.2, random.Random(3)),
        )
        # An idle tick far longer than the test: only the outage's own schedule can bring the drains back.
        runner = SyncRunner(engine, network, idle_seconds=600, on_drained=drains)
        runner.start()
        try:
            await drains.until(lambda: drains.sent() == len(submitted), within=20)
        finally:
            await runner.stop()
            network.shutdown()
            db_worker.shutdown()

    asyncio.run(run())

    assert central_requests(db, kiosk.name) == {s.reference: 1 for s in submitted}
    calls = proxy.calls
    assert [c.fault for c in calls[:STORM_CALLS]] == [UNAVAILABLE] * STORM_CALLS
    # Nothing was sent before the announced wait was over.
    gaps = [later.at - earlier.at for earlier, later in itertools.pairwise(calls[: STORM_CALLS + 1])]
    assert all(gap >= RETRY_AFTER - 0.01 for gap in gaps), gaps
    assert [s.stopped_reason for s in summaries[:STORM_CALLS]] == ["unavailable"] * STORM_CALLS
    assert summaries[STORM_CALLS].stopped_reason is None
    assert all(s.resume_at is not None for s in summaries[:STORM_CALLS])
    assert sum(s.sent for s in summaries) == 5
    # The ops that met the storm carry its trace until they were sent.
    assert sum(row.attempts for row in cache.rows()) == STORM_CALLS


def test_a_wake_drains_at_once_and_the_idle_tick_drains_without_one(
    cache: KioskCache, kiosk: Registered, proxy: FaultProxy, db: Engine
) -> None:
    async def run(idle_seconds: float, wake: bool) -> None:
        drains = Drains()
        db_worker, network = DbExecutor(), Worker("kiosk-net")
        engine = PushEngine(OnWorker(cache.outbox, db_worker), CentralClient(proxy.url, kiosk.token))
        runner = SyncRunner(engine, network, idle_seconds=idle_seconds, on_drained=drains)
        runner.start()
        try:
            await drains.until(lambda: bool(drains.summaries), within=5)  # the first drain: nothing queued yet
            already = drains.sent()
            await asyncio.to_thread(cache.submit, 1)
            if wake:
                runner.wake()
            await drains.until(lambda: drains.sent() == already + 1, within=5)
        finally:
            await runner.stop()
            network.shutdown()
            db_worker.shutdown()

    asyncio.run(run(idle_seconds=600, wake=True))  # only the wake can bring this drain within 5 s
    asyncio.run(run(idle_seconds=0.3, wake=False))  # no wake: the tick does it
    assert len(central_requests(db, kiosk.name)) == 2


def test_stopping_the_runner_ends_its_drain_after_the_current_op(
    cache: KioskCache, kiosk: Registered, proxy: FaultProxy, db: Engine
) -> None:
    cache.submit(5)
    entered, release = threading.Event(), threading.Event()

    def slow_first() -> Fault:
        if not entered.is_set():
            entered.set()
            release.wait(10)
        return FORWARD

    proxy.decide = slow_first

    async def run() -> None:
        db_worker, network = DbExecutor(), Worker("kiosk-net")
        engine = PushEngine(OnWorker(cache.outbox, db_worker), CentralClient(proxy.url, kiosk.token))
        runner = SyncRunner(engine, network, idle_seconds=600)
        runner.start()
        try:
            assert await asyncio.to_thread(entered.wait, 10)
            stopping = asyncio.ensure_future(runner.stop())
            await asyncio.sleep(0.1)
            assert not stopping.done()  # it waits for the op in flight...
            release.set()
            await asyncio.wait_for(stopping, 10)  # ...and no longer
        finally:
            network.shutdown()
            db_worker.shutdown()

    asyncio.run(run())

    assert [row.sent for row in cache.rows()] == [True, False, False, False, False]
    assert all(row.attempts == 0 for row in cache.rows())
    assert len(central_requests(db, kiosk.name)) == 1

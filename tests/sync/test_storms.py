"""F4: a full outage (every call 503 with Retry-After), then a storm of 500s that central answers after its commit,
before sixty queued requests: the runner drains them on its own schedule, with no new local write. Oracle: 0
lost, 0 duplicated. The control run, with a client that makes a new key per attempt, must produce duplicates."""

from __future__ import annotations

import asyncio
import random
import threading

import pytest
from sqlalchemy import Engine

from kiosk.services.executors import DbExecutor, Worker
from kiosk.services.sync_runner import OnWorker, SyncRunner
from sync.backoff import Backoff
from sync.client import CentralClient
from sync.push import OpSender, PushEngine
from tests.sync.conftest import Registered, central_requests
from tests.sync.drain_child import FreshKeys
from tests.sync.fault_proxy import FAIL_AFTER_COMMIT, FORWARD, Fault, FaultProxy, answer
from tests.sync.kiosk_cache import KioskCache
from tests.sync.news import Drains

REQUESTS = 60
OUTAGE_DRAINS = 3  # drains that meet the outage before it ends
STORM = 0.3  # share of the calls central commits, then answers 500
OUTAGE = answer(503, ("Retry-After", "1"), body=b'{"error":"unavailable","detail":"central is down"}')


class Weather:
    """Central down (503 + Retry-After) until ``clear()``; then a storm of errors after commit on a seeded share
    of the calls."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._outage = True

    def clear(self) -> None:
        self._outage = False

    def __call__(self) -> Fault:
        with self._lock:
            if self._outage:
                return OUTAGE
            return FAIL_AFTER_COMMIT if self._rng.random() < STORM else FORWARD


def drained_through_the_weather(
    cache: KioskCache, kiosk: Registered, proxy: FaultProxy, *, fresh_keys: bool, seed: int
) -> Drains:
    weather = Weather(seed)
    proxy.decide = weather
    drains = Drains()

    async def run() -> None:
        db_worker, network = DbExecutor(), Worker("kiosk-net")
        client = CentralClient(proxy.url, kiosk.token)
        sender: OpSender = FreshKeys(client) if fresh_keys else client
        engine = PushEngine(OnWorker(cache.outbox, db_worker), sender, backoff=Backoff(0.02, 0.1, random.Random(seed)))
        # An idle tick far longer than the test: the outage's and the storm's own schedule bring every drain.
        runner = SyncRunner(engine, network, idle_seconds=600, on_drained=drains)
        runner.start()
        try:
            await drains.until(lambda: len(drains.summaries) >= OUTAGE_DRAINS, within=30)
            weather.clear()
            await drains.until(lambda: cache.outbox.waiting() == 0, within=120)
        finally:
            await runner.stop()
            network.shutdown()
            db_worker.shutdown()

    asyncio.run(run())
    outage = drains.summaries[:OUTAGE_DRAINS]
    assert all((s.sent, s.stopped_reason, s.unreachable) == (0, "unavailable", False) for s in outage)
    assert any(call.fault == FAIL_AFTER_COMMIT for call in proxy.calls)  # the storm did break answers
    return drains


@pytest.mark.parametrize("seed", [5])
def test_an_outage_then_a_storm_of_errors_after_commit_lose_nothing_and_duplicate_nothing(
    cache: KioskCache, kiosk: Registered, proxy: FaultProxy, db: Engine, seed: int
) -> None:
    submitted = cache.submit(REQUESTS)

    drains = drained_through_the_weather(cache, kiosk, proxy, fresh_keys=False, seed=seed)

    assert central_requests(db, kiosk.name) == {s.reference: 1 for s in submitted}
    assert all(row.sent and row.number for row in cache.rows())
    # Each op whose answer a 500 replaced was sent again under its key, and answered as a replay of the commit.
    broken = {call.key for call in proxy.calls if call.fault == FAIL_AFTER_COMMIT}
    assert sum(s.replayed for s in drains.summaries) == len(broken)


@pytest.mark.parametrize("seed", [5])
def test_control_a_client_with_a_fresh_key_per_attempt_duplicates_in_the_storm(
    cache: KioskCache, kiosk: Registered, proxy: FaultProxy, db: Engine, seed: int
) -> None:
    submitted = cache.submit(REQUESTS)

    drained_through_the_weather(cache, kiosk, proxy, fresh_keys=True, seed=seed)

    on_central = central_requests(db, kiosk.name)
    assert set(on_central) == {s.reference for s in submitted}
    assert sum(on_central.values()) > REQUESTS, on_central  # D > 0: the oracle sees duplicates

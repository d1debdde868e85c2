"""The network coming back sends the queue, not the backoff's clock: after a drain that got no answer, the runner
asks central's health meanwhile and drains at its first answer — while a wait central asked for stays whole."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading

from sqlalchemy import Engine

from kiosk.services.executors import DbExecutor, Worker
from kiosk.services.sync_runner import OnWorker, SyncRunner
from sync.backoff import Backoff
from sync.client import CentralClient
from sync.protocol import API_PREFIX
from sync.push import PushEngine
from tests.sync.conftest import Registered, central_requests
from tests.sync.fault_proxy import FORWARD, NETWORK_DOWN, Fault, FaultProxy, stall
from tests.sync.kiosk_cache import KioskCache
from tests.sync.news import Ceiling, Drains

STALL_READ_TIMEOUT = 0.3  # the kiosk's read timeout in the slow-central test: central answers later than that
STALL = stall(seconds=STALL_READ_TIMEOUT * 4)
# The kiosk's own backoff after the first failure: far beyond the test, so only the network coming back can
# bring the drain that sends the queue.
BACKOFF_SECONDS = 600.0
HEALTH = f"{API_PREFIX}/health"


class Network:
    """Down until ``restore()``."""

    def __init__(self, proxy: FaultProxy) -> None:
        self._up = threading.Event()
        proxy.decide = self.decide

    def decide(self) -> Fault:
        return FORWARD if self._up.is_set() else NETWORK_DOWN

    def restore(self) -> None:
        self._up.set()


def test_the_network_coming_back_sends_the_queue_without_waiting_out_the_backoff(
    cache: KioskCache, kiosk: Registered, proxy: FaultProxy, db: Engine
) -> None:
    submitted = cache.submit(4)
    network = Network(proxy)
    drains = Drains()

    probes: list[bool] = []
    started = dt.datetime.now(dt.UTC)

    async def run() -> None:
        loop = asyncio.get_running_loop()
        db_worker, net = DbExecutor(), Worker("kiosk-net")
        client = CentralClient(proxy.url, kiosk.token, timeout=(1.0, 2.0))

        def probe() -> bool:  # the kiosk's health check, heard by the test (it runs on the network thread)
            answered = client.reachable()
            probes.append(answered)
            loop.call_soon_threadsafe(drains.heard)
            return answered

        engine = PushEngine(
            OnWorker(cache.outbox, db_worker), client, backoff=Backoff(BACKOFF_SECONDS, BACKOFF_SECONDS, Ceiling())
        )
        runner = SyncRunner(
            engine, net, idle_seconds=BACKOFF_SECONDS, on_drained=drains, probe=probe, probe_seconds=0.05
        )
        runner.start()
        try:
            await drains.until(lambda: bool(drains.summaries), within=10)
            # A few health checks meet the network down and change nothing...
            await drains.until(lambda: len(probes) >= 3, within=10)
            assert not any(probes)
            assert (drains.sent(), len(drains.summaries)) == (0, 1)
            network.restore()  # ...then one gets through
            await drains.until(lambda: drains.sent() == len(submitted), within=10)
        finally:
            await runner.stop()
            net.shutdown()
            db_worker.shutdown()

    asyncio.run(run())

    first = drains.summaries[0]
    assert (first.stopped_reason, first.unreachable, first.sent) == ("unavailable", True, 0)
    assert first.resume_at is not None
    # The timer would have come back only after the backoff; the queue went at the first health check answered.
    assert (first.resume_at - started).total_seconds() >= BACKOFF_SECONDS - 1
    assert dt.datetime.now(dt.UTC) < first.resume_at
    assert (drains.summaries[1].resume_at, drains.summaries[1].sent) == (None, len(submitted))
    assert probes.count(True) == 1
    assert probes[-1]
    health = [call for call in proxy.calls if call.path == HEALTH]
    assert [call.fault for call in health] == [NETWORK_DOWN] * (len(health) - 1) + [FORWARD]
    assert central_requests(db, kiosk.name) == {s.reference: 1 for s in submitted}


def test_a_wait_central_asked_for_is_not_cut_short_by_the_network_coming_back(cache: KioskCache) -> None:
    """An op central answered 503 + Retry-After waits it out even in a reconnected drain; an op that got no answer
    does not."""
    cache.submit(2)
    now = dt.datetime.now(dt.UTC)
    first, second = cache.outbox.next_due(now)
    later = now + dt.timedelta(seconds=BACKOFF_SECONDS)
    cache.outbox.mark_retry(first.op_id, 1, later, "503 unavailable: central is restarting")
    cache.outbox.mark_retry(second.op_id, 1, later, "unreachable: ConnectionError", unreachable=True)

    assert cache.outbox.next_due(now) == []
    (due,) = cache.outbox.next_due(now, reconnected=True)
    assert due.op_id == second.op_id


def test_a_central_too_slow_to_answer_is_not_taken_for_a_network_down(
    cache: KioskCache, kiosk: Registered, proxy: FaultProxy
) -> None:
    """A read timeout came over a connection that was made: central is there but slow (ops queued behind a lock),
    and its health check still answers. Its op waits out its backoff; only a call that could not connect waits for
    the network to come back — else every health check would send the queue to a central already struggling."""
    cache.submit(1)
    proxy.decide = lambda: STALL
    engine = PushEngine(
        cache.outbox,
        CentralClient(proxy.url, kiosk.token, timeout=(1.0, STALL_READ_TIMEOUT)),
        backoff=Backoff(BACKOFF_SECONDS, BACKOFF_SECONDS, Ceiling()),
    )

    summary = engine.drain()

    assert (summary.stopped_reason, summary.retried, summary.unreachable) == ("unavailable", 1, False)
    assert [call.fault for call in proxy.calls] == [STALL]  # the call reached central's side
    # The health check answering changes nothing: the op waits out its backoff.
    assert cache.outbox.next_due(dt.datetime.now(dt.UTC), reconnected=True) == []

"""The runner pulls after a drain and on its timer, and a pull that fails never holds up the pushes: pulls go
through a proxy answering 503 with Retry-After, pushes straight to the same real central."""

from __future__ import annotations

import asyncio
import itertools
import random
import threading
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine

from kiosk.models.pull_store import PullRepository
from kiosk.models.repositories import CatalogueRepository
from kiosk.services.executors import DbExecutor, Worker
from kiosk.services.sync_runner import OnWorker, PullOnWorker, SyncRunner
from sync.backoff import Backoff
from sync.client import CentralClient
from sync.pull import PullEngine, PullSummary
from sync.push import DrainSummary, PushEngine
from tests.central.conftest import Central, central
from tests.central.pull import unique, write_catalogue
from tests.sync.conftest import Registered, central_requests
from tests.sync.fault_proxy import FORWARD, Fault, FaultProxy, answer
from tests.sync.kiosk_cache import KioskCache
from tests.sync.news import News

RETRY_AFTER = 1
FAILED_PULLS = 2
UNAVAILABLE = answer(503, ("Retry-After", str(RETRY_AFTER)), body=b'{"error":"unavailable","detail":"restarting"}')


class Heard(News):
    """What the runner reported (drains and pull rounds), and a way to await a condition on it."""

    def __init__(self) -> None:
        super().__init__()
        self.drains: list[DrainSummary] = []
        self.pulls: list[Sequence[PullSummary]] = []

    def drained(self, summary: DrainSummary) -> None:
        self.drains.append(summary)
        self.heard()

    def pulled(self, summaries: Sequence[PullSummary]) -> None:
        self.pulls.append(summaries)
        self.heard()

    def sent(self) -> int:
        return sum(s.sent for s in self.drains)

    def complete_pulls(self) -> int:
        return sum(all(s.stopped_reason is None for s in round_) and len(round_) == 3 for round_ in self.pulls)


def test_pulls_follow_drains_and_the_timer_and_a_failing_pull_never_stops_the_pushes(
    cache: KioskCache, kiosk: Registered, server: Central, proxy: FaultProxy, db: Engine, tmp_path: Path
) -> None:
    slug = unique("p")
    loaded = central(server.env, "catalogue", "load", str(write_catalogue(tmp_path, unique("d"), {slug: (1, "Une")})))
    assert loaded.returncode == 0, loaded.stderr
    storm = iter([UNAVAILABLE] * FAILED_PULLS)
    lock = threading.Lock()

    def decide() -> Fault:
        with lock:
            return next(storm, FORWARD)

    proxy.decide = decide
    first = cache.submit(1)
    heard = Heard()

    async def run() -> None:
        db_worker, network = DbExecutor(), Worker("kiosk-net")
        pusher = PushEngine(OnWorker(cache.outbox, db_worker), CentralClient(server.url, kiosk.token))
        puller = PullEngine(
            PullOnWorker(PullRepository(cache.sessions), db_worker),
            CentralClient(proxy.url, kiosk.token),
            backoff=Backoff(0.05, 0.2, random.Random(3)),
        )
        # The push tick is far longer than the test: every pull here comes from a drain or the pull timer.
        runner = SyncRunner(
            pusher,
            network,
            idle_seconds=600,
            on_drained=heard.drained,
            puller=puller,
            pull_seconds=0.3,
            on_pulled=heard.pulled,
            rng=random.Random(5),
        )
        runner.start()
        try:
            await heard.until(lambda: len(heard.pulls) >= 1, within=10)
            # Central is "unavailable" to the pulls: a request queued now still goes out at once.
            await asyncio.to_thread(cache.submit, 1)
            runner.wake()
            await heard.until(lambda: heard.sent() == 2, within=5)
            await heard.until(lambda: heard.complete_pulls() >= 2, within=15)
        finally:
            await runner.stop()
            network.shutdown()
            db_worker.shutdown()

    asyncio.run(run())

    assert len(central_requests(db, kiosk.name)) == 2
    failed = [round_ for round_ in heard.pulls if round_[0].stopped_reason == "unavailable"]
    assert len(failed) == FAILED_PULLS
    assert heard.pulls[: len(failed)] == failed  # the failures came first, then the pulls went through
    # The pull waited as central said, and the timer alone brought it back (no drain sent anything meanwhile).
    pull_calls = [call.at for call in proxy.calls]
    gaps = [later - earlier for earlier, later in itertools.pairwise(pull_calls[: FAILED_PULLS + 1])]
    assert all(gap >= RETRY_AFTER - 0.01 for gap in gaps), gaps
    # With central configured, the catalogue comes from central, and the requests' news with it.
    assert slug in {p.slug for p in CatalogueRepository(cache.sessions).all_procedures()}
    tracked = cache.requests.find_by_code(first[0].tracking_code)
    assert tracked is not None
    assert ("operation", "received") in [(e.kind, e.code) for e in tracked.events]

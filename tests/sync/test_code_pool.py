"""The pool of tracking codes leased from central (issue 9, item 5), against a real central on 127.0.0.1 and a
real kiosk cache: a request takes a leased code, central marks that lease used; an empty pool offline falls back
to a random code and the request is stored all the same."""

from __future__ import annotations

import asyncio
import random
import sqlite3
import threading
from collections.abc import Callable

from sqlalchemy import Engine, text

from kiosk.models.code_pool import CodePoolRepository
from kiosk.services.executors import DbExecutor, Worker
from kiosk.services.sync_runner import CodesOnWorker, OnWorker, SyncRunner
from sync.backoff import Backoff
from sync.client import CentralClient
from sync.codes import POOL_SIZE, CodeLeaser, LeaseSummary
from sync.push import PushEngine
from tests.central.conftest import Central, free_port
from tests.sync.conftest import Registered, central_requests
from tests.sync.kiosk_cache import KioskCache


def leases(db: Engine, kiosk_name: str) -> tuple[int, int]:
    """(unused, used) leases of this kiosk on central: the oracle, read from central's own tables."""
    query = text(
        "SELECT count(*) FILTER (WHERE l.used_at IS NULL), count(*) FILTER (WHERE l.used_at IS NOT NULL) "
        "FROM tracking_code_lease l JOIN kiosk k ON k.id = l.kiosk_id WHERE k.name = :name"
    )
    with db.connect() as connection:
        unused, used = connection.execute(query, {"name": kiosk_name}).one()
    return int(unused), int(used)


def pool_codes(cache: KioskCache) -> set[str]:
    with sqlite3.connect(cache.path) as raw:
        found = {code for (code,) in raw.execute("SELECT code FROM leased_code")}
    raw.close()
    return found


def test_a_request_takes_a_leased_code_and_central_marks_the_lease_used(
    cache: KioskCache, kiosk: Registered, server: Central, db: Engine
) -> None:
    client = CentralClient(server.url, kiosk.token)
    summary = CodeLeaser(CodePoolRepository(cache.sessions), client).refill()

    assert (summary.added, summary.unused, summary.failed) == (POOL_SIZE, POOL_SIZE, False)
    leased = pool_codes(cache)
    assert len(leased) == POOL_SIZE
    assert leases(db, kiosk.name) == (POOL_SIZE, 0)

    (submitted,) = cache.submit(1)

    # The code came from the pool and left it in the same transaction as the request.
    assert submitted.tracking_code in leased
    assert pool_codes(cache) == leased - {submitted.tracking_code}
    drained = PushEngine(cache.outbox, client, backoff=Backoff(0.05, 0.2, random.Random(7))).drain()
    assert (drained.sent, drained.dead) == (1, 0)
    assert central_requests(db, kiosk.name) == {submitted.reference: 1}
    assert leases(db, kiosk.name) == (POOL_SIZE - 1, 1)
    # A pool at or above the threshold asks central for nothing.
    assert CodeLeaser(CodePoolRepository(cache.sessions), client).refill().added == 0
    assert leases(db, kiosk.name) == (POOL_SIZE - 1, 1)


def test_an_empty_pool_offline_draws_a_random_code_and_the_request_is_stored(cache: KioskCache) -> None:
    offline = CentralClient(f"http://127.0.0.1:{free_port()}", "token", timeout=(1.0, 1.0))
    summary = CodeLeaser(CodePoolRepository(cache.sessions), offline).refill()

    assert (summary.added, summary.unused, summary.failed) == (0, 0, True)
    (submitted,) = cache.submit(1)
    assert len(submitted.tracking_code) == 8
    assert [row.reference for row in cache.rows()] == [submitted.reference]
    assert pool_codes(cache) == set()


def test_the_sync_runner_fills_the_pool_after_a_drain(
    cache: KioskCache, kiosk: Registered, server: Central, db: Engine
) -> None:
    refilled: list[LeaseSummary] = []
    first_refill = threading.Event()

    class Heard:
        """The kiosk's leaser, heard: the runner reports no lease (nothing on screen depends on the pool)."""

        def __init__(self, leaser: CodeLeaser) -> None:
            self._leaser = leaser

        def refill(self, should_stop: Callable[[], bool] = lambda: False) -> LeaseSummary:
            summary = self._leaser.refill(should_stop)
            refilled.append(summary)
            first_refill.set()
            return summary

    async def run() -> None:
        db_worker, network = DbExecutor(), Worker("kiosk-net")
        client = CentralClient(server.url, kiosk.token)
        runner = SyncRunner(
            PushEngine(OnWorker(cache.outbox, db_worker), client),
            network,
            idle_seconds=600,
            leaser=Heard(CodeLeaser(CodesOnWorker(CodePoolRepository(cache.sessions), db_worker), client)),
        )
        runner.start()
        try:
            assert await asyncio.to_thread(first_refill.wait, 10)
        finally:
            await runner.stop()
            network.shutdown()
            db_worker.shutdown()

    asyncio.run(run())

    assert (refilled[0].added, refilled[0].unused, refilled[0].failed) == (POOL_SIZE, POOL_SIZE, False)
    assert len(pool_codes(cache)) == POOL_SIZE
    assert leases(db, kiosk.name) == (POOL_SIZE, 0)

"""The sync as the kiosk's services run it (kiosk/services/sync_service.py): the runner drains a real kiosk cache to a
real central, and the state the header shows (online, requests waiting, a refused token) follows it."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable

import pytest

from kiosk.services.executors import DbExecutor, NetworkWorker
from kiosk.services.sync_runner import OnWorker, SyncRunner
from kiosk.services.sync_service import SyncService
from kiosk.services.sync_status import SyncStatus
from sync.backoff import Backoff
from sync.client import CentralClient
from sync.push import DrainSummary, PushEngine
from tests.central.conftest import Central, free_port
from tests.sync.conftest import Registered
from tests.sync.kiosk_cache import KioskCache
from tests.sync.news import News

WAIT = 20.0


class Running(News):
    """A SyncService wired as kiosk/app.py wires it, on ``url`` with ``token``; its states as they came."""

    def __init__(self, cache: KioskCache, url: str, token: str, backoff: Backoff | None = None) -> None:
        self.db = DbExecutor()
        self.network = NetworkWorker()
        client = CentralClient(url, token, timeout=(1.0, 5.0))
        store = OnWorker(cache.outbox, self.db)
        backoff = backoff or Backoff(0.05, 0.2, random.Random(5))
        engine = PushEngine(store, client, backoff=backoff, files=store, uploader=client)
        super().__init__()
        self._loop = asyncio.get_running_loop()
        self._client = client
        self.service = SyncService(cache.outbox, self.db, self.network, probe=self._probe)
        self.service.attach(
            SyncRunner(engine, self.network, idle_seconds=0.1, on_drained=self._on_drained, probe=self._probe)
        )
        self.states: list[SyncStatus] = []
        self.drains = 0  # the runner's drains that ended
        self.probes = 0  # central's health asked and answered (on the network thread), counted on the loop
        self.service.subscribe(self._on_state)

    def _on_state(self, state: SyncStatus) -> None:
        self.states.append(state)
        self.heard()

    def _on_drained(self, summary: DrainSummary) -> None:
        self.drains += 1
        self.heard()
        self.service.drained(summary)

    def _probe(self) -> bool:
        reachable = self._client.reachable()
        self._loop.call_soon_threadsafe(self._probed)
        return reachable

    def _probed(self) -> None:
        self.probes += 1
        self.heard()

    async def until_state(self, wanted: Callable[[SyncStatus], bool], within: float = WAIT) -> SyncStatus:
        await self.until(lambda: wanted(self.service.state), within)
        return self.service.state

    async def close(self) -> None:
        await self.service.stop()
        self.network.shutdown()
        self.db.shutdown()


def run(
    cache: KioskCache,
    url: str,
    token: str,
    scenario: Callable[[Running], Awaitable[None]],
    backoff: Backoff | None = None,
) -> None:
    async def main() -> None:
        running = Running(cache, url, token, backoff)
        try:
            await scenario(running)
        finally:
            await running.close()

    asyncio.run(main())


def test_the_queue_drains_and_the_state_says_online_with_nothing_waiting(
    cache: KioskCache, kiosk: Registered, server: Central
) -> None:
    cache.submit(2)

    async def scenario(running: Running) -> None:
        running.service.start()
        state = await running.until_state(lambda s: s.online and s.waiting == 0)
        assert not state.unauthorized

    run(cache, server.url, kiosk.token, scenario)
    assert all(row.sent for row in cache.rows())


def test_with_nothing_to_send_the_health_check_tells_online_from_offline(
    cache: KioskCache, server: Central, kiosk: Registered, caplog: pytest.LogCaptureFixture
) -> None:
    async def online(running: Running) -> None:
        running.service.start()
        await running.until_state(lambda s: s.online)

    with caplog.at_level(logging.INFO, logger="kiosk.services.sync_service"):
        run(cache, server.url, kiosk.token, online)
    # The header's change, for an operator reading the log: once, not at every round.
    assert [r.getMessage() for r in caplog.records] == ["central answered: the kiosk is online"]
    caplog.clear()

    async def offline(running: Running) -> None:
        running.service.start()
        # A few idle rounds, each asking central's health: by the third answer, the first two are published.
        await running.until(lambda: running.probes >= 3, WAIT)
        assert running.states == []
        assert running.service.state == SyncStatus()

    with caplog.at_level(logging.INFO, logger="kiosk.services.sync_service"):
        run(cache, f"http://127.0.0.1:{free_port()}", kiosk.token, offline)
    assert caplog.records == []  # it never was online: nothing changed


def test_a_refused_token_is_logged_for_the_operator_and_nothing_is_lost(
    cache: KioskCache, server: Central, caplog: pytest.LogCaptureFixture
) -> None:
    cache.submit(1)

    async def scenario(running: Running) -> None:
        running.service.start()
        state = await running.until_state(lambda s: s.unauthorized)
        assert (state.online, state.waiting) == (False, 1)

    with caplog.at_level(logging.ERROR, logger="kiosk.services.sync_service"):
        run(cache, server.url, "not-a-token-central-knows-0123456789", scenario)
    assert sum("borne non autorisée" in r.getMessage() for r in caplog.records) == 1
    assert [(row.sent, row.dead_reason, row.attempts) for row in cache.rows()] == [(False, None, 0)]


def test_a_new_op_is_counted_at_once_even_while_central_is_down(cache: KioskCache, kiosk: Registered) -> None:
    cache.submit(1)

    async def scenario(running: Running) -> None:
        running.service.start()
        await running.until_state(lambda s: s.waiting == 1)
        await running.until(lambda: running.drains >= 1, WAIT)  # it failed: the runner waits out the backoff
        await asyncio.get_running_loop().run_in_executor(None, cache.submit, 1)
        running.service.wake()  # what RequestService's on_queued does after the submit
        state = await running.until_state(lambda s: s.waiting == 2, within=3.0)
        assert not state.online

    # The first failure waits uniform(0, 60) s: with this seed, over the 3.3 s the test waits.
    backoff = Backoff(60.0, 120.0, random.Random(1))
    assert Backoff(60.0, 120.0, random.Random(1)).delay(1) > 5
    run(cache, f"http://127.0.0.1:{free_port()}", kiosk.token, scenario, backoff)

"""F1: the kiosk process SIGKILLed at random moments while it pushes (300 requests, 40 kills), central losing a
fifth of its answers on the way back; then a last run to the end. Oracle: 0 lost, 0 duplicated. The control run,
with a client that makes a new key per attempt, must produce duplicates, else the oracle proves nothing."""

from __future__ import annotations

import random
import signal

import pytest
from sqlalchemy import Engine

from sync.backoff import Backoff
from sync.client import CentralClient
from sync.push import PushEngine
from tests.sync.conftest import Registered, central_requests
from tests.sync.drain_child import BACKOFF, FreshKeys, Spawner, drain_until_empty
from tests.sync.fault_proxy import FaultProxy, lose_answers
from tests.sync.kiosk_cache import KioskCache

REQUESTS = 300
KILLS = 40
LOST_ANSWERS = 0.2


def push_with_kills(cache: KioskCache, proxy: FaultProxy, token: str, *, fresh_keys: bool, seed: int) -> int:
    """Start the kiosk's drain KILLS times, SIGKILL it at a random moment of its drain; then drain to the end.
    Returns how many of the killed runs were still draining when killed."""
    rng = random.Random(seed)
    spawner = Spawner()
    killed_mid_drain = 0
    for _ in range(KILLS):
        process = spawner.start(cache.path, proxy.url, token, fresh_keys=fresh_keys)
        process.join(rng.uniform(0.02, 0.25))
        if process.is_alive():
            process.kill()  # SIGKILL: no finally, no atexit, a transaction cut wherever it was
            killed_mid_drain += 1
        process.join()
        assert process.exitcode in (0, -signal.SIGKILL), process.exitcode
    # The restart that runs to the end, in this process: the same code on the same file, without another start-up.
    client = CentralClient(proxy.url, token)
    engine = PushEngine(
        cache.outbox, FreshKeys(client) if fresh_keys else client, backoff=Backoff(*BACKOFF, random.Random(seed))
    )
    # A deadline for a stuck drain, not a speed: a loaded CI machine is slow.
    assert drain_until_empty(engine, cache.outbox, within=120), cache.rows()
    return killed_mid_drain


def pushed_through_faults(
    cache: KioskCache, kiosk: Registered, proxy: FaultProxy, db: Engine, *, fresh_keys: bool, seed: int
) -> tuple[set[str], dict[str, int]]:
    """Queue REQUESTS requests at the kiosk and push them through kills and lost answers: the references queued
    and, per reference, the requests central holds."""
    submitted = cache.submit(REQUESTS)
    proxy.decide = lose_answers(LOST_ANSWERS, seed)
    killed = push_with_kills(cache, proxy, kiosk.token, fresh_keys=fresh_keys, seed=seed)
    assert killed >= KILLS * 0.9  # the kills did land in drains
    return {s.reference for s in submitted}, central_requests(db, kiosk.name)


@pytest.mark.parametrize("seed", [11])
def test_kills_and_lost_answers_lose_nothing_and_duplicate_nothing(
    cache: KioskCache, kiosk: Registered, proxy: FaultProxy, db: Engine, seed: int
) -> None:
    queued, on_central = pushed_through_faults(cache, kiosk, proxy, db, fresh_keys=False, seed=seed)

    assert set(on_central) == queued  # 0 lost
    assert set(on_central.values()) == {1}  # 0 duplicated
    rows = cache.rows()
    assert all(row.sent and row.number for row in rows)
    assert len({row.number for row in rows}) == REQUESTS
    assert any(call.replayed for call in proxy.calls)  # central did see resends, and answered them as replays


@pytest.mark.parametrize("seed", [11])
def test_control_a_client_with_a_fresh_key_per_attempt_duplicates(
    cache: KioskCache, kiosk: Registered, proxy: FaultProxy, db: Engine, seed: int
) -> None:
    queued, on_central = pushed_through_faults(cache, kiosk, proxy, db, fresh_keys=True, seed=seed)

    assert set(on_central) == queued
    assert sum(on_central.values()) > REQUESTS, on_central  # D > 0: the oracle sees duplicates

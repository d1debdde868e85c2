"""Central unreachable (nothing listens on its port): the engine backs off as one client, not op by op."""

from __future__ import annotations

import datetime as dt

from sync.backoff import Backoff
from sync.client import CentralClient
from sync.push import PushEngine
from tests.central.conftest import free_port
from tests.sync.kiosk_cache import KioskCache
from tests.sync.news import Ceiling

NOW = dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)


def test_an_outage_backs_off_exponentially_although_each_drain_tries_another_op(cache: KioskCache) -> None:
    cache.submit(6)
    clock = [NOW]
    engine = PushEngine(
        cache.outbox,
        CentralClient(f"http://127.0.0.1:{free_port()}", "token", timeout=(1.0, 1.0)),
        backoff=Backoff(rng=Ceiling()),
        clock=lambda: clock[0],
    )
    waits = []
    for _ in range(6):
        summary = engine.drain()
        assert (summary.sent, summary.retried, summary.stopped_reason) == (0, 1, "unavailable")
        assert summary.resume_at is not None
        waits.append((summary.resume_at - clock[0]).total_seconds())
        # The runner comes back when told, give or take a timer's resolution: here a millisecond early, so the
        # op that failed is not due yet and the next drain tries another one.
        clock[0] = summary.resume_at - dt.timedelta(milliseconds=1)
    assert [round(w, 3) for w in waits] == [1, 2, 4, 8, 16, 32]
    # Each failed try is counted on its op; nothing is lost or dead for an outage.
    rows = cache.rows()
    assert sum(row.attempts for row in rows) == 6
    assert len([row for row in rows if row.attempts]) > 1  # the drains did try other ops than the first
    assert all(row.dead_reason is None and not row.sent for row in cache.rows())

"""The journal's old images of the personal data a drain deletes are let go once per drain, not once per request:
a checkpoint after each acknowledgement made the kiosk's drain far slower than the network (``kiosk bench``,
``sync_drain_ratio``), and none of those images outlives the drain, however it ends."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import uuid
from collections.abc import Sequence
from pathlib import Path

from sync.backoff import Backoff
from sync.client import CentralClient
from sync.outbox import QueuedOp
from sync.protocol import OpAnswer
from sync.push import PushEngine
from tests.central.conftest import Central
from tests.sync.conftest import Registered
from tests.sync.kiosk_cache import KioskCache, draft
from tests.sync.test_personal_data_leaves import canary_draft, residue


class WalWatched:
    """The kiosk's real outbox, with the size of the cache's WAL file read after each acknowledgement."""

    def __init__(self, cache: KioskCache) -> None:
        self._outbox = cache.outbox
        self._wal = Path(f"{cache.path}-wal")
        self.wal_sizes: list[int] = []

    def next_due(self, now: dt.datetime, *, reconnected: bool = False) -> Sequence[QueuedOp]:
        return self._outbox.next_due(now, reconnected=reconnected)

    def mark_sent(self, op_id: uuid.UUID, answer: OpAnswer, at: dt.datetime) -> None:
        self._outbox.mark_sent(op_id, answer, at)
        self.wal_sizes.append(self._wal.stat().st_size if self._wal.exists() else 0)

    def mark_retry(
        self, op_id: uuid.UUID, attempts: int, next_attempt_at: dt.datetime, error: str, *, unreachable: bool = False
    ) -> None:
        self._outbox.mark_retry(op_id, attempts, next_attempt_at, error, unreachable=unreachable)

    def mark_dead(self, op_id: uuid.UUID, reason: str, at: dt.datetime) -> None:
        self._outbox.mark_dead(op_id, reason, at)

    def settle(self) -> None:
        self._outbox.settle()

    def blob(self, aggregate_id: uuid.UUID, sha256: str) -> bytes | None:
        return self._outbox.blob(aggregate_id, sha256)


def engine_on(store: WalWatched, server: Central, kiosk: Registered) -> PushEngine:
    client = CentralClient(server.url, kiosk.token)
    return PushEngine(store, client, backoff=Backoff(0.05, 0.2, random.Random(5)), files=store, uploader=client)


def test_one_drain_checkpoints_the_journal_once_at_its_end_and_leaves_no_canary(
    cache: KioskCache, kiosk: Registered, server: Central
) -> None:
    cache.submit_drafts([canary_draft() for _ in range(3)])
    store = WalWatched(cache)

    summary = engine_on(store, server, kiosk).drain()

    assert (summary.sent, summary.dead) == (3, 0)
    # Each acknowledgement left the journal as it was (no TRUNCATE checkpoint per request)...
    assert len(store.wal_sizes) == 3
    assert all(size > 0 for size in store.wal_sizes), store.wal_sizes
    # ... and the drain's end let go of every old image at once.
    assert Path(f"{cache.path}-wal").stat().st_size == 0
    assert residue(cache.path.parent) == []


def test_a_drain_stopped_midway_still_lets_go_of_what_it_deleted(
    cache: KioskCache, kiosk: Registered, server: Central
) -> None:
    # Only the first request carries the canaries; the second still waits when the drain stops.
    other = dataclasses.replace(draft(2), client_uuid=str(uuid.uuid4()))
    cache.submit_drafts([canary_draft(), other])
    store = WalWatched(cache)

    summary = engine_on(store, server, kiosk).drain(should_stop=lambda: len(store.wal_sizes) >= 1)

    assert (summary.sent, summary.stopped_reason) == (1, "stopped")
    assert residue(cache.path.parent) == []
    assert [row.sent for row in cache.rows()] == [True, False]

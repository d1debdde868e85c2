"""The kiosk's outbox store on a real cache: what is due, and what each mark leaves (no central needed)."""

from __future__ import annotations

import datetime as dt

from sync.backoff import MAX_WAIT_SECONDS
from tests.sync.kiosk_cache import KioskCache

NOW = dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)


def test_a_retry_waits_its_time_unless_the_clock_went_back(cache: KioskCache) -> None:
    cache.submit(3)
    first, second, third = cache.outbox.next_due(NOW)
    cache.outbox.mark_retry(first.op_id, 1, NOW + dt.timedelta(seconds=30), "503 unavailable: later")
    # Written while the kiosk's clock was ten years ahead, then corrected: not ten years of silence.
    cache.outbox.mark_retry(second.op_id, 4, NOW + dt.timedelta(days=3652), "unreachable: ConnectTimeout")

    assert [op.op_id for op in cache.outbox.next_due(NOW)] == [second.op_id, third.op_id]
    assert [op.op_id for op in cache.outbox.next_due(NOW + dt.timedelta(seconds=30))] == [
        first.op_id,
        second.op_id,
        third.op_id,
    ]
    assert [op.attempts for op in cache.outbox.next_due(NOW + dt.timedelta(seconds=30))] == [1, 4, 0]
    # Within the longest wait the engine sets, a wait is obeyed as written.
    cache.outbox.mark_retry(third.op_id, 1, NOW + dt.timedelta(seconds=MAX_WAIT_SECONDS), "429 slow down")
    assert third.op_id not in [op.op_id for op in cache.outbox.next_due(NOW)]


def test_a_dead_op_is_settled_and_a_late_mark_changes_nothing(cache: KioskCache) -> None:
    cache.submit(2)
    first, second = cache.outbox.next_due(NOW)
    assert cache.outbox.waiting() == 2

    cache.outbox.mark_dead(first.op_id, "422 invalid_body: requester.email: not an e-mail", NOW)
    cache.outbox.mark_retry(first.op_id, 9, NOW, "late retry")  # a second drain's stale outcome

    assert [op.op_id for op in cache.outbox.next_due(NOW)] == [second.op_id]
    assert cache.outbox.waiting() == 1
    (dead, _) = cache.rows()
    assert (dead.attempts, dead.dead_reason, dead.sent) == (
        0,
        "422 invalid_body: requester.email: not an e-mail",
        False,
    )

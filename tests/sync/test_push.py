"""The push engine against a real central on 127.0.0.1 and a real kiosk cache: each queued op reaches central once."""

from __future__ import annotations

import datetime as dt
import random
import re
import sqlite3
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import Engine, text

from kiosk.models.dto import RequestStoreError
from sync.backoff import Backoff
from sync.client import CentralClient
from sync.clock import utc_now
from sync.outbox import QueuedOp
from sync.protocol import IDEMPOTENCY_KEY, OpAnswer, SubmitOp
from sync.push import PushEngine, build_op, error_code
from tests.central.conftest import TIMEOUT, Central, add_kiosk, central
from tests.sync.conftest import Registered, central_requests
from tests.sync.drain_child import drain_until_empty
from tests.sync.fault_proxy import FORWARD, LOSE_ANSWER, Fault, FaultProxy, answer
from tests.sync.kiosk_cache import KioskCache

NUMBER = re.compile(r"^[0-9]{4}-[0-9]{6}$")


def engine_for(cache: KioskCache, url: str, token: str, clock: Callable[[], dt.datetime] = utc_now) -> PushEngine:
    return PushEngine(
        cache.outbox, CentralClient(url, token), backoff=Backoff(0.05, 0.2, random.Random(7)), clock=clock
    )


# A poison op in the middle of a queue of good ones (F7).
GOOD = 50
POISON = 25


def test_three_requests_reach_central_once_and_the_kiosk_keeps_their_numbers(
    cache: KioskCache, kiosk: Registered, server: Central, db: Engine
) -> None:
    submitted = cache.submit(3)
    engine = engine_for(cache, server.url, kiosk.token)

    summary = engine.drain()

    assert (summary.sent, summary.retried, summary.dead, summary.stopped_reason) == (3, 0, 0, None)
    references = [s.reference for s in submitted]
    assert central_requests(db, kiosk.name) == dict.fromkeys(references, 1)
    rows = cache.rows()
    assert [(r.reference, r.sent, r.dead_reason) for r in rows] == [(ref, True, None) for ref in references]
    numbers = [r.number for r in rows]
    assert all(n is not None and NUMBER.match(n) for n in numbers), numbers
    assert len(set(numbers)) == 3
    assert all(r.answer_json and OpAnswer.model_validate_json(r.answer_json).request.number == r.number for r in rows)
    # The agent's view on central lists the same numbers.
    listed = central(server.env, "requests", "list", "--limit", "1000")
    assert listed.returncode == 0, listed.stderr
    assert all(n is not None and n in listed.stdout for n in numbers)
    # Nothing is due any more: a second drain sends nothing.
    assert engine.drain().sent == 0
    assert central_requests(db, kiosk.name) == dict.fromkeys(references, 1)


def test_the_ops_of_one_request_go_in_order(cache: KioskCache, kiosk: Registered, server: Central, db: Engine) -> None:
    (first,) = cache.submit(1)
    cache.cancel(first.tracking_code)
    # The cancel waits behind its request's submit: only the submit is due.
    due = cache.outbox.next_due(dt.datetime.now(dt.UTC))
    assert [op.kind for op in due] == ["request.submit"]

    summary = engine_for(cache, server.url, kiosk.token).drain()

    assert (summary.sent, summary.dead) == (2, 0)
    with db.connect() as connection:
        status = connection.execute(
            text(
                "SELECT r.status FROM request r JOIN kiosk k ON k.id = r.kiosk_id "
                "WHERE k.name = :name AND r.local_reference = :ref"
            ),
            {"name": kiosk.name, "ref": first.reference},
        ).scalar_one()
    assert status == "cancelled"
    assert [(r.kind, r.sent) for r in cache.rows()] == [("request.submit", True), ("request.cancel", True)]


def _arm_failing_ack(cache: KioskCache) -> None:
    # A real fault of the kiosk's disk at the worst moment: central has committed, the kiosk cannot record it.
    with sqlite3.connect(cache.path) as raw:
        raw.execute("CREATE TABLE ack_fault (armed INTEGER)")
        raw.execute("INSERT INTO ack_fault VALUES (1)")
        raw.execute(
            "CREATE TRIGGER ack_fails BEFORE UPDATE OF sent_at ON outbox WHEN (SELECT armed FROM ack_fault) "
            "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
        )
    raw.close()


def test_an_ack_lost_on_the_kiosk_is_replayed_under_the_same_key_never_duplicated(
    cache: KioskCache, kiosk: Registered, server: Central, db: Engine
) -> None:
    (only,) = cache.submit(1)
    _arm_failing_ack(cache)
    engine = engine_for(cache, server.url, kiosk.token)

    with pytest.raises(RequestStoreError, match="disk I/O error"):
        engine.drain()
    assert central_requests(db, kiosk.name) == {only.reference: 1}
    assert [(r.sent, r.number) for r in cache.rows()] == [(False, None)]

    with sqlite3.connect(cache.path) as raw:
        raw.execute("UPDATE ack_fault SET armed = 0")
    raw.close()
    summary = engine.drain()

    assert (summary.sent, summary.replayed) == (1, 1)
    assert central_requests(db, kiosk.name) == {only.reference: 1}
    (row,) = cache.rows()
    assert row.sent
    assert row.number is not None
    assert NUMBER.match(row.number)


def test_an_answer_lost_on_the_way_is_replayed_never_duplicated(
    cache: KioskCache, kiosk: Registered, proxy: FaultProxy, db: Engine
) -> None:
    submitted = cache.submit(2)
    faults = iter([LOSE_ANSWER])
    proxy.decide = lambda: next(faults, FORWARD)
    now = [utc_now()]
    engine = engine_for(cache, proxy.url, kiosk.token, clock=lambda: now[0])

    first = engine.drain()
    assert (first.sent, first.retried, first.stopped_reason) == (0, 1, "unavailable")
    assert first.resume_at is not None
    # Central applied it although the kiosk never heard back.
    assert central_requests(db, kiosk.name) == {submitted[0].reference: 1}

    # Not before resume_at (the backoff's wait): a moment before it, only the other request goes...
    now[0] = first.resume_at - dt.timedelta(milliseconds=1)
    early = engine.drain()
    assert (early.sent, early.replayed) == (1, 0)
    assert [r.sent for r in cache.rows()] == [False, True]
    # ...then the first, as a replay.
    now[0] = first.resume_at
    second = engine.drain()
    assert (second.sent, second.replayed, second.stopped_reason) == (1, 1, None)
    assert all(r.sent for r in cache.rows())
    assert central_requests(db, kiosk.name) == {s.reference: 1 for s in submitted}
    assert [call.replayed for call in proxy.calls].count(True) == 1
    keys = [call.key for call in proxy.calls]
    assert keys.count(cache.rows()[0].op_id) == 2  # the same Idempotency-Key, twice


def test_a_poison_op_among_fifty_is_dead_lettered_with_its_reason_and_the_others_go(
    cache: KioskCache, kiosk: Registered, server: Central, central_env: dict[str, str], db: Engine
) -> None:
    submitted = cache.submit(GOOD + 1)
    # Another kiosk sent a request under the client UUID of the second one: central refuses this kiosk's (422).
    other = add_kiosk(central_env, f"borne-{uuid.uuid4().hex[:8]}")
    poison = cache.outbox.next_due(dt.datetime.now(dt.UTC))[POISON]
    stolen = build_op(QueuedOp(uuid.uuid4(), poison.kind, poison.aggregate_id, poison.payload_json, 0))
    assert isinstance(stolen, SubmitOp)
    taken = requests.post(
        f"{server.url}/v1/ops",
        data=stolen.model_dump_json(),
        headers={
            "Authorization": f"Bearer {other}",
            IDEMPOTENCY_KEY: str(stolen.op_id),
            "Content-Type": "application/json",
        },
        timeout=TIMEOUT,
    )
    assert taken.status_code == 201, taken.text
    engine = engine_for(cache, server.url, kiosk.token)

    summary = engine.drain()

    assert (summary.sent, summary.retried, summary.dead, summary.stopped_reason) == (GOOD, 0, 1, None)
    rows = cache.rows()
    assert [r.sent for r in rows] == [i != POISON for i in range(GOOD + 1)]
    reason = rows[POISON].dead_reason
    assert reason is not None
    assert reason.startswith("422 aggregate_taken:")
    assert rows[POISON].number is None
    good = [s for i, s in enumerate(submitted) if i != POISON]
    assert central_requests(db, kiosk.name) == {s.reference: 1 for s in good}
    # Dead means settled: never sent again.
    again = engine.drain()
    assert (again.sent, again.retried, again.dead) == (0, 0, 0)


def test_an_op_the_kiosk_cannot_encode_is_dead_lettered_without_a_call(
    cache: KioskCache, kiosk: Registered, proxy: FaultProxy
) -> None:
    (request,) = cache.submit(1)
    engine = engine_for(cache, proxy.url, kiosk.token)
    assert engine.drain().sent == 1
    # A kind a later version of the kiosk may write (no CHECK list refuses it), and a payload central would refuse.
    with sqlite3.connect(cache.path) as raw:
        raw.execute(
            "INSERT INTO outbox (op_id, kind, request_id, payload_json, created_at, attempts) "
            "SELECT ?, 'request.amend', id, '{}', '2026-12-03 10:00:00', 0 FROM request",
            (str(uuid.uuid4()),),
        )
        raw.execute(
            "INSERT INTO outbox (op_id, kind, request_id, payload_json, created_at, attempts) "
            "SELECT ?, 'request.cancel', id, '{\"client_uuid\": \"not-a-uuid\"}', '2026-12-03 10:00:00', 0 "
            "FROM request",
            (str(uuid.uuid4()),),
        )
    raw.close()
    calls = len(proxy.calls)

    summary = engine.drain()

    assert (summary.sent, summary.dead) == (0, 2)
    assert len(proxy.calls) == calls
    reasons = [r.dead_reason for r in cache.rows()[1:]]
    assert reasons[0] is not None
    assert reasons[0].startswith("unsupported_kind:")
    assert reasons[1] is not None
    assert reasons[1].startswith("invalid_op:")
    assert "not-a-uuid" not in reasons[1]  # a reason never repeats a value
    assert request.reference


def test_an_unknown_token_stops_the_drain_and_touches_nothing(cache: KioskCache, server: Central, db: Engine) -> None:
    cache.submit(2)
    before = cache.rows()

    summary = engine_for(cache, server.url, "not-a-token-of-this-town").drain()

    assert (summary.sent, summary.retried, summary.dead, summary.stopped_reason) == (0, 0, 0, "unauthorized")
    assert cache.rows() == before
    assert all(r.attempts == 0 and r.dead_reason is None for r in cache.rows())


def test_a_token_refused_mid_drain_stops_it_with_nothing_lost_or_dead(
    cache: KioskCache, kiosk: Registered, proxy: FaultProxy, db: Engine
) -> None:
    submitted = cache.submit(4)
    faults = iter([FORWARD, FORWARD])
    refused = answer(401, body=b'{"error":"unauthorized","detail":"unknown or revoked device token"}')
    proxy.decide = lambda: next(faults, refused)
    engine = engine_for(cache, proxy.url, kiosk.token)

    summary = engine.drain()

    assert (summary.sent, summary.retried, summary.dead, summary.stopped_reason) == (2, 0, 0, "unauthorized")
    rows = cache.rows()
    assert [r.sent for r in rows] == [True, True, False, False]
    assert all(r.attempts == 0 and r.dead_reason is None for r in rows[2:])
    # The token is accepted again (an agent re-registered the kiosk): the rest goes, nothing was lost.
    proxy.decide = lambda: FORWARD
    assert engine.drain().sent == 2
    assert central_requests(db, kiosk.name) == {s.reference: 1 for s in submitted}


def test_one_drain_at_a_time_per_engine(cache: KioskCache, kiosk: Registered, proxy: FaultProxy) -> None:
    cache.submit(1)
    entered, release = threading.Event(), threading.Event()

    def slow() -> Fault:
        entered.set()
        release.wait(10)
        return FORWARD

    proxy.decide = slow
    engine = engine_for(cache, proxy.url, kiosk.token)
    with ThreadPoolExecutor(1) as pool:
        first = pool.submit(engine.drain)
        assert entered.wait(10)
        assert engine.drain().stopped_reason == "busy"  # while the first is inside its call
        release.set()
        assert first.result(10).sent == 1


def test_two_processes_draining_one_cache_still_send_each_op_once(
    cache: KioskCache, kiosk: Registered, server: Central, db: Engine
) -> None:
    """Nothing excludes two kiosk processes on one cache; the keys make it harmless (one engine each here)."""
    submitted = cache.submit(20)
    engines = [engine_for(cache, server.url, kiosk.token) for _ in range(2)]

    with ThreadPoolExecutor(2) as pool:
        emptied = list(pool.map(lambda engine: drain_until_empty(engine, cache.outbox, within=20), engines))

    assert emptied == [True, True]
    assert central_requests(db, kiosk.name) == {s.reference: 1 for s in submitted}
    assert all(row.sent for row in cache.rows())


def test_error_code_reads_centrals_stable_code_or_none() -> None:
    """The one reading of an error's code, for the pull (a cursor gone) and the look-up (a last name needed)."""
    assert error_code(b'{"error":"last_name_needed","detail":"two requests share this code"}') == "last_name_needed"
    assert error_code(b"<html>captive portal</html>") is None
    assert error_code(b'{"error":"last_name_needed"}') is None  # not central's error shape

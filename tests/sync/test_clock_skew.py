"""A kiosk whose clock is ten years ahead or behind still pushes every op to the real central exactly once: its
backoff is scheduled on its own clock and stays within the engine's cap, a correction of its clock never parks an
op, and central numbers the requests with central's year, not the kiosk's."""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import random
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, text

from sync.backoff import Backoff
from sync.client import CentralClient
from sync.clock import utc_now
from sync.push import PushEngine
from tests.sync.conftest import Registered, central_requests
from tests.sync.fault_proxy import FORWARD, FaultProxy, answer
from tests.sync.kiosk_cache import KioskCache

TEN_YEARS = dt.timedelta(days=3652)
BASE_S, CAP_S = 30.0, 300.0  # the engine's backoff for these tests: a wait long enough to see on the clock
TOWN = ZoneInfo("Europe/Paris")


@dataclass
class KioskClock:
    """The kiosk's wall clock: the true time plus ``offset`` (years off, then maybe corrected)."""

    offset: dt.timedelta

    def __call__(self) -> dt.datetime:
        return utc_now() + self.offset


def next_attempts(cache: KioskCache) -> list[dt.datetime | None]:
    """Each op's scheduled retry, read from the file (UTC, as the cache stores it)."""
    with sqlite3.connect(cache.path) as raw:
        found = [value for (value,) in raw.execute("SELECT next_attempt_at FROM outbox ORDER BY id")]
    raw.close()
    return [None if v is None else dt.datetime.fromisoformat(v).replace(tzinfo=dt.UTC) for v in found]


def submitted_years(cache: KioskCache) -> set[int]:
    """The years of the kiosk's times that its ops carry (``submitted_at``, ``cancelled_at``)."""
    with sqlite3.connect(cache.path) as raw:
        payloads = [json.loads(p) for (p,) in raw.execute("SELECT payload_json FROM outbox")]
    raw.close()
    return {dt.datetime.fromisoformat(p.get("submitted_at") or p["cancelled_at"]).year for p in payloads}


@pytest.mark.parametrize("offset", [TEN_YEARS, -TEN_YEARS], ids=["ahead", "behind"])
@pytest.mark.parametrize("then", ["time_passes", "clock_corrected"])
def test_a_kiosk_clock_years_off_sends_each_op_once_and_central_numbers_in_its_own_year(
    offset: dt.timedelta, then: str, tmp_path: Path, kiosk: Registered, proxy: FaultProxy, db: Engine
) -> None:
    clock = KioskClock(offset)
    cache = KioskCache(tmp_path / "kiosk.db", clock)
    try:
        submitted = cache.submit(2)
        (cancelled,) = cache.submit(1)
        cache.cancel(cancelled.tracking_code)
        kiosk_year = clock().astimezone(TOWN).year
        assert submitted_years(cache) == {kiosk_year}  # the ops carry the kiosk's wrong time
        faults = iter([answer(503)])  # central is down for the first call: the op gets a backoff
        proxy.decide = lambda: next(faults, FORWARD)
        engine = PushEngine(
            cache.outbox,
            CentralClient(proxy.url, kiosk.token),
            backoff=Backoff(BASE_S, CAP_S, random.Random(7)),
            clock=clock,
        )

        first = engine.drain()

        assert (first.sent, first.retried, first.stopped_reason) == (0, 1, "unavailable")
        parked = next_attempts(cache)[0]
        assert parked is not None
        assert first.resume_at == parked
        # Scheduled on the kiosk's clock, within the first failure's ceiling: not years away, not in the past.
        assert dt.timedelta(0) <= parked - clock() <= dt.timedelta(seconds=BASE_S)
        # The others go on; the parked op does not go early.
        assert (engine.drain().sent, cache.rows()[0].sent) == (3, False)
        if then == "time_passes":
            clock.offset += dt.timedelta(seconds=BASE_S + 1)
        else:
            clock.offset = dt.timedelta(0)  # the date is put right: whatever was scheduled is due, none parked
        assert cache.rows()[0].op_id in {str(op.op_id) for op in cache.outbox.next_due(clock())}

        drained = engine.drain()

        assert (drained.sent, drained.dead, drained.stopped_reason) == (1, 0, None)
        rows = cache.rows()
        assert [(r.kind, r.sent, r.dead_reason) for r in rows] == [
            ("request.submit", True, None),
            ("request.submit", True, None),
            ("request.submit", True, None),
            ("request.cancel", True, None),
        ]
        references = [s.reference for s in [*submitted, cancelled]]
        assert all(f"-{kiosk_year}-" in reference for reference in references)  # the kiosk's local references
        assert central_requests(db, kiosk.name) == dict.fromkeys(references, 1)
        # Central numbers each request in its own year, and the kiosk shows central's numbers.
        numbers = numbers_of(db, kiosk.name)
        assert {number.split("-")[0] for number in numbers} == {str(utc_now().astimezone(TOWN).year)}
        assert {r.number for r in rows if r.kind == "request.submit"} == set(numbers)
        assert engine.drain().sent == 0
        # Each op reached central once; the parked one was also the call the outage refused.
        forwarded = [str(call.key) for call in proxy.calls if call.fault == FORWARD]
        assert sorted(forwarded) == sorted(r.op_id for r in rows)
    finally:
        cache.close()


def numbers_of(db: Engine, kiosk_name: str) -> list[str]:
    with db.connect() as connection:
        return list(
            connection.execute(
                text("SELECT r.number FROM request r JOIN kiosk k ON k.id = r.kiosk_id WHERE k.name = :name"),
                {"name": kiosk_name},
            ).scalars()
        )


@pytest.mark.parametrize("offset", [TEN_YEARS, -TEN_YEARS], ids=["ahead", "behind"])
def test_a_retry_after_date_is_read_against_the_answers_date_not_the_kiosks_clock(
    offset: dt.timedelta, tmp_path: Path, kiosk: Registered, proxy: FaultProxy
) -> None:
    clock = KioskClock(offset)
    cache = KioskCache(tmp_path / "kiosk.db", clock)
    try:
        cache.submit(1)
        # "Come back in 3 s", as an HTTP date on the server's clock; the answer's Date header is on the same clock.
        come_back = email.utils.format_datetime(utc_now() + dt.timedelta(seconds=3), usegmt=True)
        faults = iter([answer(503, ("Retry-After", come_back))])
        proxy.decide = lambda: next(faults, FORWARD)
        engine = PushEngine(
            cache.outbox,
            CentralClient(proxy.url, kiosk.token),
            backoff=Backoff(0.05, 0.2, random.Random(7)),
            clock=clock,
        )

        assert engine.drain().retried == 1

        parked = next_attempts(cache)[0]
        assert parked is not None
        # About 3 s on the kiosk's clock: neither an hour (a date ten years ahead of the kiosk) nor at once (one ten
        # years behind it).
        assert dt.timedelta(seconds=1) <= parked - clock() <= dt.timedelta(seconds=5)
    finally:
        cache.close()

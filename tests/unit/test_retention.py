"""Retention: cancelled requests, their answers and their files leave the cache once sent and old; nothing unsent
ever does. On a real SQLite file, its bytes read back from the disk, with the time set by the tests."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, update
from sqlalchemy.orm import Session, sessionmaker

from kiosk.config import ConfigError, load_settings
from kiosk.models.db import make_engine
from kiosk.models.repositories import CatalogueRepository
from kiosk.models.request_repository import RequestRepository
from kiosk.models.retention import RetentionRepository
from kiosk.models.tables import Outbox, Request
from kiosk.models.tracking_key import load_tracking_key
from kiosk.services.executors import DbExecutor
from kiosk.services.requests import RequestService
from kiosk.services.retention import RetentionService
from tests.unit.test_requests import (
    EMAIL,
    ETAT_CIVIL,
    LAST_NAME,
    NOW,
    acte,
    attachment,
    counts,
    make_draft,
    make_service,
    new_uuid,
)

CANARY_FILE = b"\x89PNG canary-file-bytes " * 200
DAY = dt.timedelta(days=1)


@pytest.fixture
def service(
    session_factory: sessionmaker[Session], repository: CatalogueRepository, db_path: Path, db_executor: DbExecutor
) -> RequestService:
    repository.replace_catalogue([ETAT_CIVIL], [acte()], source="v1")
    return make_service(RequestRepository(session_factory, load_tracking_key(db_path)), db_executor)


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def retention(engine: Engine, db: DbExecutor, clock: Clock, days: int = 30) -> RetentionService:
    return RetentionService(RetentionRepository(engine), db, days, clock=clock)


def cancelled(service: RequestService, session_factory: sessionmaker[Session], *, sent: tuple[str, ...]) -> str:
    """A request with a file, submitted and cancelled at NOW; the ops of the kinds in ``sent`` were sent."""
    submitted = asyncio.run(service.submit(make_draft(new_uuid(), documents=(attachment(1, CANARY_FILE),))))
    asyncio.run(service.cancel(submitted.tracking_code))
    with session_factory.begin() as session:
        request_id = session.query(Request.id).filter(Request.reference == submitted.reference).scalar_subquery()
        session.execute(
            update(Outbox).where(Outbox.request_id == request_id, Outbox.kind.in_(sent)).values(sent_at=NOW)
        )
    return submitted.tracking_code


def on_disk(db_path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (db_path, db_path.with_name(db_path.name + "-wal")) if p.exists())


BOTH = ("request.submit", "request.cancel")


def test_a_cancelled_request_goes_with_its_answers_files_and_sent_ops_after_the_retention(
    service: RequestService,
    session_factory: sessionmaker[Session],
    engine: Engine,
    db_path: Path,
    db_executor: DbExecutor,
) -> None:
    code = cancelled(service, session_factory, sent=BOTH)
    assert CANARY_FILE[:40] in on_disk(db_path)
    clock = Clock(NOW + 30 * DAY - dt.timedelta(seconds=1))
    purge = retention(engine, db_executor, clock)
    assert asyncio.run(purge.purge()) == 0  # not yet

    clock.now = NOW + 30 * DAY + dt.timedelta(seconds=1)
    assert asyncio.run(purge.purge()) == 1

    assert counts(session_factory) == {
        "request": 0,
        "request_document": 0,
        "request_event": 0,
        "outbox": 0,
        "counter": 1,
    }
    assert asyncio.run(service.find(code)) is None
    # Gone from the disk too: not in the database file, not in its write-ahead log.
    stored = on_disk(db_path)
    for canary in (CANARY_FILE[:40], LAST_NAME.encode(), EMAIL.encode(), code.encode()):
        assert canary not in stored


@pytest.mark.parametrize(
    ("sent", "status"),
    [
        ((), "cancelled"),  # central has nothing yet
        (("request.submit",), "cancelled"),  # central has the request, not its cancellation
        (BOTH, "submitted"),  # not cancelled: central takes over, not the kiosk's retention
    ],
)
def test_nothing_unsent_and_nothing_not_cancelled_is_ever_purged(
    service: RequestService,
    session_factory: sessionmaker[Session],
    engine: Engine,
    db_executor: DbExecutor,
    sent: tuple[str, ...],
    status: str,
) -> None:
    code = cancelled(service, session_factory, sent=sent)
    with session_factory.begin() as session:
        session.execute(update(Request).values(status=status))
    before = counts(session_factory)
    assert asyncio.run(retention(engine, db_executor, Clock(NOW + 3650 * DAY)).purge()) == 0
    assert counts(session_factory) == before
    assert asyncio.run(service.find(code)) is not None


def test_only_the_old_enough_go(
    service: RequestService, session_factory: sessionmaker[Session], engine: Engine, db_executor: DbExecutor
) -> None:
    old = cancelled(service, session_factory, sent=BOTH)
    with session_factory.begin() as session:
        session.execute(update(Request).values(updated_at=NOW - 10 * DAY))
    recent = cancelled(service, session_factory, sent=BOTH)
    assert asyncio.run(retention(engine, db_executor, Clock(NOW + 25 * DAY), days=30).purge()) == 1
    assert asyncio.run(service.find(old)) is None
    assert asyncio.run(service.find(recent)) is not None


def test_the_purge_comes_back_every_interval(
    service: RequestService, session_factory: sessionmaker[Session], engine: Engine, db_executor: DbExecutor
) -> None:
    clock = Clock(NOW)

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        passes: asyncio.Queue[int] = asyncio.Queue()

        class Passes(RetentionRepository):
            """The real purge, each pass's count handed to the event loop: the test waits on passes, not on time."""

            def purge_cancelled(self, cancelled_before: dt.datetime) -> int:
                count = super().purge_cancelled(cancelled_before)
                loop.call_soon_threadsafe(passes.put_nowait, count)
                return count

        purge = RetentionService(Passes(engine), db_executor, 30, clock=clock)
        running = asyncio.ensure_future(purge.keep_purging(interval_s=0.01))
        try:
            for _ in range(3):  # a few passes with nothing old enough
                assert await asyncio.wait_for(passes.get(), 10) == 0
            assert counts(session_factory)["request"] == 1
            clock.now = NOW + 31 * DAY
            while not await asyncio.wait_for(passes.get(), 10):  # a pass already under way may still see NOW
                pass
            assert counts(session_factory)["request"] == 0
        finally:
            running.cancel()

    cancelled(service, session_factory, sent=BOTH)
    asyncio.run(scenario())


def test_a_purge_that_cannot_write_is_logged_and_tried_again_later(
    service: RequestService,
    session_factory: sessionmaker[Session],
    db_path: Path,
    db_executor: DbExecutor,
    caplog: pytest.LogCaptureFixture,
) -> None:
    cancelled(service, session_factory, sent=BOTH)
    read_only = make_engine(db_path)

    @event.listens_for(read_only, "connect")
    def _query_only(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA query_only = ON")

    try:
        with caplog.at_level(logging.DEBUG):
            assert asyncio.run(retention(read_only, db_executor, Clock(NOW + 60 * DAY)).purge()) == 0
    finally:
        read_only.dispose()
    assert "could not be purged" in caplog.text
    assert LAST_NAME not in caplog.text
    assert counts(session_factory)["request"] == 1


def test_retention_days_is_a_bounded_setting(tmp_path: Path) -> None:
    assert load_settings().retention_days == 30
    config = tmp_path / "kiosk.toml"
    config.write_text("retention_days = 7\n")
    assert load_settings(config).retention_days == 7
    for wrong in ("0", "366", "true", '"30"'):
        config.write_text(f"retention_days = {wrong}\n")
        with pytest.raises(ConfigError, match="retention_days") as refused:
            load_settings(config)
        assert str(config) in str(refused.value)


def test_a_retention_service_needs_a_day_at_least(engine: Engine, db_executor: DbExecutor) -> None:
    with pytest.raises(ValueError, match="retention_days"):
        RetentionService(RetentionRepository(engine), db_executor, 0)

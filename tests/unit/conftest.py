"""Unit fixtures: a migrated SQLite file per test, its repository and the one DB worker thread. No Qt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.models.db import make_engine, make_session_factory, migrate
from kiosk.models.repositories import CatalogueRepository
from kiosk.services.executors import DbExecutor


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kiosk.db"


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    engine = make_engine(db_path)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(engine)


@pytest.fixture
def repository(session_factory: sessionmaker[Session]) -> CatalogueRepository:
    return CatalogueRepository(session_factory)


@pytest.fixture
def db_executor() -> Iterator[DbExecutor]:
    executor = DbExecutor()
    yield executor
    executor.shutdown()

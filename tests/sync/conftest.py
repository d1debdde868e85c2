"""The sync tests run the kiosk's push engine against a real central (tests/central's fixtures: ``central serve``
on 127.0.0.1, on SQLite: see tests/sqlite_central.py) and a real kiosk cache file."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from tests.central.conftest import Central, add_kiosk, central_env, cli, db, server
from tests.sqlite_central import database_url
from tests.sync.fault_proxy import FaultProxy
from tests.sync.kiosk_cache import KioskCache

__all__ = ["Registered", "cache", "central_env", "cli", "database_url", "db", "kiosk", "proxy", "server"]


@dataclass(frozen=True)
class Registered:
    """A kiosk registered on central for one test: its name (to count its requests there) and device token."""

    name: str
    token: str


@pytest.fixture
def kiosk(central_env: dict[str, str]) -> Registered:
    name = f"borne-{uuid.uuid4().hex[:8]}"
    return Registered(name, add_kiosk(central_env, name))


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[KioskCache]:
    made = KioskCache(tmp_path / "kiosk" / "kiosk.db")
    yield made
    made.close()


@pytest.fixture
def proxy(server: Central) -> Iterator[FaultProxy]:
    """A fault-injecting proxy in front of central; it forwards every call until a test says otherwise."""
    running = FaultProxy(server.url)
    yield running
    running.close()


def central_requests(db: Engine, kiosk_name: str) -> dict[str, int]:
    """How many requests central holds per local reference, for this kiosk: the oracle (server-side rows)."""
    query = text(
        "SELECT r.local_reference, count(*) FROM request r JOIN kiosk k ON k.id = r.kiosk_id "
        "WHERE k.name = :name GROUP BY r.local_reference"
    )
    with db.connect() as connection:
        return {reference: count for reference, count in connection.execute(query, {"name": kiosk_name})}

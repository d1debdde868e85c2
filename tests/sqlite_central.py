"""``database_url`` for the tests of the kiosk's side of the sync (tests/sync, the GUI tests with a central).

The kiosk's engine, store and screens do not depend on which database central keeps: central's own tests
(tests/central) run on SQLite and on PostgreSQL; these run against a central on SQLite only, which halves their
time in CI without leaving a backend untested."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.central.conftest import fresh_database


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with fresh_database("sqlite", tmp_path_factory.mktemp("central")) as url:
        yield url

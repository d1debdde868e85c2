"""``central seed --demo`` (issue 9, item 12), typed as a person types it, on a database of its own: the demo
catalogue, opening hours, kiosk and processed requests; a second run changes nothing."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from central.kiosks import KioskRegistry
from central.models import Base
from tests.central.conftest import InProcess, back_office, central, fresh_database


def snapshot(engine: Engine) -> dict[str, object]:
    """Every table's rows, whole: a second run must leave them exactly as they are."""
    with engine.connect() as connection:
        return {
            table.name: sorted(map(repr, connection.execute(select(table)).all()))
            for table in Base.metadata.sorted_tables
        }


@pytest.fixture
def seed_env(database_url: str, tmp_path: Path) -> Iterator[dict[str, str]]:
    backend = make_url(database_url).get_backend_name()
    with fresh_database(backend, tmp_path) as url:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CENTRAL_")}
        env.update(CENTRAL_DATABASE_URL=url, CENTRAL_DATA_DIR=str(tmp_path / "data"), CENTRAL_TIMEZONE="Europe/Paris")
        upgraded = central(env, "db", "upgrade")
        assert upgraded.returncode == 0, upgraded.stderr
        yield env


def test_seed_demo_loads_everything_once_and_a_second_run_changes_nothing(
    seed_env: dict[str, str], tmp_path: Path
) -> None:
    token_file = tmp_path / "borne-demo.token"
    first = central(seed_env, "seed", "--demo", "--token-file", str(token_file))
    assert first.returncode == 0, first.stderr
    assert first.stdout == ""  # the token went to the file
    assert "Kiosk borne-demo registered." in first.stderr
    assert "Opening hours loaded." in first.stderr
    assert "Families of the demo clés enfance: 3 added, 0 updated." in first.stderr
    assert re.search(r"Request \d{4}-000001 \(acte-de-naissance\): accepted, tracking code DMBCDFGH\.", first.stderr)
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    token = token_file.read_text().strip()
    engine = create_engine(seed_env["CENTRAL_DATABASE_URL"])
    try:
        sessions = sessionmaker(engine)
        assert KioskRegistry(sessions).authenticate(token) is not None
        with engine.connect() as connection:
            assert connection.scalar(text("SELECT count(*) FROM procedure")) >= 3
        with back_office(seed_env) as office:
            requests = office.list_requests()
            accepted = office.show(next(r.number for r in requests if r.status == "accepted"))
        assert sorted(r.status for r in requests) == ["accepted", "awaiting_you", "submitted"]
        assert [(e.kind, e.status) for e in accepted.history] == [
            ("operation", "submitted"),
            ("operation", "in_progress"),
            ("operation", "accepted"),
            ("exchange", None),
        ]
        assert [e.created_at for e in accepted.history] == sorted(e.created_at for e in accepted.history)
        before = snapshot(engine)

        second = central(seed_env, "seed", "--demo")
        assert second.returncode == 0, second.stderr
        assert second.stdout == ""  # no new token: none to show
        assert "Kiosk borne-demo was registered already" in second.stderr
        assert "Opening hours unchanged." in second.stderr
        assert "Families of the demo clés enfance: 0 added, 0 updated." in second.stderr
        assert snapshot(engine) == before
        with engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(Base.metadata.tables["kiosk"])) == 1
    finally:
        engine.dispose()


def test_without_a_token_file_the_new_token_alone_is_printed(
    seed_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ran = InProcess(seed_env, monkeypatch, capsys)("seed", "--demo")
    assert ran.returncode == 0, ran.stderr
    (token,) = ran.stdout.split()
    engine = create_engine(seed_env["CENTRAL_DATABASE_URL"])
    try:
        assert KioskRegistry(sessionmaker(engine)).authenticate(token) is not None
    finally:
        engine.dispose()

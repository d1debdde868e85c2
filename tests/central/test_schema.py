"""Central's schema and settings: the migrations build exactly the models' schema on each backend, the schema
check names the fix, the settings come from TOML then the environment, the workflow refuses what it must."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine

from central.config import ConfigError, load_settings
from central.db import HEAD, SchemaNotCurrent, check_schema, head_revision, make_engine
from central.errors import TransitionRefused
from central.models import EVENT_KINDS, STATUSES, Base
from central.workflow import AGENT_TRANSITIONS, REQUESTER_CANCELLABLE, check_agent_transition
from sync.protocol import REQUEST_STATUSES, RequestStatus


def test_the_migrations_build_the_models_schema(central_env: dict[str, str], db: Engine) -> None:
    """``central_env`` ran ``central db upgrade`` on ``db`` (SQLite file, or the session's PostgreSQL database)."""
    check_schema(db)
    with db.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_the_head_the_code_expects_is_alembics() -> None:
    assert head_revision() == HEAD


def test_an_empty_database_is_reported_with_the_command_to_run(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        expected = rf"at migration none, the code needs {HEAD}: run `central db upgrade`"
        with pytest.raises(SchemaNotCurrent, match=expected):
            check_schema(engine)
    finally:
        engine.dispose()


def test_statuses_are_the_protocols_and_the_workflow_covers_them() -> None:
    assert STATUSES == REQUEST_STATUSES == get_args(RequestStatus)
    assert EVENT_KINDS == ("operation", "document", "exchange", "appointment")
    assert set(AGENT_TRANSITIONS) == set(REQUEST_STATUSES) - {"draft"}
    assert set(AGENT_TRANSITIONS) >= REQUESTER_CANCELLABLE


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        ("submitted", "in_progress", True),
        ("awaiting_you", "in_progress", True),
        ("in_progress", "accepted", True),
        ("accepted", "closed", True),
        ("submitted", "closed", False),
        ("accepted", "refused", False),
        ("cancelled", "in_progress", False),
        ("closed", "submitted", False),
        ("in_progress", "in_progress", False),
    ],
)
def test_agent_transitions(current: str, new: str, allowed: bool) -> None:
    if allowed:
        check_agent_transition("2026-000001", current, new)
    else:
        with pytest.raises(TransitionRefused, match="request 2026-000001 is"):
            check_agent_transition("2026-000001", current, new)


def test_settings_come_from_the_file_then_the_environment(tmp_path: Path) -> None:
    config = tmp_path / "central.toml"
    config.write_text('port = 9000\nhost = "0.0.0.0"\ndata_dir = "data"\ntimezone = "Europe/Brussels"\n')
    settings = load_settings(config, environ={})
    assert (settings.host, settings.port, settings.timezone) == ("0.0.0.0", 9000, "Europe/Brussels")
    assert settings.data_dir == tmp_path / "data"  # relative to the file
    assert settings.url == f"sqlite:///{tmp_path / 'data' / 'central.db'}"
    env = {"CENTRAL_PORT": "9100", "CENTRAL_DATABASE_URL": "postgresql+psycopg://central@db.example/central"}
    overridden = load_settings(config, environ=env)
    assert (overridden.port, overridden.url) == (9100, "postgresql+psycopg://central@db.example/central")
    from_variable = load_settings(environ={"CENTRAL_CONFIG": str(config)})
    assert from_variable.port == 9000


@pytest.mark.parametrize(
    ("content", "environ", "message"),
    [
        ("prot = 1\n", {}, "unknown key(s) prot"),
        ('port = "80"\n', {}, "port must be a int"),
        ("", {"CENTRAL_PORT": "eighty"}, "CENTRAL_PORT must be a whole number"),
        ("port = 70000\n", {}, "port must be between 1 and 65535"),
        ("tombstone_days = 0\n", {}, "tombstone_days must be between 1 and 3650"),
        ("", {"CENTRAL_TOMBSTONE_DAYS": "ninety"}, "CENTRAL_TOMBSTONE_DAYS must be a whole number"),
        ('timezone = "Mars/Olympus"\n', {}, "is not a known time zone"),
        ('database_url = "mysql://u:hunter2@h/db"\n', {}, "not mysql"),
        ("port = \n", {}, "not valid TOML"),
    ],
)
def test_bad_settings_name_the_problem(tmp_path: Path, content: str, environ: dict[str, str], message: str) -> None:
    config = tmp_path / "central.toml"
    config.write_text(content)
    with pytest.raises(ConfigError) as raised:
        load_settings(config, environ=environ)
    assert message in str(raised.value)
    assert "hunter2" not in str(raised.value)  # a database URL's password is never repeated


def test_the_secret_key_file_is_made_once_and_private(tmp_path: Path) -> None:
    settings = load_settings(environ={"CENTRAL_DATA_DIR": str(tmp_path)})
    key = settings.secret()
    assert len(key) == 64
    assert settings.secret() == key
    assert (tmp_path / "secret.key").stat().st_mode & 0o777 == 0o600
    assert load_settings(environ={"CENTRAL_SECRET_KEY": "configured"}).secret() == b"configured"


def test_central_refuses_a_memory_database_and_other_drivers() -> None:
    with pytest.raises(ValueError, match="must be a file"):
        make_engine("sqlite://")
    with pytest.raises(ValueError, match="psycopg 3"):
        make_engine("postgresql+psycopg2://u@h/db")

"""Engine, sessions and schema migration of the local SQLite cache."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=FULL",
    "PRAGMA secure_delete=ON",
    "PRAGMA busy_timeout=5000",
)


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # sqlite3's legacy transaction control emits no BEGIN before SELECT or DDL, so reads are not repeatable and
    # migrations are not atomic. Taking BEGIN over (see _on_begin) fixes both, and leaves the driver in autocommit
    # here, where PRAGMAs that are no-ops inside a transaction (journal_mode, foreign_keys) do take effect.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in _PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _on_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(path: Path) -> Engine:
    """An engine on the SQLite file ``path`` (created if missing), with the cache's PRAGMAs on every connection."""
    if str(path) in {"", ":memory:"} or str(path).startswith("file:"):
        # The DB worker thread and the migrating thread would each see a different, empty in-memory database.
        raise ValueError(f"the cache needs a file path, not {str(path)!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    # URL.create, not an f-string: a "?" or "#" in the data directory must not be read as URL syntax.
    engine = create_engine(URL.create("sqlite", database=str(path)))
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions for one unit of work each; objects stay readable after commit until the session closes."""
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config() -> Config:
    """An Alembic configuration built in code: no alembic.ini at run time."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision. Safe to call at every start."""
    config = alembic_config()
    with engine.connect() as connection:
        # Batch migrations rebuild tables (copy, drop, rename); with foreign keys on, dropping a referenced table
        # would fail or cascade. The PRAGMA only works outside a transaction, hence the raw driver connection.
        _set_foreign_keys(connection, on=False)
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise RuntimeError(f"migration left rows that break foreign keys: {broken[:5]}")
        finally:
            _set_foreign_keys(connection, on=True)


def _set_foreign_keys(connection: Connection, *, on: bool) -> None:
    cursor = connection.connection.cursor()
    try:
        cursor.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    finally:
        cursor.close()

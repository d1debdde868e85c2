"""Central's database: an engine for SQLite (one file, a demo or a small town) or PostgreSQL (psycopg 3, several
workers), its sessions, and the Alembic migrations that ``central db upgrade`` runs.

SQLite: WAL, foreign keys, ``synchronous=FULL`` (an op central acknowledged survives a power cut), and every
transaction ``BEGIN IMMEDIATE``: writers queue on the busy timeout instead of failing when a reader tries to
become a writer. PostgreSQL: READ COMMITTED; the unique constraints and row locks are the arbiters.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.orm import Session, sessionmaker

from central.errors import CentralError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest migration; tests/central/test_migrations.py checks that it is the head Alembic finds.
HEAD = "0007"
# Any constant: two `central db upgrade` started at once on one PostgreSQL take turns on it.
_MIGRATION_LOCK = 0x63656E7472616C  # "central"

_SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=FULL",
    "PRAGMA busy_timeout=10000",
)


class SchemaNotCurrent(CentralError):  # noqa: N818  (a state, not a failure of the caller)
    """The database is not at the newest migration: ``central db upgrade`` has to run first."""


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling emits no BEGIN before SELECT or DDL; taking BEGIN over (below) makes
    # reads repeatable and migrations atomic, and autocommit here lets the PRAGMAs take effect.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in _SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """An engine on ``url``: ``sqlite:///FILE`` (the folder is created) or ``postgresql+psycopg://...``."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = parsed.database or ""
        if database in {"", ":memory:"} or database.startswith("file:"):
            # Each worker thread would see its own empty in-memory database.
            raise ValueError("central's SQLite database must be a file")
        Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if backend == "postgresql":
        if parsed.get_driver_name() != "psycopg":
            raise ValueError("PostgreSQL is reached through psycopg 3: postgresql+psycopg://user@host/db")
        # pre_ping: a worker whose pooled connection died with a PostgreSQL restart reconnects instead of failing.
        return create_engine(parsed, pool_pre_ping=True)
    raise ValueError(f"central runs on SQLite or PostgreSQL, not {backend}")


def is_postgresql(engine_or_session: Engine | Session) -> bool:
    bind = engine_or_session.get_bind() if isinstance(engine_or_session, Session) else engine_or_session
    return bind.dialect.name == "postgresql"


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """One session per unit of work; objects stay readable after commit until the session closes."""
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config() -> Config:
    """Alembic's configuration built in code: no alembic.ini to ship or to find at run time."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str | None:
    """The newest migration, as Alembic finds it in central/migrations/versions."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at; None for an empty database. Read without Alembic, whose import costs
    every command of the CLI a noticeable part of its run."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> tuple[str | None, str | None]:
    """Bring the schema to the newest revision, in one transaction; returns (before, after)."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    config = alembic_config()
    with engine.connect() as connection, connection.begin():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        before = MigrationContext.configure(connection).get_current_revision()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        after = MigrationContext.configure(connection).get_current_revision()
    return before, after


def check_schema(engine: Engine) -> None:
    """Raise ``SchemaNotCurrent`` unless the database is at the newest migration."""
    current, head = current_revision(engine), HEAD
    if current != head:
        raise SchemaNotCurrent(
            f"the database is at migration {current or 'none'}, the code needs {head}: run `central db upgrade`"
        )

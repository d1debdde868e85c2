"""Engine, sessions and schema migration of the local SQLite cache."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.models import cache_faults
from kiosk.private_files import PRIVATE_FILE, create_private_file, make_private_folder, tighten

log = logging.getLogger(__name__)

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


def open_cache(path: Path) -> Engine:
    """The migrated cache at ``path``, in a folder (0700) and files (0600) only the kiosk's user may read.

    A file that SQLite says is not a database, or that fails its check, is moved aside (never deleted: it may hold
    requests not yet sent, for an operator to recover) and a new cache is made. Anything else that stops it (a full
    disk, a read-only folder, an I/O error, another program holding the file) raises ``CacheUnavailable`` and
    leaves the file exactly as it is: once the cause is fixed, the next start finds every request in it.
    """
    try:
        make_private_folder(path.parent)
    except OSError as exc:
        raise cache_faults.from_os_error(path, exc) from None
    try:
        return _open_checked(path)
    except _DamagedCacheError as damaged:
        aside = _set_aside(path)
        log.error("The cache %s is damaged (%s); it was moved to %s and a new one was made.", path, damaged, aside)
    try:
        return _open_checked(path)
    except _DamagedCacheError as damaged:  # a cache made a moment ago: the disk does not keep what it is given
        raise cache_faults.from_sqlite(path, "SQLITE_IOERR", f"a new cache is damaged at once: {damaged}") from None


class _DamagedCacheError(Exception):
    """SQLite says the file is not a database, or it fails its check: the only reasons to set a cache aside."""


# The files of one cache: the database and what SQLite keeps beside it (WAL mode; -journal after a rollback-mode
# crash of an old install).
_SIDE_FILES = ("-wal", "-shm", "-journal")


def _open_checked(path: Path) -> Engine:
    folder = path.parent
    for target in (folder, path, *(path.with_name(path.name + s) for s in _SIDE_FILES)):
        if not cache_faults.writable(target):
            # SQLite would open it read-only and fail at the first request a visitor submits.
            raise cache_faults.read_only(path)
    try:
        create_private_file(path)  # SQLite gives its -wal and -shm files the permissions of the database
        for suffix in _SIDE_FILES:
            tighten(path.with_name(path.name + suffix), PRIVATE_FILE)
    except OSError as exc:
        raise cache_faults.from_os_error(path, exc) from None
    engine = make_engine(path)
    try:
        # quick_check reads every page (about 1 ms a megabyte here: 50 ms for 50 MB): a damaged page is found now,
        # not when a visitor submits a request. It does not compare indexes with their tables; a damaged index
        # met later still says SQLITE_CORRUPT.
        with engine.connect() as connection:
            verdict = list(connection.exec_driver_sql("PRAGMA quick_check").scalars())
        if verdict != ["ok"]:
            raise _DamagedCacheError(f"quick_check: {str(verdict[0])[:200]}")
        migrate(engine)
    except DBAPIError as exc:
        engine.dispose()
        code = cache_faults.sqlite_code(exc.orig)
        if cache_faults.is_damaged(code):
            raise _DamagedCacheError(code) from None
        raise cache_faults.from_sqlite(path, code, str(exc.orig)) from None
    except BaseException:
        engine.dispose()
        raise
    return engine


def _set_aside(path: Path) -> Path:
    aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        for suffix in ("", *_SIDE_FILES):
            source = path.with_name(path.name + suffix)
            if source.exists():
                source.rename(aside.with_name(aside.name + suffix))
    except OSError as exc:
        raise cache_faults.from_os_error(path, exc) from None
    return aside

"""Alembic environment. Run through kiosk.models.db.migrate(), which hands over an open connection."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

import kiosk.models.tables  # noqa: F401  (registers the tables on the metadata)
from kiosk.models.base import Base

config = context.config
target_metadata = Base.metadata


def _configure(**kwargs: object) -> None:
    context.configure(
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: batch mode rebuilds the table instead.
        render_as_batch=True,
        # SQLite DDL is transactional; the engine emits BEGIN itself, so a failed migration rolls back whole.
        transactional_ddl=True,
        compare_type=True,
        **kwargs,
    )


def run_migrations_offline() -> None:
    _configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("run migrations through kiosk.models.db.migrate(engine)")
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()

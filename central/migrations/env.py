"""Alembic environment. Run through central.db.migrate(), which hands over an open connection in a transaction."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from central.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("run migrations through central.db.migrate(engine)")
    # SQLite cannot ALTER most things: batch mode rebuilds the table instead. Both databases have
    # transactional DDL, so a failed migration rolls back whole.
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        transactional_ddl=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("central's migrations run online only: central db upgrade")
run_migrations_online()

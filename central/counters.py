"""Named counters in the ``counter`` table: request numbers per year, and the sequence of each change scope."""

from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from central.db import is_postgresql
from central.models import Counter


def next_value(session: Session, name: str) -> int:
    """Increment the counter ``name`` (created at 1) in the caller's transaction. The upsert locks the row until
    commit, so concurrent workers take turns, and a rollback gives the value back."""
    insert = postgresql_insert if is_postgresql(session) else sqlite_insert
    statement = (
        insert(Counter)
        .values(name=name, value=1)
        .on_conflict_do_update(index_elements=[Counter.name], set_={"value": Counter.value + 1})
        .returning(Counter.value)
    )
    return int(session.execute(statement).scalar_one())


def ensure(session: Session, name: str, value: int = 0) -> None:
    """Create the counter ``name`` at ``value`` unless it exists."""
    insert = postgresql_insert if is_postgresql(session) else sqlite_insert
    session.execute(insert(Counter).values(name=name, value=value).on_conflict_do_nothing())

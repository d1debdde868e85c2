"""What the kiosk stops keeping: cancelled requests, once central has every operation of theirs and time has passed.

Nothing unsent is ever deleted (DESIGN.md, "Sync"): a cancelled request whose submit or cancel op still waits in
the outbox stays, whatever its age, until it has been sent.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, delete, exists, func, select

from kiosk.models.db import make_session_factory
from kiosk.models.request_repository import store_errors
from kiosk.models.tables import Outbox, Request

__all__ = ["RetentionRepository", "forget_old_pages"]


class RetentionRepository:
    """Purges old cancelled requests of this kiosk's cache, with their files, history and sent outbox rows."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sessions = make_session_factory(engine)

    def purge_cancelled(self, cancelled_before: dt.datetime) -> int:
        """Delete the requests cancelled before ``cancelled_before`` whose every op was sent, in one transaction;
        how many. Their files and history go with them (ON DELETE CASCADE), their outbox rows first (RESTRICT).

        Raises ``RequestStoreError`` (disk full, I/O error): then nothing was deleted.
        """
        if cancelled_before.tzinfo is None:
            raise ValueError("naive datetime: pass an aware datetime")
        unsent = exists().where(Outbox.request_id == Request.id, Outbox.sent_at.is_(None))
        doomed = select(Request.id).where(Request.status == "cancelled", Request.updated_at < cancelled_before, ~unsent)
        with store_errors(), self._sessions.begin() as session:
            count = session.scalar(select(func.count()).select_from(doomed.subquery())) or 0
            if count:
                session.execute(delete(Outbox).where(Outbox.request_id.in_(doomed)))
                session.execute(delete(Request).where(Request.id.in_(doomed)))
        if count:
            forget_old_pages(self._engine)
        return count


def forget_old_pages(engine: Engine) -> None:
    """After deleting personal data: secure_delete zeroes the freed pages in the database file; the WAL still holds
    earlier images of them (a file's bytes, a name) until a checkpoint, and keeps its size after one unless
    truncated. Raises ``RequestStoreError``."""
    with store_errors(), engine.connect() as connection:
        cursor = connection.connection.cursor()  # outside any transaction: a checkpoint cannot run inside one
        try:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            cursor.close()

"""The kiosk's outbox as the push engine sees it (``sync.outbox.OutboxStore``): what to send now, and what became
of each op. One short transaction per call; meant for the DB worker thread like every repository.

An op's aggregate is its request (``aggregate_id`` = the request's client UUID): a request's ops go out strictly
in ``id`` order, the next only once the previous one is sent or dead. Acknowledging a submit stores central's
number on the request in the same transaction as the ack, so the kiosk never shows "sent" without it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Final

from sqlalchemy import ColumnElement, and_, exists, func, or_, select, update
from sqlalchemy.orm import Session, aliased, sessionmaker

from kiosk.models.request_repository import SUBMIT, store_errors
from kiosk.models.tables import Outbox, Request
from sync.backoff import MAX_WAIT_SECONDS
from sync.outbox import QueuedOp
from sync.protocol import OpAnswer

__all__ = ["OutboxRepository"]

# One drain reads the due ops in pages of this size; the engine asks again until nothing is due.
PAGE: Final = 200
_MAX_ERROR_CHARS: Final = 1000


def _pending() -> ColumnElement[bool]:
    return and_(Outbox.sent_at.is_(None), Outbox.dead_at.is_(None))


class OutboxRepository:
    """Implements ``sync.outbox.OutboxStore`` on the kiosk's cache."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def next_due(self, now: dt.datetime) -> Sequence[QueuedOp]:
        earlier = aliased(Outbox)
        blocked_by_earlier = exists().where(
            earlier.request_id == Outbox.request_id,
            earlier.id < Outbox.id,
            earlier.sent_at.is_(None),
            earlier.dead_at.is_(None),
        )
        # A next attempt further away than any wait the engine sets means the kiosk's clock went back (a wrong
        # date corrected): the op is due now rather than in ten years.
        horizon = now + dt.timedelta(seconds=MAX_WAIT_SECONDS)
        query = (
            select(Outbox, Request.client_uuid)
            .join(Request, Request.id == Outbox.request_id)
            .where(
                _pending(),
                ~blocked_by_earlier,
                or_(
                    Outbox.next_attempt_at.is_(None),
                    Outbox.next_attempt_at <= now,
                    Outbox.next_attempt_at > horizon,
                ),
            )
            .order_by(Outbox.id)
            .limit(PAGE)
        )
        with store_errors(), self._sessions.begin() as session:
            return [
                QueuedOp(
                    op_id=uuid.UUID(row.op_id),
                    kind=row.kind,
                    aggregate_id=uuid.UUID(client_uuid),
                    payload_json=row.payload_json,
                    attempts=row.attempts,
                )
                for row, client_uuid in session.execute(query).all()
            ]

    def waiting(self) -> int:
        """How many ops are neither sent nor dead (due now or later)."""
        with store_errors(), self._sessions.begin() as session:
            return session.scalar(select(func.count()).select_from(Outbox).where(_pending())) or 0

    def mark_sent(self, op_id: uuid.UUID, answer: OpAnswer, at: dt.datetime) -> None:
        # The UPDATE comes first: a transaction that read before writing cannot take the write lock once another
        # connection (a second kiosk process on this cache) has written meanwhile; SQLite refuses it at once.
        acknowledged = (
            update(Outbox)
            .where(Outbox.op_id == str(op_id), Outbox.sent_at.is_(None))
            .values(sent_at=at, answer_json=answer.model_dump_json(), dead_at=None, dead_reason=None)
            .returning(Outbox.kind, Outbox.request_id)
        )
        with store_errors(), self._sessions.begin() as session:
            row = session.execute(acknowledged).first()
            if row is not None and row.kind == SUBMIT:  # None: acknowledged already (a replay's answer)
                session.execute(
                    update(Request).where(Request.id == row.request_id).values(number=answer.request.number)
                )

    def mark_retry(self, op_id: uuid.UUID, attempts: int, next_attempt_at: dt.datetime, error: str) -> None:
        statement = (
            update(Outbox)
            .where(Outbox.op_id == str(op_id), _pending())
            .values(attempts=attempts, next_attempt_at=next_attempt_at, last_error=error[:_MAX_ERROR_CHARS])
        )
        with store_errors(), self._sessions.begin() as session:
            session.execute(statement)

    def mark_dead(self, op_id: uuid.UUID, reason: str, at: dt.datetime) -> None:
        statement = (
            update(Outbox)
            .where(Outbox.op_id == str(op_id), _pending())
            .values(dead_at=at, dead_reason=reason[:_MAX_ERROR_CHARS], next_attempt_at=None)
        )
        with store_errors(), self._sessions.begin() as session:
            session.execute(statement)

"""The kiosk's outbox as the push engine sees it (``sync.outbox.OutboxStore``): what to send now, and what became
of each op. One short transaction per call; meant for the DB worker thread like every repository.

An op's aggregate is its request (``aggregate_id`` = the request's client UUID): a request's ops go out strictly
in ``id`` order, the next only once the previous one is sent or dead. Acknowledging a submit stores central's
number on the request in the same transaction as the ack, so the kiosk never shows "sent" without it.

Personal data leaves the kiosk with the last op central settles (DESIGN.md, "Sync"): once a request's submit is
acknowledged and none of its ops waits any more, the same transaction deletes its answers, its requester, its
files and the submit op's body (which carried all of them, and the tracking code in clear); what tracking needs
offline stays (number, code hash, procedure, status, appointment, history). The WAL is then checkpointed, so that
no earlier image of those pages outlives them on disk: once per drain, when the engine calls ``settle`` at its end
(a TRUNCATE checkpoint after each acknowledgement cost more than the network, with its fsyncs of the database file).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Sequence
from typing import Final

from sqlalchemy import Engine, case, delete, exists, func, or_, select, update
from sqlalchemy.orm import Session, aliased, sessionmaker

from kiosk.models.dto import DeadLetter, RequestStoreError
from kiosk.models.request_repository import (
    ATTACH,
    CANCEL,
    EMPTY_REQUESTER_JSON,
    SUBMIT,
    op_waiting,
    settled_at_town_hall,
    store_errors,
)
from kiosk.models.retention import forget_old_pages
from kiosk.models.tables import Outbox, Request, RequestDocument
from kiosk.models.tables import RequestEvent as EventRow
from sync.backoff import MAX_WAIT_SECONDS
from sync.outbox import QueuedOp
from sync.protocol import OpAnswer

__all__ = ["OutboxRepository"]

log = logging.getLogger(__name__)

# One drain reads the due ops in pages of this size; the engine asks again until nothing is due.
PAGE: Final = 200
_MAX_ERROR_CHARS: Final = 1000
# "Envois refusés" lists the most recent ones; more would be a log to read, not a screen.
DEAD_LETTERS_SHOWN: Final = 50
_SENT_EVENTS: Final = {SUBMIT: "sent", CANCEL: "cancel_sent"}


class OutboxRepository:
    """Implements ``sync.outbox.OutboxStore`` on the kiosk's cache."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory
        self._purged = False  # personal data deleted since the last checkpoint: ``settle`` lets its images go

    def next_due(self, now: dt.datetime, *, reconnected: bool = False) -> Sequence[QueuedOp]:
        earlier = aliased(Outbox)
        blocked_by_earlier = exists().where(
            earlier.request_id == Outbox.request_id, earlier.id < Outbox.id, op_waiting(earlier)
        )
        # A next attempt further away than any wait the engine sets means the kiosk's clock went back (a wrong
        # date corrected): the op is due now rather than in ten years.
        horizon = now + dt.timedelta(seconds=MAX_WAIT_SECONDS)
        due = [Outbox.next_attempt_at.is_(None), Outbox.next_attempt_at <= now, Outbox.next_attempt_at > horizon]
        if reconnected:  # the network is back: the waits its failures set are over (central set none of them)
            due.append(Outbox.unreachable.is_(True))
        query = (
            select(Outbox, Request.client_uuid)
            .join(Request, Request.id == Outbox.request_id)
            .where(
                op_waiting(),
                ~blocked_by_earlier,
                or_(*due),
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
            return session.scalar(select(func.count()).select_from(Outbox).where(op_waiting())) or 0

    def blob(self, aggregate_id: uuid.UUID, sha256: str) -> bytes | None:
        """The bytes of a file of the request ``aggregate_id`` (its client UUID), for the upload before its submit;
        None once they are no longer kept."""
        query = (
            select(RequestDocument.content)
            .join(Request, Request.id == RequestDocument.request_id)
            .where(Request.client_uuid == str(aggregate_id), RequestDocument.sha256 == sha256)
            .limit(1)
        )
        with store_errors(), self._sessions.begin() as session:
            return session.scalar(query)

    def waiting_requests(self) -> int:
        """How many requests have an op neither sent nor dead: the header's "demandes en attente d'envoi"."""
        query = select(func.count(func.distinct(Outbox.request_id))).where(op_waiting())
        with store_errors(), self._sessions.begin() as session:
            return session.scalar(query) or 0

    def dead_letters(self, limit: int = DEAD_LETTERS_SHOWN) -> tuple[list[DeadLetter], int]:
        """The ``limit`` ops central refused most recently, newest first, and how many it refused in all: the agents'
        "Envois refusés". Read only; personal data is neither in them nor read to build them."""
        query = (
            select(Request.reference, Outbox.kind, Outbox.dead_at, Outbox.dead_reason)
            .join(Request, Request.id == Outbox.request_id)
            .where(Outbox.dead_at.is_not(None))
            .order_by(Outbox.dead_at.desc(), Outbox.id.desc())
            .limit(limit)
        )
        total = select(func.count()).select_from(Outbox).where(Outbox.dead_at.is_not(None))
        with store_errors(), self._sessions.begin() as session:
            letters = [
                DeadLetter(reference=reference, kind=kind, refused_at=refused_at, reason=reason or "")
                for reference, kind, refused_at, reason in session.execute(query).all()
                if refused_at is not None  # always, by the query: for the type checker
            ]
            return letters, session.scalar(total) or 0

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
            if row is None:  # acknowledged already (a replay's answer)
                return
            if row.kind == SUBMIT:
                session.execute(
                    update(Request).where(Request.id == row.request_id).values(number=answer.request.number)
                )
            if row.kind in _SENT_EVENTS:  # "Historique" says when the town hall got it (detail: its number)
                session.add(
                    EventRow(
                        request_id=row.request_id,
                        kind="operation",
                        code=_SENT_EVENTS[row.kind],
                        at=at,
                        detail=answer.request.number,
                    )
                )
                session.flush()
            self._purged |= _purge_personal_data(session, row.request_id)

    def mark_retry(
        self, op_id: uuid.UUID, attempts: int, next_attempt_at: dt.datetime, error: str, *, unreachable: bool = False
    ) -> None:
        statement = (
            update(Outbox)
            .where(Outbox.op_id == str(op_id), op_waiting())
            .values(
                attempts=attempts,
                next_attempt_at=next_attempt_at,
                last_error=error[:_MAX_ERROR_CHARS],
                unreachable=unreachable,
            )
        )
        with store_errors(), self._sessions.begin() as session:
            session.execute(statement)

    def mark_dead(self, op_id: uuid.UUID, reason: str, at: dt.datetime) -> None:
        statement = (
            update(Outbox)
            .where(Outbox.op_id == str(op_id), op_waiting())
            .values(
                dead_at=at,
                dead_reason=reason[:_MAX_ERROR_CHARS],
                next_attempt_at=None,
                # A dead attach is never sent again, whatever becomes of its request (its submit may be refused
                # too, and the request kept 14 days): its grant would let whoever reads the disk attach to that
                # space.
                payload_json=case((Outbox.kind == ATTACH, "{}"), else_=Outbox.payload_json),
            )
            .returning(Outbox.request_id, Outbox.kind)
        )
        with store_errors(), self._sessions.begin() as session:
            row = session.execute(statement).one_or_none()
            if row is None:
                return
            request_id, kind = row
            # A refused cancel after an acknowledged submit settles the request's last op as well.
            self._purged |= _purge_personal_data(session, request_id) or kind == ATTACH

    def settle(self) -> None:
        """The drain is over: checkpoint the WAL once if its marks deleted personal data."""
        engine = self._sessions.kw.get("bind")
        if not self._purged or not isinstance(engine, Engine):
            return
        try:
            forget_old_pages(engine)
        except RequestStoreError as exc:
            # The ops are settled and the rows are gone; the next drain's checkpoint takes the old pages with it.
            log.warning("the cache's journal could not be checkpointed after a purge: %s", exc)
            return
        self._purged = False


def _purge_personal_data(session: Session, request_id: int) -> bool:
    """Delete what the request held of its requester once central has it and nothing of it waits to be sent;
    whether anything was deleted. Idempotent: a purged request has nothing left to delete."""
    if not session.scalar(select(settled_at_town_hall(request_id))):
        return False
    kept = or_(Request.answers_json != "{}", Request.requester_json != EMPTY_REQUESTER_JSON)
    statements = (
        update(Request)
        .where(Request.id == request_id, kept)
        .values(answers_json="{}", requester_json=EMPTY_REQUESTER_JSON)
        .returning(Request.id),
        delete(RequestDocument).where(RequestDocument.request_id == request_id).returning(RequestDocument.id),
        # The sent submit's body is never sent again (a replay is answered from central's record of it).
        # Nor is a sent attach's, whose grant would let whoever reads the disk attach to that space.
        update(Outbox)
        .where(Outbox.request_id == request_id, Outbox.kind.in_((SUBMIT, ATTACH)), Outbox.payload_json != "{}")
        .values(payload_json="{}")
        .returning(Outbox.id),
    )
    changed = [session.execute(statement).all() for statement in statements]
    return any(changed)

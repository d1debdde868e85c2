"""Writing the change log the kiosks pull: each change of a synced entity takes the next sequence number of its
scope inside the writing transaction, and stamps the entity's entry with it.

Why a counter row and not a clock or an auto-increment: the number must follow commit order, or a reader that
has seen n+1 moves its cursor past n and never sees n when its transaction commits late (kafka-connect-jdbc
#915). The counter row is incremented by an upsert that locks it until the transaction ends (PostgreSQL: the
row lock of ``UPDATE``, like ``SELECT ... FOR UPDATE``; SQLite: every transaction is ``BEGIN IMMEDIATE``, so
writers are serialised anyway). A second writer of the scope waits for the first to commit or roll back before
it gets n+1, so n is always committed before n+1 exists, and a rollback gives its number back.

Callers record their change last in their transaction: the lock is then held for the commit only, and it is
always the last lock a transaction takes (after a request's row or the request-number counter), so lock order
is the same everywhere and writers cannot deadlock.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from pydantic import BaseModel
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from central.counters import ensure, next_value
from central.db import is_postgresql
from central.models import Counter, Request, RequestEvent, SyncEntry
from sync.protocol import Appointment, ChangeScope, RequestEventData, RequestStatus, RequestUpdate


def sequence_name(scope: ChangeScope) -> str:
    return f"changes.{scope}"


def pruned_name(scope: ChangeScope) -> str:
    """The counter holding the highest sequence number of a tombstone pruned from ``scope``."""
    return f"changes.{scope}.pruned"


def lock_scope(session: Session, scope: ChangeScope) -> None:
    """Take the scope's counter row lock now (``SELECT ... FOR UPDATE``), for a transaction that must read the
    scope's state and write it without another writer in between (``central catalogue load``)."""
    ensure(session, sequence_name(scope))
    session.execute(select(Counter.value).where(Counter.name == sequence_name(scope)).with_for_update())


def record(
    session: Session,
    scope: ChangeScope,
    entity_id: str,
    data: BaseModel | None,
    now: dt.datetime,
    kiosk_id: int | None = None,
) -> int:
    """Stamp ``entity_id``'s entry with the next sequence number of ``scope``: its new state ``data``, or a
    tombstone for None. Returns the sequence number. Call it last in the transaction (see the module's doc)."""
    seq = next_value(session, sequence_name(scope))
    entry = session.scalar(select(SyncEntry).where(SyncEntry.scope == scope, SyncEntry.entity_id == entity_id))
    data_json = None if data is None else data.model_dump_json()
    if entry is None:
        entry = SyncEntry(scope=scope, entity_id=entity_id, kiosk_id=kiosk_id, version=0)
        session.add(entry)
    entry.seq, entry.version, entry.deleted = seq, entry.version + 1, data is None
    entry.data_json, entry.changed_at = data_json, now
    session.flush()
    return seq


def current_data(session: Session, scope: ChangeScope, entity_id: str) -> str | None:
    """The entity's live data as recorded (JSON), None when it has no entry or is a tombstone."""
    return session.scalar(select(SyncEntry.data_json).where(SyncEntry.scope == scope, SyncEntry.entity_id == entity_id))


def request_history(session: Session, request: Request) -> list[RequestEventData]:
    """The events of ``request``, oldest first, as the kiosks get them. The caller has flushed those it added."""
    events = session.scalars(
        select(RequestEvent).where(RequestEvent.request_id == request.id).order_by(RequestEvent.id)
    )
    return [
        RequestEventData.model_validate(
            {"kind": e.kind, "code": e.code, "status": e.status, "text": e.text, "at": e.created_at}
        )
        for e in events
    ]


def record_request(
    session: Session, request: Request, now: dt.datetime, history: list[RequestEventData] | None = None
) -> int:
    """Record where ``request`` stands (number, status, whole history) in the requests scope of its kiosk.
    The caller has flushed the events it added; ``history``: ``request_history`` read already (a caller holding
    a counter's lock reads it before taking the lock)."""
    update = RequestUpdate(
        client_uuid=request.client_ref,
        number=request.number,
        status=cast("RequestStatus", request.status),
        history=request_history(session, request) if history is None else history,
        appointment=None
        if request.appointment_json is None
        else Appointment.model_validate_json(request.appointment_json),
    )
    return record(session, "requests", str(request.client_ref), update, now, kiosk_id=request.kiosk_id)


def prune_tombstones(session: Session, scope: ChangeScope, older_than: dt.datetime) -> int:
    """Delete the tombstones of ``scope`` recorded before ``older_than``, and remember the highest sequence
    number deleted: a cursor below it may have missed a deletion, so the feed answers it 410 (resync).
    Returns how many were deleted."""
    lock_scope(session, scope)  # no writer of the scope turns a tombstone live meanwhile
    doomed = SyncEntry.scope == scope, SyncEntry.deleted.is_(True), SyncEntry.changed_at < older_than
    highest = session.scalar(select(func.max(SyncEntry.seq)).where(*doomed))
    if highest is None:
        return 0
    name = pruned_name(scope)
    ensure(session, name)
    greatest = func.greatest if is_postgresql(session) else func.max  # SQLite's two-argument max is scalar
    session.execute(update(Counter).where(Counter.name == name).values(value=greatest(Counter.value, highest)))
    deleted = session.execute(delete(SyncEntry).where(*doomed, SyncEntry.seq <= highest))
    return int(getattr(deleted, "rowcount", 0) or 0)

"""Requests submitted at this kiosk: the request, its files, its history and its outbox operations.

Each method is one unit of work on the calling (DB worker) thread and returns frozen DTOs. A submission or a
cancellation writes its business rows and its outbox row in ONE transaction, so an operation is either fully
recorded and queued for central, or not at all.

Errors leave as the store errors of ``kiosk.models.dto`` (``RequestStoreError``, ``TrackingCodeTaken``,
``CannotCancel``), never as SQLAlchemy exceptions: SQLAlchemy's messages carry the bound parameters (names,
answers), which must never reach a log, and the services catch these errors without importing SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from types import MappingProxyType
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.models.code_pool import take_leased_code
from kiosk.models.dto import (
    CANCELLABLE_STATUSES,
    Address,
    AnswerValue,
    CannotCancel,
    DocumentInfo,
    OutboxItem,
    RequestDraft,
    Requester,
    RequestEvent,
    RequestStoreError,
    Slot,
    SubmittedRequest,
    TrackedRequest,
    TrackingCodeTaken,
)
from kiosk.models.tables import Counter, Outbox, Request, RequestDocument
from kiosk.models.tables import ProcedureRevision as RevisionRow
from kiosk.models.tables import RequestEvent as EventRow
from kiosk.models.tracking_key import code_digest
from sync.catalogue import LocalizedText

__all__ = [
    "EMPTY_REQUESTER_JSON",
    "CannotCancel",
    "RequestRepository",
    "RequestStoreError",
    "TrackingCodeTaken",
    "op_waiting",
    "settled_at_town_hall",
    "store_errors",
]

SUBMIT = "request.submit"
CANCEL = "request.cancel"
ATTACH = "request.attach"
# Central's event once a request is in a citizen's personal space (``central.attachments``), pulled with it.
ATTACHED = "attached"
# SQLite names the column in its UNIQUE failure message; nothing else tells this clash from the others.
_TRACKING_CODE_CLASH = "request.tracking_code_hash"


class RequestRepository:
    """The requests of this kiosk, their files, history and outbox.

    ``tracking_key`` is the kiosk's key (``kiosk.models.tracking_key``): a request is stored and looked up by the
    keyed hash of its code, never by the code. Whoever calls with a code knows it already, so every DTO carries the
    code it was asked with, not one read back from the cache.
    """

    def __init__(self, session_factory: sessionmaker[Session], tracking_key: bytes) -> None:
        self._sessions = session_factory
        self._key = tracking_key

    def submit(
        self,
        draft: RequestDraft,
        tracking_code: str,
        reference_prefix: str,
        year: int,
        now: dt.datetime,
        attach_grant: str | None = None,
    ) -> SubmittedRequest:
        """Store ``draft`` as a submitted request with its files, history and ONE outbox row, in one transaction.
        With ``attach_grant`` (a citizen is logged in), a ``request.attach`` op follows the submit in the same
        transaction: the request is made in their personal space, or not at all.

        The reference is ``f"{reference_prefix}-{year}-{seq:06d}"``, its sequence (one per ``year``: the town's
        year at ``now``, which the caller knows from the town's time zone) taken in the same transaction, so a
        rollback gives the number back. Submitting a ``client_uuid`` already stored writes nothing and returns the
        stored request: the client UUID names one intent, sent once.

        The request takes the oldest code of the leased pool (``kiosk.models.code_pool``) when there is one, in
        this transaction; ``tracking_code``, drawn at random by the caller, only when the pool is empty.

        Raises ``TrackingCodeTaken`` (draw another code and call again), ``RequestStoreError`` (disk full, I/O
        error, unknown procedure revision...) and ``ValueError``/``TypeError`` for a malformed draft; in every
        case nothing was written.
        """
        now = _aware_utc(now)
        uuid.UUID(draft.client_uuid)  # a malformed client UUID is a caller bug: ValueError
        answers = _encode_answers(draft.answers)
        requester = _encode_requester(draft.requester)
        appointment = None if draft.appointment is None else _encode_slot(draft.appointment)
        files = [(f, hashlib.sha256(f.content).hexdigest()) for f in draft.documents]
        with store_errors(), self._sessions.begin() as session:
            existing = session.scalar(select(Request).where(Request.client_uuid == draft.client_uuid))
            if existing is not None:
                return _submitted(session, existing, _stored_code(session, existing))
            # A code central leased (unique across kiosks) before the random one the caller drew.
            tracking_code = take_leased_code(session, self._key) or tracking_code
            digest = code_digest(self._key, tracking_code)
            if session.scalar(select(exists().where(Request.tracking_code_hash == digest))):
                raise TrackingCodeTaken()
            if session.get(RevisionRow, (draft.procedure_slug, draft.procedure_revision)) is None:
                raise RequestStoreError("the procedure revision of the draft is not in the cache")
            sequence = _next_value(session, f"request.reference.{year}")
            reference = f"{reference_prefix}-{year}-{sequence:06d}"
            row = Request(
                client_uuid=draft.client_uuid,
                reference=reference,
                tracking_code_hash=digest,
                procedure_slug=draft.procedure_slug,
                procedure_revision=draft.procedure_revision,
                channel=draft.channel,
                status="submitted",
                archived=False,
                answers_json=_dumps(answers),
                requester_json=_dumps(requester),
                appointment_json=None if appointment is None else _dumps(appointment),
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            events = [EventRow(request_id=row.id, kind="operation", code="submitted", at=now, detail=draft.channel)]
            for file, sha256 in files:
                session.add(
                    RequestDocument(
                        request_id=row.id,
                        field_id=file.field_id,
                        position=file.position,
                        filename=file.filename,
                        media_type=file.media_type,
                        size=len(file.content),
                        sha256=sha256,
                        content=file.content,
                    )
                )
                events.append(
                    EventRow(
                        request_id=row.id,
                        kind="document",
                        code="document_added",
                        at=now,
                        detail=f"{file.field_id}:{file.position}",
                    )
                )
            if appointment is not None:
                events.append(
                    EventRow(
                        request_id=row.id,
                        kind="appointment",
                        code="appointment_booked",
                        at=now,
                        detail=str(appointment["starts_at"]),
                    )
                )
            events.append(EventRow(request_id=row.id, kind="operation", code="queued", at=now, detail=SUBMIT))
            payload: dict[str, object] = {
                "client_uuid": draft.client_uuid,
                "reference": reference,
                "tracking_code": tracking_code,
                "channel": draft.channel,
                "procedure": {"slug": draft.procedure_slug, "revision": draft.procedure_revision},
                "answers": answers,
                "requester": requester,
                "appointment": appointment,
                "documents": [
                    {
                        "field_id": file.field_id,
                        "position": file.position,
                        "filename": file.filename,
                        "media_type": file.media_type,
                        "size": len(file.content),
                        "sha256": sha256,
                    }
                    for file, sha256 in files
                ],
                "submitted_at": now.isoformat(),
            }
            session.add_all(events)
            session.add(_outbox_row(row.id, SUBMIT, payload, now))
            if attach_grant is not None:
                _queue_attach(session, row, attach_grant, now)
            session.flush()
            result = _submitted(session, row, tracking_code)
        return result

    def attach(self, code: str, grant: str, now: dt.datetime) -> tuple[TrackedRequest, bool] | None:
        """Queue a ``request.attach`` op (after the request's other ops) that attaches the request with this code to
        the personal space of ``grant`` (``sync.protocol.AttachBody``), with its history line, in one transaction.

        The request as it then stands, and whether the op was queued: a request attached already, or whose attach
        waits to be sent (for this citizen or another: the grant does not say whose), is returned as it is with
        False, nothing written. None when no request has this code. Raises ``RequestStoreError``.
        """
        now = _aware_utc(now)
        with store_errors(), self._sessions.begin() as session:
            row = session.scalar(select(Request).where(Request.tracking_code_hash == code_digest(self._key, code)))
            if row is None:
                return None
            queued = not session.scalar(select(_attached(row.id)))
            if queued:
                _queue_attach(session, row, grant, now)
                session.flush()
            return _tracked(session, row, code), queued

    def find_by_code(self, code: str) -> TrackedRequest | None:
        """The request with this (normalized) tracking code, or None."""
        with store_errors(), self._sessions.begin() as session:
            row = session.scalar(select(Request).where(Request.tracking_code_hash == code_digest(self._key, code)))
            return None if row is None else _tracked(session, row, code)

    def cancel(self, code: str, now: dt.datetime) -> TrackedRequest | None:
        """Cancel and archive the request, append the event and queue a ``request.cancel`` op, in one transaction.

        None when no request has this code. Cancelling a cancelled request writes nothing and returns it.
        Raises ``CannotCancel`` for any other status not in ``CANCELLABLE_STATUSES`` (central has decided:
        accepted, refused, closed), ``RequestStoreError``.
        """
        now = _aware_utc(now)
        with store_errors(), self._sessions.begin() as session:
            row = session.scalar(select(Request).where(Request.tracking_code_hash == code_digest(self._key, code)))
            if row is None:
                return None
            if row.status == "cancelled":
                return _tracked(session, row, code)
            if row.status not in CANCELLABLE_STATUSES:
                raise CannotCancel(row.status)
            row.status, row.archived, row.updated_at = "cancelled", True, now
            payload: dict[str, object] = {
                "client_uuid": row.client_uuid,
                "reference": row.reference,
                "cancelled_at": now.isoformat(),
            }
            session.add_all(
                [
                    EventRow(request_id=row.id, kind="operation", code="cancelled", at=now, detail=""),
                    EventRow(request_id=row.id, kind="operation", code="cancel_queued", at=now, detail=CANCEL),
                    _outbox_row(row.id, CANCEL, payload, now),
                ]
            )
            session.flush()
            result = _tracked(session, row, code)
        return result

    def outbox(self) -> list[OutboxItem]:
        """The unsent operations, oldest first (insertion order, never the kiosk clock)."""
        query = (
            select(Outbox, Request.client_uuid)
            .join(Request, Request.id == Outbox.request_id)
            .where(Outbox.sent_at.is_(None))
            .order_by(Outbox.id)
        )
        with store_errors(), self._sessions.begin() as session:
            rows = session.execute(query).all()
            return [
                OutboxItem(
                    op_id=op.op_id,
                    kind=op.kind,
                    client_uuid=client_uuid,
                    created_at=op.created_at,
                    attempts=op.attempts,
                    payload=MappingProxyType(json.loads(op.payload_json)),
                )
                for op, client_uuid in rows
            ]

    def booked_slot_ids(self) -> frozenset[str]:
        """The ids of the slots held by requests of this kiosk; a cancelled request gives its slot back."""
        query = select(Request.appointment_json).where(
            Request.appointment_json.is_not(None), Request.status != "cancelled"
        )
        with store_errors(), self._sessions.begin() as session:
            return frozenset(str(json.loads(value)["id"]) for value in session.scalars(query) if value)

    def document_content(self, code: str, field_id: str, position: int) -> bytes | None:
        """The bytes of one stored file of the request with this code, or None."""
        query = (
            select(RequestDocument.content)
            .join(Request, Request.id == RequestDocument.request_id)
            .where(
                Request.tracking_code_hash == code_digest(self._key, code),
                RequestDocument.field_id == field_id,
                RequestDocument.position == position,
            )
        )
        with store_errors(), self._sessions.begin() as session:
            return session.scalar(query)


def _queue_attach(session: Session, row: Request, grant: str, now: dt.datetime) -> None:
    payload: dict[str, object] = {
        "client_uuid": row.client_uuid,
        "reference": row.reference,
        "grant": grant,
        "attached_at": now.isoformat(),
    }
    session.add_all(
        [
            EventRow(request_id=row.id, kind="operation", code="attach_queued", at=now, detail=ATTACH),
            _outbox_row(row.id, ATTACH, payload, now),
        ]
    )


def _attached(request_id: int) -> ColumnElement[bool]:
    """The request is in a personal space (central said so), or an attach of it is sent or waits to be: a dead
    one (an expired grant) does not count, the citizen may attach it again."""
    by_central = exists().where(EventRow.request_id == request_id, EventRow.code == ATTACHED)
    queued = exists().where(
        Outbox.request_id == request_id, Outbox.kind == ATTACH, or_(Outbox.sent_at.is_not(None), op_waiting())
    )
    return by_central | queued


def op_waiting(op: type[Outbox] = Outbox) -> ColumnElement[bool]:
    """An outbox op (``op``: the table or an alias of it) neither sent nor refused for good: it goes out again."""
    return and_(op.sent_at.is_(None), op.dead_at.is_(None))


def settled_at_town_hall(request_id: int) -> ColumnElement[bool]:
    """Central acknowledged the request's submit and none of its ops waits: its personal data leaves the kiosk."""
    acknowledged = exists().where(Outbox.request_id == request_id, Outbox.kind == SUBMIT, Outbox.sent_at.is_not(None))
    waiting = exists().where(Outbox.request_id == request_id, op_waiting())
    return acknowledged & ~waiting


@contextmanager
def store_errors() -> Iterator[None]:
    try:
        yield
    except IntegrityError as exc:
        reason = _reason(exc)
        if _TRACKING_CODE_CLASH in reason:
            raise TrackingCodeTaken() from None
        raise RequestStoreError(reason) from None
    except SQLAlchemyError as exc:
        # "from None": the chained SQLAlchemy error prints the statement's parameters, i.e. personal data.
        raise RequestStoreError(_reason(exc)) from None


def _reason(exc: SQLAlchemyError) -> str:
    # The driver's own message ("database or disk is full", "UNIQUE constraint failed: request.reference")
    # names tables and columns, never values.
    if isinstance(exc, DBAPIError):
        return str(exc.orig)
    return type(exc).__name__


def _aware_utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: pass an aware datetime")
    return moment.astimezone(dt.UTC)


def _next_value(session: Session, name: str) -> int:
    statement = (
        sqlite_insert(Counter)
        .values(name=name, value=1)
        .on_conflict_do_update(index_elements=[Counter.name], set_={"value": Counter.value + 1})
        .returning(Counter.value)
    )
    return int(session.execute(statement).scalar_one())


def _outbox_row(request_id: int, kind: str, payload: Mapping[str, object], now: dt.datetime) -> Outbox:
    # The op id is made here, once, with the row; nothing ever writes it again.
    return Outbox(
        op_id=str(uuid.uuid4()),
        kind=kind,
        request_id=request_id,
        payload_json=_dumps(payload, canonical=True),
        created_at=now,
        attempts=0,
    )


def _dumps(value: object, *, canonical: bool = False) -> str:
    # Canonical JSON (sorted keys) for outbox payloads: the same intent always serializes to the same bytes.
    # Request columns keep the caller's key order (the order the answers were given). Never NaN: not JSON.
    return json.dumps(value, sort_keys=canonical, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def _encode_answers(answers: Mapping[str, AnswerValue]) -> dict[str, object]:
    return {field_id: _encode_answer(field_id, value) for field_id, value in answers.items()}


def _encode_answer(field_id: str, value: object) -> object:
    # bool before int: True is an int to Python but a checkbox to us, and JSON keeps the difference.
    if isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Address):
        return _encode_address(value)
    if isinstance(value, tuple | list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise TypeError(f"answer {field_id!r} has an unsupported type {type(value).__name__}")


def _decode_answer(value: object) -> AnswerValue:
    if isinstance(value, dict):
        return _decode_address(value)
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    if isinstance(value, str | bool | int | float):
        return value
    raise TypeError(f"stored answer has an unexpected type {type(value).__name__}")


def _encode_address(address: Address) -> dict[str, str]:
    return {
        "line": address.line,
        "complement": address.complement,
        "postcode": address.postcode,
        "city": address.city,
    }


def _decode_address(data: Mapping[str, Any]) -> Address:
    return Address(line=data["line"], postcode=data["postcode"], city=data["city"], complement=data["complement"])


def _encode_requester(requester: Requester) -> dict[str, object]:
    return {
        "civility": requester.civility,
        "last_name": requester.last_name,
        "first_name": requester.first_name,
        "address": _encode_address(requester.address),
        "email": requester.email,
        "phone": requester.phone,
        "notify_by": requester.notify_by,
    }


def _decode_requester(data: Mapping[str, Any]) -> Requester:
    return Requester(
        civility=data["civility"],
        last_name=data["last_name"],
        first_name=data["first_name"],
        address=_decode_address(data["address"]),
        email=data["email"],
        phone=data["phone"],
        notify_by=data["notify_by"],
    )


# What a request keeps of its requester once central has it (kiosk.models.outbox_repository): nobody.
EMPTY_REQUESTER_JSON = _dumps(_encode_requester(Requester("", "", "", Address("", "", ""), "", "", "none")))


def _encode_slot(slot: Slot) -> dict[str, str]:
    # Central needs the offset to know the moment: a naive time is a caller bug.
    if slot.starts_at.tzinfo is None or slot.ends_at.tzinfo is None:
        raise ValueError("slot times must be aware datetimes")
    return {
        "id": slot.id,
        "starts_at": slot.starts_at.isoformat(),
        "ends_at": slot.ends_at.isoformat(),
        "place": slot.place,
    }


def _decode_slot(data: Mapping[str, Any]) -> Slot:
    return Slot(
        id=data["id"],
        starts_at=dt.datetime.fromisoformat(data["starts_at"]),
        ends_at=dt.datetime.fromisoformat(data["ends_at"]),
        place=data["place"],
    )


def _stored_code(session: Session, row: Request) -> str:
    """The code of a request already stored, for a second submit of the same intent (a double tap on "Valider").

    The cache keeps only its hash; the submit op's payload carries the code to central, and is where it is read.
    """
    payload = session.scalar(select(Outbox.payload_json).where(Outbox.request_id == row.id, Outbox.kind == SUBMIT))
    code = None if payload is None else json.loads(payload).get("tracking_code")
    if not isinstance(code, str):
        raise RequestStoreError("this request was submitted already and its code is no longer kept at this kiosk")
    return code


def _tracked(session: Session, row: Request, code: str) -> TrackedRequest:
    definition_json = session.scalar(
        select(RevisionRow.definition_json).where(
            RevisionRow.slug == row.procedure_slug, RevisionRow.revision == row.procedure_revision
        )
    )
    # The composite foreign key guarantees the revision row; only its title is needed, not the whole model.
    title = LocalizedText.model_validate(json.loads(definition_json or "{}")["title"])
    pending = session.scalar(select(exists().where(Outbox.request_id == row.id, op_waiting())))
    refused = session.scalar(
        select(exists().where(Outbox.request_id == row.id, Outbox.sent_at.is_(None), Outbox.dead_at.is_not(None)))
    )
    # The purge's own rule (outbox_repository._purge_personal_data), which ran in the transaction that made it true.
    at_town_hall = session.scalar(select(settled_at_town_hall(row.id)))
    attached = session.scalar(select(_attached(row.id)))
    documents = session.execute(
        select(
            RequestDocument.field_id,
            RequestDocument.position,
            RequestDocument.filename,
            RequestDocument.media_type,
            RequestDocument.size,
        )
        .where(RequestDocument.request_id == row.id)
        .order_by(RequestDocument.id)
    ).all()
    events = session.execute(
        select(EventRow.kind, EventRow.code, EventRow.at, EventRow.detail)
        .where(EventRow.request_id == row.id)
        .order_by(EventRow.id)
    ).all()
    answers = json.loads(row.answers_json)
    return TrackedRequest(
        reference=row.reference,
        tracking_code=code,
        procedure_slug=row.procedure_slug,
        procedure_revision=row.procedure_revision,
        procedure_title=title,
        status=row.status,
        archived=row.archived,
        pending_send=bool(pending),
        created_at=_aware_utc(row.created_at),
        requester=_decode_requester(json.loads(row.requester_json)),
        answers=MappingProxyType({field_id: _decode_answer(value) for field_id, value in answers.items()}),
        appointment=None if row.appointment_json is None else _decode_slot(json.loads(row.appointment_json)),
        documents=tuple(DocumentInfo(*a) for a in documents),
        events=tuple(RequestEvent(*e) for e in events),
        number=row.number,
        send_refused=bool(refused),
        details_at_town_hall=bool(at_town_hall),
        attached=bool(attached),
    )


def _submitted(session: Session, row: Request, code: str) -> SubmittedRequest:
    # Read back from the rows just written, so the confirmation shows exactly what "Suivre une demande" will.
    tracked = _tracked(session, row, code)
    return SubmittedRequest(
        reference=tracked.reference,
        tracking_code=tracked.tracking_code,
        client_uuid=row.client_uuid,
        procedure_slug=tracked.procedure_slug,
        procedure_revision=tracked.procedure_revision,
        procedure_title=tracked.procedure_title,
        created_at=tracked.created_at,
        appointment=tracked.appointment,
        documents=tracked.documents,
    )

"""Applying the ops kiosks push, exactly once.

One transaction per op: record the op under its permanent UNIQUE (kiosk, op_id), apply its effect, store the
answer, commit. A resend of the same op (a lost answer, a kiosk restarted mid-push) finds the row and gets the
stored answer back; the same key with another op is refused. Between workers, the database arbitrates:

- on PostgreSQL a transaction-scoped advisory lock on (kiosk, op) marks the op in flight: a twin arriving at
  another worker meanwhile gets 409 at once (retry later) instead of queueing behind it; the lock goes with the
  transaction, so a crashed worker leaves nothing stuck in flight;
- if a twin still slips through (its read came before the other's commit), the UNIQUE constraint refuses its
  insert: everything it did rolls back and the next attempt reads the committed answer.

An op refused for a business reason (cancelling a decided request) writes nothing, not even its op row: no
effect happened, so a retry is judged again against the request as it is then.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from central.acknowledgement import Acknowledger
from central.appointments import book, clear_for_reschedule
from central.attachments import attach, granted_account
from central.blobs import DocumentsNotHeld, link_documents
from central.changelog import record_request, request_history
from central.codes import consume
from central.counters import next_value
from central.credentials import tracking_code_digest
from central.db import is_postgresql
from central.errors import Refused
from central.kiosks import KioskIdentity
from central.models import Operation, Request, RequestEvent
from central.workflow import REQUESTER_CANCELLABLE
from sync.clock import utc_now
from sync.protocol import (
    AnyOp,
    AttachOp,
    CancelOp,
    ErrorBody,
    OpAnswer,
    RequestState,
    RequestStatus,
    SubmitBody,
    SubmitOp,
    fingerprint,
)

log = logging.getLogger(__name__)

# A twin that loses the race twice in a row is unlikely; a third loss is reported as in flight (retry later).
_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class OpOutcome:
    """The HTTP status of an op's answer, the answer (or error), and whether it is a replay of a stored one."""

    status: int
    body: OpAnswer | ErrorBody
    replayed: bool = False


class _Refused(Exception):  # noqa: N818
    def __init__(self, status: int, error: str, detail: str) -> None:
        super().__init__(error)
        self.outcome = OpOutcome(status, ErrorBody(error=error, detail=detail))


def in_flight_lock_key(kiosk_id: int, op_id: uuid.UUID) -> int:
    """The PostgreSQL advisory lock (a signed 64-bit key) held while the op (kiosk, op_id) is being applied."""
    digest = hashlib.sha256(f"central.op:{kiosk_id}:{op_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def request_number(year: int, sequence: int) -> str:
    return f"{year}-{sequence:06d}"


def _dumps(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


class OpService:
    """Applies ops for the API, one transaction each. ``zone`` is the town's (the year of a number); ``secret``
    keys the tracking-code digests."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        zone: ZoneInfo,
        secret: bytes,
        clock: Callable[[], dt.datetime] = utc_now,
        acknowledger: Acknowledger | None = None,
    ) -> None:
        self._sessions = sessions
        self._zone = zone
        self._secret = secret
        self._clock = clock
        self._acknowledger = acknowledger

    def apply(self, kiosk: KioskIdentity, op: AnyOp) -> OpOutcome:
        digest = fingerprint(op)
        for _ in range(_ATTEMPTS):
            try:
                outcome = self._attempt(kiosk, op, digest)
            except _Refused as refused:
                outcome = refused.outcome
            except IntegrityError:
                # A twin committed the same op, or the same request, between our read and our insert: all of
                # ours rolled back; the next attempt reads what it committed.
                log.info("op_race_lost", extra={"kiosk": kiosk.name, "op_id": str(op.op_id)})
                continue
            log.info(
                "op",
                extra={
                    "kiosk": kiosk.name,
                    "op_id": str(op.op_id),
                    "kind": op.kind,
                    "status": outcome.status,
                    "replayed": outcome.replayed,
                },
            )
            if outcome.status == 201 and self._acknowledger is not None:
                self._acknowledger.wake()  # its mail committed with it: send now
            return outcome
        return _in_flight()

    def _attempt(self, kiosk: KioskIdentity, op: AnyOp, digest: str) -> OpOutcome:
        with self._sessions.begin() as session:
            if is_postgresql(session):
                key = in_flight_lock_key(kiosk.id, op.op_id)
                if not session.scalar(select(func.pg_try_advisory_xact_lock(key))):
                    return _in_flight()
            stored = session.scalar(
                select(Operation).where(Operation.kiosk_id == kiosk.id, Operation.op_id == op.op_id)
            )
            if stored is not None:
                return _replay(stored, digest)
            now = self._clock()
            if isinstance(op, SubmitOp):
                status, request = self._submit(session, kiosk, op, now)
            elif isinstance(op, CancelOp):
                status, request = self._cancel(session, kiosk, op, now)
            else:
                status, request = self._attach(session, kiosk, op, now)
            answer = OpAnswer(
                op_id=op.op_id,
                kind=op.kind,
                aggregate_id=op.aggregate_id,
                request=RequestState(number=request.number, status=cast("RequestStatus", request.status)),
            )
            session.add(
                Operation(
                    kiosk_id=kiosk.id,
                    op_id=op.op_id,
                    kind=op.kind,
                    fingerprint=digest,
                    status_code=status,
                    response_json=answer.model_dump_json(),
                    created_at=now,
                )
            )
            session.flush()
        return OpOutcome(status, answer)

    def _submit(self, session: Session, kiosk: KioskIdentity, op: SubmitOp, now: dt.datetime) -> tuple[int, Request]:
        existing = session.scalar(select(Request).where(Request.client_ref == op.aggregate_id))
        if existing is not None:
            # Upsert by the client's UUID: the request arrived already (under another op id); answer with it.
            if existing.kiosk_id != kiosk.id:
                raise _Refused(422, "aggregate_taken", "another kiosk already sent a request with this client_uuid")
            return 200, existing
        body = op.body
        year = now.astimezone(self._zone).year
        request = Request(
            client_ref=op.aggregate_id,
            number=_unnumbered(op.aggregate_id),  # numbered last: see below
            kiosk_id=kiosk.id,
            local_reference=body.reference,
            procedure_slug=body.procedure.slug,
            procedure_revision=body.procedure.revision,
            channel=body.channel,
            status="submitted",
            answers_json=_dumps(body.model_dump(mode="json", include={"answers"})["answers"]),
            requester_json=body.requester.model_dump_json(),
            appointment_json=None if body.appointment is None else body.appointment.model_dump_json(),
            documents_json=_dumps([d.model_dump(mode="json") for d in body.documents]),
            tracking_code_digest=tracking_code_digest(self._secret, body.tracking_code),
            submitted_at=body.submitted_at,
            created_at=now,
            updated_at=now,
        )
        session.add(request)
        session.flush()
        session.add(
            RequestEvent(
                request_id=request.id, kind="operation", code="submitted", status="submitted", text="", created_at=now
            )
        )
        _link_documents(session, request, body)
        consume(session, request.tracking_code_digest, now)
        if body.appointment is not None and not book(session, request, body.appointment):
            clear_for_reschedule(session, request, now)  # another request reached central first with this slot
        session.flush()
        history = request_history(session, request)
        # The mail commits with the request, or neither does.
        mail = None if self._acknowledger is None else self._acknowledger.prepare(session, request, body)
        # The number's counter row stays locked from here to the commit, and every submission takes it: it is
        # taken last (then the change log's, as its module says), with everything but a few writes done already.
        request.number = request_number(year, next_value(session, f"request.number.{year}"))
        if mail is not None:
            mail.queue(session, request, now)
        record_request(session, request, now, history)
        return 201, request

    def _cancel(self, session: Session, kiosk: KioskIdentity, op: CancelOp, now: dt.datetime) -> tuple[int, Request]:
        request = _kiosks_request(session, kiosk, op.aggregate_id)
        if request.status == "cancelled":
            return 200, request
        if request.status not in REQUESTER_CANCELLABLE:
            raise _Refused(
                422,
                "request_already_decided",
                f"request {request.number} is {request.status}: the town hall has decided, it can no longer be "
                "cancelled",
            )
        request.status = "cancelled"
        request.updated_at = now
        session.add(
            RequestEvent(
                request_id=request.id, kind="operation", code="cancelled", status="cancelled", text="", created_at=now
            )
        )
        session.flush()
        record_request(session, request, now)
        return 200, request

    def _attach(self, session: Session, kiosk: KioskIdentity, op: AttachOp, now: dt.datetime) -> tuple[int, Request]:
        account_id = granted_account(session, op.body.grant, kiosk.id, now)
        if account_id is None:
            # The grant will not come back to life: a dead letter on the kiosk, the request stays anonymous (its
            # citizen can still attach it by its tracking code).
            raise _Refused(
                422, "attach_grant_invalid", "central holds no such attach grant for this kiosk, or it expired"
            )
        request = _kiosks_request(session, kiosk, op.aggregate_id)
        try:
            attach(session, request, account_id, now, self._zone)
        except Refused as refused:
            raise _Refused(refused.status, refused.error, refused.detail) from None
        return 200, request


def _kiosks_request(session: Session, kiosk: KioskIdentity, client_ref: uuid.UUID) -> Request:
    """The request an op of ``kiosk`` names, read FOR UPDATE: an agent changing its status, or another attach (by
    code), waits for this op's decision, or this op for theirs. 404 when it is not there, or another kiosk's."""
    request = session.scalar(select(Request).where(Request.client_ref == client_ref).with_for_update(of=Request))
    if request is None or request.kiosk_id != kiosk.id:
        raise _Refused(
            404,
            "unknown_request",
            "central has no request with this client_uuid from this kiosk: send its request.submit first",
        )
    return request


def _unnumbered(client_ref: uuid.UUID) -> str:
    """The request's number until it gets its own, a moment later in the same transaction: unique (the column
    is), never seen outside it, and not of the form YEAR-NNNNNN."""
    return f"~{client_ref.hex[:19]}"


def _replay(stored: Operation, digest: str) -> OpOutcome:
    if stored.fingerprint != digest:
        raise _Refused(
            422, "idempotency_key_reused", "this Idempotency-Key was used for a different op: make a new op_id"
        )
    return OpOutcome(stored.status_code, OpAnswer.model_validate_json(stored.response_json), replayed=True)


def _link_documents(session: Session, request: Request, body: SubmitBody) -> None:
    """Link the request's files to the blobs uploaded before it. A blob not uploaded yet is a 409 the kiosk
    retries (upload, then the op again): never a dead letter, since the op itself is right."""
    places = {(document.field_id, document.position) for document in body.documents}
    if len(places) != len(body.documents):
        raise _Refused(422, "duplicate_document", "two documents have the same field_id and position")
    try:
        link_documents(session, request.id, list(body.documents))
    except DocumentsNotHeld as not_held:
        if not_held.missing:
            raise _Refused(
                409,
                "blob_missing",
                f"central does not hold the file(s) {', '.join(not_held.missing)}: PUT /v1/blobs/{{sha256}} each, "
                "then send the op again",
            ) from None
        raise _Refused(
            422,
            "document_mismatch",
            f"the size or media type of {', '.join(not_held.mismatched)} is not that of the uploaded file",
        ) from None


def _in_flight() -> OpOutcome:
    detail = "the same op is being applied by another call: retry later for its answer"
    return OpOutcome(409, ErrorBody(error="op_in_flight", detail=detail))

"""What the town hall's agents do with the requests: list them, read one with its history, change its status
within the workflow, write to the requester. Every change is an event appended to the request's history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from pydantic import TypeAdapter
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from central.changelog import record_request
from central.errors import RequestNotFound
from central.families import FamilyGrants
from central.lookup import appointment_of
from central.models import Kiosk, Request, RequestEvent
from central.workflow import check_agent_transition
from sync.catalogue import FieldId
from sync.clock import utc_now
from sync.protocol import REQUEST_STATUSES, AnswerValue, Appointment, DocumentRef, Requester

MAX_TEXT = 2000  # an agent's comment or message: a few paragraphs
_ANSWERS: Final = TypeAdapter(dict[FieldId, AnswerValue])
_DOCUMENTS: Final = TypeAdapter(list[DocumentRef])


@dataclass(frozen=True, slots=True)
class RequestSummary:
    """A line of the agents' list: nothing personal."""

    number: str
    procedure_slug: str
    procedure_revision: int
    status: str
    kiosk: str
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    kind: str
    code: str
    status: str | None
    text: str
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class RequestDetail:
    """Everything an agent needs to process the request."""

    summary: RequestSummary
    local_reference: str
    channel: str
    submitted_at: dt.datetime  # the kiosk's clock
    requester: Requester
    answers: dict[str, AnswerValue]
    appointment: Appointment | None
    documents: list[DocumentRef]
    history: list[HistoryEvent]  # oldest first


class BackOffice:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        families: FamilyGrants,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        """``families``: what accepting a « Ma famille » request does (a family and its clé enfance); required, so
        that no way of accepting one skips it."""
        self._sessions = sessions
        self._clock = clock
        self._families = families

    def list_requests(self, status: str | None = None, limit: int = 200) -> list[RequestSummary]:
        """The newest requests first, of one status or all."""
        query = select(Request, Kiosk.name).join(Kiosk, Kiosk.id == Request.kiosk_id)
        if status is not None:
            _check_status(status)
            query = query.where(Request.status == status)
        query = query.order_by(Request.id.desc()).limit(limit)
        with self._sessions.begin() as session:
            return [_summary(request, kiosk) for request, kiosk in session.execute(query)]

    def show(self, number: str) -> RequestDetail:
        with self._sessions.begin() as session:
            return self._detail(session, find_request(session, number, lock=False))

    def change_status(self, number: str, status: str, comment: str = "") -> RequestDetail:
        """Move the request to ``status`` (``TransitionRefused`` when the workflow forbids it) and record it."""
        _check_status(status)
        _check_text(comment)
        with self._sessions.begin() as session:
            request = find_request(session, number, lock=True)
            check_agent_transition(number, request.status, status)
            now = self._clock()
            request.status, request.updated_at = status, now
            session.add(
                RequestEvent(
                    request_id=request.id,
                    kind="operation",
                    code="status_changed",
                    status=status,
                    text=comment,
                    created_at=now,
                )
            )
            session.flush()
            if status == "accepted":
                self._families.on_accepted(session, request, now)  # in this transaction: all of it or nothing
            record_request(session, request, now)  # the kiosk it was made at pulls the change
            return self._detail(session, request)

    def add_message(self, number: str, text: str) -> RequestDetail:
        """Write ``text`` to the requester: an exchange in the request's history."""
        if not text.strip():
            raise ValueError("the message is empty")
        _check_text(text)
        with self._sessions.begin() as session:
            request = find_request(session, number, lock=True)
            now = self._clock()
            request.updated_at = now
            session.add(
                RequestEvent(
                    request_id=request.id, kind="exchange", code="message", status=None, text=text, created_at=now
                )
            )
            session.flush()
            record_request(session, request, now)
            return self._detail(session, request)

    def _detail(self, session: Session, request: Request) -> RequestDetail:
        kiosk = session.scalar(select(Kiosk.name).where(Kiosk.id == request.kiosk_id)) or ""
        events = session.scalars(
            select(RequestEvent).where(RequestEvent.request_id == request.id).order_by(RequestEvent.id)
        )
        return RequestDetail(
            summary=_summary(request, kiosk),
            local_reference=request.local_reference,
            channel=request.channel,
            submitted_at=request.submitted_at,
            requester=Requester.model_validate_json(request.requester_json),
            answers=_ANSWERS.validate_json(request.answers_json),
            appointment=appointment_of(request),
            documents=_DOCUMENTS.validate_json(request.documents_json),
            history=[HistoryEvent(e.kind, e.code, e.status, e.text, e.created_at) for e in events],
        )


def _summary(request: Request, kiosk: str) -> RequestSummary:
    return RequestSummary(
        number=request.number,
        procedure_slug=request.procedure_slug,
        procedure_revision=request.procedure_revision,
        status=request.status,
        kiosk=kiosk,
        created_at=request.created_at,
    )


def find_request(session: Session, number: str, *, lock: bool) -> Request:
    query = select(Request).where(Request.number == number)
    if lock:  # a kiosk's cancel of the same request waits for this change, or this for it
        query = query.with_for_update()
    request = session.scalar(query)
    if request is None:
        raise RequestNotFound(f"no request has the number {number}")
    return request


def _check_status(status: str) -> None:
    if status not in REQUEST_STATUSES:
        raise ValueError(f"unknown status {status!r}: one of {', '.join(REQUEST_STATUSES)}")


def _check_text(text: str) -> None:
    if len(text) > MAX_TEXT:
        raise ValueError(f"the text is {len(text)} characters long; at most {MAX_TEXT}")

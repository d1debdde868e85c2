"""A tracking code typed at any kiosk, looked up on central: the request's follow-up, never its personal data.

Codes are guessable by trying (20**8 of them), so look-ups are rate-limited twice, by the kiosk asking and by the
code asked (across kiosks), each with a sliding window and a growing delay (``central.attempts``: rows of the
database every worker of the town counts; an attempt that comes too early gets 429 with Retry-After).

A code two requests share (an offline draw that clashed) needs the requester's last name to choose; compared
without case or accents.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Callable
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from central import attempts
from central.attempts import Limit
from central.credentials import tracking_code_digest
from central.errors import Refused
from central.kiosks import KioskIdentity
from central.models import LookupAttempt, Request, RequestEvent
from sync.clock import utc_now
from sync.protocol import Appointment, FollowUp, LookupQuery, ProcedureRef, RequestEventData

# A citizen types a code a few times; a kiosk serves a queue of them. Beyond, someone is trying codes.
PER_KIOSK: Final = Limit(window=dt.timedelta(minutes=1), free=20)
PER_CODE: Final = Limit(window=dt.timedelta(minutes=10), free=5)


class LookupRefused(Refused):
    """404 ``unknown_code``, 409 ``last_name_needed``, 429 ``too_many_lookups`` (with Retry-After)."""


def same_name(typed: str, recorded: str) -> bool:
    """Whether a typed last name is the recorded one, whatever the case, accents and spacing."""

    def folded(name: str) -> str:
        decomposed = unicodedata.normalize("NFKD", name)
        letters = "".join(c for c in decomposed if not unicodedata.combining(c))
        return " ".join(letters.replace("-", " ").replace("'", " ").casefold().split())

    return bool(folded(typed)) and folded(typed) == folded(recorded)


class RequestLookup:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        secret: bytes,
        limits: tuple[Limit, Limit] = (PER_KIOSK, PER_CODE),
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self._sessions = sessions
        self._secret = secret
        self._per_kiosk, self._per_code = limits
        self._clock = clock

    def find(self, kiosk: KioskIdentity, query: LookupQuery) -> FollowUp:
        """The follow-up of the request with ``query.code``; ``LookupRefused`` 404, 409 or 429."""
        digest = tracking_code_digest(self._secret, query.code)
        with self._sessions.begin() as session:
            self.admit(session, kiosk.id, digest, self._clock())
        # The attempt is committed before the answer: a refused name counts as much as a found code.
        with self._sessions.begin() as session:
            matches = list(
                session.scalars(select(Request).where(Request.tracking_code_digest == digest).order_by(Request.id))
            )
            if not matches:
                raise LookupRefused(404, "unknown_code", "no request has this tracking code")
            if len(matches) > 1:
                named = [r for r in matches if query.last_name and same_name(query.last_name, requester_last_name(r))]
                if len(named) != 1:
                    detail = (
                        "two requests share this code: give the requester's last name"
                        if query.last_name is None
                        else "two requests share this code and the last name is neither's"
                    )
                    raise LookupRefused(409, "last_name_needed", detail)
                matches = named
            return follow_up_of(session, matches[0])

    def admit(self, session: Session, kiosk_id: int, digest: str, now: dt.datetime) -> None:
        """In the caller's transaction: count a try of the code ``digest`` at this kiosk, or ``LookupRefused`` 429.
        Whatever tries a tracking code (a look-up, an attach by code) counts here, against the same limits."""
        seconds = attempts.admit(
            session,
            LookupAttempt,
            (
                attempts.Counted(f"lookup.kiosk:{kiosk_id}", self._per_kiosk, LookupAttempt.kiosk_id == kiosk_id),
                attempts.Counted(f"lookup.code:{digest}", self._per_code, LookupAttempt.code_digest == digest),
            ),
            now,
        )
        if seconds:
            raise LookupRefused(429, "too_many_lookups", f"too many look-ups: try again in {seconds} s", seconds)
        session.add(LookupAttempt(kiosk_id=kiosk_id, code_digest=digest, at=now))


def requester_last_name(request: Request) -> str:
    value = json.loads(request.requester_json).get("last_name", "")
    return value if isinstance(value, str) else ""


def appointment_of(request: Request) -> Appointment | None:
    return None if request.appointment_json is None else Appointment.model_validate_json(request.appointment_json)


def follow_up_of(session: Session, request: Request) -> FollowUp:
    """The follow-up of ``request`` (a code's look-up, a citizen's own request): never its personal data."""
    events = session.scalars(
        select(RequestEvent).where(RequestEvent.request_id == request.id).order_by(RequestEvent.id)
    )
    return FollowUp.model_validate(
        {
            "number": request.number,
            "status": request.status,
            "procedure": ProcedureRef(slug=request.procedure_slug, revision=request.procedure_revision),
            "received_at": request.created_at,
            "appointment": appointment_of(request),
            "history": [
                RequestEventData.model_validate(
                    {"kind": e.kind, "code": e.code, "status": e.status, "text": e.text, "at": e.created_at}
                )
                for e in events
            ],
        }
    )

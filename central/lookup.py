"""A tracking code typed at any kiosk, looked up on central: the request's follow-up, never its personal data.

Codes are guessable by trying (20**8 of them), so look-ups are rate-limited twice, by the kiosk asking and by the
code asked (across kiosks), each with a sliding window and a growing delay: the first ``free`` attempts of a
window pass at once; after them each attempt must wait twice as long as the one before since the last attempt
let through (1 s, 2 s, 4 s... up to ``cap``), and an attempt that comes too early gets 429 with Retry-After and is
not counted. The attempts are rows of the database, so every worker of the town counts the same ones; a
transaction-scoped advisory lock (PostgreSQL) or the single writer (SQLite) makes check-and-count atomic.

A code two requests share (an offline draw that clashed) needs the requester's last name to choose; compared
without case or accents.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from pydantic import TypeAdapter
from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from central.credentials import tracking_code_digest
from central.db import is_postgresql
from central.kiosks import KioskIdentity, utc_now
from central.models import LookupAttempt, Request, RequestEvent
from sync.protocol import Appointment, FollowUp, LookupQuery, ProcedureRef, RequestEventData

_APPOINTMENT: Final = TypeAdapter(Appointment)


@dataclass(frozen=True, slots=True)
class Limit:
    """``free`` attempts per ``window``, then a delay doubling from ``base`` up to ``cap`` between attempts."""

    window: dt.timedelta
    free: int
    base: dt.timedelta = dt.timedelta(seconds=1)
    cap: dt.timedelta = dt.timedelta(minutes=5)

    def wait(self, attempts: int, last: dt.datetime | None, now: dt.datetime) -> float:
        """Seconds to wait before the next attempt (0: go), given the attempts in the window and the last one."""
        if attempts < self.free or last is None:
            return 0.0
        delay = min(self.cap, self.base * (1 << min(attempts - self.free, 20)))
        return max(0.0, (last + delay - now).total_seconds())


# A citizen types a code a few times; a kiosk serves a queue of them. Beyond, someone is trying codes.
PER_KIOSK: Final = Limit(window=dt.timedelta(minutes=1), free=20)
PER_CODE: Final = Limit(window=dt.timedelta(minutes=10), free=5)
_KEEP: Final = dt.timedelta(hours=1)  # attempts older than every window are deleted as new ones come


class LookupRefused(Exception):  # noqa: N818
    def __init__(self, status: int, error: str, detail: str, retry_after: int | None = None) -> None:
        super().__init__(error)
        self.status, self.error, self.detail, self.retry_after = status, error, detail, retry_after


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
            now = self._clock()
            self._admit(session, kiosk.id, digest, now)
        # The attempt is committed before the answer: a refused name counts as much as a found code.
        with self._sessions.begin() as session:
            matches = list(
                session.scalars(select(Request).where(Request.tracking_code_digest == digest).order_by(Request.id))
            )
            if not matches:
                raise LookupRefused(404, "unknown_code", "no request has this tracking code")
            if len(matches) > 1:
                named = [r for r in matches if query.last_name and same_name(query.last_name, _last_name(r))]
                if len(named) != 1:
                    detail = (
                        "two requests share this code: give the requester's last name"
                        if query.last_name is None
                        else "two requests share this code and the last name is neither's"
                    )
                    raise LookupRefused(409, "last_name_needed", detail)
                matches = named
            return _follow_up(session, matches[0])

    def _admit(self, session: Session, kiosk_id: int, digest: str, now: dt.datetime) -> None:
        if is_postgresql(session):
            for key in (f"lookup.kiosk:{kiosk_id}", f"lookup.code:{digest}"):
                session.execute(select(func.pg_advisory_xact_lock(_lock_key(key))))
        session.execute(delete(LookupAttempt).where(LookupAttempt.at < now - _KEEP))
        wait = max(
            self._wait(session, self._per_kiosk, LookupAttempt.kiosk_id == kiosk_id, now),
            self._wait(session, self._per_code, LookupAttempt.code_digest == digest, now),
        )
        if wait > 0:
            seconds = max(1, math.ceil(wait))
            raise LookupRefused(429, "too_many_lookups", f"too many look-ups: try again in {seconds} s", seconds)
        session.add(LookupAttempt(kiosk_id=kiosk_id, code_digest=digest, at=now))

    @staticmethod
    def _wait(session: Session, limit: Limit, which: ColumnElement[bool], now: dt.datetime) -> float:
        attempts, last = session.execute(
            select(func.count(), func.max(LookupAttempt.at)).where(which, LookupAttempt.at > now - limit.window)
        ).one()
        if isinstance(last, str):  # SQLite's max() of a DateTime column comes back as text
            last = dt.datetime.fromisoformat(last)
        if last is not None and last.tzinfo is None:
            last = last.replace(tzinfo=dt.UTC)
        return limit.wait(int(attempts), last, now)


def _lock_key(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def _last_name(request: Request) -> str:
    value = json.loads(request.requester_json).get("last_name", "")
    return value if isinstance(value, str) else ""


def _follow_up(session: Session, request: Request) -> FollowUp:
    events = session.scalars(
        select(RequestEvent).where(RequestEvent.request_id == request.id).order_by(RequestEvent.id)
    )
    return FollowUp.model_validate(
        {
            "number": request.number,
            "status": request.status,
            "procedure": ProcedureRef(slug=request.procedure_slug, revision=request.procedure_revision),
            "received_at": request.created_at,
            "appointment": None
            if request.appointment_json is None
            else _APPOINTMENT.validate_json(request.appointment_json),
            "history": [
                RequestEventData.model_validate(
                    {"kind": e.kind, "code": e.code, "status": e.status, "text": e.text, "at": e.created_at}
                )
                for e in events
            ],
        }
    )

"""Attaching a request to a citizen's personal space (« Rattacher cette demande à mon espace personnel »).

Two ways in, one effect (``attach``): the ``request.attach`` op of the kiosk where the request was made, allowed by
the attach grant of a log-in there (``central.ops``), and ``POST /v1/me/attachments`` from any kiosk, by the
request's tracking code and the requester's last name (``Attachments.by_code``). A request belongs to one space at
most: attaching it again to the same space changes nothing, to another is refused (409 ``attached_elsewhere``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, sessionmaker

from central.accounts import AccountService
from central.changelog import record_request
from central.credentials import token_hash, tracking_code_digest
from central.errors import Refused
from central.kiosks import KioskIdentity
from central.lookup import RequestLookup, appointment_of, requester_last_name, same_name
from central.models import Account, AttachGrant, Request, RequestEvent
from central.quotas import quota_state
from central.workflow import OVER_STATUSES
from sync.clock import utc_now
from sync.personal_space import AttachByCode, MyRequest
from sync.protocol import ProcedureRef

# The event every attach adds to the request's history: the kiosks pull it with the request.
ATTACHED: Final = "attached"
# The event of a request refused on attaching because its citizen's quota of the procedure was reached.
QUOTA_REACHED: Final = "quota_reached"


class AttachRefused(Refused):
    """401 ``session_invalid`` (from the account check), 404 ``not_found``, 409 ``attached_elsewhere``,
    429 ``too_many_lookups``."""


def granted_account(session: Session, grant: str, kiosk_id: int, now: dt.datetime) -> int | None:
    """The account an attach grant (``sync.protocol.AttachBody.grant``) lets ``kiosk_id`` attach to, None when
    central holds no such grant, it expired, or it is of a log-in at another kiosk (a grant read off one kiosk's
    memory is of no use at another)."""
    found = session.scalar(select(AttachGrant).where(AttachGrant.token_hash == token_hash(grant)))
    if found is None or found.expires_at <= now or found.kiosk_id != kiosk_id:
        return None
    return found.account_id


def attach(session: Session, request: Request, account_id: int, now: dt.datetime, zone: ZoneInfo) -> bool:
    """In the caller's transaction, ``request`` read FOR UPDATE: attach it to the account, add the « attached »
    event and record the change the kiosk pulls. False when it was this account's already (nothing written);
    ``AttachRefused`` 409 when it is another's. The caller records it last (``central.changelog``'s lock order).

    The procedure's quota is per person (``central.quotas``): a request that joins a space whose quota of it is
    reached for the request's period is attached and refused (``QUOTA_REACHED``, the citizen sees why in its
    history). The kiosk asks before the wizard and at « Valider »; this is the check of a request it could not ask
    for (made offline), and it keeps a citizen from going round the quota by attaching anonymous requests."""
    if request.account_id == account_id:
        return False
    if request.account_id is not None:
        raise AttachRefused(409, "attached_elsewhere", "this request is attached to another personal space")
    # The account's row locked first: two requests attached to it at once are counted one after the other, so they
    # cannot both pass a quota only one of them fits in (PostgreSQL; SQLite writes one at a time anyway).
    session.execute(select(Account.id).where(Account.id == account_id).with_for_update())
    over_quota = request.status == "submitted" and _quota_reached(session, account_id, request, zone)
    request.account_id = account_id
    request.updated_at = now
    session.add(
        RequestEvent(request_id=request.id, kind="operation", code=ATTACHED, status=None, text="", created_at=now)
    )
    if over_quota:
        request.status = "refused"
        session.add(
            RequestEvent(
                request_id=request.id, kind="operation", code=QUOTA_REACHED, status="refused", text="", created_at=now
            )
        )
    session.flush()
    record_request(session, request, now)
    return True


def _quota_reached(session: Session, account_id: int, request: Request, zone: ZoneInfo) -> bool:
    """Whether the account's other requests of this procedure already fill the quota of the period the request
    arrived in (the request itself is not attached yet, so it is not counted)."""
    state = quota_state(session, account_id, request.procedure_slug, request.created_at, zone)
    return state is not None and state.reached


def unread_messages(session: Session, which: ColumnElement[bool]) -> dict[int, int]:
    """The town's messages not read yet, per id of the requests ``which`` selects (those with none left out), in
    one query."""
    rows = session.execute(
        select(RequestEvent.request_id, func.count())
        .join(Request, Request.id == RequestEvent.request_id)
        .where(
            which,
            RequestEvent.kind == "exchange",
            RequestEvent.id > func.coalesce(Request.read_upto_event_id, 0),
        )
        .group_by(RequestEvent.request_id)
    )
    return {request_id: count for request_id, count in rows.tuples()}


def my_request(session: Session, request: Request) -> MyRequest:
    """The request as its citizen's list shows it (``sync.personal_space.MyRequest``)."""
    return as_my_request(request, unread_messages(session, Request.id == request.id).get(request.id, 0))


def as_my_request(request: Request, unread: int) -> MyRequest:
    """``my_request`` with its count of unread messages known (``unread_messages``)."""
    return MyRequest.model_validate(
        {
            "number": request.number,
            "status": request.status,
            "procedure": ProcedureRef(slug=request.procedure_slug, revision=request.procedure_revision),
            "received_at": request.created_at,
            "updated_at": request.updated_at,
            "appointment": appointment_of(request),
            "unread": unread,
            "archived": request.status in OVER_STATUSES,
        }
    )


class Attachments:
    """``POST /v1/me/attachments``: a request of any kiosk, by its tracking code and the requester's last name.
    Each try counts as a look-up of that code (``RequestLookup.admit``: the same limits per kiosk and per code), so
    attaching is no way around them to guess codes or names."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        secret: bytes,
        accounts: AccountService,
        lookup: RequestLookup,
        zone: ZoneInfo,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self._zone = zone
        self._sessions = sessions
        self._secret = secret
        self._accounts = accounts
        self._lookup = lookup
        self._clock = clock

    def by_code(self, kiosk: KioskIdentity, citizen_token: str | None, body: AttachByCode) -> MyRequest:
        digest = tracking_code_digest(self._secret, body.code)
        with self._sessions.begin() as session:
            # A call without a valid session counts no try: it cannot attach anything anyway.
            account_id = self._accounts.signed_in(session, kiosk, citizen_token).id
            self._lookup.admit(session, kiosk.id, digest, self._clock())
        # The try is committed before the answer: a wrong name counts as much as a wrong code.
        with self._sessions.begin() as session:
            candidates = session.scalars(
                select(Request)
                .where(Request.tracking_code_digest == digest)
                .order_by(Request.id)
                .with_for_update(of=Request)
            )
            named = [r for r in candidates if same_name(body.last_name, requester_last_name(r))]
            if len(named) != 1:
                # One answer for a wrong code and a wrong name: neither is confirmed to someone guessing.
                raise AttachRefused(404, "not_found", "no request has this tracking code and this requester's name")
            request = named[0]
            attach(session, request, account_id, self._clock(), self._zone)
            return my_request(session, request)

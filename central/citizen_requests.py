"""The logged-in citizen's own requests (« Mon tableau de bord »): their list with the counts of the tiles' badges,
the follow-up of one of them from any kiosk, and the town's messages they have read.

Every call starts with the citizen's session (``AccountService.signed_in``: 401 ``session_invalid``). A request is
the citizen's when it is attached to their account (``Request.account_id``); any other number, someone else's or
none at all, gets the same 404 ``not_found``, so that trying numbers tells nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from central.accounts import AccountService
from central.attachments import as_my_request, unread_messages
from central.catalogue_store import live_slugs
from central.errors import Refused
from central.kiosks import KioskIdentity
from central.lookup import appointment_of, follow_up_of
from central.models import Request, RequestEvent
from central.workflow import OVER_STATUSES
from sync.clock import utc_now
from sync.personal_space import MAX_DASHBOARD_REQUESTS, Dashboard, ReadUpTo
from sync.protocol import FollowUp

__all__ = ["CitizenRequests", "NotTheirs"]


class NotTheirs(Refused):
    """404 ``not_found``: no request of the citizen has this number."""

    def __init__(self) -> None:
        super().__init__(404, "not_found", "none of your requests has this number")


class CitizenRequests:
    """``/v1/me/dashboard`` and ``/v1/me/requests/{number}``. ``pinned`` is the town's list of procedures for
    « Mon accueil » (``CentralSettings.pinned_procedures``), in its order."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        accounts: AccountService,
        pinned: tuple[str, ...],
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self._sessions = sessions
        self._accounts = accounts
        self._pinned = pinned
        self._clock = clock

    def dashboard(self, kiosk: KioskIdentity, token: str | None) -> Dashboard:
        """The citizen's requests, newest first (at most ``MAX_DASHBOARD_REQUESTS``), the town's messages they have
        not opened, their appointments from now on (of requests still going on), and the live pinned procedures.
        The counts are of all the citizen's requests, listed or not."""
        with self._sessions.begin() as session:
            account = self._accounts.signed_in(session, kiosk, token)
            now = self._clock()
            theirs = Request.account_id == account.id
            unread = unread_messages(session, theirs)
            rows = session.scalars(
                select(Request)
                .where(theirs)
                .order_by(Request.created_at.desc(), Request.id.desc())
                .limit(MAX_DASHBOARD_REQUESTS)
            )
            appointments = session.scalars(
                select(Request).where(
                    theirs, Request.appointment_json.is_not(None), Request.status.not_in(OVER_STATUSES)
                )
            )
            return Dashboard(
                requests=[as_my_request(request, unread.get(request.id, 0)) for request in rows],
                unread_messages=sum(unread.values()),
                upcoming_appointments=sum(
                    1 for r in appointments if (found := appointment_of(r)) is not None and found.ends_at > now
                ),
                pinned=self._live_pinned(session),
            )

    def _live_pinned(self, session: Session) -> list[str]:
        live = live_slugs(session, self._pinned)
        return [slug for slug in self._pinned if slug in live]

    def follow_up(self, kiosk: KioskIdentity, token: str | None, number: str) -> FollowUp:
        """The follow-up of the citizen's request ``number`` (as a tracking code shows it), or ``NotTheirs``."""
        with self._sessions.begin() as session:
            account = self._accounts.signed_in(session, kiosk, token)
            return follow_up_of(session, _theirs(session, account.id, number, lock=False))

    def mark_read(self, kiosk: KioskIdentity, token: str | None, number: str, body: ReadUpTo) -> None:
        """The citizen saw the first ``body.seen`` events of their request's history: its messages among them are
        read. Never moves back (a follow-up fetched earlier and reported later reads nothing new)."""
        with self._sessions.begin() as session:
            account = self._accounts.signed_in(session, kiosk, token)
            request = _theirs(session, account.id, number, lock=True)
            if body.seen == 0:
                return
            last_seen = session.scalar(
                select(RequestEvent.id)
                .where(RequestEvent.request_id == request.id)
                .order_by(RequestEvent.id)
                .offset(body.seen - 1)
                .limit(1)
            )
            # None: more events than the history holds, which no follow-up showed: nothing is marked.
            if last_seen is not None and last_seen > (request.read_upto_event_id or 0):
                # Not a change the kiosks pull: what was read is the citizen's, not the request's.
                request.read_upto_event_id = last_seen


def _theirs(session: Session, account_id: int, number: str, *, lock: bool) -> Request:
    query = select(Request).where(Request.number == number, Request.account_id == account_id)
    if lock:  # two kiosks marking the same request read: one after the other, the furthest wins
        query = query.with_for_update()
    request = session.scalar(query)
    if request is None:
        raise NotTheirs()
    return request

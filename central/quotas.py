"""A procedure's quota (« Au plus 3 demandes par mois et par personne »), counted for a citizen's personal space.

The periods are the town's calendar ones, in its time zone: the day from midnight, the week from Monday, the month
from the 1st, the year from 1 January. Not rolling windows: the kiosk and the guide tell the rule as « par mois »,
which people read as this month, and a calendar period lets us say exactly when the next request is allowed (« à
partir du 1er décembre »), where a rolling window would depend on the date of each past request.

A request counts from its arrival on central (``Request.created_at``, central's clock), not from the kiosk's clock
that a visitor cannot set but a faulty kiosk can; a cancelled request does not count (the citizen gave it up), nor
a refused one (the town said no, or the quota did when the request was attached: ``central.attachments``), so a
citizen may ask again.
Only requests attached to the space count: an anonymous visitor has no per-person count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from central.accounts import AccountService
from central.catalogue_store import live_procedure
from central.errors import Refused
from central.kiosks import KioskIdentity
from central.models import Request
from sync.catalogue import Quota
from sync.clock import utc_now
from sync.personal_space import QuotaState

# A request the citizen withdrew, or the town (or the quota) refused, leaves room for another one.
NOT_COUNTED: Final = ("cancelled", "refused")

__all__ = ["QuotaService", "period_bounds", "quota_state"]


def period_bounds(period: str, now: dt.datetime, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """The calendar ``period`` ("day", "week", "month", "year") of the town's zone that holds ``now``: its start
    and the next one's, in UTC."""
    today = now.astimezone(zone).date()
    if period == "day":
        start, end = today, today + dt.timedelta(days=1)
    elif period == "week":
        start = today - dt.timedelta(days=today.weekday())
        end = start + dt.timedelta(days=7)
    elif period == "month":
        start = today.replace(day=1)
        end = start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1)
    elif period == "year":
        start, end = today.replace(month=1, day=1), today.replace(year=today.year + 1, month=1, day=1)
    else:
        raise ValueError(f"unknown quota period {period!r}")
    return _midnight(start, zone), _midnight(end, zone)


def _midnight(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), zone).astimezone(dt.UTC)


def quota_state(session: Session, account_id: int, slug: str, now: dt.datetime, zone: ZoneInfo) -> QuotaState | None:
    """In the caller's transaction (an API call, or the attach of a request): the account's requests of ``slug``
    in the current period of its live quota, or None when central does not offer ``slug`` or it has no quota."""
    procedure = live_procedure(session, slug)
    if procedure is None or procedure.quota is None:
        return None
    return _count(session, account_id, slug, procedure.quota, now, zone)


def _count(session: Session, account_id: int, slug: str, quota: Quota, now: dt.datetime, zone: ZoneInfo) -> QuotaState:
    start, end = period_bounds(quota.period, now, zone)
    used = session.scalar(
        select(func.count(Request.id)).where(
            Request.account_id == account_id,
            Request.procedure_slug == slug,
            Request.status.not_in(NOT_COUNTED),
            Request.created_at >= start,
            Request.created_at < end,
        )
    )
    used = used or 0
    return QuotaState(
        slug=slug, count=quota.count, period=quota.period, used=used, reached=used >= quota.count, renews_at=end
    )


class QuotaService:
    """``GET /v1/me/quotas/{slug}``: the signed-in citizen's quota of a procedure, in one read transaction."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        accounts: AccountService,
        zone: ZoneInfo,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self._sessions, self._accounts, self._zone, self._clock = sessions, accounts, zone, clock

    def for_citizen(self, kiosk: KioskIdentity, token: str | None, slug: str) -> QuotaState:
        """The quota state, ``SessionInvalid`` (401) without a valid session, ``Refused`` 404 ``not_found`` for a
        procedure central does not offer or without quota (one answer: nothing to count either way)."""
        with self._sessions.begin() as session:
            account = self._accounts.signed_in(session, kiosk, token)
            found = quota_state(session, account.id, slug, self._clock(), self._zone)
        if found is None:
            raise Refused(404, "not_found", "no procedure with a quota has this name")
        return found

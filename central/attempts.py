"""Attempts counted in the database against growing delays, shared by the look-ups of tracking codes
(``central.lookup``), the log-ins (``central.accounts``) and the wrong clés enfance (``central.profiles``).

Each limit has a sliding window: the first ``free`` attempts of a window pass at once; after them each attempt must
wait twice as long as the one before since the last attempt let through (1 s, 2 s, 4 s... up to ``cap``), and an
attempt that comes too early is refused (429 with Retry-After) and not counted. The attempts are rows of the
database, so every worker counts the same ones; a transaction-scoped advisory lock per counted key (PostgreSQL) or
the single writer (SQLite) makes check-and-count atomic.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.orm import Session

from central.db import is_postgresql
from central.models import ChildKeyAttempt, LoginAttempt, LookupAttempt

# Attempts older than every window are deleted as new ones come.
KEEP: Final = dt.timedelta(hours=1)

AttemptTable = type[LoginAttempt] | type[LookupAttempt] | type[ChildKeyAttempt]


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


@dataclass(frozen=True, slots=True)
class Counted:
    """One key attempts are counted against: ``lock`` names it for the advisory lock, ``which`` picks its rows."""

    lock: str
    limit: Limit
    which: ColumnElement[bool]


def lock_key(name: str) -> int:
    """The 64-bit key of ``pg_advisory_xact_lock`` for a name."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def admit(session: Session, table: AttemptTable, counted: Sequence[Counted], now: dt.datetime) -> int:
    """In the caller's transaction: lock the keys (PostgreSQL), delete the attempts older than ``KEEP``, and return
    the whole seconds to wait before an attempt is let through (0: go; the caller then adds its row, still holding
    the locks)."""
    if is_postgresql(session):
        for each in counted:
            session.execute(select(func.pg_advisory_xact_lock(lock_key(each.lock))))
    session.execute(delete(table).where(table.at < now - KEEP))
    wait = max((_wait(session, table, each, now) for each in counted), default=0.0)
    return max(1, math.ceil(wait)) if wait > 0 else 0


def _wait(session: Session, table: AttemptTable, counted: Counted, now: dt.datetime) -> float:
    attempts, last = session.execute(
        select(func.count(), func.max(table.at)).where(counted.which, table.at > now - counted.limit.window)
    ).one()
    if isinstance(last, str):  # SQLite's max() of a DateTime column comes back as text
        last = dt.datetime.fromisoformat(last)
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=dt.UTC)
    return counted.limit.wait(int(attempts), last, now)

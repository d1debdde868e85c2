"""The pool of tracking codes central leased to this kiosk (``POST /v1/codes/lease``).

A code from the pool is unique across every kiosk of the town; a kiosk whose pool is empty (offline for long)
draws a random code, and central resolves the rare clash. The pool holds the codes in clear, because the receipt
prints the code of the request that takes one: a leased code is a key to no request yet, and it is deleted in
the transaction that stores its request (whose row keeps only the keyed digest). The pool stays small, so a
stolen cache file gives away at most a few codes that later requests would have had.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import delete, exists, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.models.dto import RequestStoreError
from kiosk.models.tables import LeasedCode, Request
from kiosk.models.tracking_key import code_digest

__all__ = ["CodePoolRepository", "take_leased_code"]


def take_leased_code(session: Session, key: bytes) -> str | None:
    """The oldest leased code no request of this kiosk holds, removed from the pool in the caller's transaction
    (a rollback puts it back); None when the pool is empty. A leased code a request already holds (a random draw
    that met it) is useless and leaves the pool too."""
    while True:
        code = session.scalar(select(LeasedCode.code).order_by(LeasedCode.leased_at, LeasedCode.code).limit(1))
        if code is None:
            return None
        session.execute(delete(LeasedCode).where(LeasedCode.code == code))
        if not session.scalar(select(exists().where(Request.tracking_code_hash == code_digest(key, code)))):
            return code


class CodePoolRepository:
    """Implements ``sync.codes.CodeStore`` on the kiosk's cache; one short transaction per call."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def unused(self) -> int:
        """How many leased codes wait for a request."""
        try:
            with self._sessions.begin() as session:
                return int(session.scalar(select(func.count()).select_from(LeasedCode)) or 0)
        except SQLAlchemyError as exc:
            raise RequestStoreError(type(exc).__name__) from None

    def add(self, codes: Iterable[str], at: dt.datetime) -> int:
        """Keep ``codes`` (a code held already is kept once); returns how many are new."""
        rows = [{"code": code, "leased_at": at} for code in codes]
        if not rows:
            return 0
        try:
            with self._sessions.begin() as session:
                result = session.execute(sqlite_insert(LeasedCode).values(rows).on_conflict_do_nothing())
                return int(getattr(result, "rowcount", 0) or 0)
        except SQLAlchemyError as exc:
            # "from None" and the type only: the statement's parameters are the codes in clear.
            raise RequestStoreError(type(exc).__name__) from None

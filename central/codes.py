"""The tracking-code pool: central draws codes no request and no lease holds, and leases a batch to a kiosk while it
is online, so that codes printed from a pool are unique across every kiosk.

A kiosk whose pool runs dry offline draws random codes; the rare clash with a code already given is not
refused (the code is printed already): both requests keep it, and the look-up asks for the last name
(``central.lookup``). Central keeps only the keyed digests of the codes; the kiosk receives them in clear once.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from typing import Final

from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from central.credentials import tracking_code_digest
from central.kiosks import KioskIdentity
from central.models import Kiosk, Request, TrackingCodeLease
from sync.clock import utc_now
from sync.protocol import CODE_ALPHABET, CODE_LENGTH, CodeLease

# Unused codes a kiosk may hold: a busy day's worth and more; a kiosk asking beyond it gets none.
MAX_UNUSED: Final = 200
# 20**8 codes: a draw that meets a code given already is rare; this many in a row means something is wrong.
_DRAWS_PER_CODE: Final = 20


def draw_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class CodePool:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        secret: bytes,
        limit: int = MAX_UNUSED,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self._sessions = sessions
        self._secret = secret
        self._limit = limit
        self._clock = clock

    def lease(self, kiosk: KioskIdentity, count: int) -> CodeLease:
        """Up to ``count`` fresh codes for ``kiosk``, never taking its unused ones above the limit."""
        with self._sessions.begin() as session:
            # The kiosk's row lock: two lease calls of one kiosk take turns, so the limit holds.
            session.execute(select(Kiosk.id).where(Kiosk.id == kiosk.id).with_for_update())
            unused = _unused(session, kiosk.id)
            grant = max(0, min(count, self._limit - unused))
            codes: list[str] = []
            now = self._clock()
            while len(codes) < grant:
                codes.append(self._fresh(session, kiosk.id, now))
            return CodeLease(codes=codes, unused=unused + len(codes), limit=self._limit)

    def _fresh(self, session: Session, kiosk_id: int, now: dt.datetime) -> str:
        for _ in range(_DRAWS_PER_CODE):
            code = draw_code()
            digest = tracking_code_digest(self._secret, code)
            taken = session.scalar(
                select(
                    exists().where(TrackingCodeLease.digest == digest)
                    | exists().where(Request.tracking_code_digest == digest)
                )
            )
            if not taken:
                # A twin drawn at the same moment by another worker fails the primary key: the whole lease
                # rolls back and the kiosk asks again (a 500 it retries); 1 chance in 20**8 per code.
                session.add(TrackingCodeLease(digest=digest, kiosk_id=kiosk_id, leased_at=now))
                session.flush()
                return code
        raise RuntimeError("no free tracking code after many draws")


def consume(session: Session, digest: str, now: dt.datetime) -> None:
    """A request arrived with this code: a lease of it, whichever kiosk holds it, is used from now on."""
    session.execute(
        update(TrackingCodeLease)
        .where(TrackingCodeLease.digest == digest, TrackingCodeLease.used_at.is_(None))
        .values(used_at=now)
    )


def _unused(session: Session, kiosk_id: int) -> int:
    query = select(func.count()).where(TrackingCodeLease.kiosk_id == kiosk_id, TrackingCodeLease.used_at.is_(None))
    return int(session.scalar(query) or 0)

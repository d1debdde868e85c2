"""The kiosks allowed to talk to central: registering one (its device token is shown once), revoking one, and
recognising one from the token it presents."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from central.credentials import new_device_token, token_hash
from central.db import is_postgresql
from central.errors import KioskExists, KioskNotFound
from central.models import KIOSK_NAME_LENGTH, Kiosk
from sync.clock import utc_now

# The kiosk's own rule for its id (it prefixes the local references): letters, digits, dot, dash, underscore.
KIOSK_NAME = re.compile(rf"^[A-Za-z0-9][A-Za-z0-9._-]{{0,{KIOSK_NAME_LENGTH - 1}}}$")


@dataclass(frozen=True, slots=True)
class KioskIdentity:
    """The kiosk a call comes from, once its token is recognised."""

    id: int
    name: str


class KioskRegistry:
    def __init__(self, sessions: sessionmaker[Session], clock: Callable[[], dt.datetime] = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock

    def add(self, name: str) -> str:
        """Register ``name`` and return its device token: the only time it exists outside the kiosk."""
        if not KIOSK_NAME.match(name):
            raise ValueError(
                f"a kiosk name is 1 to {KIOSK_NAME_LENGTH} letters, digits, '.', '_' or '-', starting with a letter "
                "or digit"
            )
        token = new_device_token()
        try:
            with self._sessions.begin() as session:
                if session.scalar(select(Kiosk.id).where(Kiosk.name == name)) is not None:
                    raise KioskExists(f"a kiosk named {name} is already registered")
                session.add(Kiosk(name=name, token_hash=token_hash(token), created_at=self._clock()))
        except IntegrityError:  # registered by someone else between the check and the insert
            raise KioskExists(f"a kiosk named {name} is already registered") from None
        return token

    def revoke(self, name: str) -> bool:
        """Refuse the kiosk's token from now on. False when it was revoked already."""
        with self._sessions.begin() as session:
            kiosk = session.scalar(select(Kiosk).where(Kiosk.name == name))
            if kiosk is None:
                raise KioskNotFound(f"no kiosk is named {name}")
            if kiosk.revoked_at is not None:
                return False
            kiosk.revoked_at = self._clock()
            return True

    def authenticate(self, token: str) -> KioskIdentity | None:
        """The kiosk holding ``token``, or None for an unknown or revoked token."""
        with self._sessions() as session:
            if is_postgresql(session):
                # One statement, read alone: in autocommit it needs no BEGIN and no COMMIT, two round trips fewer
                # on every call central answers.
                session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
            row = session.execute(
                select(Kiosk.id, Kiosk.name).where(Kiosk.token_hash == token_hash(token), Kiosk.revoked_at.is_(None))
            ).first()
        return None if row is None else KioskIdentity(id=row.id, name=row.name)

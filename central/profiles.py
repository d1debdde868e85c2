"""The logged-in citizen's profile (« Je modifie mon espace ») and their clé enfance: the ``/v1/me/profile`` and
``/v1/me/child-key`` calls.

A clé enfance drawn by central has 32**12 values (twelve characters without the look-alikes 0, O, 1, I; a town's
file may use all 36) but is worth guessing (it opens a family's file), so the wrong keys of an account are counted
(``central.attempts``: rows of the database every worker counts, a few free, then a doubling delay, 429 with
Retry-After). A citizen who is made to wait is refused even a right key: otherwise waiting would not slow guessing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from central import attempts
from central.accounts import AccountService
from central.attempts import Limit
from central.errors import Refused
from central.families import MEMBERS, key_digest
from central.kiosks import KioskIdentity
from central.models import Account, ChildKeyAttempt
from central.models import Family as FamilyRow
from sync.clock import utc_now
from sync.personal_space import ChildKeyBody, Family, Profile, ProfileDetails

# A citizen mistypes a key once or twice; five wrong keys in half an hour is trying keys.
PER_ACCOUNT: Final = Limit(window=dt.timedelta(minutes=30), free=5, cap=dt.timedelta(minutes=15))


class ChildKeyRefused(Refused):
    """422 ``child_key_unknown``, 409 ``child_key_taken`` / ``family_linked``, 429 ``too_many_attempts``."""


class ProfileService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        accounts: AccountService,
        secret: bytes,
        limit: Limit = PER_ACCOUNT,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self._sessions = sessions
        self._accounts = accounts
        self._secret = secret
        self._limit = limit
        self._clock = clock

    def profile(self, kiosk: KioskIdentity, token: str | None) -> Profile:
        with self._sessions.begin() as session:
            account = self._accounts.signed_in(session, kiosk, token)
            return _profile(session, account)

    def save(self, kiosk: KioskIdentity, token: str | None, details: ProfileDetails) -> Profile:
        """Replace what the citizen filled in (the account's e-mail and names of the log-in stay as they are)."""
        with self._sessions.begin() as session:
            account = self._accounts.signed_in(session, kiosk, token)
            account.profile_json = details.model_dump_json()
            return _profile(session, account)

    def add_child_key(self, kiosk: KioskIdentity, token: str | None, body: ChildKeyBody) -> Profile:
        """Link the family of ``body.key`` to the citizen's space (already theirs: the same answer), or refuse."""
        digest = key_digest(self._secret, body.key)
        refusal: ChildKeyRefused | None = None
        try:
            with self._sessions.begin() as session:
                account = self._accounts.signed_in(session, kiosk, token)
                now = self._clock()
                self._admit(session, account.id, now)
                family = session.scalar(select(FamilyRow).where(FamilyRow.key_digest == digest).with_for_update())
                if family is None:
                    # Counted, and committed before the refusal is raised.
                    session.add(ChildKeyAttempt(account_id=account.id, at=now))
                    refusal = ChildKeyRefused(422, "child_key_unknown", "central holds no family with this key")
                elif family.account_id is None:
                    family.account_id, family.linked_at = account.id, now
                    session.flush()  # a family of this account already fails the UNIQUE here
                elif family.account_id != account.id:
                    refusal = ChildKeyRefused(409, "child_key_taken", "this key is linked to another space")
                if refusal is None:
                    return _profile(session, account)
        except IntegrityError:
            refusal = ChildKeyRefused(409, "family_linked", "this space has a family already, with another key")
        raise refusal

    def _admit(self, session: Session, account_id: int, now: dt.datetime) -> None:
        seconds = attempts.admit(
            session,
            ChildKeyAttempt,
            (
                attempts.Counted(
                    f"child_key.account:{account_id}", self._limit, ChildKeyAttempt.account_id == account_id
                ),
            ),
            now,
        )
        if seconds:
            raise ChildKeyRefused(
                429, "too_many_attempts", f"too many wrong keys: try again in {seconds} s", retry_after=seconds
            )


def default_details(account: Account) -> ProfileDetails:
    """A profile never saved: the names the account was made with, nothing else."""
    return ProfileDetails(
        civility="",
        first_name=account.first_name,
        last_name=account.last_name,
        address=None,
        phones=[],
        emails=[],
        notify_by="email",
    )


def _profile(session: Session, account: Account) -> Profile:
    details = (
        default_details(account)
        if account.profile_json is None
        else ProfileDetails.model_validate_json(account.profile_json)
    )
    family = session.scalar(select(FamilyRow).where(FamilyRow.account_id == account.id))
    return Profile(
        email=account.email,
        details=details,
        family=None
        if family is None or family.linked_at is None
        else Family(
            key_hint=family.key_hint, members=MEMBERS.validate_json(family.members_json), linked_at=family.linked_at
        ),
    )

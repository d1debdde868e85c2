"""Citizens' accounts on central (the part Grand Lyon Connect plays in the guide): create one from a kiosk, finish
it through the mailed link (password, then consent to share), log in and out, and reset a forgotten password.

No answer tells whether an address has an account: creating one with a known address answers the same and mails
its owner instead; a reset of an unknown address answers the same and mails nothing; an unknown address and a
wrong password get the same refusal, after the same argon2 work (against a dummy hash).

Tokens (the mailed links', the access tokens) are 32 random bytes kept as their SHA-256 only. An access token is
valid 15 minutes, at the kiosk it was given to, until logged out or the password is reset.

Log-in attempts are limited twice, per kiosk and per e-mail (its keyed digest), as look-ups are
(``central.attempts``): rows of the database shared by every worker, the first ``free`` attempts of a window at
once, then a delay doubling from one attempt to the next (429 with Retry-After). An attempt counts from its start
(so that concurrent guesses are counted too); a successful log-in, or a new password set through a reset link,
takes that address's attempts away.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from central import account_mail, attempts, passwords
from central.attempts import Limit
from central.credentials import new_device_token, token_hash
from central.errors import Refused
from central.kiosks import KioskIdentity
from central.models import Account, AccountLink, AttachGrant, CitizenSession, LoginAttempt, Mail
from sync.clock import utc_now
from sync.personal_space import ATTACH_GRANT_DAYS
from sync.protocol import AccountCreate, CitizenProfile, LoginAnswer, LoginBody, PasswordResetBody
from sync.protocol import CitizenSession as CitizenSessionAnswer

FINALISE_VALID: Final = dt.timedelta(days=2)  # the guide: "vous avez 2 jours pour finaliser l'inscription"
RESET_VALID: Final = dt.timedelta(minutes=30)
ACCESS_VALID: Final = dt.timedelta(minutes=15)
# One mail of a kind per address and minute: a double tap, or someone typing another's address again and again,
# does not fill a mailbox.
MAIL_SPACING: Final = dt.timedelta(minutes=1)
# What the portal receives once the citizen accepts ("partager"), as the consent page lists it.
SHARED: Final = ("identite", "courriel", "adresse", "telephones")

PER_EMAIL: Final = Limit(window=dt.timedelta(minutes=15), free=5, cap=dt.timedelta(minutes=15))
PER_KIOSK: Final = Limit(window=dt.timedelta(minutes=10), free=20, cap=dt.timedelta(minutes=5))
# Links and tokens past their expiry are kept a day (the pages and the API can say "expired" rather than
# "unknown"), then deleted as new ones are made.
_KEEP_ENDED: Final = dt.timedelta(days=1)

FINALISE_PATH: Final = "/compte/finaliser/"
RESET_PATH: Final = "/compte/reinitialiser/"
Purpose = Literal["finalise", "reset"]


class LoginRefused(Refused):
    """401 ``login_failed``, 429 ``too_many_logins`` (with Retry-After)."""


class SessionInvalid(Refused):
    """The access token is unknown (or another kiosk's), expired or ended; ``why`` says which, for the detail. The
    API answers it as 401 ``session_invalid`` wherever it is raised (a ``Refused``)."""

    def __init__(self, why: str) -> None:
        super().__init__(401, "session_invalid", f"log in again: {why}")
        self.why = why


def email_key(email: str) -> str:
    """The address as the unique key: trimmed, NFC, case folded ("Zoe@Example.FR" is "zoe@example.fr")."""
    return unicodedata.normalize("NFC", email.strip()).casefold()


@dataclass(frozen=True, slots=True)
class CheckedLogin:
    """A password found right for an account (``AccountService.check_password``), not yet confirmed."""

    account_id: int
    password_hash: str
    email_digest: str


LinkState = Literal["unknown", "expired", "used", "password", "consent", "done", "refused"]


@dataclass(frozen=True, slots=True)
class LinkView:
    """What a mailed link opens now: ``password`` (choose one), ``consent`` (the finalise link once the password
    is set), ``done`` / ``refused`` (just finished), or why it cannot be used."""

    state: LinkState
    first_name: str = ""
    last_name: str = ""
    email: str = ""


class AccountService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        secret: bytes,
        public_link: Callable[[str], str],
        zone: ZoneInfo,
        mail_from: str,
        wake: Callable[[], None],
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self._sessions = sessions
        self._secret = secret
        self._public_link = public_link
        self._zone = zone
        self._mail_from = mail_from
        self._wake = wake
        self._clock = clock

    # --- From the kiosk ---------------------------------------------------------------------------------------

    def create(self, body: AccountCreate) -> None:
        """Register the address (or mail its owner that they have a space already); the same outcome seen from
        outside either way."""
        try:
            with self._sessions.begin() as session:
                self._create(session, body, self._clock())
        except IntegrityError:
            # The same address registered at the same moment by another call, which won the UNIQUE: it is an
            # existing account now, and that call mailed the link.
            with self._sessions.begin() as session:
                self._create(session, body, self._clock())
        self._wake()

    def _create(self, session: Session, body: AccountCreate, now: dt.datetime) -> None:
        key = email_key(body.email)
        account = session.scalar(select(Account).where(Account.email_key == key).with_for_update())
        if account is None:
            account = Account(
                email=body.email.strip(),
                email_key=key,
                first_name=body.first_name.strip(),
                last_name=body.last_name.strip(),
                state="pending",
                created_at=now,
            )
            session.add(account)
            session.flush()
            self._mail_finalise(session, account, now)
        elif account.state == "pending":
            # Asked again before finishing (the first mail lost, or the link expired): a new link; the names are
            # the latest typed.
            account.first_name, account.last_name = body.first_name.strip(), body.last_name.strip()
            account.password_hash = None  # the registration starts again: the new link asks for the password
            if not self._mailed_lately(session, account, account_mail.FINALISE, now):
                self._mail_finalise(session, account, now)
        elif not self._mailed_lately(session, account, account_mail.EXISTS, now):
            account_mail.queue(
                session, account, account_mail.EXISTS, account_mail.exists_message(), self._mail_from, now
            )

    def _mail_finalise(self, session: Session, account: Account, now: dt.datetime) -> None:
        session.execute(delete(AccountLink).where(AccountLink.expires_at < now - _KEEP_ENDED))
        token = self._new_link(session, account, "finalise", now + FINALISE_VALID, now)
        message = account_mail.finalise_message(
            self._public_link(FINALISE_PATH + token), now + FINALISE_VALID, self._zone
        )
        account_mail.queue(session, account, account_mail.FINALISE, message, self._mail_from, now)

    @staticmethod
    def _new_link(
        session: Session, account: Account, purpose: Purpose, expires_at: dt.datetime, now: dt.datetime
    ) -> str:
        token = new_device_token()
        session.add(
            AccountLink(
                account_id=account.id,
                purpose=purpose,
                token_hash=token_hash(token),
                created_at=now,
                expires_at=expires_at,
            )
        )
        return token

    @staticmethod
    def _mailed_lately(session: Session, account: Account, kind: str, now: dt.datetime) -> bool:
        found = session.scalar(
            select(Mail.id)
            .where(Mail.recipient == account.email, Mail.kind == kind, Mail.created_at > now - MAIL_SPACING)
            .limit(1)
        )
        return found is not None

    def request_reset(self, body: PasswordResetBody) -> None:
        """Mail a reset link if the address has an active account; nothing otherwise."""
        with self._sessions.begin() as session:
            now = self._clock()
            account = session.scalar(select(Account).where(Account.email_key == email_key(body.email)))
            if account is None or account.state != "active":
                return
            if self._mailed_lately(session, account, account_mail.RESET, now):
                return
            session.execute(delete(AccountLink).where(AccountLink.expires_at < now - _KEEP_ENDED))
            token = self._new_link(session, account, "reset", now + RESET_VALID, now)
            message = account_mail.reset_message(self._public_link(RESET_PATH + token), now + RESET_VALID, self._zone)
            account_mail.queue(session, account, account_mail.RESET, message, self._mail_from, now)
        self._wake()

    def login(self, kiosk: KioskIdentity, body: LoginBody) -> LoginAnswer:
        """An access token for the account, or ``LoginRefused`` (401 ``login_failed``, 429 ``too_many_logins``)."""
        checked = self.check_password(kiosk.id, body)
        with self._sessions.begin() as session:
            now = self._clock()
            account = self.confirm_login(session, checked)
            return self.open_session(session, account, kiosk.id, now)

    # The two halves of a log-in, also used by the log-in from the phone (``central.device_login``): the same
    # limits, the same argon2 work, the same access tokens.

    def check_password(self, kiosk_id: int, body: LoginBody) -> CheckedLogin:
        """The account these credentials open, counted against ``kiosk_id``'s and the address's limits; or
        ``LoginRefused`` (401 ``login_failed``, 429 ``too_many_logins``). ``confirm_login`` completes it."""
        key = email_key(body.email)
        digest = self._login_digest(key)
        with self._sessions.begin() as session:
            self._admit(session, kiosk_id, digest, self._clock())
            account = session.scalar(select(Account).where(Account.email_key == key))
            active = account is not None and account.state == "active"
            password_hash = account.password_hash if account is not None and active else None
            account_id = account.id if account is not None else None
        # Outside any transaction: argon2 takes a while, and the attempt is counted already.
        if not passwords.verify(password_hash, body.password) or account_id is None or password_hash is None:
            raise LoginRefused(401, "login_failed", "unknown e-mail or wrong password")
        return CheckedLogin(account_id, password_hash, digest)

    @staticmethod
    def confirm_login(session: Session, checked: CheckedLogin) -> Account:
        """In the caller's transaction: the account, if its password is still the one checked (``LoginRefused``
        if it was reset in between); the address's attempts are taken away (the log-in succeeded)."""
        account = session.get(Account, checked.account_id)
        if account is None or account.password_hash != checked.password_hash:  # reset in between
            raise LoginRefused(401, "login_failed", "unknown e-mail or wrong password")
        session.execute(delete(LoginAttempt).where(LoginAttempt.email_digest == checked.email_digest))
        return account

    @staticmethod
    def open_session(session: Session, account: Account, kiosk_id: int, now: dt.datetime) -> LoginAnswer:
        """In the caller's transaction: a new access token for ``account`` at ``kiosk_id``, valid ``ACCESS_VALID``."""
        token = new_device_token()
        # Tokens long expired are of no use even to say "expired": they go as new ones come.
        session.execute(delete(CitizenSession).where(CitizenSession.expires_at < now - _KEEP_ENDED))
        expires_at = now + ACCESS_VALID
        session.add(
            CitizenSession(
                account_id=account.id,
                kiosk_id=kiosk_id,
                token_hash=token_hash(token),
                created_at=now,
                expires_at=expires_at,
            )
        )
        grant = new_device_token()
        session.execute(delete(AttachGrant).where(AttachGrant.expires_at < now))
        session.add(
            AttachGrant(
                account_id=account.id,
                kiosk_id=kiosk_id,
                token_hash=token_hash(grant),
                created_at=now,
                expires_at=now + dt.timedelta(days=ATTACH_GRANT_DAYS),
            )
        )
        return LoginAnswer(
            access_token=token,
            expires_at=expires_at,
            expires_in=int(ACCESS_VALID.total_seconds()),
            profile=_profile(account),
            attach_grant=grant,
        )

    def _login_digest(self, key: str) -> str:
        """The keyed digest of an address's ``email_key``, which its log-in attempts are counted by."""
        return hmac.new(self._secret, f"login:{key}".encode(), hashlib.sha256).hexdigest()

    @staticmethod
    def _admit(session: Session, kiosk_id: int, digest: str, now: dt.datetime) -> None:
        seconds = attempts.admit(
            session,
            LoginAttempt,
            (
                attempts.Counted(f"login.kiosk:{kiosk_id}", PER_KIOSK, LoginAttempt.kiosk_id == kiosk_id),
                attempts.Counted(f"login.email:{digest}", PER_EMAIL, LoginAttempt.email_digest == digest),
            ),
            now,
        )
        if seconds:
            raise LoginRefused(429, "too_many_logins", f"too many log-in attempts: try again in {seconds} s", seconds)
        session.add(LoginAttempt(kiosk_id=kiosk_id, email_digest=digest, at=now))

    def current(self, kiosk: KioskIdentity, token: str | None) -> CitizenSessionAnswer:
        """The session ``token`` opens at this kiosk, or ``SessionInvalid``."""
        with self._sessions.begin() as session:
            found, account = self._session(session, kiosk, token)
            return CitizenSessionAnswer(expires_at=found.expires_at, profile=_profile(account))

    def logout(self, kiosk: KioskIdentity, token: str | None) -> None:
        """End the session ``token`` opens at this kiosk (``SessionInvalid`` if it was over already)."""
        with self._sessions.begin() as session:
            found, _account = self._session(session, kiosk, token)
            found.revoked_at = self._clock()

    def signed_in(self, session: Session, kiosk: KioskIdentity, token: str | None) -> Account:
        """In the caller's transaction: the account whose valid session ``token`` opens at this kiosk, or
        ``SessionInvalid``. Every ``/v1/me`` call starts here."""
        return self._session(session, kiosk, token)[1]

    def _session(self, session: Session, kiosk: KioskIdentity, token: str | None) -> tuple[CitizenSession, Account]:
        if not token:
            raise SessionInvalid("no Citizen-Token header")
        row = session.execute(
            select(CitizenSession, Account)
            .join(Account, Account.id == CitizenSession.account_id)
            .where(CitizenSession.token_hash == token_hash(token))
        ).first()
        if row is None or row[0].kiosk_id != kiosk.id:
            raise SessionInvalid("unknown access token")
        found, account = row.tuple()
        if found.revoked_at is not None:
            raise SessionInvalid("the session was ended (log-out or new password)")
        if found.expires_at <= self._clock():
            raise SessionInvalid("the access token expired")
        return found, account

    # --- From the pages the mailed links open --------------------------------------------------------------------

    def form_key(self, purpose: Purpose, token: str, step: str) -> str:
        """The form's anti-forgery field: bound to this link and this step, so that only a page served for the
        link can post to it."""
        return hmac.new(self._secret, f"form:{purpose}:{step}:{token_hash(token)}".encode(), hashlib.sha256).hexdigest()

    def form_key_matches(self, purpose: Purpose, token: str, step: str, sent: str) -> bool:
        return hmac.compare_digest(self.form_key(purpose, token, step), sent)

    def open_link(self, purpose: Purpose, token: str) -> LinkView:
        with self._sessions.begin() as session:
            _link, account, state = self._link(session, purpose, token)
            return self._view(account, state)

    def _link(
        self, session: Session, purpose: Purpose, token: str, lock: bool = False
    ) -> tuple[AccountLink | None, Account | None, LinkState]:
        query = select(AccountLink).where(AccountLink.token_hash == token_hash(token), AccountLink.purpose == purpose)
        link = session.scalar(query.with_for_update() if lock else query)
        if link is None:
            return None, None, "unknown"
        account = session.get_one(Account, link.account_id)
        if link.used_at is not None or (purpose == "finalise" and account.state == "active"):
            return link, account, "used"
        if link.expires_at <= self._clock():
            return link, account, "expired"
        if purpose == "finalise" and account.password_hash is not None:
            return link, account, "consent"
        return link, account, "password"

    @staticmethod
    def _view(account: Account | None, state: LinkState) -> LinkView:
        if account is None or state in {"unknown", "expired", "used"}:
            return LinkView(state)
        return LinkView(state, account.first_name, account.last_name, account.email)

    def set_password(self, purpose: Purpose, token: str, password: str) -> LinkView:
        """Set the account's password through its link (the caller checked the rule): for a finalise link, the
        next step is the consent; for a reset link, the link is spent and every session (and attach grant) of the
        account ends."""
        hashed = passwords.hash_password(password)  # before the transaction: argon2 takes a while
        with self._sessions.begin() as session:
            now = self._clock()
            link, account, state = self._link(session, purpose, token, lock=True)
            if link is None or account is None or state != "password":
                return self._view(account, state)
            account.password_hash = hashed
            account.password_changed_at = now
            if purpose == "finalise":
                return LinkView("consent", account.first_name, account.last_name, account.email)
            session.execute(
                update(AccountLink)
                .where(AccountLink.account_id == account.id, AccountLink.used_at.is_(None))
                .values(used_at=now)
            )
            session.execute(
                update(CitizenSession)
                .where(CitizenSession.account_id == account.id, CitizenSession.revoked_at.is_(None))
                .values(revoked_at=now)
            )
            # The attach grants of those sessions too: whoever had the old password must not attach to the space.
            session.execute(delete(AttachGrant).where(AttachGrant.account_id == account.id))
            # A new password ends the wait its address earned: the owner proved it by the mailed link.
            session.execute(
                delete(LoginAttempt).where(LoginAttempt.email_digest == self._login_digest(account.email_key))
            )
            return LinkView("done", account.first_name, account.last_name, account.email)

    def share(self, token: str, accept: bool) -> LinkView:
        """The consent step: accepted, the account is active and the link spent; refused, the registration is
        cancelled and the account deleted (central keeps nothing the citizen did not agree to share)."""
        with self._sessions.begin() as session:
            now = self._clock()
            link, account, state = self._link(session, "finalise", token, lock=True)
            if link is None or account is None or state != "consent":
                return self._view(account, state)
            if not accept:
                session.execute(delete(Account).where(Account.id == account.id))
                return LinkView("refused")
            account.state = "active"
            account.shared = ",".join(SHARED)
            account.shared_at = now
            session.execute(
                update(AccountLink)
                .where(AccountLink.account_id == account.id, AccountLink.used_at.is_(None))
                .values(used_at=now)
            )
            return LinkView("done", account.first_name, account.last_name, account.email)


def _profile(account: Account) -> CitizenProfile:
    return CitizenProfile(first_name=account.first_name, last_name=account.last_name, email=account.email)

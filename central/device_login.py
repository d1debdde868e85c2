"""The log-in from the phone: the OAuth 2.0 device authorization grant (RFC 8628) between a kiosk, central and the
citizen's own phone, so that nobody types a password on a public screen.

The flow, as the kiosk drives it (``/v1``, with its device token as every call):

1. ``POST /v1/device-authorizations`` (no body) → 201 ``DeviceAuthorization``: ``device_code`` (kept in the
   kiosk's memory, never shown), ``user_code`` ("BCDF-GHJK", shown big), ``verification_uri``
   ({public_url}/connexion), ``verification_uri_complete`` (…/connexion?code=BCDFGHJK, shown as a QR code),
   ``expires_in`` (600 s) and ``interval`` (5 s).
2. The citizen scans the QR code (or opens /connexion and types the code: case and dash do not matter), logs in on
   the phone with e-mail and password — the same checks, argon2 work and rate limits as ``POST /v1/sessions``
   (``AccountService.check_password``), counted against the kiosk that asked — and sees « Connecter la borne
   « NAME » ? » with Autoriser / Refuser.
3. Meanwhile the kiosk polls ``POST /v1/device-tokens`` {device_code} every ``interval`` seconds. Until the citizen
   decides: 400 ``authorization_pending``; polled sooner than the interval: 400 ``slow_down``, and the interval
   grows by 5 s for this code from then on (RFC 8628 §3.5; the detail and ``Retry-After`` say the new one).
   Approved: 201 ``LoginAnswer``, an access token exactly like the password log-in's (same ``citizen_session``
   row, same 15 minutes, same ``GET /v1/sessions/current``). Refused: 400 ``access_denied``. Past
   ``expires_in``: 400 ``expired_token``. The kiosk stops polling on anything but the first two and, on
   ``access_denied``/``expired_token``/``invalid_grant``, offers a new code.
4. The token is given once. A poll after it was given, a device code central does not know, and another kiosk's
   device code all get 400 ``invalid_grant`` (RFC 6749 §5.2: the grant is invalid or was issued to another client;
   the reuse of an authorization code gets it too); for the kiosk, it means "start again".

On the phone, nothing outlives the approval: the log-in leaves no cookie; it records the account on the
authorization with the hash of a random approval token that only the approval page carries (its anti-forgery
field), valid while the code is. Logging in again on the same code replaces it: only the last page can approve.

Storage: the device code as its SHA-256 (32 random bytes), the user code as its keyed digest (8 letters of 20:
34.5 bits, RFC 8628 §6.1) so that a copy of the database does not give live codes back. Rows ended more than a
day ago are deleted as new ones come (the pages can say "expired" rather than "unknown" meanwhile).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from central.accounts import AccountService
from central.credentials import new_device_token, token_hash
from central.errors import Refused
from central.kiosks import KioskIdentity
from central.models import Account, DeviceAuthorization, Kiosk
from sync.clock import utc_now
from sync.protocol import CODE_ALPHABET, LoginAnswer, LoginBody
from sync.protocol import DeviceAuthorization as DeviceAuthorizationAnswer

DEVICE_CODE_VALID: Final = dt.timedelta(minutes=10)
INTERVAL: Final = dt.timedelta(seconds=5)
SLOW_DOWN_STEP: Final = dt.timedelta(seconds=5)  # RFC 8628 §3.5
USER_CODE_LENGTH: Final = 8
VERIFICATION_PATH: Final = "/connexion"
_KEEP_ENDED: Final = dt.timedelta(days=1)

PhoneState = Literal["unknown", "expired", "used", "login", "approve", "approved", "denied"]


class DeviceTokenRefused(Refused):
    """400 with ``error`` (one of ``sync.protocol.DEVICE_TOKEN_ERRORS``); ``retry_after``: the interval now."""

    def __init__(self, error: str, detail: str, retry_after: int | None = None) -> None:
        super().__init__(400, error, detail, retry_after)


def normalise_user_code(typed: str) -> str | None:
    """The 8 letters of a typed user code ("bcdf-ghjk", " BCDF GHJK "), or None when it cannot be one."""
    letters = "".join(c for c in typed.upper() if c not in " -\t")
    if len(letters) != USER_CODE_LENGTH or any(c not in CODE_ALPHABET for c in letters):
        return None
    return letters


def shown(code: str) -> str:
    """A user code as the kiosk and the pages show it: "BCDF-GHJK"."""
    return f"{code[:4]}-{code[4:]}"


@dataclass(frozen=True, slots=True)
class PhoneView:
    """What the phone's page shows for a code now: the log-in form, the approval question (with the approval token
    its form carries), the end, or why the code cannot be used."""

    state: PhoneState
    code: str = ""  # the 8 letters
    kiosk_name: str = ""
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    approval: str = ""  # the clear approval token, only right after the log-in


class DeviceLogin:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        accounts: AccountService,
        secret: bytes,
        public_link: Callable[[str], str],
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self._sessions = sessions
        self._accounts = accounts
        self._secret = secret
        self._public_link = public_link
        self._clock = clock

    def user_code_digest(self, code: str) -> str:
        """The keyed digest of a user code's 8 letters: how central keeps it, and how the pages' limits count it."""
        return hmac.new(self._secret, f"device-user-code:{code}".encode(), hashlib.sha256).hexdigest()

    # --- From the kiosk ---------------------------------------------------------------------------------------

    def authorize(self, kiosk: KioskIdentity) -> DeviceAuthorizationAnswer:
        """A new device authorization for ``kiosk`` (RFC 8628 §3.2)."""
        for _attempt in range(3):
            device_code = new_device_token()
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(USER_CODE_LENGTH))
            try:
                with self._sessions.begin() as session:
                    now = self._clock()
                    session.execute(
                        delete(DeviceAuthorization).where(DeviceAuthorization.expires_at < now - _KEEP_ENDED)
                    )
                    session.add(
                        DeviceAuthorization(
                            kiosk_id=kiosk.id,
                            device_code_hash=token_hash(device_code),
                            user_code_digest=self.user_code_digest(code),
                            state="pending",
                            created_at=now,
                            expires_at=now + DEVICE_CODE_VALID,
                            interval_s=int(INTERVAL.total_seconds()),
                        )
                    )
            except IntegrityError:  # a user code still in the table (1 in 20**8 per row): draw another
                continue
            uri = self._public_link(VERIFICATION_PATH)
            return DeviceAuthorizationAnswer(
                device_code=device_code,
                user_code=shown(code),
                verification_uri=uri,
                verification_uri_complete=f"{uri}?code={code}",
                expires_in=int(DEVICE_CODE_VALID.total_seconds()),
                interval=int(INTERVAL.total_seconds()),
            )
        raise RuntimeError("three user codes in a row were taken")  # pragma: no cover (20**8 codes)

    def token(self, kiosk: KioskIdentity, device_code: str) -> LoginAnswer:
        """The access token once the citizen approved, once (RFC 8628 §3.4–3.5); ``DeviceTokenRefused`` otherwise."""
        with self._sessions.begin() as session:
            outcome = self._poll(session, kiosk, device_code, self._clock())
        # Raised once committed: a pending poll's time and a grown interval are kept.
        if isinstance(outcome, DeviceTokenRefused):
            raise outcome
        return outcome

    def _poll(
        self, session: Session, kiosk: KioskIdentity, device_code: str, now: dt.datetime
    ) -> LoginAnswer | DeviceTokenRefused:
        found = session.scalar(
            select(DeviceAuthorization)
            .where(DeviceAuthorization.device_code_hash == token_hash(device_code))
            .with_for_update()
        )
        if found is None or found.kiosk_id != kiosk.id:
            return DeviceTokenRefused("invalid_grant", "unknown device code: ask for a new one")
        if found.state == "issued":
            return DeviceTokenRefused("invalid_grant", "this device code was used already: ask for a new one")
        if found.expires_at <= now:
            return DeviceTokenRefused("expired_token", "the device code expired: ask for a new one")
        if found.state == "denied":
            return DeviceTokenRefused("access_denied", "the citizen refused to connect this kiosk")
        if found.state == "pending":
            polled, found.polled_at = found.polled_at, now
            if polled is not None and now - polled < dt.timedelta(seconds=found.interval_s):
                found.interval_s += int(SLOW_DOWN_STEP.total_seconds())
                return DeviceTokenRefused(
                    "slow_down", f"polled too often: poll every {found.interval_s} s from now on", found.interval_s
                )
            return DeviceTokenRefused("authorization_pending", "the citizen has not approved yet")
        account = session.get(Account, found.account_id) if found.account_id is not None else None
        if account is None or account.state != "active":  # cannot happen: the account's rows cascade
            return DeviceTokenRefused("access_denied", "the account is no longer active")
        if _changed_since(account, found.logged_in_at):
            # Reset after the log-in on the phone: that password no longer opens a session (a reset ends them all).
            return DeviceTokenRefused("access_denied", "the account's password changed since the log-in")
        found.state = "issued"
        return self._accounts.open_session(session, account, kiosk.id, now)

    # --- From the phone's pages ---------------------------------------------------------------------------------

    def form_key(self, code: str, step: str) -> str:
        """The log-in form's anti-forgery field: bound to this code and step."""
        digest = self.user_code_digest(code)
        return hmac.new(self._secret, f"device-form:{step}:{digest}".encode(), hashlib.sha256).hexdigest()

    def form_key_matches(self, code: str, step: str, sent: str) -> bool:
        return hmac.compare_digest(self.form_key(code, step), sent)

    def _find(self, session: Session, code: str, lock: bool = False) -> tuple[DeviceAuthorization | None, str]:
        query = select(DeviceAuthorization, Kiosk.name).join(Kiosk, Kiosk.id == DeviceAuthorization.kiosk_id)
        query = query.where(DeviceAuthorization.user_code_digest == self.user_code_digest(code))
        row = session.execute(query.with_for_update(of=DeviceAuthorization) if lock else query).first()
        if row is None:
            return None, ""
        return row[0], row[1]

    def _state(self, found: DeviceAuthorization | None) -> PhoneState:
        if found is None:
            return "unknown"
        if found.state != "pending":
            return "used"
        if found.expires_at <= self._clock():
            return "expired"
        return "login"

    def open(self, code: str) -> PhoneView:
        """What the code opens now: the log-in form (``login``), or why it cannot be used."""
        with self._sessions.begin() as session:
            found, kiosk_name = self._find(session, code)
            return PhoneView(self._state(found), code, kiosk_name)

    def log_in(self, code: str, body: LoginBody) -> PhoneView:
        """The citizen's log-in on the phone for this code: ``approve`` (with the approval token and whom the page
        names), or why the code cannot be used; ``LoginRefused`` as ``POST /v1/sessions`` answers it."""
        with self._sessions.begin() as session:
            found, kiosk_name = self._find(session, code)
            state = self._state(found)
            if found is None or state != "login":
                return PhoneView(state, code, kiosk_name)
            kiosk_id = found.kiosk_id
        # The limits of the kiosk that asked: a phone cannot try more passwords than the kiosk could.
        checked = self._accounts.check_password(kiosk_id, body)
        approval = new_device_token()
        with self._sessions.begin() as session:
            found, kiosk_name = self._find(session, code, lock=True)
            state = self._state(found)
            if found is None or state != "login":  # expired or decided while the password was checked
                return PhoneView(state, code, kiosk_name)
            account = self._accounts.confirm_login(session, checked)
            found.account_id = account.id
            found.approval_hash = token_hash(approval)
            found.logged_in_at = self._clock()
            return PhoneView(
                "approve", code, kiosk_name, account.first_name, account.last_name, account.email, approval
            )

    def decide(self, code: str, approval: str, approve: bool) -> PhoneView | None:
        """Autoriser or Refuser on the approval page: ``approved`` / ``denied``, or why the code cannot be used;
        None when ``approval`` is not the last approval page's token (a forged or stale form)."""
        with self._sessions.begin() as session:
            found, kiosk_name = self._find(session, code, lock=True)
            state = self._state(found)
            if found is None or state != "login":
                return PhoneView(state, code, kiosk_name)
            if found.approval_hash is None or not hmac.compare_digest(found.approval_hash, token_hash(approval)):
                return None
            found.state = "approved" if approve else "denied"
            found.decided_at = self._clock()
            found.approval_hash = None  # the page's token is spent
            return PhoneView("approved" if approve else "denied", code, kiosk_name)


def _changed_since(account: Account, logged_in_at: dt.datetime | None) -> bool:
    changed = account.password_changed_at
    return logged_in_at is None or (changed is not None and changed > logged_in_at)

"""The personal space as the views read it: what asking central came to, and the checks of what a citizen typed
before anything is sent.

Apart from ``kiosk.services.account`` (which speaks HTTP) so that the views depend on these words only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Literal, Protocol

from pydantic import TypeAdapter, ValidationError

from kiosk.services.citizen import CitizenLogin
from sync.protocol import EmailAddress, PersonName

__all__ = [
    "AccountActions",
    "LoginOutcome",
    "PhoneCode",
    "PhoneOutcome",
    "PhoneStart",
    "SentOutcome",
    "SessionCheck",
    "valid_email",
    "valid_name",
]

_EMAIL: Final = TypeAdapter(EmailAddress)
_NAME: Final = TypeAdapter(PersonName)


def valid_email(text: str) -> bool:
    """Whether central would take ``text`` (already stripped) as an e-mail address: checked before sending, so that
    the message stands next to the field."""
    try:
        _EMAIL.validate_python(text, strict=True)
    except ValidationError:
        return False
    return True


def valid_name(text: str) -> bool:
    try:
        _NAME.validate_python(text, strict=True)
    except ValidationError:
        return False
    return True


# logged_in: ``login`` holds it; refused: a wrong address or password (never which); blocked: too many attempts,
# try again after ``retry_after`` seconds; offline: no answer from central (or not asked: offline, not configured).
LoginResult = Literal["logged_in", "refused", "blocked", "offline"]
# accepted: central took it (what it mails, if anything, is not said); invalid: central refused what was typed;
# offline: no answer.
SentResult = Literal["accepted", "invalid", "offline"]
# valid: the token still opens the session; expired: central refused it (expired, ended); offline: no answer.
SessionCheck = Literal["valid", "expired", "offline"]


@dataclass(frozen=True, slots=True)
class LoginOutcome:
    result: LoginResult
    login: CitizenLogin | None = None
    retry_after: float = 0.0


@dataclass(frozen=True, slots=True)
class SentOutcome:
    result: SentResult


# The log-in from the phone. started: ``code`` holds what to show; offline: no answer (or not asked).
PhoneStartResult = Literal["started", "offline"]
# logged_in: ``login`` holds it; denied: « Refuser » on the phone; expired: the code's time is up (or central no
# longer knows it: a new code is the way on); offline: central stopped answering.
PhoneResult = Literal["logged_in", "denied", "expired", "offline"]


@dataclass(frozen=True, slots=True)
class PhoneCode:
    """A code for the log-in from the phone: the kiosk shows ``user_code`` and a QR code of
    ``verification_uri_complete``, never ``device_code`` (its own, to poll with)."""

    user_code: str
    verification_uri: str
    verification_uri_complete: str
    expires_in: int  # seconds
    interval: int  # seconds between polls, as central asks
    device_code: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class PhoneStart:
    result: PhoneStartResult
    code: PhoneCode | None = None


@dataclass(frozen=True, slots=True)
class PhoneOutcome:
    result: PhoneResult
    login: CitizenLogin | None = None


class AccountActions(Protocol):
    """What the views ask of ``kiosk.services.account.AccountService``."""

    async def create_account(self, email: str, first_name: str, last_name: str) -> SentOutcome: ...
    async def log_in(self, email: str, password: str) -> LoginOutcome: ...
    async def log_out(self, token: str) -> bool: ...
    async def check(self, token: str) -> SessionCheck: ...
    async def forgotten_password(self, email: str) -> SentOutcome: ...
    async def start_phone_login(self) -> PhoneStart: ...
    async def wait_phone_login(self, code: PhoneCode) -> PhoneOutcome: ...

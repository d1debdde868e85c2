"""The personal space on central, from the kiosk: create one, log in with an e-mail and a password, check and end
the session, and "Mot de passe oublié ?" (``/v1/accounts``, ``/v1/sessions``, ``/v1/password-resets``); the log-in
from the phone is ``kiosk.services.phone_login``'s, reached through here. A log-in the kiosk stopped waiting for
(« Accueil », « Terminer », the idle wipe) whose token still comes is ended on central (``account_tokens``).

Blocking HTTP runs on the network worker, never on the GUI thread; offline (as the sync sees central), nothing is
tried but the log-out, which is best effort: a citizen should not wait for a timeout to hear the kiosk is offline,
and a token that cannot be ended expires on its own within 15 minutes. Logs never name an address, a password or a
token: only what happened.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import Final, Protocol

from pydantic import ValidationError

from kiosk.services.account_outcomes import LoginOutcome, PhoneCode, PhoneOutcome, PhoneStart, SentOutcome, SessionCheck
from kiosk.services.account_tokens import TokenCalls, login_in
from kiosk.services.central_answers import SESSION_INVALID, blocked_seconds, log_unexpected
from kiosk.services.executors import Worker
from kiosk.services.phone_login import PhoneLogin, PhoneSource
from sync.client import CentralUnreachable, Reply
from sync.clock import utc_now
from sync.protocol import Accepted, AccountCreate, LoginBody, PasswordResetBody
from sync.push import error_code, error_reason

__all__ = ["AccountService", "AccountSource"]

log = logging.getLogger(__name__)

LOGIN_FAILED: Final = "login_failed"


class AccountSource(PhoneSource, Protocol):
    """What the personal space needs of ``sync.client.CentralClient``."""

    def create_account(self, body: AccountCreate) -> Reply: ...
    def log_in(self, body: LoginBody) -> Reply: ...
    def current_session(self, citizen_token: str) -> Reply: ...
    def log_out(self, citizen_token: str) -> Reply: ...
    def request_password_reset(self, body: PasswordResetBody) -> Reply: ...


class AccountService:
    """Asks ``source`` on ``network`` while ``online()`` says central answers."""

    def __init__(
        self,
        source: AccountSource,
        network: Worker,
        online: Callable[[], bool],
        clock: Callable[[], dt.datetime] = utc_now,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._source = source
        self._network = network
        self._online = online
        self._clock = clock
        # Both log-ins (the password's, each poll of the phone's) go through it: a token that comes back after the
        # kiosk stopped waiting is ended on central, never kept.
        self._tokens = TokenCalls(network, self.log_out)
        self._phone = PhoneLogin(source, network, online, self._tokens, sleep, clock=clock)

    async def start_phone_login(self) -> PhoneStart:
        """A code and a QR code for the log-in from the phone (``kiosk.services.phone_login``)."""
        return await self._phone.start()

    async def wait_phone_login(self, code: PhoneCode) -> PhoneOutcome:
        """Poll until the citizen approved or denied on their phone; cancel the awaiting task to stop."""
        return await self._phone.wait(code)

    async def settled(self) -> None:
        """Return once every log-in left behind by its caller was answered, and the session it may have opened ended
        on central (for tests, and an orderly shutdown)."""
        await self._tokens.settled()

    async def create_account(self, email: str, first_name: str, last_name: str) -> SentOutcome:
        """Ask central for a space: it mails the "Finaliser l'inscription" link (valid 2 days)."""
        try:
            body = AccountCreate(email=email.strip(), first_name=first_name.strip(), last_name=last_name.strip())
        except ValidationError:
            return SentOutcome("invalid")
        return await self._accepted("account", self._source.create_account, body)

    async def forgotten_password(self, email: str) -> SentOutcome:
        """Ask central to mail a link to choose a new password (if the address has a space)."""
        try:
            body = PasswordResetBody(email=email.strip())
        except ValidationError:
            return SentOutcome("invalid")
        return await self._accepted("password reset", self._source.request_password_reset, body)

    async def _accepted(
        self,
        what: str,
        call: Callable[[AccountCreate], Reply] | Callable[[PasswordResetBody], Reply],
        body: AccountCreate | PasswordResetBody,
    ) -> SentOutcome:
        if not self._online():
            return SentOutcome("offline")
        try:
            reply = await self._network.run(call, body)  # type: ignore[arg-type]
        except CentralUnreachable as exc:
            log.info("%s on central: no answer (%s)", what, exc)
            return SentOutcome("offline")
        if reply.status == 202:
            try:
                Accepted.model_validate_json(reply.body)
            except ValidationError:
                log.warning("%s on central: an answer that is not central's", what)
                return SentOutcome("offline")
            return SentOutcome("accepted")
        if reply.status == 422:
            log.info("%s refused by central: %s", what, error_reason(reply.status, reply.body))
            return SentOutcome("invalid")
        log_unexpected(log, what, reply)
        return SentOutcome("offline")

    async def log_in(self, email: str, password: str) -> LoginOutcome:
        """Log the citizen in with their e-mail and password; the token comes back in the outcome's ``login``, for
        the visitor's session to hold."""
        try:
            body = LoginBody(email=email.strip(), password=password)
        except ValidationError:
            # An address central would refuse, or a password longer than any: no account opens with them.
            return LoginOutcome("refused")
        if not self._online():
            return LoginOutcome("offline")
        try:
            reply = await self._tokens.run(self._source.log_in, body)
        except CentralUnreachable as exc:
            log.info("log-in on central: no answer (%s)", exc)
            return LoginOutcome("offline")
        if reply.status == 201:
            login = login_in(reply)
            if login is None:
                log.warning("log-in on central: an answer that is not a log-in")
                return LoginOutcome("offline")
            log.info("a citizen logged in")
            return LoginOutcome("logged_in", login)
        if reply.status == 401 and error_code(reply.body) == LOGIN_FAILED:
            return LoginOutcome("refused")
        if reply.status == 422:
            return LoginOutcome("refused")
        if reply.status == 429:
            return LoginOutcome("blocked", retry_after=blocked_seconds(reply, self._clock()))
        log_unexpected(log, "log-in", reply)
        return LoginOutcome("offline")

    async def check(self, token: str) -> SessionCheck:
        """Whether ``token`` still opens the citizen's session on central."""
        if not self._online():
            return "offline"
        try:
            reply = await self._network.run(self._source.current_session, token)
        except CentralUnreachable as exc:
            log.info("session check on central: no answer (%s)", exc)
            return "offline"
        if reply.status == 200:
            return "valid"
        if reply.status == 401 and error_code(reply.body) == SESSION_INVALID:
            log.info("the citizen's session ended on central")
            return "expired"
        log_unexpected(log, "session check", reply)
        return "offline"

    async def log_out(self, token: str) -> bool:
        """End the session on central: best effort, tried even offline. Whether central ended it (or had already)."""
        try:
            reply = await self._network.run(self._source.log_out, token)
        except CentralUnreachable as exc:
            log.info("log-out on central: no answer (%s); the session expires on its own", exc)
            return False
        if reply.status == 204 or (reply.status == 401 and error_code(reply.body) == SESSION_INVALID):
            log.info("a citizen logged out")
            return True
        log_unexpected(log, "log-out", reply)
        return False

"""The log-in from the phone, from the kiosk's side (RFC 8628; the flow is in central/device_login.py): ask central
for a code, show it, then ask at central's interval whether the citizen approved on their phone.

HTTP runs on the network worker; the waits between polls are asyncio sleeps awaited in the page's task, so that
cancelling the task (leaving the page, « Annuler », « Terminer », the idle wipe) stops the polling at once. A poll
already on the wire when the task is cancelled still gets its answer: if that answer is a token, nobody will hold
it, so the session it opened is ended on central straight away (``kiosk.services.account_tokens``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Final, Protocol

from pydantic import ValidationError

from kiosk.services.account_outcomes import PhoneCode, PhoneOutcome, PhoneResult, PhoneStart
from kiosk.services.account_tokens import TokenCalls, login_in
from kiosk.services.central_answers import log_unexpected
from kiosk.services.executors import Worker
from sync.backoff import retry_after_seconds
from sync.client import CentralUnreachable, Reply
from sync.clock import utc_now
from sync.protocol import DeviceAuthorization, DeviceTokenBody
from sync.push import error_code

__all__ = ["PhoneLogin", "PhoneSource"]

log = logging.getLogger(__name__)

SLOW_DOWN_STEP: Final = 5  # seconds added to the interval on slow_down (RFC 8628 §3.5)
_MARGIN_S: Final = 0.25
_PENDING: Final = "authorization_pending"
_SLOW_DOWN: Final = "slow_down"
_ENDS: Final[dict[str, PhoneResult]] = {
    "access_denied": "denied",
    "expired_token": "expired",
    "invalid_grant": "expired",
}


class PhoneSource(Protocol):
    """What the phone log-in needs of ``sync.client.CentralClient``."""

    def authorize_device(self) -> Reply: ...
    def device_token(self, body: DeviceTokenBody) -> Reply: ...


class PhoneLogin:
    """Asks ``source`` on ``network`` while ``online()``; each poll goes through ``tokens`` (a token that comes after
    the kiosk stopped waiting is ended on central). ``sleep`` waits between polls and ``monotonic`` tells the code's
    life (tests pass ones that record the waits and move the time); ``clock`` reads a Retry-After date."""

    def __init__(
        self,
        source: PhoneSource,
        network: Worker,
        online: Callable[[], bool],
        tokens: TokenCalls,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        monotonic: Callable[[], float] = time.monotonic,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self._source = source
        self._network = network
        self._online = online
        self._tokens = tokens
        self._sleep = sleep
        self._monotonic = monotonic
        self._clock = clock

    async def start(self) -> PhoneStart:
        """A new code to show (its QR code's address, its life and central's polling interval)."""
        if not self._online():
            return PhoneStart("offline")
        try:
            reply = await self._network.run(self._source.authorize_device)
        except CentralUnreachable as exc:
            log.info("phone log-in on central: no answer (%s)", exc)
            return PhoneStart("offline")
        if reply.status == 201:
            try:
                answer = DeviceAuthorization.model_validate_json(reply.body)
            except ValidationError:
                log.warning("phone log-in on central: an answer that is not a device authorization")
                return PhoneStart("offline")
            code = PhoneCode(
                user_code=answer.user_code,
                verification_uri=answer.verification_uri,
                verification_uri_complete=answer.verification_uri_complete,
                expires_in=answer.expires_in,
                interval=answer.interval,
                device_code=answer.device_code,
            )
            log.info("phone log-in started")
            return PhoneStart("started", code)
        log_unexpected(log, "phone log-in", reply)
        return PhoneStart("offline")

    async def wait(self, code: PhoneCode) -> PhoneOutcome:
        """Poll every ``code.interval`` seconds (longer after each slow_down) until the citizen approved or denied
        on their phone, the code expired or central stopped answering. Cancel the awaiting task to stop."""
        interval = float(code.interval)
        deadline = self._monotonic() + code.expires_in
        body = DeviceTokenBody(device_code=code.device_code)
        while True:
            # Never sooner than central asked (RFC 8628 §3.5): a little over, as a timer may fire a few ms early; and
            # never on past the code's life, which a poll after it could not change.
            left = max(0.0, deadline - self._monotonic())
            await self._sleep(min(interval, left) + _MARGIN_S)
            if self._monotonic() >= deadline:
                return PhoneOutcome("expired")
            if not self._online():
                return PhoneOutcome("offline")
            try:
                reply = await self._tokens.run(self._source.device_token, body)
            except CentralUnreachable as exc:
                log.info("phone log-in poll: no answer (%s)", exc)
                return PhoneOutcome("offline")
            if reply.status == 201:
                login = login_in(reply)
                if login is None:
                    log.warning("phone log-in poll: an answer that is not a log-in")
                    return PhoneOutcome("offline")
                log.info("a citizen logged in from their phone")
                return PhoneOutcome("logged_in", login)
            error = error_code(reply.body) if reply.status == 400 else None
            if error == _PENDING:
                continue
            if error == _SLOW_DOWN:
                interval = self._slowed(interval, reply)
                log.info("phone log-in: central asked to poll slower (every %.0f s)", interval)
                continue
            if error in _ENDS:
                log.info("phone log-in ended: %s", error)
                return PhoneOutcome(_ENDS[error])
            log_unexpected(log, "phone log-in poll", reply)
            return PhoneOutcome("offline")

    def _slowed(self, interval: float, reply: Reply) -> float:
        """The interval after a slow_down: 5 s more (RFC 8628 §3.5), or central's Retry-After if it says longer
        (read as every Retry-After is, capped: ``sync.backoff.retry_after_seconds``)."""
        grown = interval + SLOW_DOWN_STEP
        asked = retry_after_seconds(reply.retry_after, self._clock(), reply.date)
        return grown if asked is None else max(grown, asked)

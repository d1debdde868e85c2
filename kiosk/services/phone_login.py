"""The log-in from the phone, from the kiosk's side (RFC 8628; the flow is in central/device_login.py): ask central
for a code, show it, then ask at central's interval whether the citizen approved on their phone.

HTTP runs on the network worker; the waits between polls are asyncio sleeps awaited in the page's task, so that
cancelling the task (leaving the page, « Annuler », « Terminer », the idle wipe) stops the polling at once. A poll
already on the wire when the task is cancelled still gets its answer: if that answer is a token, nobody will hold
it, so the session it opened is ended on central straight away (best effort) and the token dropped.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Final, Protocol

from pydantic import ValidationError

from kiosk.services.account_outcomes import PhoneCode, PhoneOutcome, PhoneResult, PhoneStart
from kiosk.services.citizen import CitizenIdentity, CitizenLogin
from kiosk.services.executors import Worker
from sync.client import CentralUnreachable, Reply
from sync.protocol import DeviceAuthorization, DeviceTokenBody, LoginAnswer
from sync.push import error_code, error_reason

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
    """Asks ``source`` on ``network`` while ``online()``; ``end_session`` ends a token nobody will hold;
    ``sleep`` waits between polls (asyncio's; tests pass one that records the waits)."""

    def __init__(
        self,
        source: PhoneSource,
        network: Worker,
        online: Callable[[], bool],
        end_session: Callable[[str], Awaitable[bool]],
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._source = source
        self._network = network
        self._online = online
        self._end_session = end_session
        self._sleep = sleep
        self._monotonic = monotonic
        self._ending: set[asyncio.Task[bool]] = set()  # late tokens being ended: kept alive until done

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
        _unexpected("phone log-in", reply)
        return PhoneStart("offline")

    async def wait(self, code: PhoneCode) -> PhoneOutcome:
        """Poll every ``code.interval`` seconds (longer after each slow_down) until the citizen approved or denied
        on their phone, the code expired or central stopped answering. Cancel the awaiting task to stop."""
        interval = float(code.interval)
        deadline = self._monotonic() + code.expires_in
        body = DeviceTokenBody(device_code=code.device_code)
        while True:
            # Never sooner than central asked (RFC 8628 §3.5): a little over, as a timer may fire a few ms early.
            await self._sleep(interval + _MARGIN_S)
            if self._monotonic() > deadline:
                return PhoneOutcome("expired")
            if not self._online():
                return PhoneOutcome("offline")
            try:
                reply = await self._poll(body)
            except CentralUnreachable as exc:
                log.info("phone log-in poll: no answer (%s)", exc)
                return PhoneOutcome("offline")
            if reply.status == 201:
                login = _login(reply)
                if login is None:
                    log.warning("phone log-in poll: an answer that is not a log-in")
                    return PhoneOutcome("offline")
                log.info("a citizen logged in from their phone")
                return PhoneOutcome("logged_in", login)
            error = error_code(reply.body) if reply.status == 400 else None
            if error == _PENDING:
                continue
            if error == _SLOW_DOWN:
                interval = _slowed(interval, reply.retry_after)
                log.info("phone log-in: central asked to poll slower (every %.0f s)", interval)
                continue
            if error in _ENDS:
                log.info("phone log-in ended: %s", error)
                return PhoneOutcome(_ENDS[error])
            _unexpected("phone log-in poll", reply)
            return PhoneOutcome("offline")

    async def _poll(self, body: DeviceTokenBody) -> Reply:
        """One poll; if the awaiting task is cancelled meanwhile, the answer is still read when it comes, and a
        token in it ended on central rather than kept."""
        call = asyncio.ensure_future(self._network.run(self._source.device_token, body))
        try:
            return await asyncio.shield(call)
        except asyncio.CancelledError:
            call.add_done_callback(self._end_late)
            raise

    def _end_late(self, call: asyncio.Future[Reply]) -> None:
        if call.cancelled() or call.exception() is not None or call.result().status != 201:
            return
        login = _login(call.result())
        if login is None:
            return
        log.info("phone log-in approved after the kiosk stopped waiting: ending that session on central")
        task = asyncio.ensure_future(self._end_session(login.token))
        self._ending.add(task)
        task.add_done_callback(self._ending.discard)

    async def settled(self) -> None:
        """Return once every late session being ended is (for tests, and an orderly shutdown)."""
        while self._ending:
            await asyncio.wait(list(self._ending))


def _login(reply: Reply) -> CitizenLogin | None:
    try:
        answer = LoginAnswer.model_validate_json(reply.body)
    except ValidationError:
        return None
    profile = answer.profile
    identity = CitizenIdentity(profile.first_name, profile.last_name, profile.email)
    return CitizenLogin(identity, answer.access_token, answer.expires_in)


def _slowed(interval: float, retry_after: str | None) -> float:
    """The interval after a slow_down: 5 s more (RFC 8628 §3.5), or central's Retry-After if it says longer."""
    grown = interval + SLOW_DOWN_STEP
    if retry_after is not None and retry_after.strip().isdigit():
        return max(grown, float(retry_after.strip()))
    return grown


def _unexpected(what: str, reply: Reply) -> None:
    if reply.status == 401:
        log.error("borne non autorisée: central refused this kiosk's token (%s)", what)
    else:
        log.warning("%s refused by central: %s", what, error_reason(reply.status, reply.body))

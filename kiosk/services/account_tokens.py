"""The calls to central whose answer may carry a citizen's access token (the log-in with a password, each poll of
the log-in from the phone), and how such an answer becomes a ``CitizenLogin``.

A call runs on the network worker, whose thread goes on when the task awaiting it is cancelled (« Accueil »,
« Terminer », « Annuler », the idle wipe): central may still open a session and answer with its token after the
kiosk stopped waiting. Nobody will hold that token, so the session it opened is ended on central as soon as the
answer comes (best effort: a session that cannot be ended expires on its own within 15 minutes) and the token
dropped.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from pydantic import ValidationError

from kiosk.services.citizen import CitizenIdentity, CitizenLogin
from kiosk.services.executors import Worker
from sync.client import Reply
from sync.protocol import LoginAnswer

__all__ = ["TokenCalls", "login_in"]

log = logging.getLogger(__name__)

Body = TypeVar("Body")


def login_in(reply: Reply) -> CitizenLogin | None:
    """The log-in a 201 of ``POST /v1/sessions`` or ``POST /v1/device-tokens`` holds; None when its body is not
    one (the caller says so in its log)."""
    try:
        answer = LoginAnswer.model_validate_json(reply.body)
    except ValidationError:
        return None
    profile = answer.profile
    identity = CitizenIdentity(profile.first_name, profile.last_name, profile.email)
    return CitizenLogin(identity, answer.access_token, answer.expires_in, answer.attach_grant)


class TokenCalls:
    """Runs calls that may return a token on ``network``; ``end_session`` ends on central the session of a token
    that came back after its caller was gone."""

    def __init__(self, network: Worker, end_session: Callable[[str], Awaitable[bool]]) -> None:
        self._network = network
        self._end_session = end_session
        self._left: set[asyncio.Future[Reply]] = set()  # calls on the wire whose caller is gone
        self._ending: set[asyncio.Task[bool]] = set()  # late sessions being ended: kept alive until done

    async def run(self, call: Callable[[Body], Reply], body: Body) -> Reply:
        """``call(body)`` on the network worker. If the awaiting task is cancelled meanwhile, the answer is still
        read when it comes, and a token in it ended on central rather than kept."""
        on_the_wire = asyncio.ensure_future(self._network.run(call, body))
        try:
            return await asyncio.shield(on_the_wire)
        except asyncio.CancelledError:
            self._left.add(on_the_wire)
            on_the_wire.add_done_callback(self._answered_late)
            raise

    def _answered_late(self, call: asyncio.Future[Reply]) -> None:
        self._left.discard(call)
        # exception() also marks an unreachable central as seen: nobody else will look at this call.
        if call.cancelled() or call.exception() is not None or call.result().status != 201:
            return
        login = login_in(call.result())
        if login is None:
            return
        log.info("a log-in answered after the kiosk stopped waiting: ending that session on central")
        task = asyncio.ensure_future(self._end_session(login.token))
        self._ending.add(task)
        task.add_done_callback(self._ending.discard)

    async def settled(self) -> None:
        """Return once every call left behind by its caller was answered and every late session it opened was
        ended (for tests, and an orderly shutdown)."""
        while self._left or self._ending:
            pending: list[asyncio.Future[Reply] | asyncio.Future[bool]] = [*self._left, *self._ending]
            await asyncio.wait(pending)

"""« Rattacher cette demande à mon espace personnel »: a request made anonymously goes into the logged-in citizen's
personal space (issue 10, item 7).

A request of this kiosk is attached through the outbox (a ``request.attach`` op after its submit, with the attach
grant of the citizen's log-in): it works offline, and central attaches it once the request reaches it. A request of
another kiosk, or one whose details this kiosk no longer holds, is attached on central at once by its tracking code
and the requester's last name (``POST /v1/me/attachments``), which central checks and counts as a look-up of the
code. Typed at « Rattacher une demande », the last name of a request still held here is checked here: a wrong code
and a wrong name get the same answer, wherever they are checked. Logs never name the code, the name or the token.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Protocol

from pydantic import ValidationError

from kiosk.models.collation import normalize
from kiosk.models.dto import RequestNotFound, RequestStoreError, TrackedRequest
from kiosk.services.attach_outcomes import AttachOutcome, Citizen
from kiosk.services.central_answers import ask_for_citizen, blocked_seconds, log_unexpected
from kiosk.services.executors import Worker
from kiosk.services.lookup_outcomes import CentralLookup
from kiosk.services.requests import RequestService
from kiosk.services.tracking import normalize_code
from sync.client import Reply
from sync.clock import utc_now
from sync.personal_space import AttachByCode, MyRequest
from sync.push import ATTACHED_ELSEWHERE, error_code

__all__ = ["AttachService", "AttachSource"]

log = logging.getLogger(__name__)


class AttachSource(Protocol):
    """What attaching by code needs of ``sync.client.CentralClient``."""

    def attach_by_code(self, citizen_token: str, body: AttachByCode) -> Reply: ...


class AttachService:
    """Queues through ``requests`` (this kiosk's requests), asks ``source`` on ``network`` while ``online()`` says
    central answers, and reads a request of another kiosk back through ``lookup`` (its history with the attach)."""

    def __init__(
        self,
        requests: RequestService,
        source: AttachSource,
        network: Worker,
        online: Callable[[], bool],
        lookup: CentralLookup | None = None,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self._requests = requests
        self._source = source
        self._network = network
        self._online = online
        self._lookup = lookup
        self._clock = clock

    async def attach_here(self, request: TrackedRequest, citizen: Citizen) -> AttachOutcome:
        """From the follow-up of this kiosk's ``request`` (opened with its code): its attach op is queued, online
        or not; no name is asked. Another kiosk's request is attached by ``attach_by_code``."""
        if request.from_town_hall:
            return AttachOutcome("not_found")  # not held here: nothing to queue
        return await self._queue(request.tracking_code, citizen)

    async def attach_by_code(self, code_text: str, last_name: str, citizen: Citizen) -> AttachOutcome:
        """« Rattacher une demande »: a tracking code and the requester's last name, typed. The caller reports the
        outcome to the kiosk's ``TrackingGuard`` (not_found is a wrong try)."""
        code = normalize_code(code_text)
        if code is None or not normalize(last_name):
            return AttachOutcome("not_found")
        try:
            local = await self._requests.find(code)
        except RequestStoreError as exc:
            log.warning("attach: the request could not be read here: %s", exc)
            local = None
        if local is not None and not local.details_at_town_hall:
            # Still only here (or on its way): only this kiosk knows the requester to check the name against.
            if normalize(last_name) != normalize(local.requester.last_name):
                return AttachOutcome("not_found")
            return await self._queue(code, citizen)
        return await self._on_central(code, last_name, citizen)

    async def _queue(self, code: str, citizen: Citizen) -> AttachOutcome:
        try:
            tracked, queued = await self._requests.attach(code, citizen.attach_grant)
        except RequestNotFound:
            return AttachOutcome("not_found")
        except (RequestStoreError, OSError) as exc:
            log.warning("attach not stored: %s", type(exc).__name__)
            return AttachOutcome("failed")
        return AttachOutcome("queued" if queued else "already", tracked)

    async def _on_central(self, code: str, last_name: str, citizen: Citizen) -> AttachOutcome:
        try:
            body = AttachByCode(code=code, last_name=last_name.strip()[:100])
        except ValidationError:
            return AttachOutcome("not_found")  # a "name" central would refuse (control characters) names no one
        reply = await ask_for_citizen(
            self._network,
            self._online,
            log,
            "attach",
            self._source.attach_by_code,
            citizen.token,
            body,
            handled=(200, 404, 409, 429),
        )
        if isinstance(reply, str):
            return AttachOutcome(reply)
        if reply.status == 200:
            try:
                MyRequest.model_validate_json(reply.body)
            except ValidationError:
                log.warning("attach on central: an answer that is not a request")
                return AttachOutcome("offline")
            log.info("a request was attached to a personal space on central")
            return AttachOutcome("attached", await self._read_back(code, last_name))
        if reply.status == 404:
            return AttachOutcome("not_found")
        if reply.status == 409 and error_code(reply.body) == ATTACHED_ELSEWHERE:
            return AttachOutcome("elsewhere")
        if reply.status == 429:
            return AttachOutcome("blocked", retry_after=blocked_seconds(reply, self._clock()))
        log_unexpected(log, "attach", reply)  # a 409 that is not "attached elsewhere"
        return AttachOutcome("offline")

    async def _read_back(self, code: str, last_name: str) -> TrackedRequest | None:
        """The request as it now stands: this kiosk's from its cache (the pull brings the attach event), another's
        from central (its history has the attach already). None when it cannot be read now: it is attached all
        the same."""
        try:
            local = await self._requests.find(code)
        except RequestStoreError:
            local = None
        if local is not None or self._lookup is None:
            return local
        found = await self._lookup.find(code, last_name)
        return found.request if found.result == "found" else None

"""A code typed at this kiosk that no request of its own holds, looked up on central (``POST /v1/requests/lookup``):
a request made at another kiosk is found there while this kiosk is online.

The follow-up central gives (number, status, procedure, appointment, history; never the answers, the requester or
the files) becomes a read-only ``TrackedRequest`` for this visit: it is held by the page that shows it, never
written to the cache, and it cannot be cancelled here. Logs never name the code nor the last name.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Final, Protocol

from pydantic import ValidationError

from kiosk.models.dto import Address, ProcedureDetail, Requester, RequestEvent, Slot, TrackedRequest
from kiosk.models.pull_store import kiosk_event_code
from kiosk.models.request_repository import ATTACHED
from kiosk.services.central_answers import blocked_seconds, log_unexpected
from kiosk.services.executors import Worker
from kiosk.services.lookup_outcomes import LookupOutcome
from kiosk.services.tracking import normalize_code
from sync.catalogue import LocalizedText
from sync.client import CentralUnreachable, Reply
from sync.clock import utc_now
from sync.protocol import FollowUp, LookupQuery
from sync.push import error_code

__all__ = ["CentralRequestLookup", "LookupSource", "Procedures", "tracked_request"]

log = logging.getLogger(__name__)

LAST_NAME_NEEDED: Final = "last_name_needed"  # central's 409 error code: two requests share the code


class LookupSource(Protocol):
    """What the look-up needs of ``sync.client.CentralClient``."""

    def lookup(self, query: LookupQuery) -> Reply: ...


class Procedures(Protocol):
    """What the look-up reads of ``kiosk.services.catalogue.CatalogueService``: a procedure's title."""

    async def procedure(self, slug: str) -> ProcedureDetail | None: ...
    async def procedure_revision(self, slug: str, revision: int) -> ProcedureDetail | None: ...


class CentralRequestLookup:
    """Asks ``source`` on ``network`` (blocking HTTP off the GUI thread) while ``online()`` says central answers;
    offline, it does not try (a citizen should not wait for a timeout to hear the kiosk is offline)."""

    def __init__(
        self,
        source: LookupSource,
        network: Worker,
        procedures: Procedures,
        online: Callable[[], bool],
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self._source = source
        self._network = network
        self._procedures = procedures
        self._online = online
        self._clock = clock

    async def find(self, code_text: str, last_name: str | None = None) -> LookupOutcome:
        code = normalize_code(code_text)
        if code is None:
            return LookupOutcome("unknown")
        if not self._online():
            return LookupOutcome("offline")
        try:
            query = LookupQuery(code=code, last_name=(last_name or "").strip()[:100] or None)
        except ValidationError:
            return LookupOutcome("unknown")  # a "name" central would refuse (control characters) names no one
        try:
            reply = await self._network.run(self._source.lookup, query)
        except CentralUnreachable as exc:
            log.info("look-up on central: no answer (%s)", exc)
            return LookupOutcome("offline")
        if reply.status == 200:
            try:
                follow_up = FollowUp.model_validate_json(reply.body)
            except ValidationError:
                log.warning("look-up on central: an answer that is not a follow-up")
                return LookupOutcome("offline")
            return LookupOutcome("found", await self._tracked(code, follow_up))
        if reply.status == 404:
            return LookupOutcome("unknown")
        if reply.status == 409 and error_code(reply.body) == LAST_NAME_NEEDED:
            return LookupOutcome("last_name_needed")
        if reply.status == 429:
            return LookupOutcome("blocked", retry_after=blocked_seconds(reply, self._clock()))
        log_unexpected(log, "look-up", reply)
        return LookupOutcome("offline")

    async def _tracked(self, code: str, follow_up: FollowUp) -> TrackedRequest:
        # No message's text: a message of the town hall may hold personal data, and a code is no proof of identity.
        return await tracked_request(self._procedures, follow_up, code, messages=False)


async def tracked_request(procedures: Procedures, follow_up: FollowUp, code: str, *, messages: bool) -> TrackedRequest:
    """Central's follow-up as a read-only ``TrackedRequest`` for this visit. ``messages``: the town's messages keep
    their text (the citizen's own request, asked with their token); otherwise the kiosk says only that one came."""
    ref = follow_up.procedure
    detail = await procedures.procedure_revision(ref.slug, ref.revision)
    if detail is None:
        detail = await procedures.procedure(ref.slug)
    title = detail.definition.title if detail is not None else LocalizedText(fr=ref.slug)
    slot = follow_up.appointment
    return TrackedRequest(
        reference=follow_up.number,
        tracking_code=code,
        procedure_slug=ref.slug,
        procedure_revision=ref.revision,
        procedure_title=title,
        status=follow_up.status,
        archived=False,
        pending_send=False,
        created_at=follow_up.received_at,
        requester=Requester("", "", "", Address("", "", ""), "", "", "none"),
        answers={},
        appointment=None if slot is None else Slot(slot.id, slot.starts_at, slot.ends_at, slot.place),
        documents=(),
        events=tuple(
            RequestEvent(
                kind=event.kind,
                code=kiosk_event_code(event),
                at=event.at,
                detail=event.text if messages and event.kind == "exchange" else "",
            )
            for event in follow_up.history
        ),
        number=follow_up.number,
        details_at_town_hall=True,
        from_town_hall=True,
        attached=any(event.code == ATTACHED for event in follow_up.history),
    )

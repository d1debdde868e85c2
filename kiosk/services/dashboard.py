"""« Mon tableau de bord » from the kiosk: the logged-in citizen's requests and the counts of its badges, the
follow-up of one of their requests (with the town's messages in full: it is theirs), and the messages they read
(``/v1/me/dashboard``, ``/v1/me/requests/{number}``; central/citizen_requests.py).

Nothing of it is stored: each answer goes to the page that asked, for this visit only, and the wipe destroys the
pages (``VisitorSession.end``). Blocking HTTP runs on the network worker, never on the GUI thread; offline (as the
sync sees central) nothing is tried: the page says so at once instead of after a timeout. Logs never name a
request's number nor a token.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable
from typing import Protocol

from pydantic import ValidationError

from kiosk.services.central_answers import ask_for_citizen
from kiosk.services.central_lookup import Procedures, tracked_request
from kiosk.services.dashboard_outcomes import ARCHIVED_STATUSES, DashboardOutcome, MyFollowUp, Result
from kiosk.services.executors import Worker
from sync.catalogue import LocalizedText
from sync.client import Reply
from sync.personal_space import Dashboard, ReadUpTo
from sync.protocol import FollowUp

__all__ = ["DashboardService", "DashboardSource"]

log = logging.getLogger(__name__)


class DashboardSource(Protocol):
    """What the dashboard needs of ``sync.client.CentralClient``."""

    def my_dashboard(self, citizen_token: str) -> Reply: ...
    def my_follow_up(self, citizen_token: str, number: str) -> Reply: ...
    def mark_read(self, citizen_token: str, number: str, body: ReadUpTo) -> Reply: ...


class DashboardService:
    """Asks ``source`` on ``network`` while ``online()`` says central answers; ``procedures`` titles them."""

    def __init__(
        self,
        source: DashboardSource,
        network: Worker,
        procedures: Procedures,
        online: Callable[[], bool],
    ) -> None:
        self._source = source
        self._network = network
        self._procedures = procedures
        self._online = online

    async def dashboard(self, token: str) -> DashboardOutcome:
        reply = await self._ask("dashboard", self._source.my_dashboard, token)
        if isinstance(reply, str):
            return DashboardOutcome(reply if reply != "not_found" else "offline")
        try:
            board = Dashboard.model_validate_json(reply.body)
        except ValidationError:
            log.warning("dashboard on central: an answer that is not a dashboard")
            return DashboardOutcome("offline")
        slugs = [r.procedure.slug for r in board.requests] + list(board.pinned)
        return DashboardOutcome("ok", board, await self._titles(slugs))

    async def follow_up(self, token: str, number: str) -> MyFollowUp:
        reply = await self._ask("follow-up", self._source.my_follow_up, token, number)
        if isinstance(reply, str):
            return MyFollowUp(reply)
        try:
            found = FollowUp.model_validate_json(reply.body)
        except ValidationError:
            log.warning("follow-up on central: an answer that is not a follow-up")
            return MyFollowUp("offline")
        # No tracking code: central never gives it back, and the citizen needs none to find it in their space.
        tracked = await tracked_request(self._procedures, found, "", messages=True)
        tracked = dataclasses.replace(tracked, archived=found.status in ARCHIVED_STATUSES, attached=True)
        return MyFollowUp("ok", tracked, len(found.history))

    async def mark_read(self, token: str, number: str, seen: int) -> Result:
        """The citizen saw the first ``seen`` events of their request's follow-up: its messages are read."""
        reply = await self._ask("read", self._source.mark_read, token, number, ReadUpTo(seen=seen), expect=204)
        return reply if isinstance(reply, str) else "ok"

    async def _ask(self, what: str, call: Callable[..., Reply], *args: object, expect: int = 200) -> Reply | Result:
        reply = await ask_for_citizen(self._network, self._online, log, what, call, *args, handled=(expect, 404))
        if isinstance(reply, str) or reply.status == expect:
            return reply
        return "not_found"

    async def _titles(self, slugs: Iterable[str]) -> dict[str, LocalizedText]:
        titles: dict[str, LocalizedText] = {}
        for slug in dict.fromkeys(slugs):
            detail = await self._procedures.procedure(slug)
            if detail is not None:
                titles[slug] = detail.definition.title
        return titles

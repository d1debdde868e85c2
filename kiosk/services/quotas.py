"""A procedure's quota for the logged-in citizen, asked of central (``GET /v1/me/quotas/{slug}``) before the wizard
starts and again before the request is stored.

Central counts: only it knows the requests the citizen made at other kiosks. When it cannot be asked (offline, no
answer, an answer that is not central's), the kiosk lets the citizen go on and says nothing: central checks the
quota again when the request is attached to the space. An anonymous visitor has no per-person count: nothing is
asked for them. Logs never name the citizen nor carry their token.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Final, Protocol

from pydantic import TypeAdapter, ValidationError

from kiosk.services.central_answers import ask_for_citizen
from kiosk.services.executors import Worker
from kiosk.services.quota_outcomes import QuotaCheck
from sync.catalogue import Slug
from sync.client import Reply
from sync.personal_space import QuotaState

__all__ = ["QuotaService", "QuotaSource"]

log = logging.getLogger(__name__)

# A catalogue slug: it goes into the URL's path, so nothing else is ever sent.
_SLUG: Final = TypeAdapter(Slug)


class QuotaSource(Protocol):
    """What the quota check needs of ``sync.client.CentralClient``."""

    def my_quota(self, citizen_token: str, slug: str) -> Reply: ...


class QuotaService:
    """Asks ``source`` on ``network`` while ``online()`` says central answers."""

    def __init__(self, source: QuotaSource, network: Worker, online: Callable[[], bool]) -> None:
        self._source = source
        self._network = network
        self._online = online

    async def check(self, token: str, slug: str) -> QuotaCheck:
        """Whether the citizen whose access token is ``token`` may make one more request of ``slug``."""
        try:
            _SLUG.validate_python(slug)
        except ValidationError:
            return QuotaCheck("unknown")
        reply = await ask_for_citizen(
            self._network, self._online, log, "quota check", self._source.my_quota, token, slug, handled=(200, 404)
        )
        if reply == "expired":
            return QuotaCheck("expired")
        if reply == "offline" or reply.status == 404:
            # 404: central's catalogue has no quota for it (a kiosk's catalogue a pull behind): nothing to hold back.
            return QuotaCheck("unknown")
        try:
            state = QuotaState.model_validate_json(reply.body)
        except ValidationError:
            log.warning("quota on central: an answer that is not a quota")
            return QuotaCheck("unknown")
        if state.slug != slug:
            log.warning("quota on central: the answer is another procedure's")
            return QuotaCheck("unknown")
        return QuotaCheck("reached" if state.reached else "allowed", state)

"""A procedure's quota as the views read it: what asking central came to (``kiosk.services.quotas`` asks).

Apart from the service, which speaks HTTP, so that the views depend on these words only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from sync.personal_space import QuotaState

__all__ = ["QuotaActions", "QuotaCheck", "QuotaResult"]

# allowed: one more request is within the quota (``state`` says how many were made); reached: none more in this
# period (``state.renews_at`` is when the next starts); expired: central no longer takes the citizen's token;
# unknown: central could not be asked, or holds no quota for it: the kiosk lets the citizen go on.
QuotaResult = Literal["allowed", "reached", "expired", "unknown"]


@dataclass(frozen=True, slots=True)
class QuotaCheck:
    result: QuotaResult
    state: QuotaState | None = None


class QuotaActions(Protocol):
    """What the views ask of ``kiosk.services.quotas.QuotaService``."""

    async def check(self, token: str, slug: str) -> QuotaCheck: ...

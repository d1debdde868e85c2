"""What asking central for a code typed here can come to, as the views read it ("Suivre une demande").

Apart from ``kiosk.services.central_lookup`` (which speaks HTTP) so that the views depend on these words only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from kiosk.models.dto import TrackedRequest

__all__ = ["CentralLookup", "LookupOutcome", "LookupResult"]

# found: ``request`` holds it; unknown: central has no request with this code; last_name_needed: two requests
# share the code (an offline draw that clashed), ask again with the requester's last name; blocked: central's rate
# limit, try again after ``retry_after`` seconds; offline: no answer from central (or not asked: offline).
LookupResult = Literal["found", "unknown", "last_name_needed", "blocked", "offline"]


@dataclass(frozen=True, slots=True)
class LookupOutcome:
    result: LookupResult
    request: TrackedRequest | None = None
    retry_after: float = 0.0


class CentralLookup(Protocol):
    """Finds a request of any kiosk through central (``kiosk.services.central_lookup.CentralRequestLookup``)."""

    async def find(self, code_text: str, last_name: str | None = None) -> LookupOutcome: ...

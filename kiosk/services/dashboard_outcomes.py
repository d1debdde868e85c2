"""« Mon tableau de bord » as the views read it: what asking central came to, and which of the citizen's requests
have an appointment to come.

Apart from ``kiosk.services.dashboard`` (which speaks HTTP) so that the views depend on these words only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, Literal, Protocol

if TYPE_CHECKING:
    from kiosk.models.dto import TrackedRequest
    from sync.catalogue import LocalizedText
    from sync.personal_space import Dashboard

__all__ = ["ARCHIVED_STATUSES", "DashboardActions", "DashboardOutcome", "MyFollowUp", "Result", "upcoming"]

# As central flags them (``MyRequest.archived``): what « Voir toutes mes demandes archivées » shows.
ARCHIVED_STATUSES: Final = frozenset({"cancelled", "refused", "closed"})

# ok: it came; expired: central no longer takes the citizen's token (the visitor's session forgets it); not_found:
# not one of the citizen's requests (a follow-up only); offline: no answer from central, or not asked (offline).
Result = Literal["ok", "expired", "not_found", "offline"]


@dataclass(frozen=True, slots=True)
class DashboardOutcome:
    """The dashboard, and the titles of the procedures it names (its requests' and the pinned ones), in the
    catalogue's languages; a slug the kiosk's catalogue does not hold is titled by itself."""

    result: Result
    dashboard: Dashboard | None = None
    titles: dict[str, LocalizedText] = field(default_factory=dict)

    def title(self, slug: str, language: str) -> str:
        found = self.titles.get(slug)
        return found.get(language) if found is not None else slug


@dataclass(frozen=True, slots=True)
class MyFollowUp:
    """One of the citizen's requests as « Suivi de la demande » shows it; ``seen`` is how many history events
    central sent, what the kiosk reports read once it is shown."""

    result: Result
    request: TrackedRequest | None = None
    seen: int = 0


class DashboardActions(Protocol):
    """What the views ask of ``DashboardService``."""

    async def dashboard(self, token: str) -> DashboardOutcome: ...
    async def follow_up(self, token: str, number: str) -> MyFollowUp: ...
    async def mark_read(self, token: str, number: str, seen: int) -> Result: ...


def upcoming(board: Dashboard, now: dt.datetime) -> list[str]:
    """The numbers of the requests whose appointment is to come, soonest first, as central counts them."""
    rows = [r for r in board.requests if not r.archived and r.appointment is not None and r.appointment.ends_at > now]
    return [r.number for r in sorted(rows, key=lambda r: r.appointment.starts_at if r.appointment else now)]

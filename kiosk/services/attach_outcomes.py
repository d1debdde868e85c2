"""What attaching a request to the citizen's personal space can come to, as the views read it (« Rattacher »).

Apart from ``kiosk.services.attach`` (which speaks HTTP) so that the views depend on these words only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from kiosk.models.dto import TrackedRequest

__all__ = ["AttachActions", "AttachOutcome", "AttachResult", "Citizen", "citizen_of"]

# queued: this kiosk's request, its attach op stored (central attaches it when the request reaches it); attached:
# central attached it (or it was this citizen's already); not_found: no such code, or not that last name (one
# answer for both); elsewhere: in another personal space; blocked: too many tries of this code or at this kiosk,
# try again after ``retry_after`` seconds; offline: central is needed and does not answer; expired: central no
# longer takes the citizen's token (they must log in again); failed: the kiosk could not store it (nothing stored);
# already: this kiosk's request is attached, or its attach waits to be sent, for whoever asked first (this citizen
# or another: the kiosk cannot tell, so it says neither), nothing stored.
AttachResult = Literal[
    "queued", "attached", "already", "not_found", "elsewhere", "blocked", "offline", "expired", "failed"
]


@dataclass(frozen=True, slots=True)
class AttachOutcome:
    result: AttachResult
    # The request as it now stands, when it can be shown (its follow-up, the attach in its history once known).
    request: TrackedRequest | None = None
    retry_after: float = 0.0


@dataclass(frozen=True, slots=True)
class Citizen:
    """What attaching needs of the logged-in citizen (``VisitorSession``): the access token of a call to central,
    the attach grant of an op of the outbox."""

    token: str
    attach_grant: str


def citizen_of(token: str | None, attach_grant: str | None) -> Citizen | None:
    """The citizen of a visit (``VisitorSession.citizen_token``, ``citizen_attach_grant``), None when nobody is
    logged in."""
    return None if token is None or attach_grant is None else Citizen(token, attach_grant)


class AttachActions(Protocol):
    """What the views ask of ``AttachService``."""

    async def attach_here(self, request: TrackedRequest, citizen: Citizen) -> AttachOutcome: ...
    async def attach_by_code(self, code_text: str, last_name: str, citizen: Citizen) -> AttachOutcome: ...

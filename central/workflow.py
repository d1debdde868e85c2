"""The life of a request on central: which status may follow which, for an agent and for the requester.

Central owns the status (a kiosk never sets it, it sends commands such as ``request.cancel`` that are checked
here). Decided requests (accepted, refused) can only be closed; cancelled and closed ones are final.
"""

from __future__ import annotations

from typing import Final

from central.errors import TransitionRefused
from sync.protocol import RequestStatus

# What an agent may do from each status ("draft" never reaches central).
AGENT_TRANSITIONS: Final[dict[str, frozenset[RequestStatus]]] = {
    "submitted": frozenset({"in_progress", "awaiting_you", "accepted", "refused", "cancelled"}),
    "in_progress": frozenset({"awaiting_you", "accepted", "refused", "cancelled"}),
    "awaiting_you": frozenset({"in_progress", "accepted", "refused", "cancelled"}),
    "accepted": frozenset({"closed"}),
    "refused": frozenset({"closed"}),
    "cancelled": frozenset(),
    "closed": frozenset(),
}
# A request in these is over (withdrawn, refused, closed): it takes no appointment, and the citizen's list shows it
# among « mes demandes archivées ».
OVER_STATUSES: Final = frozenset({"cancelled", "refused", "closed"})
# The requester may withdraw a request until the town hall has decided (the kiosk's CANCELLABLE_STATUSES).
REQUESTER_CANCELLABLE: Final = frozenset({"submitted", "in_progress", "awaiting_you"})


def check_agent_transition(number: str, current: str, new: str) -> None:
    """Raise ``TransitionRefused`` with a message for the agent unless ``current`` → ``new`` is allowed."""
    if current == new:
        raise TransitionRefused(f"request {number} is already {current}")
    allowed = AGENT_TRANSITIONS.get(current, frozenset())
    if new not in allowed:
        choices = ", ".join(sorted(allowed)) or "none: it is final"
        raise TransitionRefused(f"request {number} is {current}: it cannot become {new} (possible: {choices})")

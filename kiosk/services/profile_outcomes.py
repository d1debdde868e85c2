"""What « Mon profil » hears back from ``kiosk.services.profile``, and what the views ask of it: apart, so that the
views see neither the HTTP client nor the service."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal, Protocol

if TYPE_CHECKING:
    from kiosk.models.dto import AnswerValue
    from sync.personal_space import Profile

__all__ = ["KEY_REFUSALS", "ProfileActions", "ProfileOutcome", "ProfileResult"]

KEY_REFUSALS: Final = frozenset({"child_key_unknown", "child_key_taken", "family_linked"})

# ok: ``profile`` is central's; invalid: ``field`` is refused (a profile field id, or "key"); expired: central no
# longer takes the citizen's token; offline: central could not be asked; refused: ``reason`` is central's
# (``KEY_REFUSALS``); blocked: too many wrong keys, ``retry_after`` seconds to wait.
ProfileResult = Literal["ok", "invalid", "expired", "offline", "refused", "blocked"]


@dataclass(frozen=True, slots=True)
class ProfileOutcome:
    result: ProfileResult
    profile: Profile | None = None
    field: str = ""
    reason: str = ""
    retry_after: float = 0.0


class ProfileActions(Protocol):
    """What the views ask of ``ProfileService``."""

    async def load(self, token: str) -> ProfileOutcome: ...
    async def save(self, token: str, answers: dict[str, AnswerValue]) -> ProfileOutcome: ...
    async def add_child_key(self, token: str, typed: str) -> ProfileOutcome: ...

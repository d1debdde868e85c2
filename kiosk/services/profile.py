"""The logged-in citizen's profile on central, from the kiosk: read it, save « Je modifie mon espace », link a clé
enfance (``/v1/me/profile``, ``/v1/me/child-key``).

The profile form is a step of the procedures' own schema (resources/forms/profile.toml), so the same editors and
checks serve it; ``kiosk.services.profile_answers`` turns its answers into a ``ProfileDetails``. Nothing of the
profile is kept by this service: the pages that asked hold it, and the visitor's wipe destroys them. Blocking HTTP
runs on the network worker; offline, nothing is tried. Logs never name the citizen, their key nor carry their token.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Protocol

from pydantic import ValidationError

from kiosk.models.dto import AnswerValue
from kiosk.services.central_answers import ask_for_citizen, blocked_seconds, log_unexpected
from kiosk.services.executors import Worker
from kiosk.services.profile_answers import details_of
from kiosk.services.profile_outcomes import KEY_REFUSALS, ProfileOutcome
from sync.client import Reply
from sync.clock import utc_now
from sync.personal_space import ChildKeyBody, Profile, ProfileDetails, normalise_child_key
from sync.push import error_code

__all__ = ["ProfileService", "ProfileSource"]

log = logging.getLogger(__name__)


class ProfileSource(Protocol):
    """What the profile needs of ``sync.client.CentralClient``."""

    def my_profile(self, citizen_token: str) -> Reply: ...
    def save_profile(self, citizen_token: str, body: ProfileDetails) -> Reply: ...
    def add_child_key(self, citizen_token: str, body: ChildKeyBody) -> Reply: ...


class ProfileService:
    """Asks ``source`` on ``network`` while ``online()`` says central answers."""

    def __init__(
        self,
        source: ProfileSource,
        network: Worker,
        online: Callable[[], bool],
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self._source = source
        self._network = network
        self._online = online
        self._clock = clock

    async def load(self, token: str) -> ProfileOutcome:
        """The citizen's profile as central holds it."""
        return await self._ask("profile", self._source.my_profile, token)

    async def save(self, token: str, answers: dict[str, AnswerValue]) -> ProfileOutcome:
        """Save the profile form's ``answers`` on central; the saved profile back."""
        details = details_of(answers)
        if isinstance(details, str):
            return ProfileOutcome("invalid", field=details)
        return await self._ask("profile save", self._source.save_profile, token, details)

    async def add_child_key(self, token: str, typed: str) -> ProfileOutcome:
        """Link the family of the clé enfance ``typed`` (any case, spaces or dashes) to the citizen's space."""
        key = normalise_child_key(typed)
        if key is None:
            return ProfileOutcome("invalid", field="key")
        return await self._ask("clé enfance", self._source.add_child_key, token, ChildKeyBody(key=key))

    async def _ask(self, what: str, call: Callable[..., Reply], *args: object) -> ProfileOutcome:
        reply = await ask_for_citizen(self._network, self._online, log, what, call, *args, handled=(200, 409, 422, 429))
        if isinstance(reply, str):
            return ProfileOutcome(reply)
        if reply.status == 200:
            try:
                return ProfileOutcome("ok", Profile.model_validate_json(reply.body))
            except ValidationError:
                log.warning("%s on central: an answer that is not a profile", what)
                return ProfileOutcome("offline")
        code = error_code(reply.body)
        if reply.status in (409, 422) and code in KEY_REFUSALS:
            log.info("%s refused by central: %s", what, code)
            return ProfileOutcome("refused", reason=code or "")
        if reply.status == 422:
            log.warning("%s refused by central as invalid", what)
            return ProfileOutcome("invalid")
        if reply.status == 429:
            return ProfileOutcome("blocked", retry_after=blocked_seconds(reply, self._clock()))
        log_unexpected(log, what, reply)  # a 409 that is no key's refusal
        return ProfileOutcome("offline")

"""The code guards' state in the cache, so that a restart does not clear it: one row per guard, by name."""

from __future__ import annotations

import json
import math
from typing import Final

from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from kiosk.models.guard_state import GuardState
from kiosk.models.request_repository import store_errors
from kiosk.models.tables import SavedGuard

__all__ = ["AGENT_GUARD", "TRACKING_GUARD", "GuardStateRepository"]

TRACKING_GUARD: Final = "tracking"  # the tracking-code field's (the row migration 0009 kept from the single one)
AGENT_GUARD: Final = "agent"  # the agents' code's


class GuardStateRepository:
    """Reads and writes the row of the guard called ``name``. Errors leave as ``RequestStoreError``."""

    def __init__(self, session_factory: sessionmaker[Session], name: str = TRACKING_GUARD) -> None:
        self._sessions = session_factory
        self._name = name

    def load(self) -> GuardState:
        """The state saved last; an empty one when none was (or when the row cannot be read as one)."""
        with store_errors(), self._sessions.begin() as session:
            row = session.get(SavedGuard, self._name)
            if row is None:
                return GuardState()
            failures = json.loads(row.failures_json)
            blocked_until = row.blocked_until
        if not isinstance(failures, list) or not all(isinstance(t, int | float) for t in failures):
            failures = []
        times = tuple(float(t) for t in failures if math.isfinite(t))
        return GuardState(times, blocked_until if blocked_until is None or math.isfinite(blocked_until) else None)

    def save(self, state: GuardState) -> None:
        values = {"failures_json": json.dumps(list(state.failures)), "blocked_until": state.blocked_until}
        statement = (
            sqlite_insert(SavedGuard)
            .values(name=self._name, **values)
            .on_conflict_do_update(index_elements=[SavedGuard.name], set_=values)
        )
        with store_errors(), self._sessions.begin() as session:
            session.execute(statement)

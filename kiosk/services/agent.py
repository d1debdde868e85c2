"""The counter agents' screen ("Espace agent"): the code that opens it, and what it shows of the sync.

The code is never stored: the configuration holds its argon2id hash (``kiosk agent-code`` makes it), and checking a
code is slow on purpose (a fifth of a second, 64 MiB), so it runs on a worker, never on the event loop's thread.
A wrong code makes the next try wait, longer after each (1, 2, 4… seconds, at most ``MAX_WAIT_S``), until the right
one is typed: slow enough that nobody can try the million six-digit codes at the counter, never locked for good (an
agent who mistypes must still get in). The wait belongs to the kiosk, not to a visitor's session: a wipe must not
give someone trying codes a fresh start, nor must a restart. It is kept by the same guard as the tracking codes'
(``kiosk.services.tracking.TrackingGuard``, with a ``DoublingBlock``), saved in the cache by a ``GuardKeeper``.

What the screen shows is read from the outbox on the database worker and from the sync's state: where the kiosk
stands with central (its host only, never the token), whether central refused this kiosk's token (for an agent, not
for a citizen), how many requests wait to be sent, and the ops central refused for good.
"""

from __future__ import annotations

import enum
import logging
import math
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Protocol

from kiosk.models.dto import AgentOverview, DeadLetter
from kiosk.services.executors import Worker
from kiosk.services.sync_status import SyncStatus
from kiosk.services.tracking import DoublingBlock, TrackingGuard

__all__ = [
    "MIN_CODE_DIGITS",
    "AgentCheck",
    "AgentService",
    "CodeCheck",
    "agent_code_problem",
    "hash_agent_code",
]

log = logging.getLogger(__name__)

MIN_CODE_DIGITS: Final = 6
MAX_CODE_DIGITS: Final = 32
# Waits after the 1st, 2nd, 3rd… wrong code in a row, in (kiosk) seconds: doubling, capped.
FIRST_WAIT_S: Final = 1
MAX_WAIT_S: Final = 60
_DIGITS: Final = re.compile(r"[0-9]+")


def agent_code_problem(code: str) -> str | None:
    """Why ``code`` cannot be the agents' code (for ``kiosk agent-code``), or None when it can."""
    if not _DIGITS.fullmatch(code):
        return "the agent code is made of digits only (the kiosk asks it on a keypad of digits)."
    if not MIN_CODE_DIGITS <= len(code) <= MAX_CODE_DIGITS:
        return f"the agent code must have {MIN_CODE_DIGITS} to {MAX_CODE_DIGITS} digits, not {len(code)}."
    return None


def hash_agent_code(code: str) -> str:
    """The argon2id hash of ``code`` for ``agent_code_hash`` (a new random salt at each call)."""
    from argon2 import PasswordHasher  # here: a kiosk without an agent code never loads the bindings

    return PasswordHasher().hash(code)


def _matches(code_hash: str, code: str) -> bool:
    """Whether ``code`` is the one ``code_hash`` was made from. Slow by design: run it on a worker."""
    from argon2 import PasswordHasher
    from argon2.exceptions import VerifyMismatchError

    try:
        return PasswordHasher().verify(code_hash, code)
    except VerifyMismatchError:  # the wrong code
        return False
    # Anything else argon2 raises is not a wrong code: the hash itself cannot be used (the configuration refuses
    # those it can tell), and counting it as a wrong code would keep every agent out, longer at each try.


class CodeCheck(enum.Enum):
    ACCEPTED = "accepted"
    REFUSED = "refused"  # a wrong code: the next try waits ``AgentCheck.wait_s``
    TOO_SOON = "too_soon"  # tried before the wait after a wrong code was over: not even checked


@dataclass(frozen=True, slots=True)
class AgentCheck:
    result: CodeCheck
    wait_s: int = 0  # (kiosk) seconds before the next try, after a refusal or too soon


class DeadLetters(Protocol):
    """What the service reads of ``kiosk.models.outbox_repository.OutboxRepository``."""

    def waiting_requests(self) -> int: ...
    def dead_letters(self) -> tuple[list[DeadLetter], int]: ...


class AgentService:
    """The agents' code and the screen's overview. Every method runs on the event loop's thread.

    ``checker``: the worker the slow hash check runs on (not the database's: SQL must not wait for it).
    ``code_hash``: None on a kiosk without an agent code, where no code opens the screen (the header does not even
    open it: ``MainWindow.open_agent_screen``). ``status``: the sync's current state (None when the kiosk syncs with
    no central). ``second_s``: how long one counted second lasts (``Settings.second_ms``; tests shorten it).
    ``clock``: the guard's, seconds since the epoch (``steady_wall_clock`` by default), for tests.

    ``guard`` keeps the wait after wrong codes; the composition root restores it from the cache and saves it there
    (``GuardKeeper``), as the tracking codes' guard.
    """

    def __init__(
        self,
        outbox: DeadLetters,
        db: Worker,
        checker: Worker,
        *,
        code_hash: str | None,
        central_url: str = "",
        token_file: Path | None = None,
        status: Callable[[], SyncStatus] | None = None,
        second_s: float = 1.0,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self._outbox = outbox
        self._db = db
        self._checker = checker
        self._code_hash = code_hash
        self._central_host = (urllib.parse.urlsplit(central_url).hostname or "") if central_url else ""
        self._token_file = "" if token_file is None else str(token_file)
        self._status = status
        self._second_s = second_s
        self.guard = TrackingGuard(DoublingBlock(FIRST_WAIT_S * second_s, MAX_WAIT_S * second_s), clock=clock)
        self._checking = False

    def wait_s(self) -> int:
        """Whole (kiosk) seconds left before a code may be tried; 0 when it may be tried now."""
        left = self.guard.blocked_for() / self._second_s
        # A hair off a whole second is float arithmetic (2 x 0.02 / 0.02), not a second more to wait.
        return max(1, math.ceil(left - 1e-9)) if left > 0 else 0

    async def check(self, code: str) -> AgentCheck:
        """Whether ``code`` opens the agent screen. A wrong one makes the next try wait, longer each time in a row."""
        if self._checking:  # a second tap while the first code is being checked: one check at a time
            return AgentCheck(CodeCheck.TOO_SOON, 1)
        if (wait := self.wait_s()) > 0:
            return AgentCheck(CodeCheck.TOO_SOON, wait)
        self._checking = True
        try:
            accepted = (
                self._code_hash is not None and bool(code) and await self._checker.run(_matches, self._code_hash, code)
            )
        finally:
            self._checking = False
        if accepted:
            self.guard.succeeded()
            log.info("agent screen opened")
            return AgentCheck(CodeCheck.ACCEPTED)
        self.guard.failed()
        wait = self.wait_s()
        log.warning("wrong agent code: the next try waits %d s", wait)
        return AgentCheck(CodeCheck.REFUSED, wait)

    async def overview(self) -> AgentOverview:
        """The kiosk's standing with central, the requests waiting to be sent and the ops central refused."""
        waiting = await self._db.run(self._outbox.waiting_requests)
        letters, total = await self._db.run(self._outbox.dead_letters)
        state = self._status() if self._status is not None else SyncStatus()
        return AgentOverview(
            central_host=self._central_host,
            token_file=self._token_file,
            online=state.online,
            unauthorized=state.unauthorized,
            waiting=waiting,
            dead_letters=tuple(letters),
            dead_total=total,
        )

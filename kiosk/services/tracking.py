"""Tracking codes: drawing them, reading what a visitor typed, and slowing down anyone guessing them (or the
agents' code: the same guard, with a wait that doubles).

A code is 8 letters from ``TRACKING_ALPHABET`` (20 consonants, no vowels so no words, no look-alikes such as
O/0 or I/1): 20**8, about 2.6e10 codes. Whoever holds a code sees the request, with the requester's name and
address, so a code is a secret: drawn with ``secrets``, never logged, and guessing is rate-limited.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.models.guard_state import GuardState

if TYPE_CHECKING:
    import random

__all__ = [
    "CODE_LENGTH",
    "TRACKING_ALPHABET",
    "DoublingBlock",
    "FixedBlock",
    "GuardState",
    "TrackingGuard",
    "new_tracking_code",
    "normalize_code",
    "steady_wall_clock",
]

# Light on purpose (no DTO, no pydantic): the view context builds the guard before the first paint.
TRACKING_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ"
CODE_LENGTH = 8
_LETTERS = frozenset(TRACKING_ALPHABET)
# What people type between groups, or what the on-screen keyboard may insert.
_SEPARATORS = str.maketrans("", "", " \t\n-‐‑–—")


def new_tracking_code(rng: random.Random | None = None) -> str:
    """A fresh code. ``rng`` is for tests only: the default is the OS's cryptographic source."""
    import secrets  # here: the home screen's first paint does not wait for OpenSSL's set-up

    choice = secrets.choice if rng is None else rng.choice
    return "".join(choice(TRACKING_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str | None:
    """The code in ``text`` ("bcdf-ghjk", "BCDF GHJK"...) as 8 capitals, or None when it cannot be one."""
    code = text.translate(_SEPARATORS)
    # ASCII only before upper(): "ß".upper() is "SS", which would turn a wrong code into a plausible one.
    if not code.isascii():
        return None
    code = code.upper()
    if len(code) != CODE_LENGTH or not _LETTERS.issuperset(code):
        return None
    return code


def steady_wall_clock(
    wall: Callable[[], float] = time.time, monotonic: Callable[[], float] = time.monotonic
) -> Callable[[], float]:
    """Seconds since the epoch, read from the wall clock once and then advanced by the monotonic clock.

    The guard's times must mean something to the next process (a monotonic clock starts again at each boot), but
    within a process a wall clock set back or forth (by hand, by NTP) must neither end a block early nor stretch it.
    """
    wall_start, monotonic_start = wall(), monotonic()
    return lambda: wall_start + (monotonic() - monotonic_start)


@dataclass(frozen=True, slots=True)
class FixedBlock:
    """``limit`` wrong codes within ``window_s`` seconds block the field for ``block_s`` (the tracking codes')."""

    limit: int = 5
    window_s: float = 60.0
    block_s: float = 60.0

    def __post_init__(self) -> None:
        if self.limit < 1 or self.window_s <= 0 or self.block_s <= 0:
            raise ValueError("limit, window_s and block_s must be positive")


@dataclass(frozen=True, slots=True)
class DoublingBlock:
    """Each wrong code in a row blocks for twice as long as the one before, from ``first_s`` up to ``max_s``
    (``sync.backoff.Backoff.ceiling``), and the right code ends the run (the agents' code: an agent who mistypes
    is slowed down, never locked out for good)."""

    first_s: float
    max_s: float

    def __post_init__(self) -> None:
        if not 0 < self.first_s <= self.max_s:
            raise ValueError("a doubling block needs 0 < first_s <= max_s")


class TrackingGuard:
    """Blocks a code field after wrong codes, as ``policy`` says: by default (``FixedBlock``) after ``limit`` wrong
    codes within ``window_s`` seconds, for ``block_s``; with ``DoublingBlock``, after each, longer each time.

    One guard per kiosk and per code, not per visitor: the composition root makes it once and it outlives every
    session, so the session wipe (or simply tapping "Terminer") does not give a guesser a fresh allowance. Nor does
    a restart or a crash: ``state()``/``restore()`` carry it over (``kiosk.services.guard_keeper`` keeps it in the
    cache), and ``on_change`` is told of every new failure so that it is saved at once.

    Times are seconds since the epoch (``clock``; by default ``steady_wall_clock``), since they must outlive the
    process. A clock that went back, within a process or between two (a restart after the time was set back),
    leaves times "in the future": they are brought back to now, so that a block still lasts what it was meant to
    from then (never ending early, nor lasting until the clock catches up) and a failure still counts.

    Choices that keep brute force out (``FixedBlock``):
    - The window slides: the last ``limit`` failures must all be older than ``window_s`` before another is free.
    - ``succeeded()`` forgets nothing. Someone holding one valid code (their own) could otherwise alternate it
      with guesses and never be blocked. A real visitor who mistyped a few times is still blocked only after
      ``limit`` mistakes within the window, as anyone else.
    - A failure reported while blocked (the view should not even let it be tried) starts the block again.
    - When a block starts the failures are cleared: after it, the next ``limit`` mistakes block again.
    With ``DoublingBlock`` there is one secret code, known to those it is for: its ``succeeded()`` ends the run.
    """

    def __init__(
        self, policy: FixedBlock | DoublingBlock | None = None, clock: Callable[[], float] | None = None
    ) -> None:
        self._policy = policy if policy is not None else FixedBlock()
        self._clock = clock if clock is not None else steady_wall_clock()
        if isinstance(self._policy, DoublingBlock):
            from sync.backoff import Backoff  # here: the tracking guard, built before the first paint, needs none

            self._backoff: Backoff | None = Backoff(self._policy.first_s, self._policy.max_s)
            # The failures in a row that matter: past those, every block lasts max_s.
            self._kept = 1 + max(0, math.ceil(math.log2(self._policy.max_s / self._policy.first_s)))
            self._longest_s = self._policy.max_s
        else:
            self._backoff = None
            self._kept = self._policy.limit
            self._longest_s = self._policy.block_s
        self._failures: deque[float] = deque()
        self._blocked_until = -math.inf
        self.on_change: Callable[[GuardState], None] | None = None

    def blocked_for(self) -> float:
        """Seconds left before a code may be tried again; 0.0 when it may be tried now."""
        now = self._now()  # first: it may bring the block's end back
        return max(0.0, self._blocked_until - now)

    def failed(self) -> None:
        """A code was tried and was not the right one (or could not be a code)."""
        now = self._now()
        policy = self._policy
        if self._backoff is not None:
            self._failures.append(now)
            while len(self._failures) > self._kept:
                self._failures.popleft()
            self._blocked_until = now + self._backoff.ceiling(len(self._failures))
        elif now < self._blocked_until:
            self._blocked_until = now + self._longest_s
        elif isinstance(policy, FixedBlock):
            self._failures.append(now)
            while self._failures and now - self._failures[0] >= policy.window_s:
                self._failures.popleft()
            if len(self._failures) >= policy.limit:
                self._blocked_until = now + policy.block_s
                self._failures.clear()
        self._changed()

    def succeeded(self) -> None:
        """The right code. For the tracking codes, deliberately changes nothing (see the class notes); for a
        ``DoublingBlock``, ends the run of wrong codes."""
        if self._backoff is not None and (self._failures or self._blocked_until != -math.inf):
            self._failures.clear()
            self._blocked_until = -math.inf
            self._changed()

    def state(self) -> GuardState:
        """What a restart must not forget."""
        blocked_until = None if self._blocked_until == -math.inf else self._blocked_until
        return GuardState(tuple(self._failures), blocked_until)

    def restore(self, saved: GuardState) -> None:
        """Take back the state of an earlier run, keeping anything recorded since this guard was made."""
        merged = sorted([*self._failures, *saved.failures])
        self._failures = deque(merged[-self._kept :])
        if saved.blocked_until is not None:
            self._blocked_until = max(self._blocked_until, saved.blocked_until)
        self._now()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change(self.state())

    def _now(self) -> float:
        # Bring times the clock has gone back behind to now (see the class notes), and have that saved too: the
        # next run must not find them in its future again.
        now = self._clock()
        moved = False
        if self._blocked_until > now + self._longest_s:
            self._blocked_until = now + self._longest_s
            moved = True
        if self._failures and self._failures[-1] > now:
            self._failures = deque(min(t, now) for t in self._failures)
            moved = True
        if moved:
            self._changed()
        return now

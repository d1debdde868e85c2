"""Tracking codes: drawing them, reading what a visitor typed, and slowing down anyone guessing them.

A code is 8 letters from ``TRACKING_ALPHABET`` (20 consonants, no vowels so no words, no look-alikes such as
O/0 or I/1): 20**8, about 2.6e10 codes. Whoever holds a code sees the request, with the requester's name and
address, so a code is a secret: drawn with ``secrets``, never logged, and guessing is rate-limited.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import random

__all__ = ["CODE_LENGTH", "TRACKING_ALPHABET", "TrackingGuard", "new_tracking_code", "normalize_code"]

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


class TrackingGuard:
    """Blocks the tracking-code field after ``limit`` wrong codes within ``window_s`` seconds, for ``block_s``.

    One guard per kiosk, not per visitor: the composition root makes it once and it outlives every session, so
    the session wipe (or simply tapping "Terminer") does not give a guesser a fresh allowance. It lives in
    memory: a restart of the application resets it, which a guesser cannot trigger from the touch screen.

    Choices that keep brute force out:
    - The window slides: the last ``limit`` failures must all be older than ``window_s`` before another is free.
    - ``succeeded()`` forgets nothing. Someone holding one valid code (their own) could otherwise alternate it
      with guesses and never be blocked. A real visitor who mistyped a few times is still blocked only after
      ``limit`` mistakes within the window, as anyone else.
    - A failure reported while blocked (the view should not even let it be tried) starts the block again.
    - When a block starts the failures are cleared: after it, the next ``limit`` mistakes block again.
    """

    def __init__(
        self,
        limit: int = 5,
        window_s: float = 60.0,
        block_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if limit < 1 or window_s <= 0 or block_s <= 0:
            raise ValueError("limit, window_s and block_s must be positive")
        self._limit = limit
        self._window_s = window_s
        self._block_s = block_s
        self._clock = clock
        self._failures: deque[float] = deque()
        self._blocked_until = -math.inf

    def blocked_for(self) -> float:
        """Seconds left before a code may be tried again; 0.0 when it may be tried now."""
        return max(0.0, self._blocked_until - self._clock())

    def failed(self) -> None:
        """A code was tried and matched no request (or could not be a code)."""
        now = self._clock()
        if now < self._blocked_until:
            self._blocked_until = now + self._block_s
            return
        self._failures.append(now)
        while self._failures and now - self._failures[0] >= self._window_s:
            self._failures.popleft()
        if len(self._failures) >= self._limit:
            self._blocked_until = now + self._block_s
            self._failures.clear()

    def succeeded(self) -> None:
        """A code matched a request. Deliberately changes nothing: see the class notes."""

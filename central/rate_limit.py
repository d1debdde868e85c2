"""A sliding-window limit per key, in the worker's memory: enough to make guessing tracking codes slow (20**8
codes; a worker answers a few look-ups a minute per client). Several workers each count on their own, which
multiplies the allowance by their number: still hopeless for a guesser.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

# Forget the oldest keys beyond this many, so that a flood of addresses cannot fill the memory.
MAX_KEYS = 50_000


class SlidingWindow:
    def __init__(self, limit: int, window_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Count a hit for ``key``; False when it is over the limit in the window (that hit is not counted)."""
        now = self._clock()
        with self._lock:
            hits = self._hits.pop(key, None) or deque()
            while hits and hits[0] <= now - self.window_s:
                hits.popleft()
            allowed = len(hits) < self.limit
            if allowed:
                hits.append(now)
            if hits:
                self._hits[key] = hits
            while len(self._hits) > MAX_KEYS:
                self._hits.popitem(last=False)
            return allowed

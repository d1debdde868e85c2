"""What the tracking-code guard keeps across restarts. Light on purpose: the guard is built before the first paint."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class GuardState:
    """The recent wrong codes and the end of the current block, in seconds since the epoch (UTC).

    Wall-clock seconds, not monotonic ones: a monotonic clock starts again at each boot, so its values mean nothing
    to the next process. ``blocked_until`` is None when no block was ever started.
    """

    failures: tuple[float, ...] = ()
    blocked_until: float | None = None

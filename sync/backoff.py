"""When to try an op again: capped exponential backoff with full jitter, and central's ``Retry-After``.

Full jitter (a uniform draw in ``[0, min(cap, base * 2**n)]``) spreads the kiosks of a town that all lost central
at once, so that they do not all come back in the same second when it returns. ``Retry-After`` is central (or a
proxy) saying how long it needs: the wait is the longer of the two, so a draw of 0.2 s never comes back inside
an announced 30 s outage.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import random
import re
from typing import Final

__all__ = ["BASE_SECONDS", "CAP_SECONDS", "MAX_WAIT_SECONDS", "Backoff", "retry_after_seconds"]

BASE_SECONDS: Final = 1.0
CAP_SECONDS: Final = 300.0
# The longest wait anything may impose, Retry-After included: a header announcing a week (or a kiosk clock that
# went back ten years) must not park an op for that long; past this the op is tried again anyway.
MAX_WAIT_SECONDS: Final = 3600.0
_SECONDS: Final = re.compile(r"[0-9]{1,12}")


class Backoff:
    """Delays before the next attempt. ``rng`` is injectable so that tests can pin the draws."""

    def __init__(self, base: float = BASE_SECONDS, cap: float = CAP_SECONDS, rng: random.Random | None = None) -> None:
        if not 0 < base <= cap:
            raise ValueError("backoff needs 0 < base <= cap")
        self._base = base
        self._cap = cap
        self._rng = rng if rng is not None else random.SystemRandom()

    def ceiling(self, failures: int) -> float:
        """The upper bound of the draw after ``failures`` failed attempts (1 for the first failure)."""
        if failures < 1:
            raise ValueError("a delay follows at least one failure")
        # min() on the exponent first: 2.0 ** 5000 overflows a float long before the cap applies.
        return min(self._cap, self._base * 2.0 ** min(failures - 1, 64))

    def delay(self, failures: int, retry_after: float | None = None) -> float:
        """Seconds to wait after the ``failures``-th failed attempt: the jittered draw, or ``retry_after`` if longer."""
        drawn = self._rng.uniform(0.0, self.ceiling(failures))
        wanted = drawn if retry_after is None else max(drawn, retry_after)
        return min(wanted, MAX_WAIT_SECONDS)


def retry_after_seconds(value: str | None, now: dt.datetime, answered_at: str | None = None) -> float | None:
    """A ``Retry-After`` header as seconds from ``now``: delay-seconds or an HTTP date (RFC 9110 §10.2.3).

    A date is read against ``answered_at``, the answer's ``Date`` header, when it has a readable one: both are on
    the server's clock, whereas ``now`` is the kiosk's, which may be years off. None when absent or unreadable (an
    unreadable header is ignored, not obeyed); a date in the past gives 0.
    """
    if value is None:
        return None
    text = value.strip()
    if _SECONDS.fullmatch(text):  # ASCII digits only: no sign, no fraction, no Unicode digits
        return float(min(int(text), int(MAX_WAIT_SECONDS)))
    when = _http_date(text)
    if when is None:
        return None
    reference = _http_date(answered_at) if answered_at is not None else None
    return max(0.0, min((when - (reference or now)).total_seconds(), MAX_WAIT_SECONDS))


def _http_date(text: str) -> dt.datetime | None:
    try:
        when = email.utils.parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000" dates: HTTP dates are always GMT
        when = when.replace(tzinfo=dt.UTC)
    return when

"""How the kiosk's services read the answers of central they did not expect, and its rate limits: one wording in the
logs for "central refused this kiosk" and "central refused the call", and one reading of a 429's wait, for the
personal space (``kiosk.services.account``, ``kiosk.services.phone_login``) and the look-up of a code
(``kiosk.services.central_lookup``).

Logs say what happened, never what was sent: central's error code and detail describe the call, not the citizen.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Collection
from typing import Final, Literal

from kiosk.services.executors import Worker
from sync.backoff import retry_after_seconds
from sync.client import CentralUnreachable, Reply
from sync.push import error_code, error_reason

__all__ = ["BLOCKED_SECONDS", "SESSION_INVALID", "ask_for_citizen", "blocked_seconds", "log_unexpected"]

SESSION_INVALID: Final = "session_invalid"  # central's 401 for a citizen's token that is unknown, expired or ended

# The wait after a 429 without a readable Retry-After: long enough not to be refused again at once, short enough for
# a citizen to try again while still at the kiosk.
BLOCKED_SECONDS: Final = 60.0


def log_unexpected(log: logging.Logger, what: str, reply: Reply) -> None:
    """Log an answer of central to ``what`` ("log-in", "look-up"...) that the caller has no outcome for: a 401 is
    central refusing this kiosk's own token, which an agent must see to; anything else is said with central's
    error code and detail."""
    if reply.status == 401:
        log.error("borne non autorisée: central refused this kiosk's token (%s)", what)
    else:
        log.warning("%s refused by central: %s", what, error_reason(reply.status, reply.body))


def blocked_seconds(reply: Reply, now: dt.datetime) -> float:
    """How long a 429 asks to wait: its Retry-After (a date read against the answer's own Date, on central's clock),
    or ``BLOCKED_SECONDS`` when it has none that can be read."""
    wait = retry_after_seconds(reply.retry_after, now, reply.date)
    return BLOCKED_SECONDS if wait is None else wait


async def ask_for_citizen(
    network: Worker,
    online: Callable[[], bool],
    log: logging.Logger,
    what: str,
    call: Callable[..., Reply],
    *args: object,
    handled: Collection[int] = (200,),
) -> Reply | Literal["offline", "expired"]:
    """One call of a citizen's personal space (``/v1/me``, made with their token) on the network worker: central's
    answer when its status is one the caller reads (``handled``); "expired" when central says the citizen's session
    is over; "offline" when the kiosk is, when central does not answer, or answers what the caller has no outcome
    for (logged)."""
    if not online():
        return "offline"
    try:
        reply = await network.run(call, *args)
    except CentralUnreachable as exc:
        log.info("%s on central: no answer (%s)", what, exc)
        return "offline"
    if reply.status in handled:
        return reply
    if reply.status == 401 and error_code(reply.body) == SESSION_INVALID:
        log.info("the citizen's session ended on central (%s)", what)
        return "expired"
    log_unexpected(log, what, reply)
    return "offline"

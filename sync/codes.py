"""Keeps the kiosk's pool of tracking codes leased from central (``POST /v1/codes/lease``) filled while online.

A code from the pool is unique across every kiosk; the pool is what lets a kiosk print such codes while offline.
It is refilled to ``POOL_SIZE`` once it falls below ``REFILL_BELOW``: small on purpose, because the kiosk holds
these codes in clear until a request takes one. A failed call (no answer, central unavailable or refusing) is
logged and tried again ``RETRY_SECONDS`` later, never at every tick of an offline kiosk.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from pydantic import ValidationError

from sync.client import CentralUnreachable, Reply
from sync.clock import utc_now
from sync.protocol import CodeLease, CodeLeaseRequest
from sync.push import error_reason

__all__ = ["POOL_SIZE", "REFILL_BELOW", "RETRY_SECONDS", "CodeLeaser", "CodeSource", "CodeStore", "LeaseSummary"]

log = logging.getLogger(__name__)

POOL_SIZE: Final = 20
REFILL_BELOW: Final = 10
RETRY_SECONDS: Final = 60.0


class CodeStore(Protocol):
    """The kiosk's pool (``kiosk.models.code_pool.CodePoolRepository``)."""

    def unused(self) -> int: ...
    def add(self, codes: Sequence[str], at: dt.datetime) -> int: ...


class CodeSource(Protocol):
    """What the leaser needs of ``sync.client.CentralClient``."""

    def lease_codes(self, wanted: CodeLeaseRequest) -> Reply: ...


@dataclass(frozen=True, slots=True)
class LeaseSummary:
    """``added`` codes kept; ``unused`` in the pool after; ``failed`` when central could not lease (logged)."""

    added: int
    unused: int
    failed: bool = False


class CodeLeaser:
    """Blocking: run ``refill`` on the network worker. ``clock`` only dates the codes; ``monotonic`` times the
    retry after a failure (a kiosk's date set ten years off changes nothing)."""

    def __init__(
        self,
        store: CodeStore,
        source: CodeSource,
        *,
        size: int = POOL_SIZE,
        refill_below: int = REFILL_BELOW,
        clock: Callable[[], dt.datetime] = utc_now,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._store = store
        self._source = source
        self._size = size
        self._refill_below = refill_below
        self._clock = clock
        self._monotonic = monotonic
        self._not_before = monotonic()

    def refill(self, should_stop: Callable[[], bool] = lambda: False) -> LeaseSummary:
        """Lease codes up to the pool's size when it runs low; nothing when it does not or a retry is not due."""
        unused = self._store.unused()
        if unused >= self._refill_below or should_stop() or self._monotonic() < self._not_before:
            return LeaseSummary(0, unused)
        try:
            reply = self._source.lease_codes(CodeLeaseRequest(count=self._size - unused))
        except CentralUnreachable as exc:
            return self._failed(unused, f"no answer ({exc})")
        if reply.status != 200:
            return self._failed(unused, error_reason(reply.status, reply.body))
        try:
            lease = CodeLease.model_validate_json(reply.body)
        except ValidationError:
            return self._failed(unused, "an answer that is not a lease")
        added = self._store.add(lease.codes, self._clock())
        log.info("%d tracking codes leased from central", added)
        return LeaseSummary(added, unused + added)

    def _failed(self, unused: int, reason: str) -> LeaseSummary:
        log.warning("no tracking codes leased: %s", reason)
        self._not_before = self._monotonic() + RETRY_SECONDS
        return LeaseSummary(0, unused, failed=True)

"""What the push engine needs of an outbox, so that ``sync`` never imports the kiosk that implements it.

The kiosk's ``kiosk.models.outbox_repository.OutboxRepository`` is the implementation; each method is one local
transaction. Every method is idempotent: a drain killed between central's answer and ``mark_sent`` resends the
same op (same ``op_id``, hence the same Idempotency-Key) and central replays its first answer.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from sync.protocol import OpAnswer

__all__ = ["OutboxStore", "QueuedOp"]


@dataclass(frozen=True, slots=True)
class QueuedOp:
    """An op waiting in the outbox, as recorded with its effect. ``payload_json`` is the op's body (the
    ``body`` of ``sync.protocol.SubmitOp``/``CancelOp``) as the kiosk wrote it; ``attempts`` counts failed sends."""

    op_id: uuid.UUID
    kind: str
    aggregate_id: uuid.UUID
    payload_json: str
    attempts: int


class OutboxStore(Protocol):
    def next_due(self, now: dt.datetime, *, reconnected: bool = False) -> Sequence[QueuedOp]:
        """The ops to try now, oldest first: per aggregate only its oldest op neither sent nor dead (op n+1 waits
        until n is settled), and only if its next attempt is due at ``now`` — or, when ``reconnected``, if its
        last try found no central at all (``mark_retry(..., unreachable=True)``), whenever its next attempt."""
        ...

    def mark_sent(self, op_id: uuid.UUID, answer: OpAnswer, at: dt.datetime) -> None:
        """Central applied the op (or replayed it): keep its answer; the op is never sent again."""
        ...

    def mark_retry(
        self, op_id: uuid.UUID, attempts: int, next_attempt_at: dt.datetime, error: str, *, unreachable: bool = False
    ) -> None:
        """The send failed in a way worth retrying: ``attempts`` failures so far, not before ``next_attempt_at``.
        ``unreachable``: no connection to central could be made, so the wait is the kiosk's own backoff, which the
        network coming back cancels (``next_due(reconnected=True)``); ``error`` is for people only."""
        ...

    def mark_dead(self, op_id: uuid.UUID, reason: str, at: dt.datetime) -> None:
        """Central refused the op for good (or it cannot be encoded): a dead letter for agents; never sent again."""
        ...

    def settle(self) -> None:
        """The drain is over, however it ended: finish once what the marks left for later (the kiosk lets go of
        its journal's old images of the personal data they deleted). Never raises for a store error."""
        ...

"""The push half of the sync engine: drain the outbox to central, each op exactly once in effect.

An op leaves the outbox as it was recorded: same ``op_id`` (the Idempotency-Key), same body, after a crash, a
lost answer or a 5xx alike; central turns every resend into a replay. What each answer means:

- 2xx with an ``OpAnswer`` for this op → **sent** (a replay included);
- 401 → **stop** the drain and touch nothing: the kiosk's token is unknown or revoked, an agent must act, and
  no op is the worse for waiting;
- no answer (network), 408, 429, 5xx → **retry** this op later and end the drain: central (or the way to it) is
  down or overloaded, the other ops would only add to it; the summary says when to come back, and whether no
  answer came at all (``unreachable``: then the network coming back, not only the clock, ends the wait —
  ``drain(reconnected=True)`` sends what waited on the kiosk's own backoff at once);
- 409 (the same op in flight elsewhere), 425 → **retry** this op later, go on with the others; but 409
  ``attached_elsewhere`` (a ``request.attach`` of a request in another citizen's space) is final: dead letter;
- any other 4xx → **dead letter** with central's reason, go on with the others;
- anything else (a 3xx from a captive portal, a 2xx that is not our answer) → retry later, go on.

Waits are capped exponential backoff with full jitter, or ``Retry-After`` when longer (``sync.backoff``).

One drain at a time per engine (a lock; a second caller gets ``stopped_reason="busy"`` at once). Across
processes nothing is locked, and nothing needs to be: two drains sending the same op send the same key, so
central applies it once (its twin gets 409, retried, then a replay), and every ``mark_*`` is idempotent.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal, Protocol

from pydantic import ValidationError

from sync.backoff import Backoff, retry_after_seconds
from sync.client import CentralUnreachable, Reply
from sync.clock import utc_now
from sync.outbox import OutboxStore, QueuedOp
from sync.protocol import (
    AnyOp,
    AttachBody,
    AttachOp,
    CancelBody,
    CancelOp,
    ErrorBody,
    OpAnswer,
    SubmitBody,
    SubmitOp,
)

__all__ = [
    "ATTACHED_ELSEWHERE",
    "BlobSource",
    "BlobUploader",
    "Dead",
    "DrainSummary",
    "InvalidOp",
    "OpSender",
    "PushEngine",
    "Retry",
    "Sent",
    "Unauthorized",
    "build_op",
    "central_unavailable",
    "classify",
    "error_code",
    "error_reason",
]

log = logging.getLogger(__name__)

MAX_REASON_CHARS: Final = 1000
# Statuses that say "central, or the road to it, is down or overloaded": end the drain after this op.
_UNAVAILABLE: Final = frozenset({408, 429})
# Statuses that concern this op alone and pass: retry it later, go on with the others.
_TRANSIENT: Final = frozenset({409, 425})
# 409s that no retry changes: the request is in another citizen's space (``request.attach``).
ATTACHED_ELSEWHERE: Final = "attached_elsewhere"  # central's 409: the request is in another citizen's space
_FINAL_CONFLICTS: Final = frozenset({ATTACHED_ELSEWHERE})

StoppedReason = Literal["unauthorized", "unavailable", "busy", "stopped"]


class OpSender(Protocol):
    """What the engine needs of ``sync.client.CentralClient``."""

    def push(self, op: AnyOp) -> Reply: ...


class BlobUploader(Protocol):
    """What the engine needs of ``sync.client.CentralClient`` to upload a submit's files before the submit."""

    def put_blob(self, sha256: str, content: bytes, media_type: str) -> Reply: ...


class BlobSource(Protocol):
    """Where the engine reads a file's bytes (the kiosk's cache): None when it no longer holds them."""

    def blob(self, aggregate_id: uuid.UUID, sha256: str) -> bytes | None: ...


@dataclass(frozen=True, slots=True)
class Sent:
    answer: OpAnswer
    replayed: bool = False  # central had applied it already: its first answer, again


@dataclass(frozen=True, slots=True)
class Retry:
    error: str
    retry_after: float | None = None  # seconds, from the Retry-After header
    ends_drain: bool = False
    unreachable: bool = False  # no connection to central at all: the wait is the kiosk's own, central set none


@dataclass(frozen=True, slots=True)
class Dead:
    reason: str


@dataclass(frozen=True, slots=True)
class Unauthorized:
    error: str


Outcome = Sent | Retry | Dead | Unauthorized


@dataclass(frozen=True, slots=True)
class DrainSummary:
    """What one drain did. ``resume_at``: when ``stopped_reason`` is "unavailable", not before this, unless
    ``unreachable`` (no answer came, so central asked for no wait) and the network comes back sooner."""

    sent: int = 0
    replayed: int = 0  # of the sent: answered as replays (a resend after a lost answer or a crash)
    retried: int = 0
    dead: int = 0
    stopped_reason: StoppedReason | None = None
    resume_at: dt.datetime | None = None
    unreachable: bool = False


class InvalidOp(Exception):  # noqa: N818
    """The outbox row cannot be encoded as an op of the protocol: it would be refused whatever the retries."""


_KINDS: Final[
    dict[
        str,
        tuple[type[SubmitOp] | type[CancelOp] | type[AttachOp], type[SubmitBody] | type[CancelBody] | type[AttachBody]],
    ]
] = {
    "request.submit": (SubmitOp, SubmitBody),
    "request.cancel": (CancelOp, CancelBody),
    "request.attach": (AttachOp, AttachBody),
}


def build_op(queued: QueuedOp) -> AnyOp:
    """The wire op of an outbox row, through the protocol's models (validated as central will). Raises
    ``InvalidOp`` naming where the row is wrong, never its values (they may be personal data)."""
    kinds = _KINDS.get(queued.kind)
    if kinds is None:
        raise InvalidOp(f"unsupported_kind: this kiosk cannot send ops of kind {queued.kind[:60]!r}")
    op_type, body_type = kinds
    try:
        body = body_type.model_validate_json(queued.payload_json)
        # Each pair is consistent (a SubmitOp takes a SubmitBody); mypy cannot see that through the mapping.
        return op_type(
            op_id=queued.op_id,
            kind=queued.kind,  # type: ignore[arg-type]
            aggregate_id=queued.aggregate_id,
            body=body,  # type: ignore[arg-type]
        )
    except ValidationError as exc:
        raise InvalidOp(f"invalid_op: {_validation_summary(exc)}") from None


def _validation_summary(exc: ValidationError) -> str:
    problems = (
        f"{'.'.join(str(part) for part in error['loc']) or '(op)'}: {error['msg']}"
        for error in exc.errors(include_input=False, include_url=False, include_context=False)
    )
    return "; ".join(problems)[:MAX_REASON_CHARS]


def classify(op: AnyOp, reply: Reply, now: dt.datetime) -> Outcome:
    """What central's answer to ``op`` means for the outbox (see the module's docstring)."""
    status = reply.status
    if 200 <= status < 300:
        try:
            answer = OpAnswer.model_validate_json(reply.body)
        except ValidationError:
            return Retry(f"{status} unreadable answer")
        if answer.op_id != op.op_id or answer.aggregate_id != op.aggregate_id:
            return Retry(f"{status} answer for another op")
        return Sent(answer, reply.replayed)
    reason = error_reason(status, reply.body)
    if status == 401:
        return Unauthorized(reason)
    retry_after = retry_after_seconds(reply.retry_after, now, reply.date)
    if central_unavailable(status):
        return Retry(reason, retry_after, ends_drain=True)
    if status in _TRANSIENT and error_code(reply.body) in _FINAL_CONFLICTS:
        return Dead(reason)
    if status in _TRANSIENT or not 400 <= status < 500:
        return Retry(reason, retry_after)
    return Dead(reason)


def central_unavailable(status: int) -> bool:
    """408, 429, 5xx: central, or the road to it, is down or overloaded. Shared with the pull engine."""
    return status in _UNAVAILABLE or 500 <= status < 600


def _no_answer(exc: CentralUnreachable) -> Retry:
    """No answer: retry later and end the drain. Only a call that found no central at all waits for the network
    to come back; a slow or broken answer came from a central that is there, and the backoff spaces the tries."""
    if exc.connected:
        return Retry(f"no whole answer: {exc}", ends_drain=True)
    return Retry(f"unreachable: {exc}", ends_drain=True, unreachable=True)


def error_code(body: bytes) -> str | None:
    """Central's stable error code (what a client acts on), or None when the answer is not central's error."""
    try:
        return ErrorBody.model_validate_json(body).error
    except ValidationError:
        return None


def error_reason(status: int, body: bytes) -> str:
    """Central's error answer in one line (status, code, detail), for logs and dead letters."""
    try:
        error = ErrorBody.model_validate_json(body)
    except ValidationError:
        return f"{status} (no error body from central)"
    if isinstance(error.detail, str):
        detail = error.detail
    else:
        detail = "; ".join(f"{'.'.join(str(p) for p in item.loc)}: {item.msg}" for item in error.detail)
    return f"{status} {error.error}: {detail}"[:MAX_REASON_CHARS]


class PushEngine:
    """Drains ``store`` to central through ``sender``. ``drain()`` blocks: call it on the network executor."""

    def __init__(
        self,
        store: OutboxStore,
        sender: OpSender,
        *,
        backoff: Backoff | None = None,
        clock: Callable[[], dt.datetime] = utc_now,
        files: BlobSource | None = None,
        uploader: BlobUploader | None = None,
    ) -> None:
        self._store = store
        self._sender = sender
        # Central links a submit's files to blobs uploaded before it (409 blob_missing otherwise): with both, each
        # file goes up by its hash (an idempotent PUT) right before its submit.
        self._files = files
        self._uploader = uploader
        self._backoff = backoff if backoff is not None else Backoff()
        self._clock = clock
        self._lock = threading.Lock()
        # Drains ended by central being unavailable since it last answered: the outage's own backoff. Each op's
        # count alone would not grow when every retry tries another op (the one that failed not due yet).
        self._outage = 0

    def drain(self, should_stop: Callable[[], bool] = lambda: False, *, reconnected: bool = False) -> DrainSummary:
        """Send every due op once at most, in order per aggregate; return what happened. ``should_stop`` is
        asked between ops: a kiosk shutting down waits for one op, not for the whole queue.

        ``reconnected``: central answered again after a drain that got no answer. The ops whose last try got no
        answer are due now: their waits only spaced out tries at a network that was down, and a town's queue
        must not sit out up to five minutes of them once it is back. A wait central asked for (Retry-After) or
        set by its answer stays as it is.

        An error of the store (a full disk failing ``mark_sent``) leaves the drain as it is raised: the op stays
        queued and the next drain resends it under the same key, which central answers as a replay."""
        if not self._lock.acquire(blocking=False):
            return DrainSummary(stopped_reason="busy")
        try:
            return self._drain(should_stop, reconnected)
        finally:
            try:
                self._store.settle()  # once per drain: after each mark, it was most of the drain's own time
            finally:
                self._lock.release()

    def _drain(self, should_stop: Callable[[], bool], reconnected: bool) -> DrainSummary:
        sent = replayed = retried = dead = 0
        tried: set[uuid.UUID] = set()  # each op once per drain: a retry due "now" (a jitter of 0 s) waits for the next
        while True:
            due = self._store.next_due(self._clock(), reconnected=reconnected)
            due = [queued for queued in due if queued.op_id not in tried]
            if not due:
                return DrainSummary(sent, replayed, retried, dead)
            for queued in due:
                if should_stop():
                    return DrainSummary(sent, replayed, retried, dead, "stopped")
                tried.add(queued.op_id)
                outcome = self._push(queued)
                now = self._clock()
                if not (isinstance(outcome, Retry) and outcome.ends_drain):
                    self._outage = 0  # central answered
                if isinstance(outcome, Sent):
                    self._store.mark_sent(queued.op_id, outcome.answer, now)
                    sent += 1
                    replayed += outcome.replayed
                elif isinstance(outcome, Dead):
                    log.warning("op %s (%s) dead-lettered: %s", queued.op_id, queued.kind, outcome.reason)
                    self._store.mark_dead(queued.op_id, outcome.reason, now)
                    dead += 1
                elif isinstance(outcome, Unauthorized):
                    log.error("central refused this kiosk's token (%s): drain stopped", outcome.error)
                    return DrainSummary(sent, replayed, retried, dead, "unauthorized")
                else:
                    failures = queued.attempts + 1
                    self._outage += outcome.ends_drain
                    wait = dt.timedelta(seconds=self._backoff.delay(max(failures, self._outage), outcome.retry_after))
                    log.info("op %s failed (%s), attempt %d: retry in %s", queued.op_id, outcome.error, failures, wait)
                    self._store.mark_retry(
                        queued.op_id, failures, now + wait, outcome.error, unreachable=outcome.unreachable
                    )
                    retried += 1
                    if outcome.ends_drain:
                        return DrainSummary(
                            sent, replayed, retried, dead, "unavailable", now + wait, unreachable=outcome.unreachable
                        )

    def _push(self, queued: QueuedOp) -> Outcome:
        try:
            op = build_op(queued)
        except InvalidOp as exc:
            return Dead(str(exc))
        if isinstance(op, SubmitOp):
            refused = self._upload_files(op)
            if refused is not None:
                return refused
        try:
            reply = self._sender.push(op)
        except CentralUnreachable as exc:
            return _no_answer(exc)
        return classify(op, reply, self._clock())

    def _upload_files(self, op: SubmitOp) -> Outcome | None:
        """Upload the submit's files (each hash once); None when central holds them all, else what to do with
        the op instead (retry it, dead-letter it, stop the drain), as for the op's own answer."""
        if self._files is None or self._uploader is None:
            return None
        for document in {d.sha256: d for d in op.body.documents}.values():
            content = self._files.blob(op.aggregate_id, document.sha256)
            if content is None:
                return Dead(f"document_missing: this kiosk no longer holds the file {document.sha256}")
            try:
                reply = self._uploader.put_blob(document.sha256, content, document.media_type)
            except CentralUnreachable as exc:
                return _no_answer(exc)
            status = reply.status
            if status in {200, 201}:
                continue
            reason = f"file {document.sha256[:12]}: {error_reason(status, reply.body)}"[:MAX_REASON_CHARS]
            if status == 401:
                return Unauthorized(reason)
            retry_after = retry_after_seconds(reply.retry_after, self._clock(), reply.date)
            if central_unavailable(status):
                return Retry(reason, retry_after, ends_drain=True)
            if status in _TRANSIENT or not 400 <= status < 500:
                return Retry(reason, retry_after)
            return Dead(reason)
        return None

"""The pull half of the sync engine: bring a scope (catalogue, slots, requests) up to date from central's change
feed, a page at a time, in central's commit order.

Each page goes to the ``PullStore`` with its ``next_cursor``: the store applies both in ONE local transaction,
so a kiosk stopped at any moment has either the page and its cursor, or neither, and asks for the same page
again (applying a page twice gives the same state: only a newer version replaces what is held). Nothing here
reads the kiosk's clock to order anything; the clock only dates a retry.

What each answer means:

- 200 → apply the page; ask again with its cursor while ``has_more``. A change that the protocol's models refuse
  (a procedure failing the catalogue schema the TOML loader uses) is logged and left out; the others are applied;
- 304 (the stored ETag still names the page) → nothing new;
- 410 ``resync`` (the cursor is older than central's tombstone horizon) or 400 ``invalid_cursor`` (a cursor of
  another central) → the store forgets the cursor and the engine takes a full snapshot; at its last page the store
  removes what the snapshot did not name;
- 401 → **stop**: the token is unknown or revoked (the push side says so to the agent);
- no answer, 408, 429, 5xx, a 3xx → **unavailable**: ``resume_at`` says when to come back (backoff with full
  jitter, or Retry-After when longer), as the push engine does (``sync.push.central_unavailable``);
- any other 4xx, or a page that cannot be read → **refused**: logged; the next tick tries again.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, JsonValue, ValidationError

from sync.backoff import Backoff, retry_after_seconds
from sync.client import CentralUnreachable, Reply
from sync.clock import utc_now
from sync.protocol import (
    MAX_PAGE,
    PAGE_MODELS,
    CatalogueChange,
    ChangePage,
    ChangeScope,
    Cursor,
    RequestChange,
    SlotsChange,
)
from sync.push import central_unavailable, error_code, error_reason

__all__ = [
    "ChangeSource",
    "PullEngine",
    "PullPosition",
    "PullStore",
    "PullSummary",
    "RejectedChange",
    "read_page",
]

log = logging.getLogger(__name__)

# A feed that keeps saying has_more past this many pages in one pull is broken: stop, try again at the next tick.
MAX_PAGES_PER_PULL: Final = 10_000
_INVALID_CURSOR: Final = "invalid_cursor"
_TOO_LARGE: Final = "AnswerTooLarge"
_CHANGE_MODELS: Final[dict[ChangeScope, type[CatalogueChange] | type[SlotsChange] | type[RequestChange]]] = {
    "catalogue": CatalogueChange,
    "slots": SlotsChange,
    "requests": RequestChange,
}

StoppedReason = Literal["unauthorized", "unavailable", "refused", "busy", "stopped"]


class ChangeSource(Protocol):
    """What the engine needs of ``sync.client.CentralClient``."""

    def changes(self, scope: ChangeScope, cursor: str | None, etag: str | None, limit: int) -> Reply: ...


@dataclass(frozen=True, slots=True)
class PullPosition:
    """Where the kiosk stands in a scope: central's cursor (None: never pulled, or a snapshot to take) and the
    ETag that names the page this cursor asks for (None when unknown)."""

    cursor: str | None
    etag: str | None


class PullStore(Protocol):
    """What the pull engine needs of the kiosk's cache (``kiosk.models.pull_store.PullRepository``)."""

    def position(self, scope: ChangeScope) -> PullPosition:
        """The stored cursor and ETag of ``scope``."""
        ...

    def apply_page(self, scope: ChangeScope, page: ChangePage, etag: str | None, *, snapshot_start: bool) -> int:
        """Apply ``page`` and store ``page.next_cursor`` and ``etag`` in ONE transaction; return how many changes
        were newer than what the cache held. ``snapshot_start``: the page was asked for without a cursor, a full
        snapshot begins; when a snapshot's last page (``has_more`` false) is applied, whatever the snapshot did not
        name is removed in the same transaction."""
        ...

    def forget_cursor(self, scope: ChangeScope) -> None:
        """Central cannot continue from the stored cursor: drop it (and its ETag); a snapshot follows."""
        ...


@dataclass(frozen=True, slots=True)
class RejectedChange:
    """A change of a page that the protocol's models refused: its id (when readable) and why, never its values."""

    id: str
    reason: str


@dataclass(frozen=True, slots=True)
class PullSummary:
    """What one pull of a scope did. ``resume_at``: when ``stopped_reason`` is "unavailable", not before this."""

    scope: ChangeScope
    pages: int = 0
    applied: int = 0  # changes newer than what the cache held
    rejected: int = 0  # changes left out: they failed validation
    not_modified: bool = False  # central answered 304 at once
    resynced: bool = False  # the cursor was dropped and a snapshot taken
    stopped_reason: StoppedReason | None = None
    error: str | None = None
    resume_at: dt.datetime | None = None
    unreachable: bool = False  # no connection to central at all: the wait is the kiosk's own (as DrainSummary's)


class _Envelope(BaseModel):
    """A page whose changes are read one by one, when the page as a whole does not validate."""

    model_config = ConfigDict(extra="forbid")

    changes: list[JsonValue] = Field(max_length=MAX_PAGE)
    next_cursor: Cursor
    has_more: bool


def read_page(scope: ChangeScope, body: bytes) -> tuple[ChangePage, list[RejectedChange]] | None:
    """The page of ``scope`` in ``body``, without the changes that do not validate (returned apart); None when
    the page itself (its cursor, its list) cannot be read."""
    model = PAGE_MODELS[scope]
    try:
        return model.model_validate_json(body), []
    except ValidationError:
        pass
    try:
        envelope = _Envelope.model_validate_json(body)
    except ValidationError:
        return None
    kept: list[CatalogueChange | SlotsChange | RequestChange] = []
    rejected: list[RejectedChange] = []
    for raw in envelope.changes:
        try:
            kept.append(_CHANGE_MODELS[scope].model_validate(raw))
        except ValidationError as exc:
            rejected.append(RejectedChange(_change_id(raw), _summary(exc)))
    page = model.model_validate({"changes": kept, "next_cursor": envelope.next_cursor, "has_more": envelope.has_more})
    return page, rejected


def _change_id(raw: Any) -> str:
    identifier = raw.get("id") if isinstance(raw, dict) else None
    return identifier[:120] if isinstance(identifier, str) else "(no id)"


def _summary(exc: ValidationError) -> str:
    errors = exc.errors(include_input=False, include_url=False, include_context=False)
    return "; ".join(f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}" for error in errors)[:1000]


class PullEngine:
    """Pulls scopes from ``source`` into ``store``. ``pull()`` blocks: call it on the network executor."""

    def __init__(
        self,
        store: PullStore,
        source: ChangeSource,
        *,
        page_size: int = MAX_PAGE,
        backoff: Backoff | None = None,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        if not 1 <= page_size <= MAX_PAGE:
            raise ValueError(f"a page holds 1 to {MAX_PAGE} changes")
        self._store = store
        self._source = source
        self._page_size = page_size
        self._backoff = backoff if backoff is not None else Backoff()
        self._clock = clock
        self._lock = threading.Lock()
        self._outage = 0  # pulls ended by central being unavailable since it last answered

    def pull_all(
        self, scopes: Sequence[ChangeScope], should_stop: Callable[[], bool] = lambda: False
    ) -> list[PullSummary]:
        """Pull each scope in turn; central unavailable or the token refused ends the round (the other scopes
        would only meet the same), a scope refused does not."""
        summaries: list[PullSummary] = []
        for scope in scopes:
            if should_stop():
                break
            summary = self.pull(scope, should_stop)
            summaries.append(summary)
            if summary.stopped_reason in ("unavailable", "unauthorized", "stopped"):
                break
        return summaries

    def pull(self, scope: ChangeScope, should_stop: Callable[[], bool] = lambda: False) -> PullSummary:
        """Bring ``scope`` up to date (see the module's docstring). One pull at a time per engine: a second
        caller gets ``stopped_reason="busy"`` at once. An error of the store leaves as it is raised: the page and
        its cursor were not kept, and the next pull asks for the same page."""
        if not self._lock.acquire(blocking=False):
            return PullSummary(scope, stopped_reason="busy")
        try:
            return self._pull(scope, should_stop)
        finally:
            self._lock.release()

    def _pull(self, scope: ChangeScope, should_stop: Callable[[], bool]) -> PullSummary:
        position = self._store.position(scope)
        cursor, etag = position.cursor, position.etag
        limit = self._page_size
        pages = applied = rejected = 0
        resynced = False

        def summary(**stop: Any) -> PullSummary:
            return PullSummary(scope, pages, applied, rejected, resynced=resynced, **stop)

        for _ in range(MAX_PAGES_PER_PULL):
            if should_stop():
                return summary(stopped_reason="stopped")
            try:
                reply = self._source.changes(scope, cursor, etag, limit)
            except CentralUnreachable as exc:
                if str(exc) == _TOO_LARGE and limit > 1:  # the page would not fit: ask for fewer changes
                    limit, etag = max(1, limit // 2), None
                    continue
                error = f"{'no whole answer' if exc.connected else 'unreachable'}: {exc}"
                resume_at = self._resume_at(error, None)
                return summary(
                    stopped_reason="unavailable", error=error, resume_at=resume_at, unreachable=not exc.connected
                )
            status = reply.status
            if status == 304:
                self._outage = 0
                return PullSummary(scope, pages, applied, rejected, not_modified=pages == 0, resynced=resynced)
            if status == 200:
                self._outage = 0
                read = read_page(scope, reply.body)
                if read is None:
                    log.error("central sent a %s page that cannot be read", scope)
                    return summary(stopped_reason="refused", error="200 unreadable page")
                page, left_out = read
                for change in left_out:
                    log.warning("%s change %s left out, it does not validate: %s", scope, change.id, change.reason)
                # The ETag names the request made with ``cursor``: kept only when the next request is the same one.
                kept_etag = reply.etag if not page.has_more and page.next_cursor == cursor else None
                applied += self._store.apply_page(scope, page, kept_etag, snapshot_start=cursor is None)
                pages += 1
                rejected += len(left_out)
                if not page.has_more:
                    return summary()
                if page.next_cursor == cursor:
                    return summary(stopped_reason="refused", error="central sent the same cursor again")
                cursor, etag = page.next_cursor, None
                continue
            if status in (400, 410) and not resynced and cursor is not None:
                code = error_code(reply.body)
                if status == 410 or code == _INVALID_CURSOR:
                    log.warning("central cannot continue the %s scope from our cursor (%s): full snapshot", scope, code)
                    self._store.forget_cursor(scope)
                    cursor, etag, resynced = None, None, True
                    continue
            reason = error_reason(status, reply.body)
            if status == 401:
                log.error("central refused this kiosk's token (%s): pull stopped", reason)
                return summary(stopped_reason="unauthorized", error=reason)
            if central_unavailable(status) or not 400 <= status < 500:
                resume_at = self._resume_at(reason, reply.retry_after, reply.date)
                return summary(stopped_reason="unavailable", error=reason, resume_at=resume_at)
            log.error("central refused the pull of %s: %s", scope, reason)
            return summary(stopped_reason="refused", error=reason)
        return summary(stopped_reason="refused", error=f"more than {MAX_PAGES_PER_PULL} pages")

    def _resume_at(self, error: str, retry_after: str | None, answered_at: str | None = None) -> dt.datetime:
        """Central is unavailable: when to pull again (the outage's backoff, or its Retry-After when longer)."""
        self._outage += 1
        now = self._clock()
        wait = self._backoff.delay(self._outage, retry_after_seconds(retry_after, now, answered_at))
        log.info("pull failed (%s): retry in %.1f s", error, wait)
        return now + dt.timedelta(seconds=wait)

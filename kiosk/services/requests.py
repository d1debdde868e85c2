"""Requests as the views see them: submit a completed wizard, find one by its tracking code, cancel it.

Every call awaits the one DB worker thread. Logs name references and op ids only: never a tracking code (it
opens the request), a name, an e-mail, an answer or a file name.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import re
import secrets
from collections.abc import Callable
from typing import Protocol
from zoneinfo import ZoneInfo

from kiosk.models.dto import (
    CannotCancel,
    OutboxItem,
    RequestDraft,
    RequestNotFound,
    RequestStoreError,
    SubmittedRequest,
    TrackedRequest,
    TrackingCodeTaken,
)
from kiosk.services.executors import DbExecutor
from kiosk.services.tracking import TrackingGuard, new_tracking_code, normalize_code
from sync.clock import utc_now

__all__ = [
    "MAX_CODE_TRIES",
    "CannotCancel",
    "RequestNotFound",
    "RequestService",
    "RequestStore",
    "RequestStoreError",
    "SubmissionFailed",
]

log = logging.getLogger(__name__)

# With 2.6e10 codes a clash is already rare; five in a row means the generator is broken, not unlucky.
MAX_CODE_TRIES = 5
_KIOSK_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


class SubmissionFailed(Exception):  # noqa: N818  (name fixed by the views' contract)
    """The request could not be stored (disk full, I/O error...). Nothing was written: the visitor may retry.

    ``reason`` is for agents and logs and holds no personal data; the visitor gets a message of the view's own.
    """

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class RequestStore(Protocol):
    """What the service needs of ``kiosk.models.request_repository.RequestRepository``.

    Named here so that this module, which the views import for its types, does not pull in SQLAlchemy.
    """

    def submit(
        self,
        draft: RequestDraft,
        tracking_code: str,
        reference_prefix: str,
        year: int,
        now: dt.datetime,
        attach_grant: str | None = None,
    ) -> SubmittedRequest: ...
    def find_by_code(self, code: str) -> TrackedRequest | None: ...
    def cancel(self, code: str, now: dt.datetime) -> TrackedRequest | None: ...
    def attach(self, code: str, grant: str, now: dt.datetime) -> tuple[TrackedRequest, bool] | None: ...
    def outbox(self) -> list[OutboxItem]: ...
    def booked_slot_ids(self) -> frozenset[str]: ...
    def document_content(self, code: str, field_id: str, position: int) -> bytes | None: ...


class RequestService:
    """Async facade over the requests of this kiosk. Call its coroutines from the event loop thread only.

    ``kiosk_id`` prefixes the local references ("borne-1-2026-000042"), whose year is the town's (``zone``): a
    request made at 00:30 on 1 January in Paris is numbered in the new year although it is still the old one in
    UTC. ``rng`` is for tests only (the codes are drawn with ``secrets`` otherwise). While the kiosk's ``guard``
    blocks the tracking field, ``find`` looks nothing up, whatever the view does. ``on_queued`` is called (on the
    event loop's thread) after each op is stored for central, a submit or a cancel: the sync then sends it at once
    rather than at its next tick.
    """

    def __init__(
        self,
        repository: RequestStore,
        db: DbExecutor,
        kiosk_id: str,
        zone: ZoneInfo,
        clock: Callable[[], dt.datetime] = utc_now,
        *,
        rng: secrets.SystemRandom | random.Random | None = None,
        guard: TrackingGuard | None = None,
        on_queued: Callable[[], None] | None = None,
    ) -> None:
        if not _KIOSK_ID.match(kiosk_id):
            raise ValueError(f"kiosk_id {kiosk_id!r} cannot prefix a reference: letters, digits, . _ - only")
        self._repository = repository
        self._db = db
        self._kiosk_id = kiosk_id
        self._zone = zone
        self._clock = clock
        self._rng = rng
        self._guard = guard
        self._on_queued = on_queued

    async def submit(self, draft: RequestDraft, attach_grant: str | None = None) -> SubmittedRequest:
        """Store the request, its files, its history and its outbox op in one transaction; then return it.
        ``attach_grant``: the logged-in citizen's (``VisitorSession.citizen_attach_grant``); the request's
        ``request.attach`` op is then queued with its submit, in the same transaction, online or not.

        Only after this returns may the view say "Votre demande a bien été prise en compte". Submitting the same
        ``client_uuid`` again (a double tap) returns the stored request and writes nothing.
        Raises ``SubmissionFailed``: nothing was written and the wizard keeps its data for a retry.
        """
        now = self._clock()
        year = now.astimezone(self._zone).year
        for _ in range(MAX_CODE_TRIES):
            code = new_tracking_code(self._rng)
            try:
                submitted = await self._db.run(
                    self._repository.submit, draft, code, self._kiosk_id, year, now, attach_grant
                )
            except TrackingCodeTaken:
                log.info("tracking code already used, drawing another")
                continue
            except RequestStoreError as exc:
                log.warning("submission not stored: %s", exc)
                raise SubmissionFailed(str(exc)) from exc
            except OSError as exc:
                # Neither the message nor the chain: an OSError carries a path, which may name the visitor.
                reason = f"{type(exc).__name__} errno={exc.errno}"
                log.warning("submission not stored: %s", reason)
                raise SubmissionFailed(reason) from None
            log.info("request %s stored and queued", submitted.reference)
            self._queued()
            return submitted
        log.error("no free tracking code after %d tries", MAX_CODE_TRIES)
        raise SubmissionFailed(f"no free tracking code after {MAX_CODE_TRIES} tries")

    async def find(self, code_text: str) -> TrackedRequest | None:
        """The request whose code the visitor typed (any case, spaces or dashes), or None for a wrong code.

        Report the outcome to the kiosk's ``TrackingGuard`` (failed on None, succeeded otherwise).
        """
        code = normalize_code(code_text)
        if code is None or (self._guard is not None and self._guard.blocked_for() > 0):
            return None
        return await self._db.run(self._repository.find_by_code, code)

    async def cancel(self, code: str) -> TrackedRequest:
        """Cancel and archive the request and queue the cancellation for central.

        Cancelling twice returns the cancelled request. Raises ``RequestNotFound`` for a code that is malformed
        or matches nothing, ``CannotCancel`` once central has decided, ``RequestStoreError`` when the store
        cannot write (nothing changed).
        """
        normalized = normalize_code(code)
        if normalized is None:
            raise RequestNotFound("no request has this tracking code")
        tracked = await self._db.run(self._repository.cancel, normalized, self._clock())
        if tracked is None:
            raise RequestNotFound("no request has this tracking code")
        log.info("request %s cancelled", tracked.reference)
        self._queued()
        return tracked

    async def attach(self, code: str, grant: str) -> tuple[TrackedRequest, bool]:
        """Queue the attach of this kiosk's request with this code to the personal space of ``grant``; the request
        as it then stands, and whether the op was queued: a request attached already, or whose attach waits to be
        sent (by anyone), writes nothing (False). Raises ``RequestNotFound``, ``RequestStoreError`` (nothing
        written)."""
        normalized = normalize_code(code)
        found = (
            None
            if normalized is None
            else await self._db.run(self._repository.attach, normalized, grant, self._clock())
        )
        if found is None:
            raise RequestNotFound("no request has this tracking code")
        tracked, queued = found
        if queued:
            log.info("request %s: attach to a personal space queued", tracked.reference)
            self._queued()
        return tracked, queued

    def _queued(self) -> None:
        if self._on_queued is None:
            return
        try:
            self._on_queued()
        except Exception:
            # The op is stored: the sync's next tick sends it. The visitor's request must not fail for this.
            log.exception("the sync could not be woken")

    async def outbox(self) -> list[OutboxItem]:
        """The operations not yet sent to central, oldest first."""
        return await self._db.run(self._repository.outbox)

    async def booked_slot_ids(self) -> frozenset[str]:
        """The slots already held by requests of this kiosk (for ``SlotService``), cancelled ones excepted."""
        return await self._db.run(self._repository.booked_slot_ids)

    async def document_content(self, code: str, field_id: str, position: int) -> bytes | None:
        """The bytes of one file of the request with this code (for the in-app viewer), or None."""
        normalized = normalize_code(code)
        if normalized is None:
            return None
        return await self._db.run(self._repository.document_content, normalized, field_id, position)

"""What the kiosk keeps of central's change feed (``sync.pull.PullStore``): the catalogue, the opening hours and
the status and history of its own requests, each page with its cursor in ONE transaction.

Applying is idempotent: ``sync_entity`` holds the newest version central sent of each entity (tombstones too),
and only a higher version changes anything, so a page applied twice, or an older change after a newer one, leaves
the cache as it was. Ordering is central's version and cursor only; the kiosk's clock merely dates rows.

A full snapshot (a first pull, or after a 410) spans pages: its first page starts a new ``generation``, every
entity it names is stamped with it, and its last page removes, in the same transaction, the catalogue entries and
opening hours it did not name (an entity deleted while the kiosk's cursor was too old to see the tombstone).
The requests are the kiosk's own records: a snapshot never removes one.

A procedure is stored under the catalogue loader's rules (``kiosk.models.repositories.store_procedure``): one that
cannot be (unknown domain, a revision already stored with another definition) is logged and left out, the rest of
the page applied. A withdrawn procedure leaves the catalogue; its revisions stay, for the requests that pin them.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from typing import Final

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.models.repositories import keep_revision, store_procedure
from kiosk.models.request_repository import op_waiting, store_errors
from kiosk.models.tables import CatalogueState, OpeningHoursRow, Outbox, Request, SyncEntity, SyncState
from kiosk.models.tables import Domain as DomainRow
from kiosk.models.tables import Procedure as ProcedureRow
from kiosk.models.tables import ProcedureRevision as RevisionRow
from kiosk.models.tables import RequestEvent as EventRow
from sync.catalogue import Domain, Procedure
from sync.clock import utc_now
from sync.protocol import (
    OPENING_HOURS_ID,
    CatalogueChange,
    CatalogueDomain,
    ChangePage,
    ChangeScope,
    OpeningHours,
    RequestChange,
    RequestEventData,
    SlotsChange,
)
from sync.pull import PullPosition

__all__ = ["CENTRAL_SOURCE", "PullRepository", "kiosk_event_code"]

log = logging.getLogger(__name__)

CENTRAL_SOURCE: Final = "central"  # catalogue_state.source once the catalogue comes from central
_DOMAIN: Final = "domain/"
_PROCEDURE: Final = "procedure/"
# Central's event codes that the kiosk words differently: central's "submitted" is the kiosk's "received by the
# town hall" (the kiosk wrote its own "submitted"), its "cancelled" answers the kiosk's cancel op.
_EVENT_CODES: Final = {"submitted": "received", "cancelled": "cancel_sent"}

Change = CatalogueChange | SlotsChange | RequestChange


class PullRepository:
    """Implements ``sync.pull.PullStore`` on the kiosk's cache; one transaction per call, on the DB worker.
    ``clock`` only dates rows (``sync_state.updated``, a revision's ``loaded_at``): a kiosk ten years off
    applies the same pages to the same effect."""

    def __init__(self, session_factory: sessionmaker[Session], clock: Callable[[], dt.datetime] = utc_now) -> None:
        self._sessions = session_factory
        self._clock = clock

    def position(self, scope: ChangeScope) -> PullPosition:
        with store_errors(), self._sessions.begin() as session:
            state = session.get(SyncState, scope)
            return PullPosition(None, None) if state is None else PullPosition(state.cursor, state.etag)

    def forget_cursor(self, scope: ChangeScope) -> None:
        with store_errors(), self._sessions.begin() as session:
            state = _state(session, scope, self._clock())
            state.cursor, state.etag, state.snapshotting = None, None, False

    def apply_page(self, scope: ChangeScope, page: ChangePage, etag: str | None, *, snapshot_start: bool) -> int:
        now = self._clock()
        applied = 0
        with store_errors(), self._sessions.begin() as session:
            state = _state(session, scope, now)
            if snapshot_start:
                state.generation += 1
                state.snapshotting = True
            for change in page.changes:
                held = session.get(SyncEntity, (scope, change.id))
                if held is not None and change.version <= held.version:
                    held.generation = state.generation  # named by this snapshot (if one is under way): kept
                    continue
                if not _apply(session, scope, change, now):
                    continue
                if held is None:
                    held = SyncEntity(scope=scope, entity_id=change.id)
                    session.add(held)
                held.version, held.deleted, held.generation = change.version, change.deleted, state.generation
                applied += 1
            session.flush()
            if state.snapshotting and not page.has_more:
                _sweep(session, scope, state.generation)
                state.snapshotting = False
            if scope == "catalogue" and (applied or snapshot_start):
                _mark_catalogue_from_central(session, now)
            state.cursor, state.etag, state.updated = page.next_cursor, etag, now
        return applied

    def opening_hours(self) -> OpeningHours | None:
        """The opening hours central sent, or None before any (the kiosk then reads its TOML file)."""
        with store_errors(), self._sessions.begin() as session:
            hours_json = session.scalar(select(OpeningHoursRow.hours_json).where(OpeningHoursRow.id == 1))
        return None if hours_json is None else OpeningHours.model_validate_json(hours_json)


def _state(session: Session, scope: str, now: dt.datetime) -> SyncState:
    state = session.get(SyncState, scope)
    if state is None:
        state = SyncState(scope=scope, cursor=None, etag=None, generation=0, snapshotting=False, updated=now)
        session.add(state)
        session.flush()
    return state


def _apply(session: Session, scope: ChangeScope, change: Change, now: dt.datetime) -> bool:
    """Apply one change newer than what is held; False when it is left out (logged)."""
    if isinstance(change, CatalogueChange):
        return _apply_catalogue(session, change, now)
    if isinstance(change, SlotsChange):
        return _apply_slots(session, change, now)
    return _apply_request(session, change)


def _apply_catalogue(session: Session, change: CatalogueChange, now: dt.datetime) -> bool:
    item = change.data
    if change.id.startswith(_DOMAIN):
        slug = change.id.removeprefix(_DOMAIN)
        if item is None:
            _remove_domain(session, slug)
            return True
        if isinstance(item, CatalogueDomain) and item.domain.slug == slug:
            if _upsert_domain(session, item.domain):
                _offer_waiting_procedures(session, slug, now)
            return True
    elif change.id.startswith(_PROCEDURE):
        slug = change.id.removeprefix(_PROCEDURE)
        if item is None:
            # Withdrawn: out of the catalogue; its revisions stay for the requests that pinned them.
            session.execute(delete(ProcedureRow).where(ProcedureRow.slug == slug))
            return True
        if not isinstance(item, CatalogueDomain) and item.procedure.slug == slug:
            procedure = item.procedure
            if session.get(DomainRow, procedure.domain) is None:
                # A snapshot lists entities in the order of their last change: a domain changed after its
                # procedures comes after them. Keep the revision; the domain's arrival offers it.
                reason = keep_revision(session, procedure, now)
                session.execute(delete(ProcedureRow).where(ProcedureRow.slug == slug))
            else:
                reason = store_procedure(session, procedure, now)
            if reason is None:
                return True
            log.warning("catalogue change %s left out: %s", change.id, reason)
            return False
    log.warning("catalogue change %s left out: its id does not name its content", change.id)
    return False


def _upsert_domain(session: Session, domain: Domain) -> bool:
    """Store ``domain``; whether it is new here."""
    row = session.get(DomainRow, domain.slug)
    new = row is None
    if row is None:
        # Central sends a domain only when it changes: a new one goes after those held, as in the loaded file.
        last = session.scalar(select(func.max(DomainRow.position)))
        row = DomainRow(slug=domain.slug, position=0 if last is None else last + 1)
        session.add(row)
    row.icon = domain.icon
    row.title_fr = domain.title.fr
    row.title_en = domain.title.en
    row.definition_json = domain.model_dump_json()
    session.flush()
    return new


def _offer_waiting_procedures(session: Session, domain_slug: str, now: dt.datetime) -> None:
    """Offer the procedures of ``domain_slug`` that central sent before it (or that its tombstone took away):
    each at the newest revision kept, central's live one (central never publishes an older revision)."""
    offered = set(session.scalars(select(ProcedureRow.slug)))
    live = select(SyncEntity.entity_id).where(
        SyncEntity.scope == "catalogue", SyncEntity.entity_id.startswith(_PROCEDURE), SyncEntity.deleted.is_(False)
    )
    for entity_id in session.scalars(live).all():
        slug = entity_id.removeprefix(_PROCEDURE)
        if slug in offered:
            continue
        newest = session.scalar(
            select(RevisionRow.definition_json)
            .where(RevisionRow.slug == slug)
            .order_by(RevisionRow.revision.desc())
            .limit(1)
        )
        procedure = None if newest is None else Procedure.model_validate_json(newest)
        if procedure is not None and procedure.domain == domain_slug:
            reason = store_procedure(session, procedure, now)
            if reason is not None:
                log.warning("catalogue change %s left out: %s", entity_id, reason)


def _remove_domain(session: Session, slug: str) -> None:
    # Its procedures cannot be offered without it (the loader refuses them too); their revisions stay.
    session.execute(delete(ProcedureRow).where(ProcedureRow.domain_slug == slug))
    session.execute(delete(DomainRow).where(DomainRow.slug == slug))


def _apply_slots(session: Session, change: SlotsChange, now: dt.datetime) -> bool:
    if change.id != OPENING_HOURS_ID:
        log.warning("slots change %s left out: not the opening hours", change.id)
        return False
    row = session.get(OpeningHoursRow, 1)
    if change.data is None:
        if row is not None:
            session.delete(row)
        return True
    if row is None:
        session.add(OpeningHoursRow(id=1, hours_json=change.data.model_dump_json(), updated=now))
    else:
        row.hours_json, row.updated = change.data.model_dump_json(), now
    return True


def _apply_request(session: Session, change: RequestChange) -> bool:
    """Central's number, status, appointment and history of a request made here. A request this cache does not
    hold (made with a cache since replaced) or a tombstone changes nothing here."""
    update_ = change.data
    row = session.scalar(select(Request).where(Request.client_uuid == change.id))
    if row is None or update_ is None:
        return True
    row.number = str(update_.number)
    # An op of this request not yet sent (a cancel) is news central has not heard: its status would be stale.
    waiting = exists().where(Outbox.request_id == row.id, op_waiting())
    if not session.scalar(select(waiting)):
        row.status = update_.status
    appointment = update_.appointment
    row.appointment_json = (
        None
        if appointment is None
        else json.dumps(
            {
                "id": appointment.id,
                "starts_at": appointment.starts_at.isoformat(),
                "ends_at": appointment.ends_at.isoformat(),
                "place": appointment.place,
            },
            ensure_ascii=False,
        )
    )
    copied = set(
        session.scalars(
            select(EventRow.central_position).where(
                EventRow.request_id == row.id, EventRow.central_position.is_not(None)
            )
        )
    )
    session.add_all(
        _event_row(row.id, position, event) for position, event in enumerate(update_.history) if position not in copied
    )
    return True


def kiosk_event_code(event: RequestEventData) -> str:
    """The kiosk's code for an event of central: a status change is named by its status ("accepted")."""
    code = event.status if event.code == "status_changed" and event.status is not None else event.code
    return _EVENT_CODES.get(code, code)


def _event_row(request_id: int, position: int, event: RequestEventData) -> EventRow:
    # No text: a message of the town hall may hold personal data, and the cache keeps none once central has the
    # request; the follow-up reads it from central when online.
    return EventRow(
        request_id=request_id,
        kind=event.kind,
        code=kiosk_event_code(event),
        at=event.at,
        detail="",
        central_position=position,
    )


def _sweep(session: Session, scope: str, generation: int) -> None:
    """The end of a snapshot: remove what it did not name, and forget the versions of what is gone."""
    named = select(SyncEntity.entity_id).where(
        SyncEntity.scope == scope, SyncEntity.generation == generation, SyncEntity.deleted.is_(False)
    )
    live = set(session.scalars(named))
    if scope == "catalogue":
        for slug in session.scalars(select(ProcedureRow.slug)).all():
            if _PROCEDURE + slug not in live:
                session.execute(delete(ProcedureRow).where(ProcedureRow.slug == slug))
        for slug in session.scalars(select(DomainRow.slug)).all():
            if _DOMAIN + slug not in live:
                _remove_domain(session, slug)
    elif scope == "slots" and OPENING_HOURS_ID not in live:
        session.execute(delete(OpeningHoursRow))
    session.execute(delete(SyncEntity).where(SyncEntity.scope == scope, SyncEntity.generation != generation))


def _mark_catalogue_from_central(session: Session, now: dt.datetime) -> None:
    state = session.get(CatalogueState, 1)
    if state is None:
        session.add(CatalogueState(id=1, source=CENTRAL_SOURCE, loaded_at=now))
    else:
        state.source, state.loaded_at = CENTRAL_SOURCE, now

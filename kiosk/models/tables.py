"""Typed ORM of the local cache. Definitions are stored as the pydantic JSON they were validated from."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.models.base import Base

SLUG_LENGTH = 80


class UtcDateTime(TypeDecorator[dt.datetime]):
    """An aware UTC datetime. SQLite has no time zones, so it is stored naive in UTC and made aware on read."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware datetime")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Domain(Base):
    """A métier. ``position`` keeps the order of the domains file."""

    __tablename__ = "domain"

    slug: Mapped[str] = mapped_column(String(SLUG_LENGTH), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    icon: Mapped[str] = mapped_column(String(SLUG_LENGTH))
    title_fr: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str | None] = mapped_column(Text)
    definition_json: Mapped[str] = mapped_column(Text)


class Procedure(Base):
    """The current revision of each procedure in the catalogue."""

    __tablename__ = "procedure"

    slug: Mapped[str] = mapped_column(String(SLUG_LENGTH), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    domain_slug: Mapped[str] = mapped_column(
        String(SLUG_LENGTH), ForeignKey("domain.slug", ondelete="RESTRICT"), index=True
    )
    title_fr: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str | None] = mapped_column(Text)
    definition_json: Mapped[str] = mapped_column(Text)
    # When this revision became the current one.
    loaded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class ProcedureRevision(Base):
    """Every revision ever loaded, immutable: a request pins one and must still be shown after it changes.

    No foreign key to ``procedure``: a revision outlives the procedure's removal from the catalogue.
    """

    __tablename__ = "procedure_revision"

    slug: Mapped[str] = mapped_column(String(SLUG_LENGTH), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    definition_json: Mapped[str] = mapped_column(Text)
    loaded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class CatalogueState(Base):
    """Where the current catalogue came from and when: a single row (``id`` is always 1)."""

    __tablename__ = "catalogue_state"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(Text)
    loaded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


# --- Requests ---------------------------------------------------------------------------------------------------

# The statuses and event kinds are repeated here rather than imported from dto so that a change to the DTO tuple
# cannot silently diverge from the CHECK constraints the migration wrote; a unit test ties them together.
_STATUSES = ("draft", "submitted", "in_progress", "awaiting_you", "accepted", "refused", "cancelled", "closed")
_EVENT_KINDS = ("operation", "document", "exchange", "appointment")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Request(Base):
    """A request (démarche) submitted at this kiosk. Its data is keyed by field id, as JSON.

    The composite foreign key pins the exact definition it was filled against: revisions are never deleted.
    """

    __tablename__ = "request"
    __table_args__ = (
        ForeignKeyConstraint(
            ["procedure_slug", "procedure_revision"],
            ["procedure_revision.slug", "procedure_revision.revision"],
            ondelete="RESTRICT",
        ),
        CheckConstraint(_one_of("status", _STATUSES), name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    reference: Mapped[str] = mapped_column(String(60), unique=True)
    # HMAC-SHA256 of the tracking code with the kiosk's key (kiosk.models.tracking_key): the code opens the request,
    # so the cache never holds it in clear; only the unsent submit op's payload carries it, for central.
    tracking_code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    procedure_slug: Mapped[str] = mapped_column(String(SLUG_LENGTH))
    procedure_revision: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    archived: Mapped[bool] = mapped_column(Boolean)
    answers_json: Mapped[str] = mapped_column(Text)
    requester_json: Mapped[str] = mapped_column(Text)
    appointment_json: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    # The town's number ("2026-000042"), from central's answer to the submit op; None until then.
    number: Mapped[str | None] = mapped_column(String(20))


class RequestDocument(Base):
    """One file of a piece. The bytes are already validated and re-encoded; sha256 is of these bytes."""

    __tablename__ = "request_document"
    __table_args__ = (
        UniqueConstraint("request_id", "field_id", "position"),
        CheckConstraint("position BETWEEN 1 AND 4", name="position"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The unique constraint starts with request_id, so it serves the lookups by request: no separate index.
    request_id: Mapped[int] = mapped_column(Integer, ForeignKey("request.id", ondelete="CASCADE"))
    field_id: Mapped[str] = mapped_column(String(60))
    position: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class RequestEvent(Base):
    """The history of a request, append-only: rows are inserted, never updated. Oldest first is id order."""

    __tablename__ = "request_event"
    __table_args__ = (
        CheckConstraint(_one_of("kind", _EVENT_KINDS), name="kind"),
        Index("uq_request_event_central_position", "request_id", "central_position", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(Integer, ForeignKey("request.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    code: Mapped[str] = mapped_column(String(40))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    # Never personal data: a field id, a slot time, an op id.
    detail: Mapped[str] = mapped_column(Text)
    # The event's place in central's history of the request; None for the events this kiosk wrote itself.
    central_position: Mapped[int | None] = mapped_column(Integer)


class Outbox(Base):
    """Operations to push to central, written in the same transaction as their effect.

    ``op_id`` is the Idempotency-Key: made once with the row and never regenerated, so a resend after a crash
    or a lost answer is recognised by central as a replay. Order of sending is ``id`` order, never the clock.
    RESTRICT, not CASCADE: a request with unsent operations must not vanish with them.

    ``kind`` is free text (no CHECK list): the push engine refuses a kind it cannot encode as a dead letter, and
    a kind added later needs no table rebuild. An op ends sent (``sent_at``, central's ``answer_json``) or dead
    (``dead_at``, ``dead_reason``: central refused it), never both; until then ``next_attempt_at`` (None: now)
    schedules its next try.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint("attempts >= 0", name="attempts"),
        CheckConstraint("sent_at IS NULL OR dead_at IS NULL", name="settled_once"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    request_id: Mapped[int] = mapped_column(Integer, ForeignKey("request.id", ondelete="RESTRICT"), index=True)
    payload_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    dead_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    dead_reason: Mapped[str | None] = mapped_column(Text)
    # The last try got no answer at all: its wait is the kiosk's own, which the network coming back cancels.
    unreachable: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    answer_json: Mapped[str | None] = mapped_column(Text)


class Counter(Base):
    """Named sequences, incremented inside the transaction that uses the value (so a rollback gives it back)."""

    __tablename__ = "counter"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class SavedGuard(Base):
    """A code guard's recent wrong codes and block (``kiosk.services.tracking.TrackingGuard``), so that a restart
    (or a crash) does not give a guesser a fresh allowance: one row per guard, by name ("tracking" for the tracking
    codes, "agent" for the agents' code). Times are seconds since the epoch (UTC)."""

    __tablename__ = "guard_state"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    failures_json: Mapped[str] = mapped_column(Text)
    blocked_until: Mapped[float | None] = mapped_column(Float)


# --- Pulled from central ----------------------------------------------------------------------------------------


class SyncState(Base):
    """Per scope, central's opaque cursor and the ETag of the last page, written with the page they follow.
    ``generation`` counts full snapshots; ``snapshotting`` is set while one (which spans pages) is under way."""

    __tablename__ = "sync_state"

    scope: Mapped[str] = mapped_column(String(20), primary_key=True)
    cursor: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    generation: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    snapshotting: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))
    # The kiosk's clock, for people reading the cache: never used to order anything.
    updated: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class SyncEntity(Base):
    """The newest version central sent of an entity, tombstones included (an older change never wins), and the
    snapshot generation that last saw it (what a snapshot did not send is removed at its end)."""

    __tablename__ = "sync_entity"

    scope: Mapped[str] = mapped_column(String(20), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    deleted: Mapped[bool] = mapped_column(Boolean)
    generation: Mapped[int] = mapped_column(Integer)


class OpeningHoursRow(Base):
    """The counter's opening hours as central sent them (sync.protocol.OpeningHours JSON): a single row."""

    __tablename__ = "opening_hours"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    hours_json: Mapped[str] = mapped_column(Text)
    updated: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class LeasedCode(Base):
    """A tracking code central leased to this kiosk, not used yet: in clear, because the kiosk prints it on the
    receipt of the request that takes it. The row is deleted in the transaction that gives it to a request."""

    __tablename__ = "leased_code"

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    leased_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())

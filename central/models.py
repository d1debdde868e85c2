"""Typed ORM of central's database: the kiosks, the ops they pushed, the requests, their history, the counters.

Personal data (answers, requester) is stored as the JSON the kiosk sent; tracking codes only as keyed digests.
The status and event-kind sets are written out here and in the migration on purpose: a migration records the
schema as it was, and a unit test ties these tuples to the protocol's.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names: later migrations (and SQLite's batch rebuilds) find constraints by name.
NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

STATUSES = ("draft", "submitted", "in_progress", "awaiting_you", "accepted", "refused", "cancelled", "closed")
EVENT_KINDS = ("operation", "document", "exchange", "appointment")
CHANGE_SCOPES = ("catalogue", "slots", "requests")
KIOSK_NAME_LENGTH = 40


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """An aware UTC datetime: ``timestamptz`` on PostgreSQL; on SQLite, which has no zones, naive UTC text."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware datetime")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Kiosk(Base):
    """A registered kiosk. Only the SHA-256 of its device token is kept: the token is 32 random bytes, so a
    plain hash cannot be reversed, and a stolen database does not let anyone act as the kiosk."""

    __tablename__ = "kiosk"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(KIOSK_NAME_LENGTH), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


class Operation(Base):
    """An op a kiosk pushed, and the answer central gave. The UNIQUE (kiosk, op) is permanent: it is what makes a
    late or concurrent resend a replay and never a second effect. ``response_json`` may be pruned one day, the
    row never. Written in the same transaction as the op's effect."""

    __tablename__ = "operation"
    __table_args__ = (UniqueConstraint("kiosk_id", "op_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kiosk_id: Mapped[int] = mapped_column(Integer, ForeignKey("kiosk.id", ondelete="RESTRICT"))
    op_id: Mapped[uuid.UUID] = mapped_column(Uuid())
    kind: Mapped[str] = mapped_column(String(40))
    # SHA-256 of the op's canonical JSON (sync.protocol.fingerprint): the same key must carry the same op.
    fingerprint: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    response_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class Counter(Base):
    """Named sequences ("request.number.2026"). Incremented by an upsert that locks the row until the transaction
    ends, so concurrent workers take turns and a rolled-back request gives its number back: no gaps, no twins."""

    __tablename__ = "counter"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class Request(Base):
    """A request as central holds it. ``client_ref`` is the UUID the kiosk made (upsert key: a resend with a new op
    id still finds it); ``number`` is the town's ("2026-000042"), assigned on arrival."""

    __tablename__ = "request"
    __table_args__ = (
        CheckConstraint(_one_of("status", STATUSES), name="status"),
        # A citizen's requests (the dashboard) and their count per procedure and period (the quotas).
        Index("ix_request_account_slug", "account_id", "procedure_slug", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_ref: Mapped[uuid.UUID] = mapped_column(Uuid(), unique=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    kiosk_id: Mapped[int] = mapped_column(Integer, ForeignKey("kiosk.id", ondelete="RESTRICT"), index=True)
    local_reference: Mapped[str] = mapped_column(String(60))
    procedure_slug: Mapped[str] = mapped_column(String(80))
    procedure_revision: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    answers_json: Mapped[str] = mapped_column(Text)
    requester_json: Mapped[str] = mapped_column(Text)
    appointment_json: Mapped[str | None] = mapped_column(Text)
    documents_json: Mapped[str] = mapped_column(Text)
    # HMAC-SHA256 of the code with the town's secret (central.codes): not unique, since a kiosk offline draws its
    # codes at random and a rare clash is resolved at look-up.
    tracking_code_digest: Mapped[str] = mapped_column(String(64), index=True)
    submitted_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())  # the kiosk's clock: shown, never ordered by
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())  # arrival on central
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    # The personal space the request is attached to (``central.citizen_requests``), if any.
    account_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("account.id", ondelete="SET NULL"))
    # The newest exchange event the citizen opened: the later ones are their unread messages.
    read_upto_event_id: Mapped[int | None] = mapped_column(Integer)


class RequestEvent(Base):
    """The history of a request, append-only: rows are inserted, never updated. Oldest first is id order.
    ``status`` is the status the event left the request in, for a status change; ``text`` an agent's comment or
    message to the requester."""

    __tablename__ = "request_event"
    __table_args__ = (CheckConstraint(_one_of("kind", EVENT_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(Integer, ForeignKey("request.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    code: Mapped[str] = mapped_column(String(40))
    status: Mapped[str | None] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class ProcedureRevision(Base):
    """Every revision of a procedure ever loaded, never overwritten: a request pins the revision it was filled
    against. ``content_json`` is the validated procedure as canonical JSON, ``content_sha256`` its digest."""

    __tablename__ = "procedure_revision"
    __table_args__ = (UniqueConstraint("slug", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80))
    revision: Mapped[int] = mapped_column(Integer)
    content_json: Mapped[str] = mapped_column(Text)
    content_sha256: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class LiveProcedure(Base):
    """A procedure central offers: its live (newest) revision, or withdrawn. Kept when withdrawn, so that
    reloading the same files does not bring a withdrawn procedure back; only a new revision does."""

    __tablename__ = "procedure"

    slug: Mapped[str] = mapped_column(String(80), primary_key=True)
    live_revision: Mapped[int] = mapped_column(Integer)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class SyncEntry(Base):
    """The newest state of each entity the kiosks pull, stamped with the sequence number of its last change in
    its scope. ``seq`` comes from the scope's counter row, taken in the writing transaction and held until it
    commits, so sequence order is commit order (a reader never sees seq n+1 before n). A deletion keeps the row
    as a tombstone (``deleted``, no data) until ``central changes prune``. ``kiosk_id`` limits an entry of the
    requests scope to the kiosk the request was made at. For domains and the opening hours, the entry is the
    state itself."""

    __tablename__ = "sync_entry"
    __table_args__ = (
        UniqueConstraint("scope", "entity_id"),
        UniqueConstraint("scope", "seq", name="uq_sync_entry_scope_seq"),
        CheckConstraint(_one_of("scope", CHANGE_SCOPES), name="scope"),
        CheckConstraint("deleted = (data_json IS NULL)", name="tombstone"),
        Index("ix_sync_entry_kiosk_seq", "kiosk_id", "seq"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[str] = mapped_column(String(120))
    kiosk_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("kiosk.id", ondelete="RESTRICT"))
    seq: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    deleted: Mapped[bool] = mapped_column(Boolean)
    data_json: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class Mail(Base):
    """A mail to send, queued in the transaction that made its reason (the outbox pattern): a rollback takes it
    away with the request, a crash after commit leaves it for the sender. ``sent_at`` is set once the transport
    took it; ``claimed_until`` lets one sender at a time take it; ``next_attempt_at`` spaces the retries.
    ``last_error`` is the transport's error class and code, never an address. The bodies hold the tracking code in
    clear, so they are emptied once the mail is sent: the database keeps codes as digests only."""

    __tablename__ = "mail"
    __table_args__ = (
        UniqueConstraint("request_id", "kind"),
        UniqueConstraint("message_id"),
        Index("ix_mail_pending", "sent_at", "next_attempt_at"),
        # The spacing of an account's mails (central.accounts): the latest of a kind to an address, without a scan.
        Index("ix_mail_recipient", "recipient", "kind", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # None for a mail about a citizen's account (central.account_mail), which belongs to no request.
    request_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("request.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    message_id: Mapped[str] = mapped_column(String(200))
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    attempts: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    claimed_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    last_error: Mapped[str | None] = mapped_column(String(200))
    sent_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    failed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())  # refused for good, or too many tries


class Blob(Base):
    """A file a kiosk uploaded by content hash (``central.blobs``): its bytes are a file of the blobs folder named
    by ``sha256``; this row says it is complete and verified. A request's documents reference it (below), which
    keeps ``central blobs prune`` from deleting it."""

    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class RequestDocument(Base):
    """A file of a request, linked to its blob: the foreign key makes a submit and a prune of the same blob
    exclusive (the submit's insert locks the blob row; the prune's delete cannot remove a referenced one)."""

    __tablename__ = "request_document"
    __table_args__ = (UniqueConstraint("request_id", "field_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(Integer, ForeignKey("request.id", ondelete="CASCADE"))
    field_id: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), ForeignKey("blob.sha256", ondelete="RESTRICT"), index=True)


class TrackingCodeLease(Base):
    """A tracking code central drew and leased to a kiosk (``central.codes``), by its keyed digest: the kiosk got
    the clear code once. ``used_at`` is set when a request arrives with it (from that kiosk or, after a rare
    offline clash, another)."""

    __tablename__ = "tracking_code_lease"
    __table_args__ = (Index("ix_tracking_code_lease_unused", "kiosk_id", "used_at"),)

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    kiosk_id: Mapped[int] = mapped_column(Integer, ForeignKey("kiosk.id", ondelete="RESTRICT"))
    leased_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


class LookupAttempt(Base):
    """A code look-up let through, counted in the database so that every worker shares the rate limits
    (``central.lookup``): by kiosk, and by code digest across kiosks."""

    __tablename__ = "lookup_attempt"
    __table_args__ = (
        Index("ix_lookup_attempt_kiosk", "kiosk_id", "at"),
        Index("ix_lookup_attempt_code", "code_digest", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kiosk_id: Mapped[int] = mapped_column(Integer, ForeignKey("kiosk.id", ondelete="CASCADE"))
    code_digest: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), index=True)


class AppointmentBooking(Base):
    """The slot a request holds at a counter. UNIQUE (start, counter): the first request to book a slot keeps it,
    whichever kiosk it came from and however long it was offline. ``counter`` is the place of the slot."""

    __tablename__ = "appointment_booking"
    __table_args__ = (UniqueConstraint("starts_at", "counter"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(Integer, ForeignKey("request.id", ondelete="CASCADE"), unique=True)
    starts_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    counter: Mapped[str] = mapped_column(String(200))


ACCOUNT_STATES = ("pending", "active")
ACCOUNT_LINK_PURPOSES = ("finalise", "reset")


class Account(Base):
    """A citizen's personal space (``central.accounts``). ``email_key`` is the address normalised (trimmed, case
    folded): UNIQUE on it makes two registrations of one address at once a single account. ``pending`` until the
    citizen set a password and accepted to share their data through the mailed link; ``password_hash`` is argon2id.
    ``shared`` lists what the citizen agreed the portal receives, as they saw it, with ``shared_at``."""

    __tablename__ = "account"
    __table_args__ = (CheckConstraint(_one_of("state", ACCOUNT_STATES), name="state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    email_key: Mapped[str] = mapped_column(String(254), unique=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    shared: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    shared_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    password_changed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    # « Je modifie mon espace »: ``sync.personal_space.ProfileDetails`` as JSON; None until first saved.
    profile_json: Mapped[str | None] = mapped_column(Text)


class Family(Base):
    """A family central holds, found by its clé enfance: the keyed digest of the key (``central.codes``' secret), its
    last group in clear to show, the members (``sync.personal_space.FamilyMember`` JSON). A key is personal: linked
    to one account at most (UNIQUE ``account_id``; a second account is refused). Loaded by the town, or made when an
    agent accepts the « Ma famille » procedure of an account."""

    __tablename__ = "family"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_digest: Mapped[str] = mapped_column(String(64), unique=True)
    key_hint: Mapped[str] = mapped_column(String(20))
    members_json: Mapped[str] = mapped_column(Text)
    account_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("account.id", ondelete="SET NULL"), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    linked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


class AttachGrant(Base):
    """The attach grant of a log-in (``sync.protocol.AttachBody``), by its SHA-256: lets the kiosk's outbox attach
    requests made at the log-in's kiosk to this account until ``expires_at`` (or a password reset), and nothing
    else."""

    __tablename__ = "attach_grant"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer, ForeignKey("account.id", ondelete="CASCADE"), index=True)
    # The kiosk of the log-in: only its outbox attaches with the grant (the requests it made there, offline).
    kiosk_id: Mapped[int] = mapped_column(Integer, ForeignKey("kiosk.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), index=True)


class ChildKeyAttempt(Base):
    """A wrong clé enfance typed by a logged-in citizen, counted so that keys cannot be guessed one after another."""

    __tablename__ = "child_key_attempt"
    __table_args__ = (Index("ix_child_key_attempt_account", "account_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer, ForeignKey("account.id", ondelete="CASCADE"))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class AccountLink(Base):
    """A link mailed to a citizen (finalise the registration, reset the password), by the SHA-256 of its random
    token: the clear token is only in the mail. Single use: ``used_at`` is set when its purpose is done."""

    __tablename__ = "account_link"
    __table_args__ = (CheckConstraint(_one_of("purpose", ACCOUNT_LINK_PURPOSES), name="purpose"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer, ForeignKey("account.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


class CitizenSession(Base):
    """A citizen logged in at a kiosk: the SHA-256 of the short-lived access token the kiosk holds in memory. Valid
    until ``expires_at``, at that kiosk only, unless ``revoked_at`` (log-out, password reset)."""

    __tablename__ = "citizen_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer, ForeignKey("account.id", ondelete="CASCADE"), index=True)
    kiosk_id: Mapped[int] = mapped_column(Integer, ForeignKey("kiosk.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


class LoginAttempt(Base):
    """A log-in attempt let through and not (yet) successful, counted in the database so that every worker shares
    the limits (``central.accounts``): by kiosk, and by the keyed digest of the e-mail (no address in clear)."""

    __tablename__ = "login_attempt"
    __table_args__ = (
        Index("ix_login_attempt_kiosk", "kiosk_id", "at"),
        Index("ix_login_attempt_email", "email_digest", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kiosk_id: Mapped[int] = mapped_column(Integer, ForeignKey("kiosk.id", ondelete="CASCADE"))
    email_digest: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), index=True)


DEVICE_AUTHORIZATION_STATES = ("pending", "approved", "denied", "issued")


class DeviceAuthorization(Base):
    """A log-in from the phone asked by a kiosk (``central.device_login``, RFC 8628). The device code (the kiosk's,
    32 random bytes) is kept as its SHA-256, the user code (shown, 8 letters) as its keyed digest. ``pending`` until
    the citizen approves (``approved``, then ``issued`` once the kiosk took its access token) or refuses
    (``denied``). ``account_id``, ``approval_hash`` and ``logged_in_at`` are set when a citizen logs in on the
    phone: the approval form carries the clear approval token. ``interval_s`` grows by 5 s at each ``slow_down``."""

    __tablename__ = "device_authorization"
    __table_args__ = (CheckConstraint(_one_of("state", DEVICE_AUTHORIZATION_STATES), name="state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kiosk_id: Mapped[int] = mapped_column(Integer, ForeignKey("kiosk.id", ondelete="CASCADE"), index=True)
    device_code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_code_digest: Mapped[str] = mapped_column(String(64), unique=True)
    state: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), index=True)
    interval_s: Mapped[int] = mapped_column(Integer)
    polled_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    account_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("account.id", ondelete="CASCADE"))
    approval_hash: Mapped[str | None] = mapped_column(String(64))
    logged_in_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    decided_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())

"""Frozen data the views receive. Never a Session or an ORM object."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeAlias

from sync.catalogue import LocalizedText, Procedure, Quota
from sync.catalogue_files import CatalogueError


@dataclass(frozen=True, slots=True)
class DomainSummary:
    """A métier tile under "Nouvelle démarche"."""

    slug: str
    title: LocalizedText
    icon: str
    description: LocalizedText | None
    procedure_count: int


@dataclass(frozen=True, slots=True)
class ProcedureSummary:
    """A procedure tile, or a search result."""

    slug: str
    revision: int
    domain: str
    domain_title: LocalizedText
    title: LocalizedText
    description: LocalizedText
    keywords: tuple[str, ...]
    requires_personal_space: bool
    quota: Quota | None
    appointment: str
    estimated_minutes: int
    has_attachments: bool


@dataclass(frozen=True, slots=True)
class ProcedureDetail:
    """Everything "La démarche" shows, and the definition the wizard fills (pinned at its revision)."""

    summary: ProcedureSummary
    definition: Procedure


@dataclass(frozen=True, slots=True)
class CatalogueInfo:
    """Where the cached catalogue came from (a directory, or central) and when it was stored (aware, UTC)."""

    source: str
    loaded_at: dt.datetime


@dataclass(frozen=True, slots=True)
class CatalogueLoadReport:
    """The outcome of loading a catalogue: what is now offered, and every problem found on the way.

    ``applied`` is false when nothing usable was found (no domain at all): the previous catalogue is then kept,
    so a broken ``domains.toml`` never empties a working kiosk.
    """

    source: str
    file_count: int
    domain_count: int
    procedure_count: int
    errors: tuple[CatalogueError, ...]
    applied: bool

    @property
    def ok(self) -> bool:
        return self.applied and not self.errors


# --- Requests (démarches submitted at the kiosk) -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Address:
    line: str
    postcode: str
    city: str
    complement: str = ""


# A date answer is an ISO "YYYY-MM-DD" string; a multiple choice is the tuple of ticked option values.
AnswerValue: TypeAlias = str | bool | int | float | tuple[str, ...] | Address


@dataclass(frozen=True, slots=True)
class Requester:
    """Who the request is for, and how they want to hear back."""

    civility: str  # "madame" | "monsieur" | ""
    last_name: str
    first_name: str
    address: Address
    email: str
    phone: str
    notify_by: str  # "email" | "sms" | "post" | "none"


@dataclass(frozen=True, slots=True)
class Slot:
    """An appointment slot (for now from the demo data; later offered by central)."""

    id: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str


@dataclass(frozen=True, slots=True)
class DocumentFile:
    """One file of a piece (``position`` 1..4: recto, verso...), already validated and re-encoded."""

    field_id: str
    position: int
    filename: str
    media_type: str
    content: bytes


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What is shown of a stored file; the bytes are fetched on demand."""

    field_id: str
    position: int
    filename: str
    media_type: str
    size: int


@dataclass(frozen=True, slots=True)
class RequestDraft:
    """A completed wizard, ready to validate. ``client_uuid`` is made once, when the wizard starts.

    ``answers`` holds only what is submitted: the wizard drops the answers of hidden fields before this.
    """

    client_uuid: str
    procedure_slug: str
    procedure_revision: int
    answers: Mapping[str, AnswerValue]
    requester: Requester
    appointment: Slot | None
    documents: tuple[DocumentFile, ...]
    channel: str = "kiosk"


@dataclass(frozen=True, slots=True)
class RequestEvent:
    """One line of "Historique". ``detail`` never holds personal data: a field id or a slot time, never a name."""

    kind: str  # "operation" | "document" | "exchange" | "appointment"
    code: str  # "submitted", "queued", "document_added", "appointment_booked", "cancelled", "cancel_queued"
    at: dt.datetime
    detail: str


@dataclass(frozen=True, slots=True)
class SubmittedRequest:
    """What the confirmation screen and the receipt show, once the submission is committed."""

    reference: str
    tracking_code: str
    client_uuid: str
    procedure_slug: str
    procedure_revision: int
    procedure_title: LocalizedText
    created_at: dt.datetime
    appointment: Slot | None
    documents: tuple[DocumentInfo, ...]


@dataclass(frozen=True, slots=True)
class TrackedRequest:
    """ "Suivi de la demande": a request found by its tracking code."""

    reference: str
    tracking_code: str
    procedure_slug: str
    procedure_revision: int
    procedure_title: LocalizedText
    status: str  # one of REQUEST_STATUSES
    archived: bool
    pending_send: bool  # True while an outbox op for it is neither sent nor refused by central
    created_at: dt.datetime
    requester: Requester
    answers: Mapping[str, AnswerValue]
    appointment: Slot | None
    documents: tuple[DocumentInfo, ...]
    events: tuple[RequestEvent, ...]  # oldest first
    number: str | None = None  # the town's number ("2026-000042") once central has the request
    # Central refused one of its ops for good (a dead letter): it will not be sent again until an agent acts.
    send_refused: bool = False
    # Central has it and nothing of it waits: its answers, requester and files are no longer kept at this kiosk.
    details_at_town_hall: bool = False
    # Made at another kiosk and read from central for this visit only: shown, never stored, never changed here.
    from_town_hall: bool = False
    # In a citizen's personal space, or on its way there (a ``request.attach`` op sent or waiting to be).
    attached: bool = False

    @property
    def cancellable(self) -> bool:
        """Whether the visitor may still cancel it (``CANCELLABLE_STATUSES``) here: a request of another kiosk
        is read-only (its cancel op belongs to the kiosk that queued its submit)."""
        return self.status in CANCELLABLE_STATUSES and not self.from_town_hall


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """An operation waiting to be sent to central. ``op_id`` is its Idempotency-Key, never regenerated."""

    op_id: str
    kind: str  # "request.submit" | "request.cancel" | "request.attach"
    client_uuid: str
    created_at: dt.datetime
    attempts: int
    payload: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """An operation central refused for good, for the agents' "Envois refusés". No personal data: the request's
    local reference, what the op was, when it was refused (aware, UTC) and central's reason (which by design
    names fields and rules, never what a visitor typed)."""

    reference: str
    kind: str  # "request.submit" | "request.cancel" | a kind this version does not know
    refused_at: dt.datetime
    reason: str


@dataclass(frozen=True, slots=True)
class AgentOverview:
    """What "Espace agent" shows: the kiosk's standing with central and what waits or was refused.

    ``central_host`` is "" when the kiosk syncs with no central; ``token_file`` is where the device token goes
    (``Settings.central_token_file``), for the "Borne non autorisée" advice. ``dead_letters`` are the most recent
    refusals, newest first; ``dead_total`` counts them all."""

    central_host: str
    token_file: str
    online: bool
    unauthorized: bool
    waiting: int
    dead_letters: tuple[DeadLetter, ...]
    dead_total: int


REQUEST_STATUSES = ("draft", "submitted", "in_progress", "awaiting_you", "accepted", "refused", "cancelled", "closed")
# Once the town hall has decided, the visitor can no longer withdraw the request.
DECIDED_STATUSES = frozenset({"accepted", "refused", "closed"})
# The one rule for "Annuler ma demande": the follow-up shows the button for these statuses and the store cancels
# these only (a cancelled request is withdrawn already; a decided one raises CannotCancel).
CANCELLABLE_STATUSES = frozenset(REQUEST_STATUSES) - DECIDED_STATUSES - {"cancelled"}


# Errors of the request store. They live here, not beside the repository, so that the services (and the views
# that import them) can catch them without importing SQLAlchemy.


class RequestStoreError(Exception):
    """The local store could not write (disk full, I/O error, broken constraint): the transaction was rolled
    back and nothing was written."""


class TrackingCodeTaken(Exception):  # noqa: N818  (name fixed by the views' contract)
    """The tracking code drawn is already used: nothing was written, draw another and submit again."""


class CannotCancel(Exception):  # noqa: N818  (name fixed by the views' contract)
    """The request is already decided (accepted, refused or closed): it can no longer be cancelled."""

    def __init__(self, status: str) -> None:
        self.status = status
        super().__init__(f"a request in status {status!r} cannot be cancelled")


class RequestNotFound(LookupError):  # noqa: N818  (reads as a fact, like the others)
    """No request has this tracking code."""

"""The wire contract between a kiosk and central (``/v1``): the operations a kiosk pushes from its outbox, their
answers, batches of them, and the errors. Both sides build and read payloads through these models, never as
bare dicts, and central's OpenAPI document is generated from them.

Strict on purpose: unknown fields are refused, nothing is coerced ("1" is not 1, 1 is not true), and every
string and list is bounded, so a body can hold no more than central stores. Read wire bytes with
``model_validate_json`` (or ``OP.validate_json``): JSON has no UUID or datetime type, and strict mode reads them
from their JSON strings there, not from Python strings.

The bodies mirror the payloads the kiosk's outbox already holds (``kiosk/models/request_repository.py``), key
for key, so a queued op is sent as it was recorded: the envelope adds ``op_id``, ``kind`` and ``aggregate_id``.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Annotated, Any, Final, Literal, get_args

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    model_validator,
)

from sync.catalogue import Domain, FieldId, Procedure, Slug

__all__ = [
    "API_PREFIX",
    "BLOB_MEDIA_TYPES",
    "CHANGE_SCOPES",
    "CITIZEN_TOKEN",
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "DEVICE_TOKEN_ERRORS",
    "IDEMPOTENCY_KEY",
    "IDEMPOTENT_REPLAYED",
    "MAX_ACCOUNT_BYTES",
    "MAX_BATCH_OPS",
    "MAX_CODE_LEASE",
    "MAX_DOCUMENT_BYTES",
    "MAX_LOOKUP_BYTES",
    "MAX_OP_BYTES",
    "MAX_PAGE",
    "MAX_PASSWORD",
    "OP",
    "OPENING_HOURS_ID",
    "PAGE_MODELS",
    "REQUEST_STATUSES",
    "RESYNC",
    "Accepted",
    "AccountCreate",
    "Address",
    "AnswerValue",
    "AnyOp",
    "Appointment",
    "AttachBody",
    "AttachOp",
    "BlobStored",
    "CancelBody",
    "CancelOp",
    "CatalogueChange",
    "CatalogueDomain",
    "CatalogueItem",
    "CataloguePage",
    "CatalogueProcedure",
    "ChangePage",
    "ChangeScope",
    "CitizenProfile",
    "CitizenSession",
    "CodeLease",
    "CodeLeaseRequest",
    "DeviceAuthorization",
    "DeviceTokenBody",
    "DocumentRef",
    "ErrorBody",
    "ErrorCode",
    "ErrorItem",
    "FollowUp",
    "Health",
    "LoginAnswer",
    "LoginBody",
    "LookupQuery",
    "Op",
    "OpAnswer",
    "OpBatch",
    "OpBatchAnswer",
    "OpKind",
    "OpResult",
    "OpeningHours",
    "PasswordResetBody",
    "ProcedureRef",
    "RequestChange",
    "RequestEventData",
    "RequestState",
    "RequestStatus",
    "RequestUpdate",
    "Requester",
    "RequestsPage",
    "SlotsChange",
    "SlotsPage",
    "SubmitBody",
    "SubmitOp",
    "UserCode",
    "canonical_json",
    "fingerprint",
]

PROTOCOL_VERSION: Final = 1
API_PREFIX: Final = "/v1"
IDEMPOTENCY_KEY: Final = "Idempotency-Key"
IDEMPOTENT_REPLAYED: Final = "Idempotent-Replayed"
# A request with every answer at its longest and forty file references stays far below this; a bigger JSON body
# is refused (413) before it is parsed. Files themselves travel by content hash, not inside an op.
MAX_OP_BYTES: Final = 1_000_000
MAX_BATCH_OPS: Final = 100
MAX_DOCUMENT_BYTES: Final = 10 * 1024 * 1024  # the kiosk's own cap per file (kiosk/services/documents/model.py)

RequestStatus = Literal[
    "draft", "submitted", "in_progress", "awaiting_you", "accepted", "refused", "cancelled", "closed"
]
REQUEST_STATUSES: Final[tuple[RequestStatus, ...]] = get_args(RequestStatus)
OpKind = Literal["request.submit", "request.cancel", "request.attach"]


def _text(max_length: int, min_length: int = 0) -> Any:
    return StringConstraints(min_length=min_length, max_length=max_length)


# [0-9], not \d: the pattern engine's \d matches every Unicode digit.
TrackingCode = Annotated[str, StringConstraints(pattern=r"^[BCDFGHJKLMNPQRSTVWXZ]{8}$")]
RequestNumber = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{6,9}$")]
LocalReference = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}-[0-9]{4}-[0-9]{6,9}$")]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
MediaType = Literal["image/jpeg", "image/png", "application/pdf"]
ErrorCode = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z_]{0,59}$")]


class _Wire(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


# --- The request as a kiosk sends it ---------------------------------------------------------------------------


class Address(_Wire):
    line: Annotated[str, _text(200)]
    postcode: Annotated[str, _text(10)]
    city: Annotated[str, _text(100)]
    complement: Annotated[str, _text(200)] = ""


class Requester(_Wire):
    """Who the request is for, and how they want to hear back."""

    civility: Literal["madame", "monsieur", ""]
    last_name: Annotated[str, _text(100)]
    first_name: Annotated[str, _text(100)]
    address: Address
    email: Annotated[str, _text(254)]
    phone: Annotated[str, _text(30)]
    notify_by: Literal["email", "sms", "post", "none"]


# An answer as the kiosk encodes it: text (a date is "YYYY-MM-DD"), a checkbox, a number, the ticked options of
# a multiple choice, or an address. Strict validation keeps true a bool and 1 an int.
AnswerValue = (
    Annotated[str, _text(10_000)]
    | bool
    | int
    | Annotated[float, Field(allow_inf_nan=False)]
    | Annotated[list[Annotated[str, _text(60)]], Field(max_length=50)]
    | Address
)


class ProcedureRef(_Wire):
    """The procedure and the revision of it the request was filled against."""

    slug: Slug
    revision: Annotated[int, Field(ge=1)]


class Appointment(_Wire):
    id: Annotated[str, _text(80, 1)]
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    place: Annotated[str, _text(200)]


class DocumentRef(_Wire):
    """A file of the request, named by its content hash; its bytes are uploaded by that hash."""

    field_id: FieldId
    position: Annotated[int, Field(ge=1, le=4)]
    filename: Annotated[str, _text(255, 1)]
    media_type: MediaType
    size: Annotated[int, Field(ge=1, le=MAX_DOCUMENT_BYTES)]
    sha256: Sha256


class SubmitBody(_Wire):
    """``request.submit``: a request made at a kiosk. ``submitted_at`` is the kiosk's clock: shown, never used
    to order anything. ``reference`` is the kiosk's local reference, shown until central's number arrives."""

    client_uuid: uuid.UUID
    reference: LocalReference
    tracking_code: TrackingCode
    channel: Literal["kiosk", "counter"]
    procedure: ProcedureRef
    answers: Annotated[dict[FieldId, AnswerValue], Field(max_length=300)]
    requester: Requester
    appointment: Appointment | None
    documents: Annotated[list[DocumentRef], Field(max_length=40)]
    submitted_at: AwareDatetime


class CancelBody(_Wire):
    """``request.cancel``: the requester withdrew the request at a kiosk (kiosk clock, shown only)."""

    client_uuid: uuid.UUID
    reference: LocalReference
    cancelled_at: AwareDatetime


class AttachBody(_Wire):
    """``request.attach``: attach a request made at this kiosk to a citizen's personal space, queued through the
    outbox after its submit (a request made while logged in, or attached from its follow-up, even offline).
    ``grant`` is the attach grant of the citizen's log-in (``LoginAnswer.attach_grant``): it allows attaching requests
    of the kiosk where they logged in to that space and nothing else, so the outbox may keep it on disk (until the
    op is settled) where it never keeps the access token."""

    client_uuid: uuid.UUID
    reference: LocalReference
    grant: Annotated[str, _text(100, 20)]
    attached_at: AwareDatetime


class _OpBase(_Wire):
    op_id: uuid.UUID  # made once on the kiosk with the outbox row; the Idempotency-Key
    aggregate_id: uuid.UUID  # the request's client UUID

    @model_validator(mode="after")
    def _body_names_the_aggregate(self) -> _OpBase:
        body = getattr(self, "body", None)
        if body is not None and body.client_uuid != self.aggregate_id:
            raise ValueError("body.client_uuid must equal aggregate_id")
        return self


class SubmitOp(_OpBase):
    kind: Literal["request.submit"]
    body: SubmitBody


class CancelOp(_OpBase):
    kind: Literal["request.cancel"]
    body: CancelBody


class AttachOp(_OpBase):
    kind: Literal["request.attach"]
    body: AttachBody


AnyOp = SubmitOp | CancelOp | AttachOp
Op = Annotated[AnyOp, Field(discriminator="kind")]
OP: Final[TypeAdapter[AnyOp]] = TypeAdapter(Op)


def canonical_json(value: BaseModel) -> bytes:
    """The model as canonical JSON (sorted keys, no spaces): the same content always gives the same bytes."""
    data = value.model_dump(mode="json")
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


def fingerprint(op: AnyOp) -> str:
    """What central compares when an Idempotency-Key comes back: the same key must carry the same op."""
    return hashlib.sha256(canonical_json(op)).hexdigest()


# --- Central's answers -----------------------------------------------------------------------------------------


class RequestState(_Wire):
    """Where the request stands on central: the town's number (assigned on arrival) and its status."""

    number: RequestNumber
    status: RequestStatus


class OpAnswer(_Wire):
    """The answer to an applied op; a replay of the op returns it again, unchanged."""

    op_id: uuid.UUID
    kind: OpKind
    aggregate_id: uuid.UUID
    request: RequestState


class ErrorItem(_Wire):
    """One problem of a body: where (``loc``, e.g. ``["body", "requester", "email"]``), what and its kind. It
    never repeats the value sent, which may be personal data."""

    loc: Annotated[list[Annotated[str, _text(200)] | int], Field(max_length=30)]
    msg: Annotated[str, _text(500)]
    type: Annotated[str, _text(100)]


class ErrorBody(_Wire):
    """Every 4xx and 5xx: ``error`` is a stable code a client acts on, ``detail`` says what for a person."""

    error: ErrorCode
    detail: Annotated[str, _text(2000)] | Annotated[list[ErrorItem], Field(max_length=100)]


class OpBatch(_Wire):
    """Several ops in one call; each keeps its own answer, and each op's ``op_id`` is its idempotency key."""

    ops: Annotated[list[Op], Field(min_length=1, max_length=MAX_BATCH_OPS)]


class OpResult(_Wire):
    """One op's outcome in a batch: the HTTP status it would have had alone, and its answer or its error.
    ``op_id`` is None only when the op was too malformed to name itself."""

    op_id: uuid.UUID | None
    status: Annotated[int, Field(ge=200, le=599)]
    replayed: bool
    answer: OpAnswer | None = None
    error: ErrorBody | None = None

    @model_validator(mode="after")
    def _answer_xor_error(self) -> OpResult:
        if (self.answer is None) == (self.error is None):
            raise ValueError("an op result holds either an answer or an error")
        if (self.status < 300) != (self.answer is not None):
            raise ValueError("a 2xx result holds an answer; any other an error")
        return self


class OpBatchAnswer(_Wire):
    results: Annotated[list[OpResult], Field(max_length=MAX_BATCH_OPS)]  # in the order of the ops sent


class Health(_Wire):
    status: Literal["ok"]
    protocol: int


# --- Pull: the changes of a scope, in central's commit order ----------------------------------------------------

ChangeScope = Literal["catalogue", "slots", "requests"]
CHANGE_SCOPES: Final[tuple[ChangeScope, ...]] = get_args(ChangeScope)
# Rows per page: a whole demo catalogue fits in one; a client asking for more gets this many and pages on.
MAX_PAGE: Final = 500
RESYNC: Final = "resync"  # the 410 error code: the cursor is past the tombstone horizon, take a full snapshot
OPENING_HOURS_ID: Final = "opening-hours"  # the one entry of the slots scope
MAX_HISTORY: Final = 1000
_CURSOR_MAX: Final = 200

Cursor = Annotated[str, StringConstraints(min_length=1, max_length=_CURSOR_MAX)]
Weekday = Literal["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
# "09:00-12:00": opening and closing time of a period, in the town's time zone.
HoursSpan = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$")]


class OpeningHours(_Wire):
    """The counter's opening hours, from which the kiosk offers appointment slots (the demo's slots.toml)."""

    place: Annotated[str, _text(200, 1)]
    slot_minutes: Annotated[int, Field(ge=5, le=240)]
    days_ahead: Annotated[int, Field(ge=1, le=366)]
    hours: Annotated[dict[Weekday, Annotated[list[HoursSpan], Field(max_length=12)]], Field(max_length=7)]

    @model_validator(mode="after")
    def _periods_in_order(self) -> OpeningHours:
        for day, spans in self.hours.items():
            previous_end = ""
            for span in spans:
                start, end = span.split("-")
                if start >= end:
                    raise ValueError(f"{day}: the period {span} ends before it starts")
                if start < previous_end:
                    raise ValueError(f"{day}: the period {span} overlaps the one before it")
                previous_end = end
        return self


class CatalogueDomain(_Wire):
    kind: Literal["domain"]
    domain: Domain


class CatalogueProcedure(_Wire):
    """The live revision of a procedure (older revisions stay on central for the requests that pinned them)."""

    kind: Literal["procedure"]
    procedure: Procedure


CatalogueItem = Annotated[CatalogueDomain | CatalogueProcedure, Field(discriminator="kind")]


class RequestEventData(_Wire):
    """One event of a request's history, as central recorded it (central's clock)."""

    kind: Literal["operation", "document", "exchange", "appointment"]
    code: Annotated[str, _text(40, 1)]
    status: RequestStatus | None
    text: Annotated[str, _text(2000)]
    at: AwareDatetime


class RequestUpdate(_Wire):
    """Where a request made at this kiosk stands: its number, its status and its whole history, oldest first.
    ``appointment`` is the one central holds: None when it was cleared (a slot taken first by another kiosk:
    the history then has an ``appointment_to_reschedule`` event) or moved by the town hall."""

    client_uuid: uuid.UUID
    number: RequestNumber
    status: RequestStatus
    history: Annotated[list[RequestEventData], Field(max_length=MAX_HISTORY)]
    appointment: Appointment | None = None


class _ChangeBase(_Wire):
    """An entity's newest state: ``version`` grows with each change of it; ``deleted`` is a tombstone (no data)."""

    id: Annotated[str, _text(120, 1)]
    version: Annotated[int, Field(ge=1)]
    deleted: bool

    @model_validator(mode="after")
    def _tombstone_has_no_data(self) -> _ChangeBase:
        if self.deleted != (getattr(self, "data", None) is None):
            raise ValueError("a tombstone has no data, and every other change has")
        return self


class CatalogueChange(_ChangeBase):
    """``id`` is ``domain/<slug>`` or ``procedure/<slug>``."""

    data: CatalogueItem | None


class SlotsChange(_ChangeBase):
    data: OpeningHours | None


class RequestChange(_ChangeBase):
    """``id`` is the request's client UUID."""

    data: RequestUpdate | None


class _PageBase(_Wire):
    """A page of changes in commit order. Apply it and keep ``next_cursor`` in one local transaction; ask again
    with it while ``has_more``."""

    next_cursor: Cursor
    has_more: bool


class CataloguePage(_PageBase):
    changes: Annotated[list[CatalogueChange], Field(max_length=MAX_PAGE)]


class SlotsPage(_PageBase):
    changes: Annotated[list[SlotsChange], Field(max_length=MAX_PAGE)]


class RequestsPage(_PageBase):
    changes: Annotated[list[RequestChange], Field(max_length=MAX_PAGE)]


ChangePage = CataloguePage | SlotsPage | RequestsPage
PAGE_MODELS: Final[dict[ChangeScope, type[CataloguePage] | type[SlotsPage] | type[RequestsPage]]] = {
    "catalogue": CataloguePage,
    "slots": SlotsPage,
    "requests": RequestsPage,
}


# --- Attachments, tracking codes, look-up ---------------------------------------------------------------------

# What a blob may be, recognised by its first bytes (never by its name or the header alone).
BLOB_MEDIA_TYPES: Final[tuple[MediaType, ...]] = get_args(MediaType)
CODE_ALPHABET: Final = "BCDFGHJKLMNPQRSTVWXZ"  # no vowels (no words), no look-alikes
CODE_LENGTH: Final = 8
MAX_CODE_LEASE: Final = 100  # codes per lease call
MAX_LOOKUP_BYTES: Final = 2_000


class BlobStored(_Wire):
    """The answer to ``PUT /v1/blobs/{sha256}``: central holds these bytes (201 new, 200 held already)."""

    sha256: Sha256
    size: Annotated[int, Field(ge=1, le=MAX_DOCUMENT_BYTES)]
    media_type: MediaType


class CodeLeaseRequest(_Wire):
    """``POST /v1/codes/lease``: how many unused codes the kiosk would like to hold in reserve."""

    count: Annotated[int, Field(ge=1, le=MAX_CODE_LEASE)]


class CodeLease(_Wire):
    """Codes reserved for the calling kiosk, in clear this once (central keeps only their keyed digests).
    ``unused`` counts the kiosk's leased codes not yet used, these included; at ``limit`` it gets no more."""

    codes: Annotated[list[TrackingCode], Field(max_length=MAX_CODE_LEASE)]
    unused: Annotated[int, Field(ge=0)]
    limit: Annotated[int, Field(ge=1)]


class LookupQuery(_Wire):
    """``POST /v1/requests/lookup``: a code typed at a kiosk; the requester's last name when central asks for it
    (409 ``last_name_needed``: two requests share the code, an offline draw that clashed)."""

    code: TrackingCode
    last_name: Annotated[str, _text(100, 1)] | None = None


class FollowUp(_Wire):
    """What a code shows at any kiosk: the request's number, status, procedure, appointment and history. Never
    the answers, the requester or the files."""

    number: RequestNumber
    status: RequestStatus
    procedure: ProcedureRef
    received_at: AwareDatetime  # central's clock
    appointment: Appointment | None
    history: Annotated[list[RequestEventData], Field(max_length=MAX_HISTORY)]


# --- Citizens' accounts (the personal space) ------------------------------------------------------------------

# The citizen's access token travels in a header of its own: ``Authorization`` carries the kiosk's device token.
CITIZEN_TOKEN: Final = "Citizen-Token"
MAX_ACCOUNT_BYTES: Final = 4_000
MAX_PASSWORD: Final = 256  # far beyond any passphrase; bounds the hashing work a body can ask for

# One "@", no spaces or control characters, a dot in the domain: the mail itself is the real check.
EmailAddress = Annotated[
    str,
    StringConstraints(
        max_length=254, pattern=r"^[^@\s\x00-\x1f\x7f]{1,64}@[^@\s\x00-\x1f\x7f]+\.[^@\s\x00-\x1f\x7f]+$"
    ),
]
# Printable text with at least one letter or sign that is not a space.
PersonName = Annotated[
    str,
    StringConstraints(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$"),
]
Password = Annotated[str, StringConstraints(min_length=1, max_length=MAX_PASSWORD)]


class AccountCreate(_Wire):
    """``POST /v1/accounts``: a personal space asked for at a kiosk. Central mails a "Finaliser l'inscription"
    link (valid 2 days) to ``email``; the answer is the same 202 whether the address has an account or not."""

    email: EmailAddress
    first_name: PersonName
    last_name: PersonName


class Accepted(_Wire):
    """The 202 of the account calls: central took the request; what it mails (if anything) is not said."""

    status: Literal["accepted"]


class LoginBody(_Wire):
    """``POST /v1/sessions``: a citizen's e-mail and password, typed at the kiosk."""

    email: EmailAddress
    password: Password


class CitizenProfile(_Wire):
    """What the kiosk shows of the logged-in citizen: the header's first name, and the identity it prefills."""

    first_name: PersonName
    last_name: PersonName
    email: EmailAddress


class LoginAnswer(_Wire):
    """A citizen's short-lived access token (held in the kiosk's memory only; sent back in ``Citizen-Token``),
    when it expires, and the profile basics."""

    access_token: Annotated[str, _text(100, 20)]
    expires_at: AwareDatetime
    expires_in: Annotated[int, Field(ge=0)]  # seconds, from central's clock
    profile: CitizenProfile
    # Lets the kiosk's outbox attach requests of this visit to the space (``AttachBody``) for
    # ``sync.personal_space.ATTACH_GRANT_DAYS`` days, even after the session ended; useless for anything else.
    attach_grant: Annotated[str, _text(100, 20)]


class CitizenSession(_Wire):
    """``GET /v1/sessions/current``: the session the ``Citizen-Token`` opens, while it is valid."""

    expires_at: AwareDatetime
    profile: CitizenProfile


class PasswordResetBody(_Wire):
    """``POST /v1/password-resets``: "Mot de passe oublié ?". Central mails a single-use link (valid 30 min) if the
    address has an active account, nothing otherwise; the answer is the same 202."""

    email: EmailAddress


# --- Log-in from the phone (OAuth 2.0 device authorization grant, RFC 8628) -----------------------------------

# The user code as the kiosk shows it: 8 letters of CODE_ALPHABET, as two groups of four ("BCDF-GHJK"). Typed on a
# phone, case and dash do not matter.
UserCode = Annotated[str, StringConstraints(pattern=r"^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$")]
# The errors of POST /v1/device-tokens (RFC 8628 §3.5, RFC 6749 §5.2), as ``ErrorBody.error`` with status 400.
DEVICE_TOKEN_ERRORS: Final = ("authorization_pending", "slow_down", "access_denied", "expired_token", "invalid_grant")


class DeviceAuthorization(_Wire):
    """``POST /v1/device-authorizations`` (RFC 8628 §3.2): the kiosk shows ``user_code`` and a QR code of
    ``verification_uri_complete``, then polls ``POST /v1/device-tokens`` with ``device_code`` (kept in memory,
    never shown) every ``interval`` seconds until ``expires_in`` seconds have passed."""

    device_code: Annotated[str, _text(100, 20)]
    user_code: UserCode
    verification_uri: Annotated[str, _text(2000, 1)]
    verification_uri_complete: Annotated[str, _text(2000, 1)]
    expires_in: Annotated[int, Field(ge=1)]
    interval: Annotated[int, Field(ge=1)]


class DeviceTokenBody(_Wire):
    """``POST /v1/device-tokens`` (RFC 8628 §3.4): the device code the kiosk was given. The answer is a
    ``LoginAnswer`` (201) once the citizen approved on their phone, else 400 with one of ``DEVICE_TOKEN_ERRORS``."""

    device_code: Annotated[str, _text(100, 1)]

"""The wire contract of the logged-in citizen's calls (``/v1/me/...``): their profile and family (the clé enfance),
their dashboard (their requests, unread messages, coming appointments, the procedures the town pins), attaching a
request to their space, and a procedure's quota. Every call carries the kiosk's device token (``Authorization``)
and the citizen's access token (``sync.protocol.CITIZEN_TOKEN``); a missing, expired or ended token is 401
``session_invalid``.

Strict like ``sync.protocol``: unknown fields refused, nothing coerced, every string and list bounded. The
``request.attach`` op, which reaches central through the kiosk's outbox, is in ``sync.protocol`` with the other ops.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from sync.catalogue import Slug
from sync.protocol import (
    MAX_HISTORY,
    Address,
    Appointment,
    EmailAddress,
    PersonName,
    ProcedureRef,
    RequestNumber,
    RequestStatus,
    TrackingCode,
)

__all__ = [
    "ATTACH_GRANT_DAYS",
    "CHILD_KEY_PATTERN",
    "MAX_DASHBOARD_REQUESTS",
    "MAX_ME_BYTES",
    "MAX_PINNED",
    "AttachByCode",
    "ChildKey",
    "ChildKeyBody",
    "Dashboard",
    "Family",
    "FamilyMember",
    "MyRequest",
    "PhoneNumber",
    "Profile",
    "ProfileDetails",
    "QuotaState",
    "ReadUpTo",
    "normalise_child_key",
]

MAX_ME_BYTES: Final = 8_000  # a whole profile with three phones and three addresses is under 3 kB
MAX_PINNED: Final = 12  # the procedures a town pins on « Mon accueil »: what the screen has room for
MAX_DASHBOARD_REQUESTS: Final = 200  # the newest first; a citizen with more sees the 200 latest
# How long the attach grant of a log-in (``sync.protocol.LoginAnswer.attach_grant``) lets the kiosk's outbox attach
# requests made during that visit to the citizen's space: long enough for a kiosk offline over a long weekend.
ATTACH_GRANT_DAYS: Final = 14

# The clé enfance as printed on the letter the town mails: three groups of four letters and digits, e.g.
# "K7QX-2M9P-4TRW". Typed at the kiosk, case and dashes do not matter; the kiosk sends it in this form.
CHILD_KEY_PATTERN: Final = r"^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$"
ChildKey = Annotated[str, StringConstraints(pattern=CHILD_KEY_PATTERN)]
_KEY_GROUP: Final = 4
_KEY_LENGTH: Final = 12
_KEY_CHARACTERS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def normalise_child_key(typed: str) -> str | None:
    """A clé enfance as typed (any case, spaces or dashes anywhere: "k7qx 2m9p-4trw") in the form of
    ``CHILD_KEY_PATTERN``, or None when it is not twelve letters and digits."""
    bare = "".join(c for c in typed.upper() if c not in " -")
    if len(bare) != _KEY_LENGTH or not all(c in _KEY_CHARACTERS for c in bare):
        return None
    return "-".join(bare[i : i + _KEY_GROUP] for i in range(0, _KEY_LENGTH, _KEY_GROUP))


# Digits, spaces, dots, dashes, brackets and a leading "+": what people write; at least six digits' worth.
PhoneNumber = Annotated[str, StringConstraints(pattern=r"^\+?[0-9][0-9 .()-]{5,28}$")]


def _text(max_length: int, min_length: int = 0) -> StringConstraints:
    return StringConstraints(min_length=min_length, max_length=max_length)


class _Wire(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


# --- Profile and family -------------------------------------------------------------------------------------------


class ProfileDetails(_Wire):
    """What the citizen edits in « Je modifie mon espace » (``PUT /v1/me/profile``): identity, postal address and
    contact means. The account's e-mail (their log-in) is not here: ``emails`` are further addresses to write to.
    ``notify_by`` is the preferred channel, and prefills « Mes informations » with the rest."""

    civility: Literal["madame", "monsieur", ""]
    first_name: PersonName
    last_name: PersonName
    address: Address | None
    phones: Annotated[list[PhoneNumber], Field(max_length=3)]
    emails: Annotated[list[EmailAddress], Field(max_length=3)]
    notify_by: Literal["email", "sms", "post", "none"]


class FamilyMember(_Wire):
    """A person of the family central holds for a clé enfance, and the services they are enrolled in."""

    first_name: PersonName
    last_name: PersonName
    relation: Literal["parent", "enfant"]
    birth_year: Annotated[int, Field(ge=1900, le=2100)] | None
    services: Annotated[list[Annotated[str, _text(80, 1)]], Field(max_length=10)]


class Family(_Wire):
    """The family a valid clé enfance linked to the account. The key itself is never sent back: ``key_hint`` is its
    last group ("…-4TRW"), enough for the citizen to recognise their letter."""

    key_hint: Annotated[str, _text(20, 1)]
    members: Annotated[list[FamilyMember], Field(max_length=20)]
    linked_at: AwareDatetime


class Profile(_Wire):
    """``GET /v1/me/profile``: the account's e-mail, what the citizen filled in, and their family if a clé enfance
    is linked (None: no key yet; the « Ma famille » procedure, once accepted by an agent, adds one)."""

    email: EmailAddress
    details: ProfileDetails
    family: Family | None


class ChildKeyBody(_Wire):
    """``POST /v1/me/child-key``: a clé enfance typed by the citizen. 200 with the ``Profile`` when it is valid and
    nobody else's; 422 ``child_key_unknown`` for a key central does not hold, 409 ``child_key_taken`` for a key
    already linked to another account (a key is personal); 429 ``too_many_attempts`` after repeated wrong keys."""

    key: ChildKey


# --- Dashboard ----------------------------------------------------------------------------------------------------


class MyRequest(_Wire):
    """One of the citizen's requests, for « Mon tableau de bord » and « Voir toutes mes demandes ». ``unread`` counts
    the town's messages (exchange events) the citizen has not opened; ``archived`` is true once the request is
    cancelled, refused or closed."""

    number: RequestNumber
    status: RequestStatus
    procedure: ProcedureRef
    received_at: AwareDatetime
    updated_at: AwareDatetime
    appointment: Appointment | None
    unread: Annotated[int, Field(ge=0)]
    archived: bool


class Dashboard(_Wire):
    """``GET /v1/me/dashboard``: the citizen's requests, newest first (archived included, flagged), the counts of the
    tiles' badges, and the procedures the town pins on « Mon accueil » (central configuration), in its order."""

    requests: Annotated[list[MyRequest], Field(max_length=MAX_DASHBOARD_REQUESTS)]
    unread_messages: Annotated[int, Field(ge=0)]
    upcoming_appointments: Annotated[int, Field(ge=0)]
    pinned: Annotated[list[Slug], Field(max_length=MAX_PINNED)]


class ReadUpTo(_Wire):
    """``POST /v1/me/requests/{number}/read``: the citizen opened the follow-up of their request and saw its first
    ``seen`` history events (``FollowUp.history``'s length then): the town's messages among them are read. A message
    that came after the follow-up was fetched stays unread. 204; 404 ``not_found`` for a request not theirs."""

    seen: Annotated[int, Field(ge=0, le=MAX_HISTORY)]


class AttachByCode(_Wire):
    """``POST /v1/me/attachments``: attach a request already on central to the citizen's space, by its tracking code
    and, as the verification, the requester's last name (compared without case or accents). 200 with the
    ``MyRequest``; 404 ``not_found`` for a wrong code or name alike (no answer tells which); 409
    ``attached_elsewhere`` when it belongs to another space; 429 ``too_many_lookups`` as for a look-up."""

    code: TrackingCode
    last_name: PersonName


# --- Quotas -------------------------------------------------------------------------------------------------------


class QuotaState(_Wire):
    """``GET /v1/me/quotas/{slug}``: how many of this procedure's requests the citizen made in the current period
    (``sync.catalogue.Quota``), and whether one more is allowed. 404 ``not_found`` for a procedure without quota.
    Periods are the town's calendar ones (``central.quotas``); ``renews_at`` is when the next one starts, for « vous
    pourrez en faire une nouvelle à partir du … »."""

    slug: Slug
    count: Annotated[int, Field(ge=1)]
    period: Literal["day", "week", "month", "year"]
    used: Annotated[int, Field(ge=0)]
    reached: bool
    renews_at: AwareDatetime

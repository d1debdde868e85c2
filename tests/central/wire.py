"""Ops as a kiosk sends them, built from the protocol's models, and the calls that push them."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import uuid
from typing import Any, Final, Literal

import requests

from sync.protocol import (
    IDEMPOTENCY_KEY,
    Address,
    AnyOp,
    Appointment,
    CancelBody,
    CancelOp,
    DocumentRef,
    ProcedureRef,
    Requester,
    SubmitBody,
    SubmitOp,
)

KIOSK_CLOCK = dt.datetime(2026, 11, 30, 10, 15, tzinfo=dt.timezone(dt.timedelta(hours=1)))
TIMEOUT = (3.05, 20)
# Canaries: personal data that must never reach central's log.
LAST_NAME = "Canaryname"
ANSWER = "canary-answer"
CODE = "BCDFGHJK"
# The file every submit names: a real 1×1 PNG, which ``server`` uploads before the tests push ops.
PASSPORT_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)
PASSPORT_SHA256 = hashlib.sha256(PASSPORT_PNG).hexdigest()
_SLOTS = itertools.count()
FRESH: Final = "fresh"


def slot_at(starts_at: dt.datetime, place: str = "Accueil, guichet 2") -> Appointment:
    return Appointment(
        id=starts_at.strftime("%Y%m%dT%H%M"),
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=15),
        place=place,
    )


def fresh_slot() -> Appointment:
    """A slot no other submit of this test run books (a slot is one request's only: central.appointments)."""
    return slot_at(KIOSK_CLOCK + dt.timedelta(days=2, minutes=15 * next(_SLOTS)))


def submit_op(
    client_uuid: uuid.UUID | None = None,
    *,
    last_name: str = LAST_NAME,
    code: str = CODE,
    appointment: Appointment | Literal["fresh"] | None = FRESH,
    documents: list[DocumentRef] | None = None,
) -> SubmitOp:
    client = client_uuid or uuid.uuid4()
    return SubmitOp(
        op_id=uuid.uuid4(),
        kind="request.submit",
        aggregate_id=client,
        body=SubmitBody(
            client_uuid=client,
            reference="borne-1-2026-000007",
            tracking_code=code,
            channel="kiosk",
            procedure=ProcedureRef(slug="acte-naissance", revision=2),
            answers={
                "nom": ANSWER,
                "naissance": "1990-04-01",
                "copies": 2,
                "montant": 12.5,
                "consent": True,
                "motifs": ["mariage", "passeport"],
                "adresse": Address(line="1 place de la Mairie", postcode="75001", city="Paris"),
            },
            requester=Requester(
                civility="madame",
                last_name=last_name,
                first_name="Zoé",
                address=Address(line="3 rue des Lilas", postcode="75011", city="Paris", complement="Bât. B"),
                email="canary.mail@example.org",
                phone="0612345678",
                notify_by="email",
            ),
            appointment=fresh_slot() if appointment == FRESH else appointment,
            documents=[passport()] if documents is None else documents,
            submitted_at=KIOSK_CLOCK,
        ),
    )


def passport() -> DocumentRef:
    return DocumentRef(
        field_id="piece_identite",
        position=1,
        filename="passeport.png",
        media_type="image/png",
        size=len(PASSPORT_PNG),
        sha256=PASSPORT_SHA256,
    )


def put_blob(
    base_url: str, token: str | None, content: bytes, media_type: str = "image/png", sha256: str | None = None
) -> requests.Response:
    found = {"Content-Type": media_type}
    if token is not None:
        found["Authorization"] = f"Bearer {token}"
    return requests.put(
        f"{base_url}/v1/blobs/{sha256 or hashlib.sha256(content).hexdigest()}",
        data=content,
        headers=found,
        timeout=TIMEOUT,
    )


def cancel_op(client_uuid: uuid.UUID) -> CancelOp:
    return CancelOp(
        op_id=uuid.uuid4(),
        kind="request.cancel",
        aggregate_id=client_uuid,
        body=CancelBody(client_uuid=client_uuid, reference="borne-1-2026-000007", cancelled_at=KIOSK_CLOCK),
    )


def headers(token: str | None, key: uuid.UUID | str | None = None) -> dict[str, str]:
    found = {"Content-Type": "application/json"}
    if token is not None:
        found["Authorization"] = f"Bearer {token}"
    if key is not None:
        found[IDEMPOTENCY_KEY] = str(key)
    return found


def push(base_url: str, token: str | None, op: AnyOp, **kwargs: Any) -> requests.Response:
    """POST the op with its op_id as Idempotency-Key, as the sync engine does."""
    return requests.post(
        f"{base_url}/v1/ops",
        data=op.model_dump_json(),
        headers=headers(token, op.op_id),
        timeout=TIMEOUT,
        **kwargs,
    )


def post_raw(base_url: str, token: str | None, body: bytes | str, key: uuid.UUID | str | None) -> requests.Response:
    return requests.post(f"{base_url}/v1/ops", data=body, headers=headers(token, key), timeout=TIMEOUT)

"""The wire contract (sync/protocol.py): what the kiosk's outbox holds today is a valid op, and the models refuse
what central must never store."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from kiosk.models.db import make_engine, make_session_factory, migrate
from kiosk.models.dto import Address, DocumentFile, RequestDraft, Requester, Slot
from kiosk.models.repositories import CatalogueRepository
from kiosk.models.request_repository import RequestRepository
from kiosk.models.tracking_key import load_tracking_key
from sync.protocol import OP, CancelOp, OpBatch, OpResult, SubmitOp, fingerprint
from tests.central.wire import submit_op
from tests.unit.catalogue_data import domain, procedure

NOW = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)


def envelope(op_id: str, kind: str, client_uuid: str, payload: Any) -> bytes:
    """The op as the sync engine will send a queued outbox row: its stored payload under the envelope."""
    return json.dumps({"op_id": op_id, "kind": kind, "aggregate_id": client_uuid, "body": dict(payload)}).encode()


def test_the_kiosks_outbox_payloads_are_valid_ops(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    engine = make_engine(path)
    try:
        migrate(engine)
        sessions = make_session_factory(engine)
        CatalogueRepository(sessions).replace_catalogue(
            [domain("etat-civil", "État civil")], [procedure("acte-naissance", "etat-civil", "Acte")], source="t"
        )
        repository = RequestRepository(sessions, load_tracking_key(path))
        client = str(uuid.uuid4())
        draft = RequestDraft(
            client_uuid=client,
            procedure_slug="acte-naissance",
            procedure_revision=1,
            answers={
                "nom": "Zoé",
                "copies": 2,
                "montant": 12.5,
                "consent": True,
                "motifs": ("mariage",),
                "adresse": Address(line="1 place de la Mairie", postcode="75001", city="Paris"),
            },
            requester=Requester(
                civility="madame",
                last_name="Martin",
                first_name="Zoé",
                address=Address(line="3 rue des Lilas", postcode="75011", city="Paris"),
                email="zoe@example.org",
                phone="",
                notify_by="email",
            ),
            appointment=Slot(id="slot-1", starts_at=NOW, ends_at=NOW + dt.timedelta(minutes=15), place="Accueil"),
            documents=(DocumentFile("piece", 1, "passeport.png", "image/png", b"\x89PNG fake bytes"),),
        )
        repository.submit(draft, "BCDFGHJK", "borne-1", 2026, NOW)
        repository.cancel("BCDFGHJK", NOW)
        queued = repository.outbox()
    finally:
        engine.dispose()
    assert [item.kind for item in queued] == ["request.submit", "request.cancel"]
    submit, cancel = (OP.validate_json(envelope(i.op_id, i.kind, i.client_uuid, i.payload)) for i in queued)
    assert isinstance(submit, SubmitOp)
    assert isinstance(cancel, CancelOp)
    assert submit.body.reference == cancel.body.reference == "borne-1-2026-000001"
    assert submit.body.answers["copies"] == 2
    assert submit.body.answers["consent"] is True
    assert submit.body.documents[0].size == len(b"\x89PNG fake bytes")


def test_fingerprints_ignore_key_order_and_see_every_change() -> None:
    op = submit_op()
    data = op.model_dump(mode="json")
    reordered = json.dumps(dict(reversed(list(data.items()))))
    assert fingerprint(OP.validate_json(reordered)) == fingerprint(op)
    changed = op.model_copy(update={"body": op.body.model_copy(update={"channel": "counter"})})
    assert fingerprint(changed) != fingerprint(op)


@pytest.mark.parametrize(
    ("path", "value", "error"),
    [
        (("body", "procedure", "revision"), "1", "int_type"),  # strict: no coercion
        (("body", "answers", "consent"), None, "string_type"),
        (("body", "tracking_code"), "bcdfghjk", "string_pattern_mismatch"),
        (("body", "reference"), "borne 1/2026", "string_pattern_mismatch"),
        (("body", "requester", "email"), "x" * 255, "string_too_long"),
        (("body", "documents", 0, "media_type"), "image/svg+xml", "literal_error"),
        (("body", "documents", 0, "size"), 0, "greater_than_equal"),
        (("body", "documents", 0, "sha256"), "AB" * 32, "string_pattern_mismatch"),
        (("body", "submitted_at"), "2026-11-30T10:00:00", "timezone_aware"),
        (("body", "answers", "montant"), "NaN", None),
        (("op_id",), "42", "uuid_parsing"),
    ],
)
def test_ops_refuse_what_central_must_not_store(path: tuple[str | int, ...], value: object, error: str | None) -> None:
    data = submit_op().model_dump(mode="json")
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    raw = json.dumps(data) if value != "NaN" else json.dumps(data).replace('"NaN"', "NaN")
    with pytest.raises(ValidationError) as raised:
        OP.validate_json(raw)
    if error is not None:
        assert error in {e["type"] for e in raised.value.errors()}


def test_a_batch_is_bounded_and_a_result_holds_an_answer_or_an_error() -> None:
    with pytest.raises(ValidationError, match="at least 1 item"):
        OpBatch(ops=[])
    with pytest.raises(ValidationError, match="at most 100 items"):
        OpBatch(ops=[submit_op() for _ in range(101)])
    with pytest.raises(ValidationError, match="either an answer or an error"):
        OpResult(op_id=None, status=201, replayed=False)

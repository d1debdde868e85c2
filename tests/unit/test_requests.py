"""Requests: submission in one transaction, tracking, cancellation and the outbox, on a real SQLite file."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import hashlib
import logging
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, event, func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.models.db import make_engine, make_session_factory
from kiosk.models.dto import (
    REQUEST_STATUSES,
    Address,
    CannotCancel,
    DocumentFile,
    DocumentInfo,
    RequestDraft,
    Requester,
    RequestNotFound,
    Slot,
    SubmittedRequest,
    TrackedRequest,
)
from kiosk.models.repositories import CatalogueRepository
from kiosk.models.request_repository import RequestRepository
from kiosk.models.tables import Counter, Outbox, Request, RequestDocument, RequestEvent
from kiosk.models.tracking_key import load_tracking_key
from kiosk.services.executors import DbExecutor
from kiosk.services.requests import MAX_CODE_TRIES, RequestService, SubmissionFailed
from kiosk.services.tracking import FixedBlock, TrackingGuard
from kiosk.views.answers import spaced_code
from sync.catalogue import LocalizedText, Procedure
from tests.unit.catalogue_data import domain, procedure

if TYPE_CHECKING:
    from _typeshed import SupportsLenAndGetItem

T = TypeVar("T")

NOW = dt.datetime(2026, 12, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)
PARIS_WINTER = dt.timezone(dt.timedelta(hours=1))
ETAT_CIVIL = domain("etat-civil", "État civil")
SLUG = "acte-naissance"
# Canaries: personal data that must never reach a log.
LAST_NAME = "Canaryname"
EMAIL = "canary.mail@example.org"
FILENAME = "canary-passport.png"
ANSWER = "canary-answer"


def acte(revision: int = 1, title: str = "Demande d'acte de naissance") -> Procedure:
    return procedure(SLUG, "etat-civil", title, revision=revision)


def requester() -> Requester:
    return Requester(
        civility="madame",
        last_name=LAST_NAME,
        first_name="Zoé",
        address=Address(line="3 rue des Lilas", postcode="75011", city="Paris", complement="Bât. B"),
        email=EMAIL,
        phone="0612345678",
        notify_by="email",
    )


def slot() -> Slot:
    return Slot(
        id="slot-42",
        starts_at=dt.datetime(2026, 12, 3, 10, 0, tzinfo=PARIS_WINTER),
        ends_at=dt.datetime(2026, 12, 3, 10, 15, tzinfo=PARIS_WINTER),
        place="Mairie annexe, guichet 2",
    )


def attachment(position: int = 1, content: bytes = b"\x89PNG recto", field_id: str = "justificatif") -> DocumentFile:
    return DocumentFile(field_id, position, FILENAME, "image/png", content)


def make_draft(client_uuid: str, **changes: Any) -> RequestDraft:
    draft = RequestDraft(
        client_uuid=client_uuid,
        procedure_slug=SLUG,
        procedure_revision=1,
        answers={
            "nom": ANSWER,
            "naissance": "1990-04-01",
            "copies": 2,
            "montant": 12.5,
            "consent": True,
            "motifs": ("mariage", "passeport"),
            "adresse": Address(line="1 place de la Mairie", postcode="75001", city="Paris"),
        },
        requester=requester(),
        appointment=None,
        documents=(),
    )
    return dataclasses.replace(draft, **changes)


_uuids = iter(f"00000000-0000-4000-8000-{n:012d}" for n in range(1, 10_000))


def new_uuid() -> str:
    return next(_uuids)


class ScriptedRng(random.Random):
    """Draws the letters of ``codes`` in turn: how a test forces tracking-code clashes."""

    def __init__(self, *codes: str) -> None:
        super().__init__(0)
        self._letters = iter("".join(codes))

    def choice(self, seq: SupportsLenAndGetItem[T]) -> T:
        return cast(T, next(self._letters))


@pytest.fixture
def catalogue(repository: CatalogueRepository) -> CatalogueRepository:
    repository.replace_catalogue([ETAT_CIVIL], [acte()], source="v1")
    return repository


@pytest.fixture
def key(db_path: Path) -> bytes:
    return load_tracking_key(db_path)


@pytest.fixture
def requests_repository(
    session_factory: sessionmaker[Session], catalogue: CatalogueRepository, key: bytes
) -> RequestRepository:
    return RequestRepository(session_factory, key)


PARIS = ZoneInfo("Europe/Paris")


def make_service(
    repository: RequestRepository, db: DbExecutor, rng: random.Random | None = None, now: dt.datetime = NOW
) -> RequestService:
    return RequestService(repository, db, "borne-1", PARIS, clock=lambda: now, rng=rng)


@pytest.fixture
def service(requests_repository: RequestRepository, db_executor: DbExecutor) -> RequestService:
    return make_service(requests_repository, db_executor)


def counts(session_factory: sessionmaker[Session]) -> dict[str, int]:
    with session_factory() as session:
        return {
            table.__tablename__: session.scalar(select(func.count()).select_from(table)) or 0
            for table in (Request, RequestDocument, RequestEvent, Outbox, Counter)
        }


def assert_matches(submitted: SubmittedRequest, tracked: TrackedRequest) -> None:
    assert tracked.reference == submitted.reference
    assert tracked.tracking_code == submitted.tracking_code
    assert tracked.procedure_slug == submitted.procedure_slug
    assert tracked.procedure_revision == submitted.procedure_revision
    assert tracked.procedure_title == submitted.procedure_title
    assert tracked.created_at == submitted.created_at
    assert tracked.appointment == submitted.appointment
    assert tracked.documents == submitted.documents


def test_submit_writes_request_files_history_and_one_outbox_row(
    service: RequestService, session_factory: sessionmaker[Session]
) -> None:
    recto, verso = attachment(1), attachment(2, b"\x89PNG verso with more")
    draft = make_draft(new_uuid(), appointment=slot(), documents=(recto, verso))
    submitted = asyncio.run(service.submit(draft))

    assert counts(session_factory) == {
        "request": 1,
        "request_document": 2,
        "request_event": 5,
        "outbox": 1,
        "counter": 1,
    }
    assert submitted.reference == "borne-1-2026-000001"
    assert submitted.client_uuid == draft.client_uuid
    assert submitted.procedure_title == LocalizedText(fr="Demande d'acte de naissance")
    assert submitted.created_at == NOW
    assert submitted.appointment == slot()
    assert submitted.documents == (
        DocumentInfo("justificatif", 1, FILENAME, "image/png", len(recto.content)),
        DocumentInfo("justificatif", 2, FILENAME, "image/png", len(verso.content)),
    )

    tracked = asyncio.run(service.find(submitted.tracking_code))
    assert tracked is not None
    assert_matches(submitted, tracked)
    assert (tracked.status, tracked.archived, tracked.pending_send) == ("submitted", False, True)
    assert tracked.requester == draft.requester
    assert tracked.answers == draft.answers
    assert [(e.kind, e.code, e.detail) for e in tracked.events] == [
        ("operation", "submitted", "kiosk"),
        ("document", "document_added", "justificatif:1"),
        ("document", "document_added", "justificatif:2"),
        ("appointment", "appointment_booked", "2026-12-03T10:00:00+01:00"),
        ("operation", "queued", "request.submit"),
    ]
    assert {e.at for e in tracked.events} == {NOW}


def test_the_outbox_payload_is_wire_ready_and_holds_only_the_given_answers(service: RequestService) -> None:
    content = b"\x89PNG canary bytes"
    answers = {"nom": ANSWER, "consent": False}  # the wizard already dropped the hidden answers
    draft = make_draft(new_uuid(), answers=answers, appointment=slot(), documents=(attachment(1, content),))
    submitted = asyncio.run(service.submit(draft))

    (item,) = asyncio.run(service.outbox())
    assert (item.kind, item.client_uuid, item.created_at, item.attempts) == (
        "request.submit",
        draft.client_uuid,
        NOW,
        0,
    )
    payload = item.payload
    assert payload["answers"] == {"nom": ANSWER, "consent": False}
    assert payload["procedure"] == {"slug": SLUG, "revision": 1}
    assert payload["client_uuid"] == draft.client_uuid
    assert payload["reference"] == submitted.reference
    assert payload["tracking_code"] == submitted.tracking_code
    assert payload["channel"] == "kiosk"
    assert payload["appointment"] == {
        "id": "slot-42",
        "starts_at": "2026-12-03T10:00:00+01:00",
        "ends_at": "2026-12-03T10:15:00+01:00",
        "place": "Mairie annexe, guichet 2",
    }
    assert payload["documents"] == [
        {
            "field_id": "justificatif",
            "position": 1,
            "filename": FILENAME,
            "media_type": "image/png",
            "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
        }
    ]
    requester_payload = cast(dict[str, Any], payload["requester"])
    assert requester_payload["last_name"] == LAST_NAME
    assert requester_payload["address"]["complement"] == "Bât. B"
    # The bytes travel separately (by sha256), never inside the JSON.
    assert "canary bytes" not in repr(payload)


def test_every_answer_type_survives_the_round_trip(service: RequestService) -> None:
    draft = make_draft(new_uuid())
    submitted = asyncio.run(service.submit(draft))
    tracked = asyncio.run(service.find(submitted.tracking_code))
    assert tracked is not None
    assert dict(tracked.answers) == dict(draft.answers)
    # bool stays bool and int stays int (True == 1 in Python, so compare types too).
    assert [type(v) for v in tracked.answers.values()] == [type(v) for v in draft.answers.values()]


def test_the_request_keeps_the_revision_it_was_filled_against(
    catalogue: CatalogueRepository, service: RequestService
) -> None:
    submitted = asyncio.run(service.submit(make_draft(new_uuid())))
    catalogue.replace_catalogue([ETAT_CIVIL], [acte(2, "Acte de naissance (nouveau)")], source="v2")
    current = catalogue.procedure(SLUG)
    assert current is not None
    assert current.summary.revision == 2

    tracked = asyncio.run(service.find(submitted.tracking_code))
    assert tracked is not None
    assert tracked.procedure_revision == 1
    assert tracked.procedure_title.fr == "Demande d'acte de naissance"
    (item,) = asyncio.run(service.outbox())
    assert item.payload["procedure"] == {"slug": SLUG, "revision": 1}


def test_a_draft_against_a_revision_not_in_the_cache_is_refused(
    service: RequestService, session_factory: sessionmaker[Session]
) -> None:
    with pytest.raises(SubmissionFailed, match="not in the cache"):
        asyncio.run(service.submit(make_draft(new_uuid(), procedure_revision=9)))
    assert set(counts(session_factory).values()) == {0}


def test_a_second_submit_of_the_same_intent_writes_nothing(
    service: RequestService, session_factory: sessionmaker[Session]
) -> None:
    draft = make_draft(new_uuid(), documents=(attachment(),))
    first = asyncio.run(service.submit(draft))
    again = asyncio.run(service.submit(draft))
    assert again == first
    assert counts(session_factory)["outbox"] == 1
    assert counts(session_factory)["request"] == 1


def test_a_taken_tracking_code_is_drawn_again(
    requests_repository: RequestRepository, db_executor: DbExecutor, session_factory: sessionmaker[Session]
) -> None:
    first = asyncio.run(
        make_service(requests_repository, db_executor, ScriptedRng("BBBBBBBB")).submit(make_draft(new_uuid()))
    )
    clashing = make_service(requests_repository, db_executor, ScriptedRng("BBBBBBBB", "BBBBBBBB", "CDFGHJKL"))
    second = asyncio.run(clashing.submit(make_draft(new_uuid())))

    assert (first.tracking_code, second.tracking_code) == ("BBBBBBBB", "CDFGHJKL")
    # The clashing attempts were rolled back whole, reference number included: no gap in the sequence.
    assert (first.reference, second.reference) == ("borne-1-2026-000001", "borne-1-2026-000002")
    assert counts(session_factory)["outbox"] == 2


def test_after_five_clashes_the_submission_fails_cleanly(
    requests_repository: RequestRepository, db_executor: DbExecutor, session_factory: sessionmaker[Session]
) -> None:
    asyncio.run(make_service(requests_repository, db_executor, ScriptedRng("BBBBBBBB")).submit(make_draft(new_uuid())))
    before = counts(session_factory)
    stuck = make_service(requests_repository, db_executor, ScriptedRng(*["BBBBBBBB"] * MAX_CODE_TRIES))
    with pytest.raises(SubmissionFailed, match="no free tracking code"):
        asyncio.run(stuck.submit(make_draft(new_uuid())))
    assert counts(session_factory) == before


@pytest.fixture
def tiny_engine(engine: Engine, db_path: Path, catalogue: CatalogueRepository) -> Iterator[Engine]:
    """A second engine on the same file whose connections cannot grow it by more than 64 pages (256 KiB)."""
    with engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar_one()
    tiny = make_engine(db_path)

    @event.listens_for(tiny, "connect")
    def _limit(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 64}")

    yield tiny
    tiny.dispose()


def test_a_full_disk_at_validation_leaves_nothing_and_the_next_submit_works(
    tiny_engine: Engine,
    key: bytes,
    db_executor: DbExecutor,
    session_factory: sessionmaker[Session],
    caplog: pytest.LogCaptureFixture,
) -> None:
    service = make_service(RequestRepository(make_session_factory(tiny_engine), key), db_executor)
    big = attachment(1, random.Random(3).randbytes(2 * 1024 * 1024))
    draft = make_draft(new_uuid(), appointment=slot(), documents=(attachment(2), big))

    with caplog.at_level(logging.DEBUG), pytest.raises(SubmissionFailed) as failure:
        asyncio.run(service.submit(draft))

    assert "database or disk is full" in failure.value.reason
    assert set(counts(session_factory).values()) == {0}
    for canary in (LAST_NAME, EMAIL, FILENAME, ANSWER):
        assert canary not in caplog.text
        assert canary not in str(failure.value)
    # The same draft, without the big file, goes through on the same small disk.
    retried = asyncio.run(service.submit(dataclasses.replace(draft, documents=(attachment(2),))))
    assert retried.reference == "borne-1-2026-000001"
    assert counts(session_factory) == {
        "request": 1,
        "request_document": 1,
        "request_event": 4,
        "outbox": 1,
        "counter": 1,
    }


class _BrokenStore(RequestRepository):
    def submit(self, *args: Any, **kwargs: Any) -> SubmittedRequest:
        raise OSError(28, "No space left on device", f"/media/usb/{FILENAME}")


def test_an_os_error_becomes_a_submission_failure_without_the_path(
    session_factory: sessionmaker[Session], db_executor: DbExecutor, key: bytes
) -> None:
    service = make_service(_BrokenStore(session_factory, key), db_executor)
    with pytest.raises(SubmissionFailed) as failure:
        asyncio.run(service.submit(make_draft(new_uuid())))
    assert failure.value.reason == "OSError errno=28"
    assert failure.value.__cause__ is None
    assert failure.value.__suppress_context__


def test_the_tracking_code_is_not_kept_in_clear_in_the_request_table(service: RequestService, db_path: Path) -> None:
    """The code opens the request: the cache keeps a keyed hash of it for look-ups, never the code itself."""
    submitted = asyncio.run(service.submit(make_draft(new_uuid())))
    raw = sqlite3.connect(db_path)
    columns = [name for _, name, *_ in raw.execute("PRAGMA table_info(request)")]
    values = [str(value) for row in raw.execute("SELECT * FROM request") for value in row]
    raw.close()
    assert "tracking_code" not in columns
    assert not [value for value in values if submitted.tracking_code in value]
    # Look-ups by code still work; the code shown comes from what was typed.
    found = asyncio.run(service.find(submitted.tracking_code.lower()))
    assert found is not None
    assert found.tracking_code == submitted.tracking_code
    cancelled = asyncio.run(service.cancel(submitted.tracking_code))
    assert cancelled.tracking_code == submitted.tracking_code


def test_a_copy_of_the_cache_without_its_key_opens_nothing(
    service: RequestService, session_factory: sessionmaker[Session], db_executor: DbExecutor
) -> None:
    submitted = asyncio.run(service.submit(make_draft(new_uuid(), documents=(attachment(),))))
    stranger = make_service(RequestRepository(session_factory, b"k" * 32), db_executor)
    assert asyncio.run(stranger.find(submitted.tracking_code)) is None
    assert asyncio.run(stranger.document_content(submitted.tracking_code, "justificatif", 1)) is None
    with pytest.raises(RequestNotFound):
        asyncio.run(stranger.cancel(submitted.tracking_code))


def test_nothing_is_looked_up_while_the_kiosks_guard_blocks(
    requests_repository: RequestRepository, db_executor: DbExecutor
) -> None:
    guard = TrackingGuard(FixedBlock(limit=1), clock=lambda: 1000.0)
    service = RequestService(requests_repository, db_executor, "borne-1", PARIS, clock=lambda: NOW, guard=guard)
    submitted = asyncio.run(service.submit(make_draft(new_uuid())))
    assert asyncio.run(service.find(submitted.tracking_code)) is not None
    guard.failed()  # e.g. restored from before a restart, while a search was already on its way
    assert asyncio.run(service.find(submitted.tracking_code)) is None


def test_find_reads_what_people_type_and_says_none_for_a_wrong_code(service: RequestService) -> None:
    submitted = asyncio.run(service.submit(make_draft(new_uuid())))
    typed = spaced_code(submitted.tracking_code).lower()
    found = asyncio.run(service.find(f"  {typed} "))
    assert found is not None
    assert found.reference == submitted.reference
    assert asyncio.run(service.find("BCDFGHJK" if submitted.tracking_code != "BCDFGHJK" else "CDFGHJKL")) is None
    assert asyncio.run(service.find("AEIOUAEI")) is None
    assert asyncio.run(service.find("")) is None


def test_cancel_archives_appends_an_event_and_queues_its_own_op(
    service: RequestService, session_factory: sessionmaker[Session]
) -> None:
    submitted = asyncio.run(service.submit(make_draft(new_uuid())))
    (submit_op,) = asyncio.run(service.outbox())

    cancelled = asyncio.run(service.cancel(submitted.tracking_code.lower()))

    assert (cancelled.status, cancelled.archived, cancelled.pending_send) == ("cancelled", True, True)
    assert [(e.kind, e.code) for e in cancelled.events[-2:]] == [
        ("operation", "cancelled"),
        ("operation", "cancel_queued"),
    ]
    ops = asyncio.run(service.outbox())
    assert [op.kind for op in ops] == ["request.submit", "request.cancel"]
    assert ops[0] == submit_op
    assert ops[1].op_id != submit_op.op_id
    assert ops[1].payload == {
        "client_uuid": submitted.client_uuid,
        "reference": submitted.reference,
        "cancelled_at": NOW.isoformat(),
    }
    assert asyncio.run(service.find(submitted.tracking_code)) == cancelled

    # A second cancel (a double tap, or the visitor coming back) changes nothing.
    assert asyncio.run(service.cancel(submitted.tracking_code)) == cancelled
    assert counts(session_factory)["outbox"] == 2
    assert counts(session_factory)["request_event"] == 4


@pytest.mark.parametrize("status", ["accepted", "refused", "closed"])
def test_a_decided_request_cannot_be_cancelled(
    service: RequestService, session_factory: sessionmaker[Session], status: str
) -> None:
    submitted = asyncio.run(service.submit(make_draft(new_uuid())))
    with session_factory.begin() as session:
        session.execute(update(Request).values(status=status))
    before = counts(session_factory)

    with pytest.raises(CannotCancel) as refused:
        asyncio.run(service.cancel(submitted.tracking_code))

    assert refused.value.status == status
    assert counts(session_factory) == before
    tracked = asyncio.run(service.find(submitted.tracking_code))
    assert tracked is not None
    assert (tracked.status, tracked.archived) == (status, False)


@pytest.mark.parametrize("code", ["BCDFGHJK", "not a code"])
def test_cancelling_an_unknown_code_says_so(service: RequestService, code: str) -> None:
    with pytest.raises(RequestNotFound):
        asyncio.run(service.cancel(code))


def test_an_op_id_never_changes(
    service: RequestService, engine: Engine, db_path: Path, db_executor: DbExecutor, key: bytes
) -> None:
    submitted = asyncio.run(service.submit(make_draft(new_uuid())))
    first = [op.op_id for op in asyncio.run(service.outbox())]
    assert first == [op.op_id for op in asyncio.run(service.outbox())]
    asyncio.run(service.cancel(submitted.tracking_code))
    assert [op.op_id for op in asyncio.run(service.outbox())][:1] == first

    # After a restart (a new engine on the same file) the same keys come back.
    engine.dispose()
    restarted = make_engine(db_path)
    try:
        again = make_service(RequestRepository(make_session_factory(restarted), key), db_executor)
        assert [op.op_id for op in asyncio.run(again.outbox())][:1] == first
    finally:
        restarted.dispose()


def test_sent_ops_leave_the_outbox_and_the_request_is_no_longer_pending(
    service: RequestService, session_factory: sessionmaker[Session]
) -> None:
    submitted = asyncio.run(service.submit(make_draft(new_uuid())))
    with session_factory.begin() as session:
        session.execute(update(Outbox).values(sent_at=NOW))
    assert asyncio.run(service.outbox()) == []
    tracked = asyncio.run(service.find(submitted.tracking_code))
    assert tracked is not None
    assert tracked.pending_send is False


def test_attachment_content_comes_back_byte_for_byte(service: RequestService) -> None:
    recto, verso = attachment(1, b"recto bytes"), attachment(2, b"verso bytes")
    submitted = asyncio.run(service.submit(make_draft(new_uuid(), documents=(recto, verso))))
    code = submitted.tracking_code
    assert asyncio.run(service.document_content(code, "justificatif", 2)) == b"verso bytes"
    assert asyncio.run(service.document_content(code, "justificatif", 3)) is None
    assert (
        asyncio.run(service.document_content("BCDFGHJK" if code != "BCDFGHJK" else "CDFGHJKL", "justificatif", 1))
        is None
    )
    assert asyncio.run(service.document_content("nope", "justificatif", 1)) is None


@pytest.mark.parametrize("position", [0, 5])
def test_a_file_position_outside_one_to_four_is_refused_whole(
    service: RequestService, session_factory: sessionmaker[Session], position: int
) -> None:
    with pytest.raises(SubmissionFailed):
        asyncio.run(service.submit(make_draft(new_uuid(), documents=(attachment(1), attachment(position)))))
    assert set(counts(session_factory).values()) == {0}


def test_the_status_constraint_accepts_exactly_the_public_statuses(
    service: RequestService, session_factory: sessionmaker[Session]
) -> None:
    asyncio.run(service.submit(make_draft(new_uuid())))
    for status in REQUEST_STATUSES:
        with session_factory.begin() as session:
            session.execute(update(Request).values(status=status))
    with pytest.raises(IntegrityError), session_factory.begin() as session:
        session.execute(text("UPDATE request SET status = 'lost'"))


def test_the_reference_takes_the_towns_year_not_utcs(
    requests_repository: RequestRepository, db_executor: DbExecutor
) -> None:
    # 00:30 on 1 January in Paris is still 31 December in UTC: the town's new year numbers the request.
    new_year_night = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC)
    service = make_service(requests_repository, db_executor, now=new_year_night)
    submitted = asyncio.run(service.submit(make_draft(new_uuid())))
    assert submitted.reference == "borne-1-2027-000001"
    # and the sequence of 2027 is the one that moved: the next request of the old UTC year starts at 1 again
    late_in_paris = dt.datetime(2026, 12, 31, 22, 30, tzinfo=dt.UTC)  # 23:30 in Paris
    again = asyncio.run(
        make_service(requests_repository, db_executor, now=late_in_paris).submit(make_draft(new_uuid()))
    )
    assert again.reference == "borne-1-2026-000001"


def test_logs_name_references_only(service: RequestService, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        submitted = asyncio.run(service.submit(make_draft(new_uuid(), documents=(attachment(),))))
        asyncio.run(service.cancel(submitted.tracking_code))
    assert submitted.reference in caplog.text
    for secret in (LAST_NAME, EMAIL, FILENAME, ANSWER, submitted.tracking_code):
        assert secret not in caplog.text


def test_dtos_are_frozen(service: RequestService) -> None:
    submitted = asyncio.run(service.submit(make_draft(new_uuid())))
    with pytest.raises(dataclasses.FrozenInstanceError):
        submitted.reference = "x"  # type: ignore[misc]
    tracked = asyncio.run(service.find(submitted.tracking_code))
    assert tracked is not None
    with pytest.raises(TypeError):
        tracked.answers["nom"] = "x"  # type: ignore[index]


def test_a_kiosk_id_that_cannot_prefix_a_reference_is_refused(
    requests_repository: RequestRepository, db_executor: DbExecutor
) -> None:
    with pytest.raises(ValueError, match="kiosk_id"):
        RequestService(requests_repository, db_executor, "borne 1/2", PARIS)


def test_booked_slots_are_held_until_the_request_is_cancelled(service: RequestService) -> None:
    assert asyncio.run(service.booked_slot_ids()) == frozenset()
    with_slot = asyncio.run(service.submit(make_draft(new_uuid(), appointment=slot())))
    asyncio.run(service.submit(make_draft(new_uuid())))
    assert asyncio.run(service.booked_slot_ids()) == {"slot-42"}
    asyncio.run(service.cancel(with_slot.tracking_code))
    assert asyncio.run(service.booked_slot_ids()) == frozenset()

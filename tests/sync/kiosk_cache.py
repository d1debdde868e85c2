"""A kiosk's cache for the sync tests: a real SQLite file, migrated, with a catalogue, and requests made through
the kiosk's own RequestService (one transaction writes the request and its outbox op), as a visitor would."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.models.db import make_engine, make_session_factory, migrate
from kiosk.models.dto import Address, RequestDraft, Requester, SubmittedRequest, TrackedRequest
from kiosk.models.outbox_repository import OutboxRepository
from kiosk.models.repositories import CatalogueRepository
from kiosk.models.request_repository import RequestRepository
from kiosk.models.tracking_key import load_tracking_key
from kiosk.services.executors import DbExecutor
from kiosk.services.requests import RequestService
from sync.clock import utc_now
from tests.unit.catalogue_data import domain, procedure

T = TypeVar("T")
KIOSK_ID = "borne-1"
SLUG = "acte-naissance"


def draft(n: int) -> RequestDraft:
    return RequestDraft(
        client_uuid=str(uuid.uuid4()),
        procedure_slug=SLUG,
        procedure_revision=1,
        answers={"nom": f"Réponse {n}", "copies": n, "consent": True},
        requester=Requester(
            civility="madame",
            last_name=f"Dupont{n}",
            first_name="Zoé",
            address=Address(line="3 rue des Lilas", postcode="75011", city="Paris"),
            email=f"z{n}@example.org",
            phone="0612345678",
            notify_by="email",
        ),
        appointment=None,
        documents=(),
    )


@dataclass
class OutboxRow:
    op_id: str
    kind: str
    reference: str
    number: str | None
    attempts: int
    sent: bool
    dead_reason: str | None
    answer_json: str | None


class KioskCache:
    """The cache file at ``path`` and the kiosk's repositories and request service on it; ``clock`` is the kiosk's
    (requests are made at its time)."""

    def __init__(self, path: Path, clock: Callable[[], dt.datetime] | None = None) -> None:
        self.path = path
        self.clock = clock or utc_now
        self.engine: Engine = make_engine(path)
        migrate(self.engine)
        self.sessions: sessionmaker[Session] = make_session_factory(self.engine)
        CatalogueRepository(self.sessions).replace_catalogue(
            [domain("etat-civil", "État civil")], [procedure(SLUG, "etat-civil", "Acte de naissance")], source="t"
        )
        self.requests = RequestRepository(self.sessions, load_tracking_key(path))
        self.outbox = OutboxRepository(self.sessions)

    def submit(self, count: int) -> list[SubmittedRequest]:
        async def work(service: RequestService) -> list[SubmittedRequest]:
            return [await service.submit(draft(n)) for n in range(count)]

        return self._run(work)

    def submit_drafts(self, drafts: list[RequestDraft]) -> list[SubmittedRequest]:
        async def work(service: RequestService) -> list[SubmittedRequest]:
            return [await service.submit(made) for made in drafts]

        return self._run(work)

    def submit_attached(self, drafts: list[RequestDraft], attach_grant: str) -> list[SubmittedRequest]:
        """Requests made by a logged-in citizen: each submit queued with its attach op (the grant of the log-in)."""

        async def work(service: RequestService) -> list[SubmittedRequest]:
            return [await service.submit(made, attach_grant) for made in drafts]

        return self._run(work)

    def attach(self, code: str, attach_grant: str) -> tuple[TrackedRequest, bool]:
        """The request as it then stands, and whether its attach op was queued (``RequestService.attach``)."""

        async def work(service: RequestService) -> tuple[TrackedRequest, bool]:
            return await service.attach(code, attach_grant)

        return self._run(work)

    def cancel(self, code: str) -> TrackedRequest:
        async def work(service: RequestService) -> TrackedRequest:
            return await service.cancel(code)

        return self._run(work)

    def _run(self, work: Callable[[RequestService], Awaitable[T]]) -> T:
        async def main() -> T:
            db = DbExecutor()
            try:
                return await work(RequestService(self.requests, db, KIOSK_ID, ZoneInfo("Europe/Paris"), self.clock))
            finally:
                db.shutdown()

        return asyncio.run(main())

    def rows(self) -> list[OutboxRow]:
        """The outbox as it is on disk, oldest first (read with sqlite3, not through the code under test)."""
        with sqlite3.connect(self.path) as raw:
            found = raw.execute(
                "SELECT o.op_id, o.kind, r.reference, r.number, o.attempts, o.sent_at IS NOT NULL, o.dead_reason, "
                "o.answer_json FROM outbox o JOIN request r ON r.id = o.request_id ORDER BY o.id"
            ).fetchall()
        raw.close()
        return [
            OutboxRow(op_id, kind, reference, number, attempts, bool(sent), dead_reason, answer_json)
            for op_id, kind, reference, number, attempts, sent, dead_reason, answer_json in found
        ]

    def close(self) -> None:
        self.engine.dispose()

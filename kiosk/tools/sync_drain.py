"""``sync_drain_ratio`` of ``kiosk bench``: the push engine against a plain loop of HTTP calls, same bytes.

1,000 requests, each with a 100 kB file, are made through the kiosk's own ``RequestService`` on a real cache file
(one transaction writes each request, its file and its outbox op), then drained by the real push engine, as the
kiosk wires it (its store on the database worker), to a real ``central serve`` on 127.0.0.1. The baseline sends
the very same bytes (each file's ``PUT``, then each op's JSON body under its Idempotency-Key) with a
``requests.Session`` in a loop, and nothing else. Each side gets its own central, started the same way on a fresh
database, so that central does the same work for both: a second send to one central would be a replay.

Target: ratio <= 1.25 (what the engine adds over the network and central: reading the outbox, acknowledging each
op, deleting the personal data it settles).
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo

import requests
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from kiosk.config import Settings
from kiosk.models.db import make_engine, make_session_factory, migrate
from kiosk.models.dto import Address, DocumentFile, RequestDraft, Requester
from kiosk.models.outbox_repository import OutboxRepository
from kiosk.models.repositories import CatalogueRepository
from kiosk.models.request_repository import RequestRepository
from kiosk.models.tables import Outbox, Request
from kiosk.models.tracking_key import load_tracking_key
from kiosk.services.executors import DbExecutor
from kiosk.services.requests import RequestService
from kiosk.services.sync_runner import OnWorker
from kiosk.tools.central_process import HOST, central_environment, central_program, pick_port, wait_until_healthy
from sync.catalogue_files import catalogue_files, load_catalogue
from sync.client import CentralClient
from sync.outbox import QueuedOp
from sync.protocol import API_PREFIX, IDEMPOTENCY_KEY, SubmitOp, canonical_json
from sync.push import PushEngine, build_op

__all__ = ["measure_sync_drain"]

REQUESTS: Final = 1000
FILE_BYTES: Final = 100_000
KIOSK_ID: Final = "borne-bench"
PROCEDURE: Final = ("acte-de-naissance", 1)
_TIMEOUT: Final = (3.05, 30.0)


@dataclass(frozen=True, slots=True)
class _Call:
    """One HTTP call of the baseline: what the engine sends for an op, as bytes."""

    method: str
    path: str
    body: bytes
    headers: dict[str, str]


def measure_sync_drain(count: int = REQUESTS, file_bytes: int = FILE_BYTES) -> dict[str, float]:
    """Seconds to drain ``count`` requests with the push engine, seconds of the plain loop, and their ratio."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-sync-") as scratch:
        root = Path(scratch)
        cache_path = root / "kiosk" / "kiosk.db"
        _fill_cache(cache_path, count, file_bytes)
        engine = make_engine(cache_path)
        outbox = OutboxRepository(make_session_factory(engine))
        try:
            calls = _calls_of(engine, outbox)  # read before the drain: it deletes the files it settles
            with _central(root / "plain") as (url, token):
                plain = _plain_loop(url, token, calls)
            with _central(root / "engine") as (url, token):
                drain = _drain(outbox, url, token, count)
        finally:
            engine.dispose()
    return {
        "sync_drain_s": round(drain, 2),
        "sync_plain_loop_s": round(plain, 2),
        "sync_drain_ratio": round(drain / plain, 2),
    }


def _fill_cache(path: Path, count: int, file_bytes: int) -> None:
    """A kiosk cache holding the demo catalogue and ``count`` requests made through the request service."""
    path.parent.mkdir(parents=True)
    engine = make_engine(path)
    try:
        migrate(engine)
        sessions = make_session_factory(engine)
        catalogue = load_catalogue(catalogue_files(Settings().catalogue_dir))
        CatalogueRepository(sessions).replace_catalogue(catalogue.domains, catalogue.procedures, source="bench")
        repository = RequestRepository(sessions, load_tracking_key(path))

        async def submit_all() -> None:
            db = DbExecutor()
            try:
                service = RequestService(repository, db, KIOSK_ID, ZoneInfo("Europe/Paris"))
                for n in range(count):
                    await service.submit(_draft(n, file_bytes))
            finally:
                db.shutdown()

        asyncio.run(submit_all())
    finally:
        engine.dispose()


def _draft(n: int, file_bytes: int) -> RequestDraft:
    # A PDF by its first bytes (central checks the type by content), distinct for each request: central stores
    # each file once per hash, so a shared file would be uploaded once and acknowledged 999 times.
    header = f"%PDF-1.7\n% bench request {n}\n".encode()
    content = header + os.urandom(file_bytes - len(header))
    return RequestDraft(
        client_uuid=str(uuid.uuid4()),
        procedure_slug=PROCEDURE[0],
        procedure_revision=PROCEDURE[1],
        answers={"concerne": "moi", "nom_naissance": f"Martin{n}", "prenoms": "Léa Anne"},
        requester=Requester(
            civility="madame",
            last_name=f"Martin{n}",
            first_name="Léa",
            address=Address(line="12 rue de la Mairie", postcode="44000", city="Nantes"),
            email=f"lea.martin{n}@example.org",
            phone="0612345678",
            notify_by="email",
        ),
        appointment=None,
        documents=(DocumentFile("piece", 1, f"piece-{n}.pdf", "application/pdf", content),),
    )


def _calls_of(engine: Engine, outbox: OutboxRepository) -> list[_Call]:
    """The calls the engine will make, in its order: each submit's files by hash, then the op."""
    calls: list[_Call] = []
    for queued in _queued(engine):
        op = build_op(queued)
        if isinstance(op, SubmitOp):
            for document in {d.sha256: d for d in op.body.documents}.values():
                content = outbox.blob(op.aggregate_id, document.sha256)
                if content is None or hashlib.sha256(content).hexdigest() != document.sha256:
                    raise RuntimeError(f"the cache does not hold the file {document.sha256} of op {op.op_id}")
                put = {"Content-Type": str(document.media_type)}
                calls.append(_Call("PUT", f"/blobs/{document.sha256}", content, put))
        post = {IDEMPOTENCY_KEY: str(op.op_id), "Content-Type": "application/json"}
        calls.append(_Call("POST", "/ops", canonical_json(op), post))
    return calls


def _queued(engine: Engine) -> list[QueuedOp]:
    """Every op of the outbox in the engine's order (``next_due`` gives a page at a time, as it is drained)."""
    query = select(Outbox, Request.client_uuid).join(Request, Request.id == Outbox.request_id).order_by(Outbox.id)
    with Session(engine) as session:
        return [
            QueuedOp(uuid.UUID(row.op_id), row.kind, uuid.UUID(client_uuid), row.payload_json, row.attempts)
            for row, client_uuid in session.execute(query).all()
        ]


def _plain_loop(url: str, token: str, calls: list[_Call]) -> float:
    """Seconds to make ``calls`` one after the other on one session, each answer read whole."""
    base = url + API_PREFIX
    with requests.Session() as session:
        session.trust_env = False
        session.headers["Authorization"] = f"Bearer {token}"
        start = time.perf_counter()
        for call in calls:
            response = session.request(
                call.method,
                base + call.path,
                data=call.body,
                headers=call.headers,
                timeout=_TIMEOUT,
                allow_redirects=False,
            )
            if response.status_code not in {200, 201}:
                raise RuntimeError(f"{call.method} {call.path}: {response.status_code} {response.text[:300]}")
        return time.perf_counter() - start


def _drain(outbox: OutboxRepository, url: str, token: str, count: int) -> float:
    """Seconds for the push engine, wired as the kiosk wires it, to drain the outbox to central."""
    db = DbExecutor()
    client = CentralClient(url, token, timeout=_TIMEOUT)
    try:
        store = OnWorker(outbox, db)
        engine = PushEngine(store, client, files=store, uploader=client)
        start = time.perf_counter()
        summary = engine.drain()
        elapsed = time.perf_counter() - start
    finally:
        client.close()
        db.shutdown()
    if (summary.sent, summary.retried, summary.dead, summary.stopped_reason) != (count, 0, 0, None):
        raise RuntimeError(f"the drain did not send every request once: {summary}")
    return elapsed


@contextmanager
def _central(folder: Path) -> Iterator[tuple[str, str]]:
    """A ``central serve`` on 127.0.0.1 and a fresh SQLite database in ``folder``: its URL and a kiosk's token."""
    folder.mkdir(parents=True)
    env = central_environment(folder / "data")
    env.update(CENTRAL_DATABASE_URL=f"sqlite:///{folder / 'central.db'}", CENTRAL_TIMEZONE="Europe/Paris")
    _central_command(env, "db", "upgrade")
    token = _central_command(env, "kiosk", "add", KIOSK_ID).strip()
    port = pick_port()
    with (folder / "central.log").open("wb") as log:
        process = subprocess.Popen(
            [str(central_program()), "serve", "--host", HOST, "--port", str(port)], env=env, stdout=log, stderr=log
        )
    url = f"http://{HOST}:{port}"
    try:
        wait_until_healthy(process, url, timeout_s=60)
        yield url, token
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _central_command(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(central_program()), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"central {' '.join(args)} failed: {done.stderr[-2000:]}")
    return done.stdout
